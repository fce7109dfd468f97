"""The case file's own timeline sources (registered in CasesConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wijkteam.cases.models import CaseConference, CoordinatorChange, PlanVersion
from wijkteam.cases.selectors import contact_moments_for
from wijkteam.cases.timeline import TimelineItem, register_timeline_source


def _opening(view: Any, user: Any) -> list[TimelineItem]:
    case = view.case
    items = [
        TimelineItem(
            when=case.opened_on,
            kind="case_opened",
            title=_("Case opened") + (f" ({_('re-entry')})" if case.is_reentry else ""),
            text=case.help_request.words if view.has_content else "",
            recorded_at=case.created_at,
        )
    ]
    if case.closed_on:
        items.append(
            TimelineItem(
                when=case.closed_on,
                kind="case_closed",
                title=_("Case closed: %(reason)s") % {"reason": case.get_closing_reason_display()},
                text=case.closing_note if view.has_content else "",
                recorded_at=case.updated_at,
            )
        )
    return items


def _contact_moments(view: Any, user: Any) -> list[TimelineItem]:
    return [
        TimelineItem(
            when=m.occurred_on,
            kind="contact_moment",
            title=m.get_kind_display(),
            text=m.note,
            who=f"{m.author} ({m.author_organisation})",
            recorded_at=m.created_at,
        )
        for m in contact_moments_for(view, user)
    ]


def _plan_versions(view: Any, user: Any) -> list[TimelineItem]:
    if not view.has_content:
        return []
    return [
        TimelineItem(
            when=v.agreed_on,
            kind="plan_version",
            title=_("Plan agreed with the household (version %(version)s)") % {"version": v.version},
            text=", ".join(goal["text"] for goal in v.snapshot.get("goals", [])),
            who=str(v.created_by),
            recorded_at=v.created_at,
        )
        for v in PlanVersion.objects.filter(plan__case=view.case).select_related("created_by")
    ]


def _coordinator_changes(view: Any, user: Any) -> list[TimelineItem]:
    return [
        TimelineItem(
            when=c.changed_at,
            kind="coordinator_change",
            title=_("Coordinator: %(name)s") % {"name": c.to_user},
            text=c.reason if view.has_content else "",
            who=str(c.changed_by),
        )
        for c in CoordinatorChange.objects.filter(case=view.case).select_related("to_user", "changed_by")
    ]


def _conferences(view: Any, user: Any) -> list[TimelineItem]:
    if not view.has_content:
        return []
    return [
        TimelineItem(
            when=c.held_on,
            kind="case_conference",
            title=_("Case conference"),
            text=c.agreements or c.questions,
            who=str(c.recorded_by),
            recorded_at=c.created_at,
        )
        for c in CaseConference.objects.filter(case=view.case).select_related("recorded_by")
    ]


def register() -> None:
    register_timeline_source("cases.opening", _opening)
    register_timeline_source("cases.contact_moments", _contact_moments)
    register_timeline_source("cases.plan_versions", _plan_versions)
    register_timeline_source("cases.coordinator_changes", _coordinator_changes)
    register_timeline_source("cases.conferences", _conferences)
