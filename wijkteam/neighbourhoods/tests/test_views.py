import pytest

from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.tests.factories import sample_regions_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client):
    sample_regions_import()
    client.force_login(UserFactory())
    return client


def test_municipality_list_and_search(logged_in):
    body = logged_in.get("/regio/").content.decode()
    assert "Enschede" in body and "Utrecht" in body
    body = logged_in.get("/regio/", {"q": "ensch"}).content.decode()
    assert "Enschede" in body and "Utrecht" not in body


def test_search_as_htmx_returns_only_the_results(logged_in):
    response = logged_in.get("/regio/", {"q": "GM0344"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Utrecht" in body


def test_municipality_detail_lists_districts(logged_in, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        body = logged_in.get("/regio/GM0153/").content.decode()
    assert "Binnensingelgebied" in body and "WK015300" in body


def test_district_detail_shows_breadcrumb_and_neighbourhoods(logged_in):
    body = logged_in.get("/regio/WK015300/").content.decode()
    assert "City" in body and 'href="/regio/GM0153/"' in body


def test_unknown_region_is_404(logged_in):
    assert logged_in.get("/regio/GM9999/").status_code == 404


def test_home_panel_links_the_district_analysis(client, settings):
    from wijkteam.neighbourhoods.tests.factories import sample_indicators_import

    sample_indicators_import()
    settings.WIJKTEAM_MUNICIPALITY = "GM0153"
    client.force_login(UserFactory())
    body = client.get("/").content.decode()
    assert 'href="/regio/GM0153/">Enschede</a>' in body
    # Utrecht's districts have households and benefits in the CBS data: the demo's second analysis.
    assert 'href="/regio/GM0344/">Utrecht</a> (met huishoudens en uitkeringen per wijk)' in body
