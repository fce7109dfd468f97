"""Reads of the teams app, with who may see what.

- Team set-up (organisations, teams, mandate, targets, composition, social map) is not person-level data
  of residents; workers' names and FTE are shown to functional administrators, team leads and, for the
  memberships list of the API, to workers of the teams.
- Per-member caseload is for the team lead of that team only (`user_leads_team`): monitoring staff
  individually needs the works council's consent. The municipality (`view_aggregates`) sees team totals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access.models import User
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.reference.models import LifeDomain
from wijkteam.teams import caseload, suggestion, workload
from wijkteam.teams.models import (
    Affiliation,
    Discipline,
    Initiative,
    Membership,
    Organisation,
    Team,
)

# Capabilities that open the teams pages at all.
TEAM_PAGE_CAPABILITIES = ("manage_teams", "lead_team", "view_aggregates")
# Capabilities of workers who may read the composition of teams (the memberships list of the API).
WORKER_CAPABILITIES = ("manage_teams", "lead_team", "view_aggregates", "register_intake", "view_case_content")


def can_any(user: User, capabilities: Iterable[str]) -> bool:
    """Whether the user has any of these capabilities (an anonymous user has none)."""
    return hasattr(user, "can") and any(user.can(c) for c in capabilities)


# ------------------------------------------------------------------------------------------ municipality
def default_municipality() -> Region | None:
    """The municipality this installation serves (setting WIJKTEAM_MUNICIPALITY), if the registry has it."""
    return Region.objects.filter(code=settings.WIJKTEAM_MUNICIPALITY, level=RegionLevel.MUNICIPALITY).first()


def municipality_districts(*, municipality: Region) -> QuerySet[Region]:
    return Region.objects.filter(municipality=municipality, level=RegionLevel.DISTRICT).order_by("code")


# ----------------------------------------------------------------------------------- organisations, users
def organisation_list(*, municipality: Region | None = None, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    """Organisations with the number of running memberships and affiliations (two subqueries, one query)."""
    today = timezone.localdate()
    organisations = Organisation.objects.select_related("municipality").annotate(
        member_count=Count(
            "memberships",
            filter=(Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today))
            & Q(memberships__start_date__lte=today),
            distinct=True,
        ),
        affiliate_count=Count(
            "affiliations",
            filter=(Q(affiliations__end_date__isnull=True) | Q(affiliations__end_date__gte=today))
            & Q(affiliations__start_date__lte=today),
            distinct=True,
        ),
    )
    if municipality is not None:
        organisations = organisations.filter(municipality=municipality)
    if query:
        organisations = organisations.filter(name__icontains=query)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("name")


def organisation_get(*, pk: int) -> Organisation:
    organisation = Organisation.objects.select_related("municipality").filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def organisation_people(*, organisation: Organisation) -> tuple[list[Membership], list[Affiliation]]:
    """Memberships and affiliations of an organisation, running ones first, newest start first."""
    memberships = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "team")
        .order_by("-start_date", "user__last_name")
    )
    affiliations = list(
        Affiliation.objects.filter(organisation=organisation).select_related("user").order_by("-start_date")
    )
    return memberships, affiliations


def user_organisations(*, user: User, on: date | None = None) -> list[Organisation]:
    """The organisations a user works for on `on` (default today): from running team memberships first,
    then from running affiliations; each once, in that order. Two queries."""
    if not getattr(user, "pk", None):
        return []
    result: dict[int, Organisation] = {}
    for membership in (
        Membership.objects.active(on).of_user(user.pk).select_related("organisation").order_by("start_date", "pk")
    ):
        result.setdefault(membership.organisation_id, membership.organisation)
    for affiliation in (
        Affiliation.objects.active(on).of_user(user.pk).select_related("organisation").order_by("start_date", "pk")
    ):
        result.setdefault(affiliation.organisation_id, affiliation.organisation)
    return list(result.values())


def organisation_of_user(*, user: User, on: date | None = None) -> Organisation | None:
    """The user's main organisation (see `user_organisations`), e.g. for the access log; None if none."""
    organisations = user_organisations(user=user, on=on)
    return organisations[0] if organisations else None


def worker_choices() -> QuerySet[User]:
    """Active accounts that can be added to a team or an organisation."""
    return User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")


# ------------------------------------------------------------------------------------------- disciplines
def discipline_list(*, active_only: bool = False) -> QuerySet[Discipline]:
    disciplines = Discipline.objects.prefetch_related("life_domains")
    return disciplines.filter(is_active=True) if active_only else disciplines


