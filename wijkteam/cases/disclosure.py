"""What of a case may be disclosed to one person in a subject-access export. Pure functions, no ORM.

A resident has the right to see their own data (GDPR art. 15) but not the data of others: UAVG art. 41
lets the municipality withhold what would harm the rights of others. A case is about a household, so the
export shields third parties:

- A note (contact moment) is disclosed only when the person took part in it, its audience is the team or
  the involved workers (never a coordinator-only note or a note in a partner's compartment under
  professional secrecy: the resident asks that partner), and either the person was its only participant
  or the case has no safety concern. So in a household with domestic violence, a note of a conversation
  with the victim never reaches the perpetrator, and a joint conversation is withheld from both.
- Household-level text (the request in the household's own words, the plan's summary and goals) is
  disclosed only when the case has no safety concern.
- The safety section (Meldcode) is never part of the export.
- Withheld items are counted, not described, so the privacy officer can assess them by hand.
"""

from __future__ import annotations

from collections.abc import Collection

DISCLOSABLE_AUDIENCES = frozenset({"team", "involved"})


def note_disclosable(*, person_id: int, participant_ids: Collection[int], audience: str, safety_concern: bool) -> bool:
    """Whether a note may go into `person_id`'s subject-access export."""
    if person_id not in participant_ids or audience not in DISCLOSABLE_AUDIENCES:
        return False
    return not safety_concern or set(participant_ids) == {person_id}


def household_text_disclosable(*, safety_concern: bool) -> bool:
    """Whether household-level text (the request, the plan) may go into a member's export."""
    return not safety_concern
