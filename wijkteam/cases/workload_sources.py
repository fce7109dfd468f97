"""What the teams app counts from case files: caseload per member and continuity with a household.

Registered with `wijkteam.teams.workload` in CasesConfig.ready(); teams may not import cases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from wijkteam.access.models import User
from wijkteam.cases.models import Case, CoordinatorChange, Involvement
from wijkteam.teams import workload


def case_counts(team_id: int, user_ids: Sequence[int]) -> Mapping[int, tuple[int, int]]:
    """Open cases each user coordinates in the team, and their running involvements in open cases (one query)."""
    today = timezone.localdate()
    rows = (
        User.objects.filter(pk__in=list(user_ids))
        .annotate(
            coordinating=Count(
                "coordinated_cases",
                filter=Q(coordinated_cases__team_id=team_id) & ~Q(coordinated_cases__status="closed"),
                distinct=True,
            ),
            involved=Count(
                "involvements",
                filter=(Q(involvements__end_date__isnull=True) | Q(involvements__end_date__gte=today))
                & ~Q(involvements__case__status="closed"),
                distinct=True,
            ),
        )
        .values_list("pk", "coordinating", "involved")
    )
    return {pk: (coordinating, involved) for pk, coordinating, involved in rows}


def helped_before(household_id: int, user_ids: Sequence[int]) -> set[int]:
    """Users who coordinated, were coordinator of, or were involved in a case of this household (one query)."""
    cases = Case.objects.filter(household_id=household_id)
    return set(
        User.objects.filter(pk__in=list(user_ids))
        .filter(
            Exists(cases.filter(coordinator_id=OuterRef("pk")))
            | Exists(Involvement.objects.filter(case__household_id=household_id, user_id=OuterRef("pk")))
            | Exists(CoordinatorChange.objects.filter(case__household_id=household_id, to_user_id=OuterRef("pk")))
        )
        .values_list("pk", flat=True)
    )


def register() -> None:
    workload.register_case_count_source(case_counts)
    workload.register_continuity_source(helped_before)
