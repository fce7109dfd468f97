"""Removing access-log entries and login data after their retention period.

The access log is kept for the longer of 5 years and the retention of the file it concerns. The access
app knows no domain app, so the caller (the retention service in `cases`) says which persons' files are
still kept. Entries are removed from the oldest end of the chain only, up to the first link that must
stay, and only after a signed checkpoint of the chain at that cut has been written (`chain.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.db import connection, transaction

from wijkteam.access.chain import _checkpoint_key, checkpoint_signature
from wijkteam.access.models import AccessLogCheckpoint, AccessLogEntry, AccessLogLink, LoginAttempt


def _allow_purge() -> None:
    """On PostgreSQL the append-only trigger lets DELETE through only with this transaction-local flag."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('wijkteam.allow_log_purge', 'on', true)")


def access_log_cut(*, older_than: datetime, still_kept: Callable[[Iterable[int]], set[int]]) -> int | None:
    """The id of the first link to keep: no link before it is younger than `older_than`, and none has an
    entry about a person whose file is still kept. None when nothing can be removed. The newest link
    always stays (the chain head points to it)."""
    last = AccessLogLink.objects.order_by("-id").values_list("id", flat=True).first()
    if last is None:
        return None
    cut = AccessLogLink.objects.filter(created_at__gte=older_than).order_by("id").values_list("id", flat=True).first()
    cut = min(cut or last, last)
    old = AccessLogEntry.objects.filter(link_id__lt=cut)
    person_ids = set(old.values_list("person_id", flat=True).distinct())
    kept = still_kept(person_ids) if person_ids else set()
    if kept:
        cut = min(cut, *old.filter(person_id__in=kept).values_list("link_id", flat=True).distinct())
    first = AccessLogLink.objects.order_by("id").values_list("id", flat=True).first()
    return cut if first is not None and cut > first else None


@transaction.atomic
def access_log_purge(*, first_kept_link_id: int, removed_before: datetime, actor_repr: str) -> AccessLogCheckpoint:
    """Write a signed checkpoint at the cut, then remove every entry and link before it."""
    removed_before = removed_before.astimezone(UTC)  # signed in a canonical form that survives a reload
    first_kept = AccessLogLink.objects.get(pk=first_kept_link_id)
    checkpoint = AccessLogCheckpoint(
        first_link_id=first_kept.pk,
        previous_hash=first_kept.previous_hash,
        removed_before=removed_before,
        actor_repr=actor_repr[:200],
        links_removed=AccessLogLink.objects.filter(pk__lt=first_kept.pk).count(),
        entries_removed=AccessLogEntry.objects.filter(link_id__lt=first_kept.pk).count(),
    )
    checkpoint.signature = checkpoint_signature(
        key=_checkpoint_key(),
        first_link_id=checkpoint.first_link_id,
        previous_hash=checkpoint.previous_hash,
        removed_before=checkpoint.removed_before,
    )
    checkpoint.save()
    _allow_purge()
    AccessLogEntry.objects.filter(link_id__lt=first_kept.pk).delete()
    AccessLogLink.objects.filter(pk__lt=first_kept.pk).delete()
    return checkpoint


def login_data_purge(*, before: datetime) -> int:
    """Remove login attempts older than `before` (login data is kept 6 months); returns how many."""
    deleted, _ = LoginAttempt.objects.filter(attempted_at__lt=before).delete()
    return deleted
