"""The subject-access export (GDPR art. 15): one person's data, who accessed their file, with third
parties shielded (UAVG art. 41, rules in `disclosure.py`).

Who produces it: the privacy officer (for any person; a subject-access request is the one lawful
exception to "the privacy officer sees no case content") and the coordinator of a case the person is in
(for that person). Producing it is itself logged as an export (NEN 7513), recorded as an access request
and audited. Access-log lines give date, action, purpose, organisation, role and legal basis; employee
names are left out (CJEU C-579/21: names only where essential to exercise the person's rights; the
privacy officer can add them by hand on request).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from wijkteam.access import audit
from wijkteam.access.access_log import access_record
from wijkteam.access.models import AccessAction, AccessLogEntry, AuditEvent, User
from wijkteam.access.roles import Role
from wijkteam.cases import disclosure
from wijkteam.cases.models import (
    Action,
    Case,
    ClientSystemMember,
    ContactMoment,
    Goal,
    SafetyAssessment,
    SharingAgreement,
    ShortContact,
    SubjectRequest,
)
from wijkteam.cases.services_rights import subject_request_record
from wijkteam.households.models import Person, Relation, Residence

PURPOSE = "subject-access request (GDPR art. 15)"
LEGAL_BASIS = "GDPR art. 15; UAVG art. 41"


def may_produce(*, user: User, person_id: int) -> bool:
    """The privacy officer, or the coordinator of a case the person is in."""
    if user.has_role(Role.PRIVACY_OFFICER):
        return True
    return ClientSystemMember.objects.filter(person_id=person_id, case__coordinator_id=user.pk).exists()


def person_for_export(*, user: User, person_id: int) -> Person:
    """The person whose export `user` may produce; 404 for "missing" and "not yours" alike."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not may_produce(user=user, person_id=person_id):
        raise Http404
    return person


@dataclass
class Withheld:
    notes: int = 0
    household_texts: int = 0
    safety_sections: int = 0


@dataclass
class SubjectAccessExport:
    produced_at: datetime
    person: dict[str, Any]
    addresses: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    short_contacts: list[dict[str, Any]]
    requests: list[dict[str, Any]]
    access_log: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    withheld: Withheld = field(default_factory=Withheld)

    def as_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, datetime | date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list):
                return [plain(v) for v in value]
            return value

        return plain(
            {
                "produced_at": self.produced_at,
                "person": self.person,
                "addresses": self.addresses,
                "relations": self.relations,
                "cases": self.cases,
                "short_contacts": self.short_contacts,
                "requests": self.requests,
                "access_log": self.access_log,
                "changes": self.changes,
                "withheld": vars(self.withheld),
            }
        )


def _safety_concern(case: Case, with_assessment: set[int]) -> bool:
    return case.help_request.safety_concern or case.pk in with_assessment


def _case_part(case: Case, person: Person, with_assessment: set[int], withheld: Withheld) -> dict[str, Any]:
    concern = _safety_concern(case, with_assessment)
    if case.pk in with_assessment:
        withheld.safety_sections += 1
    part: dict[str, Any] = {
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "status": case.get_status_display(),
        "team": case.team.name,
        "coordinator": str(case.coordinator) if case.coordinator else "",
        "legal_basis": case.legal_basis.abbreviation if case.legal_basis else "",
        "care_level": case.care_level.name if case.care_level else "",
        "request": "",
        "plan_summary": "",
        "goals": [],
        "actions": [],
        "notes": [],
        "sharing": [],
    }
    household_text = disclosure.household_text_disclosable(safety_concern=concern)
    if household_text:
        part["request"] = case.help_request.words
        plan = getattr(case, "plan", None)
        if plan is not None:
            part["plan_summary"] = plan.summary
            part["goals"] = [
                {"life_domain": goal.life_domain.name, "goal": goal.text, "status": goal.get_status_display()}
                for goal in Goal.objects.filter(plan=plan).select_related("life_domain")
            ]
    else:
        withheld.household_texts += 1
    part["actions"] = [
        {"what": action.what, "due_on": action.due_on, "status": action.get_status_display()}
        for action in Action.objects.filter(plan__case=case, person=person)
    ]
    for moment in ContactMoment.objects.filter(case=case).prefetch_related("participants"):
        participants = [p.pk for p in moment.participants.all()]
        if disclosure.note_disclosable(
            person_id=person.pk, participant_ids=participants, audience=moment.audience, safety_concern=concern
        ):
            part["notes"].append({"date": moment.occurred_on, "kind": moment.get_kind_display(), "note": moment.note})
        elif person.pk in participants:
            withheld.notes += 1
    part["sharing"] = [
        {
            "organisation": agreement.recipient.name,
            "ground": agreement.get_ground_display(),
            "statutory_ground": agreement.get_statutory_ground_display() if agreement.statutory_ground else "",
            "purpose": agreement.purpose,
            "from": agreement.agreed_on,
            "withdrawn_on": agreement.withdrawn_on,
        }
        for agreement in SharingAgreement.objects.filter(case=case, person=person).select_related("recipient")
    ]
    return part


