"""The district profile (wijkanalyse) page and the map of a municipality's districts."""

import html
import json
import re

import pytest

from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.models import IndicatorValue
from wijkteam.neighbourhoods.profile import _sections, register_profile_section
from wijkteam.neighbourhoods.services import indicator_values_import
from wijkteam.neighbourhoods.snapshot import Record
from wijkteam.neighbourhoods.tests.factories import sample_indicators_import, sample_regions_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client):
    sample_indicators_import()
    client.force_login(UserFactory())
    return client


def map_data(body):
    return json.loads(html.unescape(re.search(r'data-choropleth="([^"]*)"', body).group(1)))


def cell(body, edition, code, attribute="data-value"):
    """The value a profile row shows for a region: the data attribute and the visible text."""
    row = re.search(rf'<tr[^>]*data-edition="{re.escape(edition)}"[^>]*>(.*?)</tr>', body, re.S).group(1)
    match = re.search(rf'<td[^>]*data-region="{code}"[^>]*{attribute}="([^"]*)"[^>]*>(.*?)</td>', row, re.S)
    return match.group(1), re.sub(r"<[^>]+>", "", match.group(2)).strip()


def test_district_profile_beside_municipality_and_country(logged_in):
    body = logged_in.get("/regio/WK015300/").content.decode()
    value, text = cell(body, "population:2024:85984NED", "WK015300")
    assert float(value) > 1000 and text == f"{int(float(value)):,}".replace(",", ".")
    value, text = cell(body, "age_65_plus:2024:85984NED", "NL00", "data-rate")
    assert float(value) == pytest.approx(3677228 / 17942942 * 100) and text == "20,5 %"
    # Missing is shown as missing, with an accessible label, never as 0.
    value, text = cell(body, "households:2024:85984NED", "WK015300")
    assert value == "" and text == "–ontbreekt"


def test_district_without_household_and_benefit_figures_says_so(logged_in):
    def alert(path):
        body = logged_in.get(path).content.decode()
        return re.search(r"utrecht-alert--warning.*?</div>\s*</div>", body, re.S).group(0)

    enschede = alert("/regio/WK015300/")
    assert "<strong>huishoudens</strong>" in enschede and "<strong>sociale zekerheid</strong>" in enschede
    utrecht = alert("/regio/WK034401/")
    assert "<strong>huishoudens</strong>" not in utrecht and "<strong>sociale zekerheid</strong>" not in utrecht
    assert "<strong>werk en inkomen</strong>" in utrecht  # only per municipality in the snapshot


def test_availability_table(logged_in):
    body = logged_in.get("/regio/WK034401/").content.decode()
    row = re.search(r'<tr[^>]*data-category="social_security"[^>]*>(.*?)</tr>', body, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == ["2023", "2023", "–ontbreekt"]  # West, Utrecht, the Netherlands


def test_municipality_map_defaults_and_choices(logged_in):
    body = logged_in.get("/regio/GM0344/").content.decode()
    data = map_data(body)
    assert data["title"] == "Eenpersoonshuishoudens, 2024"
    assert len(data["features"]) == 10
    west = next(f for f in data["features"] if f["properties"]["code"] == "WK034401")
    assert west["geometry"]["type"] in ("Polygon", "MultiPolygon") and west["properties"]["url"] == "/regio/WK034401/"
    assert west["properties"]["display"].endswith("%")
    assert 'value="persons_social_assistance_bijstand:2023:85618NED"' in body
    assert '<optgroup label="Sociale zekerheid">' in body


def test_choose_an_indicator_for_the_map(logged_in):
    body = logged_in.get(
        "/regio/GM0344/", {"indicator": "persons_social_assistance_bijstand:2023:85618NED"}
    ).content.decode()
    assert "Personen met bijstand, 2023" in body
    assert 'value="persons_social_assistance_bijstand:2023:85618NED" selected' in body
    table = re.search(r'<table[^>]*id="district-map-table".*?</table>', body, re.S).group(0)
    assert table.count('<td class="utrecht-table__cell utrecht-table__cell--numeric-data" data-region="WK0344') == 20
    assert "per 1.000" in table


def test_unknown_indicator_gets_a_message_and_the_default_map(logged_in):
    response = logged_in.get("/regio/GM0344/", {"indicator": "shoe_size:2024:85984NED"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in body and "Eenpersoonshuishoudens, 2024" in body


def test_map_with_missing_values_skips_them_in_the_mean(logged_in):
    # One district's share of 65+ made missing: the mean is over the other nine, not with a 0.
    indicator_values_import(sources=[("test", [Record("WK015300", "age_65_plus", 2024, "85984NED", None)])])
    body = logged_in.get("/regio/GM0153/", {"indicator": "age_65_plus:2024:85984NED"}).content.decode()
    foot = re.search(r"<tfoot.*?</tfoot>", body, re.S).group(0)
    assert "van 9 wijken; 1 ontbreken" in foot
    data = map_data(body)
    binnensingel = next(f for f in data["features"] if f["properties"]["code"] == "WK015300")
    assert binnensingel["properties"]["value"] is None and binnensingel["properties"]["display"] == "ontbreekt"


def test_htmx_map_request_returns_only_the_map(logged_in):
    response = logged_in.get("/regio/GM0344/", {"indicator": "age_65_plus:2024:85984NED"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and body.strip().startswith('<section class="wt-section" id="district-map"')
    assert "65 jaar of ouder, 2024" in body
    assert "HX-Request" in response.headers["Vary"]
    # Going back in the browser restores the whole page, not the map alone.
    restored = logged_in.get(
        "/regio/GM0344/",
        {"indicator": "age_65_plus:2024:85984NED"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    ).content.decode()
    assert "<html" in restored


def test_municipality_without_figures(client):
    sample_regions_import()
    client.force_login(UserFactory())
    body = client.get("/regio/GM0153/").content.decode()
    assert "Voor deze regio zijn nog geen CBS-cijfers geïmporteerd" in body
    assert "Er zijn nog geen CBS-cijfers voor de wijken van deze gemeente." in body


def test_registered_sections_are_rendered(logged_in, settings):
    register_profile_section(
        key="test_section",
        template="neighbourhoods/panels/regions.html",
        context=lambda region, request: {},
        order=1,
    )
    try:
        body = logged_in.get("/regio/WK015300/").content.decode()
    finally:
        _sections.pop("test_section")
    assert "Alle gemeenten" in body


def add_editions(years):
    """Extra editions for the sample: many rows on the profile without more regions."""
    records = [
        Record(code, "population", year, f"9{year}NED", 1000.0)
        for year in years
        for code in ("NL00", "GM0153", "WK015300")
    ]
    indicator_values_import(sources=[("extra", records)])


@pytest.mark.parametrize("path", ["/regio/WK015300/", "/regio/GM0153/"])
def test_profile_query_count_does_not_grow_with_editions(logged_in, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(18):
        few = logged_in.get(path)
    add_editions(range(2000, 2020))
    assert IndicatorValue.objects.filter(region__code="WK015300").count() >= 2 * 17 + 1
    with django_assert_max_num_queries(18):
        many = logged_in.get(path)
    assert len(many.content) > len(few.content)


def test_profile_in_english(logged_in):
    logged_in.cookies["django_language"] = "en"
    body = logged_in.get("/regio/WK034401/").content.decode()
    assert "Single-person households" in body and "Which figures are available" in body
    assert "% of households" in body and "Expected demand per life domain" in body
