"""The daily safety check, its levels, waivers, and what today allows.

Implemented as ``CLINICAL.md`` section 1 states it. The daily check is asked
before the first session of each day; every item has a triage level and any
yes means no exercise today, with the most urgent level deciding where the
person is sent. Only *doctor soon* items may be answered "already checked by
a doctor or physiotherapist, unchanged", and that answer is asked again
after 28 days. The one-time health background lives in
:mod:`backcoach.coach.background`. The wording is ours; the lists and levels
are CLINICAL.md's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from backcoach.coach.background import fracture_risk
from backcoach.coach.streaks import session_day


class Level(str, Enum):
    """Where a yes sends the person, most urgent first."""

    EMERGENCY = "emergency"
    DOCTOR_TODAY = "doctor_today"
    DOCTOR_SOON = "doctor_soon"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.EMERGENCY: 0, Level.DOCTOR_TODAY: 1, Level.DOCTOR_SOON: 2}


class SafetyOutcome(str, Enum):
    """The result of a daily check: clear, or the most urgent level marked."""

    CLEAR = "clear"
    EMERGENCY = "emergency"
    DOCTOR_TODAY = "doctor_today"
    DOCTOR_SOON = "doctor_soon"


class Answer(str, Enum):
    """One daily item's answer. ``CHECKED`` exists for doctor-soon items only."""

    NO = "no"
    YES = "yes"
    CHECKED = "checked"


# ---- the daily check (CLINICAL.md 1b) ------------------------------------------


@dataclass(frozen=True)
class DailyItem:
    id: str
    text: str
    level: Level
    #: Asked only when the background shows a fracture risk.
    needs_fracture_risk: bool = False

    @property
    def waivable(self) -> bool:
        """Only doctor-soon items may be answered "already checked, unchanged"."""
        return self.level is Level.DOCTOR_SOON


DAILY_ITEMS: tuple[DailyItem, ...] = (
    DailyItem(
        "saddle_numbness",
        "New numbness or a changed feeling around the genitals, back passage, buttocks or "
        "inner thighs (the saddle area), including feeling different when you wipe",
        Level.EMERGENCY,
    ),
    DailyItem(
        "bladder_bowel",
        "New trouble passing urine, leaking urine or stool, or not feeling when your "
        "bladder is full",
        Level.EMERGENCY,
    ),
    DailyItem("sexual_function", "New loss of feeling or function during sex", Level.EMERGENCY),
    DailyItem("both_legs", "Pain, numbness or weakness in both legs", Level.EMERGENCY),
    DailyItem(
        "leg_weakness",
        "Leg weakness that is getting worse, or a foot that drags or catches as you walk",
        Level.EMERGENCY,
    ),
    DailyItem(
        "major_trauma",
        "The pain began with a major accident, such as a car crash or a fall from a height",
        Level.EMERGENCY,
    ),
    DailyItem(
        "fever_unwell",
        "Fever, chills or feeling very unwell along with the back pain",
        Level.DOCTOR_TODAY,
    ),
    DailyItem(
        "minor_trauma",
        "The pain began with a minor fall or strain",
        Level.DOCTOR_TODAY,
        needs_fracture_risk=True,
    ),
    DailyItem("weight_loss", "Weight loss you cannot explain", Level.DOCTOR_SOON),
    DailyItem(
        "night_pain", "Constant pain at night that no position eases", Level.DOCTOR_SOON
    ),
    DailyItem(
        "upper_back", "New pain in the upper back, between the shoulder blades", Level.DOCTOR_SOON
    ),
    DailyItem(
        "worsening", "Pain that keeps getting worse, week after week", Level.DOCTOR_SOON
    ),
)
DAILY_IDS: tuple[str, ...] = tuple(item.id for item in DAILY_ITEMS)
_ITEMS_BY_ID = {item.id: item for item in DAILY_ITEMS}
#: An "already checked" answer stands this long, then is asked again.
WAIVER_DAYS = 28


