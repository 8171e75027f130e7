"""Pain education cards in the app: a card in each rest of 20 s or more and
on the summary, none in a shorter rest, the Learn screen (``l`` on Home and
the palette), help and the key bar; snapshots of a rest with a card and of Learn."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Harness, ready_left, run_time, settle, text_of
from test_snapshots import SIZE, press, shoot

from backcoach.content.education import MAX_SOURCE, MAX_TEXT, MAX_TITLE, Card, shipped_cards
from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import parse_program
from backcoach.tui.dialogs.help import HelpScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.learn import LearnScreen
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.summary import SummaryScreen
from backcoach.tui.widgets.key_bar import KeyBar

#: A 20 s rest (a card), then a 19 s rest (none).
RESTS = """
id = "rests"
name = "Rests test program"
description = "One long rest, one short."

[[drills]]
id = "front-plank"
sets = 2
hold = 5
rest = 20

[[drills]]
id = "bear-hold"
sets = 2
hold = 5
rest = 19
"""


def rests_program() -> Program:
    return parse_program(RESTS, "rests.toml", default_library())


async def to_first_rest(h: Harness, pilot: Any) -> None:
    """Through the safety check, a check-in of 2 and a green pain check, 2 s into the 20 s rest."""
    await press(pilot, "enter", "n")
    runner = h.app.runner
    if runner is not None and runner.engine.followup_due is not None:  # a session earlier today
        await press(pilot, "s")
    await press(pilot, "2", "enter", "n")  # the check-in's 2 is the first pain check
    await run_time(h, pilot, ready_left(h) + 5 + 2)


def card_shown(screen: Any) -> str | None:
    """The card's text on a session screen, or None when it is hidden."""
    card = screen.query_one("#card")
    return str(card.render()) if card.display and card.styles.display != "none" else None


async def test_a_rest_of_20_s_shows_a_card_and_the_next_set_does_not(make_harness: Any) -> None:
    h = make_harness(programs=[rests_program()])
    first = shipped_cards()[0]
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_first_rest(h, pilot)
        screen = h.app.screen
        assert isinstance(screen, DrillScreen)
        text = card_shown(screen)
        assert text is not None and first.title in text and first.source in text
        assert screen.has_class("-card")
        await settle(pilot)
        assert h.saved_settings and h.saved_settings[-1]["last_card"] == first.id
        await run_time(h, pilot, 20)  # the second set's hold
        assert h.app.runner is not None and h.app.runner.engine.timer.segment.kind == "work"  # type: ignore[union-attr]
        assert card_shown(screen) is None and not screen.has_class("-card")


async def test_a_rest_of_19_s_shows_no_card(make_harness: Any) -> None:
    h = make_harness(programs=[rests_program()])
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "n")
        await press(pilot, "2", "enter", "n")
        await press(pilot, "s")  # skip the plank at its Get ready: on to the bear hold
        await press(pilot, "2")
        await run_time(h, pilot, ready_left(h) + 5 + 2)
        segment = h.app.runner.engine.timer.segment  # type: ignore[union-attr]
        assert segment is not None and (segment.kind, segment.seconds) == ("rest", 19)
        assert card_shown(h.app.screen) is None
        assert not any("last_card" in s and s["last_card"] for s in h.saved_settings)


async def test_the_summary_shows_the_next_card_and_the_next_session_starts_after_it(make_harness: Any) -> None:
    h = make_harness(programs=[rests_program()])
    cards = shipped_cards()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_first_rest(h, pilot)
        await press(pilot, "q", "y")  # end here: ended early, pain all green
        await h.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        text = card_shown(h.app.screen)
        assert text is not None and cards[1].title in text  # not the rest's card again
        assert h.app.services.settings.last_card == cards[1].id
        await press(pilot, "enter")
        await to_first_rest(h, pilot)
        text = card_shown(h.app.screen)
        assert text is not None and cards[2].title in text


async def test_no_card_on_the_summary_after_a_red_check(make_harness: Any) -> None:
    h = make_harness(programs=[rests_program()])
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "n")
        await press(pilot, "6", "enter", "n")  # red, as the first pain check
        await press(pilot, "x")  # and the person ends the session
        await h.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        assert card_shown(h.app.screen) is None


