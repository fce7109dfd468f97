"""Home panels and menu items of the front door (registered in CasesConfig.ready()).

"Mijn werk" for workers (counts linking to their lists, and the first actions due); "Mijn acties" for
volunteers; menu items for intake, signals, search and the volunteer's actions.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkteam.cases import selectors
from wijkteam.cases.views_intake import case_list_url, case_url
from wijkteam.core.home import register_panel
from wijkteam.core.navigation import register_nav_item

PANEL_ACTIONS = 10
VOLUNTEER_PANEL_ACTIONS = 3


def work_context(request: HttpRequest) -> dict[str, Any]:
    """Counts for the worker's start page and their first actions due (constant number of queries)."""
    user = request.user
    counts = selectors.worker_home(user=user)
    actions = list(selectors.my_actions(user=user)[:PANEL_ACTIONS])
    selectors.cases_log_listed(
        user=user, cases=list({a.plan.case_id: a.plan.case for a in actions}.values()), request=request
    )
    for action in actions:
        action.case_url = case_url(action.plan.case_id)
    home_cases = reverse("cases:home_case_list")
    my_actions = reverse("cases:my_actions")
    return {
        "work": counts,
        "work_actions": actions,
        "work_links": {
            "my_cases": case_list_url(scope="mine", status="open"),
            "due_today": f"{my_actions}?due=today",
            "overdue": f"{my_actions}?due=overdue",
            "signals": reverse("cases:signal_list") + "?status=new",
            "follow_ups": f"{home_cases}?lijst=waakvlam",
            "waiting": f"{home_cases}?lijst=zonder-regisseur",
        },
        "may_register": user.can("register_intake"),
    }


def volunteer_context(request: HttpRequest) -> dict[str, Any]:
    actions = selectors.actions_for_volunteer(user=request.user).exclude(plan__case__status="closed")
    open_actions = list(actions.filter(status="open"))
    return {"volunteer_open": len(open_actions), "volunteer_next": open_actions[:VOLUNTEER_PANEL_ACTIONS]}


def register() -> None:
    register_panel(
        key="my_work",
        template="cases/home_panel_work.html",
        capabilities=["view_case_content"],
        order=10,
        context=work_context,
    )
    register_panel(
        key="volunteer_actions",
        template="cases/volunteer_panel.html",
        capabilities=["view_assigned_actions"],
        order=10,
        context=volunteer_context,
    )
    register_nav_item(
        key="intake",
        label=pgettext_lazy("menu", "Intake"),
        url_name="cases:intake_start",
        app_name="cases",
        capabilities=["register_intake"],
        order=210,
        current_for=[
            "cases:intake_start",
            "cases:intake_household_new",
            "cases:intake_help_request",
            "cases:short_contact_register",
        ],
    )
    register_nav_item(
        key="signals",
        label=_("Signals"),
        url_name="cases:signal_list",
        app_name="cases",
        capabilities=["register_intake"],
        order=220,
        current_for=["cases:signal_list", "cases:signal_register", "cases:signal_detail"],
    )
    register_nav_item(
        key="search",
        label=_("Search"),
        url_name="cases:person_search",
        app_name="cases",
        capabilities=["view_case_content"],
        order=230,
        current_for=["cases:person_search"],
    )
    register_nav_item(
        key="volunteer_actions",
        label=_("My actions"),
        url_name="cases:my_actions",
        app_name="cases",
        capabilities=["view_assigned_actions"],
        order=240,
        current_for=["cases:my_actions"],
    )
