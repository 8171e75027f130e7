"""The symptom quiz from Home (d, the palette) and Home's lines about the highlighted program:
whose direction profile plans it, and what today's plan changes (made before the check-in)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from conftest import plan_lines_done, ready, text_of
from factories import UK, drill_record, session_doc

from backcoach.coach.symptom_quiz import QUIZ_IDS
from backcoach.tui.dialogs.ask import AskScreen
from backcoach.tui.home import PLAN_LINE_WAIT, HomeScreen, PlanLines
from backcoach.tui.quiz import QuizScreen

SIZE = (80, 24)
#: Worse sitting or bending, better walking or lying face down, leg pain to the thigh.
FLEXION_SENSITIVE_KEYS = ("y", "y", "n", "n", "n", "t")
FLEXION_SENSITIVE = {
    "worse_sitting_or_bending": True,
    "better_walking_or_lying_face_down": True,
    "worse_standing_or_walking": False,
    "better_sitting_or_leaning_forward": False,
    "over_50": False,
    "leg": "thigh",
}
#: The harness's wall time is 2026-03-30 09:00 (+01:00): this is the evening before.
YESTERDAY = datetime(2026, 3, 29, 18, 0, tzinfo=UK)


def too_hard_yesterday(*, demo: bool = False) -> dict[str, Any]:
    return session_doc(
        "hard-demo" if demo else "hard",
        YESTERDAY,
        demo=demo,
        drills=[drill_record("cat-camel", difficulty="too_hard")],
    )


async def take_quiz(pilot: Any, keys: tuple[str, ...] = FLEXION_SENSITIVE_KEYS) -> QuizScreen:
    await pilot.press("d")
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    await pilot.press(*keys)
    assert screen.reviewing
    return screen


async def test_the_quiz_is_saved_and_home_says_it_is_provisional(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        home = h.app.screen
        assert text_of(home, "#direction") == "Direction: not set (d: a short quiz)"
        assert text_of(home, "#today") == "Today: as the program says"
        screen = await take_quiz(pilot)
        review = text_of(screen, "#question")
        assert (
            "What your answers suggest, for now: arching back may ease it; limited: bending forward (small)." in review
        )
        assert "Leg pain reaches: the thigh" in review
        await pilot.press("enter")
        await plan_lines_done(pilot)
        assert h.app.screen is home
        assert h.app.services.settings.profile == FLEXION_SENSITIVE
        assert h.saved_settings[-1]["profile"] == FLEXION_SENSITIVE
        assert text_of(home, "#direction") == "Direction: provisional, from your quiz: arching back may ease it (d)"
        # cat-camel bends the back further forward than the quiz's limit allows
        assert text_of(home, "#today") == "Today: 1 drill is swapped to suit your direction"


async def test_every_question_is_asked_and_left_goes_back(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        await pilot.press("d")
        screen = h.app.screen
        assert isinstance(screen, QuizScreen)
        assert "Question 1 of 6" in text_of(screen, "#question")
        assert "not a diagnosis" in text_of(screen, ".lead")
        await pilot.press("t")  # not an answer to a yes/no question
        assert screen.step == 0
        await pilot.press("y", "y", "n", "n", "n")
        assert "n = no leg pain     t = the thigh     b = below the knee" in text_of(screen, "#hint")
        await pilot.press("left")
        assert screen.step == 4 and "Over 50" not in text_of(screen, "#question")
        await pilot.press("y", "b")
        assert screen.reviewing and screen.answers["over_50"] is True and screen.answers["leg"] == "below_knee"
        assert set(screen.answers) == set(QUIZ_IDS)


async def test_escape_leaves_everything_as_it_was(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        await take_quiz(pilot)
        await pilot.press("escape")
        await plan_lines_done(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        assert h.app.services.settings.profile is None
        assert h.saved_settings == []


async def test_retaking_shows_the_answers_before_and_replaces_them(make_harness: Any) -> None:
    h = make_harness()
    h.app.services.settings.profile = dict(FLEXION_SENSITIVE)
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        await pilot.press("d")
        screen = h.app.screen
        assert isinstance(screen, QuizScreen)
        assert "(before: yes)" in text_of(screen, "#hint")
        await pilot.press("n", "n", "y", "y", "y", "n", "enter")  # worse standing, better sitting, over 50
        await plan_lines_done(pilot)
        assert h.app.services.settings.profile["worse_standing_or_walking"] is True
        assert h.app.services.settings.profile["leg"] == "none"
        home = h.app.screen
        assert text_of(home, "#direction") == "Direction: provisional, from your quiz: bending forward may ease it (d)"


async def test_x_clears_the_answers_after_asking(make_harness: Any) -> None:
    h = make_harness()
    h.app.services.settings.profile = dict(FLEXION_SENSITIVE)
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        home = h.app.screen
        await pilot.press("d", "x")
        assert isinstance(h.app.screen, AskScreen)
        await pilot.press("n")  # keep them
        assert isinstance(h.app.screen, QuizScreen)
        assert h.app.services.settings.profile == FLEXION_SENSITIVE
        await pilot.press("x", "y")
        await plan_lines_done(pilot)
        assert h.app.screen is home
        assert h.app.services.settings.profile is None
        assert h.saved_settings[-1]["profile"] is None
        assert text_of(home, "#direction") == "Direction: not set (d: a short quiz)"


async def test_nothing_to_clear_before_the_quiz_is_taken(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        await pilot.press("d", "x")
        assert isinstance(h.app.screen, QuizScreen)
        assert "x" not in {b.binding.key for b in h.app.screen.active_bindings.values() if b.enabled}


async def test_damaged_stored_answers_are_not_taken(make_harness: Any) -> None:
    h = make_harness()
    h.app.services.settings.profile = {**FLEXION_SENSITIVE, "over_50": "no"}
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        assert text_of(h.app.screen, "#direction") == "Direction: not set (d: a short quiz)"
        assert text_of(h.app.screen, "#today") == "Today: as the program says"
        await pilot.press("d")
        assert "before" not in text_of(h.app.screen, "#hint")


async def test_the_palette_opens_the_quiz_from_home(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"symptom quiz")
        await plan_lines_done(pilot)
        await pilot.press("enter")
        await plan_lines_done(pilot)
        assert isinstance(h.app.screen, QuizScreen)


async def test_the_plan_line_follows_the_highlight_and_the_history(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        home = h.app.screen
        assert text_of(home, "#today") == "Today: as the program says"
        h.app.history.append(too_hard_yesterday(demo=True))  # demos never count
        await plan_lines_done(pilot)
        assert text_of(home, "#today") == "Today: as the program says"
        h.app.history.append(too_hard_yesterday())
        await plan_lines_done(pilot)
        assert text_of(home, "#today") == "Today: 1 drill is easier after last time"
        await pilot.press("down")  # a built-in program: the short program's session says nothing about it
        await plan_lines_done(pilot)
        assert text_of(home, "#today") == "Today: as the program says"
        await pilot.press("up")
        assert text_of(home, "#today") == "Today: 1 drill is easier after last time"  # kept: no new plan


async def test_the_program_profile_is_named_over_the_quiz(make_harness: Any) -> None:
    from dataclasses import replace

    from conftest import short_program

    from backcoach.content.model import Profile

    own = replace(short_program(), profile=Profile("unknown"))  # no limits of its own
    h = make_harness(programs=[own])
    h.app.services.settings.profile = dict(FLEXION_SENSITIVE)
    async with h.app.run_test(size=SIZE) as pilot:
        await plan_lines_done(pilot)
        assert text_of(h.app.screen, "#direction") == "Direction: set by this program (your quiz is not used for it)"
        assert text_of(h.app.screen, "#today") == "Today: as the program says"  # the quiz's flexion limit is not used


def test_plan_lines_compute_one_at_a_time_and_only_the_latest_wish() -> None:
    started: list[tuple[Any, ...]] = []
    shown: list[tuple[Any, str]] = []
    lines = PlanLines(lambda key, compute: started.append(key), lambda key, line: shown.append((key, line)))
    a, b, c = (("a", 1, "s1", "h", ""), ("b", 1, "s1", "h", ""), ("c", 1, "s1", "h", ""))
    assert lines.line(a, lambda: "A") is None
    assert lines.line(b, lambda: "B") is None  # waits: a is computing
    assert lines.line(c, lambda: "C") is None  # replaces the wish for b
    assert started == [a]
    lines.done(a, "A")
    assert started == [a, c] and shown == [(a, "A")]
    lines.done(c, "C")
    assert lines.line(a, lambda: "A again") == "A"  # kept
    newer = ("a", 2, "s2", "h", "")  # one more session: older lines are dropped when its line is ready
    assert lines.line(newer, lambda: "A2") is None
    lines.done(newer, "A2")
    assert lines.line(c, lambda: "C2") is None


async def test_home_says_the_plan_is_being_worked_out_and_never_waits_for_it(
    make_harness: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan is made on a thread: Home answers keys while it is computed, then shows it."""
    import threading

    from backcoach.tui import home as home_module

    release = threading.Event()
    real = home_module._plan_line

    def slow(*args: Any) -> str:
        release.wait()
        return real(*args)

    monkeypatch.setattr(home_module, "_plan_line", slow)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        home = h.app.screen
        assert text_of(home, "#today") == PLAN_LINE_WAIT
        await pilot.press("d")  # the UI is not held up by the plan
        assert isinstance(h.app.screen, QuizScreen)
        await pilot.press("escape")
        release.set()
        await plan_lines_done(pilot)
        assert text_of(home, "#today") == "Today: as the program says"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)], ids=["60x20", "80x24", "200x60"])
async def test_the_quiz_fits(make_harness: Any, size: tuple[int, int]) -> None:
    """Each question and the review: the heading readable, nothing sideways, and the
    question with its keys (or the suggestion) on screen without scrolling."""
    from test_fit import heading_problem, sideways_scrollers

    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        await plan_lines_done(pilot)
        home = h.app.screen
        assert not sideways_scrollers(home)
        assert home.query_one("#direction").region.bottom <= size[1]
        await pilot.press("d")
        for key in (*FLEXION_SENSITIVE_KEYS, None):
            screen = h.app.screen
            await pilot.pause()
            assert heading_problem(screen, "Symptom quiz") is None
            assert not sideways_scrollers(screen)
            for selector in ("#question", "#hint"):
                assert screen.region.contains_region(screen.query_one(selector).region), (selector, key)
            if key is not None:
                await pilot.press(key)
