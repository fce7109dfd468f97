"""The district analysis (wijkanalyse): the CBS indicators we know, their units and rates (no ORM here).

Every figure is one *edition*: an indicator of a region in a CBS edition year from a source table. A
missing value (CBS "." for secret or not published, or an empty cell) is `None` everywhere: it is
shown as missing, never as 0, and an average skips it and says how many were missing.

Rates are computed from counts with the denominator of the same region, year and source table (e.g.
single-person households per 100 households of that edition). A missing numerator or denominator, or
a denominator of 0, gives a missing rate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Units of a value as CBS publishes it.
COUNT = "count"
PERCENT = "percent"
PER_1000_RESIDENTS = "per_1000_residents"
EUR_K = "eur_k"
KM = "km"
HA = "ha"
PER_KM2 = "per_km2"
PERSONS = "persons"
PER_HOUSEHOLD = "per_household"
CLASS = "class"
CODE = "code"
UNITS = (COUNT, PERCENT, PER_1000_RESIDENTS, EUR_K, KM, HA, PER_KM2, PERSONS, PER_HOUSEHOLD, CLASS, CODE)

# Units of a rate we compute from counts.
PCT_RESIDENTS = "pct_residents"
PCT_HOUSEHOLDS = "pct_households"
PCT_EDUCATION = "pct_education"
RATE_UNITS = (PCT_RESIDENTS, PCT_HOUSEHOLDS, PCT_EDUCATION, PER_1000_RESIDENTS)
_RATE_MULTIPLIER = {PCT_RESIDENTS: 100, PCT_HOUSEHOLDS: 100, PCT_EDUCATION: 100, PER_1000_RESIDENTS: 1000}

UNIT_LABELS = {
    COUNT: _("number"),
    PERCENT: "%",
    PER_1000_RESIDENTS: _("per 1,000 residents"),
    EUR_K: _("× €1,000"),
    KM: "km",
    HA: "ha",
    PER_KM2: _("per km²"),
    PERSONS: _("persons"),
    PER_HOUSEHOLD: _("per household"),
    CLASS: _("class"),
    CODE: _("code"),
}
RATE_UNIT_LABELS = {
    PCT_RESIDENTS: _("% of residents"),
    PCT_HOUSEHOLDS: _("% of households"),
    PCT_EDUCATION: _("% of residents aged 15–75 with a known education level"),
    PER_1000_RESIDENTS: _("per 1,000 residents"),
}
# Short suffix after a rate in a table cell or on the map ("12.3 %", "45.6 per 1,000").
RATE_SUFFIXES = {
    PCT_RESIDENTS: "%",
    PCT_HOUSEHOLDS: "%",
    PCT_EDUCATION: "%",
    PER_1000_RESIDENTS: _("per 1,000"),
}

# Categories, in the order the profile shows them.
CATEGORY_LABELS = {
    "population": _("Population"),
    "households": _("Households"),
    "social_security": _("Social security"),
    "work_income": _("Work and income"),
    "care": _("Care"),
    "education": _("Education"),
    "housing": _("Housing"),
    "facilities": _("Facilities and mobility"),
    "area": _("Area and urbanity"),
}
CATEGORIES = tuple(CATEGORY_LABELS)


@dataclass(frozen=True)
class IndicatorDef:
    """One indicator: its key (the column name in `data/cbs/`), Dutch and English name, unit, category.

    `denominator` lists the indicator keys whose sum is the base of the rate (empty: no rate).
    """

    key: str
    name_nl: str
    name_en: str
    unit: str
    category: str
    denominator: tuple[str, ...] = ()
    rate_unit: str = ""

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl

    @property
    def unit_label(self) -> str:
        return str(UNIT_LABELS[self.unit])

    @property
    def rate_unit_label(self) -> str:
        return str(RATE_UNIT_LABELS[self.rate_unit]) if self.rate_unit else ""

    @property
    def measure_label(self) -> str:
        """What a map of this indicator shows: its rate where it has one, else its value."""
        return self.rate_unit_label if self.has_rate else self.unit_label

    @property
    def has_rate(self) -> bool:
        return bool(self.denominator)


def _count(key: str, nl: str, en: str, category: str, per: str = "", rate_unit: str = "") -> IndicatorDef:
    denominator: tuple[str, ...] = ()
    if rate_unit in (PCT_RESIDENTS, PER_1000_RESIDENTS):
        denominator = ("population",)
    elif rate_unit == PCT_HOUSEHOLDS:
        denominator = ("households",)
    elif rate_unit == PCT_EDUCATION:
        denominator = ("education_low_count", "education_mid_count", "education_high_count")
    return IndicatorDef(key, nl, en, COUNT, category, denominator, rate_unit)


# The catalogue: every indicator column of the CBS snapshot in data/cbs/ (README.md there, "Column
# dictionary"). The CSV reader refuses a file with a column that is neither here nor an identifier.
CATALOGUE: tuple[IndicatorDef, ...] = (
    # population
    _count("population", "Inwoners", "Residents", "population"),
    _count("population_men", "Mannen", "Men", "population", rate_unit=PCT_RESIDENTS),
    _count("population_women", "Vrouwen", "Women", "population", rate_unit=PCT_RESIDENTS),
    _count("age_0_14", "0 tot 15 jaar", "Aged 0–14", "population", rate_unit=PCT_RESIDENTS),
    _count("age_15_24", "15 tot 25 jaar", "Aged 15–24", "population", rate_unit=PCT_RESIDENTS),
    _count("age_25_44", "25 tot 45 jaar", "Aged 25–44", "population", rate_unit=PCT_RESIDENTS),
    _count("age_45_64", "45 tot 65 jaar", "Aged 45–64", "population", rate_unit=PCT_RESIDENTS),
    _count("age_65_plus", "65 jaar of ouder", "Aged 65 and over", "population", rate_unit=PCT_RESIDENTS),
    IndicatorDef("pct_age_0_14", "0 tot 15 jaar (aandeel)", "Aged 0–14 (share)", PERCENT, "population"),
    IndicatorDef("pct_age_15_24", "15 tot 25 jaar (aandeel)", "Aged 15–24 (share)", PERCENT, "population"),
    IndicatorDef("pct_age_25_44", "25 tot 45 jaar (aandeel)", "Aged 25–44 (share)", PERCENT, "population"),
    IndicatorDef("pct_age_45_64", "45 tot 65 jaar (aandeel)", "Aged 45–64 (share)", PERCENT, "population"),
    IndicatorDef("pct_age_65_plus", "65 jaar of ouder (aandeel)", "Aged 65 and over (share)", PERCENT, "population"),
    _count(
        "origin_netherlands", "Herkomst Nederland", "Origin: the Netherlands", "population", rate_unit=PCT_RESIDENTS
    ),
    _count(
        "origin_europe_excl_nl",
        "Herkomst Europa (excl. Nederland)",
        "Origin: Europe (excl. the Netherlands)",
        "population",
        rate_unit=PCT_RESIDENTS,
    ),
    _count(
        "origin_outside_europe",
        "Herkomst buiten Europa",
        "Origin: outside Europe",
        "population",
        rate_unit=PCT_RESIDENTS,
    ),
    _count("marital_unmarried", "Ongehuwd", "Unmarried", "population", rate_unit=PCT_RESIDENTS),
    _count("marital_married", "Gehuwd", "Married", "population", rate_unit=PCT_RESIDENTS),
    _count("marital_divorced", "Gescheiden", "Divorced", "population", rate_unit=PCT_RESIDENTS),
    _count("marital_widowed", "Verweduwd", "Widowed", "population", rate_unit=PCT_RESIDENTS),
    _count("births", "Geboorten", "Births", "population", rate_unit=PER_1000_RESIDENTS),
    _count("deaths", "Sterfte", "Deaths", "population", rate_unit=PER_1000_RESIDENTS),
    IndicatorDef("population_density_per_km2", "Bevolkingsdichtheid", "Population density", PER_KM2, "population"),
    # households
    _count("households", "Huishoudens", "Households", "households"),
    _count(
        "households_single_person",
        "Eenpersoonshuishoudens",
        "Single-person households",
        "households",
        rate_unit=PCT_HOUSEHOLDS,
    ),
    _count(
        "households_without_children",
        "Huishoudens zonder kinderen",
        "Households without children",
        "households",
        rate_unit=PCT_HOUSEHOLDS,
    ),
    _count(
        "households_with_children",
        "Huishoudens met kinderen (incl. eenoudergezinnen)",
        "Households with children (incl. single parents)",
        "households",
        rate_unit=PCT_HOUSEHOLDS,
    ),
    IndicatorDef(
        "avg_household_size", "Gemiddelde huishoudensgrootte", "Average household size", PERSONS, "households"
    ),
    IndicatorDef(
        "pct_households_single_person",
        "Eenpersoonshuishoudens (aandeel)",
        "Single-person households (share)",
        PERCENT,
        "households",
    ),
    IndicatorDef(
        "pct_households_with_children",
        "Huishoudens met kinderen (aandeel)",
        "Households with children (share)",
        PERCENT,
        "households",
    ),
    IndicatorDef(
        "pct_households_without_children",
        "Huishoudens zonder kinderen (aandeel)",
        "Households without children (share)",
        PERCENT,
        "households",
    ),
    # social security
    _count(
        "persons_social_assistance_bijstand",
        "Personen met bijstand",
        "Persons on social assistance (bijstand)",
        "social_security",
        rate_unit=PER_1000_RESIDENTS,
    ),
    _count(
        "persons_disability_benefit_ao",
        "Personen met arbeidsongeschiktheidsuitkering (AO)",
        "Persons on disability benefit (AO)",
        "social_security",
        rate_unit=PER_1000_RESIDENTS,
    ),
    _count(
        "persons_unemployment_benefit_ww",
        "Personen met WW-uitkering",
        "Persons on unemployment benefit (WW)",
        "social_security",
        rate_unit=PER_1000_RESIDENTS,
    ),
    _count(
        "persons_state_pension_aow",
        "Personen met AOW",
        "Persons on state pension (AOW)",
        "social_security",
        rate_unit=PER_1000_RESIDENTS,
    ),
    # work and income
    IndicatorDef(
        "net_labour_participation_pct", "Nettoarbeidsparticipatie", "Net labour participation", PERCENT, "work_income"
    ),
    IndicatorDef(
        "avg_income_per_inhabitant_k_eur",
        "Gemiddeld inkomen per inwoner",
        "Average income per resident",
        EUR_K,
        "work_income",
    ),
    IndicatorDef(
        "avg_income_per_recipient_k_eur",
        "Gemiddeld inkomen per inkomensontvanger",
        "Average income per income recipient",
        EUR_K,
        "work_income",
    ),
    IndicatorDef(
        "avg_standardised_household_income_k_eur",
        "Gemiddeld gestandaardiseerd huishoudensinkomen",
        "Average standardised household income",
        EUR_K,
        "work_income",
    ),
    IndicatorDef(
        "pct_households_lowest_40pct_income",
        "Huishoudens met laagste 40% inkomen",
        "Households in the lowest 40% of incomes",
        PERCENT,
        "work_income",
    ),
    IndicatorDef(
        "pct_households_highest_20pct_income",
        "Huishoudens met hoogste 20% inkomen",
        "Households in the highest 20% of incomes",
        PERCENT,
        "work_income",
    ),
    IndicatorDef(
        "pct_households_at_or_below_social_minimum",
        "Huishoudens onder of rond sociaal minimum",
        "Households at or below the social minimum",
        PERCENT,
        "work_income",
    ),
    IndicatorDef(
        "median_household_wealth_k_eur",
        "Mediaan vermogen van huishoudens",
        "Median household wealth",
        EUR_K,
        "work_income",
    ),
    # care
    IndicatorDef(
        "pct_youth_with_youth_care",
        "Jongeren met jeugdzorg in natura",
        "Young people receiving youth care in kind",
        PERCENT,
        "care",
    ),
    IndicatorDef("wmo_clients_per_1000_inhabitants", "Wmo-cliënten", "Wmo clients", PER_1000_RESIDENTS, "care"),
    # education
    _count(
        "pupils_primary",
        "Leerlingen basisonderwijs",
        "Primary school pupils",
        "education",
        rate_unit=PER_1000_RESIDENTS,
    ),
    _count(
        "pupils_secondary",
        "Leerlingen voortgezet onderwijs (incl. vavo)",
        "Secondary school pupils (incl. adult general education)",
        "education",
        rate_unit=PER_1000_RESIDENTS,
    ),
    _count("students_mbo", "Studenten mbo", "Students in mbo (vocational)", "education", rate_unit=PER_1000_RESIDENTS),
    _count(
        "students_hbo", "Studenten hbo", "Students in hbo (applied sciences)", "education", rate_unit=PER_1000_RESIDENTS
    ),
    _count("students_wo", "Studenten wo", "Students in wo (university)", "education", rate_unit=PER_1000_RESIDENTS),
    _count(
        "education_low_count",
        "Opleidingsniveau laag (basisonderwijs, vmbo, mbo1)",
        "Education level low (primary, vmbo, mbo1)",
        "education",
        rate_unit=PCT_EDUCATION,
    ),
    _count(
        "education_mid_count",
        "Opleidingsniveau middelbaar (havo, vwo, mbo2-4)",
        "Education level middle (havo, vwo, mbo2-4)",
        "education",
        rate_unit=PCT_EDUCATION,
    ),
    _count(
        "education_high_count",
        "Opleidingsniveau hoog (hbo, wo)",
        "Education level high (hbo, wo)",
        "education",
        rate_unit=PCT_EDUCATION,
    ),
    # housing
    _count("dwellings", "Woningvoorraad", "Dwellings", "housing"),
    IndicatorDef("avg_woz_value_k_eur", "Gemiddelde WOZ-waarde", "Average WOZ property value", EUR_K, "housing"),
    IndicatorDef("pct_owner_occupied", "Koopwoningen", "Owner-occupied dwellings", PERCENT, "housing"),
    IndicatorDef("pct_rented", "Huurwoningen", "Rented dwellings", PERCENT, "housing"),
    IndicatorDef(
        "pct_social_housing_corporation",
        "Woningen in bezit van woningcorporaties",
        "Dwellings owned by housing corporations",
        PERCENT,
        "housing",
    ),
    # facilities and mobility
    IndicatorDef("dist_gp_km", "Afstand tot huisartsenpraktijk", "Distance to a GP practice", KM, "facilities"),
    IndicatorDef(
        "dist_large_supermarket_km",
        "Afstand tot grote supermarkt",
        "Distance to a large supermarket",
        KM,
        "facilities",
    ),
    _count("passenger_cars", "Personenauto's", "Passenger cars", "facilities"),
    IndicatorDef(
        "cars_per_household",
        "Personenauto's per huishouden",
        "Passenger cars per household",
        PER_HOUSEHOLD,
        "facilities",
    ),
    # area and urbanity
    IndicatorDef("area_total_ha", "Oppervlakte totaal", "Total area", HA, "area"),
    IndicatorDef("area_land_ha", "Oppervlakte land", "Land area", HA, "area"),
    IndicatorDef("area_water_ha", "Oppervlakte water", "Water area", HA, "area"),
    IndicatorDef(
        "urbanity_class_1_5",
        "Mate van stedelijkheid (1 = zeer sterk, 5 = niet stedelijk)",
        "Urbanity (1 = very strongly, 5 = not urban)",
        CLASS,
        "area",
    ),
    IndicatorDef(
        "address_density_per_km2", "Omgevingsadressendichtheid", "Surrounding address density", PER_KM2, "area"
    ),
    IndicatorDef(
        "boundary_change_code",
        "Indelingswijziging t.o.v. vorig jaar (1 = geen, 2 = code, 3 = grens)",
        "Boundary change since last year (1 = none, 2 = code, 3 = boundary)",
        CODE,
        "area",
    ),
)

BY_KEY: dict[str, IndicatorDef] = {d.key: d for d in CATALOGUE}
ORDER: dict[str, int] = {d.key: i for i, d in enumerate(CATALOGUE)}

# Known CBS sources: the table (or dataset) a figure comes from, with its edition year.
SOURCES: dict[str, tuple[int, str]] = {
    "wbk2022": (2022, "CBS Wijk- en buurtkaart 2022, kenmerken via PDOK (cbs/wijkenbuurten/2022)"),
    "85318NED": (2022, "CBS Kerncijfers wijken en buurten 2022 (85318NED)"),
    "85618NED": (2023, "CBS Kerncijfers wijken en buurten 2023 (85618NED)"),
    "85984NED": (2024, "CBS Kerncijfers wijken en buurten 2024 (85984NED)"),
    "86165NED": (2025, "CBS Kerncijfers wijken en buurten 2025 (86165NED)"),
}


def check_catalogue() -> None:
    """Fail loudly on a catalogue mistake (checked by the tests)."""
    for d in CATALOGUE:
        if d.unit not in UNITS or d.category not in CATEGORIES:
            raise ValueError(f"{d.key}: unknown unit or category")
        if bool(d.denominator) != bool(d.rate_unit) or (d.rate_unit and d.rate_unit not in RATE_UNITS):
            raise ValueError(f"{d.key}: rate unit and denominator go together")
        if any(k not in BY_KEY or BY_KEY[k].unit != COUNT for k in d.denominator):
            raise ValueError(f"{d.key}: denominator must be count indicators of the catalogue")
    if len(BY_KEY) != len(CATALOGUE):
        raise ValueError("duplicate indicator key")


def parse_value(raw: Any) -> float | None:
    """A CBS value from a CSV cell or an OData field; `None` for missing ('', '.', None, padded).

    Raises ValueError for anything that is not a number, so a broken file never becomes zeros.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"not a number: {raw!r}")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip()
        if text in ("", ".", "x", "?"):
            return None
        value = float(text)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"not a finite number: {raw!r}")
    return value


