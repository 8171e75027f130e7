"""``SessionEngine.document()`` is the session document, on every path.

The engine builds the record itself and every save hands over the whole of
it, so this checks, for each way a session can go: the fields are the
README's ("The session document"), the validating model accepts it, its
status and drill statuses are the path's, the last save queued is the
document, and the journal stores exactly that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from factories import make_drill, make_program

from backcoach.coach.clock import FakeClock, ScaledClock
from backcoach.coach.pain import GateChoice
from backcoach.coach.plan import READY_SECONDS
from backcoach.coach.safety import Answer, all_clear
from backcoach.coach.session import Difficulty, LegReach, SessionEngine, Stage
from backcoach.content.model import Drill
from backcoach.store.journal import Journal
from backcoach.store.model import DRILL_FIELDS, SESSION_FIELDS, session_problem
from backcoach.store.timefmt import now_iso

README = Path(__file__).resolve().parents[2] / "README.md"

EASY = make_drill("pelvic-tilt", "reps", reps=2)
ROLLS = make_drill("cat-camel", "reps", reps=3, sets=2, rest=10, easier="pelvic-tilt")
PLANK = make_drill("front-plank", "hold", sets=2, hold=20, rest=15, easier="knee-plank")
KNEE_PLANK = make_drill("knee-plank", "hold", sets=2, hold=10, rest=10)
LIBRARY = {d.id: d for d in (EASY, ROLLS, PLANK, KNEE_PLANK)}


def easier_of(drill: Drill) -> Drill | None:
    return LIBRARY.get(drill.easier) if drill.easier else None


def readme_fields() -> tuple[set[str], set[str]]:
    """The session and drill fields the README's table of the document names."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### The session document") :]
    section = section[: section.index("\n#", 1)]
    session: set[str] = set()
    drill: set[str] = set()
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        first_cell = line.split("|")[1]
        for name in re.findall(r"`([^`]+)`", first_cell):
            if name.startswith("drills[]."):
                drill.add(name.removeprefix("drills[]."))
            elif "." not in name:
                session.add(name.removesuffix("[]"))
            else:
                session.add(name.split(".")[0])  # program.id, safety.waived_since
    return session, drill


#: Present only when the clock was set back during the session (added by the store).
OPTIONAL_SESSION_FIELDS = {"clock_note"}


class Run:
    """One engine with a fake clock, and the moves a person makes."""

    def __init__(self, *, safety: bool = False, demo_speed: float | None = None) -> None:
        self.fake = FakeClock()
        clock = ScaledClock(demo_speed, source=self.fake.now) if demo_speed else self.fake
        self.eng = SessionEngine(
            make_program(ROLLS, PLANK),
            clock,
            easier_of=easier_of,
            needs_safety_check=safety,
            demo=demo_speed is not None,
            wall_time=now_iso,
        )

    def checkin(self, score: int = 2) -> Run:
        self.eng.confirm_checkin_score(score)
        self.eng.checkin(score, LegReach.THIGH)
        return self

    def gate(self, score: int = 2, choice: GateChoice = GateChoice.GO, leg_spread: bool = False) -> Run:
        self.eng.gate(score, leg_spread=leg_spread)
        self.eng.choose(choice)
        return self

    def begin(self, seconds: float = 0.0) -> Run:
        self.eng.begin()
        self.fake.advance(READY_SECONDS + seconds)
        self.eng.tick()
        return self

    def run_out(self) -> Run:
        while self.eng.stage in (Stage.READY, Stage.WORK):
            self.fake.advance(0.5)
            self.eng.tick()
        return self

    def rate(self) -> Run:
        self.eng.rate(Difficulty.ABOUT_RIGHT)
        return self

    def drill(self, gate: int = 2) -> Run:
        return self.gate(gate).begin().run_out().rate()


def completed() -> SessionEngine:
    return Run().checkin().drill().drill().eng


def ended_at_checkin() -> SessionEngine:
    run = Run()
    run.eng.confirm_checkin_score(3)
    run.eng.end_session()
    return run.eng


def ended_at_gate() -> SessionEngine:
    run = Run().checkin().drill()
    run.eng.gate(3)
    run.eng.end_session()
    return run.eng


def ended_at_intro() -> SessionEngine:
    run = Run().checkin().gate()
    run.eng.end_session()
    return run.eng


def ended_mid_drill() -> SessionEngine:
    run = Run().checkin().gate().begin(seconds=4)
    run.eng.end_session()
    return run.eng


def ended_at_rating() -> SessionEngine:
    run = Run().checkin().gate().begin().run_out()
    run.eng.end_session()
    return run.eng


def pain_stop_at_checkin() -> SessionEngine:
    run = Run()
    run.eng.rest_today(8)
    return run.eng


def pain_stop_at_a_stop_band_gate() -> SessionEngine:
    return Run().checkin().drill().gate(9, GateChoice.END).eng


def pain_stop_leg_spread_twice() -> SessionEngine:
    run = Run().checkin().gate(2, GateChoice.SKIP, leg_spread=True)  # a spread is the stop band
    eng = run.gate(2, GateChoice.END, leg_spread=True).eng
    assert eng.gate_result is not None and eng.gate_result.ends_for_leg
    return eng


def safety_stop() -> SessionEngine:
    run = Run(safety=True)
    run.eng.answer_safety(all_clear() | {"night_pain": Answer.YES})
    return run.eng


