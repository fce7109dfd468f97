"""Where case counts and continuity come from: a registry the cases app fills.

The teams app may not import `cases` (cases imports teams), yet caseload and the coordinator suggestion
need to know how many cases each member carries and who helped a household before. So `cases` registers
two functions in its `AppConfig.ready()`:

- `register_case_count_source(fn)`: `fn(team_id, user_ids)` returns
  `{user_id: (coordinator_count, involvement_count)}` for the team's open cases, in ONE query; users
  without cases may be left out.
- `register_continuity_source(fn)`: `fn(household_id, user_ids)` returns the set of those users who
  helped the household before (as coordinator or involved worker), in ONE query.

Until a source is registered, every count is 0 and nobody "helped before"; pages say that case counts
come from the case files (`case_counts_available()`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

CaseCountSource = Callable[[int, Sequence[int]], Mapping[int, tuple[int, int]]]
ContinuitySource = Callable[[int, Sequence[int]], set[int]]

_sources: dict[str, Callable | None] = {"case_counts": None, "continuity": None}


def register_case_count_source(fn: CaseCountSource | None) -> None:
    """Set the function that counts cases per member (None removes it)."""
    _sources["case_counts"] = fn


def register_continuity_source(fn: ContinuitySource | None) -> None:
    """Set the function that tells who helped a household before (None removes it)."""
    _sources["continuity"] = fn


def case_count_source() -> CaseCountSource | None:
    return _sources["case_counts"]


def continuity_source() -> ContinuitySource | None:
    return _sources["continuity"]


def case_counts_available() -> bool:
    return _sources["case_counts"] is not None


def continuity_available() -> bool:
    return _sources["continuity"] is not None


def case_counts(team_id: int, user_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(coordinator cases, involvements) for each user; (0, 0) when unknown or without a source."""
    ids = sorted(set(user_ids))
    counts = dict.fromkeys(ids, (0, 0))
    source = case_count_source()
    if source is None or not ids:
        return counts
    for user_id, (coordinator, involvements) in source(team_id, ids).items():
        if user_id in counts:
            counts[user_id] = (int(coordinator), int(involvements))
    return counts


def helped_before(household_id: int | None, user_ids: Sequence[int]) -> set[int]:
    """Which of these users helped the household before; empty without a household or a source."""
    ids = sorted(set(user_ids))
    source = continuity_source()
    if source is None or household_id is None or not ids:
        return set()
    return set(source(household_id, ids)) & set(ids)
