"""Second login factor (TOTP with recovery codes) and lockout after repeated failed logins."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit, totp
from wijkteam.access.models import LoginAttempt, RecoveryCode, TwoFactorDevice, User
from wijkteam.access.roles import PERSON_DATA_ROLES


def two_factor_required(user: User) -> bool:
    """Every role that sees person-level data needs a second factor; demo accounts skip it (with a banner)."""
    if not getattr(settings, "WIJKTEAM_REQUIRE_2FA", True) or user.is_demo:
        return False
    return bool(user.role_codes & {str(role) for role in PERSON_DATA_ROLES})


SESSION_SECOND_FACTOR = "wijkteam_second_factor"


def second_factor_given(request: Any) -> bool:
    """Whether this session passed a second factor (our TOTP, or the IdP's per its acr claim), or the user
    needs none (demo account, or 2FA switched off for tests). Reading the access log requires it."""
    user = request.user
    if not user.is_authenticated:
        return False
    return bool(request.session.get(SESSION_SECOND_FACTOR)) or not two_factor_required(user)


def two_factor_confirmed(user: User) -> bool:
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


@transaction.atomic
def two_factor_enroll_start(*, user: User) -> TwoFactorDevice:
    """A new, unconfirmed secret (replacing an unconfirmed one; a confirmed device stays until reset)."""
    device, _created = TwoFactorDevice.objects.get_or_create(user=user, defaults={"secret": totp.secret_generate()})
    if device.confirmed_at is None and not _created:
        device.secret = totp.secret_generate()
        device.save(update_fields=["secret"])
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, code: str, now: float | None = None) -> list[str]:
    """Confirm the authenticator app with a first code; returns new recovery codes (shown once)."""
    device = TwoFactorDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        raise ValidationError(_("Start setting up the authenticator app first."))
    step = totp.verify(device.secret, code, now if now is not None else time.time())
    if step is None:
        raise ValidationError({"code": _("This code is not correct. Check the time on your phone and try again.")})
    device.confirmed_at = timezone.now()
    device.last_step = step
    device.save(update_fields=["confirmed_at", "last_step"])
    codes = totp.recovery_codes_generate()
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=totp.recovery_code_hash(c)) for c in codes])
    audit.event_record(actor=user, action="two_factor.confirmed", target=user)
    return codes


@transaction.atomic
def two_factor_verify(*, user: User, code: str, now: float | None = None) -> bool:
    """Check a TOTP code (not reusable) or an unused recovery code."""
    device = TwoFactorDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    step = totp.verify(device.secret, code, now if now is not None else time.time(), last_step=device.last_step)
    if step is not None:
        device.last_step = step
        device.save(update_fields=["last_step"])
        return True
    recovery = RecoveryCode.objects.filter(
        user=user, code_hash=totp.recovery_code_hash(code), used_at__isnull=True
    ).first()
    if recovery is not None:
        recovery.used_at = timezone.now()
        recovery.save(update_fields=["used_at"])
        audit.event_record(actor=user, action="two_factor.recovery_code_used", target=user)
        return True
    return False


def login_locked(*, username: str, source_ip: str | None) -> bool:
    """Locked after too many failures for this username (or from this address) in the lockout window."""
    since = timezone.now() - timedelta(minutes=settings.WIJKTEAM_LOCKOUT_MINUTES)
    failures = LoginAttempt.objects.filter(attempted_at__gte=since, success=False)
    if failures.filter(username__iexact=username).count() >= settings.WIJKTEAM_LOCKOUT_ATTEMPTS:
        return True
    return bool(source_ip) and failures.filter(source_ip=source_ip).count() >= settings.WIJKTEAM_LOCKOUT_ATTEMPTS * 4


def login_attempt_record(*, username: str, source_ip: str | None, success: bool) -> None:
    LoginAttempt.objects.create(username=username[:150], source_ip=source_ip, success=success)
