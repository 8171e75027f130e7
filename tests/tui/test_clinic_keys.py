"""The clinic's keys as a physio meets them: tab never lands out of sight,
the key bar stays while the filter is typed, and a demo's way out says "End demo"."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import settle
from test_session_flows import start_short
from textual.geometry import Region
from textual.widget import Widget

from backcoach.coach.plan import READY_SECONDS
from backcoach.tui.clinic.browser import ClinicScreen
from backcoach.tui.clinic.demo import DemoRunner
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.widgets.key_bar import KeyBar

#: Wide, the usual laptop, narrow, and narrower than the category line plus a filter.
SIZES = [(120, 40), (80, 24), (60, 20), (50, 14), (40, 12), (30, 10)]


async def open_clinic(h: Any, pilot: Any) -> ClinicScreen:
    await h.app.workers.wait_for_complete()
    await pilot.press("c")
    await settle(pilot)
    screen = h.app.screen
    assert isinstance(screen, ClinicScreen)
    return screen


def visible_region(widget: Widget) -> Region:
    """What of ``widget`` is on the screen: its region clipped by every container above it."""
    region = widget.region
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget):
            region = region.intersection(ancestor.region)
    return region


def bar_text(screen: Any) -> str:
    return str(screen.query_one(KeyBar).render())


async def assert_tab_stays_in_sight(pilot: Any, screen: Any, presses: int) -> list[str]:
    """Press tab ``presses`` times; every focused widget is displayed, on the screen, not empty."""
    seen: list[str] = []
    for _ in range(presses):
        await pilot.press("tab")
        await settle(pilot)
        focused = screen.focused
        if focused is None:
            continue
        seen.append(focused.id or type(focused).__name__)
        assert focused.display and focused.visible, f"{focused} is hidden"
        shown = visible_region(focused)
        assert shown.width > 0 and shown.height > 0, f"{focused} has no room on screen: {shown}"
    return seen


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_tab_in_the_clinic_only_focuses_what_is_shown(make_harness: Any, size: tuple[int, int]) -> None:
    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        screen = await open_clinic(h, pilot)
        seen = await assert_tab_stays_in_sight(pilot, screen, 7)
        assert {"drills", "filter", "preview"} <= set(seen)
        # With nothing matching, the figure and chain are hidden: tab still lands in sight.
        await pilot.press("slash", *"zzzz")
        await settle(pilot)
        assert screen.shown == []
        await assert_tab_stays_in_sight(pilot, screen, 7)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
async def test_tab_in_a_demo_only_focuses_what_is_shown(make_harness: Any, size: tuple[int, int]) -> None:
    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)
        await assert_tab_stays_in_sight(pilot, h.app.screen, 4)
        h.clock.advance(READY_SECONDS + 1)
        h.app.runner.tick()
        await settle(pilot)
        assert isinstance(h.app.screen, DrillScreen)
        await assert_tab_stays_in_sight(pilot, h.app.screen, 4)


@pytest.mark.parametrize(("size", "cramped"), [((40, 12), True), ((80, 24), False)], ids=["40x12", "80x24"])
async def test_the_filter_goes_under_the_category_when_cramped(
    make_harness: Any, size: tuple[int, int], cramped: bool
) -> None:
    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        screen = await open_clinic(h, pilot)
        assert screen.has_class("-cramped") is cramped
        category = screen.query_one("#category").region
        field = screen.query_one("#filter").region
        if cramped:
            assert (field.y, field.x) == (category.y + 1, category.x)
        else:
            assert field.y == category.y and field.x > category.right - 1
        assert field.right <= size[0] and field.width >= 10


async def test_the_focused_preview_is_marked(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await open_clinic(h, pilot)
        preview = screen.query_one("#preview")
        before = preview.rich_style.bgcolor
        preview.focus()
        await settle(pilot)
        assert screen.focused is preview
        assert preview.rich_style.bgcolor != before


async def test_the_key_bar_stays_while_the_filter_is_typed(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await open_clinic(h, pilot)
        assert "/ Filter" in bar_text(screen)
        await pilot.press("slash")
        await settle(pilot)
        assert bar_text(screen).split() == ["↓", "List", "⏎", "Done"]
        await pilot.press(*"plank")
        await settle(pilot)
        assert bar_text(screen).split() == ["↓", "List", "⏎", "Done"]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is screen.query_one("#drills")
        assert "/ Filter" in bar_text(screen) and "Demo" in bar_text(screen)


async def test_a_demo_key_bar_says_end_demo(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(80, 24)) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.runner, DemoRunner)
        for screen_type in (IntroScreen, DrillScreen):
            screen = h.app.screen
            assert isinstance(screen, screen_type)
            bar = bar_text(screen)
            assert "q End demo" in bar
            assert "End session" not in bar and "Back" not in bar and "Quit" not in bar
            h.clock.advance(READY_SECONDS + 1)
            h.app.runner.tick()
            await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert h.app.runner is None


async def test_a_real_session_key_bar_still_says_end_session(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(80, 24)) as pilot:
        await h.app.workers.wait_for_complete()
        await start_short(h, pilot)
        assert h.app.runner is not None and not h.app.runner.is_demo
        assert isinstance(h.app.screen, IntroScreen)
        assert "q End session" in bar_text(h.app.screen)
        assert "End demo" not in bar_text(h.app.screen)


async def test_a_skipped_program_notice_shows_its_brackets(make_harness: Any) -> None:
    """A TOML message names [sections]; as markup they would vanish from the toast."""
    from textual.widgets._toast import Toast

    h = make_harness()
    notice = "Skipped an imported program: anna.toml: line 3: [profile] appears twice (lines 1 and 3)"
    h.app.services.notices.append(notice)
    async with h.app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        shown = [str(toast.render()) for toast in h.app.screen.query(Toast)]
        assert any("[profile] appears twice (lines 1 and 3)" in text for text in shown), shown
