"""Pseudonymisation for the data analyst. Pure functions, no ORM.

Pseudonymised data is still personal data (GDPR recital 26): it is shown only to the data-analyst role
with a recorded legal basis, and every export is logged per person. A BSN becomes a keyed hash
(HMAC-SHA256 with `PSEUDONYM_KEY`, kept out of the database), so the same person links across periods
without the analyst learning the BSN; without the key the hash cannot be reversed by trying all BSNs.
Ages become bands and dates become months.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

AGE_BANDS = ((0, 11), (12, 17), (18, 26), (27, 44), (45, 64), (65, 74), (75, None))


def pseudonym(value: str | None, *, key: bytes) -> str:
    """A stable keyed hash of an identifier (a BSN); empty for a missing identifier."""
    if not value:
        return ""
    if not key:
        raise ValueError("a pseudonym key is required")
    return hmac.new(key, value.strip().encode(), hashlib.sha256).hexdigest()


def age_on(birth_date: date | None, on: date) -> int | None:
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: date | None, on: date) -> str:
    """The age band on a date, e.g. "18-26" or "75+"; "unknown" without a birth date."""
    age = age_on(birth_date, on)
    if age is None:
        return "unknown"
    for low, high in AGE_BANDS:
        if high is None:
            return f"{low}+"
        if low <= age <= high:
            return f"{low}-{high}"
    return "unknown"


def month_of(value: date | None) -> str:
    """A date reduced to its month, e.g. "2026-03"; empty without a date."""
    return f"{value:%Y-%m}" if value else ""
