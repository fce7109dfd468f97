from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import StyledFormMixin


class YearForm(forms.Form):
    """The whole calendar year of registered demand to compare (GET)."""

    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(y, str(y)) for y in years]
        self.fields["jaar"].error_messages["invalid_choice"] = _(
            "There are no registered help requests in that year; choose one of the list."
        )


class WeightSetForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the weight set"), max_length=200)
    activate = forms.BooleanField(
        label=_("Use these weights for the municipality's expected demand from now on"), required=False, initial=True
    )


class WhatIfForm(forms.Form):
    """A set of the municipality's districts for the what-if advice (GET)."""

    districts = forms.MultipleChoiceField(label=_("Districts"), widget=forms.CheckboxSelectMultiple, required=True)

    def __init__(self, *args: Any, districts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["districts"]
        field.choices = [(d.code, f"{d.display_name} ({d.code})") for d in districts]
        field.error_messages["required"] = _("Choose at least one district.")
        field.error_messages["invalid_choice"] = _("%(value)s is not a district of this municipality.")
