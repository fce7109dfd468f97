"""The roles of wijkteam and the capabilities each role has.

A role is a Django group whose name is the role code; a capability is a permission on the User model.
What a role may see of a particular household is decided by the need-to-know rule in the cases app;
capabilities only say which kinds of screens and actions a role has at all.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    GENERALIST = "generalist", _("Generalist / coordinator")
    PARTNER = "partner", _("Partner professional")
    VOLUNTEER = "volunteer", _("Volunteer")
    TEAM_LEAD = "team_lead", _("Team lead")
    WMO_CONSULTANT = "wmo_consultant", _("Wmo consultant")
    POLICY_ADVISOR = "policy_advisor", _("Policy advisor")
    DATA_ANALYST = "data_analyst", _("Data analyst")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


# codename -> description; kept in User.Meta.permissions as well.
CAPABILITIES: dict[str, str] = {
    "register_intake": "Can register help requests, short contacts and signals",
    "view_case_content": "Can see case content where the need-to-know rule allows",
    "view_assigned_actions": "Can see actions assigned to them",
    "lead_team": "Can lead a team: assign cases, see per-member caseload",
    "view_aggregates": "Can see protected aggregate figures",
    "view_pseudonymised": "Can see pseudonymised data with a recorded legal basis",
    "manage_reference_data": "Can manage reference data and the catalogue",
    "manage_teams": "Can set up teams, memberships and mandates",
    "record_decisions": "Can record decisions (beschikkingen)",
    "view_access_log": "Can read the access log and audit events",
    "review_emergency_access": "Can review emergency-access grants",
    "manage_retention": "Can approve destruction lists and legal holds",
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.GENERALIST: frozenset({"register_intake", "view_case_content"}),
    Role.PARTNER: frozenset({"view_case_content"}),
    Role.VOLUNTEER: frozenset({"view_assigned_actions"}),
    Role.TEAM_LEAD: frozenset({"register_intake", "view_case_content", "lead_team", "view_aggregates"}),
    Role.WMO_CONSULTANT: frozenset({"register_intake", "view_case_content", "record_decisions"}),
    Role.POLICY_ADVISOR: frozenset({"view_aggregates"}),
    Role.DATA_ANALYST: frozenset({"view_aggregates", "view_pseudonymised"}),
    Role.FUNCTIONAL_ADMIN: frozenset({"manage_reference_data", "manage_teams"}),
    Role.PRIVACY_OFFICER: frozenset({"view_access_log", "review_emergency_access", "manage_retention"}),
}

# Roles whose users can see person-level data; they will need a second login factor.
PERSON_DATA_ROLES = frozenset(
    {
        Role.GENERALIST,
        Role.PARTNER,
        Role.VOLUNTEER,
        Role.TEAM_LEAD,
        Role.WMO_CONSULTANT,
        Role.PRIVACY_OFFICER,
    }
)