# (indicator key, year, source table) -> value
EditionKey = tuple[str, int, str]


@dataclass(frozen=True)
class Figure:
    """One edition of an indicator for one region, with its rate where the indicator has one."""

    key: str
    year: int
    source_table: str
    value: float | None
    rate: float | None = None

    @property
    def definition(self) -> IndicatorDef:
        return BY_KEY[self.key]

    @property
    def unit(self) -> str:
        return BY_KEY[self.key].unit

    @property
    def rate_unit(self) -> str:
        return BY_KEY[self.key].rate_unit

    @property
    def is_missing(self) -> bool:
        return self.value is None


def rate_of(key: str, year: int, source_table: str, values: Mapping[EditionKey, float | None]) -> float | None:
    """The rate of an indicator's edition from the same region, year and source table; None if it cannot be."""
    definition = BY_KEY[key]
    if not definition.denominator:
        return None
    numerator = values.get((key, year, source_table))
    if numerator is None:
        return None
    parts = [values.get((k, year, source_table)) for k in definition.denominator]
    if any(p is None for p in parts):
        return None
    base = sum(p for p in parts if p is not None)
    if base <= 0:
        return None
    return numerator / base * _RATE_MULTIPLIER[definition.rate_unit]


def figures(values: Mapping[EditionKey, float | None]) -> dict[EditionKey, Figure]:
    """Every edition of a region's values as a Figure with its rate; unknown keys are ignored."""
    return {
        (key, year, table): Figure(key, year, table, value, rate_of(key, year, table, values))
        for (key, year, table), value in values.items()
        if key in BY_KEY
    }


