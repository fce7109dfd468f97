"""The CBS region registry: the Netherlands, its municipalities, districts (wijken) and neighbourhoods."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

_DISTRICT_PREFIX = re.compile(r"^Wijk \d+\s+")


class RegionLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


class Region(models.Model):
    """A CBS region with its official code (`NL00`, `GM0153`, `WK015300`, `BU01530000`).

    `municipality` points to the municipality a district or neighbourhood lies in, so every list of a
    municipality's districts or neighbourhoods is one indexed filter.
    """

    code = models.CharField(_("CBS code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    municipality = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    edition_year = models.PositiveSmallIntegerField(_("CBS edition"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [
            models.Index(fields=["level", "name"], name="region_level_name_idx"),
            models.Index(fields=["parent", "code"], name="region_parent_idx"),
            models.Index(fields=["municipality", "level", "code"], name="region_municipality_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        """CBS names districts "Wijk 03 Twekkelerveld"; people say "Twekkelerveld"."""
        if self.level == RegionLevel.DISTRICT:
            return _DISTRICT_PREFIX.sub("", self.name) or self.name
        return self.name
