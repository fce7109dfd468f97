"""The case file in the API: cases (index card or content), plans, goals, actions, contact moments and
case conferences, through the need-to-know rule; writes through the services with the caller as actor."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.access.models import User
from wijkteam.cases import need_to_know, selectors, services
from wijkteam.cases.api.base import (
    ConflictSerializer,
    PersonalDataViewSet,
    choice_param,
    id_parameter,
    int_param,
    require_capability,
)
from wijkteam.cases.api.serializers import (
    ActionCreateSerializer,
    ActionSerializer,
    ActionUpdateSerializer,
    CaseCloseSerializer,
    CaseCoordinatorSerializer,
    CaseCreateSerializer,
    CaseOpenWithReasonSerializer,
    CaseSerializer,
    CaseUpdateSerializer,
    ConferenceCreateSerializer,
    ConferenceSerializer,
    ContactMomentCreateSerializer,
    ContactMomentSerializer,
    GoalCreateSerializer,
    GoalSerializer,
    GoalUpdateSerializer,
    PlanAgreeSerializer,
    PlanCreateSerializer,
    PlanSerializer,
    PlanUpdateSerializer,
)
from wijkteam.cases.models import (
    Action,
    Case,
    CaseConference,
    CaseStatus,
    ClientSystemMember,
    ContactMoment,
    Goal,
    Involvement,
    Plan,
)
from wijkteam.households.models import Residence
from wijkteam.teams.models import Membership

CASE = id_parameter("case", "Only this case.")
CONFLICT = OpenApiResponse(ConflictSerializer, description="Someone else saved a newer version (shown in `current`).")


def _case_extras() -> list[Any]:
    """What the case serializer shows beyond the selector's own joins, in a fixed number of queries."""
    return [
        Prefetch(
            "household__residences",
            queryset=Residence.objects.open().select_related("address__neighbourhood__parent").order_by("id"),
            to_attr="open_residences",
        ),
        Prefetch(
            "client_system",
            queryset=ClientSystemMember.objects.select_related("person").order_by("person__birth_date", "id"),
        ),
        Prefetch(
            "involvements",
            queryset=Involvement.objects.filter(end_date__isnull=True).select_related("user", "organisation"),
            to_attr="running_involvements",
        ),
        "help_request__life_domains",
    ]


def _check_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("This case is closed; its plan, goals and actions can no longer change."))


def _leads_team(user: User, team_id: int) -> bool:
    return need_to_know.led_team_ids(user.pk).filter(team_id=team_id).exists()


def _check_may_steer(user: User, case: Case) -> None:
    """Changing a case's stage or closing it: its coordinator, or a team lead of its team who opened it."""
    if not (
        getattr(case, "has_content", False) and (case.coordinator_id == user.pk or _leads_team(user, case.team_id))
    ):
        raise PermissionDenied(_("Only the coordinator or the team lead can change the course of this case."))


def _check_worker_on_case(user: User, case: Case, field: str) -> None:
    """An assignee or participant must work on the case: a member of its team or involved in it."""
    in_team = Membership.objects.active().filter(user=user, team_id=case.team_id).exists()
    if not (in_team or Involvement.objects.filter(case=case, user=user, end_date__isnull=True).exists()):
        raise ValidationError({field: _("This worker is neither a member of the case's team nor involved in it.")})


