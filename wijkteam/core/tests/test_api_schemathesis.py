"""schemathesis against /api/schema/, in process against the WSGI app (no network), on a small dataset
(the API test world) with the tokens of two users of different teams:

- every operation, with a bounded number of generated requests per operation, answers without a
  server error (5xx), for both users;
- object-level authorisation: for every detail route with an id (and every action on such an object),
  user B of team B gets 404 on user A's objects, which user A does see.

Each generated request runs in a savepoint that is rolled back, so the dataset stays small and the same.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings

from config.wsgi import application
from wijkteam.access.services import api_token_create
from wijkteam.cases.tests.api_world import world_create

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 4
# Shared reference data, visible to every logged-in user by design (no person-level data).
# Resources the small dataset has no objects of (yet): their detail routes are not probed here.
NOT_IN_DATASET = {"assessments", "step-changes", "decisions", "frontline-payments"}
SHARED = {
    "catalogue",
    "instruments",
    "regions",
    "life-domains",
    "care-levels",
    "legal-bases",
    "organisations",
    "disciplines",
    "teams",
    "memberships",
    "initiatives",
}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes old database connections around each request (Django's test client switches
    that off); on PostgreSQL that would end the test's transaction. Switch it off here too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api() -> dict[str, Any]:
    w = world_create()
    _, key_a = api_token_create(user=w.s.coordinator, name="schemathesis A", actor=None)
    _, key_b = api_token_create(user=w.s.other_team_worker, name="schemathesis B", actor=None)
    return {"A": {"Authorization": f"Token {key_a}"}, "B": {"Authorization": f"Token {key_b}"}, "world": w}


def _schema(headers: dict[str, str]) -> Any:
    return schemathesis.openapi.from_wsgi("/api/schema/", application, headers=headers)


def _operations(schema: Any) -> list[Any]:
    operations = []
    for result in schema.get_all_operations():
        operations.append(result.ok())
    return operations


def _call(case: Any, headers: dict[str, str]) -> Any:
    with transaction.atomic():
        response = case.call(headers=headers)
        transaction.set_rollback(True)
    return response


def _runner(operation: Any, headers: dict[str, str], who: str, failures: list[str], seen: Counter) -> Any:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = _call(case, headers)
        seen[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{operation.method.upper()} {operation.path} as {who}: {response.status_code}")

    return run


def test_no_server_errors_for_generated_requests(api):
    schema = _schema(api["A"])
    operations = _operations(schema)
    assert len(operations) > 20
    failures: list[str] = []
    seen: Counter = Counter()
    only = os.environ.get("SCHEMATHESIS_ONLY")  # e.g. "/api/v1/short-contacts/" to debug one resource
    for operation in operations:
        if only and only not in operation.path:
            continue
        for who in ("A", "B"):
            _runner(operation, api[who], who, failures, seen)()
    assert not failures, "server errors:\n" + "\n".join(sorted(set(failures)))
    # the tokens work: the generated requests reach the views (not only 401s)
    assert (seen[200] > 20 or only) and seen[401] == 0, seen


def _client_get(client: Any, path: str, headers: dict[str, str]) -> Any:
    return client.get(path, HTTP_AUTHORIZATION=headers["Authorization"])


def test_user_of_another_team_gets_404_on_every_object_of_user_a(api, client):
    schema = _schema(api["A"])
    detail_paths: dict[str, list[tuple[str, str]]] = {}
    for operation in _operations(schema):
        match = re.match(r"^/api/v1/([a-z-]+)/\{(\w+)\}/(.*)$", operation.path)
        if match and match.group(1) not in SHARED:
            detail_paths.setdefault(match.group(1), []).append((operation.method.upper(), match.group(3)))
    assert {"persons", "households", "cases", "plans", "goals", "actions", "contact-moments"} <= set(detail_paths)
    probed = 0
    for resource, operations in sorted(detail_paths.items()):
        listing = _client_get(client, f"/api/v1/{resource}/", api["A"])
        assert listing.status_code == 200, resource
        ids = [item["id"] for item in listing.json()["results"]]
        if resource in NOT_IN_DATASET and not ids:
            continue
        assert ids, f"user A sees no {resource}: nothing to probe"
        for object_id in ids:
            assert _client_get(client, f"/api/v1/{resource}/{object_id}/", api["A"]).status_code == 200
            for method, rest in operations:
                path = f"/api/v1/{resource}/{object_id}/{rest}"
                with transaction.atomic():
                    response = client.generic(
                        method, path, "{}", "application/json", HTTP_AUTHORIZATION=api["B"]["Authorization"]
                    )
                    transaction.set_rollback(True)
                assert response.status_code == 404, f"{method} {path} as B: {response.status_code}"
                probed += 1
    assert probed > 20


def test_an_out_of_range_number_of_contacts_is_a_clear_400(api, client):
    """Found by schemathesis on PostgreSQL (the column is a smallint): now a validation error."""
    w = api["world"]
    body = {
        "team": w.s.team_a.pk,
        "who": "man, ongeveer 60",
        "life_domain": "finances",
        "what_was_done": "Uitgelegd",
        "contacted_on": "2026-01-05",
        "contacts": 100000,
    }
    response = client.post(
        "/api/v1/short-contacts/", body, content_type="application/json", HTTP_AUTHORIZATION=api["A"]["Authorization"]
    )
    assert response.status_code == 400 and "contacts" in response.json()
