"""The report's per-drill figures, check-ins over time and safety stops.

A physiotherapist at a follow-up asks about each drill: how often it came
up, how it went, what it did to the pain, how it felt, and what the coach
changed. This turns the session documents (README, "The session
document") into those numbers; pure functions, no store, no Textual, so
each figure is checked against hand-counted rows in the tests.

Demo sessions are left out throughout: a clinic demo or a sped-up run is
not the patient's exercise. A drill is keyed by the program's drill
(``drill_id``): an easier version done instead counts as that drill "done
easier", which is how the physio prescribed it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from backcoach.coach.safety import item as safety_item
from backcoach.coach.session_list import drill_rows, pain_score, when_text
from backcoach.coach.streaks import session_day
from backcoach.content.model import Drill

Session = Mapping[str, Any]

#: Pain bands where skipping is what the pain check asked for (red: no full dose; stop: skipped).
PAIN_SKIP_BANDS = frozenset({"red", "stop"})
DIFFICULTIES = ("too_easy", "about_right", "too_hard")

#: What a blocking safety answer sent the person to, in the report's words.
OUTCOME_WORDS = {
    "emergency": "emergency department now",
    "doctor_today": "see a doctor today",
    "doctor_soon": "see a doctor soon",
}


@dataclass(frozen=True)
class DoseChange:
    """One session in which the adaptive coach changed, held or left out the drill's dose."""

    when: str
    change: str  # "changed", "held", "left out"
    planned: str  # the program's dose in words ("" when it cannot be told)
    done: str  # the dose done that day in words
    why: tuple[tuple[str, str], ...]  # (sentence, CLINICAL.md rule id)


@dataclass
class DrillStats:
    """Everything the report says about one of the program's drills over the period."""

    drill_id: str
    name: str
    #: Sessions whose plan reached this drill (a session ended before it does not list it).
    prescribed: int = 0
    done: int = 0
    partial: int = 0
    easier: int = 0  # the easier version, in full
    easier_partly: int = 0  # the easier version, finished early
    skipped_pain: int = 0  # skipped at a red or stop pain check
    skipped_choice: int = 0  # skipped at a green or amber check, or at its start
    left_out: int = 0  # today's plan left it out (direction limit, leg pain)
    pains: list[int] = field(default_factory=list)  # pain at its checks, in order
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DIFFICULTIES, 0))
    active_seconds: float = 0.0
    leg_spreads: int = 0
    changes: list[DoseChange] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.skipped_pain + self.skipped_choice

    @property
    def pain_median(self) -> float | None:
        import statistics  # here, not at the top: History's Drills page counts with this module too

        return float(statistics.median(self.pains)) if self.pains else None

    @property
    def pain_range(self) -> tuple[int, int] | None:
        return (min(self.pains), max(self.pains)) if self.pains else None

    def pain_words(self) -> str:
        """"median 3 (2-5), 4 checks", or "-" without a check."""
        if not self.pains:
            return "-"
        low, high = min(self.pains), max(self.pains)
        median = self.pain_median
        spread = f"{low}" if low == high else f"{low}-{high}"
        checks = "1 check" if len(self.pains) == 1 else f"{len(self.pains)} checks"
        return f"median {median:g} ({spread}), {checks}"

    def skipped_words(self) -> str:
        """"2 (1 pain, 1 choice)", "0"; left out by the plan is said apart."""
        parts = []
        if self.skipped_pain:
            parts.append(f"{self.skipped_pain} pain")
        if self.skipped_choice:
            parts.append(f"{self.skipped_choice} choice")
        return f"{self.skipped} ({', '.join(parts)})" if parts else "0"

    def ratings_words(self) -> str:
        r = self.ratings
        return f"{r['too_easy']} / {r['about_right']} / {r['too_hard']}"

    def easier_words(self) -> str:
        total = self.easier + self.easier_partly
        return f"{total} ({self.easier_partly} partly)" if self.easier_partly else str(total)


def drill_stats(
    sessions: Iterable[Session], library: Mapping[str, Drill], *, changes: bool = True
) -> list[DrillStats]:
    """Per drill of the programs, in the order first met; demos left out.

    The one count of how each drill went: the report and History's Drills
    page both read it. ``changes=False`` leaves out the coach's dose
    changes (worded dose by dose), which the Drills page does not show.
    """
    stats: dict[str, DrillStats] = {}
    for session in sessions:
        if session.get("demo"):
            continue
        when = when_text(session.get("started_at"))
        records = [d for d in session.get("drills") or () if type(d) is dict]
        rows = drill_rows(session, library) if changes else [None] * len(records)
        for record, row in zip(records, rows, strict=True):
            drill_id = str(record.get("drill_id") or "?")
            entry = stats.get(drill_id)
            if entry is None:
                known = library.get(drill_id)
                entry = stats[drill_id] = DrillStats(drill_id, known.name if known else drill_id)
            _add(entry, record)
            if row is not None and row.change:
                entry.changes.append(DoseChange(when, row.change, row.planned, row.done, row.why))
    return list(stats.values())


