"""SVG snapshots of every screen at 80x24 (pytest-textual-snapshot).

Each test drives the real app to one screen with Pilot, a fake clock, a
fixed "today" and wall time, a fake sound player and a real journal in a
temp folder, then waits for the workers (history load, summary save) so the
picture never depends on timing. Session ids never appear on screen.

Update the pictures after an intended change with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from conftest import TODAY, Harness, plan_lines_done, ready_left, run_time
from factories import past_session
from textual.screen import Screen

from backcoach.coach.plan import SWITCH_SECONDS
from backcoach.coach.session import SessionEngine, Stage
from backcoach.tui.dialogs.help import HelpScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.quiz import QuizScreen
from backcoach.tui.session.background import BackgroundScreen
from backcoach.tui.session.checkin import CheckinScreen
from backcoach.tui.session.confirm_end import AskScreen, ConfirmEndScreen
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.gate import GateScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.session.rating import RatingScreen
from backcoach.tui.session.safety import (
    SafetyBlockedScreen,
    SafetyScreen,
    SafetyStopScreen,
)
from backcoach.tui.session.summary import SummaryScreen

SIZE = (80, 24)

Steps = Callable[[Harness, Any], Awaitable[None]]


def shoot(
    snap_compare: Any,
    h: Harness,
    expect: type[Screen[Any]],
    steps: Steps | None = None,
    size: tuple[int, int] = SIZE,
) -> None:
    """Run ``steps`` against the app, let every worker finish, then compare.

    ``expect`` guards against a wrong key sequence quietly producing a picture
    of some other screen.
    """
    shown: list[Screen[Any]] = []

    async def run_before(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()  # history loaded
        await pilot.pause()
        if steps is not None:
            await steps(h, pilot)
        await pilot.app.workers.wait_for_complete()  # e.g. the summary's save
        await pilot.pause()
        await plan_lines_done(pilot)  # Home's line about today's plan (on its own threads)
        shown.append(pilot.app.screen)

    matched = snap_compare(h.app, terminal_size=size, run_before=run_before)
    assert shown and type(shown[0]) is expect, f"expected {expect.__name__}, got {shown}"
    assert matched


def engine(h: Harness) -> SessionEngine:
    """The session's engine as it was when the picture was taken."""
    assert h.app.runner is not None
    return h.app.runner.engine


# ---- building blocks: each goes one screen further ----------------------------


async def press(pilot: Any, *keys: str) -> None:
    """Press keys; Pilot waits for the app to go idle after each one."""
    await pilot.press(*keys)


async def to_safety(h: Harness, pilot: Any) -> None:
    await press(pilot, "enter")  # the short test program is first


async def to_checkin(h: Harness, pilot: Any) -> None:
    await to_safety(h, pilot)
    await press(pilot, "n")
    if engine(h).followup_due is not None:  # a session in the last 72 hours: "about the same"
        await press(pilot, "s")


async def to_intro(h: Harness, pilot: Any, checkin: str = "2") -> None:
    """Get ready for the first drill (cat-camel: 2 reps, 2 s per breath): the
    check-in's score is its pain check, and green or amber goes straight on."""
    await to_checkin(h, pilot)
    await press(pilot, checkin, "enter", "n")  # score, then no leg pain


async def to_gate(h: Harness, pilot: Any, checkin: str = "2") -> None:
    """The second drill's pain check (the front plank's), nothing typed yet."""
    await to_intro(h, pilot, checkin)
    await press(pilot, "s")  # skip cat-camel at its Get ready


async def to_work(h: Harness, pilot: Any, seconds: float) -> None:
    """Let the Get ready that is showing run out by itself, then ``seconds`` of work."""
    await run_time(h, pilot, ready_left(h) + seconds)


async def to_plank_intro(h: Harness, pilot: Any) -> None:
    """Skip cat-camel; the front plank (2 x 5 s hold, 5 s rest) is next."""
    await to_gate(h, pilot)
    await press(pilot, "2")  # one key: green, Get ready by itself


# ---- home, help ------------------------------------------------------------


def test_home_empty_journal(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), HomeScreen)


def test_home_with_streak(snap_compare, make_harness) -> None:
    history = [past_session(TODAY - timedelta(days=n)) for n in (1, 2, 3)]
    shoot(snap_compare, make_harness(history=history), HomeScreen)


def test_help(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await press(pilot, "question_mark")

    shoot(snap_compare, make_harness(), HelpScreen, steps)


def test_symptom_quiz_review(snap_compare, make_harness) -> None:
    """The quiz's last step: the answers and what they suggest, before anything is saved."""

    async def steps(h: Harness, pilot: Any) -> None:
        await press(pilot, "d", "y", "y", "n", "n", "n", "t")

    shoot(snap_compare, make_harness(), QuizScreen, steps)


# ---- safety ------------------------------------------------------------------


def test_safety_check(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), SafetyScreen, to_safety)