def edition_sort_key(edition: EditionKey) -> tuple[int, int, int, str]:
    key, year, table = edition
    return (CATEGORIES.index(BY_KEY[key].category), ORDER[key], year, table)


def measure(figure: Figure | None) -> float | None:
    """The number to compare regions by: the rate where the indicator has one, else the value."""
    if figure is None:
        return None
    return figure.rate if figure.definition.has_rate else figure.value


@dataclass(frozen=True)
class Aggregate:
    """An average that skipped missing values and says how many there were."""

    mean: float | None
    used: int
    missing: int


def mean_skip_missing(values: Sequence[float | None]) -> Aggregate:
    """The unweighted mean of the present values; missing ones are counted, never taken as 0."""
    present = [v for v in values if v is not None]
    return Aggregate(sum(present) / len(present) if present else None, len(present), len(values) - len(present))


@dataclass(frozen=True)
class ComparisonRow:
    """One edition of an indicator across the compared regions (the region first, then its ancestors)."""

    edition: EditionKey
    cells: tuple[Figure | None, ...]

    @property
    def definition(self) -> IndicatorDef:
        return BY_KEY[self.edition[0]]

    @property
    def year(self) -> int:
        return self.edition[1]

    @property
    def source_table(self) -> str:
        return self.edition[2]


