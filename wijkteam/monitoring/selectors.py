"""Reads of monitoring: the filters (whole team, district and period only) and reviews."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from wijkteam.access.models import User
from wijkteam.core.periods import Period, parse_period
from wijkteam.monitoring import suppression
from wijkteam.monitoring.metrics import Scope
from wijkteam.neighbourhoods.models import Region
from wijkteam.teams import selectors as team_selectors
from wijkteam.teams.models import Team


def default_period() -> Period:
    """The current half year: the CBS reporting period."""
    today = timezone.localdate()
    return parse_period(f"{today.year}-H{1 if today.month <= 6 else 2}")


def municipality() -> Region | None:
    return team_selectors.default_municipality()


def team_choices(*, municipality: Region | None) -> QuerySet[Team]:
    teams = Team.objects.all()
    if municipality is not None:
        teams = teams.filter(municipality=municipality)
    return teams.order_by("name")


def district_choices(*, municipality: Region | None) -> QuerySet[Region]:
    if municipality is None:
        return Region.objects.none()
    return Region.objects.filter(municipality=municipality, level="district").order_by("code")


@dataclass(frozen=True)
class Filters:
    scope: Scope
    team_value: str
    district_value: str


def scope_from_query(
    query: Mapping[str, Sequence[str]], *, allowed: Sequence[str] = ("team", "district", "period")
) -> Scope:
    """Parse `team`, `district` (CBS code or id) and `period`; refuse anything else (FilterError)."""
    suppression.check_filter_names(query.keys(), allowed=allowed)
    values = suppression.single_values({k: list(v) for k, v in query.items()})
    period_value = values.get("period") or default_period().code
    period = suppression.whole_period(period_value)
    place = municipality()
    team = None
    if values.get("team"):
        teams = team_choices(municipality=place)
        raw = values["team"]
        team = teams.filter(pk=int(raw)).first() if raw.isdigit() else None
        if team is None:
            raise suppression.FilterError(f"unknown team {raw!r}")
    district = None
    if values.get("district"):
        raw = values["district"]
        districts = district_choices(municipality=place)
        district = (districts.filter(pk=int(raw)) if raw.isdigit() else districts.filter(code=raw.upper())).first()
        if district is None:
            raise suppression.FilterError(f"unknown district {raw!r}")
    return Scope(period=period, team=team, district=district, municipality=place)


def can_view_aggregates(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.can("view_aggregates"))


def require_aggregates(user: User) -> None:
    if not can_view_aggregates(user):
        raise Http404


# -------------------------------------------------------------------------------------------- reviews
def review_team_ids(*, user: User) -> set[int] | None:
    """Teams whose reviews the user may see and write: all for a policy advisor (None), led teams for a
    team lead; analysts see aggregates only, not the reviews' reflections."""
    if user.has_role("policy_advisor") and user.can("view_aggregates"):
        return None
    return team_selectors.team_ids_led_by(user=user)


def can_use_reviews(user: User) -> bool:
    ids = review_team_ids(user=user)
    return ids is None or bool(ids)


def review_teams(*, user: User) -> QuerySet[Team]:
    ids = review_team_ids(user=user)
    teams = team_choices(municipality=municipality())
    return teams if ids is None else teams.filter(pk__in=ids)


def review_list(*, user: User) -> QuerySet:
    from wijkteam.monitoring.models import Review

    ids = review_team_ids(user=user)
    reviews = Review.objects.select_related("team").order_by("team__name", "-held_on", "-pk")
    return reviews if ids is None else reviews.filter(team_id__in=ids)


def review_get(*, user: User, pk: int) -> Any:
    review = review_list(user=user).filter(pk=pk).first()
    if review is None:
        raise Http404
    return review


def previous_review(review: Any) -> Any:
    from wijkteam.monitoring.models import Review

    return (
        Review.objects.filter(team_id=review.team_id, held_on__lte=review.held_on)
        .exclude(pk=review.pk)
        .order_by("-held_on", "-pk")
        .first()
    )
