"""The statuses of a decision and the changes between them. Pure, no ORM."""

from __future__ import annotations

REQUESTED, GRANTED, REJECTED, OBJECTION, ENDED, WITHDRAWN = (
    "requested",
    "granted",
    "rejected",
    "objection",
    "ended",
    "withdrawn",
)

TRANSITIONS: dict[str, frozenset[str]] = {
    REQUESTED: frozenset({GRANTED, REJECTED, WITHDRAWN}),
    GRANTED: frozenset({OBJECTION, ENDED, WITHDRAWN}),
    REJECTED: frozenset({OBJECTION}),
    # The decision on the objection grants or rejects (again).
    OBJECTION: frozenset({GRANTED, REJECTED, WITHDRAWN}),
    ENDED: frozenset(),
    WITHDRAWN: frozenset(),
}
# Statuses whose period costs money.
COSTING = frozenset({GRANTED, ENDED, OBJECTION})
# Statuses that need a decision date.
DECIDED = frozenset({GRANTED, REJECTED})


def may_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())
