"""Composition and capacity advice (formatie-advies): the FTE per discipline a team needs for the
expected demand of its districts, beside what its memberships give. Pure: no ORM; table-tested.

The formula (documented in docs/district-analysis.md):

    cases per year           C   = Σ_domain E_domain ÷ DOMAINS_PER_REQUEST
    cases open at a time     O   = C × CASE_MONTHS ÷ 12
    generalist FTE               = O × weight of a case as coordinator ÷ norm per FTE
    FTE of specialist k          = Σ_(domains d of k) E_d × CASE_MONTHS ÷ 12 × SPECIALIST_SHARE_d
                                   × weight of an involvement ÷ norm per FTE

E_domain is the expected number of requests touching a domain per year over the districts (rate per 1,000
households × households ÷ 1,000). Every case has a generalist coordinator; a share of the requests on a
domain also needs the specialist of that domain (an involvement). The weights and norm are the team's own
caseload settings (`teams.Team`), so the advice speaks the same language as the caseload page.

The numbers below are transparent starting assumptions, not measurements; change them here, with reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

GENERALIST = "generalist"
DOMAINS_PER_REQUEST = Decimal("2")  # a request touches about two life domains (see demand.WEIGHTS)
CASE_MONTHS = Decimal("6")  # a case runs about half a year, so one place in a caseload serves two a year


@dataclass(frozen=True)
class DomainDiscipline:
    discipline: str  # code of teams.Discipline; "generalist" alone: no specialist
    specialist_share: Decimal  # share of the requests on this domain that also need the specialist
    rationale: str


# The one table mapping life domains to the discipline that brings specialist knowledge of them.
DOMAIN_DISCIPLINES: dict[str, DomainDiscipline] = {
    "finances": DomainDiscipline("debts_money", Decimal("0.5"), "Schulden vragen vaak een schuldhulpverlener."),
    "work_education": DomainDiscipline("work_income", Decimal("0.4"), "Re-integratie en werk: consulent werk."),
    "time_use": DomainDiscipline("disability_support", Decimal("0.2"), "Dagbesteding, vaak via Wmo."),
    "housing": DomainDiscipline("housing", Decimal("0.3"), "Huurachterstand en uitzetting: woonconsulent."),
    "domestic_relations": DomainDiscipline("youth", Decimal("0.5"), "Opvoeding en scheiding: jeugd en gezin."),
    "mental_health": DomainDiscipline("mental_health", Decimal("0.4"), "Psychische klachten: GGZ in de wijk."),
    "physical_health": DomainDiscipline("district_nursing", Decimal("0.3"), "Ziekte en beperking: wijkverpleging."),
    "substance_use": DomainDiscipline("addiction", Decimal("0.5"), "Verslaving vraagt verslavingszorg."),
    "basic_adl": DomainDiscipline("district_nursing", Decimal("0.5"), "Persoonlijke verzorging: wijkverpleging."),
    "instrumental_adl": DomainDiscipline("disability_support", Decimal("0.3"), "Huishouden: Wmo-ondersteuning."),
    "social_network": DomainDiscipline("volunteer_coordination", Decimal("0.2"), "Eenzaamheid: vrijwilligers."),
    "community_participation": DomainDiscipline(
        "volunteer_coordination", Decimal("0.2"), "Meedoen: vrijwilligerswerk en initiatieven."
    ),
    "justice": DomainDiscipline(GENERALIST, Decimal("0"), "Zeldzaam; de generalist schakelt de keten in."),
}

TOLERANCE = Decimal("0.1")  # a difference smaller than this (after rounding to 0.1 FTE) is balance
_TENTH = Decimal("0.1")

SHORTAGE = "shortage"
SURPLUS = "surplus"
BALANCE = "balance"


def tenth(value: Decimal) -> Decimal:
    return Decimal(value).quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Settings:
    norm_per_fte: Decimal = Decimal("20")
    weight_coordinator: Decimal = Decimal("1")
    weight_involvement: Decimal = Decimal("0.5")


@dataclass(frozen=True)
class AdviceLine:
    discipline: str
    name: str
    needed: Decimal  # FTE, rounded to 0.1
    available: Decimal  # FTE, rounded to 0.1
    domains: tuple[str, ...]  # the life domains that make up the need

    @property
    def gap(self) -> Decimal:
        """Positive: too little; negative: more than needed."""
        return self.needed - self.available

    @property
    def status(self) -> str:
        if self.gap >= TOLERANCE:
            return SHORTAGE
        if self.gap <= -TOLERANCE:
            return SURPLUS
        return BALANCE

    @property
    def words(self) -> str:
        subject = self.name[:1].lower() + self.name[1:]
        amount = number_format(abs(self.gap), 1)
        if self.status == SHORTAGE:
            return _("There is %(fte)s FTE %(discipline)s too little.") % {"fte": amount, "discipline": subject}
        if self.status == SURPLUS:
            return _("There is %(fte)s FTE %(discipline)s more than needed.") % {"fte": amount, "discipline": subject}
        return _("%(discipline)s is in balance.") % {"discipline": self.name}


@dataclass(frozen=True)
class Advice:
    lines: list[AdviceLine]
    cases_per_year: Decimal
    open_cases: Decimal
    settings: Settings

    @property
    def needed(self) -> Decimal:
        return sum((line.needed for line in self.lines), Decimal("0"))

    @property
    def available(self) -> Decimal:
        return sum((line.available for line in self.lines), Decimal("0"))

    @property
    def gap(self) -> Decimal:
        return self.needed - self.available

    @property
    def words(self) -> str:
        line = AdviceLine("", _("In total"), self.needed, self.available, ())
        amount = number_format(abs(line.gap), 1)
        if line.status == SHORTAGE:
            return _("In total the team has %(fte)s FTE too little.") % {"fte": amount}
        if line.status == SURPLUS:
            return _("In total the team has %(fte)s FTE more than needed.") % {"fte": amount}
        return _("In total the team's size fits the expected demand.")


def advise(
    *,
    expected: Mapping[str, float],
    available: Mapping[str, Decimal],
    names: Mapping[str, str],
    settings: Settings | None = None,
) -> Advice:
    """The advice from the expected requests per life domain per year (over the districts) and the FTE the
    memberships give per discipline code. Disciplines that are available but not needed show as surplus;
    needed ones nobody brings show as shortage."""
    settings = settings or Settings()
    if settings.norm_per_fte <= 0:
        raise ValueError("the norm per FTE must be positive")
    months = CASE_MONTHS / 12
    touches = sum((Decimal(str(v)) for v in expected.values()), Decimal("0"))
    cases = touches / DOMAINS_PER_REQUEST
    open_cases = cases * months
    load: dict[str, Decimal] = {GENERALIST: open_cases * settings.weight_coordinator}
    domains: dict[str, list[str]] = {GENERALIST: sorted(expected)}
    for domain, count in expected.items():
        mapping = DOMAIN_DISCIPLINES.get(domain)
        if mapping is None or mapping.discipline == GENERALIST or not mapping.specialist_share:
            continue
        involvements = Decimal(str(count)) * months * mapping.specialist_share
        load[mapping.discipline] = (
            load.get(mapping.discipline, Decimal("0")) + involvements * settings.weight_involvement
        )
        domains.setdefault(mapping.discipline, []).append(domain)
    codes = list(load) + [code for code in available if code not in load]
    lines = [
        AdviceLine(
            code,
            names.get(code, code),
            tenth(load.get(code, Decimal("0")) / settings.norm_per_fte),
            tenth(available.get(code, Decimal("0"))),
            tuple(domains.get(code, ())),
        )
        for code in codes
    ]
    order = {code: i for i, code in enumerate(names)}
    lines.sort(key=lambda line: (order.get(line.discipline, len(order)), line.discipline))
    return Advice(lines, tenth(cases), tenth(open_cases), settings)


CASE_CARRYING_KINDS = frozenset({"generalist", "specialist", "wmo_consultant"})
NO_DISCIPLINE = "none"


def available_fte(members: list[tuple[str, Decimal, tuple[str, ...]]]) -> dict[str, Decimal]:
    """FTE per discipline code from (kind, fte, discipline codes) of running memberships: only members who
    carry cases count; a member with several disciplines counts evenly toward each (as the team page does);
    a generalist without a recorded discipline counts as generalist, others under "none"."""
    totals: dict[str, Decimal] = {}
    for kind, fte, codes in members:
        if kind not in CASE_CARRYING_KINDS or not fte:
            continue
        if not codes:
            codes = (GENERALIST,) if kind == "generalist" else (NO_DISCIPLINE,)
        share = Decimal(fte) / len(codes)
        for code in codes:
            totals[code] = totals.get(code, Decimal("0")) + share
    return totals
