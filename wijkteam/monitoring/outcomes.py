"""Outcome figures from the self-reliance assessments and the goal ratings (app `assessments`).

- **Change in self-reliance per domain**: for every closed case in the period, each person's series of
  scores per instrument and life domain (first to last assessment, `assessments.scoring.change_since_first`);
  a series with fewer than two scores has no change. Per domain: how many series improved, stayed the
  same or got worse (a protected, additive table), and the mean change (secret over few persons).
- **Share of closed cases improved** (`share_closed_improved`): of the closed cases with at least one
  change, those whose changes add up to more than 0.
- **Share of goals reached** (`share_goals_reached`): goals of the closed cases with status reached; beside
  it the **household's own rating** at the latest rating of each goal (`share_goals_reached_household`).

Two queries per figure set, never per case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wijkteam.assessments.models import DomainScore, GoalRating
from wijkteam.assessments.scoring import change_since_first
from wijkteam.cases.models import Goal
from wijkteam.monitoring import suppression
from wijkteam.monitoring.metrics import Scope, Table, closed_cases, counts_table
from wijkteam.monitoring.suppression import Protected, Rules
from wijkteam.reference.models import LifeDomain

SeriesKey = tuple[int, int, int, int]  # case, person, instrument, life domain


def series_changes(rows: Iterable[tuple[int, int, int, int, date, int, str]]) -> dict[SeriesKey, int]:
    """(case, person, instrument, domain, date, score, moment) rows → the change of each series with at
    least two scores (pure)."""
    series: dict[SeriesKey, list[tuple[date, int, str]]] = defaultdict(list)
    for case, person, instrument, domain, day, score, moment in rows:
        series[(case, person, instrument, domain)].append((day, score, moment))
    changes = {}
    for key, points in series.items():
        change = change_since_first(points)
        if change is not None:
            changes[key] = change.delta
    return changes


def improved_cases(changes: dict[SeriesKey, int]) -> tuple[int, int]:
    """(closed cases with a change, of which the changes add up to more than 0) (pure)."""
    totals: dict[int, int] = defaultdict(int)
    for (case, _person, _instrument, _domain), delta in changes.items():
        totals[case] += delta
    return len(totals), sum(1 for total in totals.values() if total > 0)


def _changes(scope: Scope) -> dict[SeriesKey, int]:
    rows = (
        DomainScore.objects.filter(assessment__case__in=closed_cases(scope).values("pk"))
        .order_by()
        .values_list(
            "assessment__case_id",
            "assessment__person_id",
            "assessment__instrument_id",
            "life_domain_id",
            "assessment__assessed_on",
            "score",
            "assessment__moment",
        )
    )
    return series_changes(rows)


def _household_reached(scope: Scope) -> tuple[int, int]:
    """(goals of closed cases with a rating, of which the household's latest rating is 'reached')."""
    latest: dict[int, tuple[date, int, str]] = {}
    ratings = GoalRating.objects.filter(goal__plan__case__in=closed_cases(scope).values("pk")).values_list(
        "goal_id", "rated_on", "pk", "household_rating"
    )
    for goal, rated_on, pk, rating in ratings:
        if goal not in latest or (rated_on, pk) > latest[goal][:2]:
            latest[goal] = (rated_on, pk, rating)
    return len(latest), sum(1 for _d, _pk, rating in latest.values() if rating == "reached")


def outcome_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    closed = closed_cases(scope).count()
    with_change, improved = improved_cases(_changes(scope))
    goals = Goal.objects.filter(plan__case__in=closed_cases(scope).values("pk")).aggregate(
        goals=Count("id"),
        reached=Count("id", filter=Q(status=Goal.Status.REACHED)),
        cases=Count("plan__case", distinct=True),
    )
    rated, household_reached = _household_reached(scope)
    goal_share = (
        suppression.SECRET_FIGURE
        if goals["cases"] < rules.threshold
        else suppression.share(goals["reached"], goals["goals"], rules)
    )
    return {
        "closed_cases": suppression.count(closed, rules),
        "share_closed_improved": suppression.share(improved, with_change, rules),
        "share_goals_reached": goal_share,
        "share_goals_reached_household": suppression.share(household_reached, rated, rules),
    }


def self_reliance_tables(scope: Scope, rules: Rules, user: Any = None) -> list[Table]:
    changes = _changes(scope)
    by_domain: dict[int, list[int]] = defaultdict(list)
    for (_case, _person, _instrument, domain), delta in changes.items():
        by_domain[domain].append(delta)
    domains = [d for d in LifeDomain.objects.order_by("order", "code") if d.pk in by_domain or d.is_active]
    counts = counts_table(
        key="self_reliance_change_by_domain",
        title=_("Change in self-reliance per domain (first to last assessment of closed cases)"),
        row_header=_("Life domain"),
        columns=[_("Improved"), _("Same"), _("Worse")],
        rows=[
            (
                d.name,
                [
                    sum(1 for x in by_domain.get(d.pk, []) if x > 0),
                    sum(1 for x in by_domain.get(d.pk, []) if x == 0),
                    sum(1 for x in by_domain.get(d.pk, []) if x < 0),
                ],
            )
            for d in domains
        ],
        rules=rules,
        note=_("Counted per person and domain with at least two scores."),
    )
    means = []
    for d in domains:
        deltas = by_domain.get(d.pk, [])
        mean = (Decimal(sum(deltas)) / len(deltas)).quantize(Decimal("0.1"), ROUND_HALF_UP) if deltas else None
        means.append((d.name, [suppression.statistic(mean, len(deltas), rules, places=1)], None))
    mean_table = Table(
        key="self_reliance_mean_change",
        title=_("Mean change in self-reliance per domain (score points)"),
        row_header=_("Life domain"),
        columns=[_("Mean change")],
        rows=means,
        note=_("Secret when fewer persons than the threshold were assessed twice in that domain."),
        unit="mean",
    )
    return [counts, mean_table]