def comparison(per_region: list[dict[EditionKey, Figure]]) -> dict[str, list[ComparisonRow]]:
    """Rows per category: every edition any of the regions has, with a cell per region (None: missing)."""
    editions = sorted({e for region in per_region for e in region}, key=edition_sort_key)
    rows: dict[str, list[ComparisonRow]] = {}
    for edition in editions:
        row = ComparisonRow(edition, tuple(region.get(edition) for region in per_region))
        rows.setdefault(BY_KEY[edition[0]].category, []).append(row)
    return {category: rows[category] for category in CATEGORIES if category in rows}


def availability(per_region: list[dict[EditionKey, Figure]]) -> dict[str, tuple[tuple[int, ...], ...]]:
    """Per category and region: the edition years with at least one value present (empty: all missing)."""
    result: dict[str, tuple[tuple[int, ...], ...]] = {}
    for category in CATEGORIES:
        cells = []
        for region in per_region:
            years = sorted(
                {f.year for f in region.values() if f.value is not None and f.definition.category == category}
            )
            cells.append(tuple(years))
        if any(cells):
            result[category] = tuple(cells)
    return result


def decimals_of(value: float, most: int = 3) -> int:
    """The decimals a CBS figure was published with (44.0 -> 0, 1.9 -> 1), so it is shown exactly."""
    for decimals in range(most + 1):
        if round(value, decimals) == value:
            return decimals
    return most


def edition_token(edition: EditionKey) -> str:
    """An edition as one URL-safe value, e.g. `age_65_plus:2024:85984NED`."""
    return ":".join((edition[0], str(edition[1]), edition[2]))


def edition_from_token(token: str) -> EditionKey | None:
    parts = token.split(":")
    if len(parts) != 3 or parts[0] not in BY_KEY or not parts[1].isdigit():
        return None
    return (parts[0], int(parts[1]), parts[2])
