from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkteam.core.htmx import is_htmx
from wijkteam.neighbourhoods import indicators, selectors
from wijkteam.neighbourhoods.forms import DistrictMapForm
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.neighbourhoods.profile import profile_sections
from wijkteam.neighbourhoods.templatetags import figures


@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    """Municipalities of the Netherlands, searchable by name or CBS code."""
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.municipality_list(query=query), 50).get_page(request.GET.get("page"))
    template = "neighbourhoods/region_list.html#results" if is_htmx(request) else "neighbourhoods/region_list.html"
    return render(request, template, {"page": page, "query": query})


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The profile of a region (wijkanalyse): every CBS figure beside its municipality and the Netherlands,
    what is missing where, the sections other apps add and, for a municipality, the map of its districts."""
    region = selectors.region_get(code=code)
    context: dict[str, Any] = {
        "region": region,
        "ancestors": [r for r in reversed(selectors.region_lineage(region=region)[1:]) if r.level != "country"],
    }
    # htmx asks for the map alone when the figure changes; restoring history needs the whole page.
    partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    if region.level == RegionLevel.MUNICIPALITY:
        context.update(_district_map_context(request, region))
        if partial:
            response = render(request, "neighbourhoods/region_detail.html#district_map", context)
            patch_vary_headers(response, ("HX-Request",))
            return response
    context["profile"] = selectors.region_profile(region=region)
    context["children"] = selectors.region_children(region=region)
    context["sections"] = [
        {"key": section.key, "template": section.template, "context": section.context(region, request)}
        for section in profile_sections()
    ]
    response = render(request, "neighbourhoods/region_detail.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _district_map_context(request: HttpRequest, municipality: Region) -> dict[str, Any]:
    editions = selectors.district_map_editions(municipality=municipality)
    form = DistrictMapForm(request.GET or None, editions=editions)
    edition = form.edition() if form.is_bound else None
    if edition is None:
        # Nothing (valid) chosen: the default edition; a wrong choice keeps its error message on the form.
        edition = selectors.district_map_default(editions)
        if edition is not None and (not form.is_bound or form.is_valid()):
            form = DistrictMapForm(initial={"indicator": indicators.edition_token(edition)}, editions=editions)
    if edition is None:
        return {"map_form": form, "district_map": None}
    district_map = selectors.district_map(municipality=municipality, edition=edition)
    map_data = _map_data(district_map)
    # In an attribute, not a json_script element: htmx drops <script> elements from swapped content.
    return {"map_form": form, "district_map": district_map, "map_data": map_data, "map_json": json.dumps(map_data)}


def _map_data(district_map: selectors.DistrictMap) -> dict[str, Any]:
    """What the map script draws (static/wijkteam/choropleth.js): GeoJSON features with display values."""
    definition = district_map.definition
    suffix = str(indicators.RATE_SUFFIXES[definition.rate_unit]) if definition.has_rate else ""
    features = []
    for row in district_map.rows:
        if row.geometry is None:
            continue
        measure = row.measure
        if measure is None:
            display = str(_("missing"))
        elif definition.has_rate:
            display = f"{figures.rate_number(measure)} {suffix}"
        else:
            display = figures.figure_number(measure)
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(row.geometry),
                "properties": {
                    "code": row.region.code,
                    "name": row.region.display_name,
                    "value": measure,
                    "display": display,
                    "url": reverse("neighbourhoods:region_detail", args=[row.region.code]),
                },
            }
        )
    get_format = formats.get_format
    return {
        "title": f"{definition.name}, {district_map.edition[1]}",
        "legend": definition.measure_label,
        "description": str(
            _(
                "Map of %(indicator)s (%(unit)s) by district of %(municipality)s, %(year)s; "
                "the table below the map has the same figures."
            )
            % {
                "indicator": definition.name,
                "unit": definition.measure_label,
                "municipality": district_map.municipality.name,
                "year": district_map.edition[1],
            }
        ),
        "nameTitle": str(_("District")),
        "errorLabel": str(_("The map could not be drawn; the table below has the same figures.")),
        "locale": {
            "decimal": get_format("DECIMAL_SEPARATOR"),
            "thousands": get_format("THOUSAND_SEPARATOR"),
            "grouping": [3],
            "currency": ["€ ", ""],
        },
        "features": features,
    }