def daily_items(background: Mapping[str, bool] | None) -> tuple[DailyItem, ...]:
    """The items asked today: the minor-trauma one only with a fracture risk."""
    risk = fracture_risk(background)
    return tuple(item for item in DAILY_ITEMS if risk or not item.needs_fracture_risk)


def item(item_id: str) -> DailyItem:
    return _ITEMS_BY_ID[item_id]


#: What each outcome tells the person: calm, direct, naming where to go.
ADVICE: dict[SafetyOutcome, str] = {
    SafetyOutcome.CLEAR: "Thank you. None of the warning signs apply, so let's begin.",
    SafetyOutcome.EMERGENCY: (
        "Please do not exercise. Go to an emergency department (A&E or ER) now; do not "
        "wait for a GP appointment. These signs need checking the same day, quickly, "
        "to be safe."
    ),
    SafetyOutcome.DOCTOR_TODAY: (
        "Please do not exercise today. Contact a doctor today: ask for a same-day "
        "appointment or call your urgent advice line."
    ),
    SafetyOutcome.DOCTOR_SOON: (
        "Please do not exercise until you have seen a doctor. Book an appointment soon, "
        "and rest gently until then."
    ),
}
#: Where each level sends the person, in a few words (summaries, history, handout).
DESTINATION: dict[Level, str] = {
    Level.EMERGENCY: "go to an emergency department now",
    Level.DOCTOR_TODAY: "contact a doctor today",
    Level.DOCTOR_SOON: "book a doctor's appointment soon",
}


def all_clear(background: Mapping[str, bool] | None = None) -> dict[str, Answer]:
    """The answers for "none of these apply"."""
    return {i.id: Answer.NO for i in daily_items(background)}


@dataclass(frozen=True)
class Assessment:
    outcome: SafetyOutcome
    #: The level of each item answered yes (waived items are not here).
    levels: dict[str, Level]


def assess(
    answers: Mapping[str, Answer], background: Mapping[str, bool] | None = None
) -> Assessment:
    """Grade a complete set of answers; the most urgent yes decides.

    Every item asked today must be answered, and "already checked" is
    refused for items that are not doctor-soon: an emergency can never be
    waived.
    """
    asked = daily_items(background)
    missing = [i.id for i in asked if i.id not in answers]
    if missing:
        raise ValueError(f"unanswered safety questions: {', '.join(missing)}")
    levels: dict[str, Level] = {}
    for entry in asked:
        answer = Answer(answers[entry.id])
        if answer is Answer.CHECKED and not entry.waivable:
            raise ValueError(f"{entry.id} cannot be answered 'already checked'")
        if answer is Answer.YES:
            levels[entry.id] = entry.level
    if not levels:
        return Assessment(SafetyOutcome.CLEAR, levels)
    worst = min(levels.values(), key=lambda level: level.rank)
    return Assessment(SafetyOutcome(worst.value), levels)


