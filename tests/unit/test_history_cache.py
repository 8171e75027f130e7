"""The app's history cache: every change bumps the version and is announced,
and the History view prepared at start-up holds only for its version and day."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from factories import past_session

from backcoach.coach import history as history_module
from backcoach.coach.history import HistoryView, build_view
from backcoach.tui.history.cache import HistoryCache, prepare_view

DAY = date(2026, 3, 30)
NEXT_DAY = date(2026, 3, 31)


def view_of(sessions: list[dict[str, Any]], today: date = DAY) -> HistoryView:
    return build_view(sessions, today, {})


def announced() -> tuple[HistoryCache, list[int]]:
    """A cache and the versions its ``on_change`` saw, in order."""
    seen: list[int] = []
    cache = HistoryCache(on_change=lambda c: seen.append(c.version))
    return cache, seen


def test_an_unread_cache_has_no_sessions_and_ignores_appends() -> None:
    cache, seen = announced()
    assert not cache.loaded and cache.sessions is None and cache.version == 0
    cache.append(past_session(DAY))  # filed before the read: the read will bring it
    assert cache.sessions is None and cache.version == 0 and seen == []


def test_every_change_bumps_the_version_and_is_announced() -> None:
    cache, seen = announced()
    assert cache.load([]) == 1
    cache.append(past_session(DAY))
    assert cache.version == 2
    assert cache.offer_view(2, DAY, view_of(cache.sessions or []))
    assert cache.version == 3
    assert seen == [1, 2, 3]
    assert cache.loaded and len(cache.sessions or []) == 1


def test_the_prepared_view_holds_for_its_version_and_day() -> None:
    cache, _ = announced()
    sessions = [past_session(DAY)]
    version = cache.load(sessions)
    view = view_of(sessions)
    assert cache.prepared_view(DAY) is None  # nothing prepared yet
    assert cache.offer_view(version, DAY, view)
    assert cache.prepared_view(DAY) is view
    assert cache.prepared_view(NEXT_DAY) is None  # a new day: the streak may have changed


def test_an_append_makes_the_prepared_view_stale() -> None:
    cache, _ = announced()
    version = cache.load([past_session(DAY)])
    cache.offer_view(version, DAY, view_of(cache.sessions or []))
    cache.append(past_session(DAY))
    assert cache.prepared_view(DAY) is None


def test_a_view_made_from_an_older_version_is_refused_but_still_announced() -> None:
    """A History screen waiting for the app's view must hear that it will not come."""
    cache, seen = announced()
    cache.preparing = True
    version = cache.load([past_session(DAY)])
    cache.append(past_session(DAY))  # while the view was being computed
    assert not cache.offer_view(version, DAY, view_of([past_session(DAY)]))
    assert cache.prepared_view(DAY) is None
    assert not cache.preparing
    assert seen == [1, 2, 3]


def test_nothing_is_prepared_for_an_empty_history_or_a_failure() -> None:
    assert prepare_view([], DAY, {}) is None
    prepared = prepare_view([past_session(DAY)], DAY, {})
    assert prepared is not None and len(prepared.newest) == 1


def test_a_failure_to_prepare_leaves_it_to_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The History screen computes the view itself, and reports the error in one sentence."""

    def broken(*_args: object) -> HistoryView:
        raise ValueError("bad row")

    monkeypatch.setattr(history_module, "build_view", broken)
    assert prepare_view([past_session(DAY)], DAY, {}) is None
