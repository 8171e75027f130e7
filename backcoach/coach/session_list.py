"""The session list and a session's drills, in words.

Pure functions of the session documents (no Textual, no I/O), shared by the
History screen, its detail screen and the Markdown report; re-exported by
:mod:`backcoach.coach.history`. Documents come from JSON, so they are
checked with cheap exact-type tests: the list is built for ten years of
history on every open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from backcoach.coach.streaks import WORKED_STATUSES, session_day

Session = Mapping[str, Any]
#: A stored session, as a plain dict or any read-only mapping; kept through a reorder.
S = TypeVar("S", bound=Session)

STATUS_WORDS = {
    "completed": "completed",
    "ended_early": "ended early",
    "stopped_pain": "pain stop",
    "stopped_safety": "safety stop",
    "interrupted": "interrupted",
}


# ---- small readers -----------------------------------------------------------


def program_of(session: Session) -> tuple[str, str]:
    """``(id, name)`` of a session's program, with stand-ins for missing parts."""
    program = session.get("program")
    if type(program) is not dict:
        program = {}
    program_id = str(program.get("id") or "")
    return program_id, str(program.get("name") or program_id or "unnamed program")


def active_seconds(session: Session) -> float:
    """Time spent moving: the sum of the drills' ``active_seconds``."""
    total = 0.0
    for drill in session.get("drills") or ():
        if type(drill) is dict:  # JSON documents: plain dicts, checked cheaply
            value = drill.get("active_seconds")
            # exact types: a bool is not a number here
            if (type(value) is int or type(value) is float) and value > 0:
                total += value
    return total




def pain_score(value: object) -> int | None:
    """A 0-10 score, or ``None`` for anything that is not one."""
    if type(value) is int and 0 <= value <= 10:
        return value
    return None


# ---- the session list ---------------------------------------------------------------


@dataclass(slots=True)
class SessionRow:
    """One line of the session list, already in words.

    Not frozen: a frozen dataclass's ``__init__`` is several times slower,
    and ten years of history builds 3,650 of these per screen open.
    """

    id: str
    when: str  # "2026-03-30 08:00", the wall clock where it happened
    day: date | None
    program_id: str
    program_name: str
    status: str
    demo: bool
    drills_done: int
    drills_total: int
    minutes: int
    checkin: int | None
    final: int | None

    @property
    def counts(self) -> bool:
        return self.status in ("completed", "ended early") and not self.demo

    @property
    def pain(self) -> str:
        def score(value: int | None) -> str:
            return "-" if value is None else str(value)

        return f"{score(self.checkin)} -> {score(self.final)}"


def when_text(started: object) -> str:
    """The start as the wall clock showed it there: ``2026-03-30 08:00``."""
    text = str(started or "")
    return text[:16].replace("T", " ") if len(text) >= 16 else (text or "unknown time")


def session_row(session: Session) -> SessionRow:
    program_id, name = program_of(session)
    drills = [d for d in session.get("drills") or () if type(d) is dict]
    done = sum(1 for d in drills if d.get("status") in WORKED_STATUSES)
    status = str(session.get("status") or "")
    return SessionRow(
        id=str(session.get("id") or ""),
        when=when_text(session.get("started_at")),
        day=session_day(session),
        program_id=program_id,
        program_name=name,
        status=STATUS_WORDS.get(status, status or "unknown"),
        demo=bool(session.get("demo")),
        drills_done=done,
        drills_total=len(drills),
        minutes=round(active_seconds(session) / 60),
        checkin=pain_score(session.get("checkin_pain")),
        final=pain_score(session.get("final_pain")),
    )


def session_rows(sessions: Iterable[Session]) -> list[SessionRow]:
    """Every session, newest first (by the moment it started)."""
    rows = [session_row(s) for s in sessions]
    rows.reverse()  # the journal hands them over oldest first
    return rows


def newest_first(sessions: Sequence[S]) -> list[S]:
    """The journal's sessions (oldest first) in the list's order: newest first."""
    return list(reversed(sessions))


def filter_sessions(sessions: Iterable[Session], program_id: str | None) -> list[Session]:
    """The sessions of one program (``None``: all of them), order kept.

    Works on the documents, not on :class:`SessionRow`: the list widget only
    turns the rows on screen into words, so filtering ten years stays cheap.
    """
    if program_id is None:
        return list(sessions)
    return [s for s in sessions if program_of(s)[0] == program_id]


def program_choices(sessions: Iterable[Session]) -> list[tuple[str, str]]:
    """``(id, name)`` of every program in ``sessions``, in the order first met.

    Given the list newest first, the most recently used program comes first.
    """
    seen: dict[str, str] = {}
    for session in sessions:
        program_id, name = program_of(session)
        seen.setdefault(program_id, name)
    return list(seen.items())


#: A drill record's status as the History detail shows it.
DRILL_STATUS_WORDS = {
    "done": "done",
    "partial": "partly done",
    "easier": "easier",
    "partial_easier": "easier, partly",
    "skipped": "skipped",
    "left_out": "left out today",
}


@dataclass(frozen=True)
class DrillRow:
    name: str
    status: str
    gate_pain: int | None
    band: str
    difficulty: str
    seconds: float


def drill_rows(session: Session, names: Mapping[str, str]) -> list[DrillRow]:
    """A session's drills in the order done, with names from the library."""
    rows = []
    for drill in session.get("drills") or ():
        if type(drill) is not dict:
            continue
        drill_id = str(drill.get("drill_id") or "?")
        name = names.get(drill_id, drill_id)
        replaced = drill.get("replaced_by")
        if replaced:
            name = f"{name} -> {names.get(str(replaced), str(replaced))}"
        seconds = drill.get("active_seconds")
        rows.append(
            DrillRow(
                name=name,
                status=DRILL_STATUS_WORDS.get(str(drill.get("status")), str(drill.get("status") or "-"))
                + (", leg spread" if drill.get("leg_spread") is True else ""),
                gate_pain=pain_score(drill.get("gate_pain")),
                band=str(drill.get("gate_band") or "-"),
                difficulty=str(drill.get("difficulty") or "-").replace("_", " "),
                seconds=float(seconds) if isinstance(seconds, (int, float)) else 0.0,
            )
        )
    return rows
