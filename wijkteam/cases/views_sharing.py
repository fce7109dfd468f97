"""Sharing a case's data with partner organisations: record the ground, withdraw it (coordinator and
team lead). Views are thin: form -> service, selector -> page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkteam.cases import selectors, services
from wijkteam.cases.forms_sharing import SharingAgreementForm, WithdrawForm
from wijkteam.cases.views_case import _apply_errors, _content, _directed


@require_http_methods(["GET", "POST"])
def sharing_list(request: HttpRequest, case_id: int) -> HttpResponse:
    """With which partner organisations the data of this case's persons is shared, on which ground."""
    view = _content(request, case_id)
    directs = selectors.may_direct(view, request.user)
    form = None
    if directs and not view.case.is_closed:
        form = SharingAgreementForm(
            request.POST or None,
            persons=selectors.client_system_persons(view.case),
            organisations=selectors.sharing_recipients(view.case),
        )
    if request.method == "POST":
        if form is None:
            return redirect(reverse("cases:sharing_list", args=[view.case.pk]))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.sharing_agreement_record(
                    case=view.case,
                    data=services.SharingInput(
                        person_id=data["person"].pk,
                        recipient=data["recipient"],
                        ground=data["ground"],
                        statutory_ground=data["statutory_ground"],
                        given_by=data["given_by"],
                        purpose=data["purpose"],
                        agreed_on=data["agreed_on"],
                    ),
                    actor=request.user,
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Sharing with %(organisation)s has been recorded.") % {"organisation": data["recipient"]}
                )
                return redirect(reverse("cases:sharing_list", args=[view.case.pk]))
    return render(
        request,
        "cases/case_sharing.html",
        {
            "view": view,
            "case": view.case,
            "agreements": selectors.sharing_agreements_for(view),
            "form": form,
            "may_direct": directs,
        },
    )


@require_POST
def sharing_agreement_withdraw(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    """Withdraw an agreement: sharing stops at once and the partner's involvement ends today."""
    view = _directed(request, case_id)
    agreement = selectors.sharing_agreement_get(view=view, agreement_id=agreement_id)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write down why the agreement is withdrawn."))
    else:
        try:
            services.sharing_agreement_withdraw(
                agreement=agreement, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Sharing with %(organisation)s has been withdrawn; its involvement in this case has ended.")
                % {"organisation": agreement.recipient},
            )
    return redirect(reverse("cases:sharing_list", args=[view.case.pk]))
