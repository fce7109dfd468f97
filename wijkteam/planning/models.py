"""Saved weight sets of the expected-demand model: a municipality's own recalibration.

The shipped weights (`demand.WEIGHTS`) stay the default; a policy advisor may save the result of a
recalibration on the municipality's registered demand as a weight set and make it the active one. Expected
demand then uses the municipality's active set and says so.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.core.models import TimeStampedModel


class DemandWeightSet(TimeStampedModel):
    """Weights of the expected-demand model fitted on a municipality's registered demand."""

    municipality = models.ForeignKey(
        "neighbourhoods.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year of the registered demand"))
    model_version = models.CharField(_("model version"), max_length=40)
    calibrated_on = models.PositiveSmallIntegerField(_("districts fitted on"), default=0)
    # {domain: {"base": x, "coefficients": {input: y}}}, as `demand.weights_to_data` writes it.
    weights = models.JSONField(_("weights"))
    # {"fits": {domain: {"n", "r_squared", "residuals": [[label, value]], "excluded"}}, "skipped": {domain: reason}}
    fit_report = models.JSONField(_("fit report"), default=dict)
    is_active = models.BooleanField(_("active"), default=False)

    class Meta:
        ordering = ["municipality", "-created_at", "-id"]
        verbose_name = _("demand weight set")
        verbose_name_plural = _("demand weight sets")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="weightset_unique_name"),
            models.UniqueConstraint(fields=["municipality"], condition=Q(is_active=True), name="weightset_one_active"),
        ]
        indexes = [models.Index(fields=["municipality", "is_active"], name="weightset_municipality_idx")]

    def __str__(self) -> str:
        return self.name
