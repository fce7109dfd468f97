# ruff: noqa: E501 (the matrix table keeps one route per line)
"""The authorisation matrix: every URL pattern and API route × every demo role × own case, a teammate's
case and another team's case → the expected status. Zero leaks.

`EXPECTED` below is the table. A case-bound route has, per role, three codes: own / teammate's /
other team's case (the role's "own" case is the one it is involved in: the generalist coordinates it,
the partner is involved, the volunteer has an action in it; the other roles have no own case, so for
them "own" is simply a case of team A). A route without a case has one code per role. POST-only routes
are POSTed empty (each request runs in a savepoint that is rolled back, so nothing a request does
changes the next one). The test fails when a route is missing from the table or a code differs; on top
of the table, two rules that hold for every case-bound route: another team's case never answers a
success, and roles without case content (policy advisor, data analyst, functional administrator,
privacy officer) never get a success on a case-bound route; a refused answer never shows the
household's name.

Regenerate after a deliberate change with `MATRIX_PRINT=1 pytest this-file -s` and review the diff.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.urls import get_resolver

from wijkteam.access.models import EmergencyAccess
from wijkteam.access.tests.factories import UserFactory
from wijkteam.assessments.models import Instrument
from wijkteam.cases import destruction, services
from wijkteam.cases.models import DestructionList, SharingAgreement
from wijkteam.cases.tests.api_world import world_create
from wijkteam.cases.tests.factories import member_create
from wijkteam.core.tests.test_fail_closed import walk
from wijkteam.households.models import Household
from wijkteam.monitoring.models import Improvement, Review
from wijkteam.provisions.models import CatalogueOption
from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain
from wijkteam.teams.models import Affiliation, Discipline, Initiative, MandateItem, Membership, Target

pytestmark = pytest.mark.django_db

ROLES = [
    "generalist",
    "partner",
    "volunteer",
    "team_lead",
    "wmo_consultant",
    "policy_advisor",
    "data_analyst",
    "functional_admin",
    "privacy_officer",
]
NO_CASE_CONTENT = {"policy_advisor", "data_analyst", "functional_admin", "privacy_officer"}
# Not part of the matrix: the login steps (public, tested in access), logout, the Django admin.
OUTSIDE = {
    "access:login",
    "access:oidc_login",
    "access:oidc_callback",
    "access:second_factor",
    "access:two_factor_enroll",
    "access:logout",
    "set_language",
}
SUCCESS = {200, 201, 204, 302}
# The lawful exception to "the privacy officer sees no case content": handling a resident's request
# under the GDPR (access, restriction, erasure) for any person of the municipality, itself logged and
# audited (see cases/README.md). Only these routes, only this role.
RESIDENT_RIGHTS_ROUTES = {"cases:person_rights", "cases:subject_access_export", "cases:person_erase"}

# Route name -> which kind of object its URL arguments come from ("case": one per case column).
CASE_BOUND_KWARGS = {
    "case_id": "case",
    "goal_id": "goal",
    "action_id": "action",
    "involvement_id": "involvement",
    "measure_id": "measure",
    "version": "version",
    "household_id": "household",
    "signal_id": "signal",
    "decision_id": "decision",
    "person_id": "person",
    "agreement_id": "sharing_agreement",
}
API_CASE_BOUND = {
    "person-detail": "person",
    "household-detail": "household",
    "help-request-detail": "help_request",
    "short-contact-detail": "short_contact",
    "signal-detail": "signal",
    "case-detail": "case",
    "case-close": "case",
    "case-coordinator": "case",
    "case-open-with-reason": "case",
    "plan-detail": "plan",
    "plan-agree": "plan",
    "goal-detail": "goal",
    "action-detail": "action",
    "contact-moment-detail": "contact_moment",
    "case-conference-detail": "conference",
    "assessment-detail": "assessment",
    "step-change-detail": "step_change",
    "decision-detail": "decision",
    "decision-set-status": "decision",
    "frontline-payment-detail": "frontline_payment",
    "sharing-agreement-detail": "sharing_agreement",
    "sharing-agreement-withdraw": "sharing_agreement",
}

# Route name -> which object its `pk` is (default: team A).
PK_OF = {
    "teams:discipline_update": "discipline_pk",
    "teams:organisation_detail": "organisation_pk",
    "teams:organisation_update": "organisation_pk",
    "teams:affiliation_end": "organisation_pk",
    "teams:social_map:initiative_update": "initiative_pk",
    "life-domain-detail": "life_domain_pk",
    "care-level-detail": "care_level_pk",
    "legal-basis-detail": "legal_basis_pk",
    "organisation-detail": "organisation_pk",
    "discipline-detail": "discipline_pk",
    "membership-detail": "membership_pk",
    "initiative-detail": "initiative_pk",
    "assessments:instrument_update": "instrument_pk",
    "instrument-detail": "instrument_pk",
    "provisions:catalogue_update": "catalogue_pk",
    "catalogue-option-detail": "catalogue_pk",
    "planning:weight_set_activate": "missing_pk",
    "monitoring:review_detail": "review_pk",
    "monitoring:review_reflections": "review_pk",
    "monitoring:case_reflection_add": "review_pk",
    "monitoring:improvement_add": "review_pk",
    "monitoring:improvement_follow_up": "review_pk",
}

# fmt: off
EXPECTED: dict[str, str] = {
    "core:home": "200 200 200 200 200 200 200 200 200",
    "access:password_change": "200 200 200 200 200 200 200 200 200",
    "access:password_change_done": "200 200 200 200 200 200 200 200 200",
    "access:privacy_home": "403 403 403 403 403 403 403 403 200",
    "access:emergency_review": "403 403 403 403 403 403 403 403 302",
    "access:person_log": "403 403 403 403 403 403 403 403 400",
    "neighbourhoods:region_list": "200 200 200 200 200 200 200 200 200",
    "neighbourhoods:region_detail": "200 200 200 200 200 200 200 200 200",
    "teams:team_list": "403 403 403 200 403 200 200 200 403",
    "teams:team_create": "403 403 403 403 403 403 403 200 403",
    "teams:discipline_list": "403 403 403 403 403 403 403 200 403",
    "teams:discipline_create": "403 403 403 403 403 403 403 200 403",
    "teams:discipline_update": "403 403 403 403 403 403 403 200 403",
    "teams:team_detail": "403 403 403 200 403 200 200 200 403",
    "teams:team_update": "403 403 403 403 403 403 403 200 403",
    "teams:team_suggestions": "403 403 403 200 403 403 403 403 403",
    "teams:team_mandate": "403 403 403 403 403 403 403 200 403",
    "teams:mandate_item_add": "403 403 403 403 403 403 403 200 403",
    "teams:mandate_item_update": "403 403 403 403 403 403 403 404 403",
    "teams:mandate_item_remove": "403 403 403 403 403 403 403 404 403",
    "teams:target_add": "403 403 403 403 403 403 403 200 403",
    "teams:target_remove": "403 403 403 403 403 403 403 404 403",
    "teams:team_members": "403 403 403 403 403 403 403 200 403",
    "teams:membership_change": "403 403 403 403 403 403 403 200 403",
    "teams:membership_end": "403 403 403 403 403 403 403 200 403",
    "teams:organisation_list": "403 403 403 403 403 403 403 200 403",
    "teams:organisation_create": "403 403 403 403 403 403 403 200 403",
    "teams:organisation_detail": "403 403 403 403 403 403 403 200 403",
    "teams:organisation_update": "403 403 403 403 403 403 403 200 403",
    "teams:affiliation_end": "403 403 403 403 403 403 403 404 403",
    "teams:social_map:initiative_list": "200 200 200 200 200 200 200 200 200",
    "teams:social_map:initiative_create": "200 403 403 200 200 403 403 200 403",
    "teams:social_map:initiative_update": "404 404 404 404 404 404 404 404 404",
    "cases:case_list": "200 200 403 200 200 403 403 403 403",
    "cases:case_detail": "200/200/404 200/404/404 404/404/404 200/200/404 200/200/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_open_with_reason": "302/200/404 302/404/404 404/404/404 200/200/404 200/200/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_timeline": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_changes": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_status_set": "302/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_next_step_set": "302/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:contact_moment_record": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:plan_edit": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:plan_agree": "200/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:plan_print": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:plan_version_detail": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:goal_add": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:goal_update": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:action_add": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:action_update": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:action_set_status": "302/404/404 302/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:conference_record": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_close": "200/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_follow_up_done": "302/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:case_coordinator_change": "200/403/404 403/404/404 404/404/404 200/200/404 403/403/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:involvement_list": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:involvement_end": "302/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:safety_section": "200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:child_protection_measure_add": "200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:child_protection_measure_end": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:intake_start": "200 403 403 200 200 403 403 403 403",
    "cases:intake_household_new": "302 403 403 302 302 403 403 403 403",
    "cases:intake_neighbourhood": "404 403 403 404 404 403 403 403 403",
    "cases:intake_help_request": "200/200/404 403/403/403 403/403/403 200/200/404 200/200/404 403/403/403 403/403/403 403/403/403 403/403/403",
    "cases:short_contact_register": "200 403 403 200 200 403 403 403 403",
    "cases:signal_list": "200 403 403 200 200 403 403 403 403",
    "cases:signal_register": "200 403 403 200 200 403 403 403 403",
    "cases:signal_detail": "200/200/404 403/403/403 403/403/403 200/200/404 200/200/404 403/403/403 403/403/403 403/403/403 403/403/403",
    "cases:person_search": "200 200 403 200 200 403 403 403 403",
    "cases:my_actions": "200 200 200 200 200 403 403 403 403",
    "cases:my_action_status_set": "302/404/404 404/404/404 302/404/404 404/404/404 404/404/404 403/403/403 403/403/403 403/403/403 403/403/403",
    "cases:home_case_list": "404 404 403 404 404 403 403 403 403",
    "cases:retention_home": "403 403 403 403 403 403 403 403 200",
    "cases:destruction_list_detail": "403 403 403 403 403 403 403 403 200",
    "cases:destruction_list_approve": "403 403 403 403 403 403 403 403 302",
    "cases:destruction_list_reject": "403 403 403 403 403 403 403 403 302",
    "cases:legal_hold_place": "403 403 403 403 403 403 403 403 400",
    "cases:legal_hold_lift": "403 403 403 403 403 403 403 403 302",
    "assessments:assessment_record": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "assessments:goal_rating_record": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "assessments:instrument_list": "403 403 403 200 403 403 403 200 403",
    "assessments:instrument_create": "403 403 403 403 403 403 403 200 403",
    "assessments:instrument_update": "403 403 403 403 403 403 403 200 403",
    "assessments:team_instruments": "403 403 403 200 403 403 403 200 403",
    "provisions:step_change_record": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "provisions:decision_record": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "provisions:decision_status_set": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "provisions:frontline_payment_record": "403/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "provisions:catalogue_list": "200 200 200 200 200 200 200 200 200",
    "provisions:catalogue_create": "403 403 403 403 403 403 403 200 403",
    "provisions:catalogue_update": "403 403 403 403 403 403 403 404 403",
    "provisions:lawfulness": "403 403 403 200 403 403 403 403 403",
    "provisions:expenditure": "403 403 403 200 403 200 200 403 403",
    "planning:index": "403 403 403 200 403 200 200 200 403",
    "planning:composition": "403 403 403 200 403 200 200 200 403",
    "planning:observed": "403 403 403 200 403 200 200 403 403",
    "planning:recalibrate": "403 403 403 200 403 200 200 403 403",
    "planning:weight_set_activate": "403 403 403 403 403 404 403 403 403",
    "planning:weights_shipped": "403 403 403 403 403 302 403 403 403",
    "healthz": "200 200 200 200 200 200 200 200 200",
    "me-list": "200 200 200 200 200 200 200 200 200",
    "region-list": "200 200 200 200 200 200 200 200 200",
    "region-detail": "200 200 200 200 200 200 200 200 200",
    "region-indicators": "200 200 200 200 200 200 200 200 200",
    "life-domain-list": "200 200 200 200 200 200 200 200 200",
    "life-domain-detail": "200 200 200 200 200 200 200 200 200",
    "care-level-list": "200 200 200 200 200 200 200 200 200",
    "care-level-detail": "200 200 200 200 200 200 200 200 200",
    "legal-basis-list": "200 200 200 200 200 200 200 200 200",
    "legal-basis-detail": "200 200 200 200 200 200 200 200 200",
    "organisation-list": "200 200 200 200 200 200 200 200 200",
    "organisation-detail": "200 200 200 200 200 200 200 200 200",
    "discipline-list": "200 200 200 200 200 200 200 200 200",
    "discipline-detail": "200 200 200 200 200 200 200 200 200",
    "team-list": "200 200 200 200 200 200 200 200 200",
    "team-detail": "200 200 200 200 200 200 200 200 200",
    "team-capacity": "404 404 404 200 404 200 200 404 404",
    "membership-list": "200 200 403 200 200 200 200 200 403",
    "membership-detail": "200 200 403 200 200 200 200 200 403",
    "initiative-list": "200 200 200 200 200 200 200 200 200",
    "initiative-detail": "404 404 404 404 404 404 404 404 404",
    "person-list": "200 200 200 200 200 200 200 200 200",
    "person-detail": "200/200/404 200/404/404 404/404/404 200/200/404 200/200/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "household-list": "200 200 200 200 200 200 200 200 200",
    "household-detail": "200/200/404 200/404/404 404/404/404 200/200/404 200/200/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "help-request-list": "200 200 200 200 200 200 200 200 200",
    "help-request-detail": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "short-contact-list": "200 200 200 200 200 200 200 200 200",
    "short-contact-detail": "200/200/404 404/404/404 404/404/404 200/200/404 200/200/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "signal-list": "200 200 200 200 200 200 200 200 200",
    "signal-detail": "200/200/404 404/404/404 404/404/404 200/200/404 200/200/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "case-list": "200 200 200 200 200 200 200 200 200",
    "case-detail": "200/200/404 200/404/404 404/404/404 200/200/404 200/200/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "case-close": "400/403/404 403/404/404 404/404/404 403/403/404 403/403/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "case-coordinator": "400/403/404 403/404/404 404/404/404 400/400/404 403/403/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "case-open-with-reason": "400/400/404 400/404/404 404/404/404 400/400/404 400/400/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "plan-list": "200 200 200 200 200 200 200 200 200",
    "plan-detail": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "plan-agree": "400/404/404 400/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "goal-list": "200 200 200 200 200 200 200 200 200",
    "goal-detail": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "action-list": "200 200 200 200 200 200 200 200 200",
    "action-detail": "200/404/404 200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "contact-moment-list": "200 200 200 200 200 200 200 200 200",
    "contact-moment-detail": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "case-conference-list": "200 200 200 200 200 200 200 200 200",
    "case-conference-detail": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "instrument-list": "200 200 200 200 200 200 200 200 200",
    "instrument-detail": "200 200 200 200 200 200 200 200 200",
    "assessment-list": "200 200 200 200 200 200 200 200 200",
    "assessment-detail": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "catalogue-option-list": "200 200 200 200 200 200 200 200 200",
    "catalogue-option-detail": "404 404 404 404 404 404 404 404 404",
    "step-change-list": "200 200 200 200 200 200 200 200 200",
    "step-change-detail": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "decision-list": "200 200 200 200 200 200 200 200 200",
    "decision-detail": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "decision-set-status": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "frontline-payment-list": "200 200 200 200 200 200 200 200 200",
    "frontline-payment-detail": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "api-root": "200 200 200 200 200 200 200 200 200",
    "region-expected-demand": "200 200 200 200 200 200 200 200 200",
    "team-composition-advice": "403 403 403 200 403 200 200 200 403",
    "api-schema": "200 200 200 200 200 200 200 200 200",
    "api-docs": "200 200 200 200 200 200 200 200 200",
    "cases:sharing_list": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:sharing_agreement_withdraw": "302/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:resident_rights": "404 404 404 404 404 404 404 404 200",
    "cases:person_rights": "200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 200/200/200",
    "cases:subject_request_close": "404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "cases:subject_access_export": "200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 200/200/200",
    "cases:person_erase": "403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 302/302/302",
    "cases:pseudonymised_records": "404 404 404 404 404 404 200 404 404",
    "monitoring:dashboard": "403 403 403 200 403 200 200 403 403",
    "monitoring:table_export": "403 403 403 200 403 200 200 403 403",
    "monitoring:report": "403 403 403 200 403 200 200 403 403",
    "monitoring:report_pdf": "403 403 403 200 403 200 200 403 403",
    "monitoring:cbs_export": "403 403 403 200 403 200 200 403 403",
    "monitoring:review_list": "403 403 403 200 403 200 403 403 403",
    "monitoring:review_create": "403 403 403 200 403 200 403 403 403",
    "monitoring:review_detail": "403 403 403 200 403 200 403 403 403",
    "monitoring:review_reflections": "403 403 403 302 403 302 403 403 403",
    "monitoring:case_reflection_add": "403 403 403 400 403 400 403 403 403",
    "monitoring:improvement_add": "403 403 403 400 403 400 403 403 403",
    "monitoring:improvement_follow_up": "403 403 403 302 403 302 403 403 403",
    "sharing-agreement-list": "200 200 200 200 200 200 200 200 200",
    "sharing-agreement-detail": "200/404/404 200/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "sharing-agreement-withdraw": "400/404/404 403/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404 404/404/404",
    "metrics": "403 403 403 200 403 200 200 403 403",
}
# fmt: on


@dataclass
class Matrix:
    users: dict[str, Any]
    columns: list[dict[str, int]]  # own, teammate's, other team's: object ids per kind
    other: dict[str, Any]  # ids for routes without a case
    household_names: list[str]


def _matrix() -> Matrix:
    w = world_create()
    s = w.s
    case_t = services.case_open(help_request=w.request_c, coordinator=s.teammate, actor=s.teammate)
    plan_t = services.plan_get_or_create(case=case_t, actor=s.teammate)
    goal_t = services.goal_add(plan=plan_t, life_domain_code="housing", text="Een rustig huis", actor=s.teammate)
    action_t = services.action_add(
        plan=plan_t, data=services.ActionInput(who_kind="household", what="Bellen", goal_id=goal_t.pk), actor=s.teammate
    )
    note_t = services.contact_moment_record(
        case=case_t, occurred_on=case_t.opened_on, kind="call", note="Teamgenoot", audience=None, actor=s.teammate
    )
    conference_t = services.conference_record(
        case=case_t,
        held_on=case_t.opened_on,
        questions="Wat is nodig?",
        participant_ids=[s.teammate.pk],
        actor=s.teammate,
    )
    conference_b = services.conference_record(
        case=s.case_b,
        held_on=s.case_b.opened_on,
        questions="Wat is nodig?",
        participant_ids=[s.other_team_worker.pk],
        actor=s.other_team_worker,
    )
    wmo = member_create(s.team_a, "generalist", s.social_work, "wmo_consultant", username="wmo")
    users = {
        "generalist": s.coordinator,
        "partner": s.partner,
        "volunteer": s.volunteer,
        "team_lead": s.team_lead,
        "wmo_consultant": wmo,
        "policy_advisor": s.advisor,
        "data_analyst": UserFactory(username="analyst", roles=["data_analyst"]),
        "functional_admin": UserFactory(username="admin", roles=["functional_admin"]),
        "privacy_officer": s.privacy,
    }
    involvement_a = s.case_a.involvements.get(user=s.partner)

    def column(case, plan, goal, action, note, conference, short_contact, signal, involvement) -> dict[str, int]:
        return {
            "case": case.pk,
            "household": case.household_id,
            "person": case.household.members.first().pk,
            "help_request": case.help_request_id,
            "plan": plan.pk,
            "goal": goal.pk,
            "action": action.pk,
            "contact_moment": note.pk,
            "conference": conference,
            "short_contact": short_contact,
            "signal": signal,
            "involvement": involvement,
            "measure": 999999,
            # the API world has no assessments, step changes, decisions or payments: ids that exist nowhere
            "decision": 999999,
            "assessment": 999999,
            "step_change": 999999,
            "frontline_payment": 999999,
            "version": 1,
            "sharing_agreement": getattr(
                SharingAgreement.objects.filter(case=case).order_by("pk").first(), "pk", 999999
            ),
        }

    columns = [
        column(
            s.case_a,
            w.plan_a,
            w.goal_a,
            w.action_volunteer,
            w.note_team,
            w.conference_a.pk,
            w.short_contact_a.pk,
            w.signal_a.pk,
            involvement_a.pk,
        ),
        column(
            case_t,
            plan_t,
            goal_t,
            action_t,
            note_t,
            conference_t.pk,
            w.short_contact_a.pk,
            w.signal_a.pk,
            involvement_a.pk,
        ),
        column(
            s.case_b,
            w.plan_b,
            w.goal_b,
            w.action_b,
            w.note_b,
            conference_b.pk,
            w.short_contact_b.pk,
            w.signal_b.pk,
            involvement_a.pk,
        ),
    ]
    grant = EmergencyAccess.objects.create(
        user=s.teammate,
        object_type="cases.case",
        object_id=s.case_b.pk,
        reason="x" * 20,
        expires_at=case_t.created_at,
    )
    dlist = DestructionList.objects.create(proposed_on=case_t.opened_on)
    hold = destruction.legal_hold_place(case_id=s.case_a.pk, reason="Bezwaar", actor=s.privacy)
    membership = Membership.objects.filter(team=s.team_a).order_by("pk").first()
    other = {
        "pk": s.team_a.pk,
        "code": s.team_a.municipality.code,
        "grant_id": grant.pk,
        "list_id": dlist.pk,
        "hold_id": hold.pk,
        "membership_pk": membership.pk,
        "item_pk": getattr(MandateItem.objects.first(), "pk", 999999),
        "target_pk": getattr(Target.objects.first(), "pk", 999999),
        "affiliation_pk": getattr(Affiliation.objects.first(), "pk", 999999),
    }
    other["organisation_pk"] = s.social_work.pk
    other["team_id"] = s.team_a.pk
    other["missing_pk"] = 999999
    other["instrument_pk"] = getattr(Instrument.objects.order_by("pk").first(), "pk", 999999)
    other["catalogue_pk"] = getattr(CatalogueOption.objects.order_by("pk").first(), "pk", 999999)
    other["life_domain_pk"] = LifeDomain.objects.order_by("pk").first().pk
    other["care_level_pk"] = CareLevel.objects.order_by("pk").first().pk
    other["legal_basis_pk"] = LegalBasis.objects.order_by("pk").first().pk
    other["discipline_pk"] = getattr(Discipline.objects.order_by("pk").first(), "pk", 999999)
    other["initiative_pk"] = getattr(Initiative.objects.order_by("pk").first(), "pk", 999999)
    review = Review.objects.create(team=s.team_a, period="2026-Q1", held_on=case_t.opened_on, created_by=s.team_lead)
    improvement = Improvement.objects.create(
        review=review, description="Sneller terugbellen", owner=s.team_lead, due_on=case_t.opened_on
    )
    other["review_pk"] = review.pk
    other["team_pk"] = s.team_a.pk
    other["improvement_pk"] = improvement.pk
    other["key"] = "decisions_by_provision"
    other["fmt"] = "csv"
    # distinctive names, so a refusal or a list that shows one cannot be confused with a worker's name
    names = ["Matrixhuishouden Eigen", "Matrixhuishouden Teamgenoot", "Matrixhuishouden Anderteam"]
    for case, name in zip((s.case_a, case_t, s.case_b), names, strict=True):
        Household.objects.filter(pk=case.household_id).update(name=name)
    return Matrix(users, columns, other, names)


def _routes() -> list[tuple[str, str]]:
    routes = []
    for pattern, name in walk(get_resolver().url_patterns):
        if not name or pattern.startswith("beheer/") or name in OUTSIDE or "format" in pattern:
            continue
        routes.append((name, pattern))
    return routes


def _kwargs(pattern: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern) and [
        a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)
    ]


def _is_case_bound(name: str, args: list[str]) -> str | None:
    short = name.split(":")[-1]
    if short in API_CASE_BOUND:
        return API_CASE_BOUND[short]
    for arg in args:
        if arg in CASE_BOUND_KWARGS:
            return CASE_BOUND_KWARGS[arg]
    return None


def _path(pattern: str, values: dict[str, Any]) -> str:
    path = pattern.replace("^", "").replace("$", "")

    def sub(match: re.Match) -> str:
        arg = match.group(1) or match.group(2)
        return str(values[arg])

    path = re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", sub, path)
    return "/" + path.replace("\\", "")


def _request(client: Any, path: str) -> Any:
    with transaction.atomic():
        response = client.get(path)
        if response.status_code == 405:
            response = client.post(path, {})
        transaction.set_rollback(True)
    return response


def test_every_route_every_role_every_case(client):
    m = _matrix()
    observed: dict[str, str] = {}
    leaks: list[str] = []
    routes = _routes()
    for name, pattern in routes:
        args = _kwargs(pattern) or []
        kind = _is_case_bound(name, args)
        groups = []
        for role in ROLES:
            client.force_login(m.users[role])
            if kind is None:
                values = {a: m.other[PK_OF.get(name, "pk")] if a == "pk" else m.other[a] for a in args}
                response = _request(client, _path(pattern, values))
                groups.append(str(response.status_code))
                # lists and pages without a case: never another team's household, and nothing of any
                # household for the roles without case content
                shown = [n for i, n in enumerate(m.household_names) if n.encode() in response.content]
                if m.household_names[2] in shown or (role in NO_CASE_CONTENT and shown):
                    leaks.append(f"{name} as {role} shows {shown}")
                continue
            codes = []
            for index, column in enumerate(m.columns):
                values = {}
                for arg in args:
                    values[arg] = column[CASE_BOUND_KWARGS.get(arg, kind)] if arg != "pk" else column[kind]
                response = _request(client, _path(pattern, values))
                code = response.status_code
                codes.append(str(code))
                where = f"{name} as {role} on column {index}: {code}"
                exempt = role == "privacy_officer" and name in RESIDENT_RIGHTS_ROUTES
                if code in SUCCESS and (index == 2 or role in NO_CASE_CONTENT) and not exempt:
                    leaks.append(where)
                if code not in SUCCESS and m.household_names[index].encode() in response.content:
                    leaks.append(where + " (refusal shows the household name)")
            groups.append("/".join(codes))
        observed[name] = " ".join(groups)
    if os.environ.get("MATRIX_PRINT"):
        for name, row in observed.items():
            sys.stdout.write(f'    "{name}": "{row}",\n')
    assert not leaks, "leaks:\n" + "\n".join(leaks)
    missing = sorted(set(observed) - set(EXPECTED))
    assert not missing, f"routes not in the matrix table: {missing}"
    stale = sorted(set(EXPECTED) - set(observed))
    assert not stale, f"routes in the table that no longer exist: {stale}"
    differ = [f"{n}: expected {EXPECTED[n]!r}, got {observed[n]!r}" for n in observed if observed[n] != EXPECTED[n]]
    assert not differ, "\n".join(differ)
