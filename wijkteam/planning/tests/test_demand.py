"""The expected-demand model and its calibration, table-driven and without the database."""

import csv
import random
import statistics
from pathlib import Path

import pytest
from django.conf import settings

from wijkteam.planning import demand
from wijkteam.planning.demand import (
    DEFAULT_MODEL,
    CalibrationError,
    DomainWeights,
    InputValue,
    Observation,
    Weight,
    calibrate,
    estimate,
    resolve_inputs,
    solve,
)
from wijkteam.reference.data import LIFE_DOMAINS

T24, T23 = "85984NED", "85618NED"


def test_every_life_domain_has_weights_with_reasons():
    assert set(DEFAULT_MODEL.weights) == {d["code"] for d in LIFE_DOMAINS}
    inputs = {i.key for i in DEFAULT_MODEL.inputs}
    for weights in DEFAULT_MODEL.weights.values():
        assert weights.base.value > 0 and weights.base.rationale_nl and weights.base.rationale_en
        assert weights.coefficients and set(weights.coefficients) <= inputs
        for weight in weights.coefficients.values():
            assert weight.rationale_nl and weight.rationale_en
    for model_input in DEFAULT_MODEL.inputs:
        assert model_input.scale > 0 and model_input.rationale_nl and model_input.rationale_en


@pytest.mark.parametrize(
    ("values", "key", "expected"),
    [
        # counts with their denominator of the same edition
        ({("age_65_plus", 2024, T24): 20.0, ("population", 2024, T24): 100.0}, "share_65_plus", (20.0, 2024, T24)),
        # the latest edition wins
        (
            {
                ("age_65_plus", 2023, T23): 10.0,
                ("population", 2023, T23): 100.0,
                ("age_65_plus", 2024, T24): 30.0,
                ("population", 2024, T24): 100.0,
            },
            "share_65_plus",
            (30.0, 2024, T24),
        ),
        # a published share when the counts are not there
        (
            {("pct_households_single_person", 2022, "wbk2022"): 33.0},
            "share_single_person_households",
            (33.0, 2022, "wbk2022"),
        ),
        # counts are preferred to a share of an older edition
        (
            {
                ("pct_households_single_person", 2022, "wbk2022"): 33.0,
                ("households_single_person", 2024, T24): 50.0,
                ("households", 2024, T24): 100.0,
            },
            "share_single_person_households",
            (50.0, 2024, T24),
        ),
        # benefits: the sum of three counts per 1,000 residents; one missing count: missing, never 0
        (
            {
                ("persons_social_assistance_bijstand", 2023, T23): 5.0,
                ("persons_disability_benefit_ao", 2023, T23): 3.0,
                ("persons_unemployment_benefit_ww", 2023, T23): 2.0,
                ("population", 2023, T23): 200.0,
            },
            "benefits_per_1000",
            (50.0, 2023, T23),
        ),
        (
            {
                ("persons_social_assistance_bijstand", 2023, T23): 5.0,
                ("persons_disability_benefit_ao", 2023, T23): None,
                ("persons_unemployment_benefit_ww", 2023, T23): 2.0,
                ("population", 2023, T23): 200.0,
            },
            "benefits_per_1000",
            (None, None, None),
        ),
        # a denominator from another edition does not count
        ({("age_65_plus", 2024, T24): 20.0, ("population", 2023, T23): 100.0}, "share_65_plus", (None, None, None)),
        ({("age_65_plus", 2024, T24): 20.0, ("population", 2024, T24): 0.0}, "share_65_plus", (None, None, None)),
        ({}, "low_income_share", (None, None, None)),
    ],
)
def test_resolve_inputs(values, key, expected):
    value = resolve_inputs(values)[key]
    assert (value.value, value.year, value.source_table) == (
        pytest.approx(expected[0]) if expected[0] is not None else None,
        expected[1],
        expected[2],
    )


def at(**values):
    """Inputs given as raw values; inputs not named are missing."""
    return {i.key: InputValue(i.key, values.get(i.key)) for i in DEFAULT_MODEL.inputs}


def reference_level():
    return at(**{i.key: i.reference for i in DEFAULT_MODEL.inputs})


def test_a_district_at_the_dutch_level_gets_the_base_rates():
    result = estimate(reference_level(), households=2000)
    for domain in result.domains:
        base = DEFAULT_MODEL.weights[domain.domain].base.value
        assert domain.rate == pytest.approx(base)
        assert domain.count == pytest.approx(base * 2)
        assert domain.complete and not domain.clamped
    assert result.complete and result.usable