def safety_clear_then_completed() -> SessionEngine:
    run = Run(safety=True)
    run.eng.answer_safety(all_clear())
    return run.checkin().drill().drill().eng


def interrupted_mid_drill() -> SessionEngine:
    run = Run().checkin().drill().gate().begin(seconds=7)
    run.eng.interrupt()
    return run.eng


def easier_in_full() -> SessionEngine:
    return Run().checkin().gate(2, GateChoice.EASIER).begin().run_out().rate().drill().eng


def easier_partly() -> SessionEngine:
    run = Run().checkin().gate(2, GateChoice.EASIER).begin(seconds=2)
    run.eng.done()
    return run.rate().drill().eng


def switched_to_easier_mid_drill_then_ended() -> SessionEngine:
    run = Run().checkin().gate().begin(seconds=3)
    run.eng.easier()
    run.eng.end_session()
    return run.eng


def skipped() -> SessionEngine:
    return Run().checkin().gate(2, GateChoice.SKIP).drill().eng


def demo() -> SessionEngine:
    return Run(demo_speed=4.0).checkin().drill().drill().eng


PATHS: dict[str, tuple[Callable[[], SessionEngine], str, list[str]]] = {
    "completed": (completed, "completed", ["done", "done"]),
    "ended early at the check-in": (ended_at_checkin, "ended_early", []),
    "ended early at a pain check": (ended_at_gate, "ended_early", ["done"]),
    # Get ready starts by itself: ending there, nothing of the drill was done.
    "ended early in the get-ready countdown": (ended_at_intro, "ended_early", []),
    "ended early mid-drill": (ended_mid_drill, "ended_early", ["partial"]),
    "ended early at the rating": (ended_at_rating, "ended_early", ["done"]),
    "pain stop at the check-in": (pain_stop_at_checkin, "stopped_pain", []),
    "pain stop at a stop-band pain check": (pain_stop_at_a_stop_band_gate, "stopped_pain", ["done"]),
    "pain stop, leg spread twice": (pain_stop_leg_spread_twice, "stopped_pain", ["skipped"]),
    "safety stop": (safety_stop, "stopped_safety", []),
    "safety check clear": (safety_clear_then_completed, "completed", ["done", "done"]),
    "interrupted mid-drill": (interrupted_mid_drill, "interrupted", ["done", "partial"]),
    "easier, in full": (easier_in_full, "completed", ["easier", "done"]),
    "easier, partly": (easier_partly, "completed", ["partial_easier", "done"]),
    "easier mid-drill, then ended": (switched_to_easier_mid_drill_then_ended, "ended_early", ["partial_easier"]),
    "skipped": (skipped, "completed", ["skipped", "done"]),
    "demo": (demo, "completed", ["done", "done"]),
}


def test_the_readme_and_the_model_name_the_same_fields() -> None:
    session, drill = readme_fields()
    assert session == set(SESSION_FIELDS)
    assert drill == set(DRILL_FIELDS)


@pytest.mark.parametrize("path", PATHS, ids=list(PATHS))
def test_the_document_fits_the_readme_schema_on_every_path(path: str, tmp_path: Path) -> None:
    make, status, drill_statuses = PATHS[path]
    eng = make()
    doc = eng.document()
    session_fields, drill_fields = readme_fields()

    assert session_problem(doc) is None
    assert set(doc) == session_fields - OPTIONAL_SESSION_FIELDS
    assert all(set(drill) == drill_fields for drill in doc["drills"])
    assert doc["status"] == status
    assert [d["status"] for d in doc["drills"]] == drill_statuses
    assert doc["id"] == eng.session_id and doc["ended_at"] and doc["started_at"]
    assert doc["demo"] is (path == "demo") and doc["speed"] == (4.0 if path == "demo" else 1.0)
    # What the engine queued last is the document: no one rebuilds it from parts.
    assert eng.outbox[-1].action == "finish" and eng.outbox[-1].document == doc
    assert [save.action for save in eng.outbox].count("start") == 1

    with Journal.open(tmp_path / "journal.json") as journal:
        for save in eng.outbox:
            journal.save_session(save.document)
        assert journal.current_session() is None
        assert journal.sessions() == [doc]


def test_the_document_is_a_fresh_copy() -> None:
    eng = completed()
    doc = eng.document()
    doc["drills"][0]["status"] = "changed"
    doc["program"]["name"] = "changed"
    assert eng.document()["drills"][0]["status"] == "done"
    assert eng.document()["program"]["name"] == eng.program.name


def test_a_running_document_says_running_and_has_no_end() -> None:
    run = Run().checkin().drill().gate().begin(seconds=2)
    doc: dict[str, Any] = run.eng.document()
    assert session_problem(doc) is None
    assert (doc["status"], doc["ended_at"], doc["final_pain"]) == ("running", None, None)
    assert doc == run.eng.outbox[-1].document  # the drill just begun is not saved yet
    assert [d["drill_id"] for d in doc["drills"]] == ["cat-camel"]
    assert (doc["checkin_pain"], doc["leg_today"]) == (2, "thigh")


def test_a_session_ended_before_its_safety_check_has_no_record() -> None:
    run = Run(safety=True)
    run.eng.end_session()
    assert not run.eng.started and run.eng.outbox == []
