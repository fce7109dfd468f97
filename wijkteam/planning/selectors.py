"""Reads of the planning app: expected demand of a region from its CBS figures (open data, aggregates),
observed against expected demand per district, recalibration, and composition advice per team.

Expected demand: any logged-in user (public district figures; areas, never persons). Observed demand is an
aggregate of persons' help requests: only for `view_aggregates`, and every count small-number protected
(`core.disclosure`: below 8 secret, else rounded to 5) before it leaves this module; rates are computed
from the protected counts. Composition advice: policy advisors and analysts
(`view_aggregates`) and functional administrators (`manage_teams`) for every team; a team lead only for
the teams they lead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access.models import User
from wijkteam.access.roles import Role
from wijkteam.cases.models import HelpRequest
from wijkteam.core import disclosure
from wijkteam.households.models import Residence
from wijkteam.neighbourhoods.models import IndicatorValue, Region, RegionLevel
from wijkteam.neighbourhoods.selectors import region_figures
from wijkteam.planning import composition, demand
from wijkteam.planning.models import DemandWeightSet
from wijkteam.reference.models import LifeDomain
from wijkteam.teams.models import Discipline, Team
from wijkteam.teams.selectors import running_memberships, team_get_for_user, team_ids_led_by, team_list_for_user

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
    weight_set: DemandWeightSet | None = None  # None: the shipped weights

    @property
    def inputs(self) -> list[demand.InputValue]:
        return list(self.estimate.inputs.values())


def active_weight_set(*, municipality_id: int | None) -> DemandWeightSet | None:
    """The municipality's active weight set, if any (one query)."""
    if municipality_id is None:
        return None
    return DemandWeightSet.objects.filter(municipality_id=municipality_id, is_active=True).first()


def model_of(weight_set: DemandWeightSet | None) -> demand.DemandModel:
    """The model of a saved weight set, or the shipped one."""
    if weight_set is None:
        return demand.DEFAULT_MODEL
    return demand.model_from_data(
        weight_set.weights,
        version=f"{weight_set.model_version} ({weight_set.name})",
        calibrated_on=weight_set.calibrated_on,
    )


def _municipality_id(region: Region) -> int | None:
    if region.level == RegionLevel.MUNICIPALITY:
        return region.pk
    return region.municipality_id


