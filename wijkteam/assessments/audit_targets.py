"""The assessments' objects whose audit events belong to a case (registered in AssessmentsConfig.ready())."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkteam.assessments.models import Assessment, GoalRating
from wijkteam.cases.audit_trail import register_audit_targets
from wijkteam.cases.models import Case


def case_audit_targets(case: Case) -> list[tuple[str, QuerySet]]:
    return [
        ("assessments.assessment", Assessment.objects.filter(case=case)),
        ("assessments.goalrating", GoalRating.objects.filter(goal__plan__case=case)),
    ]


def register() -> None:
    register_audit_targets(case_audit_targets)
