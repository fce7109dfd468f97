"""Observed against expected demand, recalibration and weight sets: selectors, pages, services."""

from datetime import date

import pytest

from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.models import HelpRequest
from wijkteam.households.models import Residence
from wijkteam.neighbourhoods.models import Region
from wijkteam.planning import demand, selectors, services
from wijkteam.planning.models import DemandWeightSet
from wijkteam.planning.tests.world import UTRECHT_DISTRICTS, YEAR, world_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_create()


@pytest.fixture
def utrecht(world):
    return Region.objects.get(code="GM0344")


def cell(row, code):
    return next(c for c in row.cells if c.domain.code == code)


def test_observed_counts_are_protected_and_rates_use_cbs_households(utrecht):
    result = selectors.observed_vs_expected(municipality=utrecht, year=YEAR)
    assert result.years == [YEAR] and result.complete_year
    rows = {row.district.code: row for row in result.rows}
    west = rows["WK034401"]
    assert west.households == demand.Households(16165.0, 2024, "85984NED")  # the CBS figure, not an estimate
    assert cell(west, "basic_adl").observed == 10  # 10 requests: rounded to 10
    assert cell(west, "basic_adl").observed_rate == pytest.approx(10 / 16165 * 1000)
    assert cell(rows["WK034402"], "basic_adl").observed == 15  # 14 → 15
    assert cell(west, "finances").secret and cell(west, "finances").observed_rate is None  # 3 < 8
    assert cell(west, "housing").secret  # 0 is secret too: never a telling zero
    assert west.requests == 35  # 10 + 20 + 3 = 33 → 35
    expected = selectors.expected_demand_for_region(region=Region.objects.get(code="WK034401"))
    assert cell(west, "basic_adl").expected_rate == next(
        r.estimate.rate for r in expected.rows if r.estimate.domain == "basic_adl"
    )
    assert result.total_requests == 510 and result.without_district is None


def test_the_district_is_where_the_household_lived_on_the_day(utrecht):
    household = (
        HelpRequest.objects.filter(household__residences__address__neighbourhood__parent__code="WK034401")
        .first()
        .household
    )
    Residence.objects.filter(household=household).update(valid_to=date(YEAR, 1, 1))
    result = selectors.observed_vs_expected(municipality=utrecht, year=YEAR)
    assert {row.district.code: row.requests for row in result.rows}["WK034401"] is None
    assert result.without_district == 35  # no address in the municipality on those days


def test_other_years_are_not_counted(utrecht):
    result = selectors.observed_vs_expected(municipality=utrecht, year=YEAR - 1)
    assert all(row.requests is None for row in result.rows)


