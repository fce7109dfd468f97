"""Screens for functional administrators (set-up), team leads (their team) and the municipality (totals).

Thin: check the capability, parse with a form, call one service or selector, render a page or an htmx
partial. Who may see what is described in `selectors.py`.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.access.models import User
from wijkteam.core.htmx import is_htmx
from wijkteam.neighbourhoods.models import Region
from wijkteam.teams import forms, selectors, services, workload
from wijkteam.teams.models import Affiliation, MandateItem, Organisation, Target, Team


def _user(request: HttpRequest) -> User:
    """The logged-in user (the login middleware lets no anonymous request through to these views)."""
    return cast(User, request.user)


def _require(request: HttpRequest, *capabilities: str) -> None:
    if not selectors.can_any(_user(request), capabilities):
        raise PermissionDenied


def _form_errors(form: Any, exc: ValidationError) -> None:
    """Show a service's validation errors on the form (unknown fields as form-wide errors)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _municipality(request: HttpRequest) -> Region | None:
    municipality = selectors.default_municipality()
    if municipality is None:
        messages.error(request, _("The CBS region registry has not been imported yet (manage.py import_regions)."))
    return municipality


# ------------------------------------------------------------------------------------------------- teams
@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    """Teams with their totals (FTE, capacity, weighted caseload); never per-member figures."""
    _require(request, *selectors.TEAM_PAGE_CAPABILITIES)
    teams = list(selectors.team_list_for_user(user=_user(request)))
    totals = selectors.teams_totals(teams=teams)
    led = selectors.team_ids_led_by(user=_user(request))
    rows = [{"team": team, "totals": totals[team.pk], "leads": team.pk in led} for team in teams]
    return render(
        request,
        "teams/team_list.html",
        {
            "rows": rows,
            "can_manage": _user(request).can("manage_teams"),
            "counts_available": workload.case_counts_available(),
        },
    )


