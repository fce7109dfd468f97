import pytest

from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.models import IndicatorValue
from wijkteam.neighbourhoods.tests.factories import sample_indicators_import, sample_regions_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_in(api_client):
    sample_regions_import()
    api_client.force_authenticate(UserFactory())
    return api_client


def test_list_shape_and_filters(client_in):
    response = client_in.get("/api/v1/regions/", {"level": "district", "parent": "GM0153"})
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 10
    first = body["results"][0]
    assert first == {
        "code": "WK015300",
        "name": "Wijk 00 Binnensingelgebied",
        "display_name": "Binnensingelgebied",
        "level": "district",
        "parent": "GM0153",
        "municipality": "GM0153",
        "edition_year": 2024,
    }


def test_detail_by_code_and_404(client_in):
    assert client_in.get("/api/v1/regions/GM0344/").json()["name"] == "Utrecht"
    assert client_in.get("/api/v1/regions/GM9999/").status_code == 404


def test_page_size_up_to_5000(client_in):
    body = client_in.get("/api/v1/regions/", {"page_size": 5000}).json()
    assert body["count"] == 93 and len(body["results"]) == 93 and body["next"] is None
    assert len(client_in.get("/api/v1/regions/", {"page_size": 2}).json()["results"]) == 2


def test_unknown_level_returns_empty_list(client_in):
    assert client_in.get("/api/v1/regions/", {"level": "provincie"}).json()["count"] == 0


def test_query_count_does_not_grow_with_rows(client_in, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        small = client_in.get("/api/v1/regions/", {"parent": "WK015300"}).json()
    with django_assert_max_num_queries(4):
        large = client_in.get("/api/v1/regions/", {"page_size": 1000}).json()
    assert len(large["results"]) > len(small["results"])


@pytest.fixture
def client_with_figures(api_client):
    sample_indicators_import()
    api_client.force_authenticate(UserFactory())
    return api_client


def test_indicators_of_a_region_every_edition(client_with_figures):
    body = client_with_figures.get("/api/v1/regions/WK034401/indicators/").json()
    assert set(body) == {"count", "next", "previous", "results"} and body["next"] is None
    assert body["count"] == len(body["results"]) == IndicatorValue.objects.filter(region__code="WK034401").count()
    editions = {(r["key"], r["year"], r["source_table"]): r for r in body["results"]}
    population = editions[("population", 2023, "85618NED")]
    assert population == {
        "id": "population:2023:85618NED",
        "key": "population",
        "name": "Inwoners",
        "category": "population",
        "value": 29040.0,
        "unit": "count",
        "year": 2023,
        "source_table": "85618NED",
        "rate": None,
        "rate_unit": "",
    }
    assert ("population", 2024, "85984NED") in editions  # both editions are kept
    single = editions[("households_single_person", 2023, "85618NED")]
    assert single["rate_unit"] == "pct_households" and single["rate"] == pytest.approx(8165 / 15480 * 100)
    missing = editions[("persons_social_assistance_bijstand", 2024, "85984NED")]
    assert missing["value"] is None and missing["rate"] is None  # missing, never 0


def test_indicators_unknown_region_is_404(client_with_figures):
    assert client_with_figures.get("/api/v1/regions/GM9999/indicators/").status_code == 404


def test_indicators_query_count_does_not_grow_with_editions(client_with_figures, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        few = client_with_figures.get("/api/v1/regions/WK015301/indicators/").json()
    with django_assert_max_num_queries(3):
        many = client_with_figures.get("/api/v1/regions/GM0344/indicators/").json()
    assert many["count"] > 3 * few["count"]


def test_indicators_page_size(client_with_figures):
    body = client_with_figures.get("/api/v1/regions/GM0344/indicators/", {"page_size": 10}).json()
    assert len(body["results"]) == 10 and body["next"]
