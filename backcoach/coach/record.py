"""The session's record as the engine hands it over: whole documents.

``SessionEngine.document()`` builds the session document (README, "The
session document") from the engine's own state; at every moment it must
reach disk the engine queues a :class:`SessionSave` holding the whole of it.
Whoever stores a save replaces what it had, so nothing downstream replays
what happened, and saving the same document twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backcoach.coach.pain import GateResult
from backcoach.coach.plan import planned_dose
from backcoach.content.model import Drill

if TYPE_CHECKING:
    from backcoach.coach.session import SessionEngine
    from backcoach.coach.session_view import Difficulty
    from backcoach.coach.timer import DrillTimer

__all__ = ["SessionSave", "copy_json", "document_of", "drill_record", "gate_record"]


@dataclass(frozen=True)
class SessionSave:
    """One moment the session must be saved at, in order: the whole session
    document as it stood then.

    A whole document rather than a change, so whoever stores it replaces
    what it had and never replays anything (the engine is the one source of
    the record); ``action`` only says what changed, so a person can be told
    what is not saved yet.
    """

    action: str
    """``start``, ``update``, ``drill`` or ``finish``."""
    document: dict[str, Any]
    """The session as it stands: see ``SessionEngine.document``."""

    @property
    def session_id(self) -> str:
        """The session it belongs to: a store refuses it while another is running."""
        return str(self.document["id"])


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data (the document's parts are nothing else)."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value


def document_of(engine: SessionEngine) -> dict[str, Any]:
    """The session document (README, "The session document") of ``engine`` as it stands."""
    ended = engine.end_reason if engine.ended_at is not None else None
    return {
        "id": engine.session_id,
        "program": {
            "id": engine.program.id,
            "name": engine.program.name,
            # Which version of the program was done, and whether the physio had locked it.
            "hash": engine.program_hash,
            "locked": engine.program.locked,
            # So a review of an export knows the plan without the program installed.
            "days_per_week": engine.program.days_per_week,
        },
        "started_at": engine.started_at,
        "ended_at": engine.ended_at,
        "status": ended.value if ended is not None else "running",
        "demo": engine.demo,
        "speed": engine.started_speed,
        "checkin_pain": engine.checkin_pain,
        "leg_today": engine.leg_today.value if engine.leg_today is not None else None,
        "followup": copy_json(engine.followup),
        "final_pain": engine.last_gate_pain if ended is not None else None,
        "safety": copy_json(engine.safety),
        "last_gate": copy_json(engine.last_gate),
        "drills": [copy_json(record) for record in engine.records],
    }


def drill_record(
    planned: Drill,
    replacement: Drill | None,
    status: str,
    gate: GateResult | None,
    difficulty: Difficulty | None,
    active_seconds: float,
    timer: DrillTimer,
    adapted: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One ``drills[]`` entry: the program's drill and dose, what today's plan
    changed (``adapted``: ``DrillPlan.adapted``), whatever was done instead
    (``replacement``, at its own dose), its pain check and what was done."""
    return {
        "drill_id": planned.id,
        "replaced_by": replacement.id if replacement is not None else None,
        # What the program asked for, whatever was done instead.
        "planned": planned_dose(planned),
        "replacement_dose": planned_dose(replacement) if replacement is not None else None,
        "status": status,
        "gate_pain": gate.score if gate else None,
        "gate_band": gate.band.value if gate else None,
        "leg_spread": bool(gate and gate.leg_spread),
        "difficulty": difficulty.value if difficulty else None,
        "active_seconds": round(active_seconds, 1),
        "reps_done": timer.reps_done,
        "sets_done": timer.sets_done,
        "adapted": copy_json(adapted),
    }


def gate_record(drill_id: str, gate: GateResult) -> dict[str, Any]:
    """``last_gate``: a pain check answered where the session then ended."""
    return {"drill_id": drill_id, "gate_pain": gate.score, "gate_band": gate.band.value, "leg_spread": gate.leg_spread}
