"""The adaptive coach at the edges a second read of the code found: a pain
check where the session ended, rest days, a flare after a step down, levels
the program no longer leads to, direction swaps, a physio's tempo, and which
session a next-day answer is about. Each test names the CLINICAL.md rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from adapt_fixtures import LIBRARY, NOW, _direction, other, program, record, session

from backcoach.coach.adapt import TodayPlan, plan_today
from backcoach.coach.adapt_day import Answers
from backcoach.coach.followup import followup_due
from backcoach.content.model import Breathing, Phase, Profile, Program

EASY = "too_easy"
CLEAR = Answers(NOW, checkin=3, followup="same", leg="none")


def plan(history: list[dict[str, Any]], answers: Answers = CLEAR, prog: Program | None = None) -> TodayPlan:
    return plan_today(prog or program("rolls"), history, answers, LIBRARY)


def today(result: TodayPlan) -> tuple[str, int, int] | None:
    dose = result.drills[0].today
    return None if dose is None else (dose["drill_id"], dose.get("reps") or dose.get("hold_seconds"), dose["sets"])


def rules(result: TodayPlan) -> set[str]:
    return {r.rule for r in result.drills[0].reasons} | {r.rule for r in result.drills[0].pending}


def ended_at_gate(days_ago: float, pain: int, *, spread: bool = False, checkin: int = 3) -> dict[str, Any]:
    """A session of the program that ended at rolls' pain check: no drill record, the reading in ``last_gate``."""
    doc = session(days_ago, checkin=checkin)
    band = "green" if pain <= 3 else "amber" if pain <= 5 else "red" if pain <= 7 else "stop"
    doc.update(drills=[], status="stopped_pain", last_gate={"drill_id": "rolls", "gate_pain": pain,
                                                            "gate_band": band, "leg_spread": spread})  # fmt: skip
    return doc


def rest_day(days_ago: float, checkin: int = 8) -> dict[str, Any]:
    """A check-in of 8 or more, ended there: no drill, a score the week-to-week rule must still read."""
    doc = session(days_ago, checkin=checkin)
    doc.update(drills=[], status="stopped_pain")
    return doc


def easy_twice() -> list[dict[str, Any]]:
    return [session(3, record(difficulty=EASY)), session(2, record(difficulty=EASY))]


def test_3_step_down_1_a_stop_band_check_where_the_session_ended_steps_down() -> None:
    result = plan([*easy_twice(), ended_at_gate(1, pain=8)])
    assert today(result) == ("rolls", 6, 1)
    assert "3.step_down.1" in rules(result) and "3.progression.6" not in rules(result)


def test_3_progression_1_a_spread_at_a_check_where_the_session_ended_holds_the_step() -> None:
    history = [*easy_twice(), ended_at_gate(1, pain=2, spread=True)]
    history[-1]["last_gate"]["drill_id"] = "walk"  # another drill: the spread is about the leg, not the drill
    result = plan(history)
    assert today(result) == ("rolls", 8, 1)
    assert "3.progression.6" not in rules(result)


def test_3_progression_5_rest_days_check_ins_count_week_to_week() -> None:
    history = [other(12), other(10), other(8), rest_day(6), rest_day(5), rest_day(4.5), rest_day(4), *easy_twice()]
    result = plan(history, replace(CLEAR, checkin=3))
    assert "3.progression.6" not in rules(result)


def test_3_flare_a_flare_day_after_too_hard_carries_the_step_down() -> None:
    """Too hard, then a flare: half of the easier version today, and the stepped-down level carried on."""
    history = [other(4), other(3), session(1, record(difficulty="too_hard"))]
    result = plan(history, replace(CLEAR, checkin=7))
    drill = result.drills[0]
    assert {"3.step_down.1", "3.flare"} <= rules(result)
    assert drill.level == {**drill.level, "drill_id": "rolls", "reps": 6}
    assert drill.today is not None and drill.today["drill_id"] == "rolls-easy" and drill.today["reps"] == 3


def test_3_progression_locked_a_level_off_the_programs_ladder_gives_the_programs_dose() -> None:
    nine = {"drill_id": "rolls", "reps": 9, "sets": 1}
    assert today(plan([session(1, record(level=nine))], prog=program("rolls", locked=True))) == ("rolls", 8, 1)
    assert today(plan([session(1, record(level=nine))])) == ("rolls", 8, 1)


def test_3_level_a_level_naming_a_drill_outside_the_chain_is_not_a_level() -> None:
    plank = {"drill_id": "plank-hard", "hold_seconds": 15, "sets": 1}
    assert today(plan([session(1, record(level=plank))], prog=program("rolls", locked=True))) == ("rolls", 8, 1)


def test_3_progression_cap_a_carried_level_above_the_cap_gives_the_programs_dose() -> None:
    twelve = {"drill_id": "rolls", "reps": 12, "sets": 1}
    assert today(plan([session(1, record(level=twelve))], prog=program("rolls", adapt_max_steps=1))) == ("rolls", 8, 1)
    assert today(plan([session(1, record(level=twelve))], prog=program("rolls", adapt_max_steps=2))) == ("rolls", 12, 1)


