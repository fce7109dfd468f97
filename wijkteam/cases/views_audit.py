"""The changes of a case: its audit trail, for whoever sees the case's content (others 404)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkteam.cases import audit_trail
from wijkteam.cases.views_case import _content

CHANGES_PER_PAGE = 50


@require_GET
def case_changes(request: HttpRequest, case_id: int) -> HttpResponse:
    """Who changed what in the case and when, newest first, paginated; the read is logged."""
    view = _content(request, case_id)
    page = Paginator(audit_trail.case_audit_events(view, request.user), CHANGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"view": view, "case": view.case, "page": page, "rows": audit_trail.audit_rows(page.object_list)}
    return render(request, "cases/case_changes.html", context)
