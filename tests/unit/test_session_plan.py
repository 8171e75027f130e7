"""A session follows today's plan (issue 12): the engine plans once the
check-in is answered, does each drill at today's dose, passes over a drill
the plan leaves out (recorded as such), offers at a pain check only an easier
version the profile allows, records what changed, and at the end knows what
will change next time. Each test names the CLINICAL.md rule it checks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from adapt_fixtures import LIBRARY, NOW, other, program, record, session
from factories import make_drill

from backcoach.coach.adapt import Planner
from backcoach.coach.adapt_words import next_time_lines, today_line
from backcoach.coach.clock import FakeClock
from backcoach.coach.followup import Compared, FollowupDue
from backcoach.coach.pain import GateChoice
from backcoach.coach.session import Difficulty, EndReason, LegReach, SessionEngine, Stage
from backcoach.content.model import Drill, Profile, Program
from backcoach.store.model import session_problem


def engine(
    prog: Program,
    history: list[dict[str, Any]] | None = None,
    library: dict[str, Drill] = LIBRARY,
    planner: bool = True,
    followup_due: FollowupDue | None = None,
) -> SessionEngine:
    return SessionEngine(
        prog,
        FakeClock(),
        easier_of=lambda drill: library.get(drill.easier) if drill.easier else None,
        needs_safety_check=False,
        planner=Planner(prog, tuple(history or ()), library) if planner else None,
        followup_due=followup_due,
        wall_time=lambda: NOW.isoformat(),
    )


def do_drill(run: SessionEngine, difficulty: Difficulty = Difficulty.ABOUT_RIGHT) -> None:
    run.gate(1)
    run.choose(GateChoice.GO)
    run.done()
    run.rate(difficulty)


def test_3_flare_a_flare_day_is_done_at_half_the_easier_version() -> None:
    run = engine(program("rolls"), [other(3), other(2), session_doc_with_rolls(1)])
    run.checkin(7, LegReach.NONE)
    view = run.view()
    assert view.drill.id == "rolls-easy" and view.drill.dosage.reps == 4
    assert view.planned_drill.id == "rolls"
    assert today_line(view.drill_plan).startswith("Half the usual amount and the easier version")
    do_drill(run)
    (saved,) = run.document()["drills"]
    assert saved["planned"]["reps"] == 8  # what the program asks for, whatever the plan did
    assert saved["adapted"]["to"] == {**saved["adapted"]["to"], "drill_id": "rolls-easy", "reps": 4}
    assert saved["adapted"]["level"]["drill_id"] == "rolls"  # the level carried forward is not the half dose
    assert "3.flare" in saved["adapted"]["rules"]
    assert session_problem(run.document()) is None


def session_doc_with_rolls(days_ago: float) -> dict[str, Any]:
    return session(days_ago, record("rolls"))


def test_4_nerve_a_tensioner_is_left_out_below_the_knee_and_recorded() -> None:
    run = engine(program("floss", "rolls"))
    run.checkin(3, LegReach.BELOW_KNEE)
    first, *_ = run.document()["drills"]
    assert first["drill_id"] == "floss" and first["status"] == "left_out"
    assert first["adapted"]["to"] is None and first["adapted"]["rules"] == ["4.nerve"]
    assert run.stage is Stage.GATE and run.drill.id == "rolls" and run.index == 1
    assert run.view().next_drill is None
    assert session_problem(run.document()) is None


def test_4_nerve_a_session_whose_every_drill_is_left_out_ends_with_nothing_done() -> None:
    run = engine(program("floss"))
    run.checkin(3, LegReach.BELOW_KNEE)
    assert run.stage is Stage.SUMMARY and run.end_reason is EndReason.COMPLETED
    assert [d["status"] for d in run.document()["drills"]] == ["left_out"]
    assert run.view().counts["left_out"] == 1


def test_4_direction_a_drill_beyond_the_limit_is_swapped_in_its_chain() -> None:
    prog = replace(program("arch"), profile=Profile(limits=(("extension", "small"),)))
    run = engine(prog)
    run.checkin(3, LegReach.NONE)
    assert run.drill.id == "arch-small"
    assert today_line(run.drill_plan).startswith("Arch small instead of Arch: it takes your back further into arching back")


def test_4_nerve_the_pain_check_never_offers_an_easier_version_the_plan_would_leave_out() -> None:
    library = {**LIBRARY, "sit": replace(make_drill("sit", easier="floss"), direction=LIBRARY["rolls"].direction)}
    prog = program("rolls")
    prog = replace(prog, items=(replace(prog.items[0], drill=library["sit"]),))
    below = engine(prog, library=library)
    below.checkin(3, LegReach.BELOW_KNEE)
    assert below.easier_drill is None
    assert GateChoice.EASIER not in below.gate(5).choices  # red: the easier version is not on offer
    clear = engine(prog, library=library)
    clear.checkin(3, LegReach.NONE)
    assert clear.easier_drill is not None and clear.easier_drill.id == "floss"
    assert GateChoice.EASIER in clear.gate(5).choices


def test_3_step_up_the_session_does_the_stepped_dose_and_records_the_rule() -> None:
    easy = record(difficulty="too_easy")
    run = engine(program("rolls"), [session(2, easy), session(1, easy)], followup_due=FollowupDue(24.0, 1))
    run.answer_followup(Compared.SAME)
    run.checkin(3, LegReach.NONE)
    assert run.drill.dosage.reps == 10
    do_drill(run)
    (saved,) = run.document()["drills"]
    assert saved["adapted"]["rules"] == ["3.progression.6"] and saved["adapted"]["to"]["reps"] == 10


def test_3_step_down_1_the_end_says_what_changes_next_time() -> None:
    run = engine(program("rolls"))
    run.checkin(3, LegReach.NONE)
    do_drill(run, Difficulty.TOO_HARD)
    assert run.stage is Stage.SUMMARY
    lines = next_time_lines(run.view().next_plan, demo=False)
    assert lines == ["Next time:", "  Rolls: 2 fewer reps: it felt too hard last time"]


def test_without_a_planner_the_program_dose_is_done_and_nothing_is_adapted() -> None:
    run = engine(program("rolls"), planner=False)
    run.checkin(7, LegReach.NONE)
    assert run.view().plan is None and run.drill.dosage.reps == 8
    do_drill(run)
    assert run.document()["drills"][0]["adapted"] is None
    assert run.view().next_plan is None


def test_a_demo_session_says_it_changes_nothing() -> None:
    assert next_time_lines(None, demo=True) == ["Next time: a demo session does not change your doses."]