def safety_record(
    answers: Mapping[str, Answer],
    assessment: Assessment,
    background: Mapping[str, bool] | None,
    checked_on: Mapping[str, str],
    waived_since: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The journal's ``safety`` object for one daily check (schema version 2).

    ``answers`` keeps the old true/false shape (a waived item is a yes the
    person already had checked), ``waived`` names those items with the date
    they were checked, ``levels`` the level of every blocking yes.
    ``waived_since`` carries, for a waiver confirmed again while it still
    stood, the day it was first given: the 28 days count from then, so
    confirming a standing answer never renews it.
    """
    since = waived_since or {}
    return {
        "waived_since": {
            qid: since[qid] for qid, a in answers.items() if Answer(a) is Answer.CHECKED and qid in since
        },
        "answers": {qid: Answer(a) is not Answer.NO for qid, a in answers.items()},
        "waived": {
            qid: checked_on.get(qid) for qid, a in answers.items() if Answer(a) is Answer.CHECKED
        },
        "levels": {qid: level.value for qid, level in assessment.levels.items()},
        "outcome": assessment.outcome.value,
        "background": dict(background) if background is not None else None,
    }


@dataclass(frozen=True)
class Waiver:
    """An "already checked, unchanged" answer still standing."""

    checked_on: str | None
    answered_on: date

    @property
    def ask_again_on(self) -> date:
        return self.answered_on + timedelta(days=WAIVER_DAYS)


def active_waivers(sessions: Iterable[Mapping[str, Any]], today: date) -> dict[str, Waiver]:
    """Doctor-soon items answered "already checked" less than 28 days ago.

    The latest daily check that asked an item decides: a later plain "no"
    or "yes" replaces an earlier waiver.
    """
    latest: dict[str, tuple[date, Waiver | None]] = {}
    for session in sessions:
        safety = session.get("safety")
        day = session_day(session)
        if not isinstance(safety, Mapping) or day is None:
            continue
        answers = safety.get("answers")
        waived = safety.get("waived")
        since = safety.get("waived_since")
        if not isinstance(answers, Mapping):
            continue
        waived = waived if isinstance(waived, Mapping) else {}
        since = since if isinstance(since, Mapping) else {}
        for qid in answers:
            entry = _ITEMS_BY_ID.get(qid)
            if entry is None or not entry.waivable:
                continue
            if qid in latest and latest[qid][0] > day:
                continue
            checked = waived.get(qid) if qid in waived else None
            waiver = (
                Waiver(checked if isinstance(checked, str) else None, _first_day(since.get(qid), day))
                if qid in waived
                else None
            )
            latest[qid] = (day, waiver)
    return {
        qid: waiver
        for qid, (_, waiver) in latest.items()
        if waiver is not None and today < waiver.ask_again_on
    }


def _first_day(since: object, day: date) -> date:
    """The day a waiver was first given: its recorded start, never later than ``day``."""
    if isinstance(since, str):
        try:
            first = date.fromisoformat(since)
        except ValueError:
            return day
        return min(first, day)
    return day


# ---- what today allows ---------------------------------------------------------


class SafetyToday(str, Enum):
    """Whether today's first session still needs the safety check."""

    NEEDED = "needed"
    CLEAR = "clear"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class Today:
    """What the day's sessions so far mean for starting another one."""

    safety: SafetyToday
    #: The most urgent level given today, when blocked.
    blocked_level: Level | None
    #: A session today was stopped for pain: today is a rest day.
    pain_stop: bool


def today_state(sessions: Iterable[Mapping[str, Any]], today: date) -> Today:
    """Blocked for the rest of the day after any yes; clear after a clear check.

    Demo sessions count too: a warning sign is a warning sign. A session
    stopped for pain makes the day a rest day (starting again asks first).
    """
    status = SafetyToday.NEEDED
    blocked: Level | None = None
    pain_stop = False
    for session in sessions:
        if session_day(session) != today:
            continue
        if session.get("status") == "stopped_pain" and not session.get("demo"):
            pain_stop = True
        if session.get("status") == "stopped_safety":
            level = _blocking_level(session.get("safety"))
            if blocked is None or level.rank < blocked.rank:
                blocked = level
            continue
        safety = session.get("safety")
        if not isinstance(safety, Mapping):
            continue
        answers = safety.get("answers")
        if isinstance(answers, Mapping) and answers and _cleared(safety):
            status = SafetyToday.CLEAR
    if blocked is not None:
        return Today(SafetyToday.BLOCKED, blocked, pain_stop)
    return Today(status, None, pain_stop)


def _cleared(safety: Mapping[str, Any]) -> bool:
    """A recorded check let the person exercise (v1: no yes; v2: outcome clear)."""
    outcome = safety.get("outcome")
    if outcome is not None:
        return bool(outcome == SafetyOutcome.CLEAR.value)
    answers = safety.get("answers")
    return isinstance(answers, Mapping) and not any(answers.values())


def _blocking_level(safety: object) -> Level:
    """The level a safety stop sent the person to; unknown counts as most urgent."""
    if isinstance(safety, Mapping):
        outcome = safety.get("outcome")
        if outcome in {level.value for level in Level}:
            return Level(outcome)
    return Level.EMERGENCY
