"""Forms of the provisions pages; the rules live in `stepping`, the writes in `services`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.provisions.models import BudgetFunction, CatalogueOption, Decision, StepChange
from wijkteam.provisions.selectors import DIMENSIONS
from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain
from wijkteam.teams.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CareLevel) -> str:
        return f"{obj.level} · {obj.name}"


class StepChangeForm(forms.Form):
    to_level = LevelChoiceField(
        label=_("New care level"), queryset=CareLevel.objects.filter(is_active=True).order_by("level")
    )
    route = forms.ChoiceField(label=_("How did this change come about?"), choices=StepChange.Route.choices)
    decided_on = forms.DateField(label=_("Date"), widget=DATE)
    tried = forms.CharField(
        label=_("What was tried at the current level"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    duration = forms.CharField(label=_("For how long"), required=False, max_length=200)
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    why_insufficient = forms.CharField(
        label=_("Why it was not enough"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the case steps down, or the reason of the application, report, referral or safety route."),
    )
    received_on = forms.DateField(label=_("Application, report or referral received on"), required=False, widget=DATE)
    legal_basis = forms.ModelChoiceField(
        label=_("Legal basis (for the legal clock)"), queryset=LegalBasis.objects.filter(is_active=True), required=False
    )


class DecisionForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)  # type: ignore[arg-type]
    option = forms.ModelChoiceField(label=_("Provision"), queryset=None)  # type: ignore[arg-type]
    legal_basis = forms.ModelChoiceField(
        label=_("Legal basis"), queryset=LegalBasis.objects.filter(is_active=True), required=False
    )
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None, required=False)  # type: ignore[arg-type]
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("requested", _("Requested")), ("granted", _("Granted")), ("rejected", _("Rejected"))],
    )
    form = forms.ChoiceField(label=_("Form"), choices=Decision.Form.choices)
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period until"), required=False, widget=DATE)
    volume = forms.DecimalField(label=_("Volume"), min_value=0, max_digits=8, decimal_places=2)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Decision.Frequency.choices)
    tariff = forms.DecimalField(
        label=_("Tariff per unit (EUR)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Empty: the catalogue tariff."),
    )
    urgent = forms.BooleanField(label=_("Eviction or cut-off threatens"), required=False)
    report_date = forms.DateField(label=_("Report (melding) received on"), required=False, widget=DATE)
    investigation_done_on = forms.DateField(
        label=_("Investigation or first conversation on"), required=False, widget=DATE
    )
    application_date = forms.DateField(label=_("Application (aanvraag) received on"), required=False, widget=DATE)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, persons: Any, options: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["option"].queryset = options
        self.fields["provider"].queryset = providers

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("person", "option", "status")}
        option = self.cleaned_data["option"]
        if data.get("tariff") is None:
            data.pop("tariff", None)
        if not data.get("legal_basis"):
            data.pop("legal_basis", None)
        if not data.get("provider"):
            data.pop("provider", None)
        data["unit"] = option.unit
        return data


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])
    on = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class FrontlinePaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (EUR)"), min_value=0.01, max_digits=10, decimal_places=2)
    reason = forms.CharField(label=_("What it is for"), widget=forms.Textarea(attrs={"rows": 2}))
    requested_by = forms.ModelChoiceField(label=_("Requested by"), queryset=None)  # type: ignore[arg-type]
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    budget_function = forms.ChoiceField(label=_("Budget function"), choices=BudgetFunction.choices, initial="6.2")

    def __init__(self, *args: Any, requesters: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requested_by"].queryset = requesters


class CatalogueOptionForm(forms.ModelForm):
    care_level = LevelChoiceField(label=_("Care level"), queryset=CareLevel.objects.order_by("level"))
    life_domains = forms.ModelMultipleChoiceField(
        label=_("Life domains"),
        queryset=LifeDomain.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CatalogueOption
        fields = [
            "name",
            "description",
            "care_level",
            "legal_basis",
            "provider",
            "life_domains",
            "district",
            "unit",
            "tariff",
            "budget_function",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipality: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.filter(municipality=municipality).order_by("name")
        self.fields["district"].queryset = districts
        self.fields["district"].label_from_instance = lambda region: region.display_name  # type: ignore[attr-defined]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    care_level = forms.TypedChoiceField(
        label=_("Care level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), *[(str(n), str(n)) for n in range(5)]],
    )


class ExpenditureForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    by = forms.ChoiceField(
        label=_("By"),
        choices=list(
            zip(
                DIMENSIONS,
                [_("Provision"), _("Legal basis"), _("Budget function"), _("Team"), _("District"), _("Month")],
                strict=True,
            )
        ),
    )


class TeamChoiceForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
