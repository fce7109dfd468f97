"""Keeping the shipped reference data in the database."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wijkteam.reference import data


@transaction.atomic
def reference_data_sync(*, models: Any = None) -> dict[str, int]:
    """Create or update the shipped life domains, care levels and legal bases; returns counts.

    `models` lets a data migration pass its historical models; by default the current ones are used.
    Items an administrator added stay untouched.
    """
    if models is None:
        from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain
    else:
        LifeDomain, CareLevel, LegalBasis = models  # noqa: N806
    counts: dict[str, int] = {}
    for model, rows, key in (
        (LifeDomain, data.LIFE_DOMAINS, "code"),
        (CareLevel, data.CARE_LEVELS, "level"),
        (LegalBasis, data.LEGAL_BASES, "code"),
    ):
        for order, row in enumerate(rows, start=1):
            values = {k: v for k, v in row.items() if k != key}
            model.objects.update_or_create(**{key: row[key]}, defaults={**values, "order": order})
        counts[model.__name__] = len(rows)
    return counts
