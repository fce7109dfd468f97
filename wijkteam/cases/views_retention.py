"""Retention pages for the privacy officer (capability manage_retention): proposed destruction lists to
approve or reject, legal holds, the retention categories and the declarations of destruction.

The pages show record numbers, categories and dates, never names or content."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from wijkteam.access import two_factor
from wijkteam.cases import destruction
from wijkteam.cases.models import DestructionList, LegalHold, RetentionCategory
from wijkteam.core.forms import StyledFormMixin


class LegalHoldForm(StyledFormMixin, forms.Form):
    case = forms.IntegerField(label=_("Case number"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=500, help_text=_("E.g. objection, appeal or complaint."))


def _require(request: HttpRequest) -> None:
    if not request.user.can("manage_retention"):  # type: ignore[union-attr]
        raise PermissionDenied
    if not two_factor.second_factor_given(request):
        raise PermissionDenied(_("Destroying files needs a login with a second factor."))


def _home(request: HttpRequest, *, hold_form: LegalHoldForm, status: int = 200) -> HttpResponse:
    lists = DestructionList.objects.annotate(item_count=Count("items")).order_by("-proposed_on", "-id")
    return render(
        request,
        "cases/retention_home.html",
        {
            "proposed": list(lists.filter(status=DestructionList.Status.PROPOSED)[:20]),
            "decided": list(lists.exclude(status=DestructionList.Status.PROPOSED)[:20]),
            "holds": list(LegalHold.objects.filter(lifted_at__isnull=True).order_by("-placed_at")[:100]),
            "categories": list(RetentionCategory.objects.all()),
            "hold_form": hold_form,
        },
        status=status,
    )


@require_GET
def retention_home(request: HttpRequest) -> HttpResponse:
    _require(request)
    return _home(request, hold_form=LegalHoldForm())


@require_GET
def destruction_list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    _require(request)
    dlist = get_object_or_404(DestructionList, pk=list_id)
    items = list(dlist.items.all()[:2000])
    return render(request, "cases/destruction_list_detail.html", {"dlist": dlist, "items": items})


@require_POST
def destruction_list_approve(request: HttpRequest, list_id: int) -> HttpResponse:
    _require(request)
    dlist = get_object_or_404(DestructionList, pk=list_id)
    try:
        destruction.destruction_list_approve(destruction_list=dlist, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The list is approved and its records are destroyed."))
    return redirect("cases:destruction_list_detail", list_id=dlist.pk)


@require_POST
def destruction_list_reject(request: HttpRequest, list_id: int) -> HttpResponse:
    _require(request)
    dlist = get_object_or_404(DestructionList, pk=list_id)
    try:
        destruction.destruction_list_reject(destruction_list=dlist, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The list is rejected; nothing was destroyed."))
    return redirect("cases:destruction_list_detail", list_id=dlist.pk)


@require_POST
def legal_hold_place(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = LegalHoldForm(request.POST)
    if form.is_valid():
        try:
            destruction.legal_hold_place(
                case_id=form.cleaned_data["case"],
                reason=form.cleaned_data["reason"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Legal hold placed."))
            return redirect("cases:retention_home")
    return _home(request, hold_form=form, status=400)


@require_POST
def legal_hold_lift(request: HttpRequest, hold_id: int) -> HttpResponse:
    _require(request)
    hold = get_object_or_404(LegalHold, pk=hold_id)
    try:
        destruction.legal_hold_lift(hold=hold, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Legal hold lifted."))
    return redirect("cases:retention_home")
