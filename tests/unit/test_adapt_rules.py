"""Every rule of CLINICAL.md 3 and 4, condition by condition: each row names the rule it checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from adapt_fixtures import LIBRARY, NOW, other, program, record, session

from backcoach.coach.adapt import TodayPlan, plan_today
from backcoach.coach.adapt_day import Answers
from backcoach.content.model import Profile, Program

EASY = "too_easy"
HARD = "too_hard"
#: The answers of a day on which nothing is in doubt.
CLEAR = Answers(NOW, checkin=3, followup="same", leg="none")
L10 = {"drill_id": "rolls", "reps": 10, "sets": 1}


def earned(**first: Any) -> list[dict[str, Any]]:
    """Two sessions a day apart, the drill "too easy" in both: a step up is earned."""
    return [session(2, record(difficulty=EASY, **first)), session(1, record(difficulty=EASY))]


def plan(history: list[dict[str, Any]], answers: Answers = CLEAR, prog: Program | None = None) -> TodayPlan:
    return plan_today(prog or program("rolls"), history, answers, LIBRARY)


def today(result: TodayPlan, index: int = 0) -> tuple[str | None, int | None, int | None]:
    dose = result.drills[index].today
    return (None, None, None) if dose is None else (dose["drill_id"], dose.get("reps"), dose["sets"])


def rules(result: TodayPlan, index: int = 0) -> set[str]:
    return {r.rule for r in result.drills[index].reasons}


UP = ("rolls", 10, 1)
HOLD = ("rolls", 8, 1)

# (rule, history, answers, program, today's (drill, reps, sets), rule ids that must be among the reasons)
ROWS: list[tuple[str, Callable[[], list[dict[str, Any]]], Answers, Program | None, tuple[Any, ...], set[str]]] = [
    ("3.progression.2 too easy twice, a day apart: one step up", earned, CLEAR, None, UP, {"3.progression.6"}),
    ("3.progression.2 too easy once only", lambda: [session(2), session(1, record(difficulty=EASY))], CLEAR, None, HOLD, {"3.progression.2"}),
    ("3.progression.2 not consecutive", lambda: [session(3, record(difficulty=EASY)), session(2), session(1, record(difficulty=EASY))], CLEAR, None, HOLD, {"3.progression.2"}),
    ("3.progression.2 too easy about the easier version done instead does not count", lambda: earned(status="easier", replaced_by="rolls-easy"), CLEAR, None, HOLD, {"3.progression.2"}),
    ("3.progression.2 too easy about a part done does not count", lambda: earned(status="partial"), CLEAR, None, HOLD, {"3.progression.2"}),
    ("3.progression.2 too easy at a flare day's half dose does not count", lambda: earned(adapted={"from": {}, "to": {"drill_id": "rolls", "reps": 4, "sets": 1}, "level": {"drill_id": "rolls", "reps": 8, "sets": 1}, "rules": ["3.flare"]}), CLEAR, None, HOLD, {"3.progression.2"}),
    ("3.progression.2 less than 24 h apart", lambda: [session(1.5, record(difficulty=EASY)), session(1, record(difficulty=EASY))], CLEAR, None, HOLD, {"3.progression.2"}),
    ("3.progression.1 a leg spread in the last 7 days", lambda: [session(5, record("walk", spread=True)), *earned()], CLEAR, None, HOLD, {"3.progression.1"}),
    ("3.progression.1 a spread 8 days ago does not hold it", lambda: [session(8, record("walk", spread=True)), *earned()], CLEAR, None, UP, {"3.progression.6"}),
    ("3.progression.1 leg pain reaches further today", lambda: [session(2, record(difficulty=EASY), leg="none"), session(1, record(difficulty=EASY), leg="thigh")], replace(CLEAR, leg="below_knee"), None, HOLD, {"3.progression.1"}),
    ("3.progression.3 a red gate in the first of them", lambda: earned(pain=6), CLEAR, None, HOLD, {"3.progression.3"}),
    ("3.progression.3 a 2-point rise over check-in", lambda: earned(pain=5), CLEAR, None, HOLD, {"3.progression.3"}),
    ("3.progression.3 an amber gate without a 2-point rise is fine", lambda: earned(pain=4), CLEAR, None, UP, {"3.progression.6"}),
    ("3.progression.4 the next day was worse", earned, replace(CLEAR, followup="worse", checkin=4), None, HOLD, {"3.progression.4"}),
    ("3.progression.4 score more than 1 above that check-in", lambda: [session(2, record(difficulty=EASY)), session(1, record(difficulty=EASY), checkin=2)], replace(CLEAR, checkin=4), None, HOLD, {"3.progression.4"}),
    ("3.progression.4 a recorded follow-up after the last of them was worse", lambda: [session(3, record(difficulty=EASY)), session(2, record(difficulty=EASY)), other(1, followup="worse")], CLEAR, None, HOLD, {"3.progression.4"}),
    ("3.progression.4 a recorded follow-up after the last of them was the same", lambda: [session(3, record(difficulty=EASY)), session(2, record(difficulty=EASY)), other(1, followup="same")], CLEAR, None, UP, {"3.progression.6"}),
    ("3.progression.4 no next-day answer after more than 72 h", lambda: [session(5, record(difficulty=EASY)), session(4, record(difficulty=EASY))], CLEAR, None, HOLD, {"3.progression.4"}),
    ("3.progression.5 this week's check-ins 2 above last week's", lambda: [other(13, 1), other(11, 1), other(9, 1), other(6, 2), other(5, 2), other(4, 2), other(3, 3), *earned()], CLEAR, None, HOLD, {"3.progression.5"}),
    ("3.progression.7 already stepped up in the last 7 days", lambda: [session(2, record(difficulty=EASY, level=L10, rules=("3.progression.6",))), session(1, record(difficulty=EASY, level=L10))], CLEAR, None, ("rolls", 10, 1), {"3.progression.7"}),
    ("3.progression.7 a step 8 days ago allows the next", lambda: [session(8, record(level=L10, rules=("3.progression.6",))), session(2, record(difficulty=EASY, level=L10)), session(1, record(difficulty=EASY, level=L10))], CLEAR, None, ("rolls", 12, 1), {"3.progression.6"}),
    ("3.progression.locked tell the physiotherapist instead", earned, CLEAR, program("rolls", locked=True), HOLD, {"3.progression.locked"}),
    ("3.progression.cap adapt_max_steps = 0", earned, CLEAR, program("rolls", adapt_max_steps=0), HOLD, {"3.progression.cap"}),
    ("3.progression.cap adapt_max_steps = 1 allows one", earned, CLEAR, program("rolls", adapt_max_steps=1), UP, {"3.progression.6"}),
    ("3.adapt adapt = false: the dose never changes", lambda: [session(1, record(difficulty=HARD))], CLEAR, program("rolls", adapt=False), HOLD, set()),
    ("3.level the dose reached earlier carries on", lambda: [session(1, record(level=L10))], CLEAR, None, ("rolls", 10, 1), {"3.level"}),
    ("3.step_down.1 too hard once: one step down", lambda: [session(1, record(difficulty=HARD))], CLEAR, None, ("rolls", 6, 1), {"3.step_down.1"}),
    ("3.step_down.1 a red gate: one step down", lambda: [session(1, record(pain=6))], CLEAR, None, ("rolls", 6, 1), {"3.step_down.1"}),
    ("3.step_down.2 too hard twice: the easier version", lambda: [session(2, record(difficulty=HARD)), session(1, record(difficulty=HARD))], CLEAR, None, ("rolls-easy", 8, 1), {"3.step_down.2"}),
    ("3.step_down.2 worse by 2 points the next day: the easier version", lambda: [other(3), other(2), session(1, checkin=2)], replace(CLEAR, followup="worse", checkin=4), None, ("rolls-easy", 8, 1), {"3.step_down.2"}),
    ("3.progression.4 worse by less than 2: the dose holds", lambda: [session(1)], replace(CLEAR, followup="worse", checkin=4), None, HOLD, {"3.progression.4"}),
    ("3.flare check-in 2 above the 14-day median: half, easier", lambda: [other(3), other(2), session(1)], replace(CLEAR, checkin=5), None, ("rolls-easy", 4, 1), {"3.flare"}),
    ("3.flare check-in of 7 or more", lambda: [other(3, 6), other(2, 6), session(1, checkin=6)], replace(CLEAR, checkin=7), None, ("rolls-easy", 4, 1), {"3.flare"}),
    ("3.flare no progression on a flare day", lambda: [other(4), other(3), *earned()], replace(CLEAR, checkin=6), None, ("rolls-easy", 4, 1), {"3.flare"}),
    ("3.flare.return one settled session is not enough", lambda: [other(6, 3), other(5, 4), other(4, 7), session(1, checkin=3)], replace(CLEAR, checkin=5), None, ("rolls-easy", 4, 1), {"3.flare.return"}),
    ("3.flare.return two settled sessions bring the dose back", lambda: [other(5), other(4), other(3, 6), other(2, 3), session(1, checkin=3)], replace(CLEAR, checkin=3), None, HOLD, set()),
    ("demo sessions never count", lambda: [session(2, record(difficulty=EASY), demo=True), session(1, record(difficulty=EASY), demo=True)], CLEAR, None, HOLD, set()),
    ("a session with no drill done does not count", lambda: [session(3, record(difficulty=EASY)), session(2, record(status="skipped", difficulty=EASY)), session(1, record(difficulty=EASY))], CLEAR, None, UP, {"3.progression.6"}),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "history", "answers", "prog", "expected", "reason_rules"), ROWS, ids=[r[0] for r in ROWS])
def test_rule(rule: str, history: Callable[[], list[dict[str, Any]]], answers: Answers, prog: Program | None,
              expected: tuple[Any, ...], reason_rules: set[str]) -> None:  # fmt: skip
    result = plan(history(), answers, prog)
    assert today(result) == expected, (rule, result.drills[0])
    assert reason_rules <= rules(result), (rule, result.drills[0].reasons)
    if not reason_rules:
        assert not result.drills[0].reasons


def test_step_up_reason_is_plain_words() -> None:
    drill = plan(earned()).drills[0]
    assert drill.changed
    assert drill.reasons[0].text == (
        "2 more reps: it felt too easy in your last two sessions and your back was the same the next day"
    )
    assert drill.adapted() == {
        "from": drill.planned,
        "to": drill.today,
        "level": drill.today,
        "rules": ["3.progression.6"],
        "why": [drill.reasons[0].text],
    }


def test_nothing_to_say_records_nothing_and_a_held_step_is_recorded() -> None:
    """A drill the plan left alone has no ``adapted``; a dose held for a reason keeps the reason."""
    assert plan([]).drills[0].adapted() is None
    locked = plan(earned(), prog=program("rolls", locked=True)).drills[0]
    assert not locked.changed
    held = locked.adapted()
    assert held is not None and held["from"] == held["to"] and held["rules"] == ["3.progression.locked"]


def test_locked_says_tell_your_physiotherapist() -> None:
    text = plan(earned(), prog=program("rolls", locked=True)).drills[0].reasons[0].text
    assert "tell your physiotherapist it felt easy" in text


def test_locked_program_ignores_a_recorded_level_above_its_dose() -> None:
    result = plan([session(1, record(level=L10))], prog=program("rolls", locked=True))
    assert today(result) == HOLD


def test_at_most_two_drills_up_per_session() -> None:
    ids = ("rolls", "plank", "walk")
    easy = [record(i, difficulty=EASY) for i in ids]
    result = plan([session(2, *easy), session(1, *easy)], prog=program(*ids))
    assert [d.changed for d in result.drills] == [True, True, False]
    assert "3.progression.7" in rules(result, 2)


@pytest.mark.parametrize(
    ("label", "answers", "waiting_for"),
    [
        ("3.progression.4 pending: the next-day answer is not known", replace(CLEAR, followup=None), "not worse"),
        ("3.flare pending: the check-in is not known", replace(CLEAR, checkin=None), "flare"),
        ("3.progression.1 pending: the leg is not known", replace(CLEAR, leg=None), "leg"),
    ],
)
def test_pending_step_waits_for_the_answer(label: str, answers: Answers, waiting_for: str) -> None:
    drill = plan(earned(), answers).drills[0]
    assert not drill.changed, label
    assert [p.rule for p in drill.pending] == ["3.progression.6"]
    assert waiting_for in drill.pending[0].text


def test_three_times_too_hard_suggests_the_physiotherapist() -> None:
    result = plan([session(3, record(difficulty=HARD)), session(2, record(difficulty=HARD)), session(1, record(difficulty=HARD))])
    assert "3.step_down.3" in {n.rule for n in result.notes}


def test_two_weeks_of_rising_check_ins_suggest_the_physiotherapist() -> None:
    history = [other(20, 1), other(18, 1), other(13, 2), other(11, 2), other(6, 3), session(1, checkin=3)]
    assert "3.step_down.3" in {n.rule for n in plan(history, replace(CLEAR, checkin=3)).notes}
    assert not plan(history[2:], replace(CLEAR, checkin=2)).notes


def test_flare_keeps_the_tolerated_level_for_later() -> None:
    drill = plan([other(3), other(2), session(1, record(level=L10))], replace(CLEAR, checkin=6)).drills[0]
    assert drill.today is not None and drill.today["reps"] == 5
    assert drill.level["reps"] == 10  # comes back when the flare settles


# ---- direction (CLINICAL.md 4) -------------------------------------------------------


def profile(**fields: Any) -> Profile:
    return Profile(**fields)


DIRECTION_ROWS = [
    ("4.direction beyond the limit: swapped in its chain", "arch", Profile(limits=(("extension", "small"),)), None, ("arch-small", "4.direction")),
    ("4.direction no drill in the chain within it: left out", "arch-only", Profile(limits=(("extension", "mid"),)), None, (None, "4.direction")),
    ("4.direction eases flexion: extension kept small", "arch", Profile(eases="flexion"), None, ("arch-small", "4.direction")),
    ("4.direction an explicit limit wins over the implied one", "arch", Profile(eases="flexion", limits=(("extension", "end"),)), None, ("arch", None)),
    ("4.direction within the limit: kept", "rolls", Profile(limits=(("extension", "small"),)), None, ("rolls", None)),
    ("4.nerve a tensioner with leg pain below the knee: left out", "floss", None, "below_knee", (None, "4.nerve")),
    ("4.nerve the profile's leg reach counts when today's is not known", "floss", Profile(leg="below_knee"), None, (None, "4.nerve")),
    ("4.nerve a tensioner with thigh pain stays", "floss", None, "thigh", ("floss", None)),
    ("4.nerve a slider stays below the knee", "slide", None, "below_knee", ("slide", None)),
]  # fmt: skip


@pytest.mark.parametrize(("label", "drill_id", "prof", "leg", "expected"), DIRECTION_ROWS, ids=[r[0] for r in DIRECTION_ROWS])
def test_direction(label: str, drill_id: str, prof: Profile | None, leg: str | None, expected: tuple[str | None, str | None]) -> None:
    result = plan([], replace(CLEAR, leg=leg), program(drill_id, profile=prof))
    drill = result.drills[0]
    got = drill.today["drill_id"] if drill.today is not None else None
    assert got == expected[0], label
    assert (expected[1] in rules(result)) if expected[1] else not drill.reasons


def test_tensioner_is_pending_while_the_leg_is_not_known() -> None:
    drill = plan([], replace(CLEAR, leg=None), program("floss")).drills[0]
    assert drill.today is not None and [p.rule for p in drill.pending] == ["4.nerve"]


def test_swap_follows_a_step_down() -> None:
    """The direction filter looks at the drill actually planned today, after the dose rules."""
    prof = Profile(limits=(("extension", "small"),))
    result = plan([session(1, record("arch", difficulty=HARD))], CLEAR, program("arch", profile=prof))
    assert today(result)[0] == "arch-small"
    assert {"3.step_down.1", "4.direction"} <= rules(result)


def test_sessions_after_now_do_not_count() -> None:
    later = session(-1, record(difficulty=EASY))
    assert today(plan([session(1, record(difficulty=EASY)), later])) == HOLD
    assert NOW - timedelta(days=-1) > NOW
