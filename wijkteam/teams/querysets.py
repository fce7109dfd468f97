"""Chainable filters for teams and memberships (no permissions here)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone


class MembershipQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> MembershipQuerySet:
        """Memberships running on `on` (default: today)."""
        day = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)

    def of_user(self, user_id: int) -> MembershipQuerySet:
        return self.filter(user_id=user_id)


class TeamQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> TeamQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)

    def of_user(self, user_id: int, on: date | None = None) -> TeamQuerySet:
        """Teams in which the user has a running membership."""
        day = on or timezone.localdate()
        return self.filter(
            Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=day),
            memberships__user_id=user_id,
            memberships__start_date__lte=day,
        ).distinct()
