"""Writes to the region registry: the bulk, idempotent imports of the CBS registry, figures and boundaries.

These are system imports run by management commands (open data, no person involved), so they take no
actor and write no audit event, like the registry import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from wijkteam.neighbourhoods import cbs_client, indicators, odata
from wijkteam.neighbourhoods.models import Boundary, Indicator, IndicatorValue, Region, RegionLevel
from wijkteam.neighbourhoods.registry import read_regions
from wijkteam.neighbourhoods.snapshot import (
    BOUNDARY_FILES,
    SNAPSHOT_FILES,
    Record,
    read_boundaries,
    read_indicator_file,
)

REGISTRY_FILE = Path(settings.BASE_DIR) / "data" / "cbs" / "kwb2024_nl_gemeenten_wijken_buurten.csv"
_LEVEL_ORDER = {"country": 0, "municipality": 1, "district": 2, "neighbourhood": 3}


@dataclass(frozen=True)
class RegionImportResult:
    created: int
    updated: int
    unchanged: int
    orphans: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def regions_import(
    *, path: Path = REGISTRY_FILE, progress: Callable[[int, int], None] | None = None
) -> RegionImportResult:
    """Bring the registry in line with a CBS kwb CSV; a second run with the same file writes nothing.

    Levels are processed top-down so that new rows are created with their parent already known; only
    rows whose values differ are written.
    """
    rows = sorted(read_regions(path), key=lambda r: (_LEVEL_ORDER[r.level], r.code))
    current = {
        code: (pk, (name, level, year, parent_id, municipality_id))
        for code, pk, name, level, year, parent_id, municipality_id in Region.objects.values_list(
            "code", "id", "name", "level", "edition_year", "parent_id", "municipality_id"
        )
    }
    created = updated = orphans = done = 0
    for level in sorted(_LEVEL_ORDER, key=_LEVEL_ORDER.__getitem__):
        new: list[Region] = []
        changed: list[Region] = []
        for row in (r for r in rows if r.level == level):
            parent_id = current[row.parent_code][0] if row.parent_code in current else None
            municipality_id = None
            if level in ("district", "neighbourhood") and row.municipality_code in current:
                municipality_id = current[row.municipality_code][0]
            if row.parent_code and parent_id is None:
                orphans += 1
            desired = (row.name, row.level, row.edition_year, parent_id, municipality_id)
            region = Region(
                code=row.code,
                name=row.name,
                level=row.level,
                edition_year=row.edition_year,
                parent_id=parent_id,
                municipality_id=municipality_id,
            )
            if row.code not in current:
                new.append(region)
            elif current[row.code][1] != desired:
                region.pk = current[row.code][0]
                changed.append(region)
        Region.objects.bulk_create(new, batch_size=2000)
        Region.objects.bulk_update(changed, ["name", "level", "edition_year", "parent", "municipality"], batch_size=500)
        if new:
            current.update(
                (code, (pk, ())) for code, pk in Region.objects.filter(level=level).values_list("code", "id")
            )
        created += len(new)
        updated += len(changed)
        done += sum(1 for r in rows if r.level == level)
        if progress:
            progress(done, len(rows))
    return RegionImportResult(
        created=created, updated=updated, unchanged=len(rows) - created - updated, orphans=orphans
    )


# ---------------------------------------------------------------------------------------- indicators

SNAPSHOT_DIR = Path(settings.BASE_DIR) / "data" / "cbs"


@dataclass
class IndicatorImportResult:
    """What an import did; `skipped` counts values of regions that are not in the registry, per source."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    skipped_codes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def indicators_sync() -> dict[str, int]:
    """Bring the Indicator table in line with the catalogue; returns key -> id. Writes only what differs."""
    wanted = {
        d.key: {
            "name_nl": d.name_nl,
            "name_en": d.name_en,
            "unit": d.unit,
            "category": d.category,
            "rate_unit": d.rate_unit,
            "denominator": ",".join(d.denominator),
            "order": indicators.ORDER[d.key],
        }
        for d in indicators.CATALOGUE
    }
    fields_ = list(next(iter(wanted.values())))
    current = {i.key: i for i in Indicator.objects.all()}
    new = [Indicator(key=key, **values) for key, values in wanted.items() if key not in current]
    changed = []
    for key, values in wanted.items():
        existing = current.get(key)
        if existing and any(getattr(existing, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(existing, f, v)
            changed.append(existing)
    Indicator.objects.bulk_create(new)
    Indicator.objects.bulk_update(changed, fields_)
    return dict(Indicator.objects.values_list("key", "id"))


@transaction.atomic
def indicator_values_import(
    *,
    sources: Iterable[tuple[str, Iterable[Record]]],
    progress: Callable[[int, int], None] | None = None,
) -> IndicatorImportResult:
    """Store CBS figures; a second run with the same input writes nothing.

    `sources` are (name, records) pairs, e.g. a snapshot file or a live OData table. When two sources
    give the same edition of a figure (region, indicator, year, source table), a value wins over a
    missing one (CBS fills figures in later); two different values count as a conflict and the later
    source wins. Regions outside the registry are skipped and counted per source, never guessed.
    Values already stored that a source does not mention are kept (a live import adds to the snapshot).
    """
    result = IndicatorImportResult()
    indicator_ids = indicators_sync()
    region_ids = dict(Region.objects.values_list("code", "id"))
    merged: dict[tuple[int, int, int, str], float | None] = {}
    for name, records in sources:
        unknown: set[str] = set()
        for code, key, year, table, value in records:
            region_id = region_ids.get(code)
            if region_id is None:
                unknown.add(code)
                result.skipped[name] = result.skipped.get(name, 0) + 1
                continue
            edition = (region_id, indicator_ids[key], year, table)
            if edition in merged:
                previous = merged[edition]
                if value is None:
                    continue
                if previous is not None and previous != value:
                    result.conflicts += 1
            merged[edition] = value
        if unknown:
            result.skipped_codes[name] = sorted(unknown)
    # Reading the stored values once and comparing in Python keeps a re-run to a single query.
    current = {
        (region_id, indicator_id, year, table): (pk, value)
        for pk, region_id, indicator_id, year, table, value in IndicatorValue.objects.values_list(
            "id", "region_id", "indicator_id", "year", "source_table", "value"
        )
    }
    new: list[tuple[int, int, int, str, float | None]] = []
    changed: list[IndicatorValue] = []
    for (region_id, indicator_id, year, table), value in merged.items():
        stored = current.get((region_id, indicator_id, year, table))
        if stored is None:
            new.append((region_id, indicator_id, year, table, value))
        elif stored[1] != value:
            changed.append(IndicatorValue(pk=stored[0], value=value))
    total = len(new) + len(changed)
    done = 0
    for start in range(0, len(new), _BATCH):
        _insert_values(new[start : start + _BATCH])
        done += len(new[start : start + _BATCH])
        if progress:
            progress(done, total)
    for start in range(0, len(changed), _BATCH):
        IndicatorValue.objects.bulk_update(changed[start : start + _BATCH], ["value"], batch_size=500)
        done += len(changed[start : start + _BATCH])
        if progress:
            progress(done, total)
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(merged) - total
    return result


_BATCH = 20_000


def _insert_values(rows: list[tuple[int, int, int, str, float | None]]) -> None:
    """Insert plain rows: the national snapshot has some 360,000 values, and building a model instance
    for each (bulk_create) took three times as long as the insert itself. PostgreSQL gets them through
    COPY (one statement instead of one per row), SQLite through one prepared statement."""
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    column_of = {f.name: f.column for f in IndicatorValue._meta.concrete_fields}
    columns = ", ".join(
        connection.ops.quote_name(column_of[name]) for name in ("region", "indicator", "year", "source_table", "value")
    )
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):  # psycopg 3
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # bandit B608: table and column names come from the model's meta, quoted; values are parameters.
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s)", rows)  # noqa: S608  # nosec B608


