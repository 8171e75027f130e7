"""Drills counted by how they went: one session's against its program, and
each drill across many sessions (History's Drills page).

A session records only the drills it reached, so "3 of 3 done" was the
count of a 5-drill program ended after three drills, one of them only
partly done (a partial counted as done, and the two drills never reached
not counted at all). Here a drill is done in full, partly done, skipped or
left out by today's plan, the easier version is said apart, and the total
is the program's own number of drills where it can be known: every drill
of the program is recorded in a completed session; otherwise the caller
says (History asks the installed program, if it is still the one the
session ran).

Pure functions of the documents (and the programs), for the screens and
table-driven tests alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from backcoach.coach.drill_report import DrillStats, drill_stats
from backcoach.coach.session_list import IN_FULL
from backcoach.coach.streaks import session_day
from backcoach.coach.words import plural
from backcoach.content.model import Drill

Session = Mapping[str, Any]

#: Record statuses by what a physiotherapist asks: was it done in full, partly, or not.
PARTLY = frozenset({"partial", "partial_easier"})
EASIER = frozenset({"easier", "partial_easier"})


def _records(session: Session) -> list[dict[str, Any]]:
    return [d for d in session.get("drills") or () if type(d) is dict]


# ---- one session ------------------------------------------------------------------


@dataclass(frozen=True)
class SessionTally:
    """How a session's drills went; ``total`` is the program's drills (``None``: not known)."""

    reached: int
    done: int  # in full, the easier version included
    partly: int
    skipped: int
    left_out: int
    easier: int  # of those done or partly done, on the easier version
    total: int | None

    @property
    def not_reached(self) -> int:
        return 0 if self.total is None else self.total - self.reached

    def words(self) -> str:
        """``2 of 5 done, 1 partly, 1 skipped, 1 not reached; 1 easier``: one line at 80 columns."""
        if self.total is None and not self.reached:
            return "none recorded"
        if self.total is not None:
            parts = [f"{self.done} of {self.total} done"]
        else:
            parts = [f"{self.done} of the {self.reached} reached done"]
        for count, word in (
            (self.partly, "partly"),
            (self.skipped, "skipped"),
            (self.left_out, "left out by the plan"),
            (self.not_reached, "not reached"),
        ):
            if count:
                parts.append(f"{count} {word}")
        text = ", ".join(parts)
        if self.easier:
            text += f"; {self.easier} easier"  # done or partly done as the easier version
        if self.total is None:
            text += " (the program's other drills are not known here)"
        return text


def session_tally(session: Session, program_drills: int | None) -> SessionTally:
    """Count ``session``'s drills; ``program_drills``: how many its program has, if known."""
    records = _records(session)
    statuses = [r.get("status") for r in records]
    reached = len(records)
    if session.get("status") == "completed":
        total: int | None = reached  # a completed session records every drill of its program
    elif program_drills is not None and program_drills >= reached:
        total = program_drills
    else:
        total = None
    return SessionTally(
        reached=reached,
        done=sum(1 for s in statuses if s in IN_FULL),
        partly=sum(1 for s in statuses if s in PARTLY),
        skipped=statuses.count("skipped"),
        left_out=statuses.count("left_out"),
        easier=sum(1 for s in statuses if s in EASIER),
        total=total,
    )


# ---- each drill across sessions ------------------------------------------------------


@dataclass(frozen=True)
class DrillLine:
    """One drill of a program, over many sessions."""

    drill_id: str
    name: str
    reached: int  # sessions that came to it
    done: int
    partly: int
    skipped: int
    left_out: int
    easier: int
    pains: tuple[int, ...]  # its pain check scores, in time order
    #: How it felt: too easy, about right, too hard.
    felt: tuple[int, int, int]

    @property
    def pain_words(self) -> str:
        """Median and range of its pain checks: ``3 (1-5)``, ``2``, or ``-``."""
        if not self.pains:
            return "-"
        # The median by hand: ``statistics`` (with fractions and decimal) is slow to import on the way into History.
        ordered = sorted(self.pains)
        half = len(ordered) // 2
        middle = ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2
        text = f"{middle:g}"
        low, high = min(self.pains), max(self.pains)
        return text if low == high else f"{text} ({low}-{high})"

    @property
    def felt_words(self) -> str:
        """``1/4/0``: too easy / about right / too hard."""
        return "/".join(str(n) for n in self.felt)


def drill_lines(sessions: Sequence[Session], library: Mapping[str, Drill]) -> list[DrillLine]:
    """Every drill of ``sessions`` (oldest first), demos left out, most recent program order first.

    The figures are the report's (:func:`backcoach.coach.drill_report.drill_stats`),
    so History and the report never disagree; a drill done as its easier
    version is counted under the program's drill, in ``easier`` only (not in
    ``done`` or ``partly``), so a row's columns add up to its ``reached``.
    """
    stats = {entry.drill_id: entry for entry in drill_stats(sessions, library, changes=False)}
    order: list[str] = []
    for session in reversed(sessions):  # newest first: the latest session's order leads
        if not session.get("demo"):
            order += [i for r in _records(session) if (i := str(r.get("drill_id") or "?")) not in order]
    return [_line(stats[drill_id]) for drill_id in order]


def _line(entry: DrillStats) -> DrillLine:
    return DrillLine(
        drill_id=entry.drill_id,
        name=entry.name,
        reached=entry.prescribed,
        done=entry.done,
        partly=entry.partial,
        skipped=entry.skipped,
        left_out=entry.left_out,
        easier=entry.easier + entry.easier_partly,
        pains=tuple(entry.pains),
        felt=(entry.ratings["too_easy"], entry.ratings["about_right"], entry.ratings["too_hard"]),
    )


#: The Drills page's periods (``t``): in words, and the days back from today (``None``: every session).
PERIODS: tuple[tuple[str, int | None], ...] = (("all time", None), ("last 4 weeks", 28), ("last 12 weeks", 84))


def in_period(sessions: Sequence[Session], days: int | None, today: date) -> list[Session]:
    """The sessions of the ``days`` ending today (``None``: all of them), order kept.

    "Since the last visit" at a follow-up is most often 4 or 12 weeks.
    """
    if days is None:
        return list(sessions)
    first = today - timedelta(days=days - 1)
    return [s for s in sessions if (day := session_day(s)) is not None and first <= day <= today]


def drills_heading(sessions: Sequence[Session], program_name: str, period: str = PERIODS[0][0]) -> str:
    """The line above the Drills table: whose sessions it counts, over which period, from when to when."""
    counted = [s for s in sessions if not s.get("demo")]
    head = f"Program: {program_name} (p)  ·  {period} (t)"
    if not counted:
        return f"{head}  ·  no sessions"
    first, last = str(counted[0].get("started_at") or "")[:10], str(counted[-1].get("started_at") or "")[:10]
    span = first if first == last else f"{first} to {last}"
    return f"{head}  ·  {plural(len(counted), 'session')}, {span}"
