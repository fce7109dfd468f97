"""Forms of the front door: intake (who, a new household, the help request), short contacts, signals,
and ticking off an action. Messages are Dutch through i18n; BSN, postcode and house number are checked
with the households validators, so the worker sees the same message as the services give."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Action, Channel, Signal, Urgency
from wijkteam.core.forms import StyledFormMixin, widget_css_class
from wijkteam.households.names import name_split
from wijkteam.households.validators import bsn_clean, house_number_clean, postcode_clean
from wijkteam.reference.models import LifeDomain
from wijkteam.teams.models import Team

YES, NO = "yes", "no"
YES_NO = [(NO, _("No")), (YES, _("Yes"))]
ME, TEAM_LEAD = "me", "team_lead"


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value: Any) -> Any:
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    return value


class ServerValidatedMixin:
    """The forms post with `novalidate` and are checked on the server. No native `required`: its
    :invalid styling marks every empty required textarea and radio red before anything was typed; text
    fields and selects say they are required with aria-required instead (and the label says so)."""

    fields: dict[str, forms.Field]
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if getattr(self, "empty_permitted", False):
            return  # an optional extra form of a formset: nothing in it is required on its own
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, (forms.RadioSelect, forms.CheckboxInput)):
                field.widget.attrs["aria-required"] = "true"


class TeamChoiceMixin:
    """A `team` field chosen from the user's teams: hidden when there is only one. `cleaned_data["team"]`
    is the Team."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def _add_team_field(self, teams: Sequence[Team], initial: int | None) -> None:
        self.teams = {team.pk: team for team in teams}
        field = forms.TypedChoiceField(label=_("Team"), coerce=int, choices=[(t.pk, t.name) for t in teams])
        if len(teams) == 1:
            field.widget = forms.HiddenInput()
        field.initial = initial if initial in self.teams else (teams[0].pk if teams else None)
        field.widget.attrs["class"] = widget_css_class(field.widget)
        self.fields = {"team": field, **self.fields}

    def clean_team(self) -> Team:
        return self.teams[self.cleaned_data["team"]]


