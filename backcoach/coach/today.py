"""What Home and the session summary say about today and the streak.

One reading of "the streak" for every screen: Home's status line, the
summary's streak row and History's overview all count the same days
(:func:`backcoach.coach.streaks.active_days`) and say the count in the same
words, so a person never sees two numbers for one streak.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from backcoach.coach.streaks import active_days, current_streak
from backcoach.coach.words import plural

Session = Mapping[str, Any]


def streak_words(streak: int) -> str:
    """A streak as every screen says it: ``"1 day"``, ``"12 days"``."""
    return plural(streak, "day")


def streak_today(sessions: Iterable[Session], today: date) -> int:
    """The current streak in days, as of ``today`` (demos never count)."""
    return current_streak(active_days(sessions), today)


def summary_streak_line(sessions: Iterable[Session], today: date) -> str:
    """The summary's streak row, with the session just saved among ``sessions``."""
    return f"Streak         {streak_words(streak_today(sessions, today))}"


def today_status(sessions: list[dict[str, Any]], today: date) -> str:
    """Home's status line: whether today is done, and the streak."""
    if not sessions:
        return "No sessions yet. Pick a program and press enter to start."
    # Imported on first use: Home imports this module with its screen, and
    # its status line waits for the history read anyway, so start-up stays
    # lighter without the safety rules.
    from backcoach.coach.safety import SafetyToday, today_state

    days = active_days(sessions)
    streak = current_streak(days, today)
    state = today_state(sessions, today)
    if state.safety is SafetyToday.BLOCKED:
        done = "no exercise (safety check)"
    elif today in days:
        done = "done"
    elif state.pain_stop:
        done = "rest day (stopped for pain)"
    else:
        done = "not done yet"
    return f"Today: {done}   ·   Streak: {streak_words(streak)}"
