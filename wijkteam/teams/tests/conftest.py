"""Fixtures of the teams tests: the sample region registry and a fake case-count source."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from wijkteam.access.models import User
from wijkteam.teams import workload


@pytest.fixture
def regions(db: Any) -> None:
    from wijkteam.neighbourhoods.tests.factories import sample_regions_import

    sample_regions_import()


class FakeCases:
    """Stands in for the cases app: counts per user, and who helped which household.

    Like the real sources it runs exactly one query per call, so query-count tests stay honest.
    """

    def __init__(self) -> None:
        self.counts: dict[int, tuple[int, int]] = {}
        self.helped: dict[int, set[int]] = {}
        self.calls = 0

    def case_counts(self, team_id: int, user_ids: Any) -> dict[int, tuple[int, int]]:
        self.calls += 1
        present = set(User.objects.filter(pk__in=list(user_ids)).values_list("pk", flat=True))
        return {uid: self.counts[uid] for uid in present if uid in self.counts}

    def continuity(self, household_id: int, user_ids: Any) -> set[int]:
        present = set(User.objects.filter(pk__in=list(user_ids)).values_list("pk", flat=True))
        return self.helped.get(household_id, set()) & present


@pytest.fixture
def fake_cases() -> Iterator[FakeCases]:
    fake = FakeCases()
    previous = workload.case_count_source(), workload.continuity_source()
    workload.register_case_count_source(fake.case_counts)
    workload.register_continuity_source(fake.continuity)
    yield fake
    workload.register_case_count_source(previous[0])
    workload.register_continuity_source(previous[1])
