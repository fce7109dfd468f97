"""Timeline sources of the assessments app (registered in AssessmentsConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wijkteam.assessments.models import Assessment, GoalRating
from wijkteam.cases.timeline import TimelineItem, register_timeline_source


def _assessments(view: Any, user: Any) -> list[TimelineItem]:
    if not view.has_content:
        return []
    rows = (
        Assessment.objects.filter(case=view.case)
        .select_related("person", "instrument", "assessed_by")
        .prefetch_related("scores__life_domain")
    )
    return [
        TimelineItem(
            when=a.assessed_on,
            kind="assessment",
            title=_("Self-reliance assessed (%(moment)s): %(name)s")
            % {"moment": a.get_moment_display().lower(), "name": a.person.full_name},
            text=", ".join(f"{s.life_domain.name} {s.score}" for s in a.scores.all()),
            who=str(a.assessed_by),
            recorded_at=a.created_at,
        )
        for a in rows
    ]


def _goal_ratings(view: Any, user: Any) -> list[TimelineItem]:
    if not view.has_content:
        return []
    rows = GoalRating.objects.filter(goal__plan__case=view.case).select_related("goal", "recorded_by")
    return [
        TimelineItem(
            when=r.rated_on,
            kind="goal_rating",
            title=_("Goal rated (%(moment)s): %(goal)s")
            % {"moment": r.get_moment_display().lower(), "goal": r.goal.text},
            text=_("Household: %(household)s; worker: %(worker)s.")
            % {"household": r.get_household_rating_display().lower(), "worker": r.get_worker_rating_display().lower()}
            + (f" “{r.household_words}”" if r.household_words else ""),
            who=str(r.recorded_by),
            recorded_at=r.created_at,
        )
        for r in rows
    ]


def register() -> None:
    register_timeline_source("assessments.assessments", _assessments)
    register_timeline_source("assessments.goal_ratings", _goal_ratings)
