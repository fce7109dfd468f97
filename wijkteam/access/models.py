"""Users, API tokens and audit events. The access app knows no domain app."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.access.roles import CAPABILITIES, Role


class User(AbstractUser):
    """A person who logs in: a worker, a team lead, an advisor, an administrator."""

    email = models.EmailField(_("email address"), blank=True)
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Created by the demo loader; never in production."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = sorted(CAPABILITIES.items())

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """Codes of the roles (groups) this user has; one query, cached on the instance."""
        if not self.is_authenticated or not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in sorted(self.role_codes) if code in Role.values]

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes & set(codes))

    def can(self, capability: str) -> bool:
        """Whether one of the user's roles grants this capability (see roles.CAPABILITIES)."""
        return self.is_active and self.has_perm(f"access.{capability}")


class ApiToken(models.Model):
    """A personal API token; only a hash of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEvent(models.Model):
    """One change made through a service: who, when, which object, a before → after summary.

    The target is referenced by type and id, not by foreign key, so destroying an object after its
    retention period never breaks the trail.
    """

    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "-created_at"],
                name="audit_target_idx",
            ),
            models.Index(fields=["-created_at"], name="audit_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.target_type}:{self.target_id}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("viewed")
    SEARCH = "search", _("found in search")
    LIST = "list", _("shown in a list")
    PRINT = "print", _("printed")
    EXPORT = "export", _("exported")
    INTAKE_MATCH = "intake_match", _("matched at intake")
    OPEN_WITH_REASON = "open_with_reason", _("opened with a reason")
    EMERGENCY = "emergency", _("emergency access")


class AccessLogEntry(models.Model):
    """One access to person-level data (NEN 7513): who, in which role and organisation, which person,
    what, why, on which basis, when and from where.

    The person is referenced by internal id, not by foreign key, so destroying a file after its
    retention period never breaks the log. Entries are only ever added.
    """

    created_at = models.DateTimeField(default=timezone.now)
    request_id = models.UUIDField(_("request"), db_index=True)
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    user_repr = models.CharField(_("user"), max_length=200)
    role = models.CharField(_("role"), max_length=40, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    person_id = models.BigIntegerField(_("person"))
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    data_category = models.CharField(_("data category"), max_length=60, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200)
    legal_basis = models.CharField(_("legal basis or agreement"), max_length=200, blank=True)
    emergency = models.BooleanField(_("emergency access"), default=False)
    result = models.CharField(_("result"), max_length=20, default="granted")
    source_ip = models.GenericIPAddressField(_("from"), null=True, blank=True)
    link = models.ForeignKey(
        "AccessLogLink", on_delete=models.PROTECT, null=True, related_name="entries", verbose_name=_("chain link")
    )

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        indexes = [
            models.Index(fields=["person_id", "-created_at"], name="accesslog_person_idx"),
            models.Index(fields=["user", "-created_at"], name="accesslog_user_idx"),
            models.Index(fields=["-created_at"], name="accesslog_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_repr} {self.action} person {self.person_id}"


class AccessLogLink(models.Model):
    """One link of the tamper-evident chain over the access log: it covers the entries written by one
    recording (usually one request) and hashes them together with the previous link's hash.

    Changing, removing or inserting an entry or a link breaks the chain at that link;
    `manage.py verify_access_log` finds the first broken link. Written in the same transaction as its
    entries, so a rolled-back request leaves neither entries nor a link behind.
    """

    created_at = models.DateTimeField(default=timezone.now)
    previous_hash = models.CharField(max_length=64)
    entries_digest = models.CharField(max_length=64)
    entry_count = models.PositiveIntegerField()
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("access log chain link")
        verbose_name_plural = _("access log chain links")

    def __str__(self) -> str:
        return f"{self.pk}: {self.hash[:12]}…"


class AccessLogChainHead(models.Model):
    """The single row holding the newest link; locked briefly while a link is added (serialises links)."""

    last_link = models.ForeignKey(AccessLogLink, on_delete=models.PROTECT, null=True, related_name="+")
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("access log chain head")

    def __str__(self) -> str:
        return self.last_hash[:12]


class TwoFactorDevice(models.Model):
    """A user's authenticator app (TOTP). Required for every role that sees person-level data."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self) -> str:
        return f"{self.user} ({'confirmed' if self.confirmed_at else 'pending'})"


class RecoveryCode(models.Model):
    """A one-time recovery code for when the authenticator app is lost; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        indexes = [models.Index(fields=["user", "code_hash"], name="recoverycode_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {'used' if self.used_at else 'unused'}"


class LoginAttempt(models.Model):
    """A login attempt, kept for lockout after repeated failures (and removed after 6 months)."""

    username = models.CharField(max_length=150)
    source_ip = models.GenericIPAddressField(null=True, blank=True)
    success = models.BooleanField()
    attempted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        indexes = [
            models.Index(fields=["username", "-attempted_at"], name="loginattempt_user_idx"),
            models.Index(fields=["source_ip", "-attempted_at"], name="loginattempt_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {'ok' if self.success else 'failed'} {self.attempted_at:%Y-%m-%d %H:%M}"


class EmergencyAccess(models.Model):
    """Break the glass: a worker outside a case gets time-limited access after stating a reason and
    giving a second factor; the privacy officer reviews every grant afterwards.

    The object is referenced by type and id (the access app knows no domain app)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="emergency_grants")
    object_type = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    reason = models.CharField(_("reason"), max_length=500)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    review_outcome = models.CharField(
        _("review"),
        max_length=20,
        blank=True,
        choices=[("justified", _("Justified")), ("unjustified", _("Not justified: follow up"))],
    )
    review_note = models.CharField(_("review note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [
            models.Index(fields=["user", "object_type", "object_id", "expires_at"], name="emergency_user_idx"),
            models.Index(fields=["reviewed_at", "-granted_at"], name="emergency_review_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.object_type}:{self.object_id} ({self.granted_at:%Y-%m-%d %H:%M})"


class AccessLogCheckpoint(models.Model):
    """A signed checkpoint of the chain, written when entries older than their retention are removed.

    `first_link_id` is the first link kept; `previous_hash` is the hash of the last link removed (the
    kept chain continues from it). The signature is an HMAC (settings.ACCESS_LOG_CHECKPOINT_KEY) over
    these values, so `verify_access_log` accepts a chain that starts here and nowhere else."""

    created_at = models.DateTimeField(default=timezone.now)
    first_link_id = models.BigIntegerField(_("first link kept"))
    previous_hash = models.CharField(max_length=64)
    links_removed = models.PositiveIntegerField()
    entries_removed = models.PositiveIntegerField()
    removed_before = models.DateTimeField(_("entries removed before"))
    actor_repr = models.CharField(max_length=200)
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("access log checkpoint")
        verbose_name_plural = _("access log checkpoints")

    def __str__(self) -> str:
        return f"{_('Checkpoint')} {self.pk} ({_('from link')} {self.first_link_id})"
