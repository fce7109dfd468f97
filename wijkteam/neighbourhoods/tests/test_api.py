import pytest

from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.tests.factories import sample_regions_import

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