class IntakeSearchForm(TeamChoiceMixin, ServerValidatedMixin, StyledFormMixin, forms.Form):
    """Step 1, "Who?": a BSN, a family name with date of birth, or a postcode with house number."""

    bsn = forms.CharField(
        label=_("BSN"), required=False, max_length=20, help_text=_("Nine digits; only ever matched exactly.")
    )
    family_name = forms.CharField(
        label=_("Family name"), required=False, max_length=200, help_text=_("With or without prefix, e.g. de Vries.")
    )
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=_date_widget())
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    house_number = forms.CharField(
        label=_("House number"),
        required=False,
        max_length=12,
        help_text=_("With letter or addition, e.g. 12A or 12-2."),
    )

    def __init__(self, *args: Any, teams: Sequence[Team], team_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_team_field(teams, team_id)

    def clean_bsn(self) -> str:
        return bsn_clean(self.cleaned_data["bsn"]) or ""

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        return postcode_clean(value) if value else ""

    def clean_house_number(self) -> str:
        value = self.cleaned_data["house_number"].strip()
        if value:
            house_number_clean(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        bsn, name, born = data.get("bsn"), data.get("family_name", "").strip(), data.get("birth_date")
        postcode, number = data.get("postcode"), data.get("house_number")
        if name and not born:
            self.add_error("birth_date", _("Add the date of birth to search by family name."))
        if born and not name and not bsn:
            self.add_error("family_name", _("Add the family name to search by date of birth."))
        if postcode and not number and "house_number" not in self.errors:
            self.add_error("house_number", _("Add the house number to search by address."))
        if number and not postcode and "postcode" not in self.errors:
            self.add_error("postcode", _("Add the postcode to search by address."))
        if not self.errors and not (bsn or (name and born) or (postcode and number)):
            raise ValidationError(_("Enter a BSN, a family name with date of birth, or a postcode with house number."))
        return data


class IntakePersonForm(ServerValidatedMixin, StyledFormMixin, forms.Form):
    """One person of a new household."""

    given_names = forms.CharField(
        label=_("Given names"), max_length=200, error_messages={"required": _("Give the given names.")}
    )
    prefix = forms.CharField(
        label=_("Prefix"), required=False, max_length=20, help_text=_("Tussenvoegsel, e.g. van der.")
    )
    family_name = forms.CharField(
        label=_("Family name"), max_length=200, error_messages={"required": _("Give at least the family name.")}
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=_date_widget(),
        validators=[_not_in_future],
        error_messages={"required": _("Give the date of birth.")},
    )
    bsn = forms.CharField(label=_("BSN (optional)"), required=False, max_length=20)
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=30)

    def clean_bsn(self) -> str | None:
        return bsn_clean(self.cleaned_data["bsn"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("family_name") and not data.get("prefix", "").strip():
            # "de Vries" typed as the family name: the prefix is split off, as Dutch registers keep it.
            prefix, family_name = name_split(data["family_name"])
            if prefix:
                data["prefix"], data["family_name"] = prefix, family_name
        return data


class BasePersonFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            bsn = form.cleaned_data.get("bsn") if form.has_changed() or not form.empty_permitted else None
            if bsn and bsn in seen:
                form.add_error("bsn", _("This BSN has already been given for another person."))
            if bsn:
                seen.add(bsn)


PERSONS_PREFIX = "persons"
MAX_PERSONS = 12


def person_formset_class(extra: int = 0) -> type[forms.BaseFormSet]:
    return forms.formset_factory(
        IntakePersonForm,
        formset=BasePersonFormSet,
        extra=extra,
        min_num=1,
        validate_min=True,
        max_num=MAX_PERSONS,
        validate_max=True,
    )


class IntakeAddressForm(ServerValidatedMixin, StyledFormMixin, forms.Form):
    """The address of a new household; the neighbourhood from the team's municipality, grouped by district."""

    postcode = forms.CharField(label=_("Postcode"), max_length=10, error_messages={"required": _("Give the postcode.")})
    house_number = forms.CharField(
        label=_("House number"),
        max_length=12,
        help_text=_("With letter or addition, e.g. 12A or 12-2."),
        error_messages={"required": _("Give the house number.")},
    )
    street = forms.CharField(label=_("Street"), required=False, max_length=200)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    neighbourhood = forms.TypedChoiceField(
        label=_("Neighbourhood"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Choose the neighbourhood.")},
    )
    confirm_new = forms.BooleanField(
        label=_("These are other persons than the ones already registered: register a new household"),
        required=False,
    )

    def __init__(self, *args: Any, neighbourhoods: list[tuple[str, list[tuple[int, str]]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].choices = [("", _("Choose a neighbourhood")), *neighbourhoods]
        # Typing the postcode preselects the neighbourhood that known addresses with it lie in.
        self.fields["postcode"].widget.attrs.update(
            {
                "hx-get": reverse("cases:intake_neighbourhood"),
                "hx-trigger": "change",
                "hx-target": "#neighbourhood-field",
                "hx-swap": "outerHTML",
                "hx-include": "#id_neighbourhood",
            }
        )

    def clean_postcode(self) -> str:
        return postcode_clean(self.cleaned_data["postcode"])

    def clean_house_number(self) -> str:
        value = self.cleaned_data["house_number"].strip()
        house_number_clean(value)
        return value


def life_domain_choices(*, justice: bool) -> list[tuple[str, str]]:
    domains = LifeDomain.objects.filter(is_active=True).order_by("order", "code")
    if not justice:
        domains = domains.filter(is_criminal_data=False)
    return [(domain.code, domain.name) for domain in domains]


def _yes_no(label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer the safety question.")},
    )


class IntakeHelpRequestForm(TeamChoiceMixin, ServerValidatedMixin, StyledFormMixin, forms.Form):
    """Step 3: the help request in the household's own words, how it came in, the life domains it
    touches, urgency, Wmo report, the safety check, and what happens next."""

    words = forms.CharField(
        label=_("The request in the household's own words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write down the request in the household's own words.")},
    )
    channel = forms.ChoiceField(label=_("How did the request come in?"), choices=Channel.choices, initial=Channel.SELF)
    received_on = forms.DateField(label=_("Received on"), widget=_date_widget(), validators=[_not_in_future])
    life_domains = forms.MultipleChoiceField(
        label=_("Life domains the request touches"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one life domain the request touches.")},
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL, widget=forms.RadioSelect
    )
    is_wmo_report = forms.BooleanField(
        label=_("This is a formal Wmo report (melding)"),
        required=False,
        help_text=_("Starts the legal clock: the investigation must be finished within 6 weeks."),
    )
    acute_unsafety = _yes_no(
        _("Is someone in the household acutely unsafe?"), _("Violence, threats, or a situation that cannot wait.")
    )
    insufficient_basic_care = _yes_no(
        _("Is the basic care of a child or dependant insufficient?"),
        _("Food, hygiene, supervision, medical care."),
    )
    coordinator = forms.ChoiceField(
        label=_("Coordinator of the case"),
        choices=[(ME, _("I will be the coordinator")), (TEAM_LEAD, _("Not yet: the team lead assigns one"))],
        initial=ME,
        widget=forms.RadioSelect,
    )
    what_was_done = forms.CharField(
        label=_("What was done (for a short contact)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(
        choices=[("case", _("Open a case")), ("short_contact", _("Handled as a short contact"))],
        error_messages={"required": _("Choose whether to open a case or to register a short contact.")},
    )

    def __init__(self, *args: Any, teams: Sequence[Team], team_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_team_field(teams, team_id)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["life_domains"].choices = life_domain_choices(
            justice=any(team.justice_domain_enabled for team in teams)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        team = data.get("team")
        if team is not None and not team.justice_domain_enabled:
            criminal = set(LifeDomain.objects.filter(is_criminal_data=True).values_list("code", flat=True))
            if criminal & set(data.get("life_domains", [])):
                self.add_error("life_domains", _("The justice domain is not enabled for this team."))
        if data.get("outcome") == "short_contact":
            if data.get("acute_unsafety") or data.get("insufficient_basic_care"):
                self.add_error(None, _("A safety concern cannot be handled as a short contact: open a case."))
            if not data.get("what_was_done", "").strip():
                self.add_error("what_was_done", _("Write down what was done."))
        return data


class ShortContactForm(TeamChoiceMixin, ServerValidatedMixin, StyledFormMixin, forms.Form):
    """A short contact in three fields and a date: who, life domain, what was done."""

    who = forms.CharField(
        label=_("Who asked?"),
        required=False,
        max_length=200,
        help_text=_("A short description is enough, e.g. 'man, about 60', or a name."),
    )
    life_domain = forms.ChoiceField(
        label=_("Life domain"), error_messages={"required": _("Choose the life domain the question was about.")}
    )
    what_was_done = forms.CharField(
        label=_("What was done?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write down what was done.")},
    )
    contacted_on = forms.DateField(
        label=_("Date"),
        widget=_date_widget(),
        validators=[_not_in_future],
        error_messages={"required": _("Give the date.")},
    )
    contacts = forms.TypedChoiceField(
        label=_("Number of contacts"),
        coerce=int,
        choices=[(1, _("One contact")), (2, _("Two contacts"))],
        initial=1,
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.SELF)
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, teams: Sequence[Team] | None = None, team_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if teams is not None:
            self._add_team_field(teams, team_id)
        self.fields["contacted_on"].initial = timezone.localdate()
        self.fields["life_domain"].choices = [
            ("", _("Choose a life domain")),
            *life_domain_choices(justice=any(team.justice_domain_enabled for team in teams or [])),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("who", "").strip() and not data.get("person"):
            self.add_error("who", _("Say who asked the question (a short description is enough)."))
        return data


class SignalShortContactForm(ShortContactForm):
    """Triage of a signal into a short contact: the channel is the signal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["channel"]


class SignalForm(TeamChoiceMixin, ServerValidatedMixin, StyledFormMixin, forms.Form):
    """A concern about an address or household, from a neighbour, a partner or a team member."""

    concern = forms.CharField(
        label=_("What is the concern?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe the concern.")},
    )
    address_text = forms.CharField(
        label=_("Address or household"),
        required=False,
        max_length=200,
        help_text=_("As far as known, e.g. Hoofdstraat 12 or the family at number 14."),
    )
    source = forms.ChoiceField(
        label=_("Reported by (kind)"),
        choices=[("", _("Choose who reported it")), *Signal.Source.choices],
        error_messages={"required": _("Choose who reported the concern.")},
    )
    reporter = forms.CharField(
        label=_("Reporter's name or organisation (optional)"),
        required=False,
        max_length=200,
    )
    received_on = forms.DateField(label=_("Received on"), widget=_date_widget(), validators=[_not_in_future])
    district = forms.TypedChoiceField(label=_("District (optional)"), coerce=int, empty_value=None, required=False)

    def __init__(
        self,
        *args: Any,
        teams: Sequence[Team],
        districts: list[tuple[int, str]],
        team_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._add_team_field(teams, team_id)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["district"].choices = [("", _("Unknown")), *districts]


class SignalCloseForm(ServerValidatedMixin, StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. already known to the GP and the housing corporation, no concern after a visit."),
        error_messages={"required": _("Give the reason for closing the signal.")},
    )


class ActionStatusForm(forms.Form):
    """Tick off (or reopen) an action, against the version that was shown."""

    version = forms.IntegerField(min_value=1)
    status = forms.ChoiceField(choices=[(Action.Status.DONE, _("Done")), (Action.Status.OPEN, _("Open"))])
