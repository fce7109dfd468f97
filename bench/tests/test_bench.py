"""The synthetic data generator and the bench-only URLs (timings are never asserted here)."""

from __future__ import annotations

import hashlib
import importlib
from datetime import date

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

from bench.generate import SCALES, NotEnoughDiskError, Scale, disk_check, generate
from wijkteam.assessments.models import Assessment, DomainScore
from wijkteam.cases.models import Case, ContactMoment
from wijkteam.households.bsn import bsn_is_valid
from wijkteam.households.models import Household, Person
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.neighbourhoods.services import regions_import
from wijkteam.provisions.models import Decision
from wijkteam.teams.models import Membership

TODAY = date(2026, 1, 1)
TINY = Scale("tiny", households=60, cases=90, contact_moments=600, municipalities=1, suggestion_team_size=8)


@pytest.fixture
def regions(db: None) -> None:
    regions_import()


def _fingerprint() -> str:
    rows = [
        *Person.objects.order_by("id").values_list("id", "given_names", "family_name", "bsn", "birth_date"),
        *Case.objects.order_by("id").values_list("id", "household_id", "coordinator_id", "status", "opened_on"),
        *ContactMoment.objects.order_by("id").values_list("id", "case_id", "occurred_on", "kind", "audience"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_scale_s_loads_with_realistic_synthetic_rows(regions: None) -> None:
    result = generate(scale="S", seed=3, today=TODAY, quiet=True)
    connection.check_constraints()  # every foreign key points at a row (the PostgreSQL loader skips the checks)

    spec = SCALES["S"]
    assert Household.objects.count() == spec.households
    assert abs(Case.objects.count() - spec.cases) < spec.cases * 0.1
    assert abs(ContactMoment.objects.count() - spec.contact_moments) < spec.contact_moments * 0.2
    assert result.counts["cases_case"] == Case.objects.count()
    # Every BSN is synthetic: valid (11-test) and starting with 9; unique per municipality (a constraint).
    bsns = list(Person.objects.exclude(bsn=None).values_list("bsn", flat=True))
    assert bsns and all(bsn_is_valid(b) and b.startswith("9") for b in bsns)
    # Spread over the real neighbourhoods of one municipality; coordinators are members of the case's team.
    municipality = Region.objects.get(code="GM0153")
    assert Household.objects.exclude(municipality=municipality).count() == 0
    assert Region.objects.filter(level=RegionLevel.NEIGHBOURHOOD, municipality=municipality).count() > 1
    members = set(Membership.objects.values_list("user_id", "team_id"))
    assert set(Case.objects.values_list("coordinator_id", "team_id")) <= members
    assert Membership.objects.filter(team_id=result.suggestion_team_id).count() > spec.suggestion_team_size
    assert result.coordinators
    # Closed cases have a closing date (a database constraint) and most cases are closed.
    assert Case.objects.filter(status="closed").count() > Case.objects.count() / 2
    # Assessments mostly improve from intake to closure; decisions for most cases beyond intake.
    intake = dict(DomainScore.objects.filter(assessment__moment="intake").values_list("assessment__case_id", "score"))
    closure = dict(DomainScore.objects.filter(assessment__moment="closure").values_list("assessment__case_id", "score"))
    both = intake.keys() & closure.keys()
    assert both and sum(closure[c] > intake[c] for c in both) > sum(closure[c] < intake[c] for c in both)
    assert abs(Assessment.objects.count() - spec.assessments) < spec.assessments * 0.25
    assert abs(Decision.objects.count() - spec.decisions) < spec.decisions * 0.25


def test_same_seed_gives_the_same_rows(regions: None) -> None:
    fingerprints = []
    for _ in range(2):
        with transaction.atomic():
            generate(scale=TINY, seed=11, today=TODAY, quiet=True)
            fingerprints.append(_fingerprint())
            transaction.set_rollback(True)
    with transaction.atomic():
        generate(scale=TINY, seed=12, today=TODAY, quiet=True)
        other = _fingerprint()
        transaction.set_rollback(True)
    assert fingerprints[0] == fingerprints[1]
    assert other != fingerprints[0]


def test_disk_check_refuses_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "disk_usage", lambda _path: shutil._ntuple_diskusage(100, 90, 10 * 1024**2))
    with pytest.raises(NotEnoughDiskError, match="free disk"):
        disk_check(SCALES["L"])


def _reload_urls() -> None:
    import config.urls

    clear_url_caches()
    importlib.reload(config.urls)
    clear_url_caches()


def test_bench_urls_and_middleware_are_absent_without_wijkteam_bench(client: object, settings: object) -> None:
    assert settings.WIJKTEAM_BENCH is False
    _reload_urls()
    for path in ("/_bench/minimal/", "/_bench/unrestricted/casussen/", "/_bench/unrestricted/casussen/1/"):
        with pytest.raises(Resolver404):
            resolve(path)
    assert not any("bench" in m for m in settings.MIDDLEWARE)


def test_bench_urls_are_mounted_only_with_wijkteam_bench(db: None) -> None:
    try:
        with override_settings(WIJKTEAM_BENCH=True):
            _reload_urls()
            assert resolve("/_bench/minimal/").url_name == "minimal"
            assert resolve("/_bench/unrestricted/casussen/5/").url_name == "case_detail"
    finally:
        _reload_urls()
    with pytest.raises(Resolver404):
        resolve("/_bench/minimal/")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_indexes_dropped_for_the_load_are_all_built_again(regions: None) -> None:
    def indexes() -> set[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
            return set(cursor.fetchall())

    before = indexes()
    assert any(name == "contactmoment_case_idx" for name, _d in before)
    generate(scale="S", seed=5, today=TODAY, quiet=True)
    assert indexes() == before
