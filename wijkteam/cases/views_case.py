"""The worker's case pages: the case list, the case page (index card or content), the plan, contact
moments, case conferences, closing, the coordinator, involvements and the restricted safety section.

Every page reads the case through `selectors.case_get_for_user` / `case_content_or_404`, which apply the
need-to-know rule and write the access log; every change goes through one service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.cases import forms_case as forms
from wijkteam.cases import legal_terms, lifecycle, selectors, services, timeline
from wijkteam.cases.models import Action, CaseStatus, Goal, Plan
from wijkteam.cases.sections import case_sections
from wijkteam.cases.selectors import CaseView
from wijkteam.core.htmx import is_htmx

CASES_PER_PAGE = 25
TIMELINE_PAGE = 10
TIMELINE_MAX = 1000
CAPABILITY = "view_case_content"


# --- helpers ----------------------------------------------------------------------------------------


def _check_capability(request: HttpRequest) -> None:
    # Objects the user may not see answer 404, like a case that does not exist.
    if not request.user.can(CAPABILITY):
        raise Http404


def _case(request: HttpRequest, case_id: int) -> CaseView:
    """The case as the user may see it (index card or content); logs the access."""
    _check_capability(request)
    return selectors.case_get_for_user(user=request.user, case_id=case_id, request=request)


def _content(request: HttpRequest, case_id: int) -> CaseView:
    """The case's content, or 404; logs the access."""
    _check_capability(request)
    return selectors.case_content_or_404(user=request.user, case_id=case_id, request=request)


def _directed(request: HttpRequest, case_id: int) -> CaseView:
    """The case's content for those who direct it (the coordinator and the team lead); 403 for others."""
    view = _content(request, case_id)
    if not selectors.may_direct(view, request.user):
        raise PermissionDenied(_("Only the coordinator or the team lead can do this."))
    return view


def _apply_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _detail_url(view: CaseView, anchor: str = "") -> str:
    return reverse("cases:case_detail", args=[view.case.pk]) + (f"#{anchor}" if anchor else "")


def _plan_url(view: CaseView, anchor: str = "") -> str:
    return reverse("cases:plan_edit", args=[view.case.pk]) + (f"#{anchor}" if anchor else "")