def test_safety_check_marking(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_safety(h, pilot)
        await press(pilot, "y", "c")

    shoot(snap_compare, make_harness(), SafetyScreen, steps)


def test_safety_stop_urgent(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_safety(h, pilot)
        await press(pilot, "y", "b", "enter")

    shoot(snap_compare, make_harness(), SafetyStopScreen, steps)


def test_safety_blocked(snap_compare, make_harness) -> None:
    history = [
        past_session(
            TODAY,
            status="stopped_safety",
            safety={"answers": {"saddle_numbness": False, "trauma": True}},
        )
    ]
    shoot(snap_compare, make_harness(history=history), SafetyBlockedScreen, to_safety)


# ---- check-in ---------------------------------------------------------------


def test_checkin_no_score(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), CheckinScreen, to_checkin)


def test_checkin_score_picked(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_checkin(h, pilot)
        await press(pilot, "3")

    shoot(snap_compare, make_harness(), CheckinScreen, steps)


def test_checkin_high_pain_advice(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_checkin(h, pilot)
        await press(pilot, "8", "enter")

    shoot(snap_compare, make_harness(), CheckinScreen, steps)


# ---- pain gate ----------------------------------------------------------------


def test_gate_before_score(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), GateScreen, to_gate)


def gate_steps(checkin: str, score: str) -> Steps:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_gate(h, pilot, checkin)
        await press(pilot, score)  # one key: a digit confirms

    return steps


def test_gate_green_goes_to_get_ready(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), IntroScreen, gate_steps("2", "2"))


def test_gate_amber_get_ready_offers_easier(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), IntroScreen, gate_steps("3", "4"))


def test_gate_red_from_the_checkin(snap_compare, make_harness) -> None:
    """A check-in of 6 is the first drill's pain check: red, with its choices."""

    async def steps(h: Harness, pilot: Any) -> None:
        await to_intro(h, pilot, "6")

    shoot(snap_compare, make_harness(), GateScreen, steps)


def test_gate_stop(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), GateScreen, gate_steps("2", "8"))


# ---- get ready ----------------------------------------------------------------


def test_intro(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(), IntroScreen, to_intro)


