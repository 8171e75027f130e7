"""Home names who set the highlighted program and when to review it, and past
that date suggests checking in with the physio (the day is injected)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from conftest import settle, short_program, text_of
from textual.widgets import Static

from backcoach.content.library import default_library
from backcoach.content.programs import parse_program
from backcoach.tui.home import HomeScreen

SIZE = (100, 40)
SET = """\
id = "anna"
name = "Anna week 1"
description = "Two drills."
clinician = "J. Physio"
review_on = 2027-01-15
notes = "watch the left knee"

[[drills]]
id = "cat-camel"

[[drills]]
id = "bird-dog"
"""
DUE = "The review date has passed: a good time to check in with your physio."


def anna(text: str = SET) -> Any:
    return parse_program(text, "anna.toml", default_library(), origin="imported")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2027-01-15", "Set by J. Physio · review on 15 Jan 2027"),
        ("2027-01-16", f"Set by J. Physio · review on 15 Jan 2027\n{DUE}"),
    ],
    ids=["on-the-day", "the-day-after"],
)
async def test_the_highlighted_programs_clinician_and_review(make_harness: Any, day: str, expected: str) -> None:
    h = make_harness(programs=[anna(), short_program()], now=datetime.fromisoformat(f"{day}T09:00:00+00:00"))
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, HomeScreen)
        assert text_of(screen, "#set-by") == expected
        shown = " ".join(str(static.render()) for static in screen.query(Static))
        assert "J. Physio" in shown and "knee" not in shown  # the notes are the clinician's own
        await pilot.press("down")  # a program nobody set: no line at all
        await settle(pilot)
        assert not screen.query_one("#set-by").display


async def test_a_review_date_alone_and_a_clinician_alone(make_harness: Any) -> None:
    only_date = anna(SET.replace('clinician = "J. Physio"\n', ""))
    only_name = anna(SET.replace("review_on = 2027-01-15\n", "").replace('id = "anna"', 'id = "bob"'))
    h = make_harness(programs=[only_date, only_name], now=datetime.fromisoformat("2027-03-01T09:00:00+00:00"))
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert text_of(h.app.screen, "#set-by") == f"Review on 15 Jan 2027\n{DUE}"
        await pilot.press("down")
        await settle(pilot)
        assert text_of(h.app.screen, "#set-by") == "Set by J. Physio"
