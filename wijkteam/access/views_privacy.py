"""The privacy officer's pages: chain integrity, emergency grants to review, the access log per person."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from wijkteam.access import emergency, two_factor
from wijkteam.access.access_log import access_record
from wijkteam.access.chain import chain_verify
from wijkteam.access.models import AccessLogEntry, AuditEvent, EmergencyAccess
from wijkteam.core.forms import StyledFormMixin


class ReviewForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("justified", _("Justified")), ("unjustified", _("Not justified: follow up"))]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class PersonLogForm(StyledFormMixin, forms.Form):
    person = forms.IntegerField(label=_("Internal person number"), min_value=1)


def _require(request: HttpRequest) -> None:
    """The access log is read by the privacy officer only, in a session that passed a second factor."""
    if not request.user.can("view_access_log"):  # type: ignore[union-attr]
        raise PermissionDenied
    if not two_factor.second_factor_given(request):
        raise PermissionDenied(_("Reading the access log needs a login with a second factor."))


@require_GET
def privacy_home(request: HttpRequest) -> HttpResponse:
    """Chain integrity, grants to review and the newest changes, in a constant number of queries."""
    _require(request)
    report = chain_verify()
    grants = list(emergency.emergency_grants_to_review()[:50])
    events = AuditEvent.objects.order_by("-created_at")[:20]
    return render(
        request,
        "access/privacy_home.html",
        {
            "report": report,
            "grants": grants,
            "events": events,
            "review_form": ReviewForm(),
            "person_form": PersonLogForm(),
        },
    )


@require_POST
def emergency_review(request: HttpRequest, grant_id: int) -> HttpResponse:
    _require(request)
    if not request.user.can("review_emergency_access"):  # type: ignore[union-attr]
        raise PermissionDenied
    grant = get_object_or_404(EmergencyAccess, pk=grant_id, reviewed_at__isnull=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            emergency.emergency_access_review(
                grant=grant, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"], actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Review recorded."))
    else:
        messages.error(request, _("Choose the outcome of the review."))
    return redirect("access:privacy_home")


@require_GET
def person_log(request: HttpRequest) -> HttpResponse:
    """Who looked at this person's data: dates, organisations, roles, purposes. Reading it is logged too."""
    _require(request)
    form = PersonLogForm(request.GET)
    if not form.is_valid():
        return render(request, "access/person_log.html", {"form": form, "page": None}, status=400)
    person_id = form.cleaned_data["person"]
    entries = AccessLogEntry.objects.filter(person_id=person_id).order_by("-created_at", "-id")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # what is shown, before this reading is itself logged
    access_record(
        user=request.user,  # type: ignore[arg-type]
        person_ids=[person_id],
        action="view",
        purpose="privacy supervision: access log",
        data_category="access log",
        request=request,
    )
    return render(request, "access/person_log.html", {"form": form, "page": page, "person_id": person_id})