@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    _require(request, "manage_teams")
    municipality = _municipality(request)
    if municipality is None:
        return redirect("teams:team_list")
    districts = selectors.municipality_districts(municipality=municipality)
    form = forms.TeamForm(request.POST or None, districts=districts, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(municipality=municipality, actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Team %(name)s has been created.") % {"name": team.name})
            return redirect("teams:team_detail", pk=team.pk)
    return render(request, "teams/team_form.html", {"form": form, "team": None, "municipality": municipality})


@require_http_methods(["GET", "POST"])
def team_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    districts = selectors.municipality_districts(municipality=team.municipality)
    form = forms.TeamForm(request.POST or None, instance=team, districts=districts)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(team=team, data=form.cleaned_data, actor=_user(request))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("teams:team_detail", pk=team.pk)
    return render(request, "teams/team_form.html", {"form": form, "team": team, "municipality": team.municipality})


@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The team page: coverage, mandate, targets, composition and totals; per-member caseload and the
    coordinator suggestion for the team's own lead only."""
    user = _user(request)
    _require(request, *selectors.TEAM_PAGE_CAPABILITIES)
    team = selectors.team_get_for_user(user=user, pk=pk)
    leads = selectors.user_leads_team(user=user, team=team)
    can_manage = user.can("manage_teams")
    memberships = selectors.running_memberships(team_ids=[team.pk])
    team_caseload = selectors.team_caseload(team=team, memberships=memberships)
    in_scope, out_of_scope, targets = selectors.team_mandate(team=team)
    suggestion_form = None
    if leads:
        suggestion_form = forms.SuggestionForm(
            districts=_suggestion_districts(team), justice=team.justice_domain_enabled
        )
    return render(
        request,
        "teams/team_detail.html",
        {
            "team": team,
            "districts": sorted(team.districts.all(), key=lambda d: d.code),
            "leads": leads,
            "can_manage": can_manage,
            "composition": selectors.team_composition(memberships=memberships),
            "totals": team_caseload.totals,
            "caseload_rows": team_caseload.rows if leads else None,
            "members": memberships if (can_manage and not leads) else None,
            "counts_available": team_caseload.counts_available,
            "in_scope": in_scope,
            "out_of_scope": out_of_scope,
            "targets": targets,
            "suggestion_form": suggestion_form,
        },
    )


def _suggestion_districts(team: Any) -> Any:
    if team.covers_whole_municipality:
        return selectors.municipality_districts(municipality=team.municipality)
    return team.districts.order_by("code")


@require_GET
def team_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggested coordinators for a new case (life domains, district) with reasons; the team lead decides."""
    _require(request, "lead_team")
    team = selectors.team_get_for_user(user=_user(request), pk=pk)
    if not selectors.user_leads_team(user=_user(request), team=team):
        raise PermissionDenied
    form = forms.SuggestionForm(request.GET, districts=_suggestion_districts(team), justice=team.justice_domain_enabled)
    suggestions = None
    if form.is_valid():
        district = form.cleaned_data["district"]
        suggestions = selectors.coordinator_suggestions(
            team=team,
            life_domain_codes=form.cleaned_data["life_domains"],
            district_code=district.code if district else None,
        )
    context = {"team": team, "suggestion_form": form, "suggestions": suggestions}
    if is_htmx(request):
        return render(request, "teams/partials/suggestions.html", context)
    return render(request, "teams/team_suggestions.html", context)


# ----------------------------------------------------------------------------------------------- mandate
def _mandate_context(team: Any, item_form: Any = None, target_form: Any = None) -> dict[str, Any]:
    in_scope, out_of_scope, targets = selectors.team_mandate(team=team)
    return {
        "team": team,
        "in_scope": in_scope,
        "out_of_scope": out_of_scope,
        "targets": targets,
        "item_form": item_form or forms.MandateItemForm(),
        "target_form": target_form or forms.TargetForm(initial={"period": str(timezone.localdate().year)}),
    }


@require_GET
def team_mandate(request: HttpRequest, pk: int) -> HttpResponse:
    """The mandate editor: life domains and target groups in and out of scope, and the targets."""
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    return render(request, "teams/team_mandate.html", _mandate_context(team))


def _mandate_response(request: HttpRequest, team: Any, partial: str, done: str = "", **forms_: Any) -> HttpResponse:
    """htmx: the changed section only (with its own status line); otherwise the whole page."""
    invalid = any(form is not None and form.errors for form in forms_.values())
    if is_htmx(request):
        context = {**_mandate_context(team, **forms_), "done": done}
        return render(request, f"teams/team_mandate.html#{partial}", context)
    if invalid:
        return render(request, "teams/team_mandate.html", _mandate_context(team, **forms_))
    if done:
        messages.success(request, done)
    return redirect("teams:team_mandate", pk=team.pk)


@require_POST
def mandate_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    form = forms.MandateItemForm(request.POST)
    if form.is_valid():
        try:
            services.mandate_item_add(
                team=team,
                life_domain=form.cleaned_data["life_domain"],
                target_group=form.cleaned_data["target_group"],
                in_scope=form.cleaned_data["in_scope"],
                note=form.cleaned_data["note"],
                actor=_user(request),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return _mandate_response(request, team, "mandate_items", done=_("Added to the mandate."))
    return _mandate_response(request, team, "mandate_items", item_form=form)


@require_http_methods(["GET", "POST"])
def mandate_item_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    item = get_object_or_404(MandateItem.objects.select_related("life_domain"), team=team, pk=item_pk)
    form = forms.MandateItemForm(
        request.POST or None,
        initial={
            "subject": f"ld:{item.life_domain.code}" if item.life_domain else f"tg:{item.target_group}",
            "scope": "in" if item.in_scope else "out",
            "note": item.note,
        },
    )
    form.fields["subject"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_item_update(
                item=item,
                in_scope=form.cleaned_data["in_scope"],
                note=form.cleaned_data["note"],
                actor=_user(request),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("teams:team_mandate", pk=team.pk)
    return render(request, "teams/mandate_item_form.html", {"team": team, "item": item, "form": form})


@require_POST
def mandate_item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    item = get_object_or_404(MandateItem, team=team, pk=item_pk)
    services.mandate_item_remove(item=item, actor=_user(request))
    return _mandate_response(request, team, "mandate_items", done=_("Removed from the mandate."))


@require_POST
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    form = forms.TargetForm(request.POST)
    if form.is_valid():
        try:
            services.target_set(team=team, actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return _mandate_response(request, team, "targets", done=_("The target has been set."))
    return _mandate_response(request, team, "targets", target_form=form)


@require_POST
def target_remove(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    target = get_object_or_404(Target, team=team, pk=target_pk)
    services.target_remove(target=target, actor=_user(request))
    return _mandate_response(request, team, "targets", done=_("The target has been removed."))


# ------------------------------------------------------------------------------------------- memberships
def _membership_choices(team: Any) -> dict[str, Any]:
    return {
        "organisations": Organisation.objects.filter(municipality=team.municipality, is_active=True),
        "districts": _suggestion_districts(team),
    }


@require_http_methods(["GET", "POST"])
def team_members(request: HttpRequest, pk: int) -> HttpResponse:
    """Running members, the full history, and a form to add a member."""
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    form = forms.MembershipStartForm(
        request.POST or None,
        team=team,
        users=selectors.worker_choices(),
        initial={"start_date": timezone.localdate(), "kind": "generalist"},
        **_membership_choices(team),
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_start(team=team, actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been added to the team.") % {"name": membership.user})
            return redirect("teams:team_members", pk=team.pk)
    today = timezone.localdate()
    history = selectors.membership_history(team=team)
    running = [m for m in history if m.is_running(today)]
    return render(
        request,
        "teams/team_members.html",
        {"team": team, "form": form, "running": running, "history": history, "today": today},
    )


@require_http_methods(["GET", "POST"])
def membership_change(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    membership = selectors.membership_get(team=team, pk=membership_pk)
    form = forms.MembershipChangeForm(request.POST or None, membership=membership, **_membership_choices(team))
    if request.method == "GET":
        form.initial["change_date"] = timezone.localdate()
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change(membership=membership, actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The membership has been changed; the history is kept."))
            return redirect("teams:team_members", pk=team.pk)
    return render(request, "teams/membership_change.html", {"team": team, "membership": membership, "form": form})


@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    team = selectors.team_get_for_setup(pk=pk)
    membership = selectors.membership_get(team=team, pk=membership_pk)
    form = forms.EndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(membership=membership, end_date=form.cleaned_data["end_date"], actor=_user(request))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The membership has been ended."))
            return redirect("teams:team_members", pk=team.pk)
    return render(request, "teams/membership_end.html", {"team": team, "membership": membership, "form": form})


# ------------------------------------------------------------------------------------------ organisations
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    _require(request, "manage_teams")
    query = request.GET.get("q", "").strip()[:100]
    organisations = selectors.organisation_list(municipality=selectors.default_municipality(), query=query)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    template = "teams/organisation_list.html#results" if is_htmx(request) else "teams/organisation_list.html"
    return render(request, template, {"page": page, "query": query})


@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    _require(request, "manage_teams")
    municipality = _municipality(request)
    if municipality is None:
        return redirect("teams:organisation_list")
    form = forms.OrganisationForm(request.POST or None)
    del form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                municipality=municipality,
                actor=_user(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Organisation %(name)s has been created.") % {"name": organisation.name})
            return redirect("teams:organisation_detail", pk=organisation.pk)
    return render(request, "teams/organisation_form.html", {"form": form, "organisation": None})


@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    organisation = selectors.organisation_get(pk=pk)
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, data=form.cleaned_data, actor=_user(request))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("teams:organisation_detail", pk=organisation.pk)
    return render(request, "teams/organisation_form.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation with its team members and affiliated partner professionals; POST adds an affiliation."""
    _require(request, "manage_teams")
    organisation = selectors.organisation_get(pk=pk)
    form = forms.AffiliationForm(
        request.POST or None, users=selectors.worker_choices(), initial={"start_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            affiliation = services.affiliation_start(
                organisation=organisation, actor=_user(request), **form.cleaned_data
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s now belongs to %(organisation)s.")
                % {"name": affiliation.user, "organisation": organisation},
            )
            return redirect("teams:organisation_detail", pk=organisation.pk)
    memberships, affiliations = selectors.organisation_people(organisation=organisation)
    today = timezone.localdate()
    return render(
        request,
        "teams/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "affiliations": affiliations,
            "form": form,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def affiliation_end(request: HttpRequest, pk: int, affiliation_pk: int) -> HttpResponse:
    _require(request, "manage_teams")
    organisation = selectors.organisation_get(pk=pk)
    affiliation = get_object_or_404(
        Affiliation.objects.select_related("user"), organisation=organisation, pk=affiliation_pk
    )
    form = forms.EndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.affiliation_end(
                affiliation=affiliation, end_date=form.cleaned_data["end_date"], actor=_user(request)
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The affiliation has been ended."))
            return redirect("teams:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "teams/affiliation_end.html",
        {"organisation": organisation, "affiliation": affiliation, "form": form},
    )


# ------------------------------------------------------------------------------------------- disciplines
@require_GET
def discipline_list(request: HttpRequest) -> HttpResponse:
    _require(request, "manage_reference_data", "manage_teams")
    today = timezone.localdate()
    disciplines = selectors.discipline_list().annotate(
        member_count=Count(
            "memberships",
            filter=(Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today))
            & Q(memberships__start_date__lte=today),
            distinct=True,
        )
    )
    return render(
        request,
        "teams/discipline_list.html",
        {"disciplines": disciplines, "can_edit": _user(request).can("manage_reference_data")},
    )


@require_http_methods(["GET", "POST"])
def discipline_create(request: HttpRequest) -> HttpResponse:
    _require(request, "manage_reference_data")
    form = forms.DisciplineForm(request.POST or None)
    del form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        try:
            discipline = services.discipline_create(actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Discipline %(name)s has been added.") % {"name": discipline.name})
            return redirect("teams:discipline_list")
    return render(request, "teams/discipline_form.html", {"form": form, "discipline": None})


@require_http_methods(["GET", "POST"])
def discipline_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "manage_reference_data")
    discipline = selectors.discipline_get(pk=pk)
    form = forms.DisciplineForm(request.POST or None, instance=discipline)
    if request.method == "POST" and form.is_valid():
        try:
            services.discipline_update(discipline=discipline, data=form.cleaned_data, actor=_user(request))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("teams:discipline_list")
    return render(request, "teams/discipline_form.html", {"form": form, "discipline": discipline})


# ------------------------------------------------------------------------------------------- social map
@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    """The social map: neighbourhood initiatives per district; open to every logged-in user."""
    municipality = selectors.default_municipality()
    districts = (
        selectors.municipality_districts(municipality=municipality)
        if municipality is not None
        else Region.objects.none()
    )
    form = forms.InitiativeFilterForm(request.GET or None, districts=districts)
    filters = form.cleaned_data if form.is_valid() else {}
    initiatives = selectors.initiative_list(
        municipality=municipality,
        district_code=filters.get("district", ""),
        life_domain_code=filters.get("life_domain", ""),
        query=filters.get("q", ""),
    )
    page = Paginator(initiatives, 50).get_page(request.GET.get("page"))
    team_ids = selectors.initiative_team_ids_for_user(user=_user(request))
    context = {
        "form": form,
        "page": page,
        "editable_team_ids": team_ids,
        "can_edit_all": team_ids is None,
        "can_add": team_ids is None or bool(team_ids),
        "querystring": request.GET.copy(),
    }
    template = "teams/initiative_list.html#results" if is_htmx(request) else "teams/initiative_list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_keep_social_map(user=_user(request)):
        raise PermissionDenied
    municipality = _municipality(request)
    if municipality is None:
        return redirect("teams:social_map:initiative_list")
    teams = selectors.initiative_teams_for_user(user=_user(request))
    initial: dict[str, Any] = {}
    if district_code := request.GET.get("district"):
        initial["district"] = Region.objects.filter(code=district_code, municipality=municipality).first()
    if teams.count() == 1:
        initial["team"] = teams.first()
    form = forms.InitiativeForm(
        request.POST or None,
        districts=selectors.municipality_districts(municipality=municipality),
        teams=teams,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is on the social map.") % {"name": initiative.name})
            return redirect("teams:social_map:initiative_list")
    return render(request, "teams/initiative_form.html", {"form": form, "initiative": None})


@require_http_methods(["GET", "POST"])
def initiative_update(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get_for_edit(user=_user(request), pk=pk)
    teams = selectors.initiative_teams_for_user(user=_user(request))
    teams = (teams | Team.objects.filter(pk=initiative.team_id)).distinct()
    form = forms.InitiativeForm(
        request.POST or None,
        instance=initiative,
        districts=selectors.municipality_districts(municipality=initiative.team.municipality),
        teams=teams,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(initiative=initiative, data=form.cleaned_data, actor=_user(request))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("teams:social_map:initiative_list")
    return render(request, "teams/initiative_form.html", {"form": form, "initiative": initiative})
