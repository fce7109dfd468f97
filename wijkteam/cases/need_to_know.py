"""The need-to-know rule: who may see what of a case, as indexed SQL filters.

- Content of a case: its coordinator; workers with a running involvement (a worker outside the case's
  team, a partner professional, only while a sharing agreement with their organisation is in force:
  the person's agreement or a statutory ground; withdrawing it closes the case to them at once); a
  teammate or team lead who recorded a reason (a `ContentAccessGrant` that has not expired); a worker
  with a running emergency grant (`access.EmergencyAccess`, reviewed afterwards by the privacy officer).
- Index card (names, address, coordinator, status, next step): everyone who may see the content, plus
  the members of the case's team (generalists, specialists, team leads, Wmo consultants; not volunteers).
- Volunteers see only the actions assigned to them, never a case.
- Cases of other teams are invisible: selectors answer 404 alike for "missing" and "not yours".
- Notes (contact moments) have an audience within the content: the team, the involved workers, the
  coordinator only, or the author's organisation (professional secrecy); the author always sees their own.
- The safety section (Meldcode) is for the coordinator, the team lead and the case's safety expert only.

Every list, detail, search, export and count uses these filters; each is one EXISTS subquery on an index.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from wijkteam.access.models import EmergencyAccess
from wijkteam.cases.models import Case, ContactMoment, ContentAccessGrant, Involvement, SharingAgreement
from wijkteam.teams.models import Membership, MembershipKind

INDEX_CARD_KINDS = (
    MembershipKind.GENERALIST,
    MembershipKind.SPECIALIST,
    MembershipKind.TEAM_LEAD,
    MembershipKind.WMO_CONSULTANT,
)
GRANT_HOURS = 8


def _sharing_in_force() -> Exists:
    """A sharing agreement in force between the involvement's case and its organisation (index
    sharing_case_recipient_idx)."""
    return Exists(
        SharingAgreement.objects.filter(
            case_id=OuterRef("case_id"), recipient_id=OuterRef("organisation_id"), withdrawn_on__isnull=True
        )
    )


CASE_OBJECT_TYPE = "cases.case"


def has_emergency_access(*, user_id: int, case_id: int) -> bool:
    return EmergencyAccess.objects.filter(
        user_id=user_id, object_type=CASE_OBJECT_TYPE, object_id=case_id, expires_at__gt=timezone.now()
    ).exists()


def team_ids_with_index_access(user_id: int) -> QuerySet:
    """Teams whose cases the user sees as index cards (a running membership, not as volunteer)."""
    return Membership.objects.active().filter(user_id=user_id, kind__in=INDEX_CARD_KINDS).values("team_id")


def led_team_ids(user_id: int) -> QuerySet:
    return Membership.objects.active().filter(user_id=user_id, kind=MembershipKind.TEAM_LEAD).values("team_id")


def _involved_case_ids(user_id: int) -> QuerySet:
    today = timezone.localdate()
    return (
        Involvement.objects.filter(user_id=user_id, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(Q(rests_on_sharing=False) | Q(_sharing_in_force()))
        .values("case_id")
    )


def _granted_case_ids(user_id: int, now: datetime | None = None) -> QuerySet:
    return ContentAccessGrant.objects.filter(user_id=user_id, expires_at__gt=now or timezone.now()).values("case_id")


def _emergency_case_ids(user_id: int, now: datetime | None = None) -> QuerySet:
    return EmergencyAccess.objects.filter(
        user_id=user_id, object_type=CASE_OBJECT_TYPE, expires_at__gt=now or timezone.now()
    ).values("object_id")


def case_content_q(user_id: int) -> Q:
    """Cases whose content the user may see.

    Each way in is an uncorrelated id set on the user's index (`pk IN (…)`), which PostgreSQL hashes once;
    correlated EXISTS per case cost a subplan call per row of every case table (measured in `make bench`:
    3–4× slower over all visible cases).
    """
    return (
        Q(coordinator_id=user_id)
        | Q(pk__in=_involved_case_ids(user_id))
        | Q(pk__in=_granted_case_ids(user_id))
        | Q(pk__in=_emergency_case_ids(user_id))
    )


def case_index_q(user_id: int) -> Q:
    """Cases the user may see at least as an index card."""
    return case_content_q(user_id) | Q(team_id__in=team_ids_with_index_access(user_id))


def cases_visible_to(user_id: int) -> QuerySet[Case]:
    return Case.objects.filter(case_index_q(user_id))


def may_open_with_reason(*, user_id: int, case: Case) -> bool:
    """A teammate or team lead of the case's team may open its content after recording a reason."""
    return Membership.objects.active().filter(user_id=user_id, team_id=case.team_id, kind__in=INDEX_CARD_KINDS).exists()


def contact_moments_visible(
    *, case: Case, user_id: int, is_coordinator: bool, is_involved: bool, organisation_ids: list[int]
) -> QuerySet[ContactMoment]:
    """Notes of a case the user may read, given that they see the case's content."""
    audience = (
        Q(audience="team")
        | Q(author_id=user_id)
        | Q(audience="organisation", author_organisation_id__in=organisation_ids)
    )
    if is_coordinator or is_involved:
        audience |= Q(audience="involved")
    if is_coordinator:
        audience |= Q(audience="coordinator")
    return case.contact_moments.filter(audience)


def may_see_safety(*, user_id: int, case: Case, is_coordinator: bool) -> bool:
    if is_coordinator:
        return True
    if Involvement.objects.filter(
        case=case, user_id=user_id, role=Involvement.Role.SAFETY_EXPERT, end_date__isnull=True
    ).exists():
        return True
    return (
        Membership.objects.active()
        .filter(user_id=user_id, team_id=case.team_id, kind=MembershipKind.TEAM_LEAD)
        .exists()
    )


def contact_moments_visible_q(*, user_id: int, organisation_ids: list[int]) -> Q:
    """Notes the user may read across all cases: the same rule as `contact_moments_visible` for one case
    (the case's content must be visible, the note's audience must include the user), as one filter for
    lists."""
    is_coordinator = Q(case__coordinator_id=user_id)
    is_involved = Q(
        Exists(Involvement.objects.filter(case_id=OuterRef("case_id"), user_id=user_id, end_date__isnull=True))
    )
    audience = (
        Q(audience="team")
        | Q(author_id=user_id)
        | Q(audience="organisation", author_organisation_id__in=organisation_ids)
        | (Q(audience="involved") & (is_coordinator | is_involved))
        | (Q(audience="coordinator") & is_coordinator)
    )
    return Q(case_id__in=Case.objects.filter(case_content_q(user_id)).values("pk")) & audience
