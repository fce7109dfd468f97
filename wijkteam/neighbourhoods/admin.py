from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from wijkteam.neighbourhoods.models import Boundary, Indicator, IndicatorValue, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "edition_year"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent", "municipality"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Mirrors the catalogue in indicators.py (the import keeps it in step); for looking up, not editing."""

    list_display = ["key", "name_nl", "unit", "category", "rate_unit"]
    list_filter = ["category", "unit"]
    search_fields = ["key", "name_nl", "name_en"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Indicator | None = None) -> bool:
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["region", "indicator", "year", "source_table", "value"]
    list_filter = ["year", "source_table", "indicator__category"]
    search_fields = ["region__code", "indicator__key"]
    raw_id_fields = ["region", "indicator"]
    list_select_related = ["region", "indicator"]


@admin.register(Boundary)
class BoundaryAdmin(admin.ModelAdmin):
    list_display = ["region", "year"]
    search_fields = ["region__code"]
    raw_id_fields = ["region"]
