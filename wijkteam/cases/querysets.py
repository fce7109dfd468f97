"""Chainable filters for cases (no permissions here: see need_to_know.py)."""

from __future__ import annotations

from datetime import date

from django.db import models


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        return self.exclude(status="closed")

    def closed(self) -> CaseQuerySet:
        return self.filter(status="closed")

    def of_team(self, team_id: int) -> CaseQuerySet:
        return self.filter(team_id=team_id)

    def coordinated_by(self, user_id: int) -> CaseQuerySet:
        return self.filter(coordinator_id=user_id)

    def follow_up_due(self, on: date) -> CaseQuerySet:
        return self.filter(status="closed", follow_up_on__isnull=False, follow_up_on__lte=on)
