"""Writes to the region registry: the bulk, idempotent import of the CBS registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from wijkteam.neighbourhoods.models import Region
from wijkteam.neighbourhoods.registry import read_regions

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
