"""All REST endpoints under /api/v1/, one router for every app."""

from rest_framework.routers import DefaultRouter

from wijkteam.access.api import MeViewSet
from wijkteam.cases.api import ROUTES as CASE_ROUTES
from wijkteam.neighbourhoods.api import RegionViewSet
from wijkteam.reference.api import (
    CareLevelViewSet,
    LegalBasisViewSet,
    LifeDomainViewSet,
)

router = DefaultRouter()
router.include_format_suffixes = False
router.register("me", MeViewSet, basename="me")
router.register("regions", RegionViewSet, basename="region")
router.register("life-domains", LifeDomainViewSet, basename="life-domain")
router.register("care-levels", CareLevelViewSet, basename="care-level")
router.register("legal-bases", LegalBasisViewSet, basename="legal-basis")
for prefix, viewset, basename in CASE_ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
