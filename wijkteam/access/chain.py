"""The tamper-evident hash chain over the access log (NEN 7513). Pure hashing plus the two database
operations that use it: adding a link for new entries and verifying the whole chain."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

GENESIS = "0" * 64
ENTRY_FIELDS = (
    "created_at",
    "request_id",
    "user_id",
    "user_repr",
    "role",
    "organisation",
    "on_behalf_of",
    "person_id",
    "action",
    "data_category",
    "purpose",
    "legal_basis",
    "emergency",
    "result",
    "source_ip",
)


def _canonical(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else str(value)


def entries_digest(entries: Iterable[Any]) -> str:
    """SHA-256 over the entries' content in a canonical order (ids excluded: they are not known yet)."""
    lines = sorted("\x1f".join(_canonical(getattr(e, f)) for f in ENTRY_FIELDS) for e in entries)
    return hashlib.sha256("\x1e".join(lines).encode()).hexdigest()


def link_hash(*, previous_hash: str, digest: str, entry_count: int, created_at: Any) -> str:
    payload = f"{previous_hash}|{digest}|{entry_count}|{_canonical(created_at)}"
    return hashlib.sha256(payload.encode()).hexdigest()


def chain_append(entries: list[Any]) -> list[Any]:
    """Save `entries` (unsaved AccessLogEntry objects) under a new link, in one short transaction."""
    from django.utils import timezone

    from wijkteam.access.models import AccessLogChainHead, AccessLogEntry, AccessLogLink

    with transaction.atomic():
        head = AccessLogChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AccessLogChainHead.objects.create(pk=1)
        digest = entries_digest(entries)
        now = timezone.now()
        link = AccessLogLink.objects.create(
            created_at=now,
            previous_hash=head.last_hash,
            entries_digest=digest,
            entry_count=len(entries),
            hash=link_hash(previous_hash=head.last_hash, digest=digest, entry_count=len(entries), created_at=now),
        )
        for entry in entries:
            entry.link = link
        saved = AccessLogEntry.objects.bulk_create(entries)
        head.last_link = link
        head.last_hash = link.hash
        head.save(update_fields=["last_link", "last_hash"])
    return saved


def checkpoint_signature(*, key: str, first_link_id: int, previous_hash: str, removed_before: Any) -> str:
    """HMAC-SHA256 over the point where the kept chain starts."""
    payload = f"{first_link_id}|{previous_hash}|{_canonical(removed_before)}"
    return hmac.new(key.encode(), payload.encode(), hashlib.sha256).hexdigest()


def _checkpoint_key() -> str:
    from django.conf import settings

    return str(settings.ACCESS_LOG_CHECKPOINT_KEY)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    links_checked: int
    entries_checked: int
    broken_link_id: int | None = None
    reason: str = ""


def _entries_by_link() -> Iterator[tuple[int | None, list[Any]]]:
    from wijkteam.access.models import AccessLogEntry

    current: int | None = -1
    batch: list[Any] = []
    for entry in AccessLogEntry.objects.order_by("link_id", "id").iterator(chunk_size=5000):
        if entry.link_id != current and batch:
            yield current, batch
            batch = []
        current = entry.link_id
        batch.append(entry)
    if batch:
        yield current, batch


def chain_verify() -> ChainReport:
    """Walk every link in order; report the first link whose entries or hash do not match."""
    from wijkteam.access.models import AccessLogChainHead, AccessLogCheckpoint, AccessLogLink

    grouped = _entries_by_link()
    pending = next(grouped, (None, []))
    if pending[0] is None and pending[1]:
        return ChainReport(False, 0, 0, None, f"{len(pending[1])} entries are not covered by any link")
    previous = GENESIS
    links = entries = 0
    last_id = None
    first_expected: int | None = None
    checkpoint = AccessLogCheckpoint.objects.order_by("-id").first()
    if checkpoint is not None:
        expected_signature = checkpoint_signature(
            key=_checkpoint_key(),
            first_link_id=checkpoint.first_link_id,
            previous_hash=checkpoint.previous_hash,
            removed_before=checkpoint.removed_before,
        )
        if not hmac.compare_digest(expected_signature, checkpoint.signature):
            return ChainReport(False, 0, 0, checkpoint.first_link_id, "the signature of the checkpoint is not valid")
        previous = checkpoint.previous_hash
        first_expected = checkpoint.first_link_id
    for link in AccessLogLink.objects.order_by("id").iterator(chunk_size=5000):
        if first_expected is not None:
            if link.pk != first_expected:
                return ChainReport(False, 0, 0, link.pk, "the chain does not start at the signed checkpoint")
            first_expected = None
        link_entries: list[Any] = []
        if pending[0] == link.pk:
            link_entries = pending[1]
            pending = next(grouped, (None, []))
        if link.previous_hash != previous:
            return ChainReport(False, links, entries, link.pk, "previous hash does not match the link before it")
        if len(link_entries) != link.entry_count or entries_digest(link_entries) != link.entries_digest:
            return ChainReport(False, links, entries, link.pk, "its entries were changed, removed or added")
        expected = link_hash(
            previous_hash=link.previous_hash,
            digest=link.entries_digest,
            entry_count=link.entry_count,
            created_at=link.created_at,
        )
        if expected != link.hash:
            return ChainReport(False, links, entries, link.pk, "the link itself was changed")
        previous = link.hash
        last_id = link.pk
        links += 1
        entries += len(link_entries)
    if pending[1]:
        return ChainReport(False, links, entries, pending[0], "entries point to a link that does not exist")
    head = AccessLogChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != previous or head.last_link_id != last_id):
        return ChainReport(False, links, entries, last_id, "the chain head does not match the last link")
    return ChainReport(True, links, entries)
