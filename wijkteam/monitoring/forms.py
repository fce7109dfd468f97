"""Forms of monitoring: the dashboard filters (whole team, district and period) and the review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.core.periods import parse_period
from wijkteam.monitoring import suppression
from wijkteam.monitoring.models import Improvement


def period_choices(today: Any = None) -> list[tuple[str, str]]:
    """Whole periods of this year and the three before: years, half years and quarters."""
    today = today or timezone.localdate()
    choices = []
    for year in range(today.year, today.year - 4, -1):
        choices.append((str(year), str(year)))
        choices += [(f"{year}-H{n}", f"{year}-H{n}") for n in (2, 1)]
        choices += [(f"{year}-Q{n}", f"{year}-Q{n}") for n in (4, 3, 2, 1)]
    return choices


class FilterForm(forms.Form):
    team = forms.ChoiceField(label=_("Team"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args: Any, teams: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [(str(t.pk), t.name) for t in teams]
        self.fields["district"].choices = [("", _("All districts"))] + [(d.code, d.display_name) for d in districts]
        self.fields["period"].choices = period_choices()


class ReviewForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("YYYY, YYYY-Hn or YYYY-Qn"))
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reflections = forms.CharField(
        label=_("Reflections"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What do the results tell the team? Do not write names of residents."),
    )

    def clean_period(self) -> str:
        try:
            return suppression.whole_period(self.cleaned_data["period"]).code
        except suppression.FilterError as error:
            raise forms.ValidationError(_("Enter a whole period: YYYY, YYYY-Hn or YYYY-Qn.")) from error


class ReflectionsForm(forms.Form):
    reflections = forms.CharField(
        label=_("Reflections"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Do not write names of residents."),
    )


class CaseReflectionForm(forms.Form):
    went_well = forms.CharField(label=_("What went well"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    got_stuck = forms.CharField(label=_("What got stuck"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lesson = forms.CharField(
        label=_("What we learn from it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe the case without names, addresses or other details that identify a resident."),
    )


class ImprovementForm(forms.Form):
    description = forms.CharField(label=_("Improvement"), max_length=500)
    owner = forms.ChoiceField(label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {str(u.pk): u for u in owners}
        self.fields["owner"].choices = [("", "—")] + [
            (k, u.get_full_name() or u.username) for k, u in self.owners.items()
        ]

    def clean_owner(self) -> Any:
        return self.owners[self.cleaned_data["owner"]]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[c for c in Improvement.Status.choices if c[0] != "planned"])
    follow_up = forms.CharField(label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def parse_period_or_none(value: str) -> Any:
    try:
        return parse_period(value)
    except ValueError:
        return None
