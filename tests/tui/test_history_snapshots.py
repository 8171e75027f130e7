"""SVG snapshots of the History screen at 80x24 and 120x40 (pytest-textual-snapshot).

The journal is the fixed, made-up history of ``history_fixture`` (ten weeks
of sessions before the harness's TODAY plus last summer), so the calendar,
streaks, pain chart and session list are the same on every run. Every
worker is waited for before the picture is taken.

Update after an intended change with
``pytest tests/tui/test_history_snapshots.py --snapshot-update`` and look at
the pictures.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Harness
from history_fixture import fixed_history
from textual.screen import Screen

from backcoach.tui.history.detail import SessionDetailScreen
from backcoach.tui.history.screen import HistoryScreen

SMALL = (80, 24)
LARGE = (120, 40)


def shoot(snap_compare: Any, h: Harness, size: tuple[int, int], keys: tuple[str, ...], expect: type[Screen[Any]]) -> None:
    shown: list[Screen[Any]] = []

    async def run_before(pilot: Any) -> None:
        for _ in range(2):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("h")
        for key in keys:
            for _ in range(2):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press(key)
        for _ in range(2):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        shown.append(pilot.app.screen)

    matched = snap_compare(h.app, terminal_size=size, run_before=run_before)
    assert shown and type(shown[0]) is expect, f"expected {expect.__name__}, got {shown}"
    assert matched


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_history_overview(snap_compare: Any, make_harness: Any, size: tuple[int, int]) -> None:
    shoot(snap_compare, make_harness(history=fixed_history()), size, (), HistoryScreen)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_history_sessions(snap_compare: Any, make_harness: Any, size: tuple[int, int]) -> None:
    shoot(snap_compare, make_harness(history=fixed_history()), size, ("s",), HistoryScreen)


def test_history_sessions_filtered(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(history=fixed_history()), SMALL, ("p", "p"), HistoryScreen)


def test_history_demo_session_detail(snap_compare: Any, make_harness: Any) -> None:
    keys = ("s", "down", "down", "enter")
    shoot(snap_compare, make_harness(history=fixed_history()), SMALL, keys, SessionDetailScreen)


def test_history_empty(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(), SMALL, (), HistoryScreen)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_history_drills(snap_compare: Any, make_harness: Any, size: tuple[int, int]) -> None:
    shoot(snap_compare, make_harness(history=fixed_history()), size, ("d",), HistoryScreen)
