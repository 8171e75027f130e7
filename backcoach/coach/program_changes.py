"""Which programs were run, and every change of an installed program.

Since schema 5 each session records its program's content hash and whether
it was locked (``program.hash``, ``program.locked``; older rows lack both,
so both are optional here). When the hash differs between two consecutive
sessions of the same program, the program file was replaced in between: the
report says when, what changed and whether the new one is locked, which is
what a physio needs to read the figures before and after it.

What changed is read from the sessions themselves, from the program doses
each recorded in ``drills[]`` (``adapted.from``, else ``planned``). The old
content is every drill recorded by any session with the old hash; the new
one is the first session with the new hash. A session ended early lists
only the drills it reached, so a drill is said to be added only when some
session of the old content was completed (it would have listed it), and
removed only when the first session of the new one was completed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from backcoach.coach.session_list import dose_drill, program_of, when_text
from backcoach.coach.streaks import session_day
from backcoach.content.describe import dose_text
from backcoach.content.model import Drill

Session = Mapping[str, Any]


@dataclass(frozen=True)
class ProgramUse:
    """One program as the period's sessions ran it."""

    program_id: str
    name: str
    sessions: int
    first: date | None
    last: date | None
    #: The last session's record of it: content hash and lock (``None``: not recorded).
    hash: str | None
    locked: bool | None


@dataclass(frozen=True)
class DoseEdit:
    drill: str  # its name
    before: str  # in words
    after: str


@dataclass(frozen=True)
class ProgramChange:
    when: str  # the first session with the new content
    day: date | None
    program_name: str
    before_hash: str
    after_hash: str
    locked: bool | None  # of the new content
    added: tuple[str, ...]
    removed: tuple[str, ...]
    doses: tuple[DoseEdit, ...]
    #: Neither drill list could be compared whole (both sessions ended early).
    lists_unknown: bool

    def summary(self) -> str:
        """What changed, in one line."""
        parts = []
        if self.added:
            parts.append("added " + ", ".join(self.added))
        if self.removed:
            parts.append("removed " + ", ".join(self.removed))
        parts += [f"{edit.drill}: {edit.before} -> {edit.after}" for edit in self.doses]
        if not parts:
            parts.append(
                "no drill or dose change recorded (drills not reached are not known)"
                if self.lists_unknown
                else "no drill or dose change recorded (the order, a tempo or a setting may have changed)"
            )
        return "; ".join(parts)

    @property
    def lock_words(self) -> str:
        return "not recorded" if self.locked is None else ("locked" if self.locked else "not locked")


def _program_record(session: Session) -> Mapping[str, Any]:
    program = session.get("program")
    return program if type(program) is dict else {}


def _hash(session: Session) -> str | None:
    value = _program_record(session).get("hash")
    return value if type(value) is str and value else None


def _locked(session: Session) -> bool | None:
    value = _program_record(session).get("locked")
    return value if type(value) is bool else None


def program_uses(sessions: Iterable[Session]) -> list[ProgramUse]:
    """Each program run in ``sessions`` (demos left out), in the order first run."""
    found: dict[str, list[Session]] = {}
    for session in sessions:
        if not session.get("demo"):
            found.setdefault(program_of(session)[0], []).append(session)
    uses = []
    for program_id, runs in found.items():
        days = [d for s in runs if (d := session_day(s)) is not None]
        last = runs[-1]
        uses.append(
            ProgramUse(
                program_id,
                program_of(last)[1],
                len(runs),
                min(days) if days else None,
                max(days) if days else None,
                _hash(last),
                _locked(last),
            )
        )
    return uses


@dataclass
class _Content:
    """What the sessions of one content hash recorded of it, so far."""

    hash: str
    doses: dict[str, dict[str, Any]]
    whole: bool  # one of its sessions was completed, so ``doses`` lists every drill


def program_changes(
    sessions: Iterable[Session], library: Mapping[str, Drill], since: date | None = None
) -> list[ProgramChange]:
    """Every change of a program's content hash between consecutive sessions of it.

    ``sessions`` is the whole journal, oldest first, so a change just before
    the first session of the period is still found; only changes on or after
    ``since`` are returned. Sessions without a hash (and demos) are passed over.
    """
    current: dict[str, _Content] = {}
    changes = []
    for session in sessions:
        new_hash = _hash(session)
        if session.get("demo") or new_hash is None:
            continue
        program_id, name = program_of(session)
        doses, whole = _doses(session), session.get("status") == "completed"
        before = current.get(program_id)
        if before is not None and before.hash == new_hash:
            before.doses = {**doses, **before.doses}
            before.whole = before.whole or whole
            continue
        current[program_id] = _Content(new_hash, doses, whole)
        day = session_day(session)
        if before is None or (since is not None and (day is None or day < since)):
            continue
        changes.append(_change(before, session, name, library))
    return changes


def _doses(session: Session) -> dict[str, dict[str, Any]]:
    """The program's dose of each drill the session recorded."""
    doses: dict[str, dict[str, Any]] = {}
    for record in session.get("drills") or ():
        if type(record) is not dict:
            continue
        adapted = record.get("adapted")
        dose = adapted.get("from") if type(adapted) is dict else None
        dose = dose if type(dose) is dict else record.get("planned")
        drill_id = str(record.get("drill_id") or "")
        if drill_id and type(dose) is dict:
            doses.setdefault(drill_id, {k: v for k, v in dose.items() if k != "drill_id"})
    return doses


def _change(before: _Content, after: Session, name: str, library: Mapping[str, Drill]) -> ProgramChange:
    old, new = before.doses, _doses(after)
    old_whole, new_whole = before.whole, after.get("status") == "completed"

    def named(drill_id: str) -> str:
        drill = library.get(drill_id)
        return drill.name if drill is not None else drill_id

    def words(drill_id: str, dose: dict[str, Any]) -> str:
        drill = dose_drill(dose, drill_id, library)
        if drill is not None:
            return dose_text(drill)
        return ", ".join(f"{k} {v}" for k, v in sorted(dose.items()) if k != "kind") or "-"

    edits = tuple(
        DoseEdit(named(d), words(d, old[d]), words(d, new[d])) for d in new if d in old and old[d] != new[d]
    )
    return ProgramChange(
        when=when_text(after.get("started_at")),
        day=session_day(after),
        program_name=name,
        before_hash=before.hash,
        after_hash=_hash(after) or "",
        locked=_locked(after),
        added=tuple(named(d) for d in new if d not in old) if old_whole else (),
        removed=tuple(named(d) for d in old if d not in new) if new_whole else (),
        doses=edits,
        lists_unknown=not (old_whole or new_whole),
    )
