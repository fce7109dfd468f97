"""Reference data every app shares: life domains, care levels, legal bases.

Names are kept in Dutch and English; `name` answers in the active language.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameModel(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class LifeDomain(BilingualNameModel):
    """A life domain (leefgebied) of the self-reliance matrix: finances, housing, mental health, …"""

    is_criminal_data = models.BooleanField(
        _("criminal data"),
        default=False,
        help_text=_("Scoring this domain processes criminal-law data; off unless a team enables it."),
    )

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")


class CareLevel(BilingualNameModel):
    """A step of the stepped-care model, 0 (own network) to 4 (specialist care)."""

    level = models.PositiveSmallIntegerField(_("level"), unique=True)
    requires_decision = models.BooleanField(
        _("requires a decision"),
        default=False,
        help_text=_("Customised provisions need a beschikking."),
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(BilingualNameModel.Meta):
        ordering = ["level"]
        verbose_name = _("care level")
        verbose_name_plural = _("care levels")

    @property
    def description(self) -> str:
        return self.description_en if (get_language() or "nl").startswith("en") else self.description_nl


class LegalBasis(BilingualNameModel):
    """A law that a processing or a decision rests on (Wmo 2015, Jeugdwet, Participatiewet, Wgs)."""

    abbreviation = models.CharField(_("abbreviation"), max_length=40)
    reference_url = models.URLField(_("reference"), blank=True)

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
