"""Pages of stepped care: the care-level section of a case (step changes), decisions and frontline
payments on a case, the catalogue for functional administrators, and the lawfulness and expenditure
pages. Case pages read the case through `cases.selectors.case_content_or_404` (need-to-know, logged)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.access.models import User
from wijkteam.cases import selectors as case_selectors
from wijkteam.cases.models import ClientSystemMember
from wijkteam.cases.selectors import CaseView
from wijkteam.core.htmx import is_htmx
from wijkteam.households.models import Person
from wijkteam.provisions import flow, forms, selectors, services
from wijkteam.provisions.lawfulness import LABELS
from wijkteam.provisions.models import CatalogueOption, Decision, DecisionStatus
from wijkteam.provisions.section import section_context
from wijkteam.teams import selectors as team_selectors
from wijkteam.teams.models import Membership, Organisation, Team


def _content(request: HttpRequest, case_id: int) -> CaseView:
    if not request.user.can("view_case_content"):
        raise Http404
    return case_selectors.case_content_or_404(user=request.user, case_id=case_id, request=request)


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _section_url(case_id: int) -> str:
    return reverse("cases:case_detail", args=[case_id]) + "#care-level"


# --- step changes -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def step_change_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """Change the care level of a case: a step up by the team with an evaluation, a never-blocked
    route straight through, a step down with a reason. On the case page an htmx form; alone a page."""
    view = _content(request, case_id)
    if view.case.is_closed:
        raise PermissionDenied(_("This case is closed."))
    form = forms.StepChangeForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.step_change_record(case=view.case, actor=request.user, **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if is_htmx(request):
                view.case.refresh_from_db()
                context = section_context(request, view) or {}
                context["saved"] = True
                response = render(request, "provisions/case_section.html", {"section": context})
                response["HX-Trigger"] = "timelineChanged"
                return response
            messages.success(request, _("The care level has been changed."))
            return redirect(_section_url(view.case.pk))
    if is_htmx(request):
        context = section_context(request, view, form=form) or {}
        return render(request, "provisions/case_section.html", {"section": context})
    return render(request, "provisions/step_change.html", {"view": view, "case": view.case, "form": form})


# --- decisions ----------------------------------------------------------------------------------------


def _decision_form(view: CaseView, data: Any = None) -> forms.DecisionForm:
    persons = Person.objects.filter(
        pk__in=ClientSystemMember.objects.filter(case=view.case).values("person_id")
    ).order_by("birth_date")
    options = CatalogueOption.objects.filter(
        municipality_id=view.case.municipality_id, is_active=True, legal_basis__isnull=False
    ).select_related("care_level")
    providers = Organisation.objects.filter(municipality_id=view.case.municipality_id).order_by("name")
    return forms.DecisionForm(
        data,
        persons=persons,
        options=options,
        providers=providers,
        initial={"period_start": timezone.localdate(), "frequency": "week", "status": "requested"},
    )


@require_http_methods(["GET", "POST"])
def decision_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record a decision (beschikking) for a person of the case; for Wmo consultants."""
    if not request.user.can("record_decisions"):
        raise Http404
    view = _content(request, case_id)
    form = _decision_form(view, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                case=view.case,
                person=form.cleaned_data["person"],
                option=form.cleaned_data["option"],
                status=form.cleaned_data["status"],
                data=form.service_data(),
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(_section_url(view.case.pk))
    return render(request, "provisions/decision_form.html", {"view": view, "case": view.case, "form": form})


@require_POST
def decision_status_set(request: HttpRequest, case_id: int, decision_id: int) -> HttpResponse:
    if not request.user.can("record_decisions"):
        raise Http404
    view = _content(request, case_id)
    decision = Decision.objects.filter(case=view.case, pk=decision_id).first()
    if decision is None:
        raise Http404
    choices = [(s, str(DecisionStatus(s).label)) for s in sorted(flow.TRANSITIONS.get(decision.status, ()))]
    form = forms.DecisionStatusForm(request.POST, choices=choices)
    if form.is_valid():
        try:
            services.decision_status_set(
                decision=decision, status=form.cleaned_data["status"], on=form.cleaned_data["on"], actor=request.user
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("The status of the decision has been changed."))
    else:
        messages.error(request, _("Choose a new status and a date."))
    return redirect(_section_url(view.case.pk))


# --- frontline payments -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def frontline_payment_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """The team lead approves and records a frontline payment requested by a worker of the team."""
    view = _content(request, case_id)
    if view.case.team_id not in team_selectors.team_ids_led_by(user=request.user):
        raise PermissionDenied(_("Only the team lead of the case's team approves a frontline payment."))
    requesters = (
        Membership.objects.active()
        .filter(team_id=view.case.team_id)
        .exclude(user=request.user)
        .values_list("user_id", flat=True)
    )
    form = forms.FrontlinePaymentForm(
        request.POST or None,
        requesters=User.objects.filter(pk__in=list(requesters)).order_by("first_name", "last_name"),
        initial={"paid_on": timezone.localdate(), "requested_by": view.case.coordinator_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.frontline_payment_record(case=view.case, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The frontline payment has been recorded."))
            return redirect(_section_url(view.case.pk))
    return render(request, "provisions/frontline_form.html", {"view": view, "case": view.case, "form": form})


# --- catalogue ----------------------------------------------------------------------------------------


def _check_admin(request: HttpRequest) -> None:
    if not request.user.can("manage_reference_data"):
        raise PermissionDenied


def _municipality_or_404() -> Any:
    municipality = team_selectors.default_municipality()
    if municipality is None:
        raise Http404
    return municipality


@require_GET
def catalogue_list(request: HttpRequest) -> HttpResponse:
    """The catalogue of support options per care level; every worker reads it, administrators keep it."""
    municipality = team_selectors.default_municipality()
    form = forms.CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    options = (
        selectors.catalogue_list(
            municipality=municipality, care_level=filters.get("care_level"), query=filters.get("q", "")
        )
        if municipality
        else CatalogueOption.objects.none()
    )
    page = Paginator(options, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_edit": request.user.can("manage_reference_data")}
    return render(request, "provisions/catalogue_list.html", context)


@require_http_methods(["GET", "POST"])
def catalogue_create(request: HttpRequest) -> HttpResponse:
    _check_admin(request)
    municipality = _municipality_or_404()
    districts = team_selectors.municipality_districts(municipality=municipality)
    form = forms.CatalogueOptionForm(request.POST or None, municipality=municipality, districts=districts)
    if request.method == "POST" and form.is_valid():
        try:
            option = services.catalogue_option_create(
                municipality=municipality, data=form.cleaned_data, actor=request.user
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is in the catalogue.") % {"name": option.name})
            return redirect("provisions:catalogue_list")
    return render(request, "provisions/catalogue_form.html", {"form": form, "option": None})


@require_http_methods(["GET", "POST"])
def catalogue_update(request: HttpRequest, pk: int) -> HttpResponse:
    _check_admin(request)
    municipality = _municipality_or_404()
    option = CatalogueOption.objects.filter(municipality=municipality, pk=pk).first()
    if option is None:
        raise Http404
    districts = team_selectors.municipality_districts(municipality=municipality)
    form = forms.CatalogueOptionForm(
        request.POST or None, instance=option, municipality=municipality, districts=districts
    )
    if request.method == "POST" and form.is_valid():
        try:
            # The form has already copied its input onto `option`: give the service the stored row, so the
            # audit event records what changed.
            stored = CatalogueOption.objects.get(pk=option.pk)
            services.catalogue_option_update(option=stored, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("provisions:catalogue_list")
    return render(request, "provisions/catalogue_form.html", {"form": form, "option": option})


# --- lawfulness and expenditure -----------------------------------------------------------------------


def _oversight_teams(request: HttpRequest) -> Any:
    ids = selectors.oversight_team_ids(user=request.user)
    if not ids:
        raise PermissionDenied
    return Team.objects.filter(pk__in=ids).order_by("name")


@require_GET
def lawfulness(request: HttpRequest) -> HttpResponse:
    """The lawfulness checks of a team's decisions, for its team lead and Wmo consultants."""
    teams = _oversight_teams(request)
    form = forms.TeamChoiceForm(request.GET or None, teams=teams, initial={"team": teams.first()})
    team = form.cleaned_data["team"] if form.is_bound and form.is_valid() else teams.first()
    report = selectors.lawfulness_for_team(team=team)
    counts = [(LABELS[code], count) for code, count in report.counts.items()]
    findings = [(f, [LABELS[c] for c in f.codes]) for f in report.findings]
    context = {"form": form, "team": team, "report": report, "counts": counts, "findings": findings}
    return render(request, "provisions/lawfulness.html", context)


@require_GET
def expenditure(request: HttpRequest) -> HttpResponse:
    """Spending per provision, legal basis, budget function, team, district or month (aggregates)."""
    team_ids = None if request.user.can("view_aggregates") else _oversight_teams(request).values_list("pk", flat=True)
    municipality = _municipality_or_404()
    today = timezone.localdate()
    form = forms.ExpenditureForm(request.GET or None, initial={"year": today.year, "by": "budget_function"})
    data = form.cleaned_data if form.is_bound and form.is_valid() else {"year": today.year, "by": "budget_function"}
    figures = selectors.expenditure(
        municipality_id=municipality.pk,
        year=data["year"],
        by=data["by"],
        team_ids=list(team_ids) if team_ids is not None else None,
    )
    months = [date_format(date(2000, month, 1), "M") for month in range(1, 13)]
    return render(request, "provisions/expenditure.html", {"form": form, "figures": figures, "months": months})
