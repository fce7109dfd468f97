from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkteam.access import two_factor
from wijkteam.core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Password login with lockout after repeated failures (counted per username and per address)."""

    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "").strip()
        source_ip = self.request.META.get("REMOTE_ADDR") if self.request else None
        if username and two_factor.login_locked(username=username, source_ip=source_ip):
            raise ValidationError(
                _(
                    "Too many failed attempts. Wait %(minutes)s minutes and try again, or ask the functional "
                    "administrator."
                )
                % {"minutes": 15},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                two_factor.login_attempt_record(username=username, source_ip=source_ip, success=False)
            raise
        two_factor.login_attempt_record(username=username, source_ip=source_ip, success=True)
        return cleaned


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class SecondFactorForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app (or a recovery code)"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class EnrollForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code your app now shows"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
