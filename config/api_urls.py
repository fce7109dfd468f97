"""All REST endpoints under /api/v1/, one router for every app."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from wijkteam.access.api import MeViewSet
from wijkteam.assessments.api import ROUTES as ASSESSMENT_ROUTES
from wijkteam.cases.api import ROUTES as CASE_ROUTES
from wijkteam.neighbourhoods.api import RegionViewSet
from wijkteam.planning.api import CompositionAdviceView, ExpectedDemandView
from wijkteam.provisions.api import ROUTES as PROVISION_ROUTES
from wijkteam.reference.api import (
    CareLevelViewSet,
    LegalBasisViewSet,
    LifeDomainViewSet,
)
from wijkteam.teams.api import (
    DisciplineViewSet,
    InitiativeViewSet,
    MembershipViewSet,
    OrganisationViewSet,
    TeamViewSet,
)

router = DefaultRouter()
router.include_format_suffixes = False
router.register("me", MeViewSet, basename="me")
router.register("regions", RegionViewSet, basename="region")
router.register("life-domains", LifeDomainViewSet, basename="life-domain")
router.register("care-levels", CareLevelViewSet, basename="care-level")
router.register("legal-bases", LegalBasisViewSet, basename="legal-basis")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("disciplines", DisciplineViewSet, basename="discipline")
router.register("teams", TeamViewSet, basename="team")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("initiatives", InitiativeViewSet, basename="initiative")
for prefix, viewset, basename in [*CASE_ROUTES, *ASSESSMENT_ROUTES]:
    router.register(prefix, viewset, basename=basename)
for prefix, viewset, basename in PROVISION_ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    *router.urls,
    path("regions/<str:code>/expected-demand/", ExpectedDemandView.as_view(), name="region-expected-demand"),
    path("teams/<int:pk>/composition-advice/", CompositionAdviceView.as_view(), name="team-composition-advice"),
]
