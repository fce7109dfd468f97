"""Forms of the teams screens. They parse and validate input; the views hand it to a service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import StyledFormMixin
from wijkteam.core.periods import PeriodError, parse_period
from wijkteam.neighbourhoods.models import Region
from wijkteam.reference.models import CareLevel, LifeDomain
from wijkteam.teams.models import (
    Discipline,
    Initiative,
    MandateItem,
    Membership,
    MembershipKind,
    Organisation,
    Team,
)
from wijkteam.teams.targets import COMPARISONS, METRICS


def _field(form: forms.BaseForm, name: str) -> Any:
    """A form field whose queryset or choices are set per request."""
    return form.fields[name]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def decimal_field(label: Any, *, min_value: str, max_value: str, decimals: int, **kwargs: Any) -> forms.DecimalField:
    """A decimal input that accepts a Dutch comma ("0,8")."""
    field = forms.DecimalField(
        label=label,
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        decimal_places=decimals,
        localize=True,
        **kwargs,
    )
    field.widget.attrs["inputmode"] = "decimal"
    return field


class DistrictChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.display_name} ({obj.code})"


class DistrictSingleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.display_name} ({obj.code})"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        full = obj.get_full_name()
        return f"{full} ({obj.username})" if full else obj.username


class CheckboxModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ServiceModelForm(StyledFormMixin, forms.ModelForm):
    """A model form that only parses input: the service validates the object and saves it, so the
    instance stays untouched here and the service can record what changed (before → after)."""

    def _post_clean(self) -> None:
        pass


# ----------------------------------------------------------------------------------------- organisations
class OrganisationForm(ServiceModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "professional_secrecy", "is_active"]


class AffiliationForm(StyledFormMixin, forms.Form):
    user = UserChoiceField(label=_("Worker"), queryset=None)  # type: ignore[arg-type]
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "user").queryset = users


class EndForm(StyledFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Last day"), widget=DateInput())


# ------------------------------------------------------------------------------------------- disciplines
class DisciplineForm(ServiceModelForm):
    life_domains = CheckboxModelMultipleChoiceField(
        label=_("Life domains"), queryset=LifeDomain.objects.filter(is_active=True), required=False
    )

    class Meta:
        model = Discipline
        fields = ["code", "name_nl", "name_en", "life_domains", "is_broad", "order", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]


# ------------------------------------------------------------------------------------------------- teams
class TeamForm(ServiceModelForm):
    districts = DistrictChoiceField(
        label=_("Districts covered"),
        queryset=Region.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    caseload_norm_per_fte = decimal_field(
        _("Caseload norm per FTE"),
        min_value="1",
        max_value="999",
        decimals=1,
        help_text=_("Weighted cases one full-time worker can carry."),
    )
    weight_coordinator = decimal_field(_("Weight of a case as coordinator"), min_value="0", max_value="10", decimals=2)
    weight_involvement = decimal_field(_("Weight of an involvement"), min_value="0", max_value="10", decimals=2)
    hours_per_case_equivalent = decimal_field(
        _("Collective work hours per week that count as one case"), min_value="0.5", max_value="99", decimals=1
    )

    class Meta:
        model = Team
        fields = [
            "name",
            "organisational_form",
            "start_date",
            "end_date",
            "covers_whole_municipality",
            "districts",
            "caseload_norm_per_fte",
            "weight_coordinator",
            "weight_involvement",
            "hours_per_case_equivalent",
            "justice_domain_enabled",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "districts").queryset = districts
        for name in ("caseload_norm_per_fte", "weight_coordinator", "weight_involvement", "hours_per_case_equivalent"):
            self.fields[name].initial = getattr(Team._meta.get_field(name), "default", None)


class MandateItemForm(StyledFormMixin, forms.Form):
    subject = forms.ChoiceField(label=_("Life domain or target group"))
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=[("in", _("In scope")), ("out", _("Explicitly out of scope"))],
        widget=forms.RadioSelect,
        initial="in",
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domains = [(f"ld:{d.code}", d.name) for d in LifeDomain.objects.filter(is_active=True).order_by("order")]
        groups = [(f"tg:{value}", label) for value, label in MandateItem.TargetGroup.choices]
        _field(self, "subject").choices = [
            ("", "—"),
            (_("Life domains"), domains),
            (_("Target groups"), groups),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        subject = cleaned.get("subject") or ""
        cleaned["life_domain"] = None
        cleaned["target_group"] = ""
        if subject.startswith("ld:"):
            cleaned["life_domain"] = LifeDomain.objects.filter(code=subject[3:]).first()
        elif subject.startswith("tg:"):
            cleaned["target_group"] = subject[3:]
        cleaned["in_scope"] = cleaned.get("scope") == "in"
        return cleaned


class TargetForm(StyledFormMixin, forms.Form):
    metric_key = forms.ChoiceField(label=_("Indicator"))
    comparison = forms.ChoiceField(label=_("Comparison"))
    value = decimal_field(_("Value"), min_value="0", max_value="99999999", decimals=2)
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A year (2026), half year (2026-H1) or quarter (2026-Q3)."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "metric_key").choices = [("", "—"), *((key, metric.label) for key, metric in METRICS.items())]
        _field(self, "comparison").choices = [
            ("gte", _("at least (≥)")),
            ("lte", _("at most (≤)")),
        ]
        if set(dict(_field(self, "comparison").choices)) != set(COMPARISONS):
            raise ValueError("comparison choices out of date")

    def clean_period(self) -> str:
        value = self.cleaned_data["period"]
        try:
            return parse_period(value).code
        except PeriodError as exc:
            raise ValidationError(
                _("Enter a period as a year (2026), half year (2026-H1) or quarter (2026-Q3).")
            ) from exc


# ------------------------------------------------------------------------------------------- memberships
class MembershipFieldsMixin(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=MembershipKind.choices)
    disciplines = CheckboxModelMultipleChoiceField(
        label=_("Disciplines"), queryset=Discipline.objects.none(), required=False
    )
    fte = decimal_field(_("FTE"), min_value="0", max_value="1.5", decimals=2, help_text=_("0 for volunteers."))
    collective_hours_per_week = decimal_field(
        _("Collective neighbourhood work (hours per week)"),
        min_value="0",
        max_value="60",
        decimals=1,
        initial=Decimal("0"),
    )
    districts = DistrictChoiceField(
        label=_("Districts worked in"),
        queryset=Region.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty when the member works in all of the team's districts."),
    )

    def setup_choices(self, *, team: Team, organisations: Any, districts: Any) -> None:
        _field(self, "organisation").queryset = organisations
        _field(self, "disciplines").queryset = Discipline.objects.filter(is_active=True)
        _field(self, "districts").queryset = districts


class MembershipStartForm(StyledFormMixin, MembershipFieldsMixin):
    user = UserChoiceField(label=_("Worker"), queryset=None)  # type: ignore[arg-type]
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    field_order = ["user", "organisation", "kind", "disciplines", "fte", "collective_hours_per_week", "districts"]

    def __init__(self, *args: Any, team: Team, users: Any, organisations: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "user").queryset = users
        self.setup_choices(team=team, organisations=organisations, districts=districts)


class MembershipChangeForm(StyledFormMixin, MembershipFieldsMixin):
    change_date = forms.DateField(
        label=_("Applies from"),
        widget=DateInput(),
        help_text=_("The current membership ends the day before; the history is kept."),
    )
    field_order = ["change_date", "organisation", "kind", "disciplines", "fte", "collective_hours_per_week"]

    def __init__(self, *args: Any, membership: Membership, organisations: Any, districts: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "organisation": membership.organisation_id,
                "kind": membership.kind,
                "disciplines": list(membership.disciplines.all()),
                "fte": membership.fte,
                "collective_hours_per_week": membership.collective_hours_per_week,
                "districts": list(membership.districts.all()),
            },
        )
        super().__init__(*args, **kwargs)
        self.setup_choices(team=membership.team, organisations=organisations, districts=districts)


# ------------------------------------------------------------------------------------------- suggestion
class SuggestionForm(StyledFormMixin, forms.Form):
    life_domains = forms.MultipleChoiceField(
        label=_("Life domains of the request"), widget=forms.CheckboxSelectMultiple
    )
    district = DistrictSingleChoiceField(
        label=_("District of the household"), queryset=Region.objects.none(), required=False
    )

    def __init__(self, *args: Any, districts: Any, justice: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domains = LifeDomain.objects.filter(is_active=True).order_by("order")
        if not justice:
            domains = domains.exclude(is_criminal_data=True)
        _field(self, "life_domains").choices = [(d.code, d.name) for d in domains]
        _field(self, "district").queryset = districts


# ------------------------------------------------------------------------------------------- social map
class InitiativeForm(ServiceModelForm):
    district = DistrictSingleChoiceField(label=_("District"), queryset=Region.objects.none())
    team = forms.ModelChoiceField(label=_("Kept by"), queryset=Team.objects.none())
    care_level = forms.ModelChoiceField(
        label=_("Care level"), queryset=CareLevel.objects.filter(level__in=(0, 1)).order_by("level")
    )
    life_domains = CheckboxModelMultipleChoiceField(
        label=_("Life domains it helps with"), queryset=LifeDomain.objects.filter(is_active=True), required=False
    )

    class Meta:
        model = Initiative
        fields = [
            "name",
            "kind",
            "district",
            "team",
            "care_level",
            "life_domains",
            "description",
            "location",
            "schedule",
            "contact",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, districts: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "district").queryset = districts
        _field(self, "team").queryset = teams
        _field(self, "life_domains").queryset = LifeDomain.objects.filter(is_active=True).exclude(is_criminal_data=True)
        if not self.instance.pk:
            del self.fields["is_active"]


class InitiativeFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    district = forms.ChoiceField(label=_("District"), required=False)
    life_domain = forms.ChoiceField(label=_("Life domain"), required=False)

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "district").choices = [("", _("All districts"))] + [
            (d.code, f"{d.display_name} ({d.code})") for d in districts
        ]
        domains = LifeDomain.objects.filter(is_active=True).exclude(is_criminal_data=True).order_by("order")
        _field(self, "life_domain").choices = [("", _("All life domains"))] + [(d.code, d.name) for d in domains]
