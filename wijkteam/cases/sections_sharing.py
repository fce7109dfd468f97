"""The case page's "Sharing with partners" section: how many partners the data is shared with, and a
notice when processing is restricted at a resident's request."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from wijkteam.cases.models import SharingAgreement
from wijkteam.cases.sections import register_case_section
from wijkteam.cases.services import case_restricted


def sharing_section(request: HttpRequest, view: Any) -> dict[str, Any] | None:
    case = view.case
    in_force = (
        SharingAgreement.objects.filter(case=case, withdrawn_on__isnull=True).values("recipient_id").distinct().count()
    )
    persons = [member.person for member in case.client_system.all()] if getattr(view, "is_coordinator", False) else []
    return {"case": case, "in_force": in_force, "restricted": case_restricted(case), "persons": persons}


def register() -> None:
    register_case_section(
        key="sharing", template="cases/section_sharing.html", context=sharing_section, place="aside", order=10
    )
