"""Writes of the planning app: saving and (de)activating weight sets of the expected-demand model.

Each runs in one transaction and records its audit event in it. The only data planning writes is its own
weight sets; it never changes data of another app.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.models import User
from wijkteam.neighbourhoods.models import Region
from wijkteam.planning import demand
from wijkteam.planning.models import DemandWeightSet


@transaction.atomic
def demand_weight_set_create(
    *,
    municipality: Region,
    name: str,
    year: int,
    calibration: demand.Calibration,
    activate: bool,
    actor: User,
) -> DemandWeightSet:
    """Save the weights of a recalibration with its fit report; with `activate` it becomes the set the
    municipality's expected demand uses."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the weight set a name.")})
    if DemandWeightSet.objects.filter(municipality=municipality, name=name).exists():
        raise ValidationError({"name": _("A weight set with this name already exists.")})
    report = {
        "fits": {
            domain: {
                "n": fit.n,
                "r_squared": fit.r_squared,
                "residuals": [[label, value] for label, value in fit.residuals],
                "excluded": list(fit.excluded),
            }
            for domain, fit in calibration.fits.items()
        },
        "skipped": dict(calibration.skipped),
    }
    if activate:
        DemandWeightSet.objects.filter(municipality=municipality, is_active=True).update(is_active=False)
    weight_set = DemandWeightSet.objects.create(
        municipality=municipality,
        name=name,
        created_by=actor,
        year=year,
        model_version=calibration.model.version,
        calibrated_on=calibration.model.calibrated_on,
        weights=demand.weights_to_data(calibration.model.weights),
        fit_report=report,
        is_active=activate,
    )
    audit.event_record(
        actor=actor,
        action="demand_weight_set.created",
        target=weight_set,
        summary=name,
        details={"municipality": municipality.code, "year": year, "active": activate, "fitted": list(report["fits"])},
    )
    return weight_set


@transaction.atomic
def demand_weight_set_activate(*, weight_set: DemandWeightSet, actor: User) -> DemandWeightSet:
    """Make this set the one the municipality's expected demand uses."""
    DemandWeightSet.objects.filter(municipality_id=weight_set.municipality_id, is_active=True).exclude(
        pk=weight_set.pk
    ).update(is_active=False)
    weight_set.is_active = True
    weight_set.save(update_fields=["is_active", "updated_at"])
    audit.event_record(actor=actor, action="demand_weight_set.activated", target=weight_set, summary=weight_set.name)
    return weight_set


@transaction.atomic
def demand_weight_set_deactivate(*, municipality: Region, actor: User) -> None:
    """Back to the shipped weights: no set of the municipality is active any more."""
    for weight_set in DemandWeightSet.objects.select_for_update().filter(municipality=municipality, is_active=True):
        weight_set.is_active = False
        weight_set.save(update_fields=["is_active", "updated_at"])
        audit.event_record(
            actor=actor, action="demand_weight_set.deactivated", target=weight_set, summary=weight_set.name
        )