def discipline_get(*, pk: int) -> Discipline:
    discipline = Discipline.objects.filter(pk=pk).first()
    if discipline is None:
        raise Http404
    return discipline


# ------------------------------------------------------------------------------------------------- teams
def team_ids_led_by(*, user: User, on: date | None = None) -> set[int]:
    """Teams the user leads: a running team-lead membership and the `lead_team` capability."""
    if not getattr(user, "pk", None) or not user.can("lead_team"):
        return set()
    return set(Membership.objects.active(on).of_user(user.pk).leading().values_list("team_id", flat=True))


def user_leads_team(*, user: User, team: Team) -> bool:
    return team.pk in team_ids_led_by(user=user)


def team_list_for_user(*, user: User) -> QuerySet[Team]:
    """Teams whose page the user may open: all for set-up and aggregate roles, led teams for a team lead."""
    teams = Team.objects.select_related("municipality").annotate(district_count=Count("districts", distinct=True))
    if can_any(user, ("manage_teams", "view_aggregates")):
        return teams.order_by("name")
    led = team_ids_led_by(user=user)
    return teams.filter(pk__in=led).order_by("name")


def team_get_for_user(*, user: User, pk: int) -> Team:
    """One team the user may see; 404 alike for missing and not allowed."""
    team = team_list_for_user(user=user).prefetch_related("districts").filter(pk=pk).first()
    if team is None:
        raise Http404
    return team


def team_get_for_setup(*, pk: int) -> Team:
    """One team for a functional administrator's set-up screens (the view checks `manage_teams`)."""
    team = Team.objects.select_related("municipality").prefetch_related("districts").filter(pk=pk).first()
    if team is None:
        raise Http404
    return team


def team_mandate(*, team: Team) -> tuple[list, list, list]:
    """Mandate items in scope, out of scope, and the targets of a team."""
    items = list(
        team.mandate_items.select_related("life_domain").order_by("kind", "life_domain__order", "target_group")
    )
    targets = list(team.targets.order_by("-period", "metric_key"))
    return [i for i in items if i.in_scope], [i for i in items if not i.in_scope], targets