def test_ready_countdown(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_intro(h, pilot)
        await run_time(h, pilot, 2)

    h = make_harness()
    shoot(snap_compare, h, IntroScreen, steps)
    assert engine(h).stage is Stage.READY


@pytest.mark.parametrize("size", [(120, 40), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_get_ready_sizes(snap_compare, make_harness, size: tuple[int, int]) -> None:
    """Big means big: at 120x40 the countdown and the figure use the room; at 60x20 the figure box stays."""

    async def steps(h: Harness, pilot: Any) -> None:
        await to_plank_intro(h, pilot)
        await run_time(h, pilot, 2)

    shoot(snap_compare, make_harness(), IntroScreen, steps, size)


@pytest.mark.parametrize("size", [(120, 40), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_drill_sizes(snap_compare, make_harness, size: tuple[int, int]) -> None:
    """A hold at 120x40 (a larger digit face and word) and at 60x20 (the figure kept, smaller)."""

    async def steps(h: Harness, pilot: Any) -> None:
        await to_plank_intro(h, pilot)
        await to_work(h, pilot, 2)

    shoot(snap_compare, make_harness(), DrillScreen, steps, size)


@pytest.mark.parametrize("size", [(120, 40), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_drill_per_side_sizes(snap_compare, make_harness, size: tuple[int, int]) -> None:
    """A per-side stretch names its side ("Left side")."""

    async def steps(h: Harness, pilot: Any) -> None:
        await to_gate(h, pilot)
        await press(pilot, "2", "s")  # skip the plank at its Get ready
        await press(pilot, "2")  # hamstring stretch, 10 s a side
        await to_work(h, pilot, 3)

    h = make_harness()
    shoot(snap_compare, h, DrillScreen, steps, size)
    seg = engine(h).timer.segment
    assert seg is not None and seg.side == 1


# ---- drills -----------------------------------------------------------------


def test_drill_reps_exhale(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_intro(h, pilot)
        await to_work(h, pilot, 1)  # first half of rep 1: round up, breathe out

    h = make_harness()
    shoot(snap_compare, h, DrillScreen, steps)
    breath = engine(h).timer.breath
    assert breath is not None and breath.phase.breath == "exhale"


def test_drill_reps_inhale(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_intro(h, pilot)
        await to_work(h, pilot, 3)  # second half of rep 1: sag, breathe in

    h = make_harness()
    shoot(snap_compare, h, DrillScreen, steps)
    breath = engine(h).timer.breath
    assert breath is not None and breath.phase.breath == "inhale"


def test_drill_hold(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_plank_intro(h, pilot)
        await to_work(h, pilot, 2)

    h = make_harness()
    shoot(snap_compare, h, DrillScreen, steps)
    seg = engine(h).timer.segment
    assert seg is not None and seg.kind == "work" and engine(h).drill.id == "front-plank"


def test_drill_rest_between_sets(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_plank_intro(h, pilot)
        await to_work(h, pilot, 5 + 2)

    h = make_harness()
    shoot(snap_compare, h, DrillScreen, steps)
    seg = engine(h).timer.segment
    assert seg is not None and seg.kind == "rest"


def test_drill_per_side_second_side(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_gate(h, pilot)  # cat-camel skipped
        await press(pilot, "2", "s")  # skip the plank at its Get ready
        await press(pilot, "2")  # hamstring stretch, 10 s a side
        await to_work(h, pilot, 10 + SWITCH_SECONDS + 3)

    h = make_harness()
    shoot(snap_compare, h, DrillScreen, steps)
    seg = engine(h).timer.segment
    assert seg is not None and seg.side == 2 and engine(h).drill.kind == "per_side"


def test_drill_paused(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_plank_intro(h, pilot)
        await to_work(h, pilot, 2)
        await press(pilot, "space")

    h = make_harness()
    shoot(snap_compare, h, DrillScreen, steps)
    assert engine(h).timer.paused


def test_end_session_confirm(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_plank_intro(h, pilot)
        await to_work(h, pilot, 2)
        await press(pilot, "q")

    shoot(snap_compare, make_harness(), ConfirmEndScreen, steps)


# ---- after a drill, after a session ------------------------------------------


def test_rating(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_intro(h, pilot)
        await to_work(h, pilot, 2 * 4 + 0.5)

    shoot(snap_compare, make_harness(), RatingScreen, steps)


def test_summary_completed(snap_compare, make_harness) -> None:
    history = [past_session(TODAY - timedelta(days=n)) for n in (1, 2)]

    async def steps(h: Harness, pilot: Any) -> None:
        await to_intro(h, pilot)
        await to_work(h, pilot, 2 * 4 + 0.5)
        await press(pilot, "2")
        await press(pilot, "2")  # front plank: one key, green goes on
        await to_work(h, pilot, 5 + 5 + 5 + 0.5)
        await press(pilot, "1")
        await press(pilot, "1")  # hamstring stretch: a 1 waits briefly for a 0
        await run_time(h, pilot, 2)
        await to_work(h, pilot, 10 + SWITCH_SECONDS + 10 + 0.5)
        await press(pilot, "2")

    h = make_harness(history=history)
    shoot(snap_compare, h, SummaryScreen, steps)
    assert engine(h).view().counts["done"] == 3


def test_summary_stopped_for_pain(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_intro(h, pilot, "6")  # the check-in's 6: a red first pain check
        await press(pilot, "7")  # changed: still red
        await press(pilot, "s")
        await press(pilot, "7")  # the second red: only the end is left
        await press(pilot, "enter")

    shoot(snap_compare, make_harness(), SummaryScreen, steps)


# ---- issue 9: the health background, leg symptoms, levels, rest days ---------


def test_health_background_first_question(snap_compare, make_harness) -> None:
    shoot(snap_compare, make_harness(background=None), BackgroundScreen, to_safety)


def test_checkin_leg_question(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_checkin(h, pilot)
        await press(pilot, "3", "enter")

    shoot(snap_compare, make_harness(), CheckinScreen, steps)


def test_checkin_followup_question(snap_compare, make_harness) -> None:
    """Yesterday's session: the 24-hour response is asked before the score."""

    async def steps(h: Harness, pilot: Any) -> None:
        await to_safety(h, pilot)
        await press(pilot, "n")

    shoot(snap_compare, make_harness(history=[past_session(TODAY - timedelta(days=1))]), CheckinScreen, steps)


def test_gate_leg_spread(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_gate(h, pilot)
        await press(pilot, "l", "2")  # l first: the score then keeps its choices

    shoot(snap_compare, make_harness(), GateScreen, steps)


def test_safety_stop_doctor_today(snap_compare, make_harness) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await to_safety(h, pilot)
        await press(pilot, "y", "g", "enter")  # fever or feeling very unwell

    shoot(snap_compare, make_harness(), SafetyStopScreen, steps)


def test_rest_day_question(snap_compare, make_harness) -> None:
    history = [past_session(TODAY, status="stopped_pain")]
    shoot(snap_compare, make_harness(history=history), AskScreen, to_safety)
