"""Reading the CBS region registry from the Kerncijfers wijken en buurten CSV (no ORM here)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LEVELS = {
    "land": "country",
    "gemeente": "municipality",
    "wijk": "district",
    "buurt": "neighbourhood",
}
COUNTRY_CODE = "NL00"


class RegistryError(ValueError):
    """A row of the registry file that cannot be understood."""


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str | None
    municipality_code: str | None
    edition_year: int


def parent_code_of(code: str, level: str) -> str | None:
    """The CBS code of the parent region: BUggggwwbb → WKggggww → GMgggg → NL00."""
    if level == "country":
        return None
    if level == "municipality":
        return COUNTRY_CODE
    if level == "district":
        return "GM" + code[2:6]
    if level == "neighbourhood":
        return "WK" + code[2:8]
    raise RegistryError(f"unknown level {level!r}")


def municipality_code_of(code: str, level: str) -> str | None:
    if level == "country":
        return None
    return "GM" + code[2:6]


def read_regions(path: Path) -> Iterator[RegionRow]:
    """Yield the regions of a kwb CSV with columns region_code, region_type, region_name, year."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"region_code", "region_type", "region_name", "year"} - set(reader.fieldnames or [])
        if missing:
            raise RegistryError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            code = (row["region_code"] or "").strip()
            kind = (row["region_type"] or "").strip()
            name = (row["region_name"] or "").strip()
            if kind not in LEVELS:
                raise RegistryError(f"{path.name} line {line}: unknown region type {kind!r}")
            level = LEVELS[kind]
            expected_prefix = {
                "country": "NL",
                "municipality": "GM",
                "district": "WK",
                "neighbourhood": "BU",
            }
            if not code.startswith(expected_prefix[level]) or not name:
                raise RegistryError(f"{path.name} line {line}: invalid code {code!r} or empty name")
            try:
                year = int(row["year"])
            except (TypeError, ValueError) as exc:
                raise RegistryError(f"{path.name} line {line}: invalid year {row['year']!r}") from exc
            yield RegionRow(
                code=code,
                name=name,
                level=level,
                parent_code=parent_code_of(code, level),
                municipality_code=municipality_code_of(code, level),
                edition_year=year,
            )