@pytest.mark.parametrize(
    ("change", "domain", "direction"),
    [
        ({"share_65_plus": 33.5}, "basic_adl", +1),
        ({"share_65_plus": 33.5}, "work_education", -1),
        ({"share_single_person_households": 59.0}, "social_network", +1),
        ({"benefits_per_1000": 136.0}, "finances", +1),
        ({"share_households_with_children": 46.2}, "domestic_relations", +1),
        ({"low_income_share": 11.1}, "housing", +1),
    ],
)
def test_inputs_move_the_domains_they_should(change, domain, direction):
    levels = {i.key: i.reference for i in DEFAULT_MODEL.inputs} | change
    changed = {d.domain: d for d in estimate(at(**levels)).domains}[domain]
    base = DEFAULT_MODEL.weights[domain].base.value
    assert (changed.rate - base) * direction > 0
    # two scales away: exactly twice the coefficient
    ((key, _value),) = change.items()
    coefficient = DEFAULT_MODEL.weights[domain].coefficients[key].value
    assert changed.contributions[key] == pytest.approx(2 * coefficient)


def test_missing_inputs_are_listed_never_filled_in():
    result = estimate(at(share_65_plus=20.5), households=None)
    assert set(result.missing_inputs) == {i.key for i in DEFAULT_MODEL.inputs} - {"share_65_plus"}
    finances = next(d for d in result.domains if d.domain == "finances")
    assert set(finances.missing_inputs) == {
        "benefits_per_1000",
        "low_income_share",
        "share_single_person_households",
        "share_households_with_children",
    }
    assert set(finances.contributions) == {"share_65_plus"} and not finances.complete
    assert finances.count is None  # no households: no expected number, only the rate
    basic = next(d for d in result.domains if d.domain == "basic_adl")
    assert basic.complete  # basic ADL only uses the share of 65+
    assert not estimate(at()).usable


def test_the_rate_never_goes_below_zero():
    model = demand.DemandModel(
        "t",
        DEFAULT_MODEL.inputs,
        {"justice": DomainWeights(Weight(1.0, "", ""), {"share_65_plus": Weight(-5.0, "", "")})},
    )
    (justice,) = estimate(at(share_65_plus=40.0), model=model).domains
    assert justice.rate == 0.0 and justice.clamped


# ------------------------------------------------------------------------------------------- solving


@pytest.mark.parametrize(
    ("matrix", "vector", "solution"),
    [
        ([[2.0]], [4.0], [2.0]),
        ([[1.0, 1.0], [1.0, -1.0]], [3.0, 1.0], [2.0, 1.0]),
        ([[0.0, 1.0], [1.0, 0.0]], [5.0, 7.0], [7.0, 5.0]),  # needs a row swap
        ([[4.0, -2.0, 1.0], [-2.0, 4.0, -2.0], [1.0, -2.0, 4.0]], [11.0, -16.0, 17.0], [1.0, -2.0, 3.0]),
    ],
)
def test_solve(matrix, vector, solution):
    assert solve(matrix, vector) == pytest.approx(solution)


