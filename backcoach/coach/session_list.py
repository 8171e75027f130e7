"""The session list and a session's drills, in words.

Pure functions of the session documents (no Textual, no I/O), shared by the
History screen, its detail screen and the Markdown report; re-exported by
:mod:`backcoach.coach.history`. Documents come from JSON, so they are
checked with cheap exact-type tests: the list is built for ten years of
history on every open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from backcoach.coach.adapt_history import DOSE_FIELDS
from backcoach.coach.streaks import session_day
from backcoach.content.describe import dose_text
from backcoach.content.model import Drill

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


#: A drill done in full (its easier version included): what "done" counts in the session list,
#: the session's detail and the report, so a partly done drill is never read as done.
IN_FULL = frozenset({"done", "easier"})


def when_text(started: object) -> str:
    """The start as the wall clock showed it there: ``2026-03-30 08:00``."""
    text = str(started or "")
    return text[:16].replace("T", " ") if len(text) >= 16 else (text or "unknown time")


def session_row(session: Session) -> SessionRow:
    program_id, name = program_of(session)
    drills = [d for d in session.get("drills") or () if type(d) is dict]
    done = sum(1 for d in drills if d.get("status") in IN_FULL)
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
    "left_out": "left out",
}


@dataclass(frozen=True)
class DrillRow:
    name: str
    status: str
    gate_pain: int | None
    band: str
    difficulty: str
    seconds: float
    #: The program's dose, in words ("" when it cannot be told: an old record, a drill no longer in the library).
    planned: str
    #: The dose done today, in words, naming the drill when it was another one; or "left out".
    done: str
    #: What today's plan did to the dose, in a word or two ("" when nothing: see :func:`dose_change`).
    change: str
    #: ``(sentence, rule id)`` for every reason the plan gave (CLINICAL.md rule ids, for a physio).
    why: tuple[tuple[str, str], ...]


def dose_drill(dose: object, drill_id: str, library: Mapping[str, Drill]) -> Drill | None:
    """The library's drill at a recorded dose, so :func:`dose_text` can say it.

    A dose names its drill (``adapted``'s doses) or is of ``drill_id``
    (``planned``, ``replacement_dose``). ``None`` when the drill is gone from
    the library or the record does not fit it (another kind, a field that is
    not a count): words for a dose that cannot be trusted would mislead.
    """
    if type(dose) is not dict:
        return None
    drill = library.get(str(dose.get("drill_id") or drill_id))
    if drill is None or dose.get("kind", drill.kind) != drill.kind:
        return None
    values: dict[str, int] = {}
    for name in DOSE_FIELDS:
        value = dose.get(name)
        if value is None:
            continue
        if type(value) is not int or not 0 <= value <= 100_000:
            return None
        values[name] = value
    drill = drill.with_dosage(replace(drill.dosage, **values))
    tempo = dose.get("tempo")
    phases = drill.breathing.phases
    if type(tempo) is list and len(tempo) == len(phases) and all(type(t) in (int, float) and t > 0 for t in tempo):
        # The tempo it was done at, which a program may have set apart from the drill's own.
        timed = tuple(replace(phase, seconds=float(t)) for phase, t in zip(phases, tempo, strict=True))
        drill = drill.with_breathing(replace(drill.breathing, phases=timed))
    return drill


def _dose_words(drill: Drill | None, own_id: str) -> str:
    """A dose in words, naming the drill when it is not the record's own one."""
    if drill is None:
        return ""
    if drill.id != own_id:
        return f"{drill.name}, {dose_text(drill)}"
    return dose_text(drill)


def dose_change(adapted: object) -> str:
    """A word or two for the table: what the plan did to the dose today.

    From the record alone, as the journal defines it: ``to`` is ``None``
    (left out), differs from ``from`` (changed), or equals it while rules
    are given (held, for a stated reason). Whether a change was a step up or
    down is History's Overview's business (:mod:`backcoach.coach.dose_course`),
    which reads the level before it.
    """
    if type(adapted) is not dict or "to" not in adapted:
        return ""
    if adapted["to"] is None:
        return "left out"
    if adapted.get("to") != adapted.get("from"):
        return "changed"
    return "held" if adapted.get("rules") else ""


def _reasons(adapted: object) -> tuple[tuple[str, str], ...]:
    if type(adapted) is not dict:
        return ()
    why, rules = adapted.get("why"), adapted.get("rules")
    if type(why) is not list:
        return ()
    rules = rules if type(rules) is list and len(rules) == len(why) else [""] * len(why)
    return tuple((str(text), str(rule)) for text, rule in zip(why, rules, strict=True) if text)


def drill_doses(drill: Mapping[str, Any], library: Mapping[str, Drill]) -> tuple[str, str]:
    """``(planned, done)`` of a drill record, in words.

    Planned is the program's dose (``adapted.from``, else ``planned``). Done
    is, in order: the easier version's own dose when the person chose it at
    a pain check (that is what they did, whatever the plan said), today's
    dose from the plan (``adapted.to``; ``None`` means left out), else the
    planned dose. A skipped drill did none.
    """
    drill_id = str(drill.get("drill_id") or "")
    adapted = drill.get("adapted")
    adapted = adapted if type(adapted) is dict else {}
    planned = dose_drill(adapted.get("from") or drill.get("planned"), drill_id, library)
    status = drill.get("status")
    if status == "skipped":
        return _dose_words(planned, drill_id), "skipped"
    if status in ("easier", "partial_easier"):
        # Sessions before schema 2 kept no replacement_dose: its dose is not known.
        done = dose_drill(drill.get("replacement_dose"), str(drill.get("replaced_by") or ""), library)
    elif "to" in adapted:
        if adapted["to"] is None:
            return _dose_words(planned, drill_id), "left out"
        done = dose_drill(adapted["to"], drill_id, library)
    else:
        done = planned
    return _dose_words(planned, drill_id), _dose_words(done, drill_id)


def drill_rows(session: Session, library: Mapping[str, Drill]) -> list[DrillRow]:
    """A session's drills in the order done, with names and doses from the library."""
    rows = []
    for drill in session.get("drills") or ():
        if type(drill) is not dict:
            continue
        drill_id = str(drill.get("drill_id") or "?")
        name = _name(drill_id, library)
        replaced = drill.get("replaced_by")
        if replaced:
            name = f"{name} -> {_name(str(replaced), library)}"
        seconds = drill.get("active_seconds")
        planned, done = drill_doses(drill, library)
        rows.append(
            DrillRow(
                name=name,
                status=DRILL_STATUS_WORDS.get(str(drill.get("status")), str(drill.get("status") or "-"))
                + (", leg spread" if drill.get("leg_spread") is True else ""),
                gate_pain=pain_score(drill.get("gate_pain")),
                band=str(drill.get("gate_band") or "-"),
                difficulty=str(drill.get("difficulty") or "-").replace("_", " "),
                seconds=float(seconds) if isinstance(seconds, (int, float)) else 0.0,
                planned=planned,
                done=done,
                change=dose_change(drill.get("adapted")),
                why=_reasons(drill.get("adapted")),
            )
        )
    return rows


def _name(drill_id: str, library: Mapping[str, Drill]) -> str:
    drill = library.get(drill_id)
    return drill.name if drill is not None else drill_id