def running_memberships(*, team_ids: Sequence[int], on: date | None = None) -> list[Membership]:
    """Running memberships of these teams with user, organisation, disciplines (and their life domains)
    and districts; a fixed number of queries whatever the number of members."""
    return list(
        Membership.objects.active(on)
        .filter(team_id__in=list(team_ids))
        .select_related("user", "organisation")
        .prefetch_related(
            Prefetch("disciplines", queryset=Discipline.objects.prefetch_related("life_domains")),
            Prefetch("districts", queryset=Region.objects.only("id", "code", "name", "level")),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def membership_history(*, team: Team) -> list[Membership]:
    """Every membership the team ever had, newest first (ended ones included)."""
    return list(
        Membership.objects.filter(team=team)
        .select_related("user", "organisation")
        .prefetch_related("disciplines")
        .order_by("-start_date", "user__last_name", "-pk")
    )


def membership_get(*, team: Team, pk: int) -> Membership:
    membership = Membership.objects.select_related("user", "organisation", "team").filter(team=team, pk=pk).first()
    if membership is None:
        raise Http404
    return membership


def weights_of(team: Team) -> caseload.Weights:
    return caseload.Weights(
        weight_coordinator=team.weight_coordinator,
        weight_involvement=team.weight_involvement,
        hours_per_case_equivalent=team.hours_per_case_equivalent,
        norm_per_fte=team.caseload_norm_per_fte,
    )


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    coordinator_cases: int
    involvements: int
    figures: caseload.MemberCaseload


@dataclass(frozen=True)
class TeamCaseload:
    rows: list[MemberRow]
    totals: caseload.TeamTotals
    counts_available: bool


def _loads(memberships: Iterable[Membership], counts: dict[int, tuple[int, int]]) -> list[caseload.MemberLoad]:
    return [
        caseload.MemberLoad(
            key=m.pk,
            kind=m.kind,
            fte=m.fte,
            coordinator_cases=counts.get(m.user_id, (0, 0))[0],
            involvements=counts.get(m.user_id, (0, 0))[1],
            collective_hours=m.collective_hours_per_week,
        )
        for m in memberships
    ]


def team_caseload(*, team: Team, memberships: list[Membership] | None = None) -> TeamCaseload:
    """Caseload per running member against the norm, and team totals.

    Per-member figures are for the team lead of this team only; callers show others `totals`.
    """
    if memberships is None:
        memberships = running_memberships(team_ids=[team.pk])
    counts = workload.case_counts(team.pk, [m.user_id for m in memberships])
    weights = weights_of(team)
    loads = _loads(memberships, counts)
    rows = [
        MemberRow(
            membership=m,
            coordinator_cases=load.coordinator_cases,
            involvements=load.involvements,
            figures=caseload.member_caseload(load, weights),
        )
        for m, load in zip(memberships, loads, strict=True)
    ]
    return TeamCaseload(
        rows=rows,
        totals=caseload.team_totals(loads, weights),
        counts_available=workload.case_counts_available(),
    )


def teams_totals(*, teams: Sequence[Team]) -> dict[int, caseload.TeamTotals]:
    """Team totals (FTE, capacity, weighted caseload) for many teams: one query for the memberships of
    all teams, plus the case-count source once per team; never per member or per case."""
    by_team: dict[int, list] = defaultdict(list)
    rows = Membership.objects.active().filter(team_id__in=[t.pk for t in teams])
    for row in rows.values("pk", "team_id", "user_id", "kind", "fte", "collective_hours_per_week"):
        by_team[row["team_id"]].append(row)
    result = {}
    for team in teams:
        members = by_team.get(team.pk, [])
        counts = workload.case_counts(team.pk, [m["user_id"] for m in members])
        loads = [
            caseload.MemberLoad(
                key=m["pk"],
                kind=m["kind"],
                fte=m["fte"],
                coordinator_cases=counts.get(m["user_id"], (0, 0))[0],
                involvements=counts.get(m["user_id"], (0, 0))[1],
                collective_hours=m["collective_hours_per_week"],
            )
            for m in members
        ]
        result[team.pk] = caseload.team_totals(loads, weights_of(team))
    return result


@dataclass(frozen=True)
class CompositionLine:
    label: str
    fte: Decimal
    people: int


@dataclass(frozen=True)
class Composition:
    by_discipline: list[CompositionLine]
    by_organisation: list[CompositionLine]
    by_kind: list[CompositionLine]
    fte: Decimal
    people: int


def team_composition(*, memberships: Sequence[Membership]) -> Composition:
    """FTE and head count per discipline, organisation and kind of membership (from prefetched rows).

    A member with several disciplines counts evenly toward each, so the discipline lines add up to the
    team's FTE.
    """
    per_discipline: dict[str, list] = defaultdict(lambda: [Decimal("0"), 0])
    per_organisation: dict[str, list] = defaultdict(lambda: [Decimal("0"), 0])
    per_kind: dict[str, list] = defaultdict(lambda: [Decimal("0"), 0])
    order: dict[str, tuple] = {}
    for m in memberships:
        disciplines = list(m.disciplines.all())
        if disciplines:
            share = m.fte / len(disciplines)
            for d in disciplines:
                per_discipline[d.name][0] += share
                per_discipline[d.name][1] += 1
                order[d.name] = (d.order, d.code)
        else:
            label = _("No discipline recorded")
            per_discipline[label][0] += m.fte
            per_discipline[label][1] += 1
            order[label] = (10_000, "")
        per_organisation[m.organisation.name][0] += m.fte
        per_organisation[m.organisation.name][1] += 1
        per_kind[m.get_kind_display()][0] += m.fte
        per_kind[m.get_kind_display()][1] += 1

    def lines(table: dict[str, list], key=None) -> list[CompositionLine]:
        labels = sorted(table, key=key or (lambda label: label.casefold()))
        return [CompositionLine(label, caseload.round_tenth(table[label][0]), table[label][1]) for label in labels]

    return Composition(
        by_discipline=lines(per_discipline, key=lambda label: order[label]),
        by_organisation=lines(per_organisation),
        by_kind=lines(per_kind),
        fte=sum((m.fte for m in memberships), Decimal("0")),
        people=len({m.user_id for m in memberships}),
    )


# -------------------------------------------------------------------------------- coordinator suggestion
def suggestion_candidates(
    *, team: Team, memberships: list[Membership] | None = None, household_id: int | None = None
) -> list[suggestion.Candidate]:
    """The team's running members as candidates for coordinator, with caseload, capacity, districts and
    continuity; a fixed number of queries."""
    if memberships is None:
        memberships = running_memberships(team_ids=[team.pk])
    user_ids = [m.user_id for m in memberships]
    counts = workload.case_counts(team.pk, user_ids)
    helped = workload.helped_before(household_id, user_ids)
    weights = weights_of(team)
    team_districts = frozenset(d.code for d in team.districts.all())
    if team.covers_whole_municipality:
        team_districts |= frozenset(
            municipality_districts(municipality=team.municipality).values_list("code", flat=True)
        )
    candidates = []
    for m, load in zip(memberships, _loads(memberships, counts), strict=True):
        figures = caseload.member_caseload(load, weights)
        disciplines = [d for d in m.disciplines.all() if d.is_active]
        specific = frozenset(ld.code for d in disciplines if not d.is_broad for ld in d.life_domains.all())
        broad = frozenset(ld.code for d in disciplines if d.is_broad for ld in d.life_domains.all())
        member_districts = frozenset(d.code for d in m.districts.all()) or team_districts
        candidates.append(
            suggestion.Candidate(
                user_id=m.user_id,
                name=str(m.user),
                kind=m.kind,
                life_domains=specific,
                broad_domains=broad,
                caseload=figures.caseload,
                capacity=figures.capacity,
                districts=member_districts,
                helped_before=m.user_id in helped,
            )
        )
    return candidates


def coordinator_suggestions(
    *,
    team: Team,
    life_domain_codes: Iterable[str],
    district_code: str | None = None,
    household_id: int | None = None,
    limit: int | None = suggestion.DEFAULT_LIMIT,
) -> list[suggestion.Suggestion]:
    """The team members who fit a new case best, with reasons (see `suggestion.py`); the team lead decides.

    For the cases app: call it with the case's life domains, the household's district and household id.
    """
    codes = list(dict.fromkeys(life_domain_codes))
    domains = {d.code: d.name for d in LifeDomain.objects.filter(code__in=codes).order_by("order", "code")}
    need = suggestion.CaseNeed(life_domains=domains, district_code=district_code or None)
    return suggestion.rank(suggestion_candidates(team=team, household_id=household_id), need, limit=limit)


# ------------------------------------------------------------------------------------------- social map
def initiative_list(
    *,
    municipality: Region | None = None,
    district_code: str = "",
    life_domain_code: str = "",
    care_level: int | None = None,
    query: str = "",
    active_only: bool = True,
) -> QuerySet[Initiative]:
    """Entries of the social map, filtered; open information for every logged-in user."""
    initiatives = Initiative.objects.select_related("district", "team", "care_level").prefetch_related(
        Prefetch("life_domains", queryset=LifeDomain.objects.order_by("order"))
    )
    if active_only:
        initiatives = initiatives.active()
    if municipality is not None:
        initiatives = initiatives.in_municipality(municipality.pk)
    if district_code:
        initiatives = initiatives.in_district(district_code)
    if life_domain_code:
        initiatives = initiatives.helping_with(life_domain_code)
    if care_level is not None:
        initiatives = initiatives.at_care_level(care_level)
    if query:
        initiatives = initiatives.filter(Q(name__icontains=query) | Q(description__icontains=query))
    return initiatives.order_by("district__code", "name")


def initiative_team_ids_for_user(*, user: User) -> set[int] | None:
    """Teams whose social map the user may keep: None means all (functional administrator); otherwise
    the teams where the user has a running membership other than volunteer."""
    if user.can("manage_teams"):
        return None
    return set(Membership.objects.active().of_user(user.pk).exclude(kind="volunteer").values_list("team_id", flat=True))


def initiative_teams_for_user(*, user: User) -> QuerySet[Team]:
    team_ids = initiative_team_ids_for_user(user=user)
    teams = Team.objects.active().order_by("name")
    return teams if team_ids is None else teams.filter(pk__in=team_ids)


def can_keep_social_map(*, user: User) -> bool:
    team_ids = initiative_team_ids_for_user(user=user)
    return team_ids is None or bool(team_ids)


def initiative_get(*, pk: int) -> Initiative:
    initiative = Initiative.objects.select_related("district", "team", "care_level").filter(pk=pk).first()
    if initiative is None:
        raise Http404
    return initiative


def initiative_get_for_edit(*, user: User, pk: int) -> Initiative:
    """An initiative the user may change; 404 alike for missing and not allowed."""
    initiative = initiative_get(pk=pk)
    team_ids = initiative_team_ids_for_user(user=user)
    if team_ids is not None and initiative.team_id not in team_ids:
        raise Http404
    return initiative


def district_initiatives(*, region: Region) -> list[Initiative]:
    """The active initiatives of a district (or of all districts of a municipality) for the profile page."""
    if region.level == RegionLevel.DISTRICT:
        return list(initiative_list(district_code=region.code))
    if region.level == RegionLevel.MUNICIPALITY:
        return list(initiative_list(municipality=region))
    return []
