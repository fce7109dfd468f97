"""The learning cycle: a periodic review per team and period.

A review keeps a snapshot of the protected results against the targets (filled from the dashboard when
the review is created, so it does not change afterwards), reflections on a few discussed cases without
names (and without links to cases), general reflections, and decided improvements with an owner and a
due date. The next review of the team follows up the open improvements of the previous one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.core.models import TimeStampedModel


class Review(TimeStampedModel):
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    period = models.CharField(_("period"), max_length=7, help_text=_("YYYY, YYYY-Hn or YYYY-Qn"))
    held_on = models.DateField(_("held on"))
    results = models.JSONField(_("results against targets"), default=list, blank=True)
    reflections = models.TextField(_("reflections"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["team", "-held_on", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [models.UniqueConstraint(fields=["team", "period"], name="review_unique_team_period")]
        indexes = [models.Index(fields=["team", "-held_on"], name="review_team_idx")]

    def __str__(self) -> str:
        return f"{_('Review')} {self.period}"


class CaseReflection(models.Model):
    """What went well or got stuck in one discussed case, without names and without a link to the case."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="case_reflections")
    went_well = models.TextField(_("what went well"), blank=True)
    got_stuck = models.TextField(_("what got stuck"), blank=True)
    lesson = models.TextField(_("what we learn from it"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "id"]
        verbose_name = _("case reflection")
        verbose_name_plural = _("case reflections")

    def __str__(self) -> str:
        return f"{_('Case reflection')} {self.pk}"


class Improvement(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        PARTLY = "partly", _("Partly done")
        NOT_DONE = "not_done", _("Not done")
        DROPPED = "dropped", _("Dropped")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="improvements")
    description = models.CharField(_("improvement"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    follow_up = models.TextField(_("follow-up"), blank=True)
    followed_up_in = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_up",
        verbose_name=_("followed up in"),
    )

    class Meta:
        ordering = ["review", "due_on", "id"]
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        indexes = [models.Index(fields=["review", "status"], name="improvement_review_idx")]

    def __str__(self) -> str:
        return self.description
