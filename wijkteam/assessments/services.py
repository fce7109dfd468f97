"""Writes of the assessments app: the shipped instruments, instruments an administrator adds, a team's
choice of instruments, assessments and goal ratings. Each runs in one transaction with its audit event."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access.audit import event_record
from wijkteam.access.models import User
from wijkteam.assessments import data, scoring
from wijkteam.assessments.models import (
    Assessment,
    Attainment,
    DomainScore,
    GoalRating,
    Instrument,
    InstrumentDomain,
    Moment,
    ScaleLabel,
    TeamInstrumentSetting,
)
from wijkteam.assessments.selectors import scoring_frame, team_setting
from wijkteam.cases.models import Case, ClientSystemMember, Goal
from wijkteam.households.models import Person
from wijkteam.reference.models import LifeDomain
from wijkteam.teams.models import Team


@transaction.atomic
def instrument_data_sync(*, models: Any = None) -> dict[str, int]:
    """Create or update the shipped instruments (the ZRM: names and scale labels only); idempotent.

    `models` lets a data migration pass its historical models (Instrument, InstrumentDomain, ScaleLabel,
    LifeDomain). Life domains missing from `reference` are skipped; instruments an administrator added
    stay untouched.
    """
    if models is None:
        instrument_model, domain_model, label_model, life_domain_model = (
            Instrument,
            InstrumentDomain,
            ScaleLabel,
            LifeDomain,
        )
    else:
        instrument_model, domain_model, label_model, life_domain_model = models
    counts = {"instruments": 0, "domains": 0, "labels": 0}
    for row in data.INSTRUMENTS:
        instrument, _created = instrument_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_nl": row["name_nl"],
                "name_en": row["name_en"],
                "scale_min": row["scale_min"],
                "scale_max": row["scale_max"],
                "source": row["source"],
            },
        )
        counts["instruments"] += 1
        domains = {d.code: d for d in life_domain_model.objects.filter(code__in=row["domains"])}
        for order, code in enumerate(row["domains"], start=1):
            if code in domains:
                domain_model.objects.update_or_create(
                    instrument=instrument, life_domain=domains[code], defaults={"order": order}
                )
                counts["domains"] += 1
        for value, label_nl, label_en in row["labels"]:
            label_model.objects.update_or_create(
                instrument=instrument, value=value, defaults={"label_nl": label_nl, "label_en": label_en}
            )
            counts["labels"] += 1
    return counts


@transaction.atomic
def instrument_save(
    *,
    instrument: Instrument | None = None,
    code: str,
    name_nl: str,
    name_en: str,
    scale_min: int,
    scale_max: int,
    source: str = "",
    is_active: bool = True,
    life_domains: Sequence[LifeDomain],
    labels: Mapping[int, tuple[str, str]],
    actor: User,
) -> Instrument:
    """Add an instrument or change one (a functional administrator's work): its domains and scale labels.

    The scale of an instrument that has been used cannot change: the recorded scores would lose meaning.
    """
    errors: dict[str, list[str]] = {}
    if scale_min >= scale_max:
        errors["scale_max"] = [_("The highest score must be above the lowest.")]
    if not life_domains:
        errors["life_domains"] = [_("Choose at least one life domain.")]
    outside = sorted(value for value in labels if not scale_min <= value <= scale_max)
    if outside:
        errors["labels"] = [_("Labels outside the scale: %(values)s.") % {"values": ", ".join(str(v) for v in outside)}]
    scale_changed = instrument is not None and (instrument.scale_min, instrument.scale_max) != (scale_min, scale_max)
    if scale_changed and instrument is not None and instrument.assessments.exists():
        errors["scale_min"] = [_("This instrument has been used: its scale can no longer change.")]
    if Instrument.objects.filter(code=code).exclude(pk=instrument.pk if instrument else None).exists():
        errors["code"] = [_("Another instrument has this code.")]
    if errors:
        raise ValidationError(errors)
    created = instrument is None
    instrument = instrument or Instrument(code=code)
    instrument.code = code
    instrument.name_nl, instrument.name_en = name_nl, name_en
    instrument.scale_min, instrument.scale_max = scale_min, scale_max
    instrument.source, instrument.is_active = source, is_active
    instrument.save()
    keep = [domain.pk for domain in life_domains]
    InstrumentDomain.objects.filter(instrument=instrument).exclude(life_domain_id__in=keep).delete()
    for order, domain in enumerate(life_domains, start=1):
        InstrumentDomain.objects.update_or_create(instrument=instrument, life_domain=domain, defaults={"order": order})
    ScaleLabel.objects.filter(instrument=instrument).exclude(value__in=list(labels)).delete()
    for value, (label_nl, label_en) in labels.items():
        ScaleLabel.objects.update_or_create(
            instrument=instrument, value=value, defaults={"label_nl": label_nl, "label_en": label_en}
        )
    event_record(
        actor=actor,
        action="instrument.created" if created else "instrument.updated",
        target=instrument,
        summary=instrument.code,
        details={"domains": [domain.code for domain in life_domains], "scale": [scale_min, scale_max]},
    )
    return instrument


@transaction.atomic
def team_instrument_setting_set(
    *, team: Team, instrument: Instrument, in_use: bool, justice_enabled: bool, actor: User
) -> TeamInstrumentSetting:
    """Whether a team uses an instrument, and whether it scores the justice domain (criminal data)."""
    setting, _created = TeamInstrumentSetting.objects.select_for_update().get_or_create(
        team=team,
        instrument=instrument,
        defaults={"in_use": in_use, "justice_enabled": justice_enabled, "updated_by": actor},
    )
    before = {"in_use": setting.in_use, "justice_enabled": setting.justice_enabled}
    setting.in_use, setting.justice_enabled, setting.updated_by = in_use, justice_enabled and in_use, actor
    setting.save()
    event_record(
        actor=actor,
        action="team.instrument_set",
        target=team,
        summary=instrument.code,
        details={
            "instrument": instrument.code,
            "before": before,
            "after": {"in_use": setting.in_use, "justice_enabled": setting.justice_enabled},
        },
    )
    return setting


def _raise(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError({key: list(messages) for key, messages in problems.items()})


@transaction.atomic
def assessment_record(
    *,
    case: Case,
    person: Person,
    moment: str,
    assessed_on: date,
    scores: Mapping[str, int | None],
    note: str = "",
    actor: User,
    instrument: Instrument | None = None,
) -> Assessment:
    """Record an adult's self-reliance at intake, evaluation or closure: a score per touched life domain.

    `scores` maps life-domain codes to a score; empty (None) domains are left out. The caller has checked
    that the actor may see the case's content (cases.selectors.case_content_or_404).
    """
    problems: dict[str, list[str]] = {}
    if moment not in Moment.values:
        problems["moment"] = [_("Choose intake, evaluation or closure.")]
    setting = team_setting(team_id=case.team_id, instrument=instrument)
    if setting is None:
        problems.setdefault(scoring.NON_FIELD, []).append(_("The case's team does not use this instrument."))
        raise ValidationError(problems)
    instrument = setting.instrument
    in_client_system = ClientSystemMember.objects.filter(case=case, person=person).exists()
    for key, messages in scoring.person_problems(
        birth_date=person.birth_date,
        in_client_system=in_client_system,
        assessed_on=assessed_on,
        today=timezone.localdate(),
    ).items():
        problems.setdefault(key, []).extend(messages)
    frame = scoring_frame(case=case, instrument=instrument, justice_enabled=setting.justice_enabled)
    for key, messages in scoring.score_problems(frame, scores).items():
        problems.setdefault(key, []).extend(messages)
    if (
        moment != Moment.EVALUATION
        and Assessment.objects.filter(case=case, person=person, instrument=instrument, moment=moment).exists()
    ):
        problems.setdefault("moment", []).append(
            _("This person already has an assessment at this moment; record an evaluation instead.")
        )
    _raise(problems)
    given = {code: value for code, value in scores.items() if value is not None}
    domains = {d.code: d for d in LifeDomain.objects.filter(code__in=list(given))}
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                case=case,
                person=person,
                instrument=instrument,
                moment=moment,
                assessed_on=assessed_on,
                note=note,
                assessed_by=actor,
            )
    except IntegrityError as error:  # a concurrent intake or closure of the same person
        raise ValidationError(
            {"moment": [_("This person already has an assessment at this moment; record an evaluation instead.")]}
        ) from error
    DomainScore.objects.bulk_create(
        DomainScore(assessment=assessment, life_domain=domains[code], score=value) for code, value in given.items()
    )
    event_record(
        actor=actor,
        action="assessment.recorded",
        target=assessment,
        summary=f"{instrument.code} {moment}",
        details={"case": case.pk, "person": person.pk, "moment": moment, "domains": sorted(given)},
    )
    return assessment


@transaction.atomic
def goal_rating_record(
    *,
    goal: Goal,
    moment: str,
    rated_on: date,
    household_rating: str,
    worker_rating: str,
    household_words: str = "",
    actor: User,
) -> GoalRating:
    """Record how far a goal was reached, in the household's eyes and the worker's, at evaluation or closure."""
    problems: dict[str, list[str]] = {}
    if moment not in GoalRating.RatingMoment.values:
        problems["moment"] = [_("Choose evaluation or closure.")]
    for name, value in (("household_rating", household_rating), ("worker_rating", worker_rating)):
        if value not in Attainment.values:
            problems[name] = [_("Choose reached, partly reached or not reached.")]
    if rated_on > timezone.localdate():
        problems["rated_on"] = [_("The date cannot be in the future.")]
    if moment == GoalRating.RatingMoment.CLOSURE and GoalRating.objects.filter(goal=goal, moment=moment).exists():
        problems["moment"] = [_("This goal already has a rating at closure.")]
    _raise(problems)
    rating = GoalRating.objects.create(
        goal=goal,
        moment=moment,
        rated_on=rated_on,
        household_rating=household_rating,
        worker_rating=worker_rating,
        household_words=household_words,
        recorded_by=actor,
    )
    event_record(
        actor=actor,
        action="goal.rated",
        target=rating,
        summary=moment,
        details={"goal": goal.pk, "household": household_rating, "worker": worker_rating},
    )
    return rating
