"""The assessments app's sections of the case page (registered in AssessmentsConfig.ready()):
self-reliance over time (chart and table) and the goals as the household and the worker rate them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from wijkteam.assessments import selectors
from wijkteam.assessments.models import Moment
from wijkteam.cases.models import Goal
from wijkteam.cases.sections import register_case_section


def _change_text(change: Any, moment_labels: dict[str, str]) -> str:
    sign = "+" if change.delta > 0 else ""
    return _("%(delta)s since %(moment)s") % {
        "delta": f"{sign}{change.delta}" if change.delta else "±0",
        "moment": moment_labels.get(change.first_moment, change.first_moment).lower(),
    }


def progress_context(request: HttpRequest, view: Any) -> dict[str, Any] | None:
    """Scores per adult and domain over time; left out when the team uses no instrument and none was used."""
    if not getattr(view, "has_content", False):
        return None
    progress = selectors.case_progress(view)
    setting = selectors.team_setting(team_id=view.case.team_id)
    if setting is None and not progress.persons:
        return None
    moments = dict(Moment.choices)
    instrument = progress.instrument or (setting.instrument if setting else None)
    persons = []
    for person in progress.persons:
        chart = {
            "values": person.points,
            "min": instrument.scale_min if instrument else 1,
            "max": instrument.scale_max if instrument else 5,
            "description": _("Self-reliance scores of %(name)s over time, per life domain.")
            % {"name": person.person.full_name},
            "dateTitle": _("Date"),
            "scoreTitle": _("Score"),
            "domainTitle": _("Life domain"),
            "momentTitle": _("Moment"),
        }
        domains = [
            {
                "domain": d.domain,
                "cells": [d.scores.get(a.pk) for a in person.assessments],
                "change": d.change,
                "change_text": _change_text(d.change, moments) if d.change else "",
            }
            for d in person.domains
        ]
        persons.append(
            {
                "person": person.person,
                "assessments": person.assessments,
                "domains": domains,
                "chart": chart,
                "chart_id": f"progress-data-{person.person.pk}",
            }
        )
    return {
        "case": view.case,
        "instrument": instrument,
        "labels": progress.labels,
        "persons": persons,
        "may_record": setting is not None,
    }


def goal_ratings_context(request: HttpRequest, view: Any) -> dict[str, Any] | None:
    """Each goal with its ratings by the household and the worker; left out when the plan has no goals."""
    if not getattr(view, "has_content", False):
        return None
    goals = list(Goal.objects.filter(plan__case=view.case).select_related("life_domain").order_by("order", "id"))
    if not goals:
        return None
    ratings = selectors.goal_ratings_by_goal(goals)
    return {
        "case": view.case,
        "goals": [{"goal": goal, "ratings": ratings.get(goal.pk, [])} for goal in goals],
    }


def register() -> None:
    register_case_section(
        key="assessments.progress", template="assessments/section_progress.html", context=progress_context, order=10
    )
    register_case_section(
        key="assessments.goal_ratings",
        template="assessments/section_goal_ratings.html",
        context=goal_ratings_context,
        order=20,
    )
