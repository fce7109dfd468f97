"""How an audit event reads on the case's change page: a label for the action and a before → after
summary from the event's summary and details. Pure: no database."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy

ACTION_LABELS = {
    "case.opened": gettext_lazy("Case opened"),
    "case.client_system_set": gettext_lazy("Client system changed"),
    "case.coordinator_changed": gettext_lazy("Coordinator changed"),
    "case.status_set": gettext_lazy("Status changed"),
    "case.next_step_set": gettext_lazy("Next step changed"),
    "case.closed": gettext_lazy("Case closed"),
    "case.follow_up_done": gettext_lazy("Follow-up done"),
    "case.opened_with_reason": gettext_lazy("Opened with a reason"),
    "case.involvement_added": gettext_lazy("Involvement added"),
    "case.involvement_ended": gettext_lazy("Involvement ended"),
    "case.stepped_up": gettext_lazy("Stepped up"),
    "case.stepped_down": gettext_lazy("Stepped down"),
    "help_request.registered": gettext_lazy("Help request registered"),
    "help_request.answered_briefly": gettext_lazy("Answered briefly"),
    "plan.created": gettext_lazy("Plan created"),
    "plan.updated": gettext_lazy("Plan changed"),
    "plan.agreed": gettext_lazy("Plan agreed"),
    "goal.added": gettext_lazy("Goal added"),
    "goal.updated": gettext_lazy("Goal changed"),
    "goal.rated": gettext_lazy("Goal rated"),
    "action.added": gettext_lazy("Action added"),
    "action.updated": gettext_lazy("Action changed"),
    "action.status_set": gettext_lazy("Action status changed"),
    "contact_moment.recorded": gettext_lazy("Contact moment recorded"),
    "case_conference.recorded": gettext_lazy("Case conference recorded"),
    "safety.updated": gettext_lazy("Safety assessment changed"),
    "child_protection_measure.added": gettext_lazy("Child-protection measure added"),
    "child_protection_measure.ended": gettext_lazy("Child-protection measure ended"),
    "sharing_agreement.recorded": gettext_lazy("Sharing agreement recorded"),
    "sharing_agreement.withdrawn": gettext_lazy("Sharing agreement withdrawn"),
    "legal_hold.placed": gettext_lazy("Legal hold placed"),
    "legal_hold.lifted": gettext_lazy("Legal hold lifted"),
    "assessment.recorded": gettext_lazy("Self-reliance assessed"),
    "decision.recorded": gettext_lazy("Decision recorded"),
    "decision.status_set": gettext_lazy("Decision status changed"),
    "frontline_payment.recorded": gettext_lazy("Frontline payment recorded"),
}

# Detail keys holding a value before and after the change (never ids of persons or users).
BEFORE_AFTER = {
    "case.status_set": ("from", "to"),
    "safety.updated": ("decision_from", "decision"),
}


def action_label(action: str) -> str:
    """A readable label for an action code; an unknown code is shown as it is."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def change_summary(action: str, summary: str, details: Mapping[str, Any] | None) -> str:
    """Before → after where the event records both, else the event's own summary."""
    details = details or {}
    keys = BEFORE_AFTER.get(action)
    if keys and keys[1] in details:
        before, after = details.get(keys[0]), details[keys[1]]
        change = f"{before or '–'} → {after}"
        return f"{change} ({summary})" if summary else change
    if summary:
        return summary.replace(" -> ", " → ")
    if details.get("status"):
        return f"→ {details['status']}"
    return ""