def subject_access_export(
    *, user: User, person_id: int, request: Any = None, received_on: date | None = None
) -> SubjectAccessExport:
    """Produce one person's export; logs the export (NEN 7513), records the access request, audits it."""
    person = person_for_export(user=user, person_id=person_id)
    withheld = Withheld()
    cases = list(
        Case.objects.filter(client_system__person=person)
        .select_related("team", "coordinator", "legal_basis", "care_level", "help_request", "plan")
        .order_by("-opened_on")
    )
    with_assessment = set(SafetyAssessment.objects.filter(case__in=cases).values_list("case_id", flat=True))
    residences = Residence.objects.filter(person=person).select_related("address").order_by("-valid_from")
    relations = Relation.objects.filter(Q(from_person=person) | Q(to_person=person)).order_by("valid_from")
    log = AccessLogEntry.objects.filter(person_id=person.pk).order_by("-created_at")
    export = SubjectAccessExport(
        produced_at=timezone.now(),
        person={
            "given_names": person.given_names,
            "prefix": person.prefix,
            "family_name": person.family_name,
            "birth_date": person.birth_date,
            "bsn": person.bsn or "",
            "gender": person.get_gender_display(),
            "phone": person.phone,
            "email": person.email,
        },
        addresses=[
            {"address": residence.address.one_line, "from": residence.valid_from, "until": residence.valid_to}
            for residence in residences
        ],
        # The relation's kind and period; the other person is not described (third party).
        relations=[
            {
                "relation": relation.get_kind_display(),
                "direction": "from" if relation.from_person_id == person.pk else "to",
                "from": relation.valid_from,
                "until": relation.valid_to,
            }
            for relation in relations
        ],
        cases=[_case_part(case, person, with_assessment, withheld) for case in cases],
        short_contacts=[
            {"date": contact.contacted_on, "life_domain": contact.life_domain.name, "what": contact.what_was_done}
            for contact in ShortContact.objects.filter(person=person).select_related("life_domain")
        ],
        requests=[
            {
                "right": request_.get_kind_display(),
                "received_on": request_.received_on,
                "status": request_.get_status_display(),
                "ended_on": request_.ended_on,
            }
            for request_ in SubjectRequest.objects.filter(person_ref=person.pk)
        ],
        access_log=[
            {
                "when": entry.created_at,
                "action": entry.get_action_display(),
                "purpose": entry.purpose,
                "organisation": entry.organisation,
                "role": entry.role,
                "legal_basis": entry.legal_basis,
                "emergency": entry.emergency,
            }
            for entry in log
        ],
        changes=[
            {"when": event.created_at, "what": event.action, "fields": event.details.get("fields", [])}
            for event in AuditEvent.objects.filter(target_type="households.person", target_id=str(person.pk))
            .filter(action__startswith="person.")
            .order_by("-created_at")
        ],
        withheld=withheld,
    )
    access_record(
        user=user,
        person_ids=[person.pk],
        action=AccessAction.EXPORT,
        purpose=PURPOSE,
        data_category="subject-access export",
        legal_basis=LEGAL_BASIS,
        request=request,
    )
    access_request = subject_request_record(
        person=person, kind=SubjectRequest.Kind.ACCESS, actor=user, received_on=received_on
    )
    access_request.status = SubjectRequest.Status.DONE
    access_request.ended_on = timezone.localdate()
    access_request.save(update_fields=["status", "ended_on", "updated_at"])
    audit.event_record(
        actor=user,
        action="person.subject_access_exported",
        target=person,
        details={"request": access_request.pk, "withheld": vars(withheld)},
    )
    return export