def _action_input(case: Case, values: dict[str, Any]) -> services.ActionInput:
    """Check the references of an action against its case and turn them into the service's input."""
    person = values.get("person")
    if person is not None and not case.client_system.filter(person=person).exists():
        raise ValidationError({"person": _("This person is not part of the case's client system.")})
    assignee = values.get("assignee")
    if assignee is not None:
        _check_worker_on_case(assignee, case, "assignee")
    organisation = values.get("organisation")
    if organisation is not None and organisation.municipality_id != case.municipality_id:
        raise ValidationError({"organisation": _("Choose an organisation of this municipality.")})
    goal = values.get("goal")
    data = services.ActionInput(
        who_kind=values["who_kind"],
        what=values["what"],
        who_name=values.get("who_name") or "",
        due_on=values.get("due_on"),
        goal_id=goal.pk if goal else None,
        assignee_id=assignee.pk if assignee else None,
        organisation_id=organisation.pk if organisation else None,
        person_id=person.pk if person else None,
    )
    services.action_check(case=case, data=data)
    return data


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                enum=["open", *CaseStatus.values],
                description="`open` for every case that is not closed, or one stage.",
            ),
            OpenApiParameter("mine", bool, description="Only the cases the caller coordinates."),
            id_parameter("team", "Only the cases of this team."),
            id_parameter("household", "Only the cases of this household."),
        ]
    ),
    create=extend_schema(request=CaseCreateSerializer, responses={201: CaseSerializer}),
    partial_update=extend_schema(request=CaseUpdateSerializer, responses={200: CaseSerializer}),
)
class CaseViewSet(PersonalDataViewSet):
    """Cases as the caller may see them: the content for the coordinator, involved workers and whoever
    opened it with a reason; the index card (household, address, coordinator, status, next step, team)
    for the other members of the case's team; other teams' cases answer 404. Every read is logged
    (NEN 7513)."""

    queryset = Case.objects.none()
    serializer_class = CaseSerializer

    def visible(self) -> Any:
        params = self.request.query_params
        cases = selectors.case_list_for_user(
            user=self.user,
            mine_only=params.get("mine", "").lower() in ("1", "true", "yes"),
            status=choice_param(self.request, "status", ["open", *CaseStatus.values]),
        )
        if (team_id := int_param(self.request, "team")) is not None:
            cases = cases.filter(team_id=team_id)
        if (household_id := int_param(self.request, "household")) is not None:
            cases = cases.filter(household_id=household_id)
        return cases.select_related("care_level", "help_request", "plan").prefetch_related(*_case_extras())

    def _fresh(self, pk: int) -> Case:
        """The case after a change, as the caller now sees it; its reading was logged when it was opened."""
        case = (
            selectors.case_list_for_user(user=self.user)
            .filter(pk=pk)
            .select_related("care_level", "help_request", "plan")
            .prefetch_related(*_case_extras())
            .first()
        )
        if case is None:  # fail closed: the caller no longer sees the case
            raise Http404
        return case

    def log_page(self, rows: list[Case]) -> None:
        selectors.cases_log_page(user=self.user, cases=rows, request=self.request)

    def object_for_user(self, pk: int) -> Case:
        view = selectors.case_get_for_user(user=self.user, case_id=pk, request=self.request)
        case = view.case
        prefetch_related_objects([case], "plan", *_case_extras())
        return case

    def create(self, request: Request) -> Response:
        require_capability(self.user, "register_intake")
        data = self.parse(CaseCreateSerializer)
        case = services.case_open(
            help_request=data["help_request"],
            coordinator=data["coordinator"],
            opened_on=data["opened_on"],
            actor=self.user,
        )
        return self.answer(self.object_for_user(case.pk), status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        _check_may_steer(self.user, case)
        data = self.parse(CaseUpdateSerializer)
        wanted = data.get("status")
        if wanted and wanted != case.status:
            services.case_status_set(case=case, status=wanted, next_step=data.get("next_step"), actor=self.user)
        elif "next_step" in data:
            services.case_next_step_set(case=case, next_step=data["next_step"], actor=self.user)
        return self.answer(self._fresh(case.pk))

    @extend_schema(request=CaseCloseSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the case with its reason and result; optionally a light follow-up date."""
        case = self.get_object()
        _check_may_steer(self.user, case)
        data = self.parse(CaseCloseSerializer)
        services.case_close(
            case=case,
            closed_on=data["closed_on"],
            reason=data["closing_reason"],
            result=data["result"],
            note=data["closing_note"],
            follow_up_on=data["follow_up_on"],
            actor=self.user,
        )
        return self.answer(self._fresh(case.pk))

    @extend_schema(request=CaseCoordinatorSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def coordinator(self, request: Request, pk: str | None = None) -> Response:
        """Hand the case to another coordinator of its team (the coordinator or a team lead), with a reason."""
        case = self.get_object()
        if not (case.coordinator_id == self.user.pk or _leads_team(self.user, case.team_id)):
            raise PermissionDenied(_("Only the coordinator or the team lead can hand over this case."))
        data = self.parse(CaseCoordinatorSerializer)
        services.case_coordinator_change(case=case, to_user=data["coordinator"], reason=data["reason"], actor=self.user)
        return self.answer(self._fresh(case.pk))

    @extend_schema(request=CaseOpenWithReasonSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"], url_path="open-with-reason")
    def open_with_reason(self, request: Request, pk: str | None = None) -> Response:
        """A member of the case's team opens its content for 8 hours after recording why (reviewable)."""
        case = self.get_object()
        data = self.parse(CaseOpenWithReasonSerializer)
        services.case_open_with_reason(case=case, reason=data["reason"], actor=self.user)
        # Now the content shows: log it as viewed.
        return self.answer(self.object_for_user(case.pk))


@extend_schema_view(
    list=extend_schema(parameters=[CASE]),
    create=extend_schema(
        request=PlanCreateSerializer,
        responses={201: PlanSerializer, 200: OpenApiResponse(PlanSerializer, description="The case's existing plan.")},
    ),
    partial_update=extend_schema(request=PlanUpdateSerializer, responses={200: PlanSerializer, 409: CONFLICT}),
)
class PlanViewSet(PersonalDataViewSet):
    """The plans of the cases whose content the caller may see (one per case). Send back the `version`
    you read with a change; a stale one answers 409 with the current plan."""

    queryset = Plan.objects.none()
    serializer_class = PlanSerializer

    def visible(self) -> Any:
        plans = selectors.plan_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            plans = plans.filter(case_id=case_id)
        return plans

    def log_page(self, rows: list[Plan]) -> None:
        selectors.plans_log_listed(user=self.user, plans=rows, request=self.request)

    def object_for_user(self, pk: int) -> Plan:
        return selectors.plan_get_for_user(user=self.user, plan_id=pk, request=self.request)

    def _fresh(self, pk: int) -> Plan:
        return Plan.objects.select_related("updated_by", "case").get(pk=pk)

    def create(self, request: Request) -> Response:
        """Start the case's plan (or get the one it has)."""
        require_capability(self.user, "view_case_content")
        case = self.parse(PlanCreateSerializer)["case"]
        _check_open(case)
        existed = Plan.objects.filter(case=case).exists()
        plan = services.plan_get_or_create(case=case, actor=self.user)
        return self.answer(self._fresh(plan.pk), status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        require_capability(self.user, "view_case_content")
        _check_open(plan.case)
        data = self.parse(PlanUpdateSerializer)
        try:
            plan = services.plan_update(
                plan=plan, expected_version=data["version"], summary=data["summary"], actor=self.user
            )
        except services.ConflictError as conflict:
            return self.conflict(conflict.message, self._fresh(plan.pk))
        return self.answer(self._fresh(plan.pk))

    @extend_schema(request=PlanAgreeSerializer, responses={200: PlanSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def agree(self, request: Request, pk: str | None = None) -> Response:
        """Record that the household agreed the plan on a date: a new version with a snapshot."""
        plan = self.get_object()
        require_capability(self.user, "view_case_content")
        _check_open(plan.case)
        data = self.parse(PlanAgreeSerializer)
        try:
            plan = services.plan_agree(
                plan=plan, expected_version=data["version"], agreed_on=data["agreed_on"], actor=self.user
            )
        except services.ConflictError as conflict:
            return self.conflict(conflict.message, self._fresh(plan.pk))
        return self.answer(self._fresh(plan.pk))


@extend_schema_view(
    list=extend_schema(parameters=[CASE, id_parameter("plan", "Only the goals of this plan.")]),
    create=extend_schema(request=GoalCreateSerializer, responses={201: GoalSerializer}),
    partial_update=extend_schema(request=GoalUpdateSerializer, responses={200: GoalSerializer, 409: CONFLICT}),
)
class GoalViewSet(PersonalDataViewSet):
    """Goals in the plans whose case content the caller may see, per life domain in the household's
    words. Send back the `version` you read with a change; a stale one answers 409."""

    queryset = Goal.objects.none()
    serializer_class = GoalSerializer

    def visible(self) -> Any:
        goals = selectors.goal_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            goals = goals.filter(plan__case_id=case_id)
        if (plan_id := int_param(self.request, "plan")) is not None:
            goals = goals.filter(plan_id=plan_id)
        return goals

    def log_page(self, rows: list[Goal]) -> None:
        selectors.goals_log_listed(user=self.user, goals=rows, request=self.request)

    def object_for_user(self, pk: int) -> Goal:
        return selectors.goal_get_for_user(user=self.user, goal_id=pk, request=self.request)

    def _fresh(self, pk: int) -> Goal:
        return Goal.objects.select_related("plan", "life_domain").get(pk=pk)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "view_case_content")
        data = self.parse(GoalCreateSerializer)
        _check_open(data["plan"].case)
        goal = services.goal_add(
            plan=data["plan"],
            life_domain_code=data["life_domain"].code,
            text=data["text"],
            success_criterion=data["success_criterion"],
            actor=self.user,
        )
        return self.answer(self._fresh(goal.pk), status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        goal = self.get_object()
        require_capability(self.user, "view_case_content")
        _check_open(goal.plan.case)
        data = self.parse(GoalUpdateSerializer)
        try:
            goal = services.goal_update(
                goal=goal,
                expected_version=data["version"],
                text=data.get("text", goal.text),
                success_criterion=data.get("success_criterion", goal.success_criterion),
                status=data.get("status", goal.status),
                actor=self.user,
            )
        except services.ConflictError as conflict:
            return self.conflict(conflict.message, self._fresh(goal.pk))
        return self.answer(self._fresh(goal.pk))


@extend_schema_view(
    list=extend_schema(
        parameters=[
            CASE,
            id_parameter("plan", "Only the actions of this plan."),
            OpenApiParameter("status", enum=Action.Status.values, description="Only actions with this status."),
            OpenApiParameter("mine", bool, description="Only the actions assigned to the caller."),
        ]
    ),
    create=extend_schema(request=ActionCreateSerializer, responses={201: ActionSerializer}),
    partial_update=extend_schema(request=ActionUpdateSerializer, responses={200: ActionSerializer, 409: CONFLICT}),
)
class ActionViewSet(PersonalDataViewSet):
    """Who does what by when: the actions in the plans whose case content the caller may see, and the
    actions assigned to the caller — all a volunteer sees, and all a volunteer may change is their
    status. Send back the `version` you read with a change; a stale one answers 409."""

    queryset = Action.objects.none()
    serializer_class = ActionSerializer

    def visible(self) -> Any:
        actions = selectors.action_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            actions = actions.filter(plan__case_id=case_id)
        if (plan_id := int_param(self.request, "plan")) is not None:
            actions = actions.filter(plan_id=plan_id)
        if wanted := choice_param(self.request, "status", Action.Status.values):
            actions = actions.filter(status=wanted)
        if self.request.query_params.get("mine", "").lower() in ("1", "true", "yes"):
            actions = actions.filter(assignee_id=self.user.pk)
        return actions

    def log_page(self, rows: list[Action]) -> None:
        selectors.actions_log_listed(user=self.user, actions=rows, request=self.request)

    def object_for_user(self, pk: int) -> Action:
        return selectors.action_get_for_user(user=self.user, action_id=pk, request=self.request)

    def _fresh(self, pk: int) -> Action:
        return selectors.action_list_for_user(user=self.user).get(pk=pk)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "view_case_content")
        data = self.parse(ActionCreateSerializer)
        plan = data.pop("plan")
        _check_open(plan.case)
        created = services.action_add(plan=plan, data=_action_input(plan.case, data), actor=self.user)
        return self.answer(self._fresh(created.pk), status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        current = self.get_object()
        data = self.parse(ActionUpdateSerializer)
        version = data.pop("version")
        if not current.has_content and set(data) - {"status"}:
            raise PermissionDenied(_("You can only tick off (or reopen) an action assigned to you."))
        if current.has_content:
            require_capability(self.user, "view_case_content")
        _check_open(current.plan.case)
        try:
            if set(data) <= {"status"}:
                services.action_set_status(
                    action=current,
                    expected_version=version,
                    status=data.get("status", current.status),
                    actor=self.user,
                )
            else:
                values = {
                    "goal": current.goal,
                    "who_kind": current.who_kind,
                    "who_name": current.who_name,
                    "assignee": current.assignee,
                    "organisation": current.organisation,
                    "person": current.person,
                    "what": current.what,
                    "due_on": current.due_on,
                    **data,
                }
                services.action_update(
                    action=current,
                    expected_version=version,
                    data=_action_input(current.plan.case, values),
                    status=data.get("status", current.status),
                    actor=self.user,
                )
        except services.ConflictError as conflict:
            return self.conflict(conflict.message, self._fresh(current.pk))
        return self.answer(self._fresh(current.pk))


@extend_schema_view(
    list=extend_schema(parameters=[CASE]),
    create=extend_schema(request=ContactMomentCreateSerializer, responses={201: ContactMomentSerializer}),
)
class ContactMomentViewSet(PersonalDataViewSet):
    """Conversations, visits, calls and messages on the cases whose content the caller may see, each
    only where its note's audience includes the caller (team, involved workers, coordinator, or the
    author's organisation under professional secrecy). Every read is logged (NEN 7513)."""

    queryset = ContactMoment.objects.none()
    serializer_class = ContactMomentSerializer

    def visible(self) -> Any:
        moments = selectors.contact_moment_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            moments = moments.filter(case_id=case_id)
        return moments

    def log_page(self, rows: list[ContactMoment]) -> None:
        selectors.contact_moments_log_listed(user=self.user, moments=rows, request=self.request)

    def object_for_user(self, pk: int) -> ContactMoment:
        return selectors.contact_moment_get_for_user(user=self.user, moment_id=pk, request=self.request)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "view_case_content")
        data = self.parse(ContactMomentCreateSerializer)
        case = data["case"]
        participants = data.get("participants", [])
        known = set(case.client_system.values_list("person_id", flat=True))
        if any(pid not in known for pid in participants):
            raise ValidationError({"participants": _("Choose persons of the case's client system.")})
        moment = services.contact_moment_record(
            case=case,
            occurred_on=data["occurred_on"],
            kind=data["kind"],
            note=data["note"],
            audience=data["audience"],
            life_domain_codes=[d.code for d in data.get("life_domains", [])],
            participant_ids=participants,
            actor=self.user,
        )
        return self.answer(selectors.contact_moment_list_for_user(user=self.user).get(pk=moment.pk), 201)


@extend_schema_view(
    list=extend_schema(parameters=[CASE]),
    create=extend_schema(request=ConferenceCreateSerializer, responses={201: ConferenceSerializer}),
)
class ConferenceViewSet(PersonalDataViewSet):
    """Case conferences (MDO) on the cases whose content the caller may see; agreements recorded with a
    conference can become actions in the plan. Every read is logged (NEN 7513)."""

    queryset = CaseConference.objects.none()
    serializer_class = ConferenceSerializer

    def visible(self) -> Any:
        conferences = selectors.conference_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            conferences = conferences.filter(case_id=case_id)
        return conferences

    def log_page(self, rows: list[CaseConference]) -> None:
        selectors.conferences_log_listed(user=self.user, conferences=rows, request=self.request)

    def object_for_user(self, pk: int) -> CaseConference:
        return selectors.conference_get_for_user(user=self.user, conference_id=pk, request=self.request)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "view_case_content")
        data = self.parse(ConferenceCreateSerializer)
        case = data["case"]
        if case.is_closed:
            raise ValidationError(_("This case is closed; record a conference on a new help request."))
        for participant in data.get("participants", []):
            _check_worker_on_case(participant, case, "participants")
        new_actions = []
        for number, values in enumerate(data.get("actions", [])):
            try:
                new_actions.append(_action_input(case, values))
            except ValidationError as error:
                raise ValidationError(
                    {f"actions.{number}.{key}": messages for key, messages in error.message_dict.items()}
                ) from error
        conference = services.conference_record(
            case=case,
            held_on=data["held_on"],
            questions=data["questions"],
            participant_ids=[p.pk for p in data.get("participants", [])],
            other_participants=data["other_participants"],
            agreements=data["agreements"],
            new_actions=new_actions,
            actor=self.user,
        )
        return self.answer(selectors.conference_list_for_user(user=self.user).get(pk=conference.pk), 201)
