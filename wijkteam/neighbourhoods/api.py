from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.core.api import LargePagination
from wijkteam.neighbourhoods import indicators, selectors
from wijkteam.neighbourhoods.indicators import Figure
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


class IndicatorEditionSerializer(serializers.Serializer):
    """One edition of a CBS indicator of a region. `value` null: missing or secret (never 0)."""

    id = serializers.SerializerMethodField(help_text="key:year:source_table")
    key = serializers.CharField()
    name = serializers.SerializerMethodField()
    category = serializers.SerializerMethodField()
    value = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()
    year = serializers.IntegerField()
    source_table = serializers.CharField()
    rate = serializers.FloatField(allow_null=True, help_text="the value per its base (rate_unit); null: no rate")
    rate_unit = serializers.CharField(allow_blank=True)

    def get_id(self, figure: Figure) -> str:
        return indicators.edition_token((figure.key, figure.year, figure.source_table))

    def get_name(self, figure: Figure) -> str:
        return figure.definition.name

    def get_category(self, figure: Figure) -> str:
        return figure.definition.category


class EditionPagination(LargePagination):
    """A region has a few hundred editions at most: one page holds them all unless asked otherwise."""

    page_size = 1000


@extend_schema_view(
    indicators=extend_schema(
        responses=IndicatorEditionSerializer(many=True),
        description="Every edition of every CBS indicator of the region, with its year and source table.",
    ),
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
    ),
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

    @action(detail=True, methods=["get"], url_path="indicators", pagination_class=EditionPagination)
    def indicators(self, request: Request, code: str | None = None) -> Response:
        region = selectors.region_get(code=code or "")
        figures = selectors.region_figures(regions=[region])[0]
        editions: list[Any] = [figures[e] for e in sorted(figures, key=indicators.edition_sort_key)]
        page = self.paginate_queryset(editions)  # type: ignore[arg-type]  # DRF pages any sequence
        return self.get_paginated_response(IndicatorEditionSerializer(page, many=True).data)
