"""Pseudonymised case records for the data analyst (capability `view_pseudonymised`).

Pseudonymised data is still personal data: the analyst first records the legal basis and purpose (valid
for the working day, `PseudonymisedUse`), and every person whose record is shown or exported is logged
in the access log like any access, with that purpose and legal basis. The records hold no names,
addresses or BSN: a keyed hash of the BSN (`pseudonyms.pseudonym`, key `WIJKTEAM_PSEUDONYM_KEY`) to
link over periods, age band, district, life domains, care level and dates by month. Persons with a
restriction of processing in force are left out.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.access_log import access_record
from wijkteam.access.models import AccessAction, User
from wijkteam.cases import pseudonyms
from wijkteam.cases.models import Case, ClientSystemMember, PseudonymisedUse, SubjectRequest
from wijkteam.cases.selectors import household_addresses
from wijkteam.reference.models import LegalBasis

CAPABILITY = "view_pseudonymised"
USE_HOURS = 10
DATA_CATEGORY = "pseudonymised case records"
FIELDS = (
    "pseudonym",
    "age_band",
    "district",
    "life_domains",
    "care_level",
    "status",
    "result",
    "opened",
    "closed",
    "reentry",
)


def pseudonym_key() -> bytes:
    """The key of the keyed hash: its own setting, else derived from SECRET_KEY (never stored)."""
    if settings.WIJKTEAM_PSEUDONYM_KEY:
        return settings.WIJKTEAM_PSEUDONYM_KEY.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"wijkteam-pseudonym", hashlib.sha256).digest()


def _check(user: User) -> None:
    if not user.can(CAPABILITY):
        raise Http404


@transaction.atomic
def pseudonymised_use_record(*, user: User, legal_basis_code: str, purpose: str) -> PseudonymisedUse:
    """The analyst records the legal basis and purpose before seeing pseudonymised records."""
    _check(user)
    basis = LegalBasis.objects.filter(code=legal_basis_code, is_active=True).first()
    if basis is None:
        raise ValidationError({"legal_basis": _("Choose the legal basis.")})
    if len(purpose.strip()) < 10:
        raise ValidationError({"purpose": _("Describe the purpose (at least 10 characters).")})
    use = PseudonymisedUse.objects.create(
        user=user, legal_basis=basis, purpose=purpose.strip(), expires_at=timezone.now() + timedelta(hours=USE_HOURS)
    )
    audit.event_record(
        actor=user, action="pseudonymised_use.recorded", target=use, summary=use.purpose, details={"basis": basis.code}
    )
    return use


def pseudonymised_use_current(*, user: User) -> PseudonymisedUse | None:
    _check(user)
    return (
        PseudonymisedUse.objects.filter(user=user, expires_at__gt=timezone.now())
        .select_related("legal_basis")
        .order_by("-recorded_at")
        .first()
    )


@dataclass(frozen=True)
class PseudonymisedRecord:
    person_id: int  # internal: for the access log only, never shown or exported
    values: dict[str, Any]


def pseudonymised_records(
    *, user: User, use: PseudonymisedUse, limit: int | None = None, request: Any = None
) -> list[PseudonymisedRecord]:
    """One record per person per case (of the user's municipality's cases), newest first; logs every
    person returned. A constant number of queries."""
    _check(user)
    restricted = SubjectRequest.objects.filter(
        kind=SubjectRequest.Kind.RESTRICTION, status=SubjectRequest.Status.IN_FORCE
    ).values("person_ref")
    cases = (
        Case.objects.select_related("care_level")
        .prefetch_related(
            "help_request__life_domains",
            Prefetch(
                "client_system",
                queryset=ClientSystemMember.objects.exclude(person_id__in=restricted).select_related("person"),
            ),
        )
        .order_by("-opened_on", "-id")
    )
    key = pseudonym_key()
    records: list[PseudonymisedRecord] = []
    page = list(cases[:limit] if limit else cases)
    addresses = household_addresses([case.household_id for case in page])
    for case in page:
        address = addresses.get(case.household_id)
        district = address.neighbourhood.parent if address and address.neighbourhood else None
        domains = sorted(domain.code for domain in case.help_request.life_domains.all())
        for member in case.client_system.all():
            person = member.person
            records.append(
                PseudonymisedRecord(
                    person_id=person.pk,
                    values={
                        "pseudonym": pseudonyms.pseudonym(person.bsn, key=key)
                        or pseudonyms.pseudonym(f"internal:{person.pk}", key=key),
                        "age_band": pseudonyms.age_band(person.birth_date, case.opened_on),
                        "district": district.code if district else "",
                        "life_domains": domains,
                        "care_level": case.care_level.level if case.care_level else None,
                        "status": case.status,
                        "result": case.result,
                        "opened": pseudonyms.month_of(case.opened_on),
                        "closed": pseudonyms.month_of(case.closed_on),
                        "reentry": case.is_reentry,
                    },
                )
            )
    access_record(
        user=user,
        person_ids=[record.person_id for record in records],
        action=AccessAction.EXPORT if limit is None else AccessAction.LIST,
        purpose=use.purpose,
        legal_basis=use.legal_basis.abbreviation,
        data_category=DATA_CATEGORY,
        request=request,
    )
    return records
