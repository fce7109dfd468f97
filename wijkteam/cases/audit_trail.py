"""The audit trail of one case: the audit events of the case and of its objects, newest first.

`AuditEvent` refers to its target by type and id (a string), so the events of a case are those whose
target is the case itself or an object of it. `cases` knows its own objects; the apps above it
(assessments, provisions) register theirs with `register_audit_targets(fn)` in AppConfig.ready(), where
`fn(case)` returns (target_type, pk queryset) pairs. One query reads a page of events, whatever the
number of objects. Involvements, sharing agreements, safety and child-protection measures and step
changes are recorded on the case itself; the safety events are left out for whoever may not see the
safety section, and notes' events follow the note's audience.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from wijkteam.access.models import AuditEvent, User
from wijkteam.cases import audit_labels, need_to_know
from wijkteam.cases.models import (
    Action,
    Case,
    CaseConference,
    ChildProtectionMeasure,
    Goal,
    Involvement,
    LegalHold,
    Plan,
    PlanVersion,
    SafetyAssessment,
    SharingAgreement,
)

AuditTargets = Callable[[Case], Iterable[tuple[str, QuerySet]]]
_sources: dict[str, AuditTargets] = {}

SAFETY_ACTIONS = ("safety.", "child_protection_measure.")
SAFETY_TYPES = ("cases.safetyassessment", "cases.childprotectionmeasure")


def register_audit_targets(fn: AuditTargets) -> None:
    """Register `fn(case) -> [(target_type, queryset of pks)]`: objects of the case whose events belong to it."""
    _sources[f"{fn.__module__}.{fn.__qualname__}"] = fn


def _label(model: Any) -> str:
    return model._meta.label_lower


def _own_targets(case: Case) -> list[tuple[str, QuerySet]]:
    plan_objects = [(Goal, "plan__case"), (Action, "plan__case"), (PlanVersion, "plan__case")]
    case_objects = [
        Plan,
        Involvement,
        CaseConference,
        SharingAgreement,
        SafetyAssessment,
        ChildProtectionMeasure,
        LegalHold,
    ]
    targets = [(_label(model), model.objects.filter(**{path: case})) for model, path in plan_objects]
    targets += [(_label(model), model.objects.filter(case=case)) for model in case_objects]
    return targets


def _pk_strings(queryset: QuerySet) -> QuerySet:
    return queryset.order_by().values_list(Cast("pk", output_field=CharField()), flat=True)


def case_audit_events(view: Any, user: User) -> QuerySet[AuditEvent]:
    """The audit events of the case in `view` (whose content `user` sees), newest first."""
    case = view.case
    if not view.has_content:
        return AuditEvent.objects.none()
    match = Q(target_type=_label(Case), target_id=str(case.pk)) | Q(
        target_type="cases.helprequest", target_id=str(case.help_request_id)
    )
    notes = need_to_know.contact_moments_visible(
        case=case,
        user_id=user.pk,
        is_coordinator=view.is_coordinator,
        is_involved=view.is_involved,
        organisation_ids=view.organisation_ids,
    )
    targets = [*_own_targets(case), ("cases.contactmoment", notes)]
    for source in _sources.values():
        targets.extend(source(case))
    for target_type, queryset in targets:
        match |= Q(target_type=target_type, target_id__in=_pk_strings(queryset))
    events = AuditEvent.objects.filter(match)
    if not need_to_know.may_see_safety(user_id=user.pk, case=case, is_coordinator=view.is_coordinator):
        for prefix in SAFETY_ACTIONS:
            events = events.exclude(action__startswith=prefix)
        events = events.exclude(target_type__in=SAFETY_TYPES)
    return events.order_by("-created_at", "-id")


@dataclass(frozen=True)
class AuditRow:
    when: datetime
    who: str
    what: str
    action: str
    change: str


def _object_label(target_type: str) -> str:
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return target_type
    return str(model._meta.verbose_name).capitalize()


def audit_rows(events: Iterable[AuditEvent]) -> list[AuditRow]:
    """The events as rows for the page: who, when, which object, what was done, before → after."""
    return [
        AuditRow(
            when=event.created_at,
            who=event.actor_repr,
            what=_object_label(event.target_type),
            action=audit_labels.action_label(event.action),
            change=audit_labels.change_summary(event.action, event.summary, event.details),
        )
        for event in events
    ]
