"""Residents' rights: the subject-access export (HTML that prints well, and JSON), recording a
restriction, erasure or rectification request, and erasing a person (privacy officer). Who may: the
privacy officer, and the coordinator of a case the person is in (`subject_access.may_produce`)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkteam.access.roles import Role
from wijkteam.cases import services_rights, subject_access
from wijkteam.cases.forms_sharing import PersonByBsnForm, SubjectAccessForm, SubjectRequestForm
from wijkteam.cases.models import SubjectRequest
from wijkteam.cases.views_case import _apply_errors
from wijkteam.households.models import Person


def _rights_url(person_id: int) -> str:
    return reverse("cases:person_rights", args=[person_id])


@require_http_methods(["GET", "POST"])
def subject_access_export(request: HttpRequest, person_id: int) -> HttpResponse:
    """GET: what the export holds and a button to produce it; POST: produce it (logged), as a page that
    prints well or, with format=json, as a JSON download."""
    person = subject_access.person_for_export(user=request.user, person_id=person_id)
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        export = subject_access.subject_access_export(
            user=request.user, person_id=person.pk, request=request, received_on=form.cleaned_data["received_on"]
        )
        if request.POST.get("format") == "json":
            response = HttpResponse(
                json.dumps(export.as_json(), ensure_ascii=False, indent=2), content_type="application/json"
            )
            response["Content-Disposition"] = f'attachment; filename="inzage-{person.pk}.json"'
            return response
        return render(request, "cases/subject_access_export.html", {"export": export, "person": person})
    return render(request, "cases/subject_access_start.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def person_rights(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's requests (access, rectification, restriction, erasure) and recording a new one."""
    person = subject_access.person_for_export(user=request.user, person_id=person_id)
    form = SubjectRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_rights.subject_request_record(
                person=person,
                kind=form.cleaned_data["kind"],
                received_on=form.cleaned_data["received_on"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The request has been recorded."))
            return redirect(_rights_url(person.pk))
    return render(
        request,
        "cases/person_rights.html",
        {
            "person": person,
            "form": form,
            "requests": SubjectRequest.objects.filter(person_ref=person.pk).select_related("recorded_by"),
            "may_erase": request.user.has_role(Role.PRIVACY_OFFICER),
        },
    )


@require_POST
def subject_request_close(request: HttpRequest, person_id: int, request_id: int) -> HttpResponse:
    person = subject_access.person_for_export(user=request.user, person_id=person_id)
    subject_request = SubjectRequest.objects.filter(pk=request_id, person_ref=person.pk).first()
    if subject_request is None:
        raise Http404
    try:
        services_rights.subject_request_close(
            request=subject_request,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The request has been closed."))
    return redirect(_rights_url(person.pk))


@require_POST
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    """Erase a person where the law allows (privacy officer only)."""
    person = subject_access.person_for_export(user=request.user, person_id=person_id)
    if not request.user.has_role(Role.PRIVACY_OFFICER):
        raise PermissionDenied(_("Only the privacy officer can erase a person."))
    try:
        services_rights.person_erase(person=person, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_rights_url(person.pk))
    messages.success(request, _("The person has been erased."))
    return redirect(reverse("cases:resident_rights"))


@require_http_methods(["GET", "POST"])
def resident_rights(request: HttpRequest) -> HttpResponse:
    """The privacy officer's start: find the resident of a request by BSN (after checking their identity)."""
    if not request.user.has_role(Role.PRIVACY_OFFICER):
        raise Http404
    form = PersonByBsnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = Person.objects.filter(bsn=form.cleaned_data["bsn"]).first()
        if person is not None:
            return redirect(_rights_url(person.pk))
        form.add_error("bsn", _("No person with this BSN is registered."))
    return render(request, "cases/resident_rights.html", {"form": form})
