"""The data analyst's pseudonymised case records: record the legal basis and purpose, then see a logged
preview or download all records as JSON (logged per person)."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from wijkteam.cases import pseudonymised
from wijkteam.cases.forms_sharing import PseudonymisedUseForm
from wijkteam.cases.views_case import _apply_errors
from wijkteam.reference.models import LegalBasis

PREVIEW = 50


@require_http_methods(["GET", "POST"])
def pseudonymised_records(request: HttpRequest) -> HttpResponse:
    use = pseudonymised.pseudonymised_use_current(user=request.user)  # 404 without the capability
    if use is None:
        form = PseudonymisedUseForm(request.POST or None, legal_bases=LegalBasis.objects.filter(is_active=True))
        if request.method == "POST" and form.is_valid():
            try:
                pseudonymised.pseudonymised_use_record(
                    user=request.user,
                    legal_basis_code=form.cleaned_data["legal_basis"],
                    purpose=form.cleaned_data["purpose"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return redirect(reverse("cases:pseudonymised_records"))
        return render(request, "cases/pseudonymised_use.html", {"form": form})
    if request.method == "POST" and request.POST.get("format") == "json":
        records = pseudonymised.pseudonymised_records(user=request.user, use=use, request=request)
        response = HttpResponse(
            json.dumps({"fields": pseudonymised.FIELDS, "records": [r.values for r in records]}, indent=1),
            content_type="application/json",
        )
        response["Content-Disposition"] = 'attachment; filename="gepseudonimiseerde-casussen.json"'
        return response
    records = pseudonymised.pseudonymised_records(user=request.user, use=use, limit=PREVIEW, request=request)
    return render(
        request,
        "cases/pseudonymised_records.html",
        {"use": use, "records": [r.values for r in records], "preview": PREVIEW},
    )
