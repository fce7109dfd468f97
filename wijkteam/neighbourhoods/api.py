from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from wijkteam.core.api import LargePagination
from wijkteam.neighbourhoods import selectors
from wijkteam.neighbourhoods.models import Region, RegionLevel


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", default=None, read_only=True)
    municipality = serializers.CharField(source="municipality.code", default=None, read_only=True)

    class Meta:
        model = Region
        fields = [
            "code",
            "name",
            "display_name",
            "level",
            "parent",
            "municipality",
            "edition_year",
        ]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "level",
                enum=RegionLevel.values,
                description="country, municipality, district, …",
            ),
            OpenApiParameter("parent", str, description="CBS code of the parent region, e.g. GM0153"),
            OpenApiParameter("q", str, description="fragment of the name, or an exact CBS code"),
        ]
    )
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The CBS region registry (open data). Regions are identified by their CBS `code`."""

    serializer_class = RegionSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]+"
    pagination_class = LargePagination

    def get_queryset(self) -> QuerySet[Region]:
        params = self.request.query_params
        level = params.get("level") or None
        if level and level not in RegionLevel.values:
            level = "__none__"
        return (
            selectors.region_list(
                level=level,
                parent_code=params.get("parent"),
                query=params.get("q", "")[:100],
            )
            .select_related("parent", "municipality")
            .order_by("code")
        )