@pytest.mark.parametrize(
    "matrix", [[[1.0, 2.0], [2.0, 4.0]], [[0.0, 0.0], [0.0, 0.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [0.0, 1.0, 2.0]]]
)
def test_solve_refuses_a_singular_system(matrix):
    with pytest.raises(CalibrationError, match="niet van elkaar te onderscheiden"):
        solve(matrix, [1.0] * len(matrix))


# ---------------------------------------------------------------------------------------- calibration

TRUE_WEIGHTS = {
    domain: DomainWeights(
        Weight(weights.base.value * 1.5 + 1, "", ""),
        {key: Weight(w.value * -0.5 + 0.25, "", "") for key, w in weights.coefficients.items()},
    )
    for domain, weights in DEFAULT_MODEL.weights.items()
}


def synthetic_districts(n, *, noise=0.0, seed=7):
    """Districts with varied inputs and the demand the TRUE_WEIGHTS model gives them (plus noise)."""
    rng = random.Random(seed)
    true_model = demand.DemandModel("true", DEFAULT_MODEL.inputs, TRUE_WEIGHTS)
    districts = []
    for number in range(n):
        raw = {i.key: i.reference + rng.uniform(-2, 2) * i.scale for i in DEFAULT_MODEL.inputs}
        expected = estimate(at(**raw), model=true_model)
        observed = {}
        for domain in expected.domains:
            weights = TRUE_WEIGHTS[domain.domain]
            unclamped = weights.base.value + sum(domain.contributions.values())
            observed[domain.domain] = unclamped + rng.gauss(0, noise) if noise else unclamped
        districts.append(Observation(f"WK{number:06d}", raw, observed))
    return districts


def test_a_perfect_fit_recovers_the_weights():
    calibration = calibrate(synthetic_districts(12))
    for domain, fit in calibration.fits.items():
        assert fit.n == 12 and fit.r_squared == pytest.approx(1.0)
        assert all(abs(residual) < 1e-8 for _label, residual in fit.residuals)
        weights = calibration.model.weights[domain]
        assert weights.base.value == pytest.approx(TRUE_WEIGHTS[domain].base.value)
        for key, weight in weights.coefficients.items():
            assert weight.value == pytest.approx(TRUE_WEIGHTS[domain].coefficients[key].value)
    assert calibration.model.calibrated_on == 12 and calibration.model.version.endswith("+calibrated")
    assert "kleinste kwadraten" in calibration.model.weights["finances"].base.rationale_nl


def test_a_noisy_fit_reports_its_r_squared_and_residuals():
    calibration = calibrate(synthetic_districts(40, noise=2.0))
    fit = calibration.fits["finances"]
    assert 0.0 < fit.r_squared < 1.0
    assert sum(residual for _label, residual in fit.residuals) == pytest.approx(0.0, abs=1e-6)  # OLS with intercept
    assert len(fit.residuals) == 40 and fit.residuals[0][0] == "WK000000"


def test_districts_with_a_missing_input_are_left_out_and_named():
    districts = synthetic_districts(12)
    districts[0] = Observation("WK999999", {**districts[0].inputs, "low_income_share": None}, districts[0].observed)
    calibration = calibrate(districts)
    assert calibration.fits["finances"].excluded == ("WK999999",) and calibration.fits["finances"].n == 11
    assert calibration.fits["basic_adl"].excluded == () and calibration.fits["basic_adl"].n == 12


def test_unobserved_domains_keep_their_weights():
    districts = [Observation(o.label, o.inputs, {"basic_adl": o.observed["basic_adl"]}) for o in synthetic_districts(5)]
    calibration = calibrate(districts)
    assert set(calibration.fits) == {"basic_adl"}
    assert calibration.model.weights["finances"] is DEFAULT_MODEL.weights["finances"]


def test_too_few_districts_is_a_clear_error():
    with pytest.raises(CalibrationError, match="Leefgebied finances: 5 wijken met alle invoer"):
        calibrate(synthetic_districts(5))


def test_inputs_that_move_together_are_a_clear_error():
    # Every district has the same share of 65+: basic ADL (base + 65+) cannot be fitted.
    districts = [Observation(f"WK{i}", {"share_65_plus": 25.0}, {"basic_adl": 4.0 + i}) for i in range(6)]
    with pytest.raises(CalibrationError, match="basic_adl"):
        calibrate(districts)


def test_all_equal_observations_have_no_r_squared():
    districts = [Observation(f"WK{i}", {"share_65_plus": 10.0 + i}, {"basic_adl": 4.0}) for i in range(6)]
    fit = calibrate(districts).fits["basic_adl"]
    assert fit.r_squared is None and fit.n == 6


# ------------------------------------------------------------------------------ references from the data


def read(name):
    with (Path(settings.BASE_DIR) / "data" / "cbs" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text):
    return float(text) if text not in ("", ".") else None


def test_reference_levels_and_scales_follow_from_the_snapshot():
    inputs = demand.INPUTS_BY_KEY
    national = read("kwb2024_nl_gemeenten_wijken_buurten.csv")
    nl = next(r for r in national if r["region_code"] == "NL00")
    assert number(nl["age_65_plus"]) / number(nl["population"]) * 100 == pytest.approx(
        inputs["share_65_plus"].reference, abs=0.05
    )
    districts = [
        number(r["age_65_plus"]) / number(r["population"]) * 100
        for r in national
        if r["region_type"] == "wijk" and (number(r["population"]) or 0) >= 100
    ]
    assert statistics.pstdev(districts) == pytest.approx(inputs["share_65_plus"].scale, abs=0.05)

    municipalities = read("wbk2022_gemeenten_sociaal.csv")
    for key, column in [
        ("share_households_with_children", "pct_households_with_children"),
        ("share_single_person_households", "pct_households_single_person"),
        ("low_income_share", "pct_households_at_or_below_social_minimum"),
    ]:
        pairs = [(number(r[column]), number(r["households"])) for r in municipalities if number(r[column]) is not None]
        weighted = sum(v * h for v, h in pairs) / sum(h for _v, h in pairs)
        assert weighted == pytest.approx(inputs[key].reference, abs=0.05), key

    frisian = [
        r
        for r in read("kwb2025_friesland_wijken_buurten.csv")
        if r["region_type"] == "wijk" and (number(r["households"]) or 0) >= 50
    ]
    for key, column in [
        ("share_households_with_children", "households_with_children"),
        ("share_single_person_households", "households_single_person"),
    ]:
        shares = [number(r[column]) / number(r["households"]) * 100 for r in frisian]
        assert statistics.pstdev(shares) == pytest.approx(inputs[key].scale, abs=0.3), key

    partial = read("kwb2024_gemeenten_uitkeringen_partial.csv")
    benefits = sum(
        number(r["persons_social_assistance_bijstand"])
        + number(r["persons_disability_benefit_ao"])
        + number(r["persons_unemployment_benefit_ww"])
        for r in partial
    ) / sum(number(r["population"]) for r in partial)
    assert benefits * 1000 == pytest.approx(inputs["benefits_per_1000"].reference, abs=0.5)
