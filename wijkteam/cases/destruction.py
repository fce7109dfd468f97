"""Retention and destruction: proposing destruction lists, approving them (then destroying or anonymising
the files), legal holds, and the daily clean-up of login data and old access-log entries.

The rules (periods, categories, due dates) are pure and live in `retention.py`; this module applies them
to the database. Nothing is destroyed without an approved list, except the two technical logs whose
periods are fixed rules: login attempts (6 months) and access-log entries (the longer of 5 years and the
file's retention; removed only behind a signed checkpoint of the chain).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.log_retention import access_log_cut, access_log_purge, login_data_purge
from wijkteam.access.models import AuditEvent, User
from wijkteam.cases import retention
from wijkteam.cases.models import (
    Case,
    CaseStatistic,
    CaseStatus,
    ChildProtectionMeasure,
    ClientSystemMember,
    ContactMoment,
    DestructionList,
    DestructionListItem,
    HelpRequest,
    LegalHold,
    RetentionCategory,
    ShortContact,
    Signal,
)
from wijkteam.households.models import Household, Person

Kind = DestructionListItem.Kind


def retention_periods() -> dict[str, retention.Period]:
    """The configured periods per category (the seeded rows; the defaults where a row is missing)."""
    periods = dict(retention.DEFAULT_PERIODS)
    for row in RetentionCategory.objects.all():
        periods[row.code] = retention.Period(years=row.years, months=row.months, days=row.days)
    return periods


def _held_case_ids() -> set[int]:
    return set(LegalHold.objects.filter(lifted_at__isnull=True).values_list("case_id", flat=True))


def _youth_involved(case: Case) -> bool:
    if case.protection_measures.all():
        return True
    end = case.closed_on or case.opened_on
    for member in case.client_system.all():
        born = member.person.birth_date
        if born is not None and retention.add_period(born, retention.Period(years=18)) > end:
            return True
    return False


def case_retention_category(case: Case) -> str:
    """The Selectielijst category of a case file (expects prefetched client system, measures, domains)."""
    return retention.case_category(
        youth_involved=_youth_involved(case),
        life_domain_codes=[d.code for d in case.help_request.life_domains.all()],
        wmo_report=case.help_request.is_wmo_report,
    )


def _due_candidates(*, today: date) -> Iterable[tuple[str, int, str, date, date]]:
    """(kind, id, category, ended_on, due_on) of every record whose period has passed."""
    periods = retention_periods()
    shortest_case = min((periods[c] for c in ("wmo", "youth", "debt")), key=lambda p: retention.add_period(today, p))
    case_cutoff = retention.subtract_period(today, shortest_case)
    cases = (
        Case.objects.filter(status=CaseStatus.CLOSED, closed_on__lte=case_cutoff)
        .select_related("help_request")
        .prefetch_related("client_system__person", "protection_measures", "help_request__life_domains")
        .order_by("id")
    )
    for case in cases:
        category = case_retention_category(case)
        if case.closed_on is None:  # excluded by a check constraint; keeps the type checker honest
            continue
        if retention.is_due(ended_on=case.closed_on, period=periods[category], today=today):
            yield (
                Kind.CASE,
                case.pk,
                category,
                case.closed_on,
                retention.due_on(ended_on=case.closed_on, period=periods[category]),
            )
    aborted = periods["aborted"]
    for pk, updated in HelpRequest.objects.filter(status=HelpRequest.Status.WITHDRAWN).values_list("pk", "updated_at"):
        ended = timezone.localdate(updated)
        if retention.is_due(ended_on=ended, period=aborted, today=today):
            yield Kind.HELP_REQUEST, pk, "aborted", ended, retention.due_on(ended_on=ended, period=aborted)
    refused = periods["refused"]
    cutoff = retention.subtract_period(today, refused)
    for pk, ended in ShortContact.objects.filter(contacted_on__lte=cutoff).values_list("pk", "contacted_on"):
        yield Kind.SHORT_CONTACT, pk, "refused", ended, retention.due_on(ended_on=ended, period=refused)
    closed_signals = Signal.objects.filter(status=Signal.Status.CLOSED).values_list("pk", "triaged_at", "received_on")
    for pk, triaged, received in closed_signals:
        ended = timezone.localdate(triaged) if triaged else received
        if retention.is_due(ended_on=ended, period=refused, today=today):
            yield Kind.SIGNAL, pk, "refused", ended, retention.due_on(ended_on=ended, period=refused)


@transaction.atomic
def destruction_list_propose(*, today: date, actor: User | None = None) -> DestructionList | None:
    """Propose a list of every record due for destruction that is not held and not on an open list yet.
    Returns None when nothing is due. Destroys nothing."""
    held = _held_case_ids()
    listed = set(
        DestructionListItem.objects.filter(destruction_list__status=DestructionList.Status.PROPOSED).values_list(
            "kind", "object_id"
        )
    )
    items = [
        DestructionListItem(kind=kind, object_id=pk, category=category, ended_on=ended, due_on=due)
        for kind, pk, category, ended, due in _due_candidates(today=today)
        if (kind, pk) not in listed and not (kind == Kind.CASE and pk in held)
    ]
    if not items:
        return None
    dlist = DestructionList.objects.create(proposed_on=today)
    for item in items:
        item.destruction_list = dlist
    DestructionListItem.objects.bulk_create(items)
    audit.event_record(
        actor=actor,
        action="destruction_list.proposed",
        target=dlist,
        summary=f"{len(items)} records",
        details={"counts": dict(Counter(i.category for i in items))},
    )
    return dlist


def _require_retention_official(actor: User) -> None:
    if not actor.can("manage_retention"):
        raise PermissionDenied


def _audit_targets(case: Case) -> list[tuple[str, list[str]]]:
    """The audit-event targets that belong to a case file (they hold summaries of its content)."""
    plan_ids = list(case.__class__.objects.filter(pk=case.pk).values_list("plan__pk", flat=True))
    plan_ids = [p for p in plan_ids if p is not None]
    targets: list[tuple[str, list[Any]]] = [
        ("cases.case", [case.pk]),
        ("cases.helprequest", [case.help_request_id]),
        ("cases.plan", plan_ids),
        ("cases.goal", list(case.plan.goals.values_list("pk", flat=True)) if plan_ids else []),
        ("cases.action", list(case.plan.actions.values_list("pk", flat=True)) if plan_ids else []),
        ("cases.contactmoment", list(case.contact_moments.values_list("pk", flat=True))),
        ("cases.caseconference", list(case.conferences.values_list("pk", flat=True))),
    ]
    return [(label, [str(pk) for pk in pks]) for label, pks in targets if pks]


def _audit_forget(targets: Iterable[tuple[str, list[str]]]) -> None:
    for label, ids in targets:
        AuditEvent.objects.filter(target_type=label, target_id__in=ids).delete()


def _persons_of_case(case: Case) -> set[int]:
    ids = set(case.client_system.values_list("person_id", flat=True))
    ids |= set(case.protection_measures.values_list("child_id", flat=True))
    ids |= set(
        ContactMoment.participants.through.objects.filter(contactmoment__case=case).values_list("person_id", flat=True)
    )
    return ids


def _month(day: date) -> date:
    return day.replace(day=1)


def _case_statistic(case: Case, category: str, dlist: DestructionList) -> CaseStatistic:
    address_district = (
        Household.objects.filter(pk=case.household_id)
        .values_list("members__residences__address__neighbourhood__parent__code", flat=True)
        .first()
    )
    return CaseStatistic(
        team_id=case.team_id,
        district_code=address_district or "",
        opened_month=_month(case.opened_on),
        closed_month=_month(case.closed_on or case.opened_on),
        closing_reason=case.closing_reason,
        result=case.result,
        care_level=case.care_level.level if case.care_level else None,
        is_reentry=case.is_reentry,
        category=category,
        life_domains=sorted(d.code for d in case.help_request.life_domains.all()),
        destruction_list=dlist,
    )


def _destroy_case(case: Case, category: str, dlist: DestructionList, anonymise: bool) -> tuple[set[int], set[int]]:
    households, persons = {case.household_id}, _persons_of_case(case)
    if anonymise:
        _case_statistic(case, category, dlist).save()
    _audit_forget(_audit_targets(case))
    help_request = case.help_request
    case.legal_holds.all().delete()  # only lifted holds reach this point
    Signal.objects.filter(help_request=help_request).delete()
    case.delete()  # plan, goals, actions, contact moments, involvements, conferences, safety, measures
    help_request.delete()
    return households, persons


def _delete_if_unreferenced(obj: models.Model) -> bool:
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError):
        return False
    return True


def _destroy_orphans(household_ids: set[int], person_ids: set[int]) -> tuple[int, int]:
    """Remove households without any request, case or signal left, with their members, and persons no
    longer referenced by any file. Anything still protected by a reference stays."""
    removed_households = removed_persons = 0
    removable = {
        household.pk
        for household in Household.objects.filter(pk__in=household_ids)
        if not (household.help_requests.exists() or household.cases.exists() or household.signals.exists())
    }
    person_ids = person_ids | set(Person.objects.filter(household_id__in=removable).values_list("pk", flat=True))
    for person in Person.objects.filter(pk__in=person_ids):
        in_use = (
            ClientSystemMember.objects.filter(person=person).exists()
            or ShortContact.objects.filter(person=person).exists()
            or ChildProtectionMeasure.objects.filter(child=person).exists()
            or ContactMoment.participants.through.objects.filter(person_id=person.pk).exists()
            or (person.household_id is not None and person.household_id not in removable)
        )
        if not in_use and _delete_if_unreferenced(person):  # with its residences and relations
            removed_persons += 1
    for household in Household.objects.filter(pk__in=removable):
        if _delete_if_unreferenced(household):
            removed_households += 1
    return removed_households, removed_persons


@transaction.atomic
def destruction_list_approve(*, destruction_list: DestructionList, actor: User) -> DestructionList:
    """Approve the list and destroy its records at once (anonymising case files where the category keeps
    statistics). Records under a legal hold placed since the proposal, and cases reopened since, are
    skipped and counted. Afterwards only the declaration remains: counts per category, list, approver,
    date."""
    _require_retention_official(actor)
    dlist = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if dlist.status != DestructionList.Status.PROPOSED:
        raise ValidationError(_("This destruction list has already been decided."))
    anonymise = dict(RetentionCategory.objects.values_list("code", "anonymise"))
    held = _held_case_ids()
    counts: Counter[str] = Counter()
    households: set[int] = set()
    persons: set[int] = set()
    for item in dlist.items.all():
        if item.kind == Kind.CASE:
            case = (
                Case.objects.filter(pk=item.object_id, status=CaseStatus.CLOSED, closed_on=item.ended_on)
                .select_related("help_request", "care_level")
                .first()
            )
            if item.object_id in held:
                counts["kept: legal hold"] += 1
                continue
            if case is None:
                counts["kept: reopened or gone"] += 1
                continue
            try:
                with transaction.atomic():  # a record another app still protects stays, and is counted
                    h, p = _destroy_case(case, item.category, dlist, anonymise.get(item.category, True))
            except (ProtectedError, RestrictedError):
                counts["kept: still referenced"] += 1
                continue
            households |= h
            persons |= p
        elif item.kind == Kind.HELP_REQUEST:
            request = HelpRequest.objects.filter(pk=item.object_id, status=HelpRequest.Status.WITHDRAWN).first()
            if request is None:
                counts["kept: reopened or gone"] += 1
                continue
            households.add(request.household_id)
            AuditEvent.objects.filter(target_type="cases.helprequest", target_id=str(request.pk)).delete()
            Signal.objects.filter(help_request=request).delete()
            request.delete()
        elif item.kind == Kind.SHORT_CONTACT:
            contact = ShortContact.objects.filter(pk=item.object_id).select_related("help_request").first()
            if contact is None:
                counts["kept: reopened or gone"] += 1
                continue
            persons.add(contact.person_id)
            linked = contact.help_request
            Signal.objects.filter(short_contact=contact).delete()
            contact.delete()
            if linked is not None and linked.status == HelpRequest.Status.SHORT_CONTACT:
                households.add(linked.household_id)
                linked.delete()
        elif item.kind == Kind.SIGNAL:
            signal = Signal.objects.filter(pk=item.object_id, status=Signal.Status.CLOSED).first()
            if signal is None:
                counts["kept: reopened or gone"] += 1
                continue
            if signal.household_id:
                households.add(signal.household_id)
            AuditEvent.objects.filter(target_type="cases.signal", target_id=str(signal.pk)).delete()
            signal.delete()
        counts[item.category] += 1
    removed_households, removed_persons = _destroy_orphans(households, persons)
    counts["households removed"] = removed_households
    counts["persons removed"] = removed_persons
    dlist.items.all().delete()
    dlist.status = DestructionList.Status.DESTROYED
    dlist.decided_by = actor
    dlist.decided_by_repr = str(actor)[:200]
    dlist.decided_at = timezone.now()
    dlist.counts = dict(sorted(counts.items()))
    dlist.save()
    audit.event_record(
        actor=actor, action="destruction_list.approved", target=dlist, summary=_("Destroyed"), details=dlist.counts
    )
    return dlist


@transaction.atomic
def destruction_list_reject(*, destruction_list: DestructionList, actor: User) -> DestructionList:
    """Reject a proposal: nothing is destroyed; the records come back on a later proposal."""
    _require_retention_official(actor)
    dlist = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if dlist.status != DestructionList.Status.PROPOSED:
        raise ValidationError(_("This destruction list has already been decided."))
    dlist.counts = dict(sorted(Counter(dlist.items.values_list("category", flat=True)).items()))
    dlist.items.all().delete()
    dlist.status = DestructionList.Status.REJECTED
    dlist.decided_by = actor
    dlist.decided_by_repr = str(actor)[:200]
    dlist.decided_at = timezone.now()
    dlist.save()
    audit.event_record(actor=actor, action="destruction_list.rejected", target=dlist)
    return dlist


@transaction.atomic
def legal_hold_place(*, case_id: int, reason: str, actor: User) -> LegalHold:
    _require_retention_official(actor)
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise ValidationError({"case": _("There is no case with this number.")})
    if not reason.strip():
        raise ValidationError({"reason": _("State the reason for the legal hold.")})
    hold = LegalHold.objects.create(case=case, reason=reason.strip(), placed_by=actor, placed_at=timezone.now())
    audit.event_record(actor=actor, action="legal_hold.placed", target=hold, summary=f"case {case.pk}")
    return hold


@transaction.atomic
def legal_hold_lift(*, hold: LegalHold, actor: User) -> LegalHold:
    _require_retention_official(actor)
    if hold.lifted_at is not None:
        raise ValidationError(_("This legal hold has already been lifted."))
    hold.lifted_at = timezone.now()
    hold.lifted_by = actor
    hold.save(update_fields=["lifted_at", "lifted_by"])
    audit.event_record(actor=actor, action="legal_hold.lifted", target=hold, summary=f"case {hold.case_id}")
    return hold


def technical_logs_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Remove login data older than 6 months, and access-log entries older than 5 years about persons whose
    file is gone, behind a signed checkpoint. Returns counts."""
    now = now or timezone.now()
    periods = retention_periods()
    today = timezone.localdate(now)
    login_cut = datetime.combine(retention.subtract_period(today, periods["login"]), time.min, tzinfo=now.tzinfo)
    result = {"login attempts removed": login_data_purge(before=login_cut)}
    log_cut_day = retention.subtract_period(today, retention.ACCESS_LOG_MINIMUM)
    log_cut = datetime.combine(log_cut_day, time.min, tzinfo=now.tzinfo)

    def still_kept(person_ids: Iterable[int]) -> set[int]:
        return set(Person.objects.filter(pk__in=list(person_ids)).values_list("pk", flat=True))

    first_kept = access_log_cut(older_than=log_cut, still_kept=still_kept)
    result["access log entries removed"] = 0
    if first_kept is not None:
        checkpoint = access_log_purge(first_kept_link_id=first_kept, removed_before=log_cut, actor_repr="retention")
        result["access log entries removed"] = checkpoint.entries_removed
    return result
