"""Reads of the planning app: expected demand of a region from its CBS figures (open data, aggregates).

Any logged-in user may see these: they are computed from public district figures and describe areas,
never persons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from wijkteam.neighbourhoods.models import IndicatorValue, Region, RegionLevel
from wijkteam.neighbourhoods.selectors import region_figures
from wijkteam.planning import demand
from wijkteam.reference.models import LifeDomain

# The country has no household figures in the CBS data: an estimate there would be only base rates.
LEVELS_WITH_DEMAND = (RegionLevel.MUNICIPALITY, RegionLevel.DISTRICT, RegionLevel.NEIGHBOURHOOD)


@dataclass(frozen=True)
class DomainRow:
    life_domain: LifeDomain | None
    estimate: demand.DomainEstimate
    weights: demand.DomainWeights

    @property
    def name(self) -> str:
        return self.life_domain.name if self.life_domain else self.estimate.domain

    @property
    def missing_inputs(self) -> list[demand.ModelInput]:
        return [demand.INPUTS_BY_KEY[key] for key in self.estimate.missing_inputs]

    @property
    def coefficients(self) -> list[tuple[demand.ModelInput, demand.Weight, float | None]]:
        """Each coefficient with its input and its contribution here (None: input missing)."""
        return [
            (demand.INPUTS_BY_KEY[key], weight, self.estimate.contributions.get(key))
            for key, weight in self.weights.coefficients.items()
        ]


@dataclass(frozen=True)
class ExpectedDemand:
    region: Region
    estimate: demand.DemandEstimate
    rows: list[DomainRow]

    @property
    def inputs(self) -> list[demand.InputValue]:
        return list(self.estimate.inputs.values())


def expected_demand_for_region(*, region: Region, model: demand.DemandModel = demand.DEFAULT_MODEL) -> ExpectedDemand:
    """The expected demand per life domain of a region; two queries (its figures, the life domains)."""
    figures = region_figures(regions=[region])[0]
    values = {edition: figure.value for edition, figure in figures.items()}
    estimate = demand.estimate_from_values(values, model)
    domains = {d.code: d for d in LifeDomain.objects.filter(code__in=list(model.weights))}
    rows = [DomainRow(domains.get(e.domain), e, model.weights[e.domain]) for e in estimate.domains]
    rows.sort(key=lambda row: (row.life_domain.order if row.life_domain else 999, row.estimate.domain))
    return ExpectedDemand(region, estimate, rows)


def expected_demand_section(region: Region, request: HttpRequest) -> dict[str, Any]:
    """Context of the district-profile section (registered in apps.py)."""
    if region.level not in LEVELS_WITH_DEMAND:
        return {"expected_demand": None}
    return {"expected_demand": expected_demand_for_region(region=region)}


def model_indicator_keys(model: demand.DemandModel = demand.DEFAULT_MODEL) -> set[str]:
    """The CBS indicators the demand model reads (numerators, denominators and the household count)."""
    keys = {"households"}
    for model_input in model.inputs:
        for source in model_input.sources:
            keys.update(source.numerator)
            if source.denominator:
                keys.add(source.denominator)
    return keys


def expected_demand_for_regions(
    *, regions: Sequence[Region], model: demand.DemandModel = demand.DEFAULT_MODEL
) -> dict[int, demand.DemandEstimate]:
    """The expected demand of many regions at once (e.g. every district of the country), by region id.

    One query over only the indicators the model reads; the same estimate as `expected_demand_for_region`.
    """
    values: dict[int, dict[demand.EditionKey, float | None]] = {r.pk: {} for r in regions}
    rows = IndicatorValue.objects.filter(
        region__in=[r.pk for r in regions], indicator__key__in=model_indicator_keys(model)
    ).values_list("region_id", "indicator__key", "year", "source_table", "value")
    for region_id, key, year, table, value in rows.iterator(chunk_size=20_000):
        values[region_id][(key, year, table)] = value
    return {pk: demand.estimate_from_values(region_values, model) for pk, region_values in values.items()}