def snapshot_sources(directory: Path = SNAPSHOT_DIR) -> list[tuple[str, Iterable[Record]]]:
    """The figures of every snapshot file, in the order of `SNAPSHOT_FILES`."""
    return [(f.name, read_indicator_file(directory / f.name, f.tables)) for f in SNAPSHOT_FILES]


@dataclass(frozen=True)
class BoundaryImportResult:
    created: int
    updated: int
    unchanged: int
    skipped_codes: tuple[str, ...]


@transaction.atomic
def boundaries_import(*, directory: Path = SNAPSHOT_DIR) -> BoundaryImportResult:
    """Store the municipality and district boundaries; a second run writes nothing.

    Features of regions outside the registry (GM0998 "Buitenland", the water-only "Groot water" districts
    WKgggg99) are skipped and reported.
    """
    region_ids = dict(Region.objects.values_list("code", "id"))
    current = {
        region_id: (pk, year, geometry)
        for pk, region_id, year, geometry in Boundary.objects.values_list("id", "region_id", "year", "geometry")
    }
    new: list[Boundary] = []
    changed: list[Boundary] = []
    skipped: list[str] = []
    seen = 0
    for name, code_property in BOUNDARY_FILES:
        for row in read_boundaries(directory / name, code_property):
            region_id = region_ids.get(row.region_code)
            if region_id is None:
                skipped.append(row.region_code)
                continue
            seen += 1
            stored = current.get(region_id)
            if stored is None:
                new.append(Boundary(region_id=region_id, year=row.year, geometry=row.geometry))
            elif stored[1:] != (row.year, row.geometry):
                changed.append(Boundary(pk=stored[0], region_id=region_id, year=row.year, geometry=row.geometry))
    Boundary.objects.bulk_create(new, batch_size=500)
    Boundary.objects.bulk_update(changed, ["year", "geometry"], batch_size=200)
    return BoundaryImportResult(len(new), len(changed), seen - len(new) - len(changed), tuple(sorted(skipped)))


