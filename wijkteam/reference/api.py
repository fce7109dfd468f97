from __future__ import annotations

from rest_framework import serializers, viewsets

from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain


class LifeDomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = LifeDomain
        fields = [
            "id",
            "code",
            "name_nl",
            "name_en",
            "order",
            "is_criminal_data",
            "is_active",
        ]


class CareLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = CareLevel
        fields = [
            "id",
            "level",
            "code",
            "name_nl",
            "name_en",
            "requires_decision",
            "is_active",
        ]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = [
            "id",
            "code",
            "abbreviation",
            "name_nl",
            "name_en",
            "reference_url",
            "is_active",
        ]


class LifeDomainViewSet(viewsets.ReadOnlyModelViewSet):
    """The 13 life domains of the self-reliance matrix."""

    queryset = LifeDomain.objects.all()
    serializer_class = LifeDomainSerializer


class CareLevelViewSet(viewsets.ReadOnlyModelViewSet):
    """The care levels 0–4 of the stepped-care model."""

    queryset = CareLevel.objects.all()
    serializer_class = CareLevelSerializer


class LegalBasisViewSet(viewsets.ReadOnlyModelViewSet):
    """Laws that processing and decisions rest on."""

    queryset = LegalBasis.objects.all()
    serializer_class = LegalBasisSerializer