def test_query_count_is_constant(utrecht, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        selectors.observed_vs_expected(municipality=utrecht, year=YEAR)
    with django_assert_max_num_queries(10):
        selectors.recalibration(municipality=utrecht, year=YEAR)


def test_recalibration_fits_what_it_can_and_says_why_not_the_rest(utrecht):
    result = selectors.recalibration(municipality=utrecht, year=YEAR)
    assert result.error is None
    fits = {domain.code: fit for domain, fit in result.fits}
    assert set(fits) == {"basic_adl", "physical_health"}
    assert fits["basic_adl"].n == len(UTRECHT_DISTRICTS) and 0 <= fits["basic_adl"].r_squared <= 1
    skipped = {domain.code: reason for domain, reason in result.skipped}
    # Finances is secret everywhere, so it is not observed; nothing else was registered.
    assert "finances" not in fits and "finances" not in skipped
    assert len(fits["basic_adl"].residuals) == len(UTRECHT_DISTRICTS)


def test_not_enough_registered_demand_is_a_clear_message(world):
    enschede = Region.objects.get(code="GM0153")
    result = selectors.recalibration(municipality=enschede, year=YEAR)
    assert result.calibration is None and "niet genoeg geregistreerde vraag" in result.error.lower()


def test_weight_set_saved_activated_and_used(utrecht):
    advisor = UserFactory(roles=["policy_advisor"])
    result = selectors.recalibration(municipality=utrecht, year=YEAR)
    weight_set = services.demand_weight_set_create(
        municipality=utrecht,
        name="Herijking 2025",
        year=YEAR,
        calibration=result.calibration,
        activate=True,
        actor=advisor,
    )
    assert weight_set.is_active and weight_set.calibrated_on == len(UTRECHT_DISTRICTS)
    assert set(weight_set.fit_report["fits"]) == {"basic_adl", "physical_health"}
    assert AuditEvent.objects.filter(action="demand_weight_set.created", target_id=str(weight_set.pk)).exists()
    district = Region.objects.get(code="WK034405")
    expected = selectors.expected_demand_for_region(region=district)
    assert expected.weight_set == weight_set
    basic = next(r for r in expected.rows if r.estimate.domain == "basic_adl")
    assert basic.weights.base.value == pytest.approx(result.calibration.model.weights["basic_adl"].base.value)
    # A second set becomes the active one; the first is kept.
    second = services.demand_weight_set_create(
        municipality=utrecht, name="Tweede", year=YEAR, calibration=result.calibration, activate=True, actor=advisor
    )
    assert list(DemandWeightSet.objects.filter(is_active=True)) == [second]
    services.demand_weight_set_activate(weight_set=weight_set, actor=advisor)
    assert selectors.active_weight_set(municipality_id=utrecht.pk) == weight_set
    services.demand_weight_set_deactivate(municipality=utrecht, actor=advisor)
    assert selectors.expected_demand_for_region(region=district).weight_set is None
    with pytest.raises(Exception, match="bestaat al"):
        services.demand_weight_set_create(
            municipality=utrecht,
            name="Tweede",
            year=YEAR,
            calibration=result.calibration,
            activate=False,
            actor=advisor,
        )


# ------------------------------------------------------------------------------------------------ pages


def test_observed_page_for_aggregates_only(client, utrecht):
    client.force_login(UserFactory(roles=["generalist"]))
    assert client.get("/planning/GM0344/vraag/").status_code == 403
    client.force_login(UserFactory(roles=["data_analyst"]))
    response = client.get(f"/planning/GM0344/vraag/?jaar={YEAR}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-district="WK034401"' in html and 'data-observed="10"' in html and 'title="geheim' in html
    assert "Herijk de gewichten" not in html  # analysts see, policy advisors recalibrate
    assert client.get("/planning/GM0344/vraag/?jaar=abc").status_code == 200  # bad year: message, no 500
    assert client.get("/planning/WK034401/vraag/").status_code == 404
    assert client.get("/planning/GM9999/vraag/").status_code == 404


def test_municipality_profile_shows_the_section_to_aggregate_roles_only(client, utrecht):
    client.force_login(UserFactory(roles=["policy_advisor"]))
    assert 'id="observed-demand"' in client.get("/regio/GM0344/").content.decode()
    client.force_login(UserFactory(roles=["generalist"]))
    assert 'id="observed-demand"' not in client.get("/regio/GM0344/").content.decode()


def test_policy_advisor_recalibrates_and_saves(client, utrecht):
    advisor = UserFactory(roles=["policy_advisor"])
    client.force_login(advisor)
    page = client.get(f"/planning/GM0344/herijken/?jaar={YEAR}").content.decode()
    assert 'id="fit-table"' in page and 'data-domain="basic_adl"' in page
    response = client.post(f"/planning/GM0344/herijken/?jaar={YEAR}", {"name": "Eigen 2025", "activate": "on"})
    assert response.status_code == 302
    weight_set = DemandWeightSet.objects.get(name="Eigen 2025")
    assert weight_set.is_active and weight_set.created_by == advisor
    assert "Eigen 2025" in client.get("/regio/WK034401/").content.decode()  # the profile says which set
    assert client.post(f"/planning/GM0344/gewichten/{weight_set.pk}/activeren/").status_code == 302
    assert client.post("/planning/GM0344/gewichten/standaard/").status_code == 302
    assert not DemandWeightSet.objects.filter(is_active=True).exists()
    empty = client.post(f"/planning/GM0344/herijken/?jaar={YEAR}", {"name": "", "activate": "on"})
    assert empty.status_code == 200 and "Dit veld is vereist" in empty.content.decode()


def test_only_policy_advisors_save(client, utrecht):
    client.force_login(UserFactory(roles=["data_analyst"]))
    assert client.post(f"/planning/GM0344/herijken/?jaar={YEAR}", {"name": "X"}).status_code == 403
    assert client.post("/planning/GM0344/gewichten/standaard/").status_code == 403
    assert not DemandWeightSet.objects.exists()


def test_pages_query_counts_are_constant(client, utrecht, django_assert_max_num_queries):
    client.force_login(UserFactory(roles=["policy_advisor"]))
    with django_assert_max_num_queries(25):
        client.get(f"/planning/GM0344/vraag/?jaar={YEAR}")
    with django_assert_max_num_queries(25):
        client.get(f"/planning/GM0344/herijken/?jaar={YEAR}")


def test_api_expected_demand_says_which_weights(api_client, utrecht):
    api_client.force_authenticate(UserFactory())
    assert api_client.get("/api/v1/regions/WK034401/expected-demand/").json()["weight_set"] is None
    result = selectors.recalibration(municipality=utrecht, year=YEAR)
    services.demand_weight_set_create(
        municipality=utrecht, name="API", year=YEAR, calibration=result.calibration, activate=True, actor=UserFactory()
    )
    assert api_client.get("/api/v1/regions/WK034401/expected-demand/").json()["weight_set"] == "API"


def test_home_panel_for_aggregate_roles(client, world, settings):
    settings.WIJKTEAM_MUNICIPALITY = "GM0344"
    client.force_login(UserFactory(roles=["policy_advisor"]))
    home = client.get("/").content.decode()
    assert 'id="panel-demand"' in home and "/planning/GM0344/vraag/" in home
    client.force_login(UserFactory(roles=["generalist"]))
    assert 'id="panel-demand"' not in client.get("/").content.decode()


def test_profile_section_query_count_does_not_grow_with_requests(client, utrecht, django_assert_max_num_queries):
    client.force_login(UserFactory(roles=["policy_advisor"]))
    client.get("/regio/GM0344/")  # warm caches (session, permissions)
    with django_assert_max_num_queries(40) as before:
        client.get("/regio/GM0344/")
    request = HelpRequest.objects.first()
    for _ in range(30):
        request.pk = None
        request.save()
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/regio/GM0344/")
