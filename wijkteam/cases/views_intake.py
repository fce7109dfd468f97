"""The front door: intake (who → a new household → the help request), short contacts, signals, search,
the worker's and the volunteer's actions, and the lists the home panel links to.

Intake keeps a draft in the session (the chosen team, what was typed in "Who?", a signal it started
from) and the households found by matching: only those, or households the user may see anyway, can be
continued with. Thin views: a form parses, one selector or service does the work.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.cases import forms_intake as forms
from wijkteam.cases import selectors, services
from wijkteam.cases.models import Case, Signal
from wijkteam.core.htmx import is_htmx
from wijkteam.households.validators import postcode_clean
from wijkteam.teams.models import Team

INTAKE = "register_intake"
CONTENT = "view_case_content"
ASSIGNED = "view_assigned_actions"
DRAFT_KEY = "intake_draft"
MAX_MATCHED = 100
PER_PAGE = 25


# --- helpers ------------------------------------------------------------------------------------------


def case_url(case_id: int) -> str:
    """The case page (built by the case pages; a plain path until its URL name exists)."""
    try:
        return reverse("cases:case_detail", args=[case_id])
    except NoReverseMatch:
        return f"/casussen/{case_id}/"


def case_list_url(**params: str) -> str:
    try:
        url = reverse("cases:case_list")
    except NoReverseMatch:
        url = "/casussen/"
    return f"{url}?{urlencode(params)}" if params else url


def _with_urls(cases: list[Case]) -> list[Case]:
    for case in cases:
        case.url = case_url(case.pk)
    return cases


def _require(request: HttpRequest, capability: str) -> None:
    if not request.user.can(capability):
        raise PermissionDenied


def _teams_or_page(request: HttpRequest) -> list[Team] | HttpResponse:
    """The user's teams; a page saying so (403) when they are in none."""
    teams = list(selectors.teams_of_user(user=request.user))
    if not teams:
        return render(request, "cases/intake_no_team.html", status=403)
    return teams


