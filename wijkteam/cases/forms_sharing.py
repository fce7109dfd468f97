"""Forms for sharing with partner organisations and for residents' rights (parse input; services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.forms_case import DateInput, PersonChoiceField, _today
from wijkteam.cases.models import SharingGround, StatutoryGround
from wijkteam.core.forms import StyledFormMixin


class SharingAgreementForm(StyledFormMixin, forms.Form):
    person = PersonChoiceField(label=_("Whose data"), queryset=None, empty_label=_("Choose the person"))
    recipient = forms.ModelChoiceField(
        label=_("Shared with the organisation"), queryset=None, empty_label=_("Choose the organisation")
    )
    ground = forms.ChoiceField(
        label=_("Ground"),
        choices=SharingGround.choices,
        widget=forms.RadioSelect,
        help_text=_("The person's agreement, or a statutory ground when sharing happens without it."),
    )
    given_by = forms.CharField(
        label=_("Agreement given by"),
        required=False,
        max_length=200,
        help_text=_("Only for the agreement of a parent with parental authority or a legal representative."),
    )
    statutory_ground = forms.ChoiceField(
        label=_("Statutory ground"),
        required=False,
        choices=[("", _("Not applicable")), *StatutoryGround.choices],
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=500, help_text=_("What the partner needs the data for."))
    agreed_on = forms.DateField(label=_("Date"), initial=_today, widget=DateInput)

    def __init__(self, *args: Any, persons: QuerySet, organisations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["recipient"].queryset = organisations


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=500)


class SubjectAccessForm(StyledFormMixin, forms.Form):
    received_on = forms.DateField(label=_("Request received on"), initial=_today, widget=DateInput)


class SubjectRequestForm(StyledFormMixin, forms.Form):
    KINDS = [
        ("restriction", _("Restriction of processing (art. 18)")),
        ("erasure", _("Erasure (art. 17)")),
        ("rectification", _("Rectification (art. 16)")),
    ]
    kind = forms.ChoiceField(label=_("Right"), choices=KINDS, widget=forms.RadioSelect)
    received_on = forms.DateField(label=_("Request received on"), initial=_today, widget=DateInput)
    note = forms.CharField(
        label=_("Note (no personal data)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class PersonByBsnForm(StyledFormMixin, forms.Form):
    bsn = forms.RegexField(
        label=_("BSN of the resident"),
        regex=r"^\d{8,9}$",
        error_messages={"invalid": _("A BSN has 8 or 9 digits.")},
    )


class PseudonymisedUseForm(StyledFormMixin, forms.Form):
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=())
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The research or policy question these records are needed for."),
    )

    def __init__(self, *args: Any, legal_bases: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].choices = [("", _("Choose the legal basis"))] + [
            (basis.code, f"{basis.abbreviation} – {basis.name}") for basis in legal_bases
        ]
