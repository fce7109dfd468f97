"""Retention with frozen time: proposal, approval (destruction and anonymisation), legal hold,
declaration, and the daily clean-up of login data and old access-log entries."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from wijkteam.access.access_log import access_record
from wijkteam.access.chain import chain_verify
from wijkteam.access.models import AccessLogCheckpoint, AccessLogEntry, AuditEvent, LoginAttempt
from wijkteam.cases import destruction, services
from wijkteam.cases.models import (
    Case,
    CaseStatistic,
    DestructionList,
    DestructionListItem,
    HelpRequest,
    LegalHold,
    RetentionCategory,
)
from wijkteam.cases.tests.factories import help_request_create, scenario_create
from wijkteam.households.models import Household, Person

pytestmark = pytest.mark.django_db

START = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def _at(year: int, month: int, day: int) -> time_machine.travel:
    return time_machine.travel(datetime(year, month, day, 9, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def world():
    """Case A (a family with a child: youth care, 20 years) and case B (one adult: Wmo, 15 years), both
    closed on 10 January 2026, and a withdrawn help request of family B (aborted, 42 days)."""
    with _at(2026, 1, 10):
        s = scenario_create()
        for case, actor in ((s.case_a, s.coordinator), (s.case_b, s.other_team_worker)):
            services.case_close(
                case=case, closed_on=date(2026, 1, 10), reason="goals_reached", result="improved", actor=actor
            )
        withdrawn = help_request_create(s.family_b, s.team_b, s.other_team_worker)
        HelpRequest.objects.filter(pk=withdrawn.pk).update(status=HelpRequest.Status.WITHDRAWN)
        access_record(
            user=s.other_team_worker, person_ids=[p.pk for p in s.family_b.members], action="view", purpose="test"
        )
    s.withdrawn = withdrawn
    return s


def test_proposal_lists_what_is_due_and_destroys_nothing(world):
    with _at(2026, 2, 20):
        assert destruction.destruction_list_propose(today=date(2026, 2, 20)) is None
    with _at(2026, 2, 21):
        dlist = destruction.destruction_list_propose(today=date(2026, 2, 21))
    assert {(i.kind, i.object_id, i.category) for i in dlist.items.all()} == {
        ("help_request", world.withdrawn.pk, "aborted")
    }
    with _at(2041, 1, 10):
        later = destruction.destruction_list_propose(today=date(2041, 1, 10))
        assert destruction.destruction_list_propose(today=date(2041, 1, 10)) is None  # already listed
    assert {(i.kind, i.object_id, i.category, i.due_on) for i in later.items.all()} == {
        ("case", world.case_b.pk, "wmo", date(2041, 1, 10))
    }
    assert Case.objects.count() == 2 and HelpRequest.objects.filter(pk=world.withdrawn.pk).exists()
    with _at(2046, 1, 10):
        youth = destruction.destruction_list_propose(today=date(2046, 1, 10))
    assert [(i.object_id, i.category) for i in youth.items.all()] == [(world.case_a.pk, "youth")]


def test_periods_are_data(world):
    RetentionCategory.objects.filter(code="wmo").update(years=7)
    with _at(2033, 1, 10):
        dlist = destruction.destruction_list_propose(today=date(2033, 1, 10))
    assert (world.case_b.pk, "wmo") in {(i.object_id, i.category) for i in dlist.items.all()}


def test_approval_destroys_anonymises_and_keeps_a_declaration(world):
    family_b_persons = [p.pk for p in world.family_b.members]
    with _at(2041, 1, 10):
        dlist = destruction.destruction_list_propose(today=date(2041, 1, 10))
        with pytest.raises(PermissionDenied):
            destruction.destruction_list_approve(destruction_list=dlist, actor=world.coordinator)
        assert Case.objects.filter(pk=world.case_b.pk).exists()
        destruction.destruction_list_approve(destruction_list=dlist, actor=world.privacy)
        with pytest.raises(ValidationError):
            destruction.destruction_list_approve(destruction_list=dlist, actor=world.privacy)
    assert not Case.objects.filter(pk=world.case_b.pk).exists()
    assert not HelpRequest.objects.filter(household=world.family_b.household).exists()
    assert not Household.objects.filter(pk=world.family_b.household.pk).exists()
    assert not Person.objects.filter(pk__in=family_b_persons).exists()
    assert not AuditEvent.objects.filter(target_type="cases.case", target_id=str(world.case_b.pk)).exists()
    # the other family's file (youth care, 20 years) is untouched
    assert Case.objects.filter(pk=world.case_a.pk).exists()
    # statistics survive without personal data
    stat = CaseStatistic.objects.get()
    assert (stat.team_id, stat.category, stat.closing_reason, stat.closed_month) == (
        world.team_b.pk,
        "wmo",
        "goals_reached",
        date(2026, 1, 1),
    )
    assert {f.name for f in CaseStatistic._meta.fields}.isdisjoint({"household", "person", "words", "name"})
    # the declaration: counts per category, list, approver, date; the items themselves are gone
    dlist.refresh_from_db()
    assert dlist.status == "destroyed" and dlist.decided_by_repr == str(world.privacy)
    assert dlist.decided_at.date() == date(2041, 1, 10)
    assert dlist.counts["wmo"] == 1 and dlist.counts["aborted"] == 1 and dlist.counts["households removed"] == 1
    assert dlist.counts["persons removed"] == len(family_b_persons)
    assert not DestructionListItem.objects.exists()
    # the access log has no foreign key to persons: it survives, and the chain is intact
    assert AccessLogEntry.objects.filter(person_id__in=family_b_persons).count() == len(family_b_persons)
    assert chain_verify().ok


def test_legal_hold_keeps_the_file(world):
    with _at(2041, 1, 10):
        dlist = destruction.destruction_list_propose(today=date(2041, 1, 10))
        hold = destruction.legal_hold_place(case_id=world.case_b.pk, reason="Bezwaarprocedure", actor=world.privacy)
        destruction.destruction_list_approve(destruction_list=dlist, actor=world.privacy)
        assert Case.objects.filter(pk=world.case_b.pk).exists()
        dlist.refresh_from_db()
        assert dlist.counts["kept: legal hold"] == 1 and "wmo" not in dlist.counts
        # while the hold lasts the case is not proposed again
        assert destruction.destruction_list_propose(today=date(2041, 1, 11)) is None
        destruction.legal_hold_lift(hold=hold, actor=world.privacy)
        again = destruction.destruction_list_propose(today=date(2041, 1, 12))
    assert [i.object_id for i in again.items.all()] == [world.case_b.pk]
    with pytest.raises(ValidationError):
        destruction.legal_hold_place(case_id=999999, reason="x", actor=world.privacy)
    with pytest.raises(PermissionDenied):
        destruction.legal_hold_place(case_id=world.case_b.pk, reason="x", actor=world.coordinator)


def test_rejection_destroys_nothing(world):
    with _at(2041, 1, 10):
        dlist = destruction.destruction_list_propose(today=date(2041, 1, 10))
        destruction.destruction_list_reject(destruction_list=dlist, actor=world.privacy)
    assert Case.objects.filter(pk=world.case_b.pk).exists()
    assert DestructionList.objects.get(pk=dlist.pk).status == "rejected"


def test_retention_pages(world, client):
    with _at(2041, 1, 10):
        dlist = destruction.destruction_list_propose(today=date(2041, 1, 10))
        client.force_login(world.coordinator)
        assert client.get(reverse("cases:retention_home")).status_code == 403
        assert client.post(reverse("cases:destruction_list_approve", args=[dlist.pk])).status_code == 403
        client.force_login(world.privacy)
        home = client.get(reverse("cases:retention_home"))
        assert home.status_code == 200 and f"/bewaren/lijsten/{dlist.pk}/" in home.content.decode()
        detail = client.get(reverse("cases:destruction_list_detail", args=[dlist.pk]))
        assert detail.status_code == 200
        assert world.family_b.household.name not in detail.content.decode()
        bad = client.post(reverse("cases:legal_hold_place"), {"case": "", "reason": ""})
        assert bad.status_code == 400
        held = client.post(reverse("cases:legal_hold_place"), {"case": world.case_a.pk, "reason": "Klacht"})
        assert held.status_code == 302 and LegalHold.objects.filter(case=world.case_a).exists()
        hold = LegalHold.objects.get()
        assert client.post(reverse("cases:legal_hold_lift", args=[hold.pk])).status_code == 302
        done = client.post(reverse("cases:destruction_list_approve", args=[dlist.pk]))
        assert done.status_code == 302 and not Case.objects.filter(pk=world.case_b.pk).exists()
        declaration = client.get(reverse("cases:destruction_list_detail", args=[dlist.pk]))
        assert declaration.status_code == 200 and "wmo" in declaration.content.decode()


def test_propose_destruction_command(world, capsys):
    with _at(2041, 1, 10):
        call_command("propose_destruction")
    assert DestructionList.objects.filter(status="proposed").count() == 1
    assert "proposed" in capsys.readouterr().out
    assert Case.objects.count() == 2


def test_login_data_goes_after_six_months_and_the_log_stays_while_the_file_exists(world):
    with _at(2026, 1, 10):
        LoginAttempt.objects.create(username="x", success=False)
    with _at(2026, 8, 1):
        LoginAttempt.objects.create(username="y", success=True)
        result = destruction.technical_logs_purge()
    assert result["login attempts removed"] == 1
    assert list(LoginAttempt.objects.values_list("username", flat=True)) == ["y"]
    assert result["access log entries removed"] == 0  # younger than 5 years
    with _at(2031, 9, 1):  # older than 5 years, but family B's file still exists: kept
        result = destruction.technical_logs_purge()
    assert result["access log entries removed"] == 0
    assert not AccessLogCheckpoint.objects.exists()


def test_access_log_of_destroyed_files_goes_behind_a_signed_checkpoint(world, settings):
    family_b_persons = [p.pk for p in world.family_b.members]
    with _at(2041, 1, 10):
        dlist = destruction.destruction_list_propose(today=date(2041, 1, 10))
        destruction.destruction_list_approve(destruction_list=dlist, actor=world.privacy)
        access_record(user=world.privacy, person_ids=[world.family_a.members[0].pk], action="view", purpose="t")
    with _at(2041, 1, 11):
        result = destruction.technical_logs_purge()
    checkpoint = AccessLogCheckpoint.objects.get()
    assert result["access log entries removed"] == checkpoint.entries_removed >= len(family_b_persons)
    assert not AccessLogEntry.objects.filter(person_id__in=family_b_persons).exists()
    report = chain_verify()
    assert report.ok, report.reason
    call_command("verify_access_log")
    settings.ACCESS_LOG_CHECKPOINT_KEY = "another key"
    report = chain_verify()
    assert not report.ok and "signature" in report.reason


def test_a_file_another_app_still_protects_is_kept_and_counted(world, monkeypatch):
    from django.db.models import ProtectedError

    def protected(*args, **kwargs):
        raise ProtectedError("still referenced", set())

    monkeypatch.setattr(destruction, "_destroy_case", protected)
    with _at(2041, 1, 10):
        dlist = destruction.destruction_list_propose(today=date(2041, 1, 10))
        destruction.destruction_list_approve(destruction_list=dlist, actor=world.privacy)
    dlist.refresh_from_db()
    assert dlist.counts["kept: still referenced"] == 1 and dlist.counts["aborted"] == 1
    assert Case.objects.filter(pk=world.case_b.pk).exists()
