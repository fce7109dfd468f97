"""Reads of the region registry. CBS regions are open data: any logged-in user may read them."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from wijkteam.neighbourhoods.models import Region, RegionLevel


def region_get(*, code: str) -> Region:
    region = Region.objects.select_related("parent", "parent__parent", "municipality").filter(code=code).first()
    if region is None:
        raise Http404
    return region


def region_list(*, level: str | None = None, parent_code: str | None = None, query: str = "") -> QuerySet[Region]:
    """Regions filtered by level, parent code and a name or code fragment."""
    regions = Region.objects.all()
    if level:
        regions = regions.filter(level=level)
    if parent_code:
        regions = regions.filter(parent__code=parent_code)
    if query:
        regions = regions.filter(Q(name__icontains=query) | Q(code__iexact=query))
    return regions


def municipality_list(*, query: str = "") -> QuerySet[Region]:
    return region_list(level=RegionLevel.MUNICIPALITY, query=query).order_by("name")


def region_children(*, region: Region) -> QuerySet[Region]:
    """Direct children with the number of their own children, in one query."""
    return region.children.annotate(child_count=Count("children")).order_by("code")