def _add(entry: DrillStats, record: Mapping[str, Any]) -> None:
    entry.prescribed += 1
    status = record.get("status")
    if status == "done":
        entry.done += 1
    elif status == "partial":
        entry.partial += 1
    elif status == "easier":
        entry.easier += 1
    elif status == "partial_easier":
        entry.easier_partly += 1
    elif status == "left_out":
        entry.left_out += 1
    elif status == "skipped":
        if str(record.get("gate_band")) in PAIN_SKIP_BANDS:
            entry.skipped_pain += 1
        else:
            entry.skipped_choice += 1
    score = pain_score(record.get("gate_pain"))
    if score is not None:
        entry.pains.append(score)
    difficulty = str(record.get("difficulty"))  # str(): a hand-edited row may hold a list here
    if difficulty in entry.ratings:
        entry.ratings[difficulty] += 1
    seconds = record.get("active_seconds")
    if (type(seconds) is int or type(seconds) is float) and seconds > 0:
        entry.active_seconds += seconds
    if record.get("leg_spread") is True:
        entry.leg_spreads += 1


# ---- check-ins and next-day responses ------------------------------------------------


LEG_WORDS = {"none": "none", "thigh": "thigh", "below_knee": "below the knee"}


@dataclass(frozen=True)
class CheckIn:
    """One session's check-in answers and last pain check."""

    when: str
    day: date | None
    checkin: int | None
    leg_today: str  # in words, "-" when not asked
    followup: str  # "better", "same", "worse" (since the session before), "-" when not asked
    hours_since: float | None
    final: int | None


def check_ins(sessions: Iterable[Session]) -> list[CheckIn]:
    """Every non-demo session's check-in, oldest first."""
    rows = []
    for session in sessions:
        if session.get("demo"):
            continue
        followup = session.get("followup")
        compared, hours = "-", None
        if type(followup) is dict and followup.get("compared") in ("better", "same", "worse"):
            compared = str(followup["compared"])
            value = followup.get("hours_since")
            hours = float(value) if type(value) is int or type(value) is float else None
        rows.append(
            CheckIn(
                when=when_text(session.get("started_at")),
                day=session_day(session),
                checkin=pain_score(session.get("checkin_pain")),
                leg_today=LEG_WORDS.get(str(session.get("leg_today")), "-"),
                followup=compared,
                hours_since=hours,
                final=pain_score(session.get("final_pain")),
            )
        )
    return rows


# ---- safety answers that blocked a day -------------------------------------------------------


@dataclass(frozen=True)
class SafetyBlock:
    when: str
    outcome: str  # where it sent the person, in words
    signs: tuple[str, ...]  # the warning signs answered yes, in the check's words


def safety_blocks(sessions: Iterable[Session]) -> list[SafetyBlock]:
    """Each daily check that said no exercise that day, oldest first.

    A record of schema 2 says so in ``outcome`` and names the signs in
    ``levels``; an older one (no ``outcome``) blocked on any yes.
    """
    blocks = []
    for session in sessions:
        safety = session.get("safety")
        if session.get("demo") or type(safety) is not dict:
            continue
        outcome = safety.get("outcome")
        answers = _dict(safety.get("answers"))
        if outcome is None:
            signs = [key for key, value in answers.items() if value is True]
            if not signs:
                continue
            words = "no exercise that day"  # older records kept no level
        elif outcome == "clear":
            continue
        else:
            levels = _dict(safety.get("levels"))
            signs = list(levels) or [key for key, value in answers.items() if value is True]
            words = OUTCOME_WORDS.get(str(outcome), str(outcome))
        blocks.append(SafetyBlock(when_text(session.get("started_at")), words, tuple(_sign(s) for s in signs)))
    return blocks


def _dict(value: object) -> dict[str, Any]:
    return value if type(value) is dict else {}


def _sign(sign_id: str) -> str:
    try:
        return safety_item(sign_id).text
    except KeyError:
        return sign_id  # a sign no longer asked: its id is all there is
