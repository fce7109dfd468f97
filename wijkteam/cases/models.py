"""The case file: help requests, short contacts, signals, cases with their client system, one plan with
goals and actions, involvements of partner professionals, case conferences, contact moments, the
restricted safety section, and the recorded reasons for opening a case's content.

One household, one plan, one coordinator: a case belongs to one team, has exactly one coordinator at any
time and at most one plan; not every question becomes a case (short contacts, signals closed with a
reason).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.querysets import CaseQuerySet
from wijkteam.core.models import TimeStampedModel


class Channel(models.TextChoices):
    SELF = "self", _("The household itself")
    NEIGHBOUR = "neighbour", _("Neighbour or acquaintance")
    GP = "gp", _("General practitioner")
    SCHOOL = "school", _("School")
    POLICE = "police", _("Police")
    PARTNER = "partner", _("Partner organisation")
    SIGNAL = "signal", _("Signal from the neighbourhood")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SOON = "soon", _("Within a week")
    CRISIS = "crisis", _("Crisis: today")


class HelpRequest(TimeStampedModel):
    """The request for help in the household's own words: the start of every case."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CASE = "case", _("Became a case")
        SHORT_CONTACT = "short_contact", _("Answered as a short contact")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    municipality = models.ForeignKey("neighbourhoods.Region", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="help_requests")
    household = models.ForeignKey("households.Household", on_delete=models.PROTECT, related_name="help_requests")
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    words = models.TextField(_("the request in the household's own words"))
    life_domains = models.ManyToManyField("reference.LifeDomain", related_name="+", verbose_name=_("life domains"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    is_wmo_report = models.BooleanField(
        _("formal Wmo report (melding)"),
        default=False,
        help_text=_("Starts the legal clock: the investigation must be finished within 6 weeks."),
    )
    acute_unsafety = models.BooleanField(_("acute unsafety"), default=False)
    insufficient_basic_care = models.BooleanField(_("insufficient basic care"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.ForeignKey(
        "reference.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis"),
        help_text=_("The law under which the municipality processes this request (its public task)."),
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [
            models.Index(fields=["team", "status", "-received_on"], name="helprequest_team_idx"),
            models.Index(fields=["household", "-received_on"], name="helprequest_household_idx"),
        ]

    def __str__(self) -> str:
        return f"{_('Help request')} {self.received_on:%d-%m-%Y}"

    @property
    def safety_concern(self) -> bool:
        return self.acute_unsafety or self.insufficient_basic_care


class ShortContact(TimeStampedModel):
    """A question answered in one or two contacts, registered minimally, without a case or plan."""

    municipality = models.ForeignKey("neighbourhoods.Region", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="short_contacts")
    district = models.ForeignKey(
        "neighbourhoods.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    person = models.ForeignKey(
        "households.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="short_contacts",
        verbose_name=_("person"),
    )
    who = models.CharField(
        _("who"),
        max_length=200,
        help_text=_("A short description if the person is not registered, e.g. 'man, about 60'."),
    )
    life_domain = models.ForeignKey("reference.LifeDomain", on_delete=models.PROTECT, verbose_name=_("life domain"))
    what_was_done = models.TextField(_("what was done"))
    contacted_on = models.DateField(_("date"))
    contacts = models.PositiveSmallIntegerField(_("number of contacts"), default=1)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.SELF)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    help_request = models.OneToOneField(
        HelpRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="short_contact"
    )

    class Meta:
        ordering = ["-contacted_on", "-id"]
        verbose_name = _("short contact")
        verbose_name_plural = _("short contacts")
        indexes = [models.Index(fields=["team", "-contacted_on"], name="shortcontact_team_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(contacts__gte=1, contacts__lte=2), name="shortcontact_one_or_two"),
        ]

    def __str__(self) -> str:
        return f"{self.who} ({self.contacted_on:%d-%m-%Y})"


class Signal(TimeStampedModel):
    """A concern about an address or household from a neighbour, partner or team member ("eyes and ears")."""

    class Source(models.TextChoices):
        NEIGHBOUR = "neighbour", _("Neighbour or resident")
        PARTNER = "partner", _("Partner organisation")
        TEAM_MEMBER = "team_member", _("Team member")
        POLICE = "police", _("Police")
        SCHOOL = "school", _("School")
        GP = "gp", _("General practitioner")
        HOUSING = "housing", _("Housing corporation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        SHORT_CONTACT = "short_contact", _("Handled as a short contact")
        CASE = "case", _("Led to a help request")
        CLOSED = "closed", _("Closed with a reason")

    municipality = models.ForeignKey("neighbourhoods.Region", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="signals")
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reporter = models.CharField(_("reported by"), max_length=200, blank=True)
    concern = models.TextField(_("concern"))
    address_text = models.CharField(_("address"), max_length=200, blank=True)
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, null=True, blank=True, related_name="signals"
    )
    district = models.ForeignKey(
        "neighbourhoods.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    closing_reason = models.CharField(_("reason"), max_length=500, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    short_contact = models.ForeignKey(ShortContact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    help_request = models.ForeignKey(HelpRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [models.Index(fields=["team", "status", "-received_on"], name="signal_team_idx")]

    def __str__(self) -> str:
        return f"{_('Signal')} {self.received_on:%d-%m-%Y}"


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    PLAN = "plan", _("Plan")
    EXECUTION = "execution", _("Execution")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed")


class Case(TimeStampedModel):
    """One trajectory of support for a household, from intake to closure, with one coordinator."""

    class ClosingReason(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("Goals reached")
        PARTLY_REACHED = "partly_reached", _("Goals partly reached, household continues on its own")
        REFERRED = "referred", _("Referred to specialist care")
        NO_LONGER_WANTED = "no_longer_wanted", _("Household no longer wants support")
        MOVED = "moved", _("Household moved away")
        NO_CONTACT = "no_contact", _("No contact possible")
        DECEASED = "deceased", _("Deceased")
        OTHER = "other", _("Other")

    class Result(models.TextChoices):
        IMPROVED = "improved", _("Improved")
        STABLE = "stable", _("Stable")
        WORSENED = "worsened", _("Worsened")
        UNKNOWN = "unknown", _("Unknown")

    municipality = models.ForeignKey("neighbourhoods.Region", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="cases")
    household = models.ForeignKey("households.Household", on_delete=models.PROTECT, related_name="cases")
    help_request = models.OneToOneField(HelpRequest, on_delete=models.PROTECT, related_name="case")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_cases",
        verbose_name=_("coordinator"),
    )
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE)
    opened_on = models.DateField(_("opened on"))
    plan_agreed_on = models.DateField(_("plan first agreed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.CharField(_("closing reason"), max_length=30, choices=ClosingReason.choices, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    follow_up_on = models.DateField(
        _("light follow-up on"), null=True, blank=True, help_text=_("A check-in date after closing; no active plan.")
    )
    is_reentry = models.BooleanField(
        _("re-entry"), default=False, help_text=_("A new case within 12 months after closing an earlier one.")
    )
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    care_level = models.ForeignKey(
        "reference.CareLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("care level"),
    )
    legal_basis = models.ForeignKey(
        "reference.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis"),
        help_text=_("The law under which the municipality processes this case (its public task)."),
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["team", "status", "-opened_on"], name="case_team_status_idx"),
            models.Index(fields=["coordinator", "status"], name="case_coordinator_idx"),
            models.Index(fields=["household", "-opened_on"], name="case_household_idx"),
            models.Index(fields=["follow_up_on"], name="case_follow_up_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False), name="case_closed_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Case')} {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class ClientSystemRole(models.TextChoices):
    CLIENT = "client", _("Client")
    HOUSEHOLD_MEMBER = "household_member", _("Household member")
    CHILD = "child", _("Child")
    PARENT_WITH_AUTHORITY = "parent_with_authority", _("Parent with parental authority")
    PARENT_WITHOUT_AUTHORITY = "parent_without_authority", _("Parent without parental authority")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Legal representative")
    INFORMAL_CARER = "informal_carer", _("Informal carer")
    PARTNER = "partner", _("Partner")
    OTHER = "other", _("Other")


class ClientSystemMember(models.Model):
    """A person a case concerns, with their role: household members and related persons outside it
    (a co-parenting child can be in the client system of two households' cases)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="client_system")
    person = models.ForeignKey("households.Person", on_delete=models.PROTECT, related_name="client_systems")
    role = models.CharField(_("role"), max_length=30, choices=ClientSystemRole.choices)

    class Meta:
        verbose_name = _("client system member")
        verbose_name_plural = _("client system")
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="clientsystem_unique_person")]
        indexes = [models.Index(fields=["person", "case"], name="clientsystem_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.get_role_display()})"


class CoordinatorChange(models.Model):
    """A change of coordinator, with the reason; the history of who directed the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="coordinator_changes")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("coordinator change")
        verbose_name_plural = _("coordinator changes")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_user_id} → {self.to_user_id}"


class Plan(TimeStampedModel):
    """The one integral plan of a case, agreed with the household; `version` guards concurrent edits."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    version = models.PositiveIntegerField(_("version"), default=1)
    summary = models.TextField(_("what we want to achieve together"), blank=True)
    agreed_on = models.DateField(_("agreed with the household on"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{_('Plan')} {self.case_id} v{self.version}"


class PlanVersion(models.Model):
    """A snapshot of the plan each time it is agreed with the household (the plan's history)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    agreed_on = models.DateField()
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["plan", "version"], name="planversion_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version}"


class Goal(TimeStampedModel):
    """A goal in the plan, tied to a life domain, in the household's words."""

    class Status(models.TextChoices):
        OPEN = "open", _("Working on it")
        REACHED = "reached", _("Reached")
        PARTLY = "partly", _("Partly reached")
        NOT_REACHED = "not_reached", _("Not reached")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    life_domain = models.ForeignKey("reference.LifeDomain", on_delete=models.PROTECT, verbose_name=_("life domain"))
    text = models.CharField(_("goal, in the household's words"), max_length=500)
    success_criterion = models.CharField(_("how we know it is reached"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text


class Action(TimeStampedModel):
    """Who does what by when: the household, its own network, a volunteer, a worker or a partner."""

    class Who(models.TextChoices):
        HOUSEHOLD = "household", _("Household member")
        OWN_NETWORK = "own_network", _("Own network")
        VOLUNTEER = "volunteer", _("Volunteer")
        WORKER = "worker", _("Worker")
        PARTNER = "partner", _("Partner organisation")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    who_kind = models.CharField(_("who"), max_length=20, choices=Who.choices)
    who_name = models.CharField(_("name"), max_length=200, blank=True)
    person = models.ForeignKey("households.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_actions",
        verbose_name=_("assigned to"),
    )
    organisation = models.ForeignKey("teams.Organisation", on_delete=models.PROTECT, null=True, blank=True)
    what = models.CharField(_("what"), max_length=500)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    conference = models.ForeignKey(
        "CaseConference", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["status", "due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"], name="action_assignee_idx"),
            models.Index(fields=["plan", "status"], name="action_plan_idx"),
        ]

    def __str__(self) -> str:
        return self.what


class Involvement(TimeStampedModel):
    """A professional (usually of a partner organisation) joined to a case, with role and period."""

    class Role(models.TextChoices):
        SPECIALIST = "specialist", _("Specialist support")
        DEBT_COUNSELLOR = "debt_counsellor", _("Debt counsellor")
        DISTRICT_NURSE = "district_nurse", _("District nurse")
        YOUTH_WORKER = "youth_worker", _("Youth worker")
        MENTAL_HEALTH = "mental_health", _("Mental health professional")
        WMO_CONSULTANT = "wmo_consultant", _("Wmo consultant")
        SAFETY_EXPERT = "safety_expert", _("Safety expert")
        YOUTH_PROTECTION = "youth_protection", _("Youth-protection worker (GI)")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="involvements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvements")
    organisation = models.ForeignKey("teams.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    rests_on_sharing = models.BooleanField(
        _("rests on a sharing agreement"),
        default=False,
        help_text=_(
            "A worker outside the case's team: they see the content only while a sharing agreement with "
            "their organisation is in force."
        ),
    )

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        indexes = [models.Index(fields=["user", "end_date", "case"], name="involvement_user_idx")]


class CaseConference(TimeStampedModel):
    """A multidisciplinary consultation (MDO) on a case: participants, questions, agreements."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField(_("held on"))
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    other_participants = models.CharField(_("other participants"), max_length=500, blank=True)
    questions = models.TextField(_("questions"))
    agreements = models.TextField(_("agreements"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")


class Audience(models.TextChoices):
    TEAM = "team", _("The team and the involved workers")
    INVOLVED = "involved", _("Only the coordinator and the involved workers")
    COORDINATOR = "coordinator", _("Only the coordinator")
    ORGANISATION = "organisation", _("Only my organisation (professional secrecy)")


class ContactMoment(TimeStampedModel):
    """A conversation, visit, call or message on a case, with who may read its note."""

    class Kind(models.TextChoices):
        HOME_VISIT = "home_visit", _("Home visit")
        CALL = "call", _("Phone call")
        MEETING = "meeting", _("Meeting")
        MESSAGE = "message", _("Message")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_moments")
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    participants = models.ManyToManyField("households.Person", blank=True, related_name="+")
    note = models.TextField(_("note"))
    life_domains = models.ManyToManyField("reference.LifeDomain", blank=True, related_name="+")
    audience = models.CharField(_("who may read the note"), max_length=20, choices=Audience.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_organisation = models.ForeignKey("teams.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        indexes = [models.Index(fields=["case", "-occurred_on"], name="contactmoment_case_idx")]


class SafetyAssessment(TimeStampedModel):
    """The Meldcode steps for a case with a safety concern; restricted to the coordinator, the team lead
    and the safety expert."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not decided yet")
        HELP = "help", _("Organise help (and monitor)")
        REPORT = "report", _("Report to Veilig Thuis")
        HELP_AND_REPORT = "help_and_report", _("Report and organise help")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="safety")
    signals_mapped = models.TextField(_("1. signals mapped"), blank=True)
    veilig_thuis_consulted_on = models.DateField(_("2. Veilig Thuis consulted on"), null=True, blank=True)
    veilig_thuis_advice = models.TextField(_("advice of Veilig Thuis"), blank=True)
    talked_with_client = models.TextField(_("3. conversation with the client"), blank=True)
    weighing = models.TextField(_("4. weighing"), blank=True)
    decision = models.CharField(_("5. decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("safety assessment (Meldcode)")
        verbose_name_plural = _("safety assessments (Meldcode)")


class ChildProtectionMeasure(TimeStampedModel):
    """A child-protection measure: the GI and its youth-protection worker direct the child's plan."""

    class Measure(models.TextChoices):
        SUPERVISION = "supervision", _("Family supervision order (OTS)")
        GUARDIANSHIP = "guardianship", _("Guardianship")
        OTHER = "other", _("Other measure")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="protection_measures")
    child = models.ForeignKey("households.Person", on_delete=models.PROTECT, related_name="+")
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    institution = models.ForeignKey("teams.Organisation", on_delete=models.PROTECT, related_name="+")
    youth_protection_worker = models.CharField(_("youth-protection worker"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("child-protection measure")
        verbose_name_plural = _("child-protection measures")


class ContentAccessGrant(models.Model):
    """A teammate or team lead opening a case's content after recording a reason (reviewable)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("opening with a reason")
        verbose_name_plural = _("openings with a reason")
        indexes = [models.Index(fields=["user", "case", "expires_at"], name="accessgrant_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.case_id} ({self.granted_at:%Y-%m-%d %H:%M})"


class SharingGround(models.TextChoices):
    CONSENT_PERSON = "consent_person", _("Agreement of the person")
    CONSENT_PARENT = "consent_parent", _("Agreement of the parent with parental authority")
    CONSENT_REPRESENTATIVE = "consent_representative", _("Agreement of the legal representative")
    STATUTORY = "statutory", _("Statutory ground")


class StatutoryGround(models.TextChoices):
    WMO_REPORTING_RIGHT = "wmo_5_2_6", _("Reporting right, art. 5.2.6 Wmo 2015")
    JEUGDWET_MELDCODE = "jeugdwet_7_3_11", _("Jeugdwet art. 7.3.11 (Meldcode)")
    CHILD_PROTECTION = "jeugdwet_7_3_8", _("Jeugdwet art. 7.3.8 (child-protection measure)")


class SharingAgreement(TimeStampedModel):
    """Sharing one person's data in a case with a partner organisation, on the person's agreement (given
    by the person, the parent with parental authority or the legal representative) or a statutory
    ground, for a purpose, from a date. Withdrawn: no further sharing from that moment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sharing_agreements")
    person = models.ForeignKey(
        "households.Person", on_delete=models.CASCADE, related_name="sharing_agreements", verbose_name=_("person")
    )
    recipient = models.ForeignKey(
        "teams.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient organisation")
    )
    ground = models.CharField(_("ground"), max_length=30, choices=SharingGround.choices)
    statutory_ground = models.CharField(
        _("statutory ground"), max_length=30, choices=StatutoryGround.choices, blank=True
    )
    given_by = models.CharField(
        _("agreement given by"),
        max_length=200,
        blank=True,
        help_text=_("Name of the parent or legal representative who gave the agreement."),
    )
    purpose = models.CharField(_("purpose"), max_length=500)
    agreed_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-agreed_on", "-id"]
        verbose_name = _("sharing agreement")
        verbose_name_plural = _("sharing agreements")
        indexes = [
            models.Index(fields=["case", "recipient", "withdrawn_on"], name="sharing_case_recipient_idx"),
            models.Index(fields=["person", "withdrawn_on"], name="sharing_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(ground="statutory") | ~Q(statutory_ground=""), name="sharing_statutory_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.recipient_id} ({self.agreed_on:%d-%m-%Y})"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_on is None


class SubjectRequest(TimeStampedModel):
    """A resident exercising a right (GDPR art. 15-18): access, rectification, restriction or erasure.

    The person is kept by internal id as well (`person_ref`), so the record of an erasure survives it;
    `note` holds no personal data. A restriction is in force while `kind` is restriction and `ended_on`
    is empty: the person's cases can then be read and stored, not changed."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (art. 15)")
        RECTIFICATION = "rectification", _("Rectification (art. 16)")
        ERASURE = "erasure", _("Erasure (art. 17)")
        RESTRICTION = "restriction", _("Restriction of processing (art. 18)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_FORCE = "in_force", _("In force")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")
        ENDED = "ended", _("Ended")

    person = models.ForeignKey("households.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    person_ref = models.PositiveBigIntegerField(_("person (internal id)"), db_index=True)
    kind = models.CharField(_("right"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("to be handled by"))
    note = models.CharField(_("note (no personal data)"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("request of a resident")
        verbose_name_plural = _("requests of residents")
        indexes = [models.Index(fields=["kind", "status", "due_on"], name="subjectrequest_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person_ref} ({self.received_on:%d-%m-%Y})"


class PseudonymisedUse(models.Model):
    """A data analyst's recorded legal basis and purpose for working with pseudonymised case records;
    valid for a working day. Each export under it is logged per person in the access log."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.ForeignKey(
        "reference.LegalBasis", on_delete=models.PROTECT, related_name="+", verbose_name=_("legal basis")
    )
    purpose = models.CharField(_("purpose"), max_length=500)
    recorded_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("use of pseudonymised data")
        verbose_name_plural = _("uses of pseudonymised data")
        indexes = [models.Index(fields=["user", "expires_at"], name="pseudouse_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.purpose[:40]}"


# --- Retention and destruction (Archiefwet, Selectielijst 2020; see retention.py and docs/retention.md) ---


class RetentionCategory(models.Model):
    """A category of the Selectielijst 2020 with its retention period, counted from the end of the file.

    Seeded from `retention.CATEGORY_DEFAULTS`; a municipality may change the periods (data, not code)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    selectielijst = models.CharField(_("Selectielijst 2020 category"), max_length=300)
    years = models.PositiveSmallIntegerField(_("years"), default=0)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    anonymise = models.BooleanField(
        _("keep anonymous statistics"),
        default=False,
        help_text=_("On destruction, keep a statistical record without personal data."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("retention category")
        verbose_name_plural = _("retention categories")

    def __str__(self) -> str:
        return self.name


class LegalHold(models.Model):
    """Files that may not be destroyed while the hold lasts (objection, appeal, court case, complaint,
    a request of the resident). A hold on a case also keeps its household and persons."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_holds", verbose_name=_("case"))
    reason = models.CharField(_("reason"), max_length=500)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("placed at"))
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        indexes = [models.Index(fields=["case", "lifted_at"], name="legalhold_case_idx")]

    def __str__(self) -> str:
        return f"{_('Legal hold')} {self.pk} ({_('case')} {self.case_id})"


class DestructionList(models.Model):
    """A proposal to destroy the records whose retention period has passed; nothing is destroyed until an
    official with the manage_retention capability approves it. After destruction only the list's
    declaration remains (counts per category, no personal data)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DESTROYED = "destroyed", _("Approved and destroyed")
        REJECTED = "rejected", _("Rejected")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_on = models.DateField(_("proposed on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by_repr = models.CharField(_("approved by"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    counts = models.JSONField(
        _("declaration"), default=dict, blank=True, help_text=_("Records destroyed per category (no personal data).")
    )

    class Meta:
        ordering = ["-proposed_on", "-id"]
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        indexes = [models.Index(fields=["status", "-proposed_on"], name="destructionlist_status_idx")]

    def __str__(self) -> str:
        return f"{_('Destruction list')} {self.pk}"


class DestructionListItem(models.Model):
    """One record on a proposed list, by type and id (no foreign key: the record is about to go).
    Items are removed once the list is decided; the declaration keeps the counts."""

    class Kind(models.TextChoices):
        CASE = "case", _("Case file")
        HELP_REQUEST = "help_request", _("Help request")
        SHORT_CONTACT = "short_contact", _("Short contact")
        SIGNAL = "signal", _("Signal")

    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField(_("number"))
    category = models.CharField(_("category"), max_length=30)
    ended_on = models.DateField(_("ended on"))
    due_on = models.DateField(_("may be destroyed from"))

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("destruction list item")
        verbose_name_plural = _("destruction list items")
        constraints = [
            models.UniqueConstraint(fields=["destruction_list", "kind", "object_id"], name="destructionitem_unique")
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="destructionitem_object_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class CaseStatistic(models.Model):
    """What survives of a destroyed case for statistics: no household, person, name, text or exact date;
    team, district (wijk), month of opening and closing, closing reason, result, care level, category."""

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="+")
    district_code = models.CharField(_("district"), max_length=20, blank=True)
    opened_month = models.DateField(_("opened (month)"))
    closed_month = models.DateField(_("closed (month)"))
    closing_reason = models.CharField(_("closing reason"), max_length=30, blank=True)
    result = models.CharField(_("result"), max_length=20, blank=True)
    care_level = models.PositiveSmallIntegerField(_("care level"), null=True, blank=True)
    is_reentry = models.BooleanField(_("re-entry"), default=False)
    category = models.CharField(_("category"), max_length=30)
    life_domains = models.JSONField(_("life domains"), default=list, blank=True)
    destruction_list = models.ForeignKey(DestructionList, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("anonymous case statistic")
        verbose_name_plural = _("anonymous case statistics")
        indexes = [models.Index(fields=["team", "closed_month"], name="casestatistic_team_idx")]

    def __str__(self) -> str:
        return f"{self.team_id} {self.closed_month:%Y-%m}"
