"""Factories of the provisions app: catalogue options, a Wmo consultant with content access."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wijkteam.access.models import User
from wijkteam.cases import services as case_services
from wijkteam.cases.models import Case
from wijkteam.cases.tests.factories import Scenario, member_create
from wijkteam.households.tests.factories import municipality
from wijkteam.provisions import services
from wijkteam.provisions.models import CatalogueOption
from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain


def option_create(name: str, level: int, basis: str | None = None, **values: Any) -> CatalogueOption:
    domains = values.pop("domains", [])
    data = {
        "name": name,
        "care_level": CareLevel.objects.get(level=level),
        "legal_basis": LegalBasis.objects.get(code=basis) if basis else None,
        "unit": values.pop("unit", "hour"),
        "tariff": Decimal(values.pop("tariff", "60.00")),
        "budget_function": values.pop("budget_function", "6.71" if basis else "6.1"),
        "life_domains": list(LifeDomain.objects.filter(code__in=domains)),
        **values,
    }
    return services.catalogue_option_create(municipality=municipality(), data=data, actor=None)


def wmo_consultant_create(s: Scenario, case: Case | None = None, username: str = "sevda") -> User:
    """A Wmo consultant of team A, involved in the case so she sees its content."""
    user = member_create(s.team_a, "wmo_consultant", s.social_work, "wmo_consultant", username=username)
    case_services.involvement_add(
        case=case or s.case_a, user=user, organisation=s.social_work, role="wmo_consultant", actor=s.coordinator
    )
    return user
