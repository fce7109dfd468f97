from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkteam.core.htmx import is_htmx
from wijkteam.neighbourhoods import selectors


@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    """Municipalities of the Netherlands, searchable by name or CBS code."""
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.municipality_list(query=query), 50).get_page(request.GET.get("page"))
    template = "neighbourhoods/region_list.html#results" if is_htmx(request) else "neighbourhoods/region_list.html"
    return render(request, template, {"page": page, "query": query})


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One region with its ancestors and its direct children."""
    region = selectors.region_get(code=code)
    ancestors = []
    parent = region.parent
    while parent is not None and len(ancestors) < 3:
        ancestors.insert(0, parent)
        parent = parent.parent if parent.parent_id else None
    children = selectors.region_children(region=region)
    return render(
        request,
        "neighbourhoods/region_detail.html",
        {"region": region, "ancestors": ancestors, "children": children},
    )
