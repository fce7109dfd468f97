"""The composition advice formula, table-driven (no database)."""

from decimal import Decimal

import pytest
from django.utils import translation

from wijkteam.planning import composition, demand
from wijkteam.planning.composition import BALANCE, SHORTAGE, SURPLUS, AdviceLine, Settings, advise, available_fte

NAMES = {"generalist": "Generalist", "debts_money": "Schulden en geld", "mental_health": "Psychische gezondheid (GGZ)"}


def test_every_life_domain_maps_to_one_discipline_with_a_share():
    assert set(composition.DOMAIN_DISCIPLINES) == set(demand.WEIGHTS)
    for mapping in composition.DOMAIN_DISCIPLINES.values():
        assert Decimal("0") <= mapping.specialist_share <= Decimal("1") and mapping.rationale


def test_the_formula_by_hand():
    # 400 touches of finances and 400 of mental health per year: 400 cases, 200 open at a time.
    advice = advise(
        expected={"finances": 400.0, "mental_health": 400.0},
        available={"generalist": Decimal("9"), "debts_money": Decimal("0.5"), "mental_health": Decimal("1.5")},
        names=NAMES,
        settings=Settings(
            norm_per_fte=Decimal("20"), weight_coordinator=Decimal("1"), weight_involvement=Decimal("0.5")
        ),
    )
    assert advice.cases_per_year == Decimal("400.0") and advice.open_cases == Decimal("200.0")
    lines = {line.discipline: line for line in advice.lines}
    assert lines["generalist"].needed == Decimal("10.0")  # 200 open cases ÷ 20
    assert lines["debts_money"].needed == Decimal("2.5")  # 400 × ½ year × 0.5 share × 0.5 weight ÷ 20
    assert lines["mental_health"].needed == Decimal("2.0")  # 400 × ½ × 0.4 × 0.5 ÷ 20
    assert [line.discipline for line in advice.lines] == ["generalist", "debts_money", "mental_health"]
    assert advice.needed == Decimal("14.5") and advice.available == Decimal("11.0")


@pytest.mark.parametrize(
    ("needed", "available", "status", "words"),
    [
        ("2.5", "1.7", SHORTAGE, "Er is 0,8 fte schulden en geld te weinig."),
        ("1.0", "1.5", SURPLUS, "Er is 0,5 fte schulden en geld meer dan nodig."),
        ("1.0", "1.0", BALANCE, "Schulden en geld is in evenwicht."),
        ("0.0", "0.0", BALANCE, "Schulden en geld is in evenwicht."),
    ],
)
def test_gaps_and_surpluses_in_plain_words(needed, available, status, words):
    line = AdviceLine("debts_money", "Schulden en geld", Decimal(needed), Decimal(available), ("finances",))
    assert line.status == status
    with translation.override("nl"):
        assert line.words == words


def test_available_but_not_needed_is_a_surplus_and_team_settings_count():
    advice = advise(
        expected={"justice": 40.0},
        available={"generalist": Decimal("0.5"), "housing": Decimal("1")},
        names={"generalist": "Generalist", "housing": "Wonen"},
        settings=Settings(norm_per_fte=Decimal("10"), weight_coordinator=Decimal("1")),
    )
    lines = {line.discipline: line for line in advice.lines}
    assert lines["generalist"].needed == Decimal("1.0")  # 20 cases, 10 open, ÷ 10
    assert lines["housing"].needed == Decimal("0.0") and lines["housing"].status == SURPLUS
    with translation.override("nl"):
        assert advice.words == "In totaal heeft het team 0,5 fte meer dan nodig."


def test_a_norm_of_zero_is_refused():
    with pytest.raises(ValueError):
        advise(expected={}, available={}, names={}, settings=Settings(norm_per_fte=Decimal("0")))


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([("generalist", Decimal("1"), ("generalist",))], {"generalist": Decimal("1")}),
        (
            [("specialist", Decimal("0.8"), ("debts_money", "housing"))],
            {"debts_money": Decimal("0.4"), "housing": Decimal("0.4")},
        ),
        ([("generalist", Decimal("0.6"), ())], {"generalist": Decimal("0.6")}),
        ([("wmo_consultant", Decimal("0.5"), ())], {"none": Decimal("0.5")}),
        ([("team_lead", Decimal("1"), ("generalist",)), ("volunteer", Decimal("0.2"), ("generalist",))], {}),
    ],
)
def test_available_fte_counts_case_carrying_members(members, expected):
    assert available_fte(members) == expected


def test_households_from_cbs_or_as_an_explicit_estimate():
    own = demand.households_with_estimate({("households", 2023, "T"): 100.0, ("population", 2023, "T"): 180.0}, {})
    assert own == demand.Households(100.0, 2023, "T", estimated=False)
    municipality = {("households", 2024, "M"): 1000.0, ("population", 2024, "M"): 2000.0}
    same_edition = demand.households_with_estimate({("population", 2024, "M"): 300.0}, municipality)
    assert same_edition == demand.Households(150.0, 2024, "M", estimated=True)
    other_edition = demand.households_with_estimate({("population", 2024, "D"): 400.0}, municipality)
    assert other_edition.value == 200.0 and other_edition.estimated
    assert demand.households_with_estimate({("population", 2024, "D"): 400.0}, {}).value is None
    assert demand.households_with_estimate({}, municipality).value is None


def test_weight_sets_round_trip_as_data():
    data = demand.weights_to_data(demand.WEIGHTS)
    data["finances"]["base"] = 20.0
    data["finances"]["coefficients"]["benefits_per_1000"] = 5.0
    data["unknown_domain"] = {"base": 1}
    model = demand.model_from_data(data, version="x", calibrated_on=9)
    assert model.weights["finances"].base.value == 20.0
    assert model.weights["finances"].coefficients["benefits_per_1000"].value == 5.0
    assert model.weights["housing"].base.value == demand.WEIGHTS["housing"].base.value
    assert "unknown_domain" not in model.weights and model.calibrated_on == 9


def test_non_strict_calibration_skips_domains_it_cannot_fit():
    observations = [
        demand.Observation(f"W{i}", {"share_65_plus": 10.0 + i}, {"basic_adl": 4.0 + i, "finances": 10.0})
        for i in range(4)
    ]
    result = demand.calibrate(observations, strict=False)
    assert set(result.fits) == {"basic_adl"} and "finances" in result.skipped
    assert result.fits["basic_adl"].r_squared == pytest.approx(1.0)
    with pytest.raises(demand.CalibrationError):
        demand.calibrate(observations)
    with pytest.raises(demand.CalibrationError):
        demand.calibrate(list(observations[:1]), strict=False)
