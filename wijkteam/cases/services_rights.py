"""Residents' rights (GDPR art. 15-18): recording a request, restriction, erasure. Every write runs in
one transaction with its audit event; audit events and the request record hold no personal data beyond
the person's internal id, so they survive an erasure.

- Access: `subject_access.subject_access_export` (a logged read) records a request of kind access.
- Rectification: through the audited edit services (`households.services.person_update`).
- Restriction: a request of kind restriction is in force from recording until it is ended; while it is
  in force the person's cases are kept, not changed (`services.check_not_restricted`).
- Erasure: recorded with its due date (youth care: within 3 months of the request, Jeugdwet art.
  7.3.11 lid 4; otherwise the GDPR's month), carried out by `person_erase`, which the retention
  process may call as well.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.models import User
from wijkteam.cases.models import (
    Action,
    Case,
    ChildProtectionMeasure,
    ClientSystemMember,
    ShortContact,
    SubjectRequest,
)
from wijkteam.households.age import is_minor_on
from wijkteam.households.models import Person

ANSWER_DAYS = 30  # GDPR art. 12(3): one month
YOUTH_ERASURE_MONTHS = 3  # Jeugdwet art. 7.3.11(4): destroy within three months of the request


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_youth_care(person: Person, on: date) -> bool:
    """Youth care: the person is a minor, or is in a case that rests on the Jeugdwet."""
    if is_minor_on(person.birth_date, on):
        return True
    return Case.objects.filter(client_system__person=person, legal_basis__code="jeugdwet").exists()


def due_date(*, kind: str, received_on: date, youth_care: bool) -> date:
    if kind == SubjectRequest.Kind.ERASURE and youth_care:
        return _add_months(received_on, YOUTH_ERASURE_MONTHS)
    return received_on + timedelta(days=ANSWER_DAYS)


@transaction.atomic
def subject_request_record(
    *, person: Person, kind: str, actor: User, received_on: date | None = None, note: str = ""
) -> SubjectRequest:
    """Record a resident's request; a restriction is in force at once."""
    if kind not in SubjectRequest.Kind.values:
        raise ValidationError({"kind": _("Choose the right the resident exercises.")})
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    if (
        kind == SubjectRequest.Kind.RESTRICTION
        and SubjectRequest.objects.filter(
            person_ref=person.pk, kind=kind, status=SubjectRequest.Status.IN_FORCE
        ).exists()
    ):
        raise ValidationError(_("Processing of this person's data is already restricted."))
    request = SubjectRequest.objects.create(
        person=person,
        person_ref=person.pk,
        kind=kind,
        status=SubjectRequest.Status.IN_FORCE
        if kind == SubjectRequest.Kind.RESTRICTION
        else SubjectRequest.Status.OPEN,
        received_on=received_on,
        due_on=due_date(kind=kind, received_on=received_on, youth_care=is_youth_care(person, received_on)),
        note=note.strip()[:500],
        recorded_by=actor,
    )
    audit.event_record(
        actor=actor,
        action=f"subject_request.{kind}_recorded",
        target=person,
        details={"request": request.pk, "due_on": request.due_on.isoformat()},
    )
    return request


@transaction.atomic
def subject_request_close(*, request: SubjectRequest, status: str, actor: User, note: str = "") -> SubjectRequest:
    """Close a request: done, refused (with a note), or a restriction ended."""
    if status not in (SubjectRequest.Status.DONE, SubjectRequest.Status.REFUSED, SubjectRequest.Status.ENDED):
        raise ValidationError({"status": _("Choose how the request ends.")})
    if request.status not in (SubjectRequest.Status.OPEN, SubjectRequest.Status.IN_FORCE):
        raise ValidationError(_("This request has already been handled."))
    if status == SubjectRequest.Status.REFUSED and not note.strip():
        raise ValidationError({"note": _("Write down why the request is refused.")})
    request.status = status
    request.ended_on = timezone.localdate()
    if note.strip():
        request.note = note.strip()[:500]
    request.save(update_fields=["status", "ended_on", "note", "updated_at"])
    audit.event_record(
        actor=actor,
        action=f"subject_request.{request.kind}_{status}",
        target=request,
        details={"person": request.person_ref},
    )
    return request


@transaction.atomic
def person_erase(*, person: Person, actor: User | None, reason: str) -> int:
    """Erase a person and the records that are only about them: their place in client systems, their
    sharing agreements, the short contacts and actions that name them (kept without the person). Refuses
    while a child-protection measure concerns the person (its file is kept by law) or another record
    still needs them. Open erasure requests for the person are marked done. Returns the internal id.

    Used for an erasure request and by the retention process; the audit event names only the internal id.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Write down why the person is erased.")})
    if ChildProtectionMeasure.objects.filter(child=person).exists():
        raise ValidationError(_("A child-protection measure concerns this person: the file must be kept."))
    person_ref = person.pk
    ClientSystemMember.objects.filter(person=person).delete()
    ShortContact.objects.filter(person=person).update(person=None)
    Action.objects.filter(person=person).update(person=None)
    SubjectRequest.objects.filter(person_ref=person_ref, kind=SubjectRequest.Kind.ERASURE).filter(
        status=SubjectRequest.Status.OPEN
    ).update(status=SubjectRequest.Status.DONE, ended_on=timezone.localdate())
    audit.event_record(
        actor=actor,
        action="person.erased",
        target=person,
        summary=reason.strip()[:300],
        details={"person": person_ref},
    )
    try:
        person.delete()
    except ProtectedError as exc:
        names = sorted({obj._meta.verbose_name for obj in exc.protected_objects})
        raise ValidationError(
            _("The person is still needed by: %(records)s. Destroy or anonymise those first.")
            % {"records": ", ".join(str(n) for n in names)}
        ) from exc
    return person_ref
