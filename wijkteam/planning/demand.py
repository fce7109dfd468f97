"""Expected demand (verwachte vraag) per life domain from a district's CBS figures: a transparent model.

For every life domain the model gives the expected number of help requests that touch that domain, per
1,000 households per year:

    expected = base + Σ coefficient_i × z_i,      z_i = (input_i − reference_i) / scale_i

clamped at 0. The inputs are district aggregates of open CBS data (share of residents aged 65 and over,
of households with children and of single-person households, benefits per 1,000 residents, share of
households at or below the social minimum). `reference` is the Dutch level, `scale` a typical difference
between districts; a coefficient is the change per such difference.

These weights are transparent starting assumptions, to be recalibrated with a municipality's own
registered demand (`calibrate`, ordinary least squares). They describe districts, never persons: this
is not a risk score of anyone. Where an input is missing for a district, the estimate uses the other
terms and says which inputs were missing and that it is less certain; nothing is imputed silently.

No ORM here; everything is table-driven and tested as such.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from django.utils.translation import get_language
from django.utils.translation import gettext as _

# (indicator key, edition year, source table) -> value, as `neighbourhoods.indicators` keeps them.
EditionKey = tuple[str, int, str]

MODEL_VERSION = "2026.1"
NOTE = (
    "Transparent starting assumptions, to be recalibrated with registered demand; computed from open CBS "
    "figures of areas, never of persons: not a risk score of anyone. A missing input counts as the Dutch "
    "level and is listed; nothing is imputed from other areas."
)


def _pick(nl: str, en: str) -> str:
    return en if (get_language() or "nl").startswith("en") else nl


@dataclass(frozen=True)
class InputSource:
    """How to read a model input from CBS figures: the sum of `numerator` per `denominator` × multiplier,
    or the published value itself when there is no denominator."""

    numerator: tuple[str, ...]
    denominator: str | None = None
    multiplier: float = 1.0


@dataclass(frozen=True)
class ModelInput:
    key: str
    name_nl: str
    name_en: str
    unit_nl: str
    unit_en: str
    reference: float
    scale: float
    sources: tuple[InputSource, ...]
    rationale_nl: str
    rationale_en: str

    @property
    def name(self) -> str:
        return _pick(self.name_nl, self.name_en)

    @property
    def unit(self) -> str:
        return _pick(self.unit_nl, self.unit_en)

    @property
    def rationale(self) -> str:
        return _pick(self.rationale_nl, self.rationale_en)


# Reference levels and scales, from the CBS snapshot in data/cbs/ (rounded; tests/test_demand.py checks
# them against the files): reference = the Dutch level (household-weighted where CBS gives shares per
# municipality), scale = the standard deviation between districts where the snapshot has district
# figures, else a rounded-up spread between municipalities (districts differ more than municipalities).
INPUTS: tuple[ModelInput, ...] = (
    ModelInput(
        "share_65_plus",
        "Aandeel 65-plussers",
        "Share aged 65 and over",
        "% van de inwoners",
        "% of residents",
        reference=20.5,
        scale=6.5,
        sources=(InputSource(("age_65_plus",), "population", 100), InputSource(("pct_age_65_plus",))),
        rationale_nl="Nederland 2024: 20,5 %. Spreiding: standaardafwijking over 3.246 wijken met "
        "minstens 100 inwoners (2024): 6,5 procentpunt.",
        rationale_en="The Netherlands 2024: 20.5%. Scale: standard deviation over 3,246 districts with at "
        "least 100 residents (2024): 6.5 percentage points.",
    ),
    ModelInput(
        "share_households_with_children",
        "Aandeel huishoudens met kinderen",
        "Share of households with children",
        "% van de huishoudens",
        "% of households",
        reference=32.2,
        scale=7.0,
        sources=(
            InputSource(("households_with_children",), "households", 100),
            InputSource(("pct_households_with_children",)),
        ),
        rationale_nl="Nederland 2022 (gemeenten gewogen naar huishoudens): 32,2 %. Spreiding: "
        "standaardafwijking over de Friese wijken 2025: 7 procentpunt. Telt eenoudergezinnen mee; CBS geeft "
        "die per wijk niet apart.",
        rationale_en="The Netherlands 2022 (municipalities weighted by households): 32.2%. Scale: standard "
        "deviation over the Frisian districts 2025: 7 percentage points. Includes single parents; CBS does "
        "not give them separately per district.",
    ),
    ModelInput(
        "share_single_person_households",
        "Aandeel eenpersoonshuishoudens",
        "Share of single-person households",
        "% van de huishoudens",
        "% of households",
        reference=39.0,
        scale=10.0,
        sources=(
            InputSource(("households_single_person",), "households", 100),
            InputSource(("pct_households_single_person",)),
        ),
        rationale_nl="Nederland 2022 (gemeenten gewogen naar huishoudens): 39,0 %. Spreiding: "
        "standaardafwijking over de Friese wijken 2025: 10 procentpunt.",
        rationale_en="The Netherlands 2022 (municipalities weighted by households): 39.0%. Scale: standard "
        "deviation over the Frisian districts 2025: 10 percentage points.",
    ),
    ModelInput(
        "benefits_per_1000",
        "Uitkeringen (bijstand, AO, WW) per 1.000 inwoners",
        "Benefits (social assistance, disability, unemployment) per 1,000 residents",
        "per 1.000 inwoners",
        "per 1,000 residents",
        reference=76.0,
        scale=30.0,
        sources=(
            InputSource(
                (
                    "persons_social_assistance_bijstand",
                    "persons_disability_benefit_ao",
                    "persons_unemployment_benefit_ww",
                ),
                "population",
                1000,
            ),
        ),
        rationale_nl="100 gemeenten 2024 samen: 76 per 1.000 inwoners. Spreiding: de Utrechtse wijken 2023 "
        "lopen van 41 tot 153 (standaardafwijking ongeveer 30). Iemand met twee soorten uitkering telt "
        "twee keer (zo telt CBS).",
        rationale_en="100 municipalities 2024 together: 76 per 1,000 residents. Scale: the Utrecht districts "
        "2023 range from 41 to 153 (standard deviation about 30). A person with two kinds of benefit counts "
        "twice (as CBS counts).",
    ),
    ModelInput(
        "low_income_share",
        "Huishoudens onder of rond het sociaal minimum",
        "Households at or below the social minimum",
        "% van de huishoudens",
        "% of households",
        reference=6.1,
        scale=2.5,
        sources=(InputSource(("pct_households_at_or_below_social_minimum",)),),
        rationale_nl="Nederland 2022 (gemeenten gewogen naar huishoudens): 6,1 %. Spreiding: tussen "
        "gemeenten 1,8 procentpunt, voor wijken afgerond naar 2,5. Alleen per gemeente in de CBS-momentopname.",
        rationale_en="The Netherlands 2022 (municipalities weighted by households): 6.1%. Scale: 1.8 "
        "percentage points between municipalities, rounded up to 2.5 for districts. Only per municipality "
        "in the CBS snapshot.",
    ),
)
INPUTS_BY_KEY = {i.key: i for i in INPUTS}


@dataclass(frozen=True)
class Weight:
    """One number of the model with the reason for it."""

    value: float
    rationale_nl: str
    rationale_en: str

    @property
    def rationale(self) -> str:
        return _pick(self.rationale_nl, self.rationale_en)


@dataclass(frozen=True)
class DomainWeights:
    """A life domain's base rate (requests per 1,000 households per year at the Dutch level of every
    input) and its coefficients per input (change per `scale` of that input)."""

    base: Weight
    coefficients: Mapping[str, Weight]


def W(value: float, nl: str, en: str) -> Weight:  # noqa: N802 - reads as a table below
    return Weight(value, nl, en)


# The weights: the one place they live. Starting assumptions by judgement of what social teams commonly
# see (a request touches about two life domains; money, mental health and relations come up most), not
# measured values: recalibrate them with the municipality's registered demand (`calibrate`).
WEIGHTS: dict[str, DomainWeights] = {
    "finances": DomainWeights(
        W(
            14.0,
            "Geldzorgen zijn de meest voorkomende vraag bij wijkteams.",
            "Money worries are the most frequent question at social teams.",
        ),
        {
            "benefits_per_1000": W(
                3.0,
                "Een uitkering gaat vaak samen met schulden en weinig buffer.",
                "A benefit often comes with debts and no buffer.",
            ),
            "low_income_share": W(
                3.0,
                "Een inkomen rond het minimum laat geen ruimte voor tegenvallers.",
                "An income around the minimum leaves no room for setbacks.",
            ),
            "share_single_person_households": W(
                1.0,
                "Alleen een huishouden dragen: één inkomen, vaste lasten.",
                "Running a household alone: one income, fixed costs.",
            ),
            "share_households_with_children": W(
                1.0, "Kinderen brengen kosten en regelingen mee.", "Children bring costs and allowances to arrange."
            ),
            "share_65_plus": W(
                -1.0,
                "Ouderen hebben vaker een vast inkomen (AOW, pensioen) en minder schulden.",
                "Older people more often have a fixed income (state pension, pension) and fewer debts.",
            ),
        },
    ),
    "work_education": DomainWeights(
        W(8.0, "Vragen over werk, re-integratie en opleiding.", "Questions on work, re-integration and education."),
        {
            "benefits_per_1000": W(
                2.5,
                "Uitkeringsgerechtigden zoeken werk of dagbesteding.",
                "People on benefits look for work or day activities.",
            ),
            "low_income_share": W(
                1.0,
                "Laag inkomen hangt samen met weinig of onzeker werk.",
                "A low income goes with little or insecure work.",
            ),
            "share_65_plus": W(
                -2.0, "Na de AOW-leeftijd speelt werk minder.", "After state-pension age, work matters less."
            ),
            "share_households_with_children": W(
                0.5, "Schoolgaande kinderen en schoolverzuim.", "School-age children and absenteeism."
            ),
        },
    ),
    "time_use": DomainWeights(
        W(4.0, "Zinvolle dagbesteding, vooral zonder werk.", "Meaningful daytime activity, mostly without work."),
        {
            "share_single_person_households": W(
                0.8, "Alleenwonenden missen vaker structuur.", "People living alone more often lack structure."
            ),
            "benefits_per_1000": W(0.8, "Zonder werk is de dag minder gevuld.", "Without work the day is less filled."),
            "share_65_plus": W(0.4, "Na pensionering valt structuur weg.", "Retirement removes structure."),
        },
    ),
    "housing": DomainWeights(
        W(
            7.0,
            "Huurachterstand, dreigende uitzetting, woonproblemen.",
            "Rent arrears, threatened eviction, housing problems.",
        ),
        {
            "low_income_share": W(
                1.5, "Huurachterstand volgt op een laag inkomen.", "Rent arrears follow a low income."
            ),
            "share_single_person_households": W(
                1.0,
                "Alleenwonenden hebben geen tweede inkomen om op te vangen.",
                "People living alone have no second income to fall back on.",
            ),
            "benefits_per_1000": W(
                1.0,
                "Uitkering en huurtoeslag maken kwetsbaar bij wijzigingen.",
                "Benefits and rent allowance are fragile when things change.",
            ),
        },
    ),
    "domestic_relations": DomainWeights(
        W(9.0, "Opvoeding, scheiding, spanningen thuis.", "Parenting, divorce, tension at home."),
        {
            "share_households_with_children": W(
                2.5, "Opvoedvragen en scheidingen met kinderen.", "Parenting questions and divorces with children."
            ),
            "low_income_share": W(1.0, "Geldstress geeft spanning in het gezin.", "Money stress strains the family."),
            "benefits_per_1000": W(0.5, "Stress bij werkloosheid.", "Stress with unemployment."),
        },
    ),
    "mental_health": DomainWeights(
        W(
            11.0,
            "Psychische klachten komen veel voor in vragen aan het wijkteam.",
            "Mental health comes up often in requests to social teams.",
        ),
        {
            "share_single_person_households": W(
                2.0,
                "Alleenwonen hangt samen met eenzaamheid en psychische kwetsbaarheid.",
                "Living alone goes with loneliness and mental vulnerability.",
            ),
            "benefits_per_1000": W(
                2.0, "Arbeidsongeschiktheid is vaak psychisch van aard.", "Disability is often mental in nature."
            ),
            "low_income_share": W(1.0, "Armoede geeft stress.", "Poverty brings stress."),
        },
    ),
    "physical_health": DomainWeights(
        W(8.0, "Chronische ziekte en beperkingen.", "Chronic illness and disabilities."),
        {
            "share_65_plus": W(
                2.5, "Met de leeftijd nemen ziekte en beperkingen toe.", "Illness and disability increase with age."
            ),
            "benefits_per_1000": W(
                1.0, "AO-uitkeringen wijzen op gezondheidsproblemen.", "Disability benefits point to health problems."
            ),
        },
    ),
    "substance_use": DomainWeights(
        W(3.0, "Alcohol, drugs, gokken.", "Alcohol, drugs, gambling."),
        {
            "share_single_person_households": W(
                0.6,
                "Verslaving komt vaker voor bij alleenwonenden.",
                "Addiction is more frequent among people living alone.",
            ),
            "benefits_per_1000": W(0.6, "Samenhang met werkloosheid.", "Associated with unemployment."),
        },
    ),
    "basic_adl": DomainWeights(
        W(4.0, "Hulp bij wassen, kleden, eten.", "Help with washing, dressing, eating."),
        {"share_65_plus": W(1.5, "Zelfzorg wordt moeilijker op hoge leeftijd.", "Self-care gets harder at old age.")},
    ),
    "instrumental_adl": DomainWeights(
        W(6.0, "Huishouden, boodschappen, administratie.", "Housekeeping, shopping, paperwork."),
        {
            "share_65_plus": W(
                2.0,
                "Ouderen vragen vaker huishoudelijke hulp (Wmo).",
                "Older people more often ask for domestic help (Wmo).",
            ),
            "share_single_person_households": W(
                0.5, "Niemand in huis om het over te nemen.", "Nobody at home to take over."
            ),
        },
    ),
    "social_network": DomainWeights(
        W(8.0, "Eenzaamheid en een klein netwerk.", "Loneliness and a small network."),
        {
            "share_single_person_households": W(
                2.0, "Alleenwonenden zijn vaker eenzaam.", "People living alone are more often lonely."
            ),
            "share_65_plus": W(1.0, "Het netwerk krimpt op hoge leeftijd.", "The network shrinks at old age."),
        },
    ),
    "community_participation": DomainWeights(
        W(
            5.0,
            "Meedoen in buurt, vrijwilligerswerk, verenigingen.",
            "Taking part in the neighbourhood, volunteering, clubs.",
        ),
        {
            "benefits_per_1000": W(
                1.2,
                "Zonder werk valt een belangrijke vorm van meedoen weg.",
                "Without work a main way of taking part falls away.",
            ),
            "share_single_person_households": W(0.5, "Minder vanzelfsprekende contacten.", "Fewer natural contacts."),
            "share_65_plus": W(
                0.3, "Mobiliteit en gezondheid beperken meedoen.", "Mobility and health limit taking part."
            ),
        },
    ),
    "justice": DomainWeights(
        W(
            1.5,
            "Contact met politie of justitie; zeldzaam in wijkteamvragen.",
            "Contact with police or justice; rare in social team requests.",
        ),
        {
            "benefits_per_1000": W(
                0.4, "Samenhang met werkloosheid en schulden.", "Associated with unemployment and debts."
            ),
            "low_income_share": W(
                0.2, "Schulden kunnen tot boetes en vonnissen leiden.", "Debts can lead to fines and judgements."
            ),
        },
    ),
}


@dataclass(frozen=True)
class DemandModel:
    version: str
    inputs: tuple[ModelInput, ...]
    weights: Mapping[str, DomainWeights]
    calibrated_on: int = 0  # number of districts the weights were fitted on (0: starting assumptions)


DEFAULT_MODEL = DemandModel(MODEL_VERSION, INPUTS, WEIGHTS)


# ---------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class InputValue:
    """A model input for one region: its value and where it came from; `value` None means missing."""

    key: str
    value: float | None
    year: int | None = None
    source_table: str | None = None

    @property
    def definition(self) -> ModelInput:
        return INPUTS_BY_KEY[self.key]

    @property
    def z(self) -> float | None:
        if self.value is None:
            return None
        definition = self.definition
        return (self.value - definition.reference) / definition.scale


def _from_source(source: InputSource, year: int, table: str, values: Mapping[EditionKey, float | None]) -> float | None:
    parts = [values.get((key, year, table)) for key in source.numerator]
    if any(p is None for p in parts):
        return None
    total = sum(p for p in parts if p is not None)
    if source.denominator is None:
        return total * source.multiplier
    base = values.get((source.denominator, year, table))
    if base is None or base <= 0:
        return None
    return total / base * source.multiplier


def resolve_inputs(
    values: Mapping[EditionKey, float | None], model: DemandModel = DEFAULT_MODEL
) -> dict[str, InputValue]:
    """Each input from the latest CBS edition that has everything it needs (numerator and denominator
    of the same year and table); among sources of the same year, the first listed wins."""
    editions = sorted({(year, table) for (_key, year, table) in values}, key=lambda e: (-e[0], e[1]))
    resolved: dict[str, InputValue] = {}
    for model_input in model.inputs:
        found = InputValue(model_input.key, None)
        for year, table in editions:
            for source in model_input.sources:
                value = _from_source(source, year, table, values)
                if value is not None:
                    found = InputValue(model_input.key, value, year, table)
                    break
            if found.value is not None:
                break
        resolved[model_input.key] = found
    return resolved


def households_of(values: Mapping[EditionKey, float | None]) -> tuple[float | None, int | None, str | None]:
    """The number of households from the latest edition that has it."""
    candidates = [(year, table, v) for (key, year, table), v in values.items() if key == "households" and v]
    if not candidates:
        return None, None, None
    year, table, value = max(candidates, key=lambda c: (c[0], c[1]))
    return value, year, table


# --------------------------------------------------------------------------------------------- estimate


@dataclass(frozen=True)
class DomainEstimate:
    domain: str
    rate: float  # expected requests per 1,000 households per year
    count: float | None  # expected requests per year (None when the number of households is missing)
    contributions: dict[str, float]  # input key -> coefficient × z, for the inputs that were present
    missing_inputs: tuple[str, ...]
    clamped: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing_inputs


@dataclass(frozen=True)
class DemandEstimate:
    model: DemandModel
    inputs: dict[str, InputValue]
    domains: list[DomainEstimate]
    households: float | None
    households_year: int | None = None
    households_source: str | None = None

    @property
    def missing_inputs(self) -> tuple[str, ...]:
        return tuple(key for key, value in self.inputs.items() if value.value is None)

    @property
    def complete(self) -> bool:
        return not self.missing_inputs

    @property
    def usable(self) -> bool:
        """Whether any input is present at all; without one the estimate is only the base rates."""
        return any(value.value is not None for value in self.inputs.values())


def estimate(
    inputs: Mapping[str, InputValue],
    *,
    households: float | None = None,
    model: DemandModel = DEFAULT_MODEL,
    households_year: int | None = None,
    households_source: str | None = None,
) -> DemandEstimate:
    """Expected requests per life domain. A missing input adds nothing (the district is taken at the
    reference level for it) and is listed in `missing_inputs` of every domain that uses it."""
    domains = []
    for domain, weights in model.weights.items():
        contributions: dict[str, float] = {}
        missing: list[str] = []
        for key, coefficient in weights.coefficients.items():
            value = inputs.get(key)
            z = value.z if value is not None else None
            if z is None:
                missing.append(key)
            else:
                contributions[key] = coefficient.value * z
        raw = weights.base.value + sum(contributions.values())
        rate = max(raw, 0.0)
        count = rate * households / 1000 if households is not None else None
        domains.append(DomainEstimate(domain, rate, count, contributions, tuple(missing), clamped=raw < 0))
    return DemandEstimate(model, dict(inputs), domains, households, households_year, households_source)


def estimate_from_values(
    values: Mapping[EditionKey, float | None], model: DemandModel = DEFAULT_MODEL
) -> DemandEstimate:
    """The estimate for one region from all its CBS figures (as `neighbourhoods` keeps them)."""
    households, year, table = households_of(values)
    return estimate(
        resolve_inputs(values, model),
        households=households,
        model=model,
        households_year=year,
        households_source=table,
    )


# ------------------------------------------------------------------------------------------ calibration


class CalibrationError(ValueError):
    """The observations cannot determine the weights (too few, or inputs that move together)."""


@dataclass(frozen=True)
class Observation:
    """One district's registered demand: its model inputs (raw values, None when missing) and the
    observed requests per 1,000 households per year, per life domain (a domain left out: not observed)."""

    label: str
    inputs: Mapping[str, float | None]
    observed: Mapping[str, float]


@dataclass(frozen=True)
class Fit:
    """How well the recalibrated weights of one domain fit the observations."""

    n: int
    r_squared: float | None  # None when every observed value is the same (R² undefined)
    residuals: tuple[tuple[str, float], ...]  # (label, observed − fitted)
    excluded: tuple[str, ...] = ()  # observations left out because an input was missing


@dataclass(frozen=True)
class Calibration:
    model: DemandModel
    fits: dict[str, Fit] = field(default_factory=dict)
    # Domains that could not be refitted (only with strict=False): domain -> the reason; they keep their weights.
    skipped: dict[str, str] = field(default_factory=dict)


def solve(matrix: Sequence[Sequence[float]], vector: Sequence[float]) -> list[float]:
    """Solve A·x = b by Gaussian elimination with partial pivoting; raises CalibrationError if singular."""
    size = len(matrix)
    rows = [[float(v) for v in row] + [float(b)] for row, b in zip(matrix, vector, strict=True)]
    largest = max((abs(v) for row in matrix for v in row), default=0.0) or 1.0
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) <= 1e-10 * largest:
            raise CalibrationError(
                _(
                    "The inputs move together (or do not vary) in these districts, "
                    "so their weights cannot be told apart."
                )
            )
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, size):
            factor = rows[r][col] / rows[col][col]
            if factor:
                for c in range(col, size + 1):
                    rows[r][c] -= factor * rows[col][c]
    solution = [0.0] * size
    for r in range(size - 1, -1, -1):
        solution[r] = (rows[r][size] - sum(rows[r][c] * solution[c] for c in range(r + 1, size))) / rows[r][r]
    return solution


def least_squares(design: Sequence[Sequence[float]], observed: Sequence[float]) -> list[float]:
    """Ordinary least squares through the normal equations (XᵀX)·b = Xᵀy."""
    width = len(design[0])
    xtx = [[sum(row[i] * row[j] for row in design) for j in range(width)] for i in range(width)]
    xty = [sum(row[i] * y for row, y in zip(design, observed, strict=True)) for i in range(width)]
    return solve(xtx, xty)


def calibrate(
    observations: Sequence[Observation], *, model: DemandModel = DEFAULT_MODEL, strict: bool = True
) -> Calibration:
    """Refit each observed domain's base and coefficients on its own inputs by ordinary least squares.

    A domain is fitted on the observations that have all of its inputs; domains nobody observed keep
    their weights. Raises CalibrationError when a domain has no more observations than weights or when
    its inputs cannot be told apart; with `strict=False` such a domain keeps its weights and the reason
    is reported in `Calibration.skipped` (CalibrationError only when no domain could be fitted).
    """
    weights = dict(model.weights)
    fits: dict[str, Fit] = {}
    skipped: dict[str, str] = {}
    districts = 0
    for domain, prior in model.weights.items():
        observing = [o for o in observations if domain in o.observed]
        if not observing:
            continue
        try:
            fitted_weights, fit = _calibrate_domain(domain, prior, observing, model)
        except CalibrationError as exc:
            if strict:
                raise
            skipped[domain] = str(exc)
            continue
        weights[domain] = fitted_weights
        fits[domain] = fit
        districts = max(districts, fit.n)
    if not fits and not strict:
        raise CalibrationError(
            _("No life domain could be recalibrated: %(reasons)s")
            % {"reasons": " ".join(skipped.values()) or _("nothing was observed.")}
        )
    calibrated = replace(model, weights=weights, calibrated_on=districts, version=f"{model.version}+calibrated")
    return Calibration(calibrated, fits, skipped)


def _calibrate_domain(
    domain: str, prior: DomainWeights, observing: Sequence[Observation], model: DemandModel
) -> tuple[DomainWeights, Fit]:
    keys = list(prior.coefficients)
    usable: list[tuple[Observation, list[float]]] = []
    excluded: list[str] = []
    for o in observing:
        present = [v for k in keys if (v := o.inputs.get(k)) is not None]
        if len(present) == len(keys):
            usable.append((o, present))
        else:
            excluded.append(o.label)
    parameters = len(keys) + 1
    if len(usable) <= parameters:
        raise CalibrationError(
            _(
                "Life domain %(domain)s: %(n)d districts with all inputs, but %(p)d weights to fit; "
                "at least %(needed)d are needed."
            )
            % {"domain": domain, "n": len(usable), "p": parameters, "needed": parameters + 1}
        )
    design = [[1.0, *(_z(model, k, v) for k, v in zip(keys, present, strict=True))] for _o, present in usable]
    observed = [float(o.observed[domain]) for o, _present in usable]
    try:
        solution = least_squares(design, observed)
    except CalibrationError as exc:
        raise CalibrationError(_("Life domain %(domain)s: %(reason)s") % {"domain": domain, "reason": exc}) from exc
    fitted = [sum(b * x for b, x in zip(solution, row, strict=True)) for row in design]
    residuals = tuple((o.label, y - f) for (o, _p), y, f in zip(usable, observed, fitted, strict=True))
    mean = sum(observed) / len(observed)
    total = sum((y - mean) ** 2 for y in observed)
    residual = sum(r * r for _label, r in residuals)
    r_squared = None if math.isclose(total, 0.0, abs_tol=1e-12) else 1 - residual / total
    note_nl = f"Herijkt met kleinste kwadraten op {len(usable)} wijken."
    note_en = f"Recalibrated by least squares on {len(usable)} districts."
    fitted_weights = DomainWeights(
        Weight(solution[0], note_nl, note_en),
        {k: Weight(solution[i + 1], note_nl, note_en) for i, k in enumerate(keys)},
    )
    return fitted_weights, Fit(len(usable), r_squared, residuals, tuple(excluded))


def _z(model: DemandModel, key: str, value: float) -> float:
    definition = next(i for i in model.inputs if i.key == key)
    return (value - definition.reference) / definition.scale


# ----------------------------------------------------------------------------------- weight sets as data


def weights_to_data(weights: Mapping[str, DomainWeights]) -> dict[str, dict[str, object]]:
    """The numbers of a weight set as plain JSON data: {domain: {"base": x, "coefficients": {input: y}}}."""
    return {
        domain: {"base": w.base.value, "coefficients": {k: c.value for k, c in w.coefficients.items()}}
        for domain, w in weights.items()
    }


def model_from_data(data: Mapping[str, object], *, version: str, calibrated_on: int = 0) -> DemandModel:
    """A model with the weights of saved data; domains or inputs not in the data keep the shipped weights,
    unknown ones are ignored (a saved set survives a later model version)."""
    weights = dict(WEIGHTS)
    note_nl = "Gewicht uit een opgeslagen herijking."
    note_en = "Weight from a saved recalibration."
    for domain, shipped in WEIGHTS.items():
        saved = data.get(domain)
        if not isinstance(saved, Mapping):
            continue
        coefficients = dict(shipped.coefficients)
        saved_coefficients = saved.get("coefficients") or {}
        for key in shipped.coefficients:
            if isinstance(saved_coefficients, Mapping) and key in saved_coefficients:
                coefficients[key] = Weight(float(saved_coefficients[key]), note_nl, note_en)
        base = Weight(float(saved["base"]), note_nl, note_en) if "base" in saved else shipped.base
        weights[domain] = DomainWeights(base, coefficients)
    return DemandModel(version, INPUTS, weights, calibrated_on)


# ------------------------------------------------------------------------------------ households of areas


@dataclass(frozen=True)
class Households:
    """The number of households of an area, where it came from, and whether it is an explicit estimate."""

    value: float | None
    year: int | None = None
    source_table: str | None = None
    estimated: bool = False


def households_with_estimate(
    values: Mapping[EditionKey, float | None], municipality_values: Mapping[EditionKey, float | None]
) -> Households:
    """The households of a district: the CBS figure where there is one; else, shown as an estimate, its
    residents × the municipality's households per resident of the same CBS edition (CBS gives district
    households only for some municipalities). None when neither is possible: never filled in silently."""
    value, year, table = households_of(values)
    if value is not None:
        return Households(value, year, table)
    municipal = sorted(
        (
            (y, t, households, residents)
            for (key, y, t), households in municipality_values.items()
            if key == "households"
            and households
            and (residents := municipality_values.get(("population", y, t)))
            and values.get(("population", y, t)) is not None
        ),
        key=lambda e: (-e[0], e[1]),
    )
    if not municipal:
        # The district's own latest population with the municipality's latest ratio.
        ratios = sorted(
            (
                (y, t, households / residents)
                for (key, y, t), households in municipality_values.items()
                if key == "households" and households and (residents := municipality_values.get(("population", y, t)))
            ),
            key=lambda e: (-e[0], e[1]),
        )
        people = sorted(
            ((y, t, v) for (key, y, t), v in values.items() if key == "population" and v), key=lambda e: (-e[0], e[1])
        )
        if not ratios or not people:
            return Households(None)
        year, table, residents = people[0]
        return Households(residents * ratios[0][2], year, table, estimated=True)
    year, table, households, residents = municipal[0]
    district_residents = values[("population", year, table)] or 0.0
    return Households(district_residents * households / residents, year, table, estimated=True)
