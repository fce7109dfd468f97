"""Stepped care: the catalogue of support options, step changes between care levels, legal terms,
decisions (beschikkingen), budgets and frontline payments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.core.models import TimeStampedModel


class Unit(models.TextChoices):
    HOUR = "hour", _("hour")
    DAY_PART = "day_part", _("day part")
    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")
    PIECE = "piece", _("piece")
    TRAJECTORY = "trajectory", _("trajectory")


class BudgetFunction(models.TextChoices):
    """Iv3 budget functions (taakvelden) of the social domain."""

    ACCESS = "6.1", _("6.1 Community participation")
    TEAMS = "6.2", _("6.2 Access and social teams")
    INCOME = "6.3", _("6.3 Income schemes")
    CUSTOM_ADULTS = "6.71", _("6.71 Customised services 18+")
    CUSTOM_YOUTH = "6.72", _("6.72 Customised services 18-")
    CUSTOM_SUPPORT = "6.81", _("6.81 Escalated care 18+")
    CUSTOM_YOUTH_ESCALATED = "6.82", _("6.82 Escalated care 18-")


class CatalogueOption(TimeStampedModel):
    """A support option of the stepped-care catalogue (voorziening): what it is, at which care level, on
    which legal basis, by which provider, where, and what a unit costs. Kept by functional administrators."""

    municipality = models.ForeignKey("neighbourhoods.Region", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("provision"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    care_level = models.ForeignKey(
        "reference.CareLevel", on_delete=models.PROTECT, related_name="+", verbose_name=_("care level")
    )
    legal_basis = models.ForeignKey(
        "reference.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis"),
        help_text=_("Empty for general provisions, which need no decision."),
    )
    provider = models.ForeignKey(
        "teams.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider"),
    )
    life_domains = models.ManyToManyField(
        "reference.LifeDomain", blank=True, related_name="+", verbose_name=_("life domains")
    )
    district = models.ForeignKey(
        "neighbourhoods.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Empty: the whole municipality."),
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.HOUR)
    tariff = models.DecimalField(
        _("tariff per unit (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    budget_function = models.CharField(_("budget function"), max_length=10, choices=BudgetFunction.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["care_level__level", "name"]
        verbose_name = _("catalogue option")
        verbose_name_plural = _("catalogue options")
        indexes = [models.Index(fields=["municipality", "is_active", "care_level"], name="catalogue_level_idx")]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name", "district"], name="catalogue_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class StepChange(TimeStampedModel):
    """A change of a case's care level: by the team (a step up rests on an evaluation of the current
    level, a step down on a reason) or by a route that is never blocked (application, Wmo report,
    referral, safety)."""

    class Route(models.TextChoices):
        TEAM = "team", _("Team decision")
        APPLICATION = "application", _("Formal application by the resident (aanvraag)")
        WMO_REPORT = "wmo_report", _("Wmo report (melding)")
        REFERRAL = "referral", _("Referral by GP or medical specialist (Jeugdwet art. 2.6)")
        SAFETY = "safety", _("Safety route")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="step_changes")
    from_level = models.ForeignKey(
        "reference.CareLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("from")
    )
    to_level = models.ForeignKey(
        "reference.CareLevel", on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, default=Route.TEAM)
    tried = models.TextField(_("what was tried"), blank=True)
    duration = models.CharField(_("for how long"), max_length=200, blank=True)
    result = models.TextField(_("result"), blank=True)
    why_insufficient = models.TextField(_("why it was not enough"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    legal_basis = models.ForeignKey(
        "reference.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis"),
    )
    received_on = models.DateField(
        _("received on"), null=True, blank=True, help_text=_("When the application, report or referral came in.")
    )
    decided_on = models.DateField(_("date"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("step change")
        verbose_name_plural = _("step changes")
        indexes = [models.Index(fields=["case", "-decided_on"], name="stepchange_case_idx")]

    def __str__(self) -> str:
        return f"{self.from_level.level if self.from_level else '–'} → {self.to_level.level}"

    @property
    def has_evaluation(self) -> bool:
        return all((self.tried, self.duration, self.result, self.why_insufficient))


class LegalTerm(models.Model):
    """A legal term (clock) of a legal basis: from an event (report, application) to a deliverable."""

    class Event(models.TextChoices):
        REPORT = "report", _("report (melding)")
        APPLICATION = "application", _("application (aanvraag)")

    class TermUnit(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", _("calendar days")
        WEEKS = "weeks", _("weeks")
        WORKING_DAYS = "working_days", _("working days")

    class Deliverable(models.TextChoices):
        INVESTIGATION = "investigation", _("investigation or first conversation")
        DECISION = "decision", _("decision")

    legal_basis = models.ForeignKey("reference.LegalBasis", on_delete=models.CASCADE, related_name="+")
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    urgent = models.BooleanField(_("urgent (eviction or cut-off threatens)"), default=False)
    amount = models.PositiveSmallIntegerField(_("term"))
    unit = models.CharField(_("unit"), max_length=20, choices=TermUnit.choices)
    deliverable = models.CharField(_("deliverable"), max_length=20, choices=Deliverable.choices)
    article = models.CharField(_("article"), max_length=100, blank=True)

    class Meta:
        ordering = ["legal_basis__order", "event", "urgent"]
        verbose_name = _("legal term")
        verbose_name_plural = _("legal terms")
        constraints = [models.UniqueConstraint(fields=["legal_basis", "event", "urgent"], name="legalterm_unique")]

    def __str__(self) -> str:
        return f"{self.legal_basis} {self.event}: {self.amount} {self.unit}"


class DecisionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    OBJECTION = "objection", _("Objection lodged")
    ENDED = "ended", _("Ended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(TimeStampedModel):
    """A decision (beschikking) granting (or refusing) a customised provision to a person."""

    class Form(models.TextChoices):
        IN_KIND = "in_kind", _("In kind (zorg in natura)")
        PGB = "pgb", _("Personal budget (pgb)")

    class Frequency(models.TextChoices):
        DAY = "day", _("per day")
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")
        PERIOD = "period", _("for the whole period")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="decisions")
    person = models.ForeignKey(
        "households.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    option = models.ForeignKey(
        CatalogueOption, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("provision")
    )
    legal_basis = models.ForeignKey(
        "reference.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis"),
    )
    provider = models.ForeignKey(
        "teams.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider"),
    )
    # Denormalised at recording for the expenditure figures (team and district of the case then).
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "neighbourhoods.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, default=Form.IN_KIND)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    volume = models.DecimalField(_("volume"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEK)
    tariff = models.DecimalField(
        _("tariff per unit (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.REQUESTED
    )
    urgent = models.BooleanField(_("eviction or cut-off threatens"), default=False)
    report_date = models.DateField(_("report (melding) received on"), null=True, blank=True)
    investigation_done_on = models.DateField(_("investigation or first conversation on"), null=True, blank=True)
    application_date = models.DateField(_("application (aanvraag) received on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["case", "-period_start"], name="decision_case_idx"),
            models.Index(fields=["team", "status", "period_start"], name="decision_team_idx"),
            models.Index(fields=["status", "period_start"], name="decision_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="decision_period_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.option} ({self.get_status_display()})"


class Budget(models.Model):
    """The budget of a budget function in a year, for one team or (team empty) the whole municipality."""

    municipality = models.ForeignKey("neighbourhoods.Region", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    budget_function = models.CharField(_("budget function"), max_length=10, choices=BudgetFunction.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "team", "year", "budget_function"], name="budget_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.budget_function}: {self.amount}"


class FrontlinePayment(TimeStampedModel):
    """A small direct payment by the team (frontline or breakthrough budget, doorbraakbudget), approved by
    a team lead other than the requester."""

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="frontline_payments")
    district = models.ForeignKey(
        "neighbourhoods.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    reason = models.TextField(_("reason"))
    budget_function = models.CharField(
        _("budget function"), max_length=10, choices=BudgetFunction.choices, default=BudgetFunction.TEAMS
    )
    paid_on = models.DateField(_("paid on"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = _("frontline payment")
        verbose_name_plural = _("frontline payments")
        indexes = [
            models.Index(fields=["team", "-paid_on"], name="frontline_team_idx"),
            models.Index(fields=["case", "-paid_on"], name="frontline_case_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(requested_by=models.F("approved_by")), name="frontline_four_eyes")
        ]
