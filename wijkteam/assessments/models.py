"""Instruments as data (the self-reliance matrix and any other an administrator adds), the teams' choice
of instruments, assessments of adults in a case's client system with a score per touched life domain,
and the household's own rating of each goal beside the worker's.

Only domain names and scale labels are stored for the Zelfredzaamheid-Matrix: the criteria texts per cell
are copyrighted by GGD Amsterdam and are not shipped.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wijkteam.core.models import TimeStampedModel


def _in_language(nl: str, en: str) -> str:
    return en if (get_language() or "nl").startswith("en") else nl


class Instrument(TimeStampedModel):
    """A scoring instrument: a set of life domains, each scored on one scale (e.g. the ZRM, 1–5)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    source = models.CharField(
        _("source and rights"),
        max_length=300,
        blank=True,
        help_text=_("Who owns the instrument; criteria texts under copyright are not stored here."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    life_domains = models.ManyToManyField(
        "reference.LifeDomain", through="InstrumentDomain", related_name="+", verbose_name=_("life domains")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")), name="instrument_scale_order"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.name_nl, self.name_en)


class InstrumentDomain(models.Model):
    """A life domain an instrument scores."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    life_domain = models.ForeignKey("reference.LifeDomain", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "life_domain"], name="instrumentdomain_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id}: {self.life_domain_id}"


class ScaleLabel(models.Model):
    """What a score on an instrument's scale means (e.g. 3 = limited self-reliant)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="scale_labels")
    value = models.PositiveSmallIntegerField(_("score"))
    label_nl = models.CharField(_("label (Dutch)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)

    class Meta:
        ordering = ["value"]
        constraints = [models.UniqueConstraint(fields=["instrument", "value"], name="scalelabel_unique")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"

    @property
    def label(self) -> str:
        return _in_language(self.label_nl, self.label_en)


class TeamInstrumentSetting(TimeStampedModel):
    """A team's choice to use an instrument, and whether it scores the justice domain (criminal data)."""

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="instrument_settings")
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="team_settings")
    in_use = models.BooleanField(_("the team uses this instrument"), default=True)
    justice_enabled = models.BooleanField(
        _("score the justice domain"),
        default=False,
        help_text=_("Scoring the justice domain processes criminal-law data; only where the team needs it."),
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("team instrument setting")
        verbose_name_plural = _("team instrument settings")
        constraints = [
            models.UniqueConstraint(fields=["team", "instrument"], name="teaminstrument_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id}: {self.instrument_id}"


class Moment(models.TextChoices):
    INTAKE = "intake", _("Intake")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSURE = "closure", _("Closure")


class Assessment(TimeStampedModel):
    """One person's self-reliance at one moment of a case: a score for each life domain the help request
    or the plan touches; the other domains stay empty (registering beyond the request is not allowed)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assessments")
    person = models.ForeignKey("households.Person", on_delete=models.PROTECT, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="assessments")
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    assessed_on = models.DateField(_("assessed on"))
    note = models.TextField(_("note"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["assessed_on", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [
            models.Index(fields=["case", "assessed_on"], name="assessment_case_idx"),
            models.Index(fields=["person", "assessed_on"], name="assessment_person_idx"),
        ]
        constraints = [
            # One intake and one closure per person and instrument in a case; evaluations as often as needed.
            models.UniqueConstraint(
                fields=["case", "person", "instrument", "moment"],
                condition=~Q(moment="evaluation"),
                name="assessment_one_intake_closure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} {self.assessed_on:%d-%m-%Y}"


class DomainScore(models.Model):
    """The score of one life domain in an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    life_domain = models.ForeignKey("reference.LifeDomain", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        ordering = ["life_domain__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "life_domain"], name="domainscore_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.life_domain_id}: {self.score}"


class Attainment(models.TextChoices):
    REACHED = "reached", _("Reached")
    PARTLY = "partly", _("Partly reached")
    NOT_REACHED = "not_reached", _("Not reached")


class GoalRating(TimeStampedModel):
    """How far a goal was reached at evaluation or closure: the household's own rating beside the worker's."""

    class RatingMoment(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluation")
        CLOSURE = "closure", _("Closure")

    goal = models.ForeignKey("cases.Goal", on_delete=models.CASCADE, related_name="ratings")
    moment = models.CharField(_("moment"), max_length=20, choices=RatingMoment.choices)
    rated_on = models.DateField(_("date"))
    household_rating = models.CharField(_("the household's rating"), max_length=20, choices=Attainment.choices)
    worker_rating = models.CharField(_("the worker's rating"), max_length=20, choices=Attainment.choices)
    household_words = models.CharField(_("in the household's words"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["rated_on", "id"]
        verbose_name = _("goal rating")
        verbose_name_plural = _("goal ratings")
        indexes = [models.Index(fields=["goal", "rated_on"], name="goalrating_goal_idx")]
        constraints = [
            models.UniqueConstraint(fields=["goal"], condition=Q(moment="closure"), name="goalrating_one_closure"),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.get_moment_display()} {self.rated_on:%d-%m-%Y}"