def test_3_level_a_level_below_the_programs_dose_stands_in_a_locked_program() -> None:
    six = {"drill_id": "rolls", "reps": 6, "sets": 1}
    assert today(plan([session(1, record(level=six))], prog=program("rolls", locked=True))) == ("rolls", 6, 1)


def test_4_direction_a_swap_is_never_to_a_harder_drill() -> None:
    library = {
        **LIBRARY,
        "prone": replace(LIBRARY["rolls"], id="prone", name="Prone", easier=None, harder="press",
                         direction=_direction(extension="mid")),  # fmt: skip
        "press": replace(LIBRARY["rolls"], id="press", name="Press", easier="prone", harder=None,
                         direction=_direction(extension="small")),  # fmt: skip
    }
    prog = replace(program("rolls"), profile=Profile(limits=(("extension", "small"),)))
    prog = replace(prog, items=(replace(prog.items[0], drill=library["prone"]),))
    result = plan_today(prog, [], CLEAR, library)
    assert result.drills[0].today is None and "4.direction" in rules(result)


def test_3_level_the_programs_own_tempo_survives_a_carried_level() -> None:
    slow = Breathing("paired", "slow", (Phase("flexion", "round", "exhale", 6.0, 0), Phase("extension", "arch", "inhale", 6.0, 1)))
    prog = program("rolls")
    prog = replace(prog, items=(replace(prog.items[0], drill=replace(prog.items[0].drill, breathing=slow)),))
    ten = {"drill_id": "rolls", "reps": 10, "sets": 1}
    drill = plan([session(1, record(level=ten))], prog=prog).drills[0]
    assert drill.today_drill is not None and drill.today_drill.breathing == slow
    assert drill.today is not None and drill.today["tempo"] == [6, 6]


def test_3_followup_the_answer_is_about_the_session_the_check_in_asked_about() -> None:
    """A session that started 72.2 h ago and ended 71.8 h ago is asked about; a "worse" then steps down."""
    doc = session(72.2 / 24, record())
    doc["ended_at"] = (NOW - timedelta(hours=71.8)).isoformat()
    assert followup_due([doc], NOW) is not None
    result = plan([doc], Answers(NOW, checkin=5, followup="worse", leg="none"))
    assert "3.step_down.2" in rules(result)


def test_3_followup_a_pain_stop_with_a_drill_done_is_asked_about() -> None:
    doc = session(1, record(difficulty=EASY))
    doc["status"] = "stopped_pain"
    due = followup_due([session(2, record()), doc], NOW)
    assert due is not None and due.when == "yesterday"


def gate_only(days_ago: float, pain: int = 1) -> dict[str, Any]:
    """A session ended at rolls' pain check (green by default): nothing done, nothing rated."""
    return ended_at_gate(days_ago, pain=pain)


def test_3_step_down_1_a_pain_check_ending_in_between_does_not_undo_a_step_down() -> None:
    history = [session(3, record(difficulty="too_hard")), gate_only(2)]
    assert today(plan(history)) == ("rolls", 6, 1)


def test_3_step_down_2_too_hard_twice_around_a_pain_check_ending_is_the_easier_version() -> None:
    history = [session(3, record(difficulty="too_hard")), gate_only(2), session(1, record(difficulty="too_hard"))]
    result = plan(history)
    assert today(result) == ("rolls-easy", 8, 1) and "3.step_down.2" in rules(result)


def test_3_flare_an_easier_version_beyond_the_profile_halves_the_allowed_drill_instead() -> None:
    """4.direction: on a flare day the easier version must be within the limit too; if it is not,
    half of the drill the profile allows, never a drill left out for its easier version's sake."""
    prog = replace(program("arch-small"), profile=Profile(limits=(("extension", "small"),)))
    library = {**LIBRARY, "arch-small": replace(LIBRARY["arch-small"], easier="arch")}  # an easier one that arches more
    prog = replace(prog, items=(replace(prog.items[0], drill=library["arch-small"]),))
    result = plan_today(prog, [other(3), other(2)], replace(CLEAR, checkin=8), library)
    assert today(result) == ("arch-small", 4, 1) and "3.flare" in rules(result)


def test_3_level_the_programs_rest_between_sets_survives_a_carried_level() -> None:
    prog = program("rolls")
    drill = prog.items[0].drill
    prog = replace(prog, items=(replace(prog.items[0], drill=drill.with_dosage(replace(drill.dosage, rest_seconds=60))),))
    # The physio raised the rest to 60 s since the last session, which recorded 8 reps with none.
    eight = {"drill_id": "rolls", "reps": 8, "sets": 1, "rest_seconds": 0}
    result = plan([session(1, record(level=eight))], prog=replace(prog, locked=True))
    assert result.drills[0].today is not None and result.drills[0].today["rest_seconds"] == 60
    assert not result.drills[0].changed


def test_3_flare_words_name_the_easier_version_only_when_there_is_one() -> None:
    flare = replace(CLEAR, checkin=8)
    (with_easier,) = (r.text for r in plan([other(3), other(2)], flare).drills[0].reasons if r.rule == "3.flare")
    assert with_easier.startswith("half the usual amount and the easier version:")
    (alone,) = (r.text for r in plan([other(3), other(2)], flare, program("walk")).drills[0].reasons if r.rule == "3.flare")
    assert alone.startswith("half the usual amount: your back")
