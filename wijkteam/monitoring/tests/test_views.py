"""Pages, exports and the API of monitoring: who may open them, bad filters, the downloads."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from wijkteam.access.models import AuditEvent
from wijkteam.monitoring import exports
from wijkteam.monitoring.models import Improvement, Review
from wijkteam.monitoring.tests.world import World, world_create
from wijkteam.teams.models import Target

pytestmark = pytest.mark.django_db
JAN = date(2026, 1, 5)


@pytest.fixture
def world() -> World:
    w = world_create()
    for i in range(12):
        w.case(
            JAN + timedelta(days=i), closed_on=JAN + timedelta(days=40 + i), level=2, goals=(("finances", "reached"),)
        )
    w.households_count(w.district_1, 2000)
    Target.objects.create(
        team=w.team, metric_key="days_request_to_closure", comparison="lte", value=60, period="2026-H1"
    )
    return w


def test_dashboard_for_advisor_with_figures_and_targets(client, world: World) -> None:
    client.force_login(world.advisor)
    response = client.get("/monitoring/", {"period": "2026-H1", "team": world.team.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-metric="days_request_to_closure"' in html and "data-vega-spec" in html
    assert response.context["board"].figures()["days_request_to_closure"].met is True
    assert 'id="section-decisions"' in html and 'id="section-self_reliance"' in html


def test_dashboard_htmx_returns_the_results_only(client, world: World) -> None:
    client.force_login(world.analyst)
    response = client.get("/monitoring/", {"period": "2026-H1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b'id="monitoring-results"' in response.content and b"<html" not in response.content


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2026-01-01"},
        {"period": "2026-H1", "from": "2026-02-01"},
        {"period": "2026-H1", "team": "999999"},
        {"district": "WK999999"},
    ],
)
def test_partial_or_unknown_filters_are_refused(client, world: World, query: dict) -> None:
    client.force_login(world.advisor)
    response = client.get("/monitoring/", query)
    assert response.status_code == 400
    assert b"utrecht-alert--error" in response.content
    assert client.get("/api/v1/metrics/", query).status_code == 400


def test_two_teams_at_once_are_refused(client, world: World) -> None:
    client.force_login(world.advisor)
    assert client.get(f"/monitoring/?period=2026&team={world.team.pk}&team={world.other_team.pk}").status_code == 400


def test_roles_without_aggregates_get_no_dashboard(client, world: World) -> None:
    client.force_login(world.worker)
    assert client.get("/monitoring/").status_code == 403
    assert client.get("/monitoring/tabel/demand_by_channel.csv").status_code == 403
    assert client.get("/api/v1/metrics/?period=2026").status_code == 403


def test_table_exports_csv_and_xlsx(client, world: World) -> None:
    client.force_login(world.advisor)
    response = client.get("/monitoring/tabel/demand_by_district.csv", {"period": "2026-H1"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert any(row and row[0] == world.district_1.display_name for row in rows)
    response = client.get("/monitoring/tabel/demand_by_district.xlsx", {"period": "2026-H1"})
    assert response["Content-Type"] == exports.XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert world.district_1.display_name in values
    assert client.get("/monitoring/tabel/nope.csv", {"period": "2026-H1"}).status_code == 404
    assert client.get("/monitoring/tabel/demand_by_district.exe", {"period": "2026-H1"}).status_code == 404


def test_member_table_only_for_the_team_lead(client, world: World) -> None:
    client.force_login(world.advisor)
    url = "/monitoring/tabel/caseload_by_member.csv"
    assert client.get(url, {"period": "2026-H1", "team": world.team.pk}).status_code == 404
    client.force_login(world.lead)
    assert client.get(url, {"period": "2026-H1", "team": world.team.pk}).status_code == 200


def test_report_pdf_and_cbs_export(client, world: World) -> None:
    client.force_login(world.advisor)
    response = client.get("/monitoring/rapport/", {"period": "2026-H1"})
    assert response.status_code == 200 and b"data:image/svg+xml;base64," in response.content
    response = client.get("/monitoring/rapport.pdf", {"period": "2026-H1"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = client.get("/monitoring/cbs.csv", {"period": "2026-H1"})
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == exports.CBS_COLUMNS
    assert rows[1][:2] == ["2026HJ01", world.municipality.code]
    assert client.get("/monitoring/rapport.pdf", {"period": "2026-13"}).status_code == 400


def test_api_metrics_under_target_keys(client, world: World) -> None:
    client.force_login(world.analyst)
    response = client.get("/api/v1/metrics/", {"period": "2026-H1", "team": world.team.pk})
    assert response.status_code == 200
    body = response.json()
    closure = body["metrics"]["days_request_to_closure"]
    assert closure["met"] is True and closure["comparison"] == "lte" and closure["secret"] is False
    assert body["metrics"]["waiting_list"] == {
        **body["metrics"]["waiting_list"],
        "value": None,
        "secret": True,
        "display": ".",
    }
    assert body["unavailable_sections"] == []
    assert body["metrics"]["decisions_count"]["secret"] is True
    assert set(body["metrics"]) >= {"reentry_6m", "share_goals_reached", "caseload_per_fte"}


def test_cbs_period_keys() -> None:
    assert [exports.cbs_period_key(c) for c in ("2026", "2026-H2", "2026-Q3")] == ["2026JJ00", "2026HJ02", "2026KW03"]


# ----------------------------------------------------------------------------------------------- reviews
def test_review_cycle_with_follow_up(client, world: World) -> None:
    client.force_login(world.lead)
    response = client.post(
        f"/monitoring/evaluaties/nieuw/{world.team.pk}/",
        {"period": "2025-H2", "held_on": "2026-01-10", "reflections": ""},
    )
    first = Review.objects.get(team=world.team, period="2025-H2")
    assert response.status_code == 302
    assert any(row["key"] == "days_request_to_closure" for row in first.results)
    client.post(
        f"/monitoring/evaluaties/{first.pk}/casus/",
        {"went_well": "Snel contact met de huisarts.", "got_stuck": "", "lesson": ""},
    )
    client.post(
        f"/monitoring/evaluaties/{first.pk}/verbetering/",
        {"description": "Eerder een plan", "owner": world.worker.pk, "due_on": "2026-03-01"},
    )
    improvement = Improvement.objects.get(review=first)
    client.post(
        f"/monitoring/evaluaties/nieuw/{world.team.pk}/",
        {"period": "2026-H1", "held_on": "2026-07-10", "reflections": ""},
    )
    second = Review.objects.get(team=world.team, period="2026-H1")
    snapshot = {row["key"]: row for row in second.results}
    assert snapshot["days_request_to_closure"]["met"] is True
    page = client.get(f"/monitoring/evaluaties/{second.pk}/")
    assert "Eerder een plan" in page.content.decode()
    client.post(
        f"/monitoring/evaluaties/{second.pk}/opvolging/{improvement.pk}/", {"status": "done", "follow_up": "Gelukt."}
    )
    improvement.refresh_from_db()
    assert improvement.status == "done" and improvement.followed_up_in == second
    assert AuditEvent.objects.filter(action="improvement.followed_up").count() == 1
    # a second review for the same period is refused with a message
    response = client.post(
        f"/monitoring/evaluaties/nieuw/{world.team.pk}/",
        {"period": "2026-H1", "held_on": "2026-07-11", "reflections": ""},
    )
    assert response.status_code == 200 and Review.objects.filter(team=world.team).count() == 2
    # an empty case reflection is refused
    response = client.post(
        f"/monitoring/evaluaties/{second.pk}/casus/", {"went_well": "", "got_stuck": "", "lesson": ""}
    )
    assert response.status_code == 400


def test_reviews_not_for_analysts_or_other_teams(client, world: World) -> None:
    review = Review.objects.create(team=world.other_team, period="2026", held_on=JAN, created_by=world.advisor)
    client.force_login(world.analyst)
    assert client.get("/monitoring/evaluaties/").status_code == 403
    client.force_login(world.lead)
    assert client.get(f"/monitoring/evaluaties/{review.pk}/").status_code == 404
    client.force_login(world.advisor)
    assert client.get(f"/monitoring/evaluaties/{review.pk}/").status_code == 200
    assert client.get("/monitoring/evaluaties/").status_code == 200


def test_subtracting_two_whole_period_queries_singles_no_one_out(client) -> None:
    # 8 help requests in H1 and 1 in H2: year (9) minus H1 (8) would single out one household.
    w = world_create()
    for i in range(8):
        w.help_request(JAN + timedelta(days=i))
    w.help_request(date(2026, 8, 1))
    client.force_login(w.advisor)

    def shown(period: str) -> object:
        return client.get("/api/v1/metrics/", {"period": period}).json()["metrics"]["help_requests"]["value"]

    assert shown("2026") == shown("2026-H1") == "10.00"
    assert client.get("/api/v1/metrics/", {"period": "2026-H2"}).json()["metrics"]["help_requests"]["secret"] is True
    # a partial period (e.g. H1 plus one day) is refused outright
    assert client.get("/api/v1/metrics/", {"period": "2026-01-01/2026-07-01"}).status_code == 400


def _page_queries(client, world: World) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/monitoring/", {"period": "2026-H1", "team": world.team.pk}).status_code == 200
    return len(queries)


def test_dashboard_page_query_count_constant_in_cases(client, world: World, django_assert_max_num_queries) -> None:
    client.force_login(world.lead)
    baseline = _page_queries(client, world)
    for i in range(25):
        world.case(
            JAN + timedelta(days=i % 30), closed_on=JAN + timedelta(days=45), level=3, goals=(("housing", "partly"),)
        )
    with django_assert_max_num_queries(baseline):
        client.get("/monitoring/", {"period": "2026-H1", "team": world.team.pk})
