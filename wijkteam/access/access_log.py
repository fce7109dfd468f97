"""Recording access to person-level data (NEN 7513). Called by the access-checked selectors.

One entry per person concerned, written in the caller's transaction together with one link of the
tamper-evident chain (`chain.py`). Entries of one request share a `request_id`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, NamedTuple

from wijkteam.access.chain import chain_append
from wijkteam.access.models import AccessLogEntry, User

_REQUEST_ID_ATTR = "_wijkteam_request_id"


def request_id_for(request: Any) -> uuid.UUID:
    """A stable id for the current request (or a fresh one outside a request)."""
    if request is None:
        return uuid.uuid4()
    if not hasattr(request, _REQUEST_ID_ATTR):
        setattr(request, _REQUEST_ID_ATTR, uuid.uuid4())
    return getattr(request, _REQUEST_ID_ATTR)


def access_record(
    *,
    user: User,
    person_ids: Iterable[int],
    action: str,
    purpose: str,
    data_category: str = "",
    legal_basis: str = "",
    role: str = "",
    organisation: str = "",
    emergency: bool = False,
    result: str = "granted",
    request: Any = None,
) -> list[AccessLogEntry]:
    """Log that `user` accessed these persons' data; returns the entries written (bulk, one query)."""
    ids = sorted(set(person_ids))
    if not ids:
        return []
    source_ip = request.META.get("REMOTE_ADDR") if request is not None else None
    rid = request_id_for(request)
    role = role or ",".join(sorted(user.role_codes))
    entries = [
        AccessLogEntry(
            request_id=rid,
            user=user,
            user_repr=str(user),
            role=role[:40],
            organisation=organisation[:200],
            person_id=person_id,
            action=action,
            data_category=data_category,
            purpose=purpose[:200],
            legal_basis=legal_basis[:200],
            emergency=emergency,
            result=result,
            source_ip=source_ip,
        )
        for person_id in ids
    ]
    return chain_append(entries)


class AccessRow(NamedTuple):
    """One person read, with what this read of them rests on (for `access_record_rows`)."""

    person_id: int
    action: str
    legal_basis: str = ""
    emergency: bool = False


def access_record_rows(
    *,
    user: User,
    rows: Iterable[AccessRow],
    purpose: str,
    data_category: str = "",
    organisation: str = "",
    request: Any = None,
) -> list[AccessLogEntry]:
    """Like `access_record`, for reads whose action, legal basis or emergency flag differ per person
    (e.g. a list spanning several cases); one entry per distinct row, one link, one insert."""
    unique = sorted(set(rows))
    if not unique:
        return []
    source_ip = request.META.get("REMOTE_ADDR") if request is not None else None
    rid = request_id_for(request)
    role = ",".join(sorted(user.role_codes))
    entries = [
        AccessLogEntry(
            request_id=rid,
            user=user,
            user_repr=str(user),
            role=role[:40],
            organisation=organisation[:200],
            person_id=row.person_id,
            action=row.action,
            data_category=data_category,
            purpose=purpose[:200],
            legal_basis=row.legal_basis[:200],
            emergency=row.emergency,
            result="granted",
            source_ip=source_ip,
        )
        for row in unique
    ]
    return chain_append(entries)
