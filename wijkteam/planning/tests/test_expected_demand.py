"""Expected demand of a region from its imported CBS figures: selector, profile section, API."""

import csv

import pytest

from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.models import IndicatorValue, Region
from wijkteam.neighbourhoods.tests.factories import SAMPLE_CBS, sample_indicators_import
from wijkteam.planning import demand
from wijkteam.planning.selectors import expected_demand_for_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    sample_indicators_import()


def utrecht_row(code, year):
    with (SAMPLE_CBS / "kwb2023_2024_utrecht_wijken_buurten.csv").open(encoding="utf-8") as handle:
        return next(r for r in csv.DictReader(handle) if r["region_code"] == code and r["year"] == str(year))


def test_utrecht_district_has_every_input_but_low_income(imported):
    expected = expected_demand_for_region(region=Region.objects.get(code="WK034403"))
    inputs = expected.estimate.inputs
    row23, row24 = utrecht_row("WK034403", 2023), utrecht_row("WK034403", 2024)
    benefits = sum(
        float(row23[k])
        for k in (
            "persons_social_assistance_bijstand",
            "persons_disability_benefit_ao",
            "persons_unemployment_benefit_ww",
        )
    )
    assert inputs["benefits_per_1000"].value == pytest.approx(benefits / float(row23["population"]) * 1000)
    assert (inputs["benefits_per_1000"].year, inputs["benefits_per_1000"].source_table) == (2023, "85618NED")
    assert inputs["share_single_person_households"].value == pytest.approx(
        float(row24["households_single_person"]) / float(row24["households"]) * 100
    )
    assert inputs["share_single_person_households"].year == 2024
    assert expected.estimate.missing_inputs == ("low_income_share",)  # only per municipality in the snapshot
    assert expected.estimate.households == float(row24["households"])
    assert [row.estimate.domain for row in expected.rows][:2] == ["finances", "work_education"]
    assert expected.rows[0].name == "Financiën"


def test_enschede_district_says_which_inputs_are_missing(imported):
    expected = expected_demand_for_region(region=Region.objects.get(code="WK015300"))
    assert set(expected.estimate.missing_inputs) == {
        "share_households_with_children",
        "share_single_person_households",
        "benefits_per_1000",
        "low_income_share",
    }
    assert expected.estimate.households is None
    assert all(row.estimate.count is None for row in expected.rows)
    assert expected.estimate.usable  # the share of 65+ is there


def test_profile_page_shows_the_section(client, imported):
    client.force_login(UserFactory())
    body = client.get("/regio/WK034403/").content.decode()
    assert "Verwachte vraag per leefgebied" in body
    assert 'data-input="low_income_share"' in body and "geen risicoscore" in body
    assert "Verwachte vraag per leefgebied" not in client.get("/regio/NL00/").content.decode()


def test_api_expected_demand(api_client, imported):
    api_client.force_authenticate(UserFactory())
    body = api_client.get("/api/v1/regions/WK034403/expected-demand/").json()
    assert body["region"] == "WK034403" and body["model_version"] == demand.MODEL_VERSION
    assert body["missing_inputs"] == ["low_income_share"] and body["complete"] is False
    assert {d["code"] for d in body["domains"]} == set(demand.WEIGHTS)
    finances = next(d for d in body["domains"] if d["code"] == "finances")
    assert finances["missing_inputs"] == ["low_income_share"]
    assert finances["expected_requests"] == pytest.approx(
        finances["expected_per_1000_households"] * body["households"] / 1000
    )
    low_income = next(i for i in body["inputs"] if i["key"] == "low_income_share")
    assert low_income["value"] is None and low_income["year"] is None
    assert "not a risk score" in body["note"]


def test_api_expected_demand_unknown_region_and_anonymous(api_client, imported):
    assert api_client.get("/api/v1/regions/WK034403/expected-demand/").status_code in (401, 403)
    api_client.force_authenticate(UserFactory())
    assert api_client.get("/api/v1/regions/GM9999/expected-demand/").status_code == 404


def test_api_expected_demand_query_count_is_constant(api_client, imported, django_assert_max_num_queries):
    api_client.force_authenticate(UserFactory())
    with django_assert_max_num_queries(4):
        few = api_client.get("/api/v1/regions/WK015300/expected-demand/").json()
    assert (
        IndicatorValue.objects.filter(region__code="WK034403").count()
        > 2 * IndicatorValue.objects.filter(region__code="WK015300").count()
    )
    with django_assert_max_num_queries(4):
        many = api_client.get("/api/v1/regions/WK034403/expected-demand/").json()
    assert len(few["domains"]) == len(many["domains"]) == 13


def test_expected_demand_of_many_regions_matches_one_by_one_in_one_query(imported, django_assert_num_queries):
    from wijkteam.neighbourhoods.models import RegionLevel
    from wijkteam.planning.selectors import expected_demand_for_regions

    districts = list(Region.objects.filter(level=RegionLevel.DISTRICT).order_by("code"))
    assert len(districts) > 2
    with django_assert_num_queries(1):  # the whole country's districts: still one query
        estimates = expected_demand_for_regions(regions=districts)
    for district in districts:
        one = expected_demand_for_region(region=district).estimate
        many = estimates[district.pk]
        assert [(d.domain, d.rate, d.count) for d in many.domains] == [(d.domain, d.rate, d.count) for d in one.domains]
        assert many.missing_inputs == one.missing_inputs
