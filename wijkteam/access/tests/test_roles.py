import pytest
from django.contrib.auth.models import Group

from wijkteam.access.roles import CAPABILITIES, ROLE_CAPABILITIES, Role
from wijkteam.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_group_with_its_capabilities():
    for role in Role:
        group = Group.objects.get(name=role.value)
        assert set(group.permissions.values_list("codename", flat=True)) == ROLE_CAPABILITIES[role]


def test_every_capability_is_granted_to_some_role():
    granted = set().union(*ROLE_CAPABILITIES.values())
    assert granted == set(CAPABILITIES)


@pytest.mark.parametrize(
    ("role", "capability", "expected"),
    [
        (Role.GENERALIST, "view_case_content", True),
        (Role.GENERALIST, "view_aggregates", False),
        (Role.VOLUNTEER, "view_case_content", False),
        (Role.VOLUNTEER, "view_assigned_actions", True),
        (Role.POLICY_ADVISOR, "view_aggregates", True),
        (Role.POLICY_ADVISOR, "view_case_content", False),
        (Role.DATA_ANALYST, "view_pseudonymised", True),
        (Role.PRIVACY_OFFICER, "view_access_log", True),
        (Role.PRIVACY_OFFICER, "view_case_content", False),
        (Role.FUNCTIONAL_ADMIN, "manage_reference_data", True),
        (Role.FUNCTIONAL_ADMIN, "view_case_content", False),
        (Role.TEAM_LEAD, "lead_team", True),
        (Role.WMO_CONSULTANT, "record_decisions", True),
    ],
)
def test_role_capabilities(role, capability, expected):
    user = UserFactory(roles=[role])
    assert user.can(capability) is expected


def test_inactive_user_has_no_capabilities():
    user = UserFactory(roles=[Role.GENERALIST], is_active=False)
    assert not user.can("view_case_content")


def test_role_codes_and_labels():
    user = UserFactory(roles=[Role.TEAM_LEAD, Role.GENERALIST])
    assert user.role_codes == {"team_lead", "generalist"}
    assert user.has_role("team_lead")
    assert not user.has_role("volunteer")
    assert len(user.role_labels) == 2
