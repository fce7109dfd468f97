from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import StyledFormMixin
from wijkteam.neighbourhoods import indicators
from wijkteam.neighbourhoods.indicators import EditionKey


def edition_label(edition: EditionKey) -> str:
    definition = indicators.BY_KEY[edition[0]]
    return f"{definition.name} ({definition.measure_label}), {edition[1]}"


class DistrictMapForm(StyledFormMixin, forms.Form):
    """Which edition of which indicator the map of a municipality's districts shows (a GET form)."""

    indicator = forms.ChoiceField(label=_("Figure on the map"), required=False)

    def __init__(self, *args: Any, editions: Sequence[EditionKey], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for edition in editions:
            category = indicators.BY_KEY[edition[0]].category
            groups.setdefault(category, []).append((indicators.edition_token(edition), edition_label(edition)))
        field = cast(forms.ChoiceField, self.fields["indicator"])
        field.choices = [(str(indicators.CATEGORY_LABELS[category]), choices) for category, choices in groups.items()]

    def edition(self) -> EditionKey | None:
        """The chosen edition; None when none (or an unknown one) was chosen: the map shows its default."""
        if not self.is_valid() or not self.cleaned_data["indicator"]:
            return None
        return indicators.edition_from_token(self.cleaned_data["indicator"])
