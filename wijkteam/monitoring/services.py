"""Writes of monitoring: the learning-cycle reviews. Each in one transaction with its audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.models import User
from wijkteam.monitoring import metrics, suppression
from wijkteam.monitoring.models import CaseReflection, Improvement, Review
from wijkteam.teams.models import Team


def results_snapshot(*, team: Team, period_code: str, rules: suppression.Rules | None = None) -> list[dict[str, Any]]:
    """The protected figures of the team for the period, each with its target and whether it is met."""
    rules = rules or suppression.rules_from_settings()
    scope = metrics.Scope(period=suppression.whole_period(period_code), team=team, municipality=team.municipality)
    rows = []
    for figure in metrics.metric_values(scope, rules).values():
        rows.append(
            {
                "key": figure.key,
                "label": str(figure.label),
                "unit": figure.unit,
                "value": figure.value.display(),
                "target": f"{figure.target.get_comparison_display()} {figure.target.value}" if figure.target else "",
                "met": figure.met,
            }
        )
    return rows


@transaction.atomic
def review_create(*, team: Team, period: str, held_on: date, reflections: str = "", actor: User) -> Review:
    code = suppression.whole_period(period).code
    if Review.objects.filter(team=team, period=code).exists():
        raise ValidationError({"period": _("This team already has a review for this period.")})
    review = Review.objects.create(
        team=team,
        period=code,
        held_on=held_on,
        reflections=reflections,
        results=results_snapshot(team=team, period_code=code),
        created_by=actor,
    )
    audit.event_record(actor=actor, action="review.created", target=review, summary=f"{team.name} {code}")
    return review


@transaction.atomic
def review_update(*, review: Review, reflections: str, actor: User) -> Review:
    review.reflections = reflections
    review.save(update_fields=["reflections", "updated_at"])
    audit.event_record(actor=actor, action="review.updated", target=review, summary=review.period)
    return review


@transaction.atomic
def case_reflection_add(*, review: Review, went_well: str, got_stuck: str, lesson: str, actor: User) -> CaseReflection:
    if not (went_well.strip() or got_stuck.strip() or lesson.strip()):
        raise ValidationError(_("Write what went well, what got stuck or what you learn from it."))
    reflection = CaseReflection.objects.create(review=review, went_well=went_well, got_stuck=got_stuck, lesson=lesson)
    audit.event_record(actor=actor, action="review.case_reflection_added", target=review, summary=review.period)
    return reflection


@transaction.atomic
def improvement_add(*, review: Review, description: str, owner: User, due_on: date, actor: User) -> Improvement:
    improvement = Improvement.objects.create(review=review, description=description, owner=owner, due_on=due_on)
    audit.event_record(actor=actor, action="improvement.added", target=improvement, summary=description[:100])
    return improvement


@transaction.atomic
def improvement_follow_up(
    *, improvement: Improvement, review: Review, status: str, follow_up: str, actor: User
) -> Improvement:
    """Record at `review` (a later review of the same team) how an earlier improvement turned out."""
    if review.team_id != improvement.review.team_id or review.pk == improvement.review_id:
        raise ValidationError(_("An improvement is followed up at a later review of the same team."))
    if status not in Improvement.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    before = improvement.status
    improvement.status = status
    improvement.follow_up = follow_up
    improvement.followed_up_in = review
    improvement.save(update_fields=["status", "follow_up", "followed_up_in", "updated_at"])
    audit.event_record(
        actor=actor,
        action="improvement.followed_up",
        target=improvement,
        summary=f"{before} → {status}",
        details={"review": review.pk},
    )
    return improvement
