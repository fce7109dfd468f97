"""REST API of the case file under /api/v1/: persons, households, help requests, short contacts, signals,
cases, plans, goals, actions, contact moments and case conferences.

The same rule as the pages: every row comes through the access-checked selectors (`selectors.py`), what
the caller may not see answers 404, every read of person-level data is logged (NEN 7513, one insert per
request), and every change goes through a service with the caller as actor. Stale versions answer 409
with the current object; bad input 400 with a message per field.
"""

from wijkteam.cases.api.casefile import (
    ActionViewSet,
    CaseViewSet,
    ConferenceViewSet,
    ContactMomentViewSet,
    GoalViewSet,
    PlanViewSet,
)
from wijkteam.cases.api.households import HouseholdViewSet, PersonViewSet
from wijkteam.cases.api.intake import HelpRequestViewSet, ShortContactViewSet, SignalViewSet
from wijkteam.cases.api.sharing import SharingAgreementViewSet

# (URL prefix, viewset, basename) for config/api_urls.py
ROUTES = [
    ("persons", PersonViewSet, "person"),
    ("households", HouseholdViewSet, "household"),
    ("help-requests", HelpRequestViewSet, "help-request"),
    ("short-contacts", ShortContactViewSet, "short-contact"),
    ("signals", SignalViewSet, "signal"),
    ("cases", CaseViewSet, "case"),
    ("plans", PlanViewSet, "plan"),
    ("goals", GoalViewSet, "goal"),
    ("actions", ActionViewSet, "action"),
    ("contact-moments", ContactMomentViewSet, "contact-moment"),
    ("case-conferences", ConferenceViewSet, "case-conference"),
    ("sharing-agreements", SharingAgreementViewSet, "sharing-agreement"),
]

__all__ = ["ROUTES"]
