"""The pain trend: where pain started, where it is now, and whether the change
matters.

On the 0-10 scale a change of 2 points is the smallest one that matters to
a person (DESIGN.md), so the reading says whether the trend crossed it and
the chart marks the first session that did. One bad day should not decide
the reading, so with six or more scores the start and the end are the
medians of the first three and of the last three.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median_low

from backcoach.coach.words import plural

#: The smallest change on the 0-10 scale that matters.
MATTERS = 2
SMOOTH_FROM = 6


def span_text(days: int) -> str:
    """A time span in the unit a person would use: days, weeks, months, years."""
    if days <= 0:
        return "the same day"
    if days < 14:
        return plural(days, "day")
    if days < 112:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    return f"{round(days / 365.25)} years"


def column_ranges(count: int, width: int) -> list[tuple[int, int]]:
    """For each of ``width`` chart columns, the slice of ``count`` points it shows.

    More points than columns: each column averages a run of points. Fewer:
    each point is stretched over several columns.
    """
    ranges = []
    for column in range(width):
        lo = column * count // width
        hi = max(lo + 1, (column + 1) * count // width)
        ranges.append((lo, min(hi, count)))
    return ranges


@dataclass(frozen=True)
class PainTrend:
    label: str  # "check-in pain"
    points: tuple[tuple[date, int], ...]  # time order
    start: int
    end: int
    marker: int | None  # index of the first point 2+ points from the start, when the change matters

    @property
    def change(self) -> int:
        return self.end - self.start

    @property
    def matters(self) -> bool:
        return abs(self.change) >= MATTERS

    @property
    def values(self) -> list[int]:
        return [value for _, value in self.points]

    @property
    def span_days(self) -> int:
        return (self.points[-1][0] - self.points[0][0]).days

    def reading(self) -> str:
        """One line in plain words: "check-in pain 6 -> 3 over 5 weeks: ..."."""
        if len(self.points) == 1:
            return f"{self.label} {self.start} (one session so far)"
        head = f"{self.label} {self.start} -> {self.end} over {span_text(self.span_days)}"
        change = abs(self.change)
        if change == 0:
            return f"{head}: no change"
        if not self.matters:
            return f"{head}: about the same (under {MATTERS} points)"
        direction = "better" if self.change < 0 else "worse"
        return f"{head}: {change} points {direction}, a change that matters"

    def marker_text(self) -> str:
        if self.marker is None:
            return ""
        day, value = self.points[self.marker]
        kind = "drop" if self.change < 0 else "rise"
        return f"first {MATTERS}-point {kind}: {value} on {day.day} {day:%b %Y}"

    def chart(self, width: int) -> tuple[list[float], int | None]:
        """``width`` values for a sparkline, and the marker's column (or ``None``)."""
        values = self.values
        ranges = column_ranges(len(values), width)
        series = [sum(values[lo:hi]) / (hi - lo) for lo, hi in ranges]
        column = None
        if self.marker is not None:
            column = next(c for c, (lo, hi) in enumerate(ranges) if lo <= self.marker < hi)
        return series, column


def pain_trend(points: Sequence[tuple[date, int]], label: str) -> PainTrend | None:
    """The trend of ``(day, score)`` points in time order; ``None`` without any."""
    if not points:
        return None
    values = [value for _, value in points]
    if len(values) >= SMOOTH_FROM:
        start, end = median_low(values[:3]), median_low(values[-3:])
    else:
        start, end = values[0], values[-1]
    marker = None
    if abs(end - start) >= MATTERS:
        down = end < start
        for index, value in enumerate(values):
            if (down and value <= start - MATTERS) or (not down and value >= start + MATTERS):
                marker = index
                break
    return PainTrend(label, tuple(points), start, end, marker)
