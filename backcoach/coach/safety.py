"""The safety check asked before the first session of each day.

The questions screen for "red flag" signs that need a doctor rather than
exercise. Any yes means no exercise today; the first three (signs of nerve
compression that needs urgent care) mean seek urgent care now, the rest mean
see a doctor soon. The wording is ours; the list is DESIGN.md's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Iterable, Mapping


class SafetyOutcome(str, Enum):
    CLEAR = "clear"
    SEE_DOCTOR = "see_doctor"
    URGENT = "urgent"


@dataclass(frozen=True)
class SafetyQuestion:
    id: str
    text: str
    urgent: bool


SAFETY_QUESTIONS: tuple[SafetyQuestion, ...] = (
    SafetyQuestion(
        "saddle_numbness",
        "New numbness or pins and needles around the groin, genitals or inner thighs",
        urgent=True,
    ),
    SafetyQuestion(
        "bladder_bowel",
        "New difficulty controlling or starting your bladder or bowels",
        urgent=True,
    ),
    SafetyQuestion(
        "leg_weakness",
        "Leg weakness that is getting worse, or weakness in both legs",
        urgent=True,
    ),
    SafetyQuestion(
        "unwell",
        "Fever, feeling generally unwell, or weight loss you cannot explain, "
        "together with the back pain",
        urgent=False,
    ),
    SafetyQuestion(
        "trauma",
        "Back pain that started with a fall, accident or other injury",
        urgent=False,
    ),
    SafetyQuestion(
        "night_pain",
        "Constant pain at night that does not ease in any position",
        urgent=False,
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in SAFETY_QUESTIONS)

ADVICE: dict[SafetyOutcome, str] = {
    SafetyOutcome.CLEAR: "Thank you. None of the warning signs apply, so let's begin.",
    SafetyOutcome.URGENT: (
        "Please do not exercise today. These signs can mean a nerve is being "
        "squeezed and need checking urgently: contact urgent care or an "
        "emergency department now."
    ),
    SafetyOutcome.SEE_DOCTOR: (
        "Please do not exercise today. These signs should be checked by a "
        "doctor: book an appointment soon, and rest gently until then."
    ),
}


def all_clear() -> dict[str, bool]:
    """The answers for "none of these apply"."""
    return {qid: False for qid in QUESTION_IDS}


def assess(answers: Mapping[str, bool]) -> SafetyOutcome:
    """Grade a complete set of answers. Every question must be answered."""
    missing = [qid for qid in QUESTION_IDS if qid not in answers]
    if missing:
        raise ValueError(f"unanswered safety questions: {', '.join(missing)}")
    urgent_ids = {q.id for q in SAFETY_QUESTIONS if q.urgent}
    if any(answers[qid] for qid in urgent_ids):
        return SafetyOutcome.URGENT
    if any(answers[qid] for qid in QUESTION_IDS):
        return SafetyOutcome.SEE_DOCTOR
    return SafetyOutcome.CLEAR


class SafetyToday(str, Enum):
    """Whether today's first session still needs the safety check."""

    NEEDED = "needed"
    CLEAR = "clear"
    BLOCKED = "blocked"


def safety_today(sessions: Iterable[Mapping[str, Any]], today: date) -> SafetyToday:
    """Blocked for the rest of the day after any yes; clear after a clear check.

    Demo sessions count too: a warning sign is a warning sign.
    """
    status = SafetyToday.NEEDED
    for session in sessions:
        started = session.get("started_at")
        if not started or datetime.fromisoformat(str(started)).date() != today:
            continue
        if session.get("status") == "stopped_safety":
            return SafetyToday.BLOCKED
        answers = (session.get("safety") or {}).get("answers")
        if answers and not any(answers.values()):
            status = SafetyToday.CLEAR
    return status
