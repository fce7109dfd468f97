"""The provisions' objects whose audit events belong to a case (registered in ProvisionsConfig.ready()).
Step changes are recorded on the case itself."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkteam.cases.audit_trail import register_audit_targets
from wijkteam.cases.models import Case
from wijkteam.provisions.models import Decision, FrontlinePayment, StepChange


def case_audit_targets(case: Case) -> list[tuple[str, QuerySet]]:
    return [
        ("provisions.stepchange", StepChange.objects.filter(case=case)),
        ("provisions.decision", Decision.objects.filter(case=case)),
        ("provisions.frontlinepayment", FrontlinePayment.objects.filter(case=case)),
    ]


def register() -> None:
    register_audit_targets(case_audit_targets)
