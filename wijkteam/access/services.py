"""Changes to users, roles and API tokens. Each writes its audit event in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit, tokens
from wijkteam.access.models import ApiToken, User
from wijkteam.access.roles import CAPABILITIES, ROLE_CAPABILITIES, Role


@transaction.atomic
def user_create(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    roles: Iterable[str] = (),
    password: str | None = None,
    is_demo: bool = False,
    actor: User | None,
) -> User:
    """Create a user with the given roles; without a password the account cannot log in yet."""
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user_roles_set(user=user, roles=roles, actor=actor)
    audit.event_record(actor=actor, action="user.created", target=user, summary=username)
    return user


@transaction.atomic
def user_roles_set(*, user: User, roles: Iterable[str], actor: User | None) -> User:
    """Give the user exactly these roles."""
    codes = sorted(set(roles))
    unknown = [code for code in codes if code not in Role.values]
    if unknown:
        raise ValidationError({"roles": _("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)}})
    before = sorted(user.groups.values_list("name", flat=True))
    groups = list(Group.objects.filter(name__in=codes))
    if len(groups) != len(codes):
        raise ValidationError({"roles": _("The roles have not been set up; run the migrations.")})
    user.groups.set(groups)
    user.__dict__.pop("role_codes", None)
    if before != codes:
        audit.event_record(
            actor=actor,
            action="user.roles_set",
            target=user,
            details={"before": before, "after": codes},
        )
    return user


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    actor: User | None,
    key: str | None = None,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the token and the key, which is shown once and never stored."""
    key = key or tokens.token_generate()
    prefix = tokens.token_prefix(key)
    if not prefix:
        raise ValidationError({"key": _("An API key has the form wt_<prefix>_<secret>.")})
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        key_hash=tokens.token_hash(key),
        expires_at=expires_at,
    )
    audit.event_record(
        actor=actor,
        action="api_token.created",
        target=user,
        summary=f"{name} ({prefix}…)",
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.event_record(actor=actor, action="api_token.revoked", target=token.user, summary=token.prefix)
    return token


@transaction.atomic
def roles_sync(*, group_model: Any = None, permission_model: Any = None, content_type_model: Any = None) -> None:
    """Create the role groups with exactly their capabilities; idempotent.

    Used by the data migration (with historical models) and by tests after a database flush.
    """
    if group_model is None:
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        group_model, permission_model, content_type_model = Group, Permission, ContentType
    content_type, _ = content_type_model.objects.get_or_create(app_label="access", model="user")
    permissions = {}
    for codename, name in CAPABILITIES.items():
        permissions[codename], _ = permission_model.objects.get_or_create(
            codename=codename, content_type=content_type, defaults={"name": name}
        )
    for role, capabilities in ROLE_CAPABILITIES.items():
        group, _ = group_model.objects.get_or_create(name=str(role))
        group.permissions.set([permissions[c] for c in capabilities])
