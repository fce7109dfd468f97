from __future__ import annotations

from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.access.models import User


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "roles"]

    def get_roles(self, obj: User) -> list[str]:
        return sorted(obj.role_codes)


class MeViewSet(viewsets.ViewSet):
    """The authenticated user: who am I and which roles do I have."""

    serializer_class = MeSerializer

    def list(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)
