"""Pages of the planning app: observed against expected demand, recalibration, composition advice.

Thin: check the capability, parse with a form, call one selector or service, render. Who may see what is
described in `selectors.py`; saving and activating weight sets is for policy advisors.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.access.models import User
from wijkteam.neighbourhoods.models import RegionLevel
from wijkteam.neighbourhoods.selectors import region_get
from wijkteam.planning import forms, selectors, services
from wijkteam.planning.models import DemandWeightSet
from wijkteam.teams.selectors import TEAM_PAGE_CAPABILITIES, can_any, default_municipality

AGGREGATES = ("view_aggregates",)
PLANNING_CAPABILITIES = TEAM_PAGE_CAPABILITIES


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _require(request: HttpRequest, *capabilities: str) -> None:
    if not can_any(_user(request), capabilities):
        raise PermissionDenied


def may_save_weights(user: User) -> bool:
    """Saving and activating weight sets: policy advisors (who also hold `view_aggregates`)."""
    return user.can("view_aggregates") and user.has_role("policy_advisor")


def _municipality(code: str):
    region = region_get(code=code)
    if region.level != RegionLevel.MUNICIPALITY:
        raise Http404
    return region


@require_GET
def planning_index(request: HttpRequest) -> HttpResponse:
    """Start page: the municipality's observed demand and the composition advice per team."""
    _require(request, *PLANNING_CAPABILITIES)
    user = _user(request)
    return render(
        request,
        "planning/index.html",
        {
            "municipality": default_municipality(),
            "can_aggregates": user.can("view_aggregates"),
            "teams": list(selectors.composition_teams_for_user(user=user)),
        },
    )


def _year(request: HttpRequest, municipality) -> tuple[forms.YearForm, int | None]:
    years = selectors.observed_years(municipality=municipality)
    form = forms.YearForm(request.GET or None, years=years)
    year = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["jaar"] or None
    return form, year


@require_GET
def observed_demand(request: HttpRequest, code: str) -> HttpResponse:
    """Observed (registered, protected) against expected demand per district for a whole year."""
    _require(request, *AGGREGATES)
    municipality = _municipality(code)
    form, year = _year(request, municipality)
    comparison = selectors.observed_vs_expected(municipality=municipality, year=year)
    return render(
        request,
        "planning/observed.html",
        {
            "municipality": municipality,
            "form": form,
            "observed": comparison,
            "may_recalibrate": may_save_weights(_user(request)),
        },
    )


@require_http_methods(["GET", "POST"])
def recalibrate(request: HttpRequest, code: str) -> HttpResponse:
    """Refit the weights on the observed demand; a policy advisor may save the result as a weight set."""
    _require(request, *AGGREGATES)
    municipality = _municipality(code)
    form, year = _year(request, municipality)
    result = selectors.recalibration(municipality=municipality, year=year)
    may_save = may_save_weights(_user(request))
    save_form = forms.WeightSetForm(
        initial={"name": _("Recalibrated on %(year)d") % {"year": result.comparison.year}, "activate": True}
    )
    if request.method == "POST":
        if not may_save:
            raise PermissionDenied
        save_form = forms.WeightSetForm(request.POST)
        if result.calibration is None:
            messages.error(request, result.error or _("Nothing to save."))
        elif save_form.is_valid():
            try:
                services.demand_weight_set_create(
                    municipality=municipality,
                    name=save_form.cleaned_data["name"],
                    year=result.comparison.year,
                    calibration=result.calibration,
                    activate=save_form.cleaned_data["activate"],
                    actor=_user(request),
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    save_form.add_error(field if field in save_form.fields else None, errors)
            else:
                messages.success(request, _("The weight set has been saved."))
                return redirect("planning:recalibrate", code=municipality.code)
    return render(
        request,
        "planning/recalibrate.html",
        {
            "municipality": municipality,
            "form": form,
            "result": result,
            "may_save": may_save,
            "save_form": save_form,
            "weight_sets": list(selectors.weight_sets(municipality=municipality)),
        },
    )


@require_POST
def weight_set_activate(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    if not may_save_weights(_user(request)):
        raise PermissionDenied
    municipality = _municipality(code)
    weight_set = get_object_or_404(DemandWeightSet, pk=pk, municipality=municipality)
    services.demand_weight_set_activate(weight_set=weight_set, actor=_user(request))
    messages.success(request, _("The municipality's expected demand now uses “%(name)s”.") % {"name": weight_set.name})
    return redirect("planning:recalibrate", code=municipality.code)


@require_POST
def weights_shipped(request: HttpRequest, code: str) -> HttpResponse:
    if not may_save_weights(_user(request)):
        raise PermissionDenied
    municipality = _municipality(code)
    services.demand_weight_set_deactivate(municipality=municipality, actor=_user(request))
    messages.success(request, _("The municipality's expected demand uses the shipped weights again."))
    return redirect("planning:recalibrate", code=municipality.code)


@require_GET
def composition_advice(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's composition advice, and the same for a chosen set of districts (what-if)."""
    _require(request, *PLANNING_CAPABILITIES)
    team = selectors.composition_team_get_for_user(user=_user(request), pk=pk)
    municipality = team.municipality
    all_districts = selectors.municipality_district_list(municipality=municipality)
    what_if_form = forms.WhatIfForm(
        request.GET if "districts" in request.GET else None,
        districts=all_districts,
        initial={"districts": [d.code for d in selectors.team_districts(team=team)]},
    )
    what_if = None
    if what_if_form.is_bound and what_if_form.is_valid():
        chosen = [d for d in all_districts if d.code in set(what_if_form.cleaned_data["districts"])]
        what_if = selectors.composition_advice(team=team, districts=chosen)
    return render(
        request,
        "planning/composition.html",
        {
            "team": team,
            "advice": selectors.composition_advice(team=team),
            "what_if": what_if,
            "what_if_form": what_if_form,
        },
    )
