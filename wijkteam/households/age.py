"""Age in whole years, and majority (meerderjarig at 18, as the Civil Code sets it)."""

from __future__ import annotations

from datetime import date

AGE_OF_MAJORITY = 18


def age_on(birth_date: date, on: date) -> int:
    """Completed years on `on`; someone born on 29 February turns a year older on 1 March."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


def is_minor_on(birth_date: date | None, on: date) -> bool | None:
    """True under 18, False from 18, None when the birth date is unknown."""
    if birth_date is None:
        return None
    return age_on(birth_date, on) < AGE_OF_MAJORITY
