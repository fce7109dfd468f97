"""Emergency access (break the glass): granting with reason and second factor, and the review."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit, two_factor
from wijkteam.access.models import EmergencyAccess, User

DEFAULT_HOURS = 4


@transaction.atomic
def emergency_access_grant(
    *, user: User, object_type: str, object_id: int, reason: str, code: str, hours: int = DEFAULT_HOURS
) -> EmergencyAccess:
    """Grant time-limited access after a reason and a fresh second-factor code (demo accounts excepted)."""
    if len(reason.strip()) < 20:
        raise ValidationError({"reason": _("Describe the emergency (at least 20 characters).")})
    if not 1 <= hours <= 24:
        raise ValidationError({"hours": _("Emergency access lasts between 1 and 24 hours.")})
    needs_code = getattr(settings, "WIJKTEAM_REQUIRE_2FA", True) and not user.is_demo
    if needs_code and not two_factor.two_factor_verify(user=user, code=code):
        raise ValidationError({"code": _("This code is not correct.")})
    grant = EmergencyAccess.objects.create(
        user=user,
        object_type=object_type,
        object_id=object_id,
        reason=reason.strip(),
        expires_at=timezone.now() + timedelta(hours=hours),
    )
    audit.event_record(actor=user, action="emergency_access.granted", target=grant, summary=reason.strip())
    return grant


@transaction.atomic
def emergency_access_review(*, grant: EmergencyAccess, outcome: str, note: str, actor: User) -> EmergencyAccess:
    """The privacy officer's review of a grant."""
    if outcome not in ("justified", "unjustified"):
        raise ValidationError({"review_outcome": _("Choose the outcome of the review.")})
    if outcome == "unjustified" and not note.strip():
        raise ValidationError({"review_note": _("Say what follows from an unjustified access.")})
    if grant.user_id == actor.pk:
        raise ValidationError(_("You cannot review your own emergency access."))
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = actor
    grant.review_outcome = outcome
    grant.review_note = note.strip()
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_outcome", "review_note"])
    audit.event_record(actor=actor, action="emergency_access.reviewed", target=grant, details={"outcome": outcome})
    return grant


def emergency_grants_to_review() -> QuerySet[EmergencyAccess]:
    return EmergencyAccess.objects.filter(reviewed_at__isnull=True).select_related("user").order_by("granted_at")
