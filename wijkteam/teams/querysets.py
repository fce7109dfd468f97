"""Chainable filters for teams, memberships, affiliations and initiatives (no permissions here)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone


def _running(day: date | None, prefix: str = "") -> Q:
    """Rows whose [start_date, end_date] period includes `day` (default: today)."""
    day = day or timezone.localdate()
    return (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})) & Q(
        **{f"{prefix}start_date__lte": day}
    )


class MembershipQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> MembershipQuerySet:
        """Memberships running on `on` (default: today)."""
        return self.filter(_running(on))

    def of_user(self, user_id: int) -> MembershipQuerySet:
        return self.filter(user_id=user_id)

    def of_team(self, team_id: int) -> MembershipQuerySet:
        return self.filter(team_id=team_id)

    def leading(self) -> MembershipQuerySet:
        """Team-lead memberships."""
        return self.filter(kind="team_lead")


class AffiliationQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> AffiliationQuerySet:
        """Affiliations running on `on` (default: today)."""
        return self.filter(_running(on))

    def of_user(self, user_id: int) -> AffiliationQuerySet:
        return self.filter(user_id=user_id)


class TeamQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> TeamQuerySet:
        return self.filter(_running(on))

    def in_municipality(self, municipality_id: int) -> TeamQuerySet:
        return self.filter(municipality_id=municipality_id)

    def of_user(self, user_id: int, on: date | None = None) -> TeamQuerySet:
        """Teams in which the user has a running membership."""
        return self.filter(_running(on, "memberships__"), memberships__user_id=user_id).distinct()

    def led_by(self, user_id: int, on: date | None = None) -> TeamQuerySet:
        """Teams in which the user has a running team-lead membership."""
        return self.filter(
            _running(on, "memberships__"), memberships__user_id=user_id, memberships__kind="team_lead"
        ).distinct()


class InitiativeQuerySet(models.QuerySet):
    def active(self) -> InitiativeQuerySet:
        return self.filter(is_active=True)

    def in_district(self, code: str) -> InitiativeQuerySet:
        return self.filter(district__code=code)

    def in_municipality(self, municipality_id: int) -> InitiativeQuerySet:
        return self.filter(district__municipality_id=municipality_id)

    def helping_with(self, life_domain_code: str) -> InitiativeQuerySet:
        return self.filter(life_domains__code=life_domain_code).distinct()

    def at_care_level(self, level: int) -> InitiativeQuerySet:
        return self.filter(care_level__level=level)
