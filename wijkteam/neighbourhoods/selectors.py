"""Reads of the region registry and its CBS figures. Open data: any logged-in user may read them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from wijkteam.neighbourhoods import indicators
from wijkteam.neighbourhoods.indicators import EditionKey, Figure
from wijkteam.neighbourhoods.models import Boundary, IndicatorValue, Region, RegionLevel


def region_get(*, code: str) -> Region:
    region = (
        Region.objects.select_related("parent", "parent__parent", "parent__parent__parent", "municipality")
        .filter(code=code)
        .first()
    )
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


def region_lineage(*, region: Region) -> list[Region]:
    """The region and its ancestors up to the Netherlands (from `region_get`'s joins, no query)."""
    lineage = [region]
    while lineage[-1].parent_id is not None and len(lineage) < 4:
        parent = lineage[-1].parent
        if parent is None:
            break
        lineage.append(parent)
    return lineage


def region_figures(*, regions: Sequence[Region]) -> list[dict[EditionKey, Figure]]:
    """Every edition of every indicator of the regions, with rates, in one query."""
    values: dict[int, dict[EditionKey, float | None]] = {r.pk: {} for r in regions}
    for region_id, key, year, table, value in IndicatorValue.objects.filter(region__in=list(regions)).values_list(
        "region_id", "indicator__key", "year", "source_table", "value"
    ):
        values[region_id][(key, year, table)] = value
    return [indicators.figures(values[r.pk]) for r in regions]


@dataclass(frozen=True)
class ProfileRow:
    """One edition of an indicator with a cell (region, figure or None for missing) per compared region."""

    definition: indicators.IndicatorDef
    year: int
    source_table: str
    cells: list[tuple[Region, Figure | None]]


@dataclass
class RegionProfile:
    """The figures of a region beside its ancestors (district, municipality, the Netherlands)."""

    regions: list[Region]
    rows: dict[str, list[ProfileRow]]
    availability: dict[str, tuple[tuple[int, ...], ...]]
    figures: dict[EditionKey, Figure]
    # Categories the region has no figure for while an ancestor has: shown plainly as missing.
    missing_categories: list[str] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return any(f.value is not None for f in self.figures.values())


def region_profile(*, region: Region) -> RegionProfile:
    lineage = region_lineage(region=region)
    per_region = region_figures(regions=lineage)
    availability = indicators.availability(per_region)
    missing = [category for category, cells in availability.items() if not cells[0] and any(cells[1:])]
    rows = {
        category: [
            ProfileRow(row.definition, row.year, row.source_table, list(zip(lineage, row.cells, strict=True)))
            for row in category_rows
        ]
        for category, category_rows in indicators.comparison(per_region).items()
    }
    return RegionProfile(
        regions=lineage,
        rows=rows,
        availability=availability,
        figures=per_region[0],
        missing_categories=missing,
    )


def district_map_editions(*, municipality: Region) -> list[EditionKey]:
    """The editions with at least one value among the municipality's districts, in catalogue order."""
    editions = (
        IndicatorValue.objects.filter(
            region__municipality=municipality, region__level=RegionLevel.DISTRICT, value__isnull=False
        )
        .values_list("indicator__key", "year", "source_table")
        .distinct()
    )
    known = [e for e in editions if e[0] in indicators.BY_KEY]
    return sorted(known, key=indicators.edition_sort_key)


# The map opens on the first of these with figures for the districts: the inputs a policy advisor
# asks for first (single-person households and benefits), then ageing, then plain population.
DEFAULT_MAP_INDICATORS = (
    "households_single_person",
    "persons_social_assistance_bijstand",
    "age_65_plus",
    "population",
)


def district_map_default(editions: Sequence[EditionKey]) -> EditionKey | None:
    for key in DEFAULT_MAP_INDICATORS:
        candidates = [e for e in editions if e[0] == key]
        if candidates:
            return max(candidates, key=lambda e: (e[1], e[2]))
    return editions[0] if editions else None


@dataclass(frozen=True)
class MapRow:
    region: Region
    figure: Figure | None
    geometry: str | None

    @property
    def measure(self) -> float | None:
        return indicators.measure(self.figure)


@dataclass(frozen=True)
class DistrictMap:
    municipality: Region
    edition: EditionKey
    rows: list[MapRow]
    aggregate: indicators.Aggregate

    @property
    def definition(self) -> indicators.IndicatorDef:
        return indicators.BY_KEY[self.edition[0]]


def district_map(*, municipality: Region, edition: EditionKey) -> DistrictMap:
    """One edition of an indicator over the municipality's districts, with their boundaries; two queries."""
    key, year, table = edition
    definition = indicators.BY_KEY[key]
    districts = list(
        Region.objects.filter(municipality=municipality, level=RegionLevel.DISTRICT)
        .select_related("boundary")
        .order_by("code")
    )
    values: dict[int, dict[EditionKey, float | None]] = {d.pk: {} for d in districts}
    for region_id, value_key, value in IndicatorValue.objects.filter(
        region__municipality=municipality,
        region__level=RegionLevel.DISTRICT,
        indicator__key__in=[key, *definition.denominator],
        year=year,
        source_table=table,
    ).values_list("region_id", "indicator__key", "value"):
        values[region_id][(value_key, year, table)] = value
    rows = []
    for district in districts:
        figure = indicators.figures(values[district.pk]).get(edition)
        boundary: Boundary | None = getattr(district, "boundary", None)
        rows.append(MapRow(district, figure, boundary.geometry if boundary else None))
    aggregate = indicators.mean_skip_missing([row.measure for row in rows])
    return DistrictMap(municipality, edition, rows, aggregate)


def municipalities_with_district_figures(*, keys: Sequence[str]) -> QuerySet[Region]:
    """Municipalities whose districts have a value for every one of `keys` in some edition."""
    matching = Region.objects.filter(level=RegionLevel.MUNICIPALITY)
    for key in keys:
        matching = matching.filter(
            pk__in=IndicatorValue.objects.filter(
                indicator__key=key, region__level=RegionLevel.DISTRICT, value__isnull=False
            ).values("region__municipality")
        )
    return matching.order_by("name")