def expected_demand_for_region(*, region: Region, model: demand.DemandModel | None = None) -> ExpectedDemand:
    """The expected demand per life domain of a region, with the municipality's active weight set (or the
    shipped weights); three queries (the weight set, its figures, the life domains)."""
    weight_set = None
    if model is None:
        weight_set = active_weight_set(municipality_id=_municipality_id(region))
        model = model_of(weight_set)
    figures = region_figures(regions=[region])[0]
    values = {edition: figure.value for edition, figure in figures.items()}
    estimate = demand.estimate_from_values(values, model)
    domains = {d.code: d for d in LifeDomain.objects.filter(code__in=list(model.weights))}
    rows = [DomainRow(domains.get(e.domain), e, model.weights[e.domain]) for e in estimate.domains]
    rows.sort(key=lambda row: (row.life_domain.order if row.life_domain else 999, row.estimate.domain))
    return ExpectedDemand(region, estimate, rows, weight_set)


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

    One query over only the indicators the model reads; the same estimate as `expected_demand_for_region`
    with the same model (here the shipped weights unless given: a national analysis has no municipality).
    """
    values: dict[int, dict[demand.EditionKey, float | None]] = {r.pk: {} for r in regions}
    rows = IndicatorValue.objects.filter(
        region__in=[r.pk for r in regions], indicator__key__in=model_indicator_keys(model)
    ).values_list("region_id", "indicator__key", "year", "source_table", "value")
    for region_id, key, year, table, value in rows.iterator(chunk_size=20_000):
        values[region_id][(key, year, table)] = value
    return {pk: demand.estimate_from_values(region_values, model) for pk, region_values in values.items()}


# ----------------------------------------------------------------------------- observed against expected


@dataclass(frozen=True)
class Cell:
    """One life domain of one district: observed (protected) against expected."""

    domain: LifeDomain
    observed: int | None  # protected count of requests touching the domain; None: secret (shown as ".")
    observed_rate: float | None  # per 1,000 households per year, from the protected count
    expected_rate: float

    @property
    def secret(self) -> bool:
        return self.observed is None

    @property
    def difference(self) -> float | None:
        return None if self.observed_rate is None else self.observed_rate - self.expected_rate


@dataclass(frozen=True)
class DistrictComparison:
    district: Region
    households: demand.Households
    requests: int | None  # protected number of help requests; None: secret
    inputs: dict[str, demand.InputValue]
    cells: list[Cell]


@dataclass(frozen=True)
class ObservedVsExpected:
    municipality: Region
    year: int
    years: list[int]  # years with registered help requests in the municipality, newest first
    complete_year: bool  # False: the year is not over yet, so the counts are incomplete
    weight_set: DemandWeightSet | None
    model: demand.DemandModel
    domains: list[LifeDomain]
    rows: list[DistrictComparison]
    without_district: int | None  # protected: requests of households without a known district then
    total_requests: int | None  # protected
    rule: disclosure.Rule

    @property
    def has_requests(self) -> bool:
        return bool(self.years)

    @property
    def any_estimated(self) -> bool:
        return any(row.households.estimated for row in self.rows)

    def observations(self) -> list[demand.Observation]:
        """One observation per district with households, of the domains whose count is not secret."""
        result = []
        for row in self.rows:
            observed = {c.domain.code: c.observed_rate for c in row.cells if c.observed_rate is not None}
            if observed:
                inputs = {key: value.value for key, value in row.inputs.items()}
                result.append(demand.Observation(row.district.display_name, inputs, observed))
        return result


def observed_years(*, municipality: Region) -> list[int]:
    return [d.year for d in HelpRequest.objects.filter(municipality=municipality).dates("received_on", "year", "DESC")]


def _district_at_request() -> Subquery:
    """The district of the household's address on the day the request was received (a subquery)."""
    on = OuterRef("received_on")
    return Subquery(
        Residence.objects.filter(household=OuterRef("household_id"), valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .order_by("-valid_from", "-id")
        .values("address__neighbourhood__parent_id")[:1]
    )


def observed_counts(
    *, municipality: Region, year: int
) -> tuple[dict[int | None, dict[str, int]], dict[int | None, int]]:
    """Raw counts of the help requests received in `year` per district (of the household's address then):
    per life domain, and in all. Two queries. Raw: protect them before they are shown."""
    requests = HelpRequest.objects.filter(municipality=municipality, received_on__year=year).annotate(
        district_id=_district_at_request()
    )
    totals: dict[int | None, int] = {
        row["district_id"]: row["n"] for row in requests.order_by().values("district_id").annotate(n=Count("id"))
    }
    per_domain: dict[int | None, dict[str, int]] = defaultdict(dict)
    rows = (
        requests.order_by()
        .filter(life_domains__isnull=False)
        .values("district_id", "life_domains__code")
        .annotate(n=Count("id"))
    )
    for row in rows:
        per_domain[row["district_id"]][row["life_domains__code"]] = row["n"]
    return dict(per_domain), totals


def observed_vs_expected(*, municipality: Region, year: int | None = None) -> ObservedVsExpected:
    """Observed (registered help requests per life domain, per 1,000 households, per district of the
    household's address) against expected demand, for one whole year; counts protected. A fixed number
    of queries whatever the number of districts or requests."""
    years = observed_years(municipality=municipality)
    if year is None:
        year = years[0] if years else timezone.localdate().year - 1
    weight_set = active_weight_set(municipality_id=municipality.pk)
    model = model_of(weight_set)
    districts = list(Region.objects.filter(municipality=municipality, level=RegionLevel.DISTRICT).order_by("code"))
    figures = region_figures(regions=[municipality, *districts])
    municipal_values = {edition: f.value for edition, f in figures[0].items()}
    domains = list(LifeDomain.objects.filter(code__in=list(model.weights)).order_by("order", "code"))
    per_domain, totals = observed_counts(municipality=municipality, year=year)
    rule = disclosure.rule_from_settings()
    rows = []
    for district, district_figures in zip(districts, figures[1:], strict=True):
        values = {edition: f.value for edition, f in district_figures.items()}
        households = demand.households_with_estimate(values, municipal_values)
        estimate = demand.estimate_from_values(values, model)
        expected = {e.domain: e.rate for e in estimate.domains}
        counts = per_domain.get(district.pk, {})
        cells = []
        for domain in domains:
            protected = disclosure.protect(counts.get(domain.code, 0), rule)
            rate = None
            if protected is not None and households.value:
                rate = protected / households.value * 1000
            cells.append(Cell(domain, protected, rate, expected.get(domain.code, 0.0)))
        rows.append(
            DistrictComparison(
                district, households, disclosure.protect(totals.get(district.pk, 0), rule), estimate.inputs, cells
            )
        )
    known = {d.pk for d in districts}
    unknown = sum(n for district_id, n in totals.items() if district_id not in known)
    return ObservedVsExpected(
        municipality=municipality,
        year=year,
        years=years,
        complete_year=year < timezone.localdate().year,
        weight_set=weight_set,
        model=model,
        domains=domains,
        rows=rows,
        without_district=disclosure.protect(unknown, rule),
        total_requests=disclosure.protect(sum(totals.values()), rule),
        rule=rule,
    )


def demand_panel_context(request: HttpRequest) -> dict[str, Any]:
    """Home panel: the installation's municipality, for the link to its observed demand (one query)."""
    return {
        "municipality": Region.objects.filter(
            code=settings.WIJKTEAM_MUNICIPALITY, level=RegionLevel.MUNICIPALITY
        ).first()
    }


def observed_section(region: Region, request: HttpRequest) -> dict[str, Any]:
    """Context of the municipality-profile section: observed against expected, for `view_aggregates`."""
    user = request.user
    if region.level != RegionLevel.MUNICIPALITY or not (hasattr(user, "can") and user.can("view_aggregates")):
        return {"observed": None}
    return {"observed": observed_vs_expected(municipality=region)}


# ------------------------------------------------------------------------------------------ recalibration


@dataclass(frozen=True)
class Recalibration:
    comparison: ObservedVsExpected
    calibration: demand.Calibration | None
    error: str | None  # why nothing could be fitted

    @property
    def fits(self) -> list[tuple[LifeDomain, demand.Fit]]:
        if self.calibration is None:
            return []
        return [(d, self.calibration.fits[d.code]) for d in self.comparison.domains if d.code in self.calibration.fits]

    @property
    def unobserved(self) -> list[LifeDomain]:
        """Domains with too few requests in every district to be observed: they keep their weights."""
        if self.calibration is None:
            return []
        done = set(self.calibration.fits) | set(self.calibration.skipped)
        return [d for d in self.comparison.domains if d.code not in done]

    @property
    def skipped(self) -> list[tuple[LifeDomain, str]]:
        if self.calibration is None:
            return []
        return [
            (d, self.calibration.skipped[d.code]) for d in self.comparison.domains if d.code in self.calibration.skipped
        ]


def recalibration(*, municipality: Region, year: int | None = None) -> Recalibration:
    """Refit the weights on the municipality's observed demand (per domain; domains that cannot be fitted
    keep their weights and say why), starting from the shipped model."""
    comparison = observed_vs_expected(municipality=municipality, year=year)
    observations = comparison.observations()
    if not comparison.has_requests or not observations:
        return Recalibration(
            comparison,
            None,
            _(
                "There is not enough registered demand to recalibrate: no district has a life domain with "
                "at least %(threshold)d help requests in %(year)d and known households."
            )
            % {"threshold": disclosure.rule_from_settings().threshold, "year": comparison.year},
        )
    try:
        calibration = demand.calibrate(observations, strict=False)
    except demand.CalibrationError as exc:
        return Recalibration(comparison, None, str(exc))
    return Recalibration(comparison, calibration, None)


def weight_sets(*, municipality: Region) -> QuerySet[DemandWeightSet]:
    return DemandWeightSet.objects.filter(municipality=municipality).select_related("created_by")


# ---------------------------------------------------------------------------- composition and capacity


@dataclass(frozen=True)
class DistrictDemand:
    district: Region
    households: demand.Households
    requests_per_domain: dict[str, float] | None  # None: no households known, so not counted


@dataclass(frozen=True)
class CompositionAdvice:
    team: Team
    districts: list[DistrictDemand]
    what_if: bool  # True: a chosen set of districts instead of the team's own
    advice: composition.Advice
    weight_set: DemandWeightSet | None
    without_discipline: Decimal  # FTE of case-carrying members with no discipline recorded (not a generalist)

    @property
    def uncounted(self) -> list[DistrictDemand]:
        return [d for d in self.districts if d.requests_per_domain is None]

    @property
    def estimated(self) -> list[DistrictDemand]:
        return [d for d in self.districts if d.requests_per_domain is not None and d.households.estimated]


def team_districts(*, team: Team) -> list[Region]:
    """The districts a team covers (all of the municipality's when it covers the whole municipality)."""
    if team.covers_whole_municipality:
        return list(
            Region.objects.filter(municipality_id=team.municipality_id, level=RegionLevel.DISTRICT).order_by("code")
        )
    return sorted(team.districts.all(), key=lambda d: d.code)


def districts_by_codes(*, municipality: Region, codes: Sequence[str]) -> list[Region]:
    """The districts of the municipality with these codes; raises ValueError naming unknown codes."""
    wanted = [c.strip().upper() for c in codes if c.strip()]
    found = list(
        Region.objects.filter(municipality=municipality, level=RegionLevel.DISTRICT, code__in=wanted).order_by("code")
    )
    unknown = sorted(set(wanted) - {d.code for d in found})
    if unknown:
        raise ValueError(
            _("Not a district of %(municipality)s: %(codes)s.")
            % {"municipality": municipality.name, "codes": ", ".join(unknown)}
        )
    return found


def composition_advice(*, team: Team, districts: Sequence[Region] | None = None) -> CompositionAdvice:
    """FTE per discipline the expected demand of the team's districts (or a chosen what-if set) asks for,
    beside what the team's running memberships give. A fixed number of queries."""
    what_if = districts is not None
    chosen = list(districts) if districts is not None else team_districts(team=team)
    if any(d.municipality_id != team.municipality_id for d in chosen):
        raise ValueError("the districts must lie in the team's municipality")
    weight_set = active_weight_set(municipality_id=team.municipality_id)
    model = model_of(weight_set)
    figures = region_figures(regions=[team.municipality, *chosen])
    municipal_values = {edition: f.value for edition, f in figures[0].items()}
    rows = []
    expected: dict[str, float] = defaultdict(float)
    for district, district_figures in zip(chosen, figures[1:], strict=True):
        values = {edition: f.value for edition, f in district_figures.items()}
        households = demand.households_with_estimate(values, municipal_values)
        per_domain = None
        if households.value:
            estimate = demand.estimate_from_values(values, model)
            per_domain = {e.domain: e.rate * households.value / 1000 for e in estimate.domains}
            for domain, count in per_domain.items():
                expected[domain] += count
        rows.append(DistrictDemand(district, households, per_domain))
    memberships = running_memberships(team_ids=[team.pk])
    members = [(m.kind, m.fte, tuple(d.code for d in m.disciplines.all())) for m in memberships]
    available = composition.available_fte(members)
    without = available.pop(composition.NO_DISCIPLINE, Decimal("0"))
    names = {d.code: d.name for d in Discipline.objects.order_by("order", "code")}
    advice = composition.advise(
        expected=dict(expected),
        available=available,
        names=names,
        settings=composition.Settings(
            norm_per_fte=team.caseload_norm_per_fte,
            weight_coordinator=team.weight_coordinator,
            weight_involvement=team.weight_involvement,
        ),
    )
    return CompositionAdvice(team, rows, what_if, advice, weight_set, composition.tenth(without))


def municipality_district_list(*, municipality: Region) -> list[Region]:
    return list(Region.objects.filter(municipality=municipality, level=RegionLevel.DISTRICT).order_by("code"))


# ---------------------------------------------------------------------------- who sees which team's advice
# Roles that see the composition advice of every team of the municipality; a user whose only route to the
# advice is the team-lead role sees it for the teams they lead.
COMPOSITION_ALL_TEAMS_ROLES = (Role.POLICY_ADVISOR, Role.DATA_ANALYST, Role.FUNCTIONAL_ADMIN)


def _composition_all_teams(user: User) -> bool:
    return user.has_role(*COMPOSITION_ALL_TEAMS_ROLES) or user.is_superuser


def composition_teams_for_user(*, user: User) -> QuerySet[Team]:
    """Teams whose composition advice the user may see (the caller checked the capability)."""
    teams = team_list_for_user(user=user)
    if _composition_all_teams(user):
        return teams
    return teams.filter(pk__in=team_ids_led_by(user=user))


def composition_team_get_for_user(*, user: User, pk: int) -> Team:
    """One team whose composition advice the user may see; 404 alike for missing and not allowed."""
    if not _composition_all_teams(user) and pk not in team_ids_led_by(user=user):
        raise Http404
    return team_get_for_user(user=user, pk=pk)
