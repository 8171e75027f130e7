"""Dates on the handout, and the tick chart of the weeks ahead.

A patient ticks a box on the fridge each day they exercise; the chart
starts on the day the sheet is given and says how many days a week the
program plans, so a glance shows whether the week is on track. Month and
day names are spelled here, not by ``strftime``, so the paper never depends
on the machine's locale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: How many weeks the chart covers: about the time to a first follow-up.
WEEKS = 4

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def date_words(day: dt.date) -> str:
    """``1 December 2026``: no order of day and month to misread."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def day_label(day: dt.date) -> str:
    """A box's label: ``Tue 1``."""
    return f"{_DAYS[day.weekday()]} {day.day}"


@dataclass(frozen=True)
class TickChart:
    """``weeks`` rows of seven days from ``start``, ``per_week`` planned in each."""

    weeks: tuple[tuple[dt.date, ...], ...]
    per_week: int
    #: The follow-up, when it falls on a day of the chart (its box says so).
    review_on: dt.date | None

    @property
    def aim(self) -> str:
        """What each row asks for, in words."""
        return "every day" if self.per_week >= 7 else f"{self.per_week} days"


def tick_chart(start: dt.date, days_per_week: int | None, review_on: dt.date | None) -> TickChart:
    """The chart from ``start``: a program without a plan of days is planned for every day."""
    per_week = days_per_week or 7
    weeks = tuple(tuple(start + dt.timedelta(days=7 * week + day) for day in range(7)) for week in range(WEEKS))
    shown = review_on if review_on is not None and weeks[0][0] <= review_on <= weeks[-1][-1] else None
    return TickChart(weeks=weeks, per_week=per_week, review_on=shown)
