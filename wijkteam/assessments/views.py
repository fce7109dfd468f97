"""Pages of the assessments app: recording an assessment and a goal rating on a case (for those who see
the case's content), the instruments (functional administrators) and a team's choice of instruments
(functional administrators and the team's lead). Thin: form → service or selector → page."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.access.models import User
from wijkteam.assessments import forms, scoring, selectors, services
from wijkteam.assessments.models import Instrument, ScaleLabel
from wijkteam.cases import selectors as case_selectors
from wijkteam.cases.selectors import CaseView

CAPABILITY = "view_case_content"
ADMIN = "manage_reference_data"
LEAD = "lead_team"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _content(request: HttpRequest, case_id: int) -> CaseView:
    """The case's content, or 404 (like a case that does not exist); logs the access."""
    if not _user(request).can(CAPABILITY):
        raise Http404
    return case_selectors.case_content_or_404(user=_user(request), case_id=case_id, request=request)


def _form_errors(form: Any, error: ValidationError, prefix: str = "") -> None:
    """Show a service's validation errors on the form (unknown fields as form-wide errors)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        name = key if key in form.fields else prefix + key
        form.add_error(name if name in form.fields else None, errors)


def _case_url(view: CaseView, anchor: str) -> str:
    return reverse("cases:case_detail", args=[view.case.pk]) + f"#{anchor}"


# -------------------------------------------------------------------------------------- on a case
@require_http_methods(["GET", "POST"])
def assessment_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """Score an adult of the client system on the life domains the help request or the plan touches."""
    view = _content(request, case_id)
    instrument = None
    if (code := request.GET.get("instrument")) is not None:
        instrument = Instrument.objects.filter(code=code).first()
    setting = selectors.team_setting(team_id=view.case.team_id, instrument=instrument)
    context: dict[str, Any] = {"view": view, "case": view.case, "setting": setting}
    if setting is None:
        return render(request, "assessments/assessment_record.html", context)
    frame = selectors.scoring_frame(
        case=view.case, instrument=setting.instrument, justice_enabled=setting.justice_enabled
    )
    domains = scoring.scorable_domains(frame)
    labels = list(ScaleLabel.objects.filter(instrument=setting.instrument))
    persons = selectors.adults_of(view.case)
    form = forms.AssessmentForm(
        request.POST if request.method == "POST" else None, persons=persons, domains=domains, labels=labels
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                case=view.case,
                person=form.cleaned_data["person"],
                moment=form.cleaned_data["moment"],
                assessed_on=form.cleaned_data["assessed_on"],
                scores=form.scores(),
                note=form.cleaned_data["note"],
                instrument=setting.instrument,
                actor=_user(request),
            )
        except ValidationError as error:
            _form_errors(form, error, prefix=forms.SCORE_PREFIX)
        else:
            messages.success(request, _("The assessment has been recorded."))
            return redirect(_case_url(view, "progress-heading"))
    context.update({"form": form, "domains": domains, "persons": persons, "labels": labels})
    return render(request, "assessments/assessment_record.html", context)


@require_http_methods(["GET", "POST"])
def goal_rating_record(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    """The household's own rating of a goal beside the worker's, at evaluation or closure."""
    view = _content(request, case_id)
    goal = selectors.goal_for_case(view=view, goal_id=goal_id)
    form = forms.GoalRatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_rating_record(goal=goal, actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The rating of the goal has been recorded."))
            return redirect(_case_url(view, "goal-ratings-heading"))
    ratings = selectors.goal_ratings_by_goal([goal])[goal.pk]
    return render(
        request,
        "assessments/goal_rating_record.html",
        {"view": view, "case": view.case, "goal": goal, "ratings": ratings, "form": form},
    )


# -------------------------------------------------------------------------------------- instruments
def _require(request: HttpRequest, *capabilities: str) -> None:
    if not any(_user(request).can(c) for c in capabilities):
        raise PermissionDenied


@require_GET
def instrument_list(request: HttpRequest) -> HttpResponse:
    """The instruments (names and scale labels only) and the teams whose choice the user may set."""
    _require(request, ADMIN, LEAD)
    return render(
        request,
        "assessments/instrument_list.html",
        {
            "instruments": list(selectors.instrument_list()),
            "teams": list(selectors.teams_for_settings(user=_user(request))),
            "can_manage": _user(request).can(ADMIN),
        },
    )


def _instrument_form_page(request: HttpRequest, instrument: Instrument | None) -> HttpResponse:
    _require(request, ADMIN)
    initial = {}
    if instrument is not None:
        initial = {
            "code": instrument.code,
            "name_nl": instrument.name_nl,
            "name_en": instrument.name_en,
            "scale_min": instrument.scale_min,
            "scale_max": instrument.scale_max,
            "life_domains": [d.life_domain for d in instrument.domains.all()],
            "labels": forms.InstrumentForm.labels_text(instrument),
            "source": instrument.source,
            "is_active": instrument.is_active,
        }
    form = forms.InstrumentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.instrument_save(
                instrument=instrument,
                code=data["code"],
                name_nl=data["name_nl"],
                name_en=data["name_en"],
                scale_min=data["scale_min"],
                scale_max=data["scale_max"],
                source=data["source"],
                is_active=data["is_active"],
                life_domains=list(data["life_domains"]),
                labels=data["labels"],
                actor=_user(request),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The instrument has been saved."))
            return redirect("assessments:instrument_list")
    return render(request, "assessments/instrument_form.html", {"form": form, "instrument": instrument})


@require_http_methods(["GET", "POST"])
def instrument_create(request: HttpRequest) -> HttpResponse:
    return _instrument_form_page(request, None)


@require_http_methods(["GET", "POST"])
def instrument_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, ADMIN)
    instrument = get_object_or_404(selectors.instrument_list(), pk=pk)
    return _instrument_form_page(request, instrument)


@require_http_methods(["GET", "POST"])
def team_instruments(request: HttpRequest, team_id: int) -> HttpResponse:
    """Which instruments a team uses, and whether it scores the justice domain."""
    _require(request, ADMIN, LEAD)
    team = get_object_or_404(selectors.teams_for_settings(user=_user(request)), pk=team_id)
    instruments = list(selectors.instrument_list(active_only=True))
    current = selectors.team_settings(team=team)
    data = request.POST if request.method == "POST" else None
    rows = []
    for instrument in instruments:
        setting = current.get(instrument.pk)
        initial = {
            "in_use": bool(setting and setting.in_use),
            "justice_enabled": bool(setting and setting.justice_enabled),
        }
        rows.append((instrument, forms.TeamInstrumentForm(data, prefix=f"i{instrument.pk}", initial=initial)))
    if request.method == "POST" and all(form.is_valid() for _instrument, form in rows):
        for instrument, form in rows:
            if form.has_changed() or instrument.pk not in current:
                services.team_instrument_setting_set(
                    team=team,
                    instrument=instrument,
                    in_use=form.cleaned_data["in_use"],
                    justice_enabled=form.cleaned_data["justice_enabled"],
                    actor=_user(request),
                )
        messages.success(request, _("The team's instruments have been saved."))
        return redirect("assessments:team_instruments", team_id=team.pk)
    return render(request, "assessments/team_instruments.html", {"team": team, "rows": rows})
