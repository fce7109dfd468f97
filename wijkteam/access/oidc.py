"""Optional login through the municipality's identity provider (OpenID Connect, authorization code flow),
with mozilla-django-oidc. Off by default (`OIDC_ENABLED=false`); see .env.example and docs/THREAT_MODEL.md.

- Accounts and roles stay in wijkteam: the IdP proves who someone is, it does not create users. The
  claim named by `OIDC_USERNAME_CLAIM` (default `preferred_username`) must equal an active user's
  username; otherwise the login fails.
- The second factor then comes from the IdP. Assumption: the IdP states the strength of the login in
  the ID token's `acr` claim, and the values listed in `OIDC_ACR_SECOND_FACTOR` mean "with a second
  factor". A user whose role needs a second factor (every role that sees person-level data) is refused
  when the ID token carries another acr (or none); a session that did pass it counts as a second-factor
  session (reading the access log, approving destruction).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from wijkteam.access import two_factor
from wijkteam.access.models import User

SECOND_FACTOR_ATTR = "_wijkteam_oidc_second_factor"


def acr_is_second_factor(acr: Any) -> bool:
    accepted = {value for value in getattr(settings, "OIDC_ACR_SECOND_FACTOR", []) if value}
    return isinstance(acr, str) and acr in accepted


class MunicipalityOIDCBackend(OIDCAuthenticationBackend):
    """Matches the IdP's username claim to an existing active user; never creates users."""

    def _username(self, claims: dict[str, Any]) -> str:
        return str(claims.get(getattr(settings, "OIDC_USERNAME_CLAIM", "preferred_username")) or "")

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self._username(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(username=self._username(claims), is_active=True)

    def create_user(self, claims: dict[str, Any]) -> None:
        return None

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            return None
        strong = acr_is_second_factor(payload.get("acr"))
        if two_factor.two_factor_required(user) and not strong:
            return None  # this role needs a second factor; the IdP did not give one
        setattr(user, SECOND_FACTOR_ATTR, strong)
        return user


def _enabled() -> None:
    if not getattr(settings, "OIDC_ENABLED", False):
        raise Http404


@method_decorator(login_not_required, name="dispatch")
class OIDCLoginView(OIDCAuthenticationRequestView):
    """Start of the login at the municipality's IdP (404 when OIDC is off)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _enabled()
        return super().dispatch(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """Return from the IdP: log in, and mark the session as second-factor when the acr said so."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _enabled()
        return super().dispatch(request, *args, **kwargs)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session[two_factor.SESSION_SECOND_FACTOR] = bool(getattr(self.user, SECOND_FACTOR_ATTR, False))
        return response
