"""Reading the CBS snapshot in `data/cbs/` (figures and boundaries) without the ORM.

Each CSV holds one or more CBS editions; `SNAPSHOT_FILES` says which source table each year of a file
comes from (data/cbs/README.md, "Files"). Every column is either an identifier or an indicator of the
catalogue in `indicators.py`; an unknown column stops the import, so no indicator is left out silently.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from wijkteam.neighbourhoods import indicators
from wijkteam.neighbourhoods.registry import COUNTRY_CODE

IDENTIFIER_COLUMNS = frozenset(
    {
        "region_code",
        "region_type",
        "region_name",
        "municipality_code",
        "municipality_name",
        "district_code",
        "year",
        "source",
    }
)
_TABLE_IN_SOURCE = re.compile(r"\b(\d{5}NED)\b")


class SnapshotError(ValueError):
    """A snapshot file that cannot be understood; names the file and line."""


@dataclass(frozen=True)
class SnapshotFile:
    name: str
    tables: dict[int, str]  # edition year -> source table


SNAPSHOT_FILES: tuple[SnapshotFile, ...] = (
    SnapshotFile("kwb2024_nl_gemeenten_wijken_buurten.csv", {2024: "85984NED"}),
    SnapshotFile("kwb2024_gemeenten_uitkeringen_partial.csv", {2024: "85984NED"}),
    SnapshotFile("kwb2023_2024_utrecht_wijken_buurten.csv", {2023: "85618NED", 2024: "85984NED"}),
    SnapshotFile("kwb2025_friesland_wijken_buurten.csv", {2025: "86165NED"}),
    SnapshotFile("wbk2022_gemeenten_sociaal.csv", {2022: "wbk2022"}),
)
BOUNDARY_FILES: tuple[tuple[str, str], ...] = (
    ("gemeenten_2024.geojson", "municipality_code"),
    ("wijken_2024.geojson", "district_code"),
)


class Record(NamedTuple):
    """One value: region code, indicator key, edition year, source table, value (None: missing)."""

    region_code: str
    key: str
    year: int
    source_table: str
    value: float | None


def normalise_code(raw: str) -> str:
    """CBS pads codes with spaces; the country is NL00 in the registry whatever CBS calls it (NL01)."""
    code = (raw or "").strip().upper()
    return COUNTRY_CODE if code.startswith("NL") else code


def read_indicator_file(path: Path, tables: dict[int, str]) -> Iterator[Record]:
    """Yield a Record for every indicator cell of the file, missing cells as None."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        unknown = [c for c in columns if c not in IDENTIFIER_COLUMNS and c not in indicators.BY_KEY]
        if unknown:
            raise SnapshotError(f"{path.name}: columns not in the indicator catalogue: {', '.join(unknown)}")
        code_column = "region_code" if "region_code" in columns else "municipality_code"
        if code_column not in columns or "year" not in columns:
            raise SnapshotError(f"{path.name}: needs a region_code or municipality_code column and a year column")
        keys = [c for c in columns if c in indicators.BY_KEY]
        for line, row in enumerate(reader, start=2):
            code = normalise_code(row[code_column])
            if not code:
                raise SnapshotError(f"{path.name} line {line}: empty region code")
            try:
                year = int(row["year"])
            except (TypeError, ValueError) as exc:
                raise SnapshotError(f"{path.name} line {line}: invalid year {row['year']!r}") from exc
            if year not in tables:
                raise SnapshotError(f"{path.name} line {line}: no source table known for year {year}")
            table = tables[year]
            named = _TABLE_IN_SOURCE.search(row.get("source") or "")
            if named and named.group(1) != table:
                raise SnapshotError(f"{path.name} line {line}: source says {named.group(1)}, expected {table}")
            for key in keys:
                try:
                    value = indicators.parse_value(row[key])
                except ValueError as exc:
                    raise SnapshotError(f"{path.name} line {line}: {key}: {exc}") from exc
                yield Record(code, key, year, table, value)


@dataclass(frozen=True)
class BoundaryRow:
    region_code: str
    year: int
    geometry: str  # GeoJSON geometry, compact JSON text


def read_boundaries(path: Path, code_property: str) -> Iterator[BoundaryRow]:
    """Yield the boundary of every feature of a GeoJSON FeatureCollection (WGS84)."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path.name}: not readable GeoJSON ({exc})") from exc
    if collection.get("type") != "FeatureCollection":
        raise SnapshotError(f"{path.name}: not a GeoJSON FeatureCollection")
    for number, feature in enumerate(collection.get("features", []), start=1):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        code = normalise_code(str(properties.get(code_property) or ""))
        if not code or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise SnapshotError(f"{path.name} feature {number}: no {code_property} or no (multi)polygon")
        try:
            year = int(str(properties.get("year", "")))
        except (TypeError, ValueError) as exc:
            raise SnapshotError(f"{path.name} feature {number}: invalid year") from exc
        yield BoundaryRow(code, year, json.dumps(geometry, separators=(",", ":")))
