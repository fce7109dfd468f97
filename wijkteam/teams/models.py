"""Set-up of social teams (inrichting): partner organisations, disciplines, teams, their mandate and
targets, and the memberships of workers. Caseload and workload are computed from these and the cases.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wijkteam.core.models import TimeStampedModel
from wijkteam.teams.querysets import AffiliationQuerySet, InitiativeQuerySet, MembershipQuerySet, TeamQuerySet
from wijkteam.teams.targets import COMPARISONS, METRICS


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality (incl. Wmo consultants)")
    SOCIAL_WORK = "social_work", _("General social work")
    CLIENT_SUPPORT = "client_support", _("MEE / client support")
    MENTAL_HEALTH = "mental_health", _("Mental health care (GGZ)")
    ADDICTION_CARE = "addiction_care", _("Addiction care")
    DISTRICT_NURSING = "district_nursing", _("District nursing")
    DEBT_COUNSELLING = "debt_counselling", _("Debt counselling")
    INCOME_ADMINISTRATION = "income_administration", _("Income administration (bewindvoering)")
    YOUTH_CARE = "youth_care", _("Youth care")
    YOUTH_PROTECTION = "youth_protection", _("Certified youth-protection institution (GI)")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    SCHOOL = "school", _("School / compulsory-education officer")
    WORK_INCOME = "work_income", _("Work & income")
    HOUSING_CORPORATION = "housing_corporation", _("Housing corporation")
    HEALTH_INSURER = "health_insurer", _("Health insurer")
    VOLUNTEER_ORGANISATION = "volunteer_organisation", _("Volunteer organisation")
    CARE_PROVIDER = "care_provider", _("Care provider")
    OTHER = "other", _("Other")


class Organisation(TimeStampedModel):
    """A partner organisation whose workers take part in teams or join cases (MEE, GGZ, debt counselling, …)."""

    municipality = models.ForeignKey(
        "neighbourhoods.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    professional_secrecy = models.BooleanField(
        _("professional secrecy"),
        default=False,
        help_text=_("Notes of its workers stay in the organisation's compartment unless explicitly shared."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="organisation_unique_name"),
        ]
        indexes = [models.Index(fields=["municipality", "kind"], name="organisation_kind_idx")]

    def __str__(self) -> str:
        return self.name


class Discipline(models.Model):
    """An expertise a worker brings (youth, debts & money, mental health, …); editable reference data.

    `life_domains` says which life domains the discipline helps with; the coordinator suggestion uses it.
    Shipped disciplines (`data.DISCIPLINES`) are kept in sync by `services.discipline_data_sync`.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    life_domains = models.ManyToManyField(
        "reference.LifeDomain", blank=True, related_name="+", verbose_name=_("life domains")
    )
    is_broad = models.BooleanField(
        _("broad (generalist) discipline"),
        default=False,
        help_text=_(
            "Covers its life domains at a basic level; the coordinator suggestion counts such a match at half weight."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class OrganisationalForm(models.TextChoices):
    MUNICIPAL_TEAM = "municipal_team", _("Municipal team")
    FOUNDATION = "foundation", _("Foundation")
    PARTNER_NETWORK = "partner_network", _("Partner network")
    PILOT = "pilot", _("Pilot")


class Team(TimeStampedModel):
    """A social (neighbourhood) team covering one or more districts of a municipality."""

    municipality = models.ForeignKey(
        "neighbourhoods.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    districts = models.ManyToManyField(
        "neighbourhoods.Region", blank=True, related_name="teams", verbose_name=_("districts covered")
    )
    covers_whole_municipality = models.BooleanField(_("covers the whole municipality"), default=False)
    organisational_form = models.CharField(_("organisational form"), max_length=20, choices=OrganisationalForm.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    caseload_norm_per_fte = models.DecimalField(
        _("caseload norm per FTE"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("20.0"),
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_("Weighted cases one full-time worker can carry."),
    )
    weight_coordinator = models.DecimalField(
        _("weight of a case as coordinator"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    weight_involvement = models.DecimalField(
        _("weight of an involvement"), max_digits=4, decimal_places=2, default=Decimal("0.50")
    )
    hours_per_case_equivalent = models.DecimalField(
        _("collective work hours per week that count as one case"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("2.0"),
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    justice_domain_enabled = models.BooleanField(
        _("justice domain enabled"),
        default=False,
        help_text=_("Scoring the justice domain processes criminal-law data; only with a legal basis."),
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


class MandateItem(models.Model):
    """One line of a team's mandate: a life domain or target group explicitly in or out of scope."""

    class Kind(models.TextChoices):
        LIFE_DOMAIN = "life_domain", _("Life domain")
        TARGET_GROUP = "target_group", _("Target group")

    class TargetGroup(models.TextChoices):
        YOUTH = "youth", _("Youth (0–18) and families")
        YOUNG_ADULTS = "young_adults", _("Young adults (18–27)")
        ADULTS = "adults", _("Adults")
        ELDERLY = "elderly", _("Older people")
        DISABILITY = "disability", _("People with a disability")
        MENTAL_HEALTH = "mental_health", _("People with mental health problems")
        MULTI_PROBLEM = "multi_problem", _("Households with stacked problems")
        INFORMAL_CARERS = "informal_carers", _("Informal carers")
        HOMELESS = "homeless", _("Homeless people")
        NEWCOMERS = "newcomers", _("Newcomers (status holders)")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="mandate_items")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    life_domain = models.ForeignKey(
        "reference.LifeDomain", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("life domain")
    )
    target_group = models.CharField(_("target group"), max_length=30, choices=TargetGroup.choices, blank=True)
    in_scope = models.BooleanField(_("in scope"), default=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["team", "-in_scope", "kind", "life_domain__order", "target_group"]
        verbose_name = _("mandate item")
        verbose_name_plural = _("mandate items")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="life_domain", life_domain__isnull=False, target_group="")
                    | Q(kind="target_group", life_domain__isnull=True) & ~Q(target_group="")
                ),
                name="mandate_item_kind_matches",
            ),
            models.UniqueConstraint(
                fields=["team", "life_domain"], condition=Q(kind="life_domain"), name="mandate_unique_domain"
            ),
            models.UniqueConstraint(
                fields=["team", "target_group"], condition=Q(kind="target_group"), name="mandate_unique_group"
            ),
        ]

    def __str__(self) -> str:
        subject = self.life_domain if self.kind == self.Kind.LIFE_DOMAIN else self.get_target_group_display()
        return f"{subject} ({_('in scope') if self.in_scope else _('out of scope')})"


class Target(models.Model):
    """A target the municipality sets for a team: a metric, a comparison, a value and a period."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="targets")
    metric_key = models.CharField(
        _("indicator"), max_length=60, choices=[(key, metric.label) for key, metric in METRICS.items()]
    )
    comparison = models.CharField(
        _("comparison"), max_length=3, choices=[(key, symbol) for key, (symbol, _fn) in COMPARISONS.items()]
    )
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    period = models.CharField(_("period"), max_length=7, help_text=_("YYYY, YYYY-Hn or YYYY-Qn"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["team", "period", "metric_key"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["team", "metric_key", "period"], name="target_unique_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_key_display()} {self.get_comparison_display()} {self.value} ({self.period})"


class MembershipKind(models.TextChoices):
    GENERALIST = "generalist", _("Generalist")
    SPECIALIST = "specialist", _("Specialist")
    VOLUNTEER = "volunteer", _("Volunteer")
    TEAM_LEAD = "team_lead", _("Team lead")
    WMO_CONSULTANT = "wmo_consultant", _("Wmo consultant")


class Membership(TimeStampedModel):
    """A worker in a team on behalf of an organisation, with disciplines and FTE, for a period.

    Memberships are never deleted: leaving a team sets `end_date`; a change of FTE or kind ends the
    membership and starts a new one, so the history of the team's composition is kept.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField(_("kind"), max_length=20, choices=MembershipKind.choices)
    disciplines = models.ManyToManyField(
        Discipline, blank=True, related_name="memberships", verbose_name=_("disciplines")
    )
    districts = models.ManyToManyField(
        "neighbourhoods.Region",
        blank=True,
        related_name="+",
        verbose_name=_("districts worked in"),
        help_text=_("Leave empty when the member works in all of the team's districts."),
    )
    fte = models.DecimalField(
        _("FTE"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1.5"))],
    )
    collective_hours_per_week = models.DecimalField(
        _("collective neighbourhood work (hours per week)"), max_digits=4, decimal_places=1, default=Decimal("0")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team", "user__last_name", "start_date"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [
            models.Index(fields=["team", "end_date"], name="membership_team_idx"),
            models.Index(fields=["user", "end_date"], name="membership_user_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(fte__gte=0, fte__lte=Decimal("1.5"), collective_hours_per_week__gte=0),
                name="membership_fte_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.team} ({self.get_kind_display()})"

    def is_running(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class Affiliation(TimeStampedModel):
    """A worker's tie to an organisation outside any team: a partner professional (e.g. a debt counsellor
    of a debt-counselling organisation) who joins cases without being a team member.

    Like memberships, affiliations are ended (`end_date`), never deleted. The organisation of a user is
    read from their running memberships and affiliations (`selectors.user_organisations`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="affiliations")
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "user__last_name", "start_date"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        indexes = [
            models.Index(fields=["user", "end_date"], name="affiliation_user_idx"),
            models.Index(fields=["organisation", "end_date"], name="affiliation_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="affiliation_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"

    def is_running(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class InitiativeKind(models.TextChoices):
    MEAL_CLUB = "meal_club", _("Meal club")
    COMMUNITY_CENTRE = "community_centre", _("Community centre")
    VOLUNTEER_GROUP = "volunteer_group", _("Volunteer group")
    INFORMAL_CARER_SUPPORT = "informal_carer_support", _("Informal carer support")
    WALK_IN = "walk_in", _("Walk-in")
    SPORTS_EXERCISE = "sports_exercise", _("Sports and exercise")
    LANGUAGE_DIGITAL_HELP = "language_digital_help", _("Language and digital help")
    OTHER = "other", _("Other")


class Initiative(TimeStampedModel):
    """An entry of the social map (sociale kaart): a neighbourhood initiative or collective activity in a
    district (meal club, community centre, volunteer group, informal carers' support, …), kept by a team.

    Open to everyone without a decision, so it sits at care level 0 (own network, volunteers) or 1
    (general provision); cases offer it as a light option for the life domains it helps with.
    """

    district = models.ForeignKey(
        "neighbourhoods.Region",
        on_delete=models.PROTECT,
        related_name="initiatives",
        limit_choices_to={"level": "district"},
        verbose_name=_("district"),
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("kept by"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=InitiativeKind.choices)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("address or location"), max_length=300, blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    schedule = models.CharField(_("when"), max_length=300, blank=True, help_text=_("For example: Tuesdays 12:00–14:00"))
    care_level = models.ForeignKey(
        "reference.CareLevel", on_delete=models.PROTECT, related_name="+", verbose_name=_("care level")
    )
    life_domains = models.ManyToManyField(
        "reference.LifeDomain", blank=True, related_name="+", verbose_name=_("life domains it helps with")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(fields=["district", "is_active", "name"], name="initiative_district_idx"),
            models.Index(fields=["team", "is_active"], name="initiative_team_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="initiative_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
