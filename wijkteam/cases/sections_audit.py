"""The case page's "Changes" card: the last three changes and a link to all of them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from wijkteam.cases import audit_trail
from wijkteam.cases.sections import register_case_section

LAST = 3


def changes_section(request: HttpRequest, view: Any) -> dict[str, Any] | None:
    user = getattr(request, "user", None)
    if user is None or not getattr(view, "has_content", False):
        return None
    events = audit_trail.case_audit_events(view, user)[:LAST]
    return {"case": view.case, "rows": audit_trail.audit_rows(events)}


def register() -> None:
    register_case_section(
        key="changes", template="cases/section_changes.html", context=changes_section, place="aside", order=90
    )
