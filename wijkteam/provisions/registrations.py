"""Hooks into the registries of core and cases (called from ProvisionsConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.cases.sections import register_case_section
from wijkteam.cases.timeline import TimelineItem, register_timeline_source
from wijkteam.core.navigation import register_nav_item


def _step_changes(view: Any, user: Any) -> list[TimelineItem]:
    from wijkteam.provisions.selectors import step_changes_for_case

    if not view.has_content:
        return []
    items = []
    for change in step_changes_for_case(view.case):
        level_from = change.from_level.level if change.from_level else "–"
        text = change.reason
        if change.has_evaluation:
            text = _("Tried: %(tried)s (%(duration)s). Result: %(result)s. Not enough because: %(why)s") % {
                "tried": change.tried,
                "duration": change.duration,
                "result": change.result,
                "why": change.why_insufficient,
            }
        items.append(
            TimelineItem(
                when=change.decided_on,
                kind="step_change",
                title=_("Care level %(from)s → %(to)s (%(route)s)")
                % {"from": level_from, "to": change.to_level.level, "route": change.get_route_display()},
                text=text,
                who=str(change.actor),
                recorded_at=change.created_at,
            )
        )
    return items


def _decisions(view: Any, user: Any) -> list[TimelineItem]:
    from wijkteam.provisions.selectors import decisions_for_case

    if not view.has_content:
        return []
    return [
        TimelineItem(
            when=d.decided_on or d.period_start,
            kind="decision",
            title=_("Decision: %(provision)s (%(status)s)")
            % {"provision": d.option.name, "status": d.get_status_display()},
            text=f"{d.person.full_name} · {d.legal_basis.abbreviation if d.legal_basis else ''}",
            who=str(d.recorded_by),
            recorded_at=d.created_at,
        )
        for d in decisions_for_case(view.case).select_related("recorded_by")
    ]


def register() -> None:
    from wijkteam.provisions.section import section_context

    register_case_section(
        key="provisions_care_level",
        template="provisions/case_section.html",
        context=section_context,
        place="main",
        order=50,
    )
    register_timeline_source("step_changes", _step_changes)
    register_timeline_source("decisions", _decisions)
    register_nav_item(
        key="catalogue",
        label=gettext_lazy("Catalogue"),
        url_name="provisions:catalogue_list",
        app_name="provisions",
        capabilities=["manage_reference_data", "view_case_content"],
        order=320,
        current_for=["provisions:catalogue_list", "provisions:catalogue_create", "provisions:catalogue_update"],
    )
    register_nav_item(
        key="lawfulness",
        label=gettext_lazy("Lawfulness"),
        url_name="provisions:lawfulness",
        app_name="provisions:lawfulness",
        capabilities=["record_decisions", "lead_team"],
        order=330,
        current_for=["provisions:lawfulness"],
    )
    register_nav_item(
        key="expenditure",
        label=gettext_lazy("Expenditure"),
        url_name="provisions:expenditure",
        app_name="provisions:expenditure",
        capabilities=["record_decisions", "lead_team", "view_aggregates"],
        order=340,
        current_for=["provisions:expenditure"],
    )
