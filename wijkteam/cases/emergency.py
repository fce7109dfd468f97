"""Emergency access to a case for a worker outside it (break the glass)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.access.emergency import emergency_access_grant
from wijkteam.access.models import EmergencyAccess, User
from wijkteam.cases.models import Case
from wijkteam.cases.need_to_know import CASE_OBJECT_TYPE


@transaction.atomic
def case_emergency_open(*, case: Case, reason: str, code: str, actor: User, hours: int = 4) -> EmergencyAccess:
    """A worker who may do case work in this municipality opens a case outside their reach in an emergency."""
    if not actor.can("view_case_content"):
        raise ValidationError(_("Only workers who do case work can use emergency access."))
    if actor.is_demo is False and case.coordinator_id == actor.pk:
        raise ValidationError(_("You already have access to this case."))
    return emergency_access_grant(
        user=actor, object_type=CASE_OBJECT_TYPE, object_id=case.pk, reason=reason, code=code, hours=hours
    )