def _add_errors(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


def _draft(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(DRAFT_KEY) or {})


def _draft_save(request: HttpRequest, draft: dict[str, Any]) -> None:
    draft["matched"] = list(dict.fromkeys(draft.get("matched", [])))[-MAX_MATCHED:]
    request.session[DRAFT_KEY] = draft


def _draft_signal(request: HttpRequest, draft: dict[str, Any]) -> Signal | None:
    """The signal this intake started from, while it is still new and of the user's teams."""
    signal_id = draft.get("signal_id")
    if not signal_id:
        return None
    signal = selectors.signals_for_user(user=request.user, status=Signal.Status.NEW).filter(pk=signal_id).first()
    return signal


def _page(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> Any:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


# --- intake: who? -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def intake_start(request: HttpRequest) -> HttpResponse:
    """Step 1, "Who?": match over the whole municipality; continue with a household found, or register a
    new one."""
    _require(request, INTAKE)
    teams = _teams_or_page(request)
    if isinstance(teams, HttpResponse):
        return teams
    draft = _draft(request)
    if request.method == "GET":
        if "signaal" in request.GET:
            draft = _draft_from_signal(request)
        elif "terug" not in request.GET:
            draft = {}
        _draft_save(request, draft)
        form = forms.IntakeSearchForm(initial=_search_initial(draft), teams=teams, team_id=draft.get("team_id"))
        return _intake_start_page(request, form, draft)
    form = forms.IntakeSearchForm(request.POST, teams=teams, team_id=draft.get("team_id"))
    matches = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            matches = selectors.intake_match_for_user(
                user=request.user,
                team=data["team"],
                bsn=data["bsn"] or None,
                family_name=data["family_name"] or None,
                birth_date=data["birth_date"],
                postcode=data["postcode"] or None,
                house_number=data["house_number"] or None,
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            draft.update(
                team_id=data["team"].pk,
                bsn=data["bsn"],
                family_name=data["family_name"].strip(),
                birth_date=data["birth_date"].isoformat() if data["birth_date"] else "",
                postcode=data["postcode"],
                house_number=data["house_number"],
                searched=True,
            )
            draft["matched"] = [*draft.get("matched", []), *(m.household_id for m in matches if m.may_continue)]
            _draft_save(request, draft)
            for match in matches:
                _with_urls(match.files.cases)
    return _intake_start_page(request, form, draft, matches)


def _draft_from_signal(request: HttpRequest) -> dict[str, Any]:
    try:
        signal = selectors.signal_get_for_user(user=request.user, signal_id=int(request.GET["signaal"]))
    except (ValueError, Http404):
        raise Http404 from None
    if signal.status != Signal.Status.NEW:
        messages.warning(request, _("This signal has already been triaged."))
        return {}
    draft: dict[str, Any] = {"signal_id": signal.pk, "team_id": signal.team_id, "matched": []}
    if signal.household_id:
        # The team already sees the household named in its own signal.
        draft["matched"].append(signal.household_id)
    return draft


def _search_initial(draft: dict[str, Any]) -> dict[str, Any]:
    keys = ("bsn", "family_name", "birth_date", "postcode", "house_number")
    return {key: draft[key] for key in keys if draft.get(key)}


def _intake_start_page(
    request: HttpRequest, form: Any, draft: dict[str, Any], matches: list[Any] | None = None
) -> HttpResponse:
    signal = _draft_signal(request, draft)
    return render(
        request,
        "cases/intake_start.html",
        {"form": form, "matches": matches, "signal": signal, "searched": matches is not None},
    )


# --- intake: a new household --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def intake_household_new(request: HttpRequest) -> HttpResponse:
    """Step 2: register a new household (its persons and address) after "Who?" found no one fitting."""
    _require(request, INTAKE)
    teams = _teams_or_page(request)
    if isinstance(teams, HttpResponse):
        return teams
    draft = _draft(request)
    team = next((t for t in teams if t.pk == draft.get("team_id")), None)
    if team is None or not draft.get("searched"):
        messages.info(request, _("First look up whether the household is already known."))
        return redirect("cases:intake_start")
    neighbourhoods = selectors.neighbourhood_choices(municipality=team.municipality)
    if request.method == "GET":
        return _household_page(request, team, *_household_initial_forms(team, draft, neighbourhoods))
    if "add_person" in request.POST:
        return _household_page(request, team, *_household_forms_plus_one(request.POST, neighbourhoods))
    formset = forms.person_formset_class()(request.POST, prefix=forms.PERSONS_PREFIX)
    address_form = forms.IntakeAddressForm(request.POST, neighbourhoods=neighbourhoods)
    if not (formset.is_valid() and address_form.is_valid()):
        return _household_page(request, team, formset, address_form)
    persons = [
        services.PersonInput(
            family_name=f.cleaned_data["family_name"],
            given_names=f.cleaned_data["given_names"],
            prefix=f.cleaned_data["prefix"],
            birth_date=f.cleaned_data["birth_date"],
            bsn=f.cleaned_data["bsn"],
            phone=f.cleaned_data["phone"],
        )
        for f in formset.forms
        if f.cleaned_data
    ]
    duplicates = selectors.intake_possible_duplicates(
        municipality=team.municipality, persons=[(p.family_name, p.birth_date) for p in persons]
    )
    if duplicates and not address_form.cleaned_data["confirm_new"]:
        address_form.add_error(
            None,
            _(
                "A person with the same family name and date of birth is already registered. Go back to "
                "'Who?' to find them, or confirm below that these are other persons."
            ),
        )
        return _household_page(request, team, formset, address_form, show_confirm=True)
    data = address_form.cleaned_data
    neighbourhood = selectors.neighbourhood_get(municipality=team.municipality, neighbourhood_id=data["neighbourhood"])
    try:
        household = services.intake_household_register(
            team=team,
            persons=persons,
            address=services.AddressInput(
                postcode=data["postcode"],
                house_number=data["house_number"],
                street=data["street"],
                city=data["city"],
                neighbourhood=neighbourhood,
            ),
            actor=request.user,
        )
    except ValidationError as error:
        _household_errors(formset, address_form, error)
        return _household_page(request, team, formset, address_form, show_confirm=bool(duplicates))
    draft["matched"] = [*draft.get("matched", []), household.pk]
    _draft_save(request, draft)
    messages.success(request, _("The household has been registered. Now record the help request."))
    return redirect("cases:intake_help_request", household_id=household.pk)


def _household_initial_forms(team: Team, draft: dict[str, Any], neighbourhoods: Any) -> tuple[Any, Any]:
    person = {
        "family_name": draft.get("family_name", ""),
        "birth_date": draft.get("birth_date", ""),
        "bsn": draft.get("bsn", ""),
    }
    address: dict[str, Any] = {"postcode": draft.get("postcode", ""), "house_number": draft.get("house_number", "")}
    address["city"] = team.municipality.name
    if address["postcode"]:
        hint = selectors.address_hint_for_postcode(municipality=team.municipality, postcode=address["postcode"])
        if hint:
            address.update(neighbourhood=hint.neighbourhood_id, street=hint.street, city=hint.city or address["city"])
    formset = forms.person_formset_class()(initial=[person], prefix=forms.PERSONS_PREFIX)
    return formset, forms.IntakeAddressForm(initial=address, neighbourhoods=neighbourhoods)


def _household_forms_plus_one(data: Any, neighbourhoods: Any) -> tuple[Any, Any]:
    """The same forms, unbound (no errors yet), with one more empty person."""
    try:
        total = min(int(data.get(f"{forms.PERSONS_PREFIX}-TOTAL_FORMS", 1)), forms.MAX_PERSONS)
    except ValueError:
        total = 1
    fields = list(forms.IntakePersonForm.base_fields)
    initial = [{name: data.get(f"{forms.PERSONS_PREFIX}-{i}-{name}", "") for name in fields} for i in range(total)]
    extra = 1 if total < forms.MAX_PERSONS else 0
    formset = forms.person_formset_class(extra=extra)(initial=initial, prefix=forms.PERSONS_PREFIX)
    address_fields = ("postcode", "house_number", "street", "city", "neighbourhood")
    address_form = forms.IntakeAddressForm(
        initial={name: data.get(name, "") for name in address_fields}, neighbourhoods=neighbourhoods
    )
    return formset, address_form


def _household_errors(formset: Any, address_form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        address_form.add_error(None, error.error_list)
        return
    for key, errors in error.error_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "persons" and parts[1].isdigit() and int(parts[1]) < len(formset.forms):
            form = formset.forms[int(parts[1])]
            form.add_error(parts[2] if parts[2] in form.fields else None, errors)
        else:
            address_form.add_error(key if key in address_form.fields else None, errors)


def _household_page(
    request: HttpRequest, team: Team, formset: Any, address_form: Any, show_confirm: bool = False
) -> HttpResponse:
    if not show_confirm:
        address_form.fields.pop("confirm_new", None)
    return render(
        request,
        "cases/intake_household.html",
        {"team": team, "formset": formset, "address_form": address_form, "max_persons": forms.MAX_PERSONS},
    )


@require_GET
def intake_neighbourhood(request: HttpRequest) -> HttpResponse:
    """htmx: the neighbourhood select, preselected from known addresses with the typed postcode."""
    _require(request, INTAKE)
    draft = _draft(request)
    team = selectors.teams_of_user(user=request.user).filter(pk=draft.get("team_id")).first()
    if team is None:
        raise Http404
    neighbourhoods = selectors.neighbourhood_choices(municipality=team.municipality)
    chosen = request.GET.get("neighbourhood", "")
    initial: dict[str, Any] = {"neighbourhood": chosen}
    if not chosen:
        try:
            postcode = postcode_clean(request.GET.get("postcode", ""))
        except ValidationError:
            postcode = ""
        hint = None
        if postcode:
            hint = selectors.address_hint_for_postcode(municipality=team.municipality, postcode=postcode)
        if hint:
            initial["neighbourhood"] = hint.neighbourhood_id
    form = forms.IntakeAddressForm(initial=initial, neighbourhoods=neighbourhoods)
    return render(request, "cases/intake_household.html#neighbourhood", {"address_form": form})


# --- intake: the help request -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def intake_help_request(request: HttpRequest, household_id: int) -> HttpResponse:
    """Step 3: the help request in the household's words, the safety check, then a case or a short
    contact. For a household found by matching whose files the user may not open: master data only."""
    _require(request, INTAKE)
    teams = _teams_or_page(request)
    if isinstance(teams, HttpResponse):
        return teams
    draft = _draft(request)
    found = selectors.intake_household_for_user(
        user=request.user, household_id=household_id, matched_ids=draft.get("matched", []), request=request
    )
    _with_urls(found.files.cases)
    signal = _draft_signal(request, draft)
    if request.method == "GET":
        initial = {"channel": "signal"} if signal else {}
        form = forms.IntakeHelpRequestForm(initial=initial, teams=teams, team_id=draft.get("team_id"))
        return _help_request_page(request, found, form, signal)
    form = forms.IntakeHelpRequestForm(request.POST, teams=teams, team_id=draft.get("team_id"))
    if not form.is_valid():
        return _help_request_page(request, found, form, signal)
    data = form.cleaned_data
    try:
        result = services.intake_register(
            household=found.household,
            team=data["team"],
            received_on=data["received_on"],
            channel=data["channel"],
            words=data["words"],
            life_domain_codes=data["life_domains"],
            urgency=data["urgency"],
            is_wmo_report=data["is_wmo_report"],
            acute_unsafety=data["acute_unsafety"],
            insufficient_basic_care=data["insufficient_basic_care"],
            outcome=data["outcome"],
            coordinator=request.user if data["coordinator"] == forms.ME else None,
            what_was_done=data["what_was_done"],
            signal=signal,
            actor=request.user,
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _help_request_page(request, found, form, signal)
    request.session.pop(DRAFT_KEY, None)
    if result.case is not None:
        if result.case.is_reentry:
            messages.success(request, _("The case has been opened and marked as a re-entry."))
        else:
            messages.success(request, _("The case has been opened."))
        return HttpResponseRedirect(case_url(result.case.pk))
    messages.success(request, _("The help request has been registered as a short contact."))
    return redirect("cases:short_contact_register")


def _help_request_page(request: HttpRequest, found: Any, form: Any, signal: Signal | None) -> HttpResponse:
    return render(request, "cases/intake_help_request.html", {"found": found, "form": form, "signal": signal})


# --- short contacts -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def short_contact_register(request: HttpRequest) -> HttpResponse:
    """A question answered in one or two contacts: who, life domain, what was done, date; and the
    team's recent short contacts."""
    _require(request, INTAKE)
    teams = _teams_or_page(request)
    if isinstance(teams, HttpResponse):
        return teams
    person = _linked_person(request, request.POST.get("person") or request.GET.get("persoon"))
    if request.method == "POST":
        form = forms.ShortContactForm(request.POST, teams=teams)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.short_contact_register(
                    team=data["team"],
                    who=data["who"],
                    life_domain_code=data["life_domain"],
                    what_was_done=data["what_was_done"],
                    contacted_on=data["contacted_on"],
                    person=person,
                    district_id=_district_id(person),
                    contacts=data["contacts"],
                    channel=data["channel"],
                    actor=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The short contact has been registered."))
                return redirect("cases:short_contact_register")
    else:
        form = forms.ShortContactForm(initial={"person": person.pk if person else None}, teams=teams)
    page = _page(request, selectors.short_contacts_for_user(user=request.user))
    selectors.short_contacts_log_shown(user=request.user, contacts=page.object_list, request=request)
    return render(request, "cases/short_contact_register.html", {"form": form, "page": page, "person": person})


def _linked_person(request: HttpRequest, value: str | None) -> Any:
    if not value:
        return None
    try:
        return selectors.person_linkable_get(user=request.user, person_id=int(value), request=request)
    except (ValueError, Http404):
        raise Http404 from None


def _district_id(person: Any) -> int | None:
    residence = person.current_residence if person is not None else None
    if residence is None or residence.address.neighbourhood_id is None:
        return None
    return residence.address.neighbourhood.parent_id


# --- signals ------------------------------------------------------------------------------------------

SIGNAL_STATUSES = ("new", "short_contact", "case", "closed")


@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    """Signals of the user's teams, new ones first, with counts per team."""
    _require(request, INTAKE)
    status = request.GET.get("status", "")
    status = status if status in SIGNAL_STATUSES else ""
    try:
        team_id = int(request.GET.get("team", "") or 0) or None
    except ValueError:
        team_id = None
    page = _page(request, selectors.signal_list_for_user(user=request.user, status=status, team_id=team_id))
    counts = list(selectors.signal_counts_for_user(user=request.user))
    context = {
        "page": page,
        "counts": counts,
        "status": status,
        "team_id": team_id,
        "statuses": [(value, label) for value, label in Signal.Status.choices],
        "params": urlencode({k: v for k, v in (("status", status), ("team", team_id or "")) if v}),
    }
    template = "cases/signal_list.html#results" if is_htmx(request) else "cases/signal_list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def signal_register(request: HttpRequest) -> HttpResponse:
    """Register a concern about an address or household."""
    _require(request, INTAKE)
    teams = _teams_or_page(request)
    if isinstance(teams, HttpResponse):
        return teams
    districts = selectors.district_choices(municipality=teams[0].municipality)
    form = forms.SignalForm(request.POST or None, teams=teams, districts=districts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signal = services.signal_register(
                team=data["team"],
                received_on=data["received_on"],
                source=data["source"],
                concern=data["concern"],
                reporter=data["reporter"],
                address_text=data["address_text"],
                district_id=data["district"],
                actor=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The signal has been registered."))
            return redirect("cases:signal_detail", signal_id=signal.pk)
    return render(request, "cases/signal_register.html", {"form": form})


@require_http_methods(["GET", "POST"])
def signal_detail(request: HttpRequest, signal_id: int) -> HttpResponse:
    """A signal and its triage: a short contact, an intake (prefilled), or closed with a reason."""
    _require(request, INTAKE)
    signal = selectors.signal_get_for_triage(user=request.user, signal_id=signal_id, request=request)
    short_form = forms.SignalShortContactForm(prefix="short")
    close_form = forms.SignalCloseForm(prefix="close")
    if request.method == "POST" and signal.status != Signal.Status.NEW:
        messages.error(request, _("This signal has already been triaged."))
        return redirect("cases:signal_detail", signal_id=signal.pk)
    if request.method == "POST":
        outcome = request.POST.get("triage")
        try:
            if outcome == "short_contact":
                short_form = forms.SignalShortContactForm(request.POST, prefix="short")
                if short_form.is_valid():
                    data = short_form.cleaned_data
                    services.signal_answer_briefly(
                        signal=signal,
                        who=data["who"],
                        life_domain_code=data["life_domain"],
                        what_was_done=data["what_was_done"],
                        contacted_on=data["contacted_on"],
                        contacts=data["contacts"],
                        actor=request.user,
                    )
                    messages.success(request, _("The signal has been handled as a short contact."))
                    return redirect("cases:signal_list")
            elif outcome == "close":
                close_form = forms.SignalCloseForm(request.POST, prefix="close")
                if close_form.is_valid():
                    services.signal_triage(
                        signal=signal,
                        outcome=Signal.Status.CLOSED,
                        reason=close_form.cleaned_data["reason"],
                        actor=request.user,
                    )
                    messages.success(request, _("The signal has been closed."))
                    return redirect("cases:signal_list")
            else:
                messages.error(request, _("Choose how to handle the signal."))
        except ValidationError as error:
            _add_errors(short_form if outcome == "short_contact" else close_form, error)
    return render(
        request,
        "cases/signal_detail.html",
        {"signal": signal, "short_form": short_form, "close_form": close_form, "open": request.POST.get("triage")},
    )


# --- search -------------------------------------------------------------------------------------------


@require_GET
def person_search(request: HttpRequest) -> HttpResponse:
    """Persons and households by name, address, postcode, birth date or BSN (exactly), among those the
    user may see; every result shown is logged."""
    _require(request, CONTENT)
    query = request.GET.get("q", "").strip()[:100]
    page = None
    if query:
        page = _page(request, selectors.person_search_for_user(request.user, query), per_page=20)
        persons = list(page.object_list)
        selectors.persons_log_found(user=request.user, persons=persons, request=request)
        household_ids = {p.household_id for p in persons if p.household_id}
        cases = selectors.household_cases_for_user(user=request.user, household_ids=household_ids)
        visible = selectors.households_visible_ids(user=request.user, household_ids=household_ids)
        for household_cases in cases.values():
            _with_urls(household_cases)
        for person in persons:
            person.visible_cases = cases.get(person.household_id, [])
            person.household_visible = person.household_id in visible
    context = {"query": query, "page": page, "may_register": request.user.can(INTAKE)}
    template = "cases/search.html#results" if is_htmx(request) else "cases/search.html"
    return render(request, template, context)


# --- actions: the worker's and the volunteer's --------------------------------------------------------


@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    """Workers: open actions assigned to them or in the plans they coordinate (due today, overdue).
    Volunteers: only the actions assigned to them, never a case."""
    if request.user.can(CONTENT):
        due = request.GET.get("due", "")
        due = due if due in ("today", "overdue") else ""
        page = _page(request, selectors.my_actions_due(user=request.user, due=due))
        actions = list(page.object_list)
        selectors.cases_log_listed(
            user=request.user, cases=list({a.plan.case_id: a.plan.case for a in actions}.values()), request=request
        )
        for action in actions:
            action.case_url = case_url(action.plan.case_id)
        context = {
            "page": page,
            "actions": actions,
            "due": due,
            "params": urlencode({"due": due}) if due else "",
            "today": timezone.localdate(),
        }
        return render(request, "cases/home_actions.html", context)
    _require(request, ASSIGNED)
    actions = _first_names(selectors.volunteer_actions_for_user(user=request.user, request=request))
    return render(request, "cases/volunteer_actions.html", {"actions": actions, "today": timezone.localdate()})


def _first_names(actions: list[Any]) -> list[Any]:
    """A volunteer sees only the first name of the person an action is about."""
    for action in actions:
        given = action.person.given_names.split() if action.person_id and action.person else []
        action.first_name = given[0] if given else ""
    return actions


@require_POST
def my_action_status_set(request: HttpRequest, action_id: int) -> HttpResponse:
    """Tick off (or reopen) an action of one's own, version-checked."""
    is_worker = request.user.can(CONTENT)
    if not (is_worker or request.user.can(ASSIGNED)):
        raise PermissionDenied
    action = selectors.action_for_status_change(user=request.user, action_id=action_id, include_coordinated=is_worker)
    form = forms.ActionStatusForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("This change could not be saved; reload the page and try again.")
    else:
        try:
            action = services.action_set_status(
                action=action,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                actor=request.user,
            )
        except services.ConflictError as conflict:
            error = conflict.message
            action = conflict.current
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    if is_htmx(request):
        template = "cases/home_actions.html#action" if is_worker else "cases/volunteer_actions.html#action"
        action.case_url = case_url(action.plan.case_id)
        _first_names([action])
        return render(request, template, {"action": action, "error": error, "today": timezone.localdate()})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("cases:my_actions")


# --- lists behind the home panel ----------------------------------------------------------------------

HOME_LISTS = {"waakvlam": "follow_ups", "zonder-regisseur": "waiting"}


@require_GET
def home_case_list(request: HttpRequest) -> HttpResponse:
    """The cases behind a count of the home panel: follow-ups due, cases waiting for a coordinator."""
    _require(request, CONTENT)
    which = HOME_LISTS.get(request.GET.get("lijst", ""), "")
    if which == "follow_ups":
        cases = selectors.follow_ups_due_for_user(user=request.user)
    elif which == "waiting":
        cases = selectors.cases_waiting_for_coordinator(user=request.user)
    else:
        raise Http404
    page = _page(request, cases)
    rows = _with_urls(list(page.object_list))
    selectors.cases_log_listed(user=request.user, cases=rows, request=request)
    params = urlencode({"lijst": request.GET["lijst"]})
    return render(request, "cases/home_cases.html", {"page": page, "rows": rows, "which": which, "params": params})
