"""Locked programs through the real screens: the easier version is always
offered, and nothing in the patient's flow ever suggests doing more."""

from __future__ import annotations

from typing import Any

from conftest import Harness, ready_left, run_time, settle, text_of

from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import parse_program
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.session.summary import SummaryScreen

SIZE = (80, 24)


#: One hold with an easier version (knee plank) and one reps drill with a
#: harder version (bridge hold), both at tiny doses.
PROGRAM = """
id = "{id}"
name = "Plank and bridge"
description = "Two drills with tiny doses."
locked = {locked}

[[drills]]
id = "front-plank"
sets = 1
hold = 5

[[drills]]
id = "glute-bridge"
reps = 1
sets = 1
"""


def program(locked: bool) -> Program:
    text = PROGRAM.format(id="locked" if locked else "unlocked", locked=str(locked).lower())
    return parse_program(text, "plank-bridge.toml", default_library())


async def start(h: Harness, pilot: Any) -> None:
    """From home to the first Get ready: safety all clear, check-in 2 (the first pain check too)."""
    await settle(pilot)
    assert isinstance(h.app.screen, HomeScreen)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("2", "enter", "n")
    await settle(pilot)
    assert isinstance(h.app.screen, IntroScreen)


async def do_drill(h: Harness, pilot: Any, rating: str) -> None:
    """Let the drill whose Get ready is showing run out, and rate it."""
    runner = h.app.runner
    assert runner is not None
    await run_time(h, pilot, ready_left(h) + runner.engine.drill.estimated_seconds + 1)
    await settle(pilot)
    assert text_of(h.app.screen, ".heading") == "How did that feel"
    await pilot.press(rating)
    await settle(pilot)


async def summary_advice(h: Harness, pilot: Any) -> str:
    """The summary's next-time and too-easy lines, once the save has been confirmed."""
    assert isinstance(h.app.screen, SummaryScreen)
    await h.app.workers.wait_for_complete()
    await settle(pilot)
    return text_of(h.app.screen, "#next-time") if h.app.screen.query_one("#next-time").display else ""


async def test_locked_green_gate_offers_the_easier_version_and_the_journal_records_it(make_harness) -> None:
    h = make_harness(programs=[program(locked=True)])
    async with h.app.run_test(size=SIZE) as pilot:
        await start(h, pilot)
        # Green goes on by itself; the locked program's offer of the easier version stays a key away.
        line = text_of(h.app.screen, "#gate")
        assert "2/10, green" in line and "e = the easier version: Kneeling plank" in line
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)
        assert "physiotherapist set this dose" in text_of(h.app.screen, "#locked")
        await do_drill(h, pilot, rating="1")
        await pilot.press("2", "s")  # skip the bridge at its Get ready
        await settle(pilot)
        assert "physiotherapist" in await summary_advice(h, pilot)
        (session,) = h.sessions()
        plank = session["drills"][0]
        assert plank["drill_id"] == "front-plank" and plank["replaced_by"] == "knee-plank"
        assert plank["status"] == "easier" and plank["gate_band"] == "green"
        assert plank["difficulty"] == "too_easy"


async def test_locked_summary_asks_to_keep_the_dose_instead_of_suggesting_more(make_harness) -> None:
    h = make_harness(programs=[program(locked=True)])
    async with h.app.run_test(size=SIZE) as pilot:
        await start(h, pilot)
        await pilot.press("s")  # skip the plank
        await settle(pilot)
        await pilot.press("2")  # green: go, full dose
        await settle(pilot)
        await do_drill(h, pilot, rating="1")
        advice = await summary_advice(h, pilot)
        assert "Glute bridge felt too easy" in advice and "physiotherapist" in advice
        assert "Donkey kick" not in advice and "you could try" not in advice


async def test_unlocked_summary_says_what_the_coach_does_next_time(make_harness) -> None:
    """An adaptive program: no "you could try" (the coach steps up by its rules), but what it waits for."""
    h = make_harness(programs=[program(locked=False)])
    async with h.app.run_test(size=SIZE) as pilot:
        await start(h, pilot)
        # Unlocked green: no offer of the easier version at Get ready.
        assert text_of(h.app.screen, "#gate") == "Pain check: 2/10, green (your check-in score)."
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)
        assert not h.app.screen.query("#locked")
        await do_drill(h, pilot, rating="1")
        advice = await summary_advice(h, pilot)
        assert advice.startswith("Next time:")
        assert "Glute bridge: same dose: it felt too easy once; if it feels too easy again" in advice
        assert "you could try" not in advice and "physiotherapist" not in advice


async def test_nothing_too_easy_in_a_locked_program_keeps_the_doses(make_harness) -> None:
    h = make_harness(programs=[program(locked=True)])
    async with h.app.run_test(size=SIZE) as pilot:
        await start(h, pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await do_drill(h, pilot, rating="2")
        assert await summary_advice(h, pilot) == "Next time: the same doses, unless your check-in then says otherwise."
