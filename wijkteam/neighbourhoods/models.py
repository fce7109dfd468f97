"""The CBS region registry: the Netherlands, its municipalities, districts (wijken) and neighbourhoods."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.neighbourhoods import indicators

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


class Indicator(models.Model):
    """A CBS indicator of the district analysis (e.g. single-person households), kept in step with the
    catalogue in `indicators.py` by the import: its names, unit, category and the base of its rate."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=32)
    category = models.CharField(_("category"), max_length=32, choices=list(indicators.CATEGORY_LABELS.items()))
    rate_unit = models.CharField(_("rate unit"), max_length=32, blank=True)
    denominator = models.CharField(
        _("denominator"), max_length=200, blank=True, help_text=_("Indicator keys whose sum is the base of the rate.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.key


class IndicatorValue(models.Model):
    """One published figure: an indicator of a region in a CBS edition year from a source table.

    `value` is NULL when CBS marks the figure secret or did not publish it for this region: missing,
    never zero. Every edition is kept, so a district can show 2023 and 2024 side by side.
    """

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("region")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("CBS edition year"))
    source_table = models.CharField(_("source table"), max_length=32)
    value = models.FloatField(_("value"), null=True, blank=True)

    class Meta:
        ordering = ["region", "indicator", "year", "source_table"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "year", "source_table"], name="indicator_value_unique_edition"
            )
        ]
        indexes = [
            # The map: one indicator's edition over all districts of a municipality.
            models.Index(fields=["indicator", "year", "source_table"], name="indicator_value_edition_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.indicator_id} {self.year} {self.source_table}: {self.value}"


class Boundary(models.Model):
    """The boundary of a municipality or district (CBS Wijk- en buurtkaart via PDOK), for the maps.

    `geometry` is a GeoJSON (Multi)Polygon in WGS84, simplified for choropleth maps only.
    """

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="boundary", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("year"))
    geometry = models.TextField(_("geometry (GeoJSON)"))

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self) -> str:
        return f"{self.region_id} ({self.year})"