async def test_l_on_home_opens_learn_with_every_card_and_escape_returns(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert " l Learn " in h.app.screen.query_one(KeyBar).render().plain
        await press(pilot, "l")
        screen = h.app.screen
        assert isinstance(screen, LearnScreen)
        assert text_of(screen, ".heading") == "Learn"
        for card in shipped_cards():
            assert card.title in text_of(screen, f"#card-{card.id}")
        await press(pilot, "escape")
        assert isinstance(h.app.screen, HomeScreen)


async def test_learn_scrolls_to_its_last_card_at_60x20(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        scroll = h.app.screen.query_one("#cards")
        assert scroll.max_scroll_y > 0 and scroll.has_focus
        await press(pilot, "end")
        last = h.app.screen.query_one(f"#card-{shipped_cards()[-1].id}")
        assert scroll.scroll_y == scroll.max_scroll_y
        assert last.region.bottom <= scroll.region.bottom


async def test_the_palette_opens_learn_but_not_during_a_session(make_harness: Any) -> None:
    h = make_harness(programs=[rests_program()])
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        learn = next(c for c in h.app.get_system_commands(h.app.screen) if c.title == "Learn")
        learn.callback()
        await settle(pilot)
        assert isinstance(h.app.screen, LearnScreen)
        await press(pilot, "escape")
        await to_first_rest(h, pilot)
        assert "Learn" not in [c.title for c in h.app.get_system_commands(h.app.screen)]


async def test_help_lists_l_learn_on_home(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(h.app.screen, HelpScreen)
        from backcoach.tui.dialogs.help import KEY_GROUPS

        home = dict(KEY_GROUPS)["Home"]
        assert any("l  learn" in line for line in home)


async def test_broken_card_files_cost_the_cards_not_the_session(make_harness: Any) -> None:
    from backcoach.content.errors import ContentError, Problem

    def broken() -> tuple[Any, ...]:
        raise ContentError([Problem("cards.toml", "card[1].text", "missing")])

    h = make_harness(programs=[rests_program()])
    h.app.services.load_cards = broken
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_first_rest(h, pilot)
        assert isinstance(h.app.screen, DrillScreen) and card_shown(h.app.screen) is None
        await press(pilot, "q", "y")
        await h.app.workers.wait_for_complete()
        await press(pilot, "enter", "l")
        assert "cards.toml: card[1].text: missing" in text_of(h.app.screen, ".error")


# ---- snapshots ---------------------------------------------------------------------


def test_snapshot_a_rest_with_a_card(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(programs=[rests_program()]), DrillScreen, to_first_rest)


def test_snapshot_learn(snap_compare: Any, make_harness: Any) -> None:
    async def steps(h: Harness, pilot: Any) -> None:
        await press(pilot, "l")

    shoot(snap_compare, make_harness(), LearnScreen, steps)


@pytest.mark.parametrize("size", [(60, 20), SIZE], ids=["60x20", "80x24"])
async def test_the_rest_card_fits_whole_with_its_countdown(make_harness: Any, size: tuple[int, int]) -> None:
    """A card at every length bound, so any card that passes the checks fits."""
    longest = Card(
        "longest",
        "T" * MAX_TITLE,
        ("Walking is good for backs. " * 20)[: MAX_TEXT - 1].rsplit(" ", 1)[0] + ".",
        ("Someone et al. 2020, " * 10)[:MAX_SOURCE],
    )
    cards = [longest, *shipped_cards()]
    assert MAX_TEXT - 10 <= len(longest.text) <= MAX_TEXT and len(longest.source) == MAX_SOURCE
    h = make_harness(programs=[rests_program()])
    h.app.services.load_cards = lambda: tuple(cards)
    async with h.app.run_test(size=size) as pilot:
        await settle(pilot)
        await to_first_rest(h, pilot)
        screen = h.app.screen
        assert cards[0].title in (card_shown(screen) or "")
        card, countdown = screen.query_one("#card"), screen.query_one("#countdown")
        assert card_shown(screen) is not None and countdown.display
        assert card.region.height == card.outer_size.height  # laid out whole
        assert card.region.bottom <= screen.query_one(KeyBar).region.y
        assert countdown.region.bottom <= card.region.y
