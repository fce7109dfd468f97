"""Mapping CBS open-data (OData) rows of *Kerncijfers wijken en buurten* to our indicators (no ORM here).

The live import reads table 85984NED (2024) or a successor (86165NED, 2025, …) with the `cbsodata`
package, which returns a list of dicts, one per region, keyed by CBS topic columns such as
`AantalInwoners_5`. The number after the last underscore is the column's position and shifts between
editions, so columns are matched on the topic name before it. The records are the same as those of
the snapshot reader (`snapshot.Record`) and go through the same import service.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wijkteam.neighbourhoods import indicators
from wijkteam.neighbourhoods.snapshot import Record, normalise_code

# CBS topic (column name without its position) -> our indicator key. Where CBS repeats a topic name
# (`Nederland_17` origin, then `Nederland_20` born in the Netherlands), the first column is meant.
TOPICS: dict[str, str] = {
    "AantalInwoners": "population",
    "Mannen": "population_men",
    "Vrouwen": "population_women",
    "k_0Tot15Jaar": "age_0_14",
    "k_15Tot25Jaar": "age_15_24",
    "k_25Tot45Jaar": "age_25_44",
    "k_45Tot65Jaar": "age_45_64",
    "k_65JaarOfOuder": "age_65_plus",
    "Ongehuwd": "marital_unmarried",
    "Gehuwd": "marital_married",
    "Gescheiden": "marital_divorced",
    "Verweduwd": "marital_widowed",
    "Nederland": "origin_netherlands",
    "EuropaExclusiefNederland": "origin_europe_excl_nl",
    "BuitenEuropa": "origin_outside_europe",
    "GeboorteTotaal": "births",
    "SterfteTotaal": "deaths",
    "HuishoudensTotaal": "households",
    "Eenpersoonshuishoudens": "households_single_person",
    "HuishoudensZonderKinderen": "households_without_children",
    "HuishoudensMetKinderen": "households_with_children",
    "GemiddeldeHuishoudensgrootte": "avg_household_size",
    "Bevolkingsdichtheid": "population_density_per_km2",
    "Woningvoorraad": "dwellings",
    "GemiddeldeWOZWaardeVanWoningen": "avg_woz_value_k_eur",
    "Koopwoningen": "pct_owner_occupied",
    "HuurwoningenTotaal": "pct_rented",
    "InBezitWoningcorporatie": "pct_social_housing_corporation",
    "LeerlingenPo": "pupils_primary",
    "LeerlingenVoInclVavo": "pupils_secondary",
    "StudentenMboExclExtranei": "students_mbo",
    "StudentenHbo": "students_hbo",
    "StudentenWo": "students_wo",
    "BasisonderwijsVmboMbo1": "education_low_count",
    "HavoVwoMbo24": "education_mid_count",
    "HboWo": "education_high_count",
    "Nettoarbeidsparticipatie": "net_labour_participation_pct",
    "GemiddeldInkomenPerInkomensontvanger": "avg_income_per_recipient_k_eur",
    "GemiddeldInkomenPerInwoner": "avg_income_per_inhabitant_k_eur",
    "GemGestandaardiseerdInkomenVanHuish": "avg_standardised_household_income_k_eur",
    "k_40HuishoudensMetLaagsteInkomen": "pct_households_lowest_40pct_income",
    "k_20HuishoudensMetHoogsteInkomen": "pct_households_highest_20pct_income",
    "HuishOnderOfRondSociaalMinimum": "pct_households_at_or_below_social_minimum",
    "MediaanVermogenVanParticuliereHuish": "median_household_wealth_k_eur",
    "PersonenPerSoortUitkeringBijstand": "persons_social_assistance_bijstand",
    "PersonenPerSoortUitkeringAO": "persons_disability_benefit_ao",
    "PersonenPerSoortUitkeringWW": "persons_unemployment_benefit_ww",
    "PersonenPerSoortUitkeringAOW": "persons_state_pension_aow",
    "PercentageJongerenMetJeugdzorg": "pct_youth_with_youth_care",
    "WmoClientenRelatief": "wmo_clients_per_1000_inhabitants",
    "PersonenautoSTotaal": "passenger_cars",
    "PersonenautoSPerHuishouden": "cars_per_household",
    "AfstandTotHuisartsenpraktijk": "dist_gp_km",
    "AfstandTotGroteSupermarkt": "dist_large_supermarket_km",
    "OppervlakteTotaal": "area_total_ha",
    "OppervlakteLand": "area_land_ha",
    "OppervlakteWater": "area_water_ha",
    "MateVanStedelijkheid": "urbanity_class_1_5",
    "Omgevingsadressendichtheid": "address_density_per_km2",
    "IndelingswijzigingGemeenteWijkBuurt": "boundary_change_code",
}
CODE_TOPIC = "Codering"
# Columns (or topics) that identify a row rather than hold a figure.
IDENTIFIERS = frozenset({"ID", "WijkenEnBuurten", "Gemeentenaam", "SoortRegio", CODE_TOPIC})
# Tables of Kerncijfers wijken en buurten with their edition year; a later table names its year in its title.
KNOWN_TABLES = {"85318NED": 2022, "85618NED": 2023, "85984NED": 2024, "86165NED": 2025}
_COLUMN = re.compile(r"^(?P<topic>.+)_(?P<position>\d+)$")
_YEAR_IN_TITLE = re.compile(r"\b(20\d\d)\b")
TABLE_ID = re.compile(r"^\d{5}[A-Z]{3}$")


class ODataError(ValueError):
    """A CBS response that cannot be understood."""


def _position(column: str) -> int:
    match = _COLUMN.match(column)
    return int(match.group("position")) if match else 10**6


def _topic(column: str) -> str:
    match = _COLUMN.match(column)
    return match.group("topic") if match else column


def column_map(columns: Iterable[str]) -> dict[str, str]:
    """CBS column -> indicator key for the columns we know; the first column of a repeated topic wins."""
    mapped: dict[str, str] = {}
    taken: set[str] = set()
    for column in sorted(columns, key=_position):
        match = _COLUMN.match(column)
        if not match:
            continue
        key = TOPICS.get(match.group("topic"))
        if key and key not in taken:
            mapped[column] = key
            taken.add(key)
    return mapped


def code_column(columns: Iterable[str]) -> str:
    for column in sorted(columns, key=_position):
        match = _COLUMN.match(column)
        if match and match.group("topic") == CODE_TOPIC:
            return column
    raise ODataError("no Codering column (CBS region code) in the response")


def table_year(table_id: str, info: Mapping[str, Any] | None) -> int:
    """The edition year of a table: from its title ("Kerncijfers wijken en buurten 2024"), else known."""
    title = str((info or {}).get("Title") or "")
    match = _YEAR_IN_TITLE.search(title)
    if match:
        return int(match.group(1))
    if table_id in KNOWN_TABLES:
        return KNOWN_TABLES[table_id]
    raise ODataError(f"cannot tell the edition year of table {table_id}")


@dataclass(frozen=True)
class ODataResult:
    records: list[Record]
    rows: int
    mapped_columns: int
    unmapped_columns: int
    codes: frozenset[str] = frozenset()


def records_from_rows(
    rows: Sequence[Mapping[str, Any]], *, table_id: str, year: int, municipality_code: str | None = None
) -> ODataResult:
    """Our records from CBS rows: every mapped column of every region row (NL, GM, WK, BU).

    With `municipality_code` only that municipality, its districts and neighbourhoods and the country
    are kept. A value CBS marks missing (null or ".") becomes None; anything else that is not a number
    is an error, never a zero.
    """
    if not rows:
        return ODataResult([], 0, 0, 0)
    columns = list(rows[0])
    mapping = column_map(columns)
    code_key = code_column(columns)
    digits = municipality_code[2:6] if municipality_code else None
    records: list[Record] = []
    codes: set[str] = set()
    for number, row in enumerate(rows, start=1):
        code = normalise_code(str(row.get(code_key) or ""))
        if not code.startswith(("NL", "GM", "WK", "BU")):
            continue
        if digits and not code.startswith("NL") and code[2:6] != digits:
            continue
        codes.add(code)
        for column, key in mapping.items():
            try:
                value = indicators.parse_value(row.get(column))
            except ValueError as exc:
                raise ODataError(f"row {number} ({code}), {column}: {exc}") from exc
            records.append(Record(code, key, year, table_id, value))
    unmapped = [c for c in columns if c not in mapping and c not in IDENTIFIERS and _topic(c) not in IDENTIFIERS]
    return ODataResult(records, len(codes), len(mapping), len(unmapped), frozenset(codes))
