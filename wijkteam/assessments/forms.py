"""Forms of the assessments pages. They parse input only; the services decide and validate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.assessments import scoring
from wijkteam.assessments.models import Attainment, GoalRating, Instrument, Moment, ScaleLabel
from wijkteam.cases.forms_case import DateInput, PersonChoiceField
from wijkteam.core.forms import StyledFormMixin, widget_css_class
from wijkteam.households.models import Person
from wijkteam.reference.models import LifeDomain

SCORE_PREFIX = "score_"


def _today() -> Any:
    return timezone.localdate()


class AssessmentForm(StyledFormMixin, forms.Form):
    """One person's scores at one moment; only the domains the help request or the plan touches."""

    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none(), empty_label=None)
    moment = forms.ChoiceField(label=_("Moment"), choices=Moment.choices)
    assessed_on = forms.DateField(label=_("Assessed on"), initial=_today, widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self,
        *args: Any,
        persons: Sequence[Person],
        domains: Sequence[scoring.Domain],
        labels: Sequence[ScaleLabel],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in persons]).order_by(
            "birth_date", "id"
        )  # type: ignore[attr-defined]
        choices = [("", _("Not scored")), *((str(label.value), f"{label.value} – {label.label}") for label in labels)]
        self.domain_fields = []
        for domain in domains:
            name = SCORE_PREFIX + domain.code
            self.fields[name] = forms.TypedChoiceField(
                label=domain.name, choices=choices, coerce=int, empty_value=None, required=False
            )
            self.domain_fields.append(name)
            self.fields[name].widget.attrs["class"] = widget_css_class(self.fields[name].widget)

    def domain_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.domain_fields]

    def scores(self) -> dict[str, int | None]:
        return {name.removeprefix(SCORE_PREFIX): self.cleaned_data.get(name) for name in self.domain_fields}


class GoalRatingForm(StyledFormMixin, forms.Form):
    moment = forms.ChoiceField(label=_("Moment"), choices=GoalRating.RatingMoment.choices)
    rated_on = forms.DateField(label=_("Date"), initial=_today, widget=DateInput)
    household_rating = forms.ChoiceField(
        label=_("The household's rating"), choices=Attainment.choices, widget=forms.RadioSelect
    )
    household_words = forms.CharField(label=_("In the household's words"), required=False, max_length=500)
    worker_rating = forms.ChoiceField(label=_("Your rating"), choices=Attainment.choices, widget=forms.RadioSelect)


class InstrumentForm(StyledFormMixin, forms.Form):
    """An instrument: names, scale, life domains and a label per score (one per line: "1 = label NL | label EN")."""

    code = forms.SlugField(label=_("Code"), max_length=40)
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=100, initial=1)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)
    life_domains = forms.ModelMultipleChoiceField(
        label=_("Life domains"),
        queryset=LifeDomain.objects.filter(is_active=True).order_by("order", "code"),
        widget=forms.CheckboxSelectMultiple,
    )
    labels = forms.CharField(
        label=_("Scale labels"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_('One line per score: "1 = Dutch label | English label". Never paste copyrighted criteria.'),
    )
    source = forms.CharField(label=_("Source and rights"), max_length=300, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @staticmethod
    def labels_text(instrument: Instrument) -> str:
        return "\n".join(
            f"{label.value} = {label.label_nl} | {label.label_en}" for label in instrument.scale_labels.all()
        )

    def clean_labels(self) -> dict[int, tuple[str, str]]:
        parsed: dict[int, tuple[str, str]] = {}
        for number, line in enumerate(self.cleaned_data["labels"].splitlines(), start=1):
            if not line.strip():
                continue
            value, sep, rest = line.partition("=")
            label_nl, _bar, label_en = rest.partition("|")
            try:
                score = int(value.strip())
            except ValueError:
                score = None
            if not sep or score is None or not label_nl.strip():
                raise forms.ValidationError(
                    _('Line %(line)s: write "score = Dutch label | English label".'), params={"line": number}
                )
            if score in parsed:
                raise forms.ValidationError(_("Score %(score)s has two labels."), params={"score": score})
            parsed[score] = (label_nl.strip()[:100], (label_en.strip() or label_nl.strip())[:100])
        if not parsed:
            raise forms.ValidationError(_("Give a label for each score."))
        return parsed


class TeamInstrumentForm(StyledFormMixin, forms.Form):
    in_use = forms.BooleanField(label=_("The team uses this instrument"), required=False)
    justice_enabled = forms.BooleanField(label=_("Score the justice domain (criminal data)"), required=False)
