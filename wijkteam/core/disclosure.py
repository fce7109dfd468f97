"""Small-number protection of aggregate counts of persons (statistical disclosure control), pure.

Aggregates of persons leave the case file only protected: a count below the threshold is secret (shown as
"." — as CBS does), every other count is rounded to the nearest multiple of the rounding base, so that
differences between two published tables cannot reveal a small group either. Defaults: threshold 8,
rounding 5; settings `WIJKTEAM_DISCLOSURE_THRESHOLD` and `WIJKTEAM_DISCLOSURE_ROUNDING` change them.

A pure function in `core` (no ORM, no domain app), so that every read-side app can use it; rates derived
from a protected count are computed from the rounded count and are None when the count is secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

SUPPRESSED = "."  # CBS shows a secret figure as a full stop
DEFAULT_THRESHOLD = 8
DEFAULT_ROUNDING = 5


@dataclass(frozen=True)
class Rule:
    threshold: int = DEFAULT_THRESHOLD
    rounding: int = DEFAULT_ROUNDING

    def __post_init__(self) -> None:
        if self.threshold < 0 or self.rounding < 1:
            raise ValueError("threshold must be ≥ 0 and rounding ≥ 1")


def rule_from_settings() -> Rule:
    return Rule(
        int(getattr(settings, "WIJKTEAM_DISCLOSURE_THRESHOLD", DEFAULT_THRESHOLD)),
        int(getattr(settings, "WIJKTEAM_DISCLOSURE_ROUNDING", DEFAULT_ROUNDING)),
    )


def protect(count: int, rule: Rule | None = None) -> int | None:
    """The publishable value of a count of persons: None (secret) below the threshold, else the count
    rounded half-up to a multiple of the rounding base (a count above 0 never shows as 0)."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    rule = rule or rule_from_settings()
    if count < rule.threshold:
        return None
    rounded = round_to(count, rule.rounding)
    return rule.rounding if count and not rounded else rounded


def round_to(n: int, multiple: int) -> int:
    """Round a non-negative count to the nearest multiple, halves up (12 → 10, 13 → 15 for 5)."""
    if n < 0:
        raise ValueError("counts cannot be negative")
    return int((Decimal(n) / multiple).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * multiple


def display(count: int, rule: Rule | None = None) -> str:
    """The count as shown in a table: "." when secret, else the protected number."""
    value = protect(count, rule)
    return SUPPRESSED if value is None else str(value)