class LiveImportError(ValueError):
    """Bad input for the live import, or a CBS answer that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class LiveImportResult:
    table_id: str
    year: int
    rows: int
    mapped_columns: int
    unmapped_columns: int
    result: IndicatorImportResult


def indicators_live_import(
    *,
    municipality_code: str,
    table_id: str = "85984NED",
    fetch: Callable[[str, str], tuple[dict[str, Any], list[dict[str, Any]]]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LiveImportResult:
    """Import one municipality's figures (with its districts, neighbourhoods and the country) from a CBS
    Kerncijfers table over the internet, through the same mapping and import as the snapshot.

    `fetch` is the network call (default `cbs_client.fetch_table`); it raises `CbsUnavailable` without
    internet, and tests pass a recorded response instead.
    """
    code = municipality_code.strip().upper()
    table = table_id.strip().upper()
    if not odata.TABLE_ID.match(table):
        raise LiveImportError(_("%(table)s is not a CBS table code such as 85984NED.") % {"table": table_id})
    if not Region.objects.filter(code=code, level=RegionLevel.MUNICIPALITY).exists():
        raise LiveImportError(_("%(code)s is not a municipality in the registry.") % {"code": municipality_code})
    info, rows = (fetch or cbs_client.fetch_table)(table, code)
    try:
        year = odata.table_year(table, info)
        mapped = odata.records_from_rows(rows, table_id=table, year=year, municipality_code=code)
    except odata.ODataError as exc:
        raise LiveImportError(_("CBS table %(table)s: %(error)s") % {"table": table, "error": exc}) from exc
    if code not in mapped.codes:
        raise LiveImportError(_("CBS table %(table)s has no rows for %(code)s.") % {"table": table, "code": code})
    result = indicator_values_import(sources=[(f"CBS {table}", mapped.records)], progress=progress)
    return LiveImportResult(table, year, mapped.rows, mapped.mapped_columns, mapped.unmapped_columns, result)
