"""Writing audit events. Called by services inside their own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from wijkteam.access.models import AuditEvent, User


def event_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    summary: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` performed `action` on `target` (e.g. "case.stepped_up")."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_repr=str(actor) if actor else "system",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        details=details or {},
    )
