from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijkteam.core import home as home_registry


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The user's start page: the panels registered for their roles."""
    can = getattr(request.user, "can", lambda capability: False)
    panels = [
        {"template": panel.template, "context": panel.context(request)} for panel in home_registry.panels_for(can)
    ]
    return render(request, "core/home.html", {"panels": panels})


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers; reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
