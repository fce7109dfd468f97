"""Forms of the worker's case pages. They parse input only; the services decide and validate."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijkteam.cases.models import (
    Action,
    Audience,
    Case,
    CaseStatus,
    ChildProtectionMeasure,
    ContactMoment,
    Goal,
    Involvement,
    SafetyAssessment,
)
from wijkteam.cases.services import ActionInput, SafetyInput
from wijkteam.core.forms import StyledFormMixin

ALL = "all"
OPEN = "open"
MINE = "mine"


class DateInput(forms.DateInput):
    """A native date picker (ISO value, shown in the browser's locale)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _today() -> Any:
    return timezone.localdate()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class VersionField(forms.IntegerField):
    """The version of the object as the editor loaded it (optimistic locking)."""

    def __init__(self) -> None:
        super().__init__(required=False, min_value=0, widget=forms.HiddenInput)


# --- the case list and the case page ----------------------------------------------------------------


class CaseFilterForm(StyledFormMixin, forms.Form):
    scope = forms.ChoiceField(
        label=_("Cases"),
        required=False,
        choices=[(ALL, _("All cases of my teams")), (MINE, _("Cases I coordinate"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(OPEN, _("All running cases")), (ALL, _("All, closed ones too")), *CaseStatus.choices],
    )

    def filters(self) -> tuple[bool, str | None]:
        """(mine_only, status) for the case list selector; bad input falls back to the defaults."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or OPEN
        return data.get("scope") == MINE, None if status == ALL else status


class OpenWithReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open this file?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the coordinator is ill and the mother called about the rent. Your reason is "
            "recorded and can be reviewed; the file stays open for you for 8 hours."
        ),
    )


class NextStepForm(StyledFormMixin, forms.Form):
    next_step = forms.CharField(
        label=_("Next step"),
        max_length=200,
        required=False,
        help_text=_("Shown on the index card, e.g. 'home visit on Tuesday'."),
    )


class ContactMomentForm(StyledFormMixin, forms.Form):
    """Recording a contact: three required fields (date prefilled), the rest optional."""

    occurred_on = forms.DateField(label=_("Date"), initial=_today, widget=DateInput)
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactMoment.Kind.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Short note"), widget=forms.Textarea(attrs={"rows": 3}))
    audience = forms.ChoiceField(
        label=_("Who may read the note"),
        required=False,
        choices=[
            ("", _("Default: the team and the involved workers (your organisation only under professional secrecy)")),
            *Audience.choices,
        ],
    )
    life_domains = forms.ModelMultipleChoiceField(
        label=_("Life domains"),
        queryset=None,
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = PersonMultipleChoiceField(
        label=_("Who took part"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, life_domains: QuerySet, persons: QuerySet, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)
        self.fields["life_domains"].queryset = life_domains
        self.fields["participants"].queryset = persons


# --- the plan ---------------------------------------------------------------------------------------


class PlanSummaryForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("What we want to achieve together"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In the household's words."),
    )
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "summary_%s")
        super().__init__(*args, **kwargs)


class PlanAgreeForm(StyledFormMixin, forms.Form):
    agreed_on = forms.DateField(label=_("Agreed with the household on"), initial=_today, widget=DateInput)
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "agree_%s")
        super().__init__(*args, **kwargs)


class GoalAddForm(StyledFormMixin, forms.Form):
    life_domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=None, to_field_name="code", empty_label=_("Choose a life domain")
    )
    text = forms.CharField(label=_("Goal, in the household's words"), max_length=500)
    success_criterion = forms.CharField(label=_("How we know it is reached"), max_length=500, required=False)

    def __init__(self, *args: Any, life_domains: QuerySet, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "goal_new_%s")
        super().__init__(*args, **kwargs)
        self.fields["life_domain"].queryset = life_domains


class GoalEditForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Goal, in the household's words"), max_length=500)
    success_criterion = forms.CharField(label=_("How we know it is reached"), max_length=500, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)
    version = VersionField()

    def __init__(self, *args: Any, goal: Goal, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"goal_{goal.pk}_%s")
        kwargs.setdefault(
            "initial",
            {
                "text": goal.text,
                "success_criterion": goal.success_criterion,
                "status": goal.status,
                "version": goal.version,
            },
        )
        super().__init__(*args, **kwargs)


class _ActionFieldsMixin(forms.Form):
    """Who does what by when; which of assignee, organisation, person or name is needed depends on who."""

    who_kind = forms.ChoiceField(label=_("Who"), choices=[("", _("Choose who does it")), *Action.Who.choices])
    what = forms.CharField(label=_("What"), max_length=500)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DateInput)
    assignee = forms.ModelChoiceField(
        label=_("Volunteer or worker"),
        queryset=None,
        required=False,
        empty_label=_("Not chosen"),
        help_text=_("They see this action in their own list."),
    )
    person = PersonChoiceField(label=_("Household member"), queryset=None, required=False, empty_label=_("Not chosen"))
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=None, required=False, empty_label=_("Not chosen")
    )
    who_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("For someone from the own network, or when the person is not in the lists."),
    )

    def _set_choices(self, *, assignees: QuerySet, persons: QuerySet, organisations: QuerySet) -> None:
        self.fields["assignee"].queryset = assignees
        self.fields["person"].queryset = persons
        self.fields["organisation"].queryset = organisations
        # The fields that only apply to some kinds of "who" (cases.js shows just those).
        self.fields["assignee"].widget.attrs["data-who"] = "volunteer worker partner"
        self.fields["person"].widget.attrs["data-who"] = "household"
        self.fields["organisation"].widget.attrs["data-who"] = "partner"
        self.fields["who_name"].widget.attrs["data-who"] = "household own_network volunteer worker partner"
        self.fields["who_kind"].widget.attrs["data-who-kind"] = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("who_kind")
        name = (data.get("who_name") or "").strip()
        if kind == Action.Who.OWN_NETWORK and not name:
            self.add_error("who_name", _("Write who from the own network does it, e.g. 'neighbour Ans'."))
        if kind in (Action.Who.VOLUNTEER, Action.Who.WORKER) and not (data.get("assignee") or name):
            self.add_error("assignee", _("Choose the volunteer or worker, or write their name."))
        if kind == Action.Who.PARTNER and not (data.get("organisation") or name):
            self.add_error("organisation", _("Choose the partner organisation, or write its name."))
        return data

    def action_input(self, goal: Goal | None = None) -> ActionInput:
        data = self.cleaned_data
        kind = data["who_kind"]
        # Keep only what applies to this kind of "who", so a changed choice leaves no stale assignee.
        assignee = data.get("assignee") if kind in ("volunteer", "worker", "partner") else None
        return ActionInput(
            who_kind=kind,
            what=data["what"],
            who_name=data.get("who_name") or "",
            due_on=data.get("due_on"),
            goal_id=goal.pk if goal else None,
            assignee_id=assignee.pk if assignee else None,
            organisation_id=data["organisation"].pk if kind == "partner" and data.get("organisation") else None,
            person_id=data["person"].pk if kind == "household" and data.get("person") else None,
        )


class ActionForm(StyledFormMixin, _ActionFieldsMixin):
    """Adding or editing an action of the plan."""

    goal = forms.ModelChoiceField(label=_("Goal"), queryset=None, required=False, empty_label=_("No particular goal"))
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices, required=False)
    version = VersionField()
    field_order = ["goal", "what", "who_kind", "assignee", "person", "organisation", "who_name", "due_on", "status"]

    def __init__(
        self,
        *args: Any,
        goals: QuerySet,
        assignees: QuerySet,
        persons: QuerySet,
        organisations: QuerySet,
        action: Action | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", f"action_{action.pk if action else 'new'}_%s")
        if action is not None:
            kwargs.setdefault(
                "initial",
                {
                    "goal": action.goal_id,
                    "what": action.what,
                    "who_kind": action.who_kind,
                    "assignee": action.assignee_id,
                    "person": action.person_id,
                    "organisation": action.organisation_id,
                    "who_name": action.who_name,
                    "due_on": action.due_on,
                    "status": action.status,
                    "version": action.version,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self._set_choices(assignees=assignees, persons=persons, organisations=organisations)
        if action is None:
            del self.fields["status"]
            del self.fields["version"]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Action.Status.choices)
    version = VersionField()


# --- case conference ----------------------------------------------------------------------------------


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ConferenceForm(StyledFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Held on"), initial=_today, widget=DateInput)
    participants = UserMultipleChoiceField(
        label=_("Participants"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    other_participants = forms.CharField(
        label=_("Other participants"),
        max_length=500,
        required=False,
        help_text=_("For example the household, the school's mentor, the GP."),
    )
    questions = forms.CharField(label=_("Questions"), widget=forms.Textarea(attrs={"rows": 3}))
    agreements = forms.CharField(label=_("Agreements"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, participants: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants


class ConferenceActionForm(StyledFormMixin, _ActionFieldsMixin):
    """An agreement of the conference that becomes an action in the plan (optional as a whole: once
    something is filled in, "what" and "who" are needed)."""

    field_order = ["what", "who_kind", "assignee", "person", "organisation", "who_name", "due_on"]

    def __init__(self, *args: Any, assignees: QuerySet, persons: QuerySet, organisations: QuerySet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._set_choices(assignees=assignees, persons=persons, organisations=organisations)
        self.fields["what"].required = False
        self.fields["who_kind"].required = False

    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("what"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.has_changed():
            return data
        if not data.get("what"):
            self.add_error("what", _("Describe what will be done, or leave this action empty."))
        if not data.get("who_kind"):
            self.add_error("who_kind", _("Choose who does it."))
        return data


ConferenceActionFormSet = forms.formset_factory(ConferenceActionForm, extra=3, max_num=3, validate_max=True)


# --- closing, follow-up, coordinator, involvements -----------------------------------------------------


class CloseForm(StyledFormMixin, forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), initial=_today, widget=DateInput)
    reason = forms.ChoiceField(
        label=_("Closing reason"), choices=[("", _("Choose the reason")), *Case.ClosingReason.choices]
    )
    result = forms.ChoiceField(label=_("Result"), choices=Case.Result.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Closing note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was reached, what the household can do on its own, where they can go next time."),
    )
    follow_up_on = forms.DateField(
        label=_("Light follow-up (check-in date)"),
        required=False,
        widget=DateInput,
        help_text=_("Optional: a date to check in with the household. There is no active plan any more."),
    )


class FollowUpDoneForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("How is it going?"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "follow_up_%s")
        super().__init__(*args, **kwargs)


class CoordinatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        count = getattr(obj, "open_cases", 0)
        return ngettext(
            "%(name)s (coordinates %(count)s open case)",
            "%(name)s (coordinates %(count)s open cases)",
            count,
        ) % {"name": obj, "count": count}


class CoordinatorForm(StyledFormMixin, forms.Form):
    coordinator = CoordinatorChoiceField(label=_("New coordinator"), queryset=None, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, candidates: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = candidates


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = str(obj)
        return name if name == obj.username else f"{name} ({obj.username})"


class InvolvementForm(StyledFormMixin, forms.Form):
    user = UserChoiceField(label=_("Professional"), queryset=None, empty_label=_("Choose a professional"))
    organisation = forms.ModelChoiceField(
        label=_("On behalf of the organisation"), queryset=None, empty_label=_("Choose the organisation")
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose the role")), *Involvement.Role.choices])
    start_date = forms.DateField(label=_("From"), initial=_today, widget=DateInput)

    def __init__(self, *args: Any, candidates: QuerySet, organisations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["organisation"].queryset = organisations


class EndDateForm(StyledFormMixin, forms.Form):
    end_date = forms.DateField(label=_("End date"), initial=_today, widget=DateInput)


# --- the restricted safety section ------------------------------------------------------------------------


class SafetyForm(StyledFormMixin, forms.Form):
    signals_mapped = forms.CharField(
        label=_("Step 1: map the signals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What did you see or hear, from whom, when? Facts, not interpretations."),
    )
    veilig_thuis_consulted_on = forms.DateField(
        label=_("Step 2: Veilig Thuis consulted on"), required=False, widget=DateInput
    )
    veilig_thuis_advice = forms.CharField(
        label=_("Advice of Veilig Thuis (or the safety expert)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    talked_with_client = forms.CharField(
        label=_("Step 3: the conversation with the client"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you discussed and how the client responded; if you did not talk, why not."),
    )
    weighing = forms.CharField(
        label=_("Step 4: weigh the violence or abuse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Is there (a risk of) violence or abuse? Is it acute or structural unsafety?"),
    )
    decision = forms.ChoiceField(label=_("Step 5: decide"), choices=SafetyAssessment.Decision.choices)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DateInput)
    loaded_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, assessment: SafetyAssessment | None, **kwargs: Any) -> None:
        if assessment is not None:
            initial = {name: getattr(assessment, name) for name in SafetyInput.__dataclass_fields__}
            initial["loaded_at"] = assessment.updated_at.isoformat()
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def safety_input(self) -> SafetyInput:
        return SafetyInput(**{name: self.cleaned_data[name] for name in SafetyInput.__dataclass_fields__})

    def loaded_at_value(self) -> datetime | None:
        raw = self.cleaned_data.get("loaded_at") or ""
        try:
            return datetime.fromisoformat(raw) if raw else None
        except ValueError:
            return None


class MeasureForm(StyledFormMixin, forms.Form):
    child = PersonChoiceField(label=_("Child"), queryset=None, empty_label=_("Choose the child"))
    measure = forms.ChoiceField(
        label=_("Measure"), choices=[("", _("Choose the measure")), *ChildProtectionMeasure.Measure.choices]
    )
    institution = forms.ModelChoiceField(
        label=_("Certified institution (GI)"), queryset=None, empty_label=_("Choose the institution")
    )
    youth_protection_worker = forms.CharField(label=_("Youth-protection worker"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput)

    def __init__(self, *args: Any, children: QuerySet, institutions: QuerySet, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "measure_%s")
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["institution"].queryset = institutions