def _conflict(exc: services.ConflictError, rows: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    """What the conflict message shows: the other person's saved values beside this person's input."""
    change = selectors.last_change(exc.current)
    return {
        "message": exc.message,
        "rows": [{"label": label, "theirs": theirs, "yours": yours} for label, theirs, yours in rows],
        "by": change.actor_repr if change else "",
        "at": getattr(exc.current, "updated_at", None),
    }


def _rebind_with_version(form_class: type, request: HttpRequest, version: int, **kwargs: Any) -> Form:
    """The same input, now carrying the version that was saved in between: saving again is a deliberate choice."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def _choice_label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value))


# --- the case list ------------------------------------------------------------------------------------


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case of the user's teams, and the cases they are involved in: content or index card."""
    if not request.user.can(CAPABILITY):
        raise PermissionDenied
    form = forms.CaseFilterForm(request.GET)
    mine_only, status = form.filters()
    cases = selectors.case_list_for_user(user=request.user, mine_only=mine_only, status=status)
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    selectors.case_index_cards(rows)
    selectors.cases_log_listed(user=request.user, cases=rows, request=request)
    template = "cases/case_list.html#results" if is_htmx(request) else "cases/case_list.html"
    return render(request, template, {"form": form, "page": page, "rows": rows})


# --- the case page ------------------------------------------------------------------------------------


def _transitions(status: str) -> list[tuple[str, str]]:
    allowed = lifecycle.TRANSITIONS.get(status, set()) - {CaseStatus.CLOSED}
    order = lifecycle.ORDER.index(status) if status in lifecycle.ORDER else 0
    # Forward first, then back.
    ranked = sorted(allowed, key=lambda s: (lifecycle.ORDER.index(s) < order, lifecycle.ORDER.index(s)))
    return [(value, _choice_label(CaseStatus, value)) for value in ranked]


def _wmo_clock(view: CaseView) -> legal_terms.WmoClock | None:
    request = view.case.help_request
    if not request.is_wmo_report:
        return None
    return legal_terms.wmo_investigation_clock(
        received_on=request.received_on, finished_on=view.case.plan_agreed_on, today=timezone.localdate()
    )


def _contact_form(view: CaseView, data: Any = None) -> forms.ContactMomentForm:
    return forms.ContactMomentForm(
        data,
        life_domains=selectors.life_domains_for(view.case),
        persons=selectors.client_system_persons(view.case),
    )


def _timeline_context(view: CaseView, user: Any, limit: int) -> dict[str, Any]:
    items = timeline.timeline_items(view, user, limit=limit + 1)
    return {"view": view, "case": view.case, "items": items[:limit], "has_more": len(items) > limit, "limit": limit}


def _detail_context(request: HttpRequest, view: CaseView, **overrides: Any) -> dict[str, Any]:
    case = view.case
    plan = selectors.case_plan(view)
    involvements = list(selectors.involvements_for(view))
    today = timezone.localdate()
    directs = selectors.may_direct(view, request.user)
    context = {
        "view": view,
        "case": case,
        "address": selectors.case_address(view),
        "help_request": case.help_request,
        "request_domains": list(case.help_request.life_domains.all()),
        "plan": plan,
        "goals": list(plan.goals.all()) if plan else [],
        "open_actions": [a for a in plan.actions.all() if a.status == Action.Status.OPEN] if plan else [],
        "involvements": [i for i in involvements if i.end_date is None or i.end_date >= today],
        "conferences": list(selectors.conferences_for(view)[:5]),
        "may_direct": directs,
        "may_see_safety": selectors.may_see_safety(view, request.user),
        "transitions": _transitions(case.status) if directs and not case.is_closed else [],
        "wmo_clock": _wmo_clock(view),
        "directors": selectors.child_plan_directors(view),
        "openings": list(selectors.openings_for(view)[:10]) if directs else [],
        "contact_form": _contact_form(view),
        "next_step_form": forms.NextStepForm(initial={"next_step": case.next_step}, auto_id="next_step_%s"),
        "follow_up_form": forms.FollowUpDoneForm(),
        **_timeline_context(view, request.user, TIMELINE_PAGE),
        "sections": case_sections(request, view),
    }
    context.update(overrides)
    return context


@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page: its content for those who need to know, else the index card."""
    view = _case(request, case_id)
    if not view.has_content:
        return render(
            request,
            "cases/case_index_card.html",
            {
                "view": view,
                "case": view.case,
                "address": selectors.case_address(view),
                "may_direct": selectors.may_direct(view, request.user),
            },
        )
    return render(request, "cases/case_detail.html", _detail_context(request, view))


@require_GET
def case_timeline(request: HttpRequest, case_id: int) -> HttpResponse:
    """The timeline of a case, newest first (an htmx partial; "show more" asks for a longer one)."""
    view = _content(request, case_id)
    try:
        limit = int(request.GET.get("limit", TIMELINE_PAGE))
    except ValueError:
        limit = TIMELINE_PAGE
    limit = max(TIMELINE_PAGE, min(limit, TIMELINE_MAX))
    context = _timeline_context(view, request.user, limit)
    if not is_htmx(request):
        return render(request, "cases/case_timeline_page.html", context)
    focus = request.GET.get("focus", "")
    # After "show more", focus moves to the first new item (for keyboard and screen-reader users).
    context["focus_item"] = int(focus) if focus.isdigit() and int(focus) <= len(context["items"]) else None
    return render(request, "cases/case_timeline.html", context)


@require_http_methods(["GET", "POST"])
def case_open_with_reason(request: HttpRequest, case_id: int) -> HttpResponse:
    """A teammate or team lead records why they open a case's content (logged and reviewable)."""
    view = _case(request, case_id)
    if view.has_content:
        return redirect(_detail_url(view))
    if not view.may_open_with_reason:
        raise Http404
    form = forms.OpenWithReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_open_with_reason(case=view.case, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            selectors.case_opened_with_reason_log(
                user=request.user, view=view, reason=form.cleaned_data["reason"], request=request
            )
            messages.success(request, _("You opened the file. Your reason has been recorded."))
            return redirect(_detail_url(view))
    return render(
        request,
        "cases/case_open_reason.html",
        {"view": view, "case": view.case, "address": selectors.case_address(view), "form": form},
    )


@require_POST
def case_status_set(request: HttpRequest, case_id: int) -> HttpResponse:
    """Move the case to another stage (intake → plan → execution → evaluation)."""
    view = _directed(request, case_id)
    status = request.POST.get("status", "")
    try:
        services.case_status_set(case=view.case, status=status, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The case is now in the stage: %(status)s.") % {"status": _choice_label(CaseStatus, status)}
        )
    return redirect(_detail_url(view))


@require_POST
def case_next_step_set(request: HttpRequest, case_id: int) -> HttpResponse:
    """Set the next step shown on the case's index card."""
    view = _directed(request, case_id)
    form = forms.NextStepForm(request.POST)
    if form.is_valid():
        try:
            services.case_next_step_set(case=view.case, next_step=form.cleaned_data["next_step"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The next step has been saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_detail_url(view))


# --- contact moments ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contact_moment_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record a contact moment: one form, date prefilled; on the case page it is an htmx quick form."""
    view = _content(request, case_id)
    form = _contact_form(view, request.POST or None)
    saved = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_moment_record(
                case=view.case,
                occurred_on=data["occurred_on"],
                kind=data["kind"],
                note=data["note"],
                audience=data["audience"] or None,
                life_domain_codes=[domain.code for domain in data["life_domains"]],
                participant_ids=[person.pk for person in data["participants"]],
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if not is_htmx(request):
                messages.success(request, _("The contact moment has been recorded."))
                return redirect(_detail_url(view, "timeline"))
            saved, form = True, _contact_form(view)
    context = {"view": view, "case": view.case, "contact_form": form, "saved": saved}
    if is_htmx(request):
        response = render(request, "cases/case_contact_form.html", context)
        if saved:
            response["HX-Trigger"] = "timelineChanged"
        return response
    return render(request, "cases/case_contact.html", context)


# --- the plan -----------------------------------------------------------------------------------------


def _action_kwargs(view: CaseView, plan: Plan | None) -> dict[str, Any]:
    return {
        "goals": plan.goals.all() if plan else Goal.objects.none(),
        "assignees": selectors.assignee_choices(view.case),
        "persons": selectors.client_system_persons(view.case),
        "organisations": selectors.organisations_for(view.case),
    }


def _plan_context(request: HttpRequest, view: CaseView, **overrides: Any) -> dict[str, Any]:
    plan = overrides.pop("plan", None) or selectors.case_plan(view)
    editable = not view.case.is_closed
    goals = list(plan.goals.all()) if plan else []
    actions = list(plan.actions.all()) if plan else []
    context = {
        "view": view,
        "case": view.case,
        "plan": plan,
        "goals": goals,
        "actions": actions,
        "goal_rows": [(goal, [a for a in actions if a.goal_id == goal.pk]) for goal in goals],
        "loose_actions": [a for a in actions if a.goal_id is None],
        "versions": list(plan.versions.all()) if plan else [],
        "editable": editable,
        "today": timezone.localdate(),
        "may_agree": editable and selectors.may_direct(view, request.user),
        "directors": selectors.child_plan_directors(view),
        "summary_form": forms.PlanSummaryForm(
            initial={"summary": plan.summary if plan else "", "version": plan.version if plan else None}
        ),
        "agree_form": forms.PlanAgreeForm(initial={"version": plan.version if plan else None}),
        "goal_form": forms.GoalAddForm(life_domains=selectors.life_domains_for(view.case)),
        "action_form": forms.ActionForm(**_action_kwargs(view, plan)),
    }
    context.update(overrides)
    return context


def _plan_body(request: HttpRequest, view: CaseView, **overrides: Any) -> HttpResponse:
    """The goals and actions of the plan page, as the htmx partial that replaces them."""
    response = render(request, "cases/plan_edit.html#body", _plan_context(request, view, **overrides))
    response["HX-Retarget"] = "#plan-body"
    response["HX-Reswap"] = "outerHTML"
    return response


def _editable_plan(view: CaseView) -> None:
    if view.case.is_closed:
        raise PermissionDenied(_("This case is closed; its plan can no longer be changed."))


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    """The plan editor: what we want to achieve together, goals per life domain, actions, agreement."""
    view = _content(request, case_id)
    if request.method == "GET":
        if is_htmx(request):
            return _plan_body(request, view)
        return render(request, "cases/plan_edit.html", _plan_context(request, view))
    _editable_plan(view)
    form = forms.PlanSummaryForm(request.POST)
    conflict = None
    if form.is_valid():
        plan = services.plan_get_or_create(case=view.case, actor=request.user)
        # A plan created by this save starts at version 1; an empty version means "there was no plan yet".
        expected = form.cleaned_data["version"] or 1
        try:
            services.plan_update(
                plan=plan, expected_version=expected, summary=form.cleaned_data["summary"], actor=request.user
            )
        except services.ConflictError as exc:
            conflict = _conflict(
                exc, [(_("What we want to achieve together"), exc.current.summary, form.data["summary"])]
            )
            form = _rebind_with_version(forms.PlanSummaryForm, request, exc.current.version)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect(_plan_url(view))
    return render(
        request, "cases/plan_edit.html", _plan_context(request, view, summary_form=form, summary_conflict=conflict)
    )


@require_POST
def plan_agree(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record that the household agreed the plan on a date: a new version of the plan."""
    view = _directed(request, case_id)
    _editable_plan(view)
    form = forms.PlanAgreeForm(request.POST)
    plan = selectors.case_plan(view)
    if plan is None:
        messages.error(request, _("A plan needs at least one goal before the household can agree to it."))
        return redirect(_plan_url(view))
    if form.is_valid():
        try:
            plan = services.plan_agree(
                plan=plan,
                # As for the summary: an empty version means the page was loaded before the plan existed.
                expected_version=form.cleaned_data["version"] or 1,
                agreed_on=form.cleaned_data["agreed_on"],
                actor=request.user,
            )
        except services.ConflictError as exc:
            change = selectors.last_change(exc.current)
            messages.error(
                request,
                _("%(message)s Last saved by %(who)s. Check the plan below and record the agreement again.")
                % {"message": exc.message, "who": change.actor_repr if change else "?"},
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The plan has been agreed with the household (version %(version)s).") % {"version": plan.version},
            )
            return redirect(_plan_url(view))
        return redirect(_plan_url(view, "agree"))
    return render(request, "cases/plan_edit.html", _plan_context(request, view, agree_form=form))


@require_POST
def goal_add(request: HttpRequest, case_id: int) -> HttpResponse:
    view = _content(request, case_id)
    _editable_plan(view)
    form = forms.GoalAddForm(request.POST, life_domains=selectors.life_domains_for(view.case))
    if form.is_valid():
        plan = services.plan_get_or_create(case=view.case, actor=request.user)
        try:
            goal = services.goal_add(
                plan=plan,
                life_domain_code=form.cleaned_data["life_domain"].code,
                text=form.cleaned_data["text"],
                success_criterion=form.cleaned_data["success_criterion"],
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if is_htmx(request):
                return _plan_body(request, view, notice=_("The goal has been added."), notice_at="goal_add")
            messages.success(request, _("The goal has been added."))
            return redirect(_plan_url(view, f"goal-{goal.pk}"))
    if is_htmx(request):
        return _plan_body(request, view, goal_form=form)
    return render(request, "cases/plan_edit.html", _plan_context(request, view, goal_form=form))


def _goal_conflict_rows(current: Goal, form: Form) -> list[tuple[str, Any, Any]]:
    data = form.data
    return [
        (_("Goal, in the household's words"), current.text, data.get("text", "")),
        (_("How we know it is reached"), current.success_criterion, data.get("success_criterion", "")),
        (_("Status"), current.get_status_display(), _choice_label(Goal.Status, data.get("status", ""))),
    ]


@require_http_methods(["GET", "POST"])
def goal_update(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    """Edit a goal in place (htmx) or on its own page; a stale save shows the other person's change."""
    view = _content(request, case_id)
    goal = selectors.goal_get(view=view, goal_id=goal_id)
    form = forms.GoalEditForm(request.POST or None, goal=goal)
    conflict = None
    if request.method == "POST":
        _editable_plan(view)
        if form.is_valid():
            try:
                services.goal_update(
                    goal=goal,
                    expected_version=form.cleaned_data["version"] or 0,
                    text=form.cleaned_data["text"],
                    success_criterion=form.cleaned_data["success_criterion"],
                    status=form.cleaned_data["status"],
                    actor=request.user,
                )
            except services.ConflictError as exc:
                conflict = _conflict(exc, _goal_conflict_rows(exc.current, form))
                form = _rebind_with_version(forms.GoalEditForm, request, exc.current.version, goal=goal)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if is_htmx(request):
                    return _plan_body(request, view, notice=_("The goal has been saved."))
                messages.success(request, _("The goal has been saved."))
                return redirect(_plan_url(view, f"goal-{goal.pk}"))
    context = {
        "view": view,
        "case": view.case,
        "goal": goal,
        "form": form,
        "conflict": conflict,
        "inline": is_htmx(request),
    }
    template = "cases/plan_goal_form.html#form" if is_htmx(request) else "cases/plan_goal_form.html"
    return render(request, template, context)


@require_POST
def action_add(request: HttpRequest, case_id: int) -> HttpResponse:
    view = _content(request, case_id)
    _editable_plan(view)
    plan = selectors.case_plan(view)
    form = forms.ActionForm(request.POST, **_action_kwargs(view, plan))
    if form.is_valid():
        plan = plan or services.plan_get_or_create(case=view.case, actor=request.user)
        try:
            action = services.action_add(
                plan=plan, data=form.action_input(goal=form.cleaned_data.get("goal")), actor=request.user
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if is_htmx(request):
                return _plan_body(request, view, notice=_("The action has been added."), notice_at="action_add")
            messages.success(request, _("The action has been added."))
            return redirect(_plan_url(view, f"action-{action.pk}"))
    if is_htmx(request):
        return _plan_body(request, view, action_form=form)
    return render(request, "cases/plan_edit.html", _plan_context(request, view, action_form=form))


def _action_conflict_rows(current: Action, form: Form) -> list[tuple[str, Any, Any]]:
    data = form.data
    cleaned = getattr(form, "cleaned_data", {})
    yours_who = _choice_label(Action.Who, data.get("who_kind", ""))
    yours_name = cleaned.get("assignee") or cleaned.get("organisation") or cleaned.get("person") or data.get("who_name")
    theirs_name = current.assignee or current.organisation or current.person or current.who_name
    return [
        (_("What"), current.what, data.get("what", "")),
        (_("Who"), f"{current.get_who_kind_display()}: {theirs_name or '–'}", f"{yours_who}: {yours_name or '–'}"),
        (_("By when"), current.due_on, data.get("due_on", "")),
        (_("Status"), current.get_status_display(), _choice_label(Action.Status, data.get("status", ""))),
    ]


@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """Edit an action in place (htmx) or on its own page; a stale save shows the other person's change."""
    view = _content(request, case_id)
    action = selectors.action_get(view=view, action_id=action_id)
    kwargs = _action_kwargs(view, action.plan)
    form = forms.ActionForm(request.POST or None, action=action, **kwargs)
    conflict = None
    if request.method == "POST":
        _editable_plan(view)
        if form.is_valid():
            try:
                services.action_update(
                    action=action,
                    expected_version=form.cleaned_data["version"] or 0,
                    data=form.action_input(goal=form.cleaned_data.get("goal")),
                    status=form.cleaned_data["status"] or action.status,
                    actor=request.user,
                )
            except services.ConflictError as exc:
                current = selectors.action_get(view=view, action_id=action_id)
                conflict = _conflict(exc, _action_conflict_rows(current, form))
                form = _rebind_with_version(forms.ActionForm, request, current.version, action=current, **kwargs)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if is_htmx(request):
                    return _plan_body(request, view, notice=_("The action has been saved."))
                messages.success(request, _("The action has been saved."))
                return redirect(_plan_url(view, f"action-{action.pk}"))
    context = {
        "view": view,
        "case": view.case,
        "action": action,
        "form": form,
        "conflict": conflict,
        "inline": is_htmx(request),
    }
    template = "cases/plan_action_form.html#form" if is_htmx(request) else "cases/plan_action_form.html"
    return render(request, template, context)


@require_POST
def action_set_status(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """Tick off an action (or open it again)."""
    view = _content(request, case_id)
    action = selectors.action_get(view=view, action_id=action_id)
    form = forms.ActionStatusForm(request.POST)
    notice, problem = "", ""
    if form.is_valid():
        try:
            action = services.action_set_status(
                action=action,
                expected_version=form.cleaned_data["version"] or 0,
                status=form.cleaned_data["status"],
                actor=request.user,
            )
        except services.ConflictError as exc:
            change = selectors.last_change(exc.current)
            problem = _(
                "Someone else changed the action “%(what)s” in the meantime (%(who)s): it is now “%(status)s”. "
                "Check it and try again."
            ) % {
                "what": exc.current.what,
                "who": change.actor_repr if change else "?",
                "status": exc.current.get_status_display(),
            }
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            notice = _("“%(what)s” is now: %(status)s.") % {"what": action.what, "status": action.get_status_display()}
    else:
        problem = _("This change could not be saved; reload the page and try again.")
    if is_htmx(request):
        return _plan_body(request, view, notice=notice, problem=problem)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, notice)
    return redirect(_plan_url(view, f"action-{action.pk}"))


@require_GET
def plan_print(request: HttpRequest, case_id: int) -> HttpResponse:
    """The plan for the household, in plain language, for printing (logged as a print)."""
    _check_capability(request)
    printable = selectors.plan_for_print(user=request.user, case_id=case_id, request=request)
    plan = printable.plan
    goals = list(plan.goals.all()) if plan else []
    actions = [a for a in plan.actions.all() if a.status != Action.Status.CANCELLED] if plan else []
    return render(
        request,
        "cases/plan_print.html",
        {
            "view": printable.view,
            "case": printable.view.case,
            "plan": plan,
            "address": printable.address,
            "directors": printable.directors,
            "goals": [(goal, [a for a in actions if a.goal_id == goal.pk]) for goal in goals],
            "loose_actions": [a for a in actions if a.goal_id is None],
            "printed_on": timezone.localdate(),
        },
    )


@require_GET
def plan_version_detail(request: HttpRequest, case_id: int, version: int) -> HttpResponse:
    """One agreed version of the plan, as it was agreed."""
    view = _content(request, case_id)
    agreed = selectors.plan_version_get(view=view, version=version)
    domains = {domain.code: domain.name for domain in selectors.life_domains_for(view.case)}
    snapshot = agreed.snapshot
    goals = [
        {
            **goal,
            "domain_name": domains.get(goal.get("domain"), goal.get("domain")),
            "status_label": _choice_label(Goal.Status, goal.get("status", "")),
        }
        for goal in snapshot.get("goals", [])
    ]
    actions = [
        {
            **action,
            "who_label": _choice_label(Action.Who, action.get("who", "")),
            "status_label": _choice_label(Action.Status, action.get("status", "")),
        }
        for action in snapshot.get("actions", [])
    ]
    return render(
        request,
        "cases/plan_version.html",
        {
            "view": view,
            "case": view.case,
            "agreed": agreed,
            "summary": snapshot.get("summary", ""),
            "goals": goals,
            "actions": actions,
        },
    )


# --- case conference ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def conference_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record a case conference (MDO); up to three agreements become actions in the plan."""
    view = _content(request, case_id)
    if view.case.is_closed:
        messages.error(request, _("This case is closed."))
        return redirect(_detail_url(view))
    data = request.POST or None
    form = forms.ConferenceForm(data, participants=selectors.conference_participant_choices(view.case))
    action_kwargs = {
        "assignees": selectors.assignee_choices(view.case),
        "persons": selectors.client_system_persons(view.case),
        "organisations": selectors.organisations_for(view.case),
    }
    formset = forms.ConferenceActionFormSet(data, prefix="actions", form_kwargs=action_kwargs)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        new_actions = [f.action_input() for f in formset if f.has_changed() and f.is_filled()]
        try:
            services.conference_record(
                case=view.case,
                held_on=form.cleaned_data["held_on"],
                questions=form.cleaned_data["questions"],
                agreements=form.cleaned_data["agreements"],
                participant_ids=[user.pk for user in form.cleaned_data["participants"]],
                other_participants=form.cleaned_data["other_participants"],
                new_actions=new_actions,
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The case conference has been recorded.")
                + (" " + _("Its agreements are in the plan as actions.") if new_actions else ""),
            )
            return redirect(_detail_url(view, "conferences"))
    return render(
        request, "cases/case_conference.html", {"view": view, "case": view.case, "form": form, "formset": formset}
    )


# --- closing and light follow-up ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    """Close the case with its reason and result; optionally a light follow-up (check-in date)."""
    view = _directed(request, case_id)
    if view.case.is_closed:
        messages.info(request, _("This case is already closed."))
        return redirect(_detail_url(view))
    form = forms.CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_close(
                case=view.case,
                closed_on=data["closed_on"],
                reason=data["reason"],
                result=data["result"],
                note=data["note"],
                follow_up_on=data["follow_up_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The case has been closed."))
            return redirect(_detail_url(view))
    plan = selectors.case_plan(view)
    open_actions = [a for a in plan.actions.all() if a.status == Action.Status.OPEN] if plan else []
    return render(
        request,
        "cases/case_close.html",
        {"view": view, "case": view.case, "form": form, "open_actions": open_actions},
    )


@require_POST
def case_follow_up_done(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record that the light follow-up took place."""
    view = _directed(request, case_id)
    form = forms.FollowUpDoneForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.case_follow_up_done(case=view.case, note=note, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The light follow-up has been recorded as done."))
    return redirect(_detail_url(view))


# --- coordinator and involvements ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_coordinator_change(request: HttpRequest, case_id: int) -> HttpResponse:
    """Hand the case to another coordinator of its team, with the reason (coordinator or team lead)."""
    view = _case(request, case_id)
    if not selectors.may_direct(view, request.user):
        raise PermissionDenied(_("Only the coordinator or the team lead can do this."))
    candidates = selectors.coordinator_candidates(view.case)
    if view.case.coordinator_id:
        candidates = candidates.exclude(pk=view.case.coordinator_id)
    suggestions = selectors.coordinator_suggestions(view)
    # The best suggestion is offered, not imposed: it is preselected and can be changed.
    initial = {"coordinator": suggestions[0].candidate.user_id} if suggestions else {}
    form = forms.CoordinatorForm(request.POST or None, candidates=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_coordinator_change(
                case=view.case,
                to_user=form.cleaned_data["coordinator"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is now the coordinator of this case.") % {"name": form.cleaned_data["coordinator"]},
            )
            return redirect(_detail_url(view))
    return render(
        request,
        "cases/case_coordinator.html",
        {
            "view": view,
            "case": view.case,
            "form": form,
            "suggestions": suggestions,
            "changes": selectors.coordinator_changes(view.case),
        },
    )


@require_http_methods(["GET", "POST"])
def involvement_list(request: HttpRequest, case_id: int) -> HttpResponse:
    """Who is (and was) involved in the case; the coordinator and team lead add and end involvements."""
    view = _content(request, case_id)
    directs = selectors.may_direct(view, request.user)
    form = None
    if directs and not view.case.is_closed:
        form = forms.InvolvementForm(
            request.POST or None,
            candidates=selectors.involvement_candidates(view.case),
            organisations=selectors.organisations_for(view.case),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the coordinator or the team lead can do this."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.involvement_add(
                    case=view.case,
                    user=data["user"],
                    organisation=data["organisation"],
                    role=data["role"],
                    start_date=data["start_date"],
                    actor=request.user,
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("%(name)s is now involved in this case.") % {"name": data["user"]})
                return redirect(reverse("cases:involvement_list", args=[view.case.pk]))
    return render(
        request,
        "cases/case_involvements.html",
        {
            "view": view,
            "case": view.case,
            "involvements": list(selectors.involvements_for(view)),
            "today": timezone.localdate(),
            "form": form,
            "may_direct": directs,
            "end_form": forms.EndDateForm(),
        },
    )


@require_POST
def involvement_end(request: HttpRequest, case_id: int, involvement_id: int) -> HttpResponse:
    view = _directed(request, case_id)
    involvement = selectors.involvement_get(view=view, involvement_id=involvement_id)
    form = forms.EndDateForm(request.POST)
    if form.is_valid() and form.cleaned_data["end_date"] < involvement.start_date:
        messages.error(request, _("The end date cannot be before the start date."))
    elif form.is_valid():
        try:
            services.involvement_end(
                involvement=involvement, end_date=form.cleaned_data["end_date"], actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The involvement of %(name)s has been ended.") % {"name": involvement.user})
    else:
        messages.error(request, _("Give a valid end date."))
    return redirect(reverse("cases:involvement_list", args=[view.case.pk]))


# --- the restricted safety section ---------------------------------------------------------------------------


def _safety_context(section: selectors.SafetySection, **overrides: Any) -> dict[str, Any]:
    case = section.view.case
    context = {
        "view": section.view,
        "case": case,
        "assessment": section.assessment,
        "measures": section.measures,
        "today": timezone.localdate(),
        "form": forms.SafetyForm(assessment=section.assessment),
        "measure_form": forms.MeasureForm(
            children=selectors.client_system_persons(case, minors_only=True),
            institutions=selectors.youth_protection_institutions(case),
        ),
        "end_form": forms.EndDateForm(),
        "conflict": None,
    }
    context.update(overrides)
    return context


def _safety_conflict_rows(current: Any, form: forms.SafetyForm) -> list[tuple[str, Any, Any]]:
    rows = []
    for name in services.SafetyInput.__dataclass_fields__:
        field = form.fields[name]
        theirs = getattr(current, name)
        yours = form.data.get(name, "")
        if name == "decision":
            theirs, yours = current.get_decision_display(), _choice_label(current.Decision, yours)
        rows.append((str(field.label), theirs, yours))
    return rows


@require_http_methods(["GET", "POST"])
def safety_section(request: HttpRequest, case_id: int) -> HttpResponse:
    """The Meldcode steps of a case, for the coordinator, the team lead and the safety expert only."""
    _check_capability(request)
    section = selectors.safety_section_or_404(user=request.user, case_id=case_id, request=request)
    if request.method == "GET":
        return render(request, "cases/case_safety.html", _safety_context(section))
    form = forms.SafetyForm(request.POST, assessment=section.assessment)
    conflict = None
    if form.is_valid():
        try:
            services.safety_assessment_update(
                case=section.view.case,
                data=form.safety_input(),
                expected_updated_at=form.loaded_at_value(),
                actor=request.user,
            )
        except services.ConflictError as exc:
            conflict = _conflict(exc, _safety_conflict_rows(exc.current, form))
            data = request.POST.copy()
            data["loaded_at"] = exc.current.updated_at.isoformat()
            form = forms.SafetyForm(data, assessment=exc.current)
            form.is_valid()
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The safety assessment has been saved."))
            return redirect(reverse("cases:safety_section", args=[section.view.case.pk]))
    return render(request, "cases/case_safety.html", _safety_context(section, form=form, conflict=conflict))


@require_POST
def child_protection_measure_add(request: HttpRequest, case_id: int) -> HttpResponse:
    _check_capability(request)
    section = selectors.safety_section_or_404(user=request.user, case_id=case_id, request=request)
    case = section.view.case
    form = forms.MeasureForm(
        request.POST,
        children=selectors.client_system_persons(case, minors_only=True),
        institutions=selectors.youth_protection_institutions(case),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.child_protection_measure_add(
                case=case,
                child=data["child"],
                measure=data["measure"],
                institution=data["institution"],
                youth_protection_worker=data["youth_protection_worker"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The child-protection measure has been recorded."))
            return redirect(reverse("cases:safety_section", args=[case.pk]) + "#measures")
    return render(request, "cases/case_safety.html", _safety_context(section, measure_form=form))


@require_POST
def child_protection_measure_end(request: HttpRequest, case_id: int, measure_id: int) -> HttpResponse:
    _check_capability(request)
    section = selectors.safety_section_or_404(user=request.user, case_id=case_id, request=request)
    measure = selectors.protection_measure_get(view=section.view, measure_id=measure_id)
    form = forms.EndDateForm(request.POST)
    if form.is_valid():
        try:
            services.child_protection_measure_end(
                measure=measure, end_date=form.cleaned_data["end_date"], actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The end of the measure has been recorded."))
    else:
        messages.error(request, _("Give a valid end date."))
    return redirect(reverse("cases:safety_section", args=[section.view.case.pk]) + "#measures")
