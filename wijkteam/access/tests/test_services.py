import pytest
from django.core.exceptions import ValidationError

from wijkteam.access import services
from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_create_sets_roles_and_writes_audit_event():
    admin = UserFactory()
    user = services.user_create(
        username="nieuw", first_name="Eva", last_name="Jansen", roles=["generalist"], password="x" * 14, actor=admin
    )
    assert user.role_codes == {"generalist"}
    assert user.check_password("x" * 14)
    actions = set(AuditEvent.objects.filter(target_id=str(user.pk)).values_list("action", flat=True))
    assert actions == {"user.created", "user.roles_set"}
    assert AuditEvent.objects.filter(action="user.created").get().actor == admin


def test_user_create_without_password_cannot_log_in():
    user = services.user_create(username="geen-ww", first_name="A", last_name="B", actor=None)
    assert not user.has_usable_password()


def test_user_create_refuses_duplicate_username_with_a_clear_message():
    UserFactory(username="dubbel")
    with pytest.raises(ValidationError) as excinfo:
        services.user_create(username="dubbel", first_name="A", last_name="B", actor=None)
    assert "username" in excinfo.value.message_dict


def test_unknown_role_is_refused_and_nothing_changes():
    user = UserFactory(roles=["volunteer"])
    with pytest.raises(ValidationError):
        services.user_roles_set(user=user, roles=["volunteer", "superhero"], actor=None)
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {"volunteer"}


def test_roles_set_without_change_writes_no_event():
    user = UserFactory(roles=["volunteer"])
    services.user_roles_set(user=user, roles=["volunteer"], actor=None)
    assert not AuditEvent.objects.filter(action="user.roles_set").exists()


def test_api_token_is_stored_only_as_hash():
    user = UserFactory()
    token, key = services.api_token_create(user=user, name="script", actor=user)
    assert key.startswith("wt_")
    assert key not in (token.key_hash, token.prefix)
    assert token.prefix == key.split("_")[1]


def test_api_token_with_malformed_key_is_refused():
    with pytest.raises(ValidationError):
        services.api_token_create(user=UserFactory(), name="x", key="not-a-key", actor=None)
