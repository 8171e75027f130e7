"""Every main screen at small, usual and huge terminal sizes.

One walk through a session visits home, help, the safety check, the check-in,
the pain gate, the drill intro and its countdown, a drill, the end-session
question, the rating and the summary. At each stop it checks what must hold
at that size: nothing crashes anywhere, nothing scrolls sideways at 80x24 or
60x20, and the heading a person (or a script) looks for is on screen.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Harness, ready_left, run_time, settle, text_of

from backcoach.tui.dialogs.help import HelpScreen
from backcoach.tui.session.confirm_end import ConfirmEndScreen
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.summary import SummaryScreen

#: The headings DESIGN.md promises, and the stops of the walk that show them.
HEADINGS = {
    "safety": "Safety check",
    "safety-marking": "Safety check",
    "checkin": "How is your back",
    "checkin-score": "How is your back",
    "checkin-leg": "How is your back",
    "gate": "Pain check",
    "gate-result": "Pain check",
    "intro": "Get ready",
    "ready": "Get ready",
    "rating": "How did that feel",
    "summary": "Session complete",
}


def sideways_scrollers(screen: Any) -> list[str]:
    """Widgets on ``screen`` that scroll horizontally, or show a bar for it."""
    found = []
    for widget in screen.walk_children(with_self=True):
        if not widget.display:
            continue
        if widget.show_horizontal_scrollbar or (widget.is_scrollable and widget.max_scroll_x > 0):
            found.append(f"{widget!r}: max_scroll_x={widget.max_scroll_x}")
    return found


def heading_problem(screen: Any, expected: str) -> str | None:
    """Why the heading is not fully readable on screen, or None when it is."""
    heading = screen.query_one(".heading")
    if (shown := text_of(screen, ".heading")) != expected:
        return f"heading reads {shown!r}, not {expected!r}"
    region = heading.content_region
    if not screen.region.contains_region(heading.region):
        return f"heading at {heading.region} is outside the screen {screen.region}"
    if region.width < len(expected):
        return f"heading has {region.width} columns for {len(expected)} characters"
    widget, _ = screen.get_widget_at(region.x, region.y)
    if widget is not heading:
        return f"heading is covered by {widget!r}"
    return None


def cut_off(screen: Any, selectors: tuple[str, ...]) -> list[str]:
    """Of the widgets shown by ``selectors``, those not wholly on screen."""
    cut = []
    for selector in selectors:
        widget = screen.query_one(selector)
        if not widget.display:
            continue
        geometry = screen.find_widget(widget)
        if geometry.visible_region != geometry.region:
            cut.append(f"{selector} at {geometry.region}, visible {geometry.visible_region}")
    return cut


#: What a person on the floor must see during a drill.
DRILL_ESSENTIALS = ("#word", "#movement", "#bar", "#countdown", "#progress")


async def walk(h: Harness, pilot: Any, visit: Any) -> dict[str, str]:
    """Go through every main screen, calling ``visit(stop, screen)`` at each;
    returns which screen each stop showed."""
    stops: dict[str, str] = {}

    async def stop(name: str) -> None:
        await pilot.pause()
        stops[name] = type(pilot.app.screen).__name__
        visit(name, pilot.app.screen)

    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    await stop("home")
    await pilot.press("question_mark")
    assert isinstance(pilot.app.screen, HelpScreen)
    await stop("help")
    await pilot.press("escape", "enter")
    await stop("safety")
    await pilot.press("y")
    await stop("safety-marking")
    await pilot.press("n")
    await stop("checkin")
    await pilot.press("3")
    await stop("checkin-score")
    await pilot.press("enter")
    await stop("checkin-leg")
    await pilot.press("n")  # the check-in's 3 is the first pain check: Get ready runs
    await stop("intro")
    await pilot.press("s")  # skip cat-camel: a hold has the most to show
    await stop("gate")
    await pilot.press("6")  # red: the band and its choices
    await stop("gate-result")
    await pilot.press("2", "enter")  # the score changed to green, then go
    await run_time(h, pilot, 1)
    await stop("ready")
    await run_time(h, pilot, ready_left(h))
    assert isinstance(pilot.app.screen, DrillScreen)
    assert h.app.runner is not None and h.app.runner.engine.drill.kind == "hold"
    await stop("drill")
    await pilot.press("q")
    assert isinstance(pilot.app.screen, ConfirmEndScreen)
    await stop("confirm")
    await pilot.press("n")
    await run_time(h, pilot, 5 + 5 + 5)  # the front plank: 2 x 5 s hold, 5 s rest
    await stop("rating")
    await pilot.press("2")  # on to the next drill's pain check, then end there
    await pilot.press("escape", "y")
    await pilot.app.workers.wait_for_complete()
    assert isinstance(pilot.app.screen, SummaryScreen)
    await stop("summary")
    return stops


#: The screen each stop of the walk must show: a key that lands somewhere
#: else at some size (a binding hidden, a dialog left open) fails the walk.
STOP_SCREENS = {
    "home": "HomeScreen", "help": "HelpScreen", "safety": "SafetyScreen", "safety-marking": "SafetyScreen",
    "checkin": "CheckinScreen", "checkin-score": "CheckinScreen", "checkin-leg": "CheckinScreen",
    "gate": "GateScreen", "gate-result": "GateScreen", "intro": "IntroScreen", "ready": "IntroScreen",
    "drill": "DrillScreen", "confirm": "ConfirmEndScreen", "rating": "RatingScreen", "summary": "SummaryScreen",
}  # fmt: skip


@pytest.mark.parametrize("size", [(40, 12), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_survives(make_harness, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        stops = await walk(h, pilot, lambda name, screen: None)
        assert h.app.is_running  # a crash on any screen would have ended the app
    assert stops == STOP_SCREENS


async def test_nothing_scrolls_sideways_at_80x24(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    problems: dict[str, list[str]] = {}

    def visit(name: str, screen: Any) -> None:
        found = sideways_scrollers(screen)
        if found:
            problems[name] = found

    async with h.app.run_test(size=(80, 24)) as pilot:
        stops = await walk(h, pilot, visit)
    assert stops == STOP_SCREENS
    assert problems == {}


async def test_headings_readable_at_60x20(make_harness) -> None:  # type: ignore[no-untyped-def]
    """The headings fit, and nothing scrolls sideways (the key bar drops keys
    whole at this width, keeping quit, help and mute; ``?`` lists them all)."""
    h = make_harness()
    problems: dict[str, str] = {}

    def visit(name: str, screen: Any) -> None:
        if name in HEADINGS:
            problem = heading_problem(screen, HEADINGS[name])
            if problem:
                problems[name] = problem
        if found := sideways_scrollers(screen):
            problems[f"{name} sideways"] = "; ".join(found)
        if name == "drill" and (cut := cut_off(screen, DRILL_ESSENTIALS)):
            problems["drill cut off"] = "; ".join(cut)

    async with h.app.run_test(size=(60, 20)) as pilot:
        stops = await walk(h, pilot, visit)
    assert stops == STOP_SCREENS
    assert problems == {}
