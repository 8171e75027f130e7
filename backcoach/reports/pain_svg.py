"""The pain trend as an inline SVG chart, for the HTML report.

The axis is always 0-10 (the numeric rating scale), so two reports side by
side read alike and a small change never looks like a cliff. Behind the
points lie the pain check's bands (``coach.pain.band_for_score``: green, amber,
red, stop), each named in words at the right edge as well as tinted, so the
chart also reads in black and white. Dates run along the bottom. Every text
is escaped; the SVG is plain markup, no script, no external file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from backcoach.coach.pain import MAX_SCORE, MIN_SCORE, Band, band_for_score

WIDTH, HEIGHT = 880, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 64, 16, 44
BAND_TINT = {Band.GREEN: "#e3f1e4", Band.AMBER: "#fdf0dc", Band.RED: "#fbe1e1", Band.STOP: "#ecdff0"}
BAND_INK = {Band.GREEN: "#2e6b31", Band.AMBER: "#8a5a00", Band.RED: "#a12525", Band.STOP: "#5b2a6e"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[date, int]]  # in time order
    colour: str
    dashed: bool = False


def band_spans() -> list[tuple[Band, int, int]]:
    """``(band, lowest score, highest score)`` of each band, from the pain check's own rule."""
    spans: list[tuple[Band, int, int]] = []
    for score in range(MIN_SCORE, MAX_SCORE + 1):
        band = band_for_score(score)
        if spans and spans[-1][0] is band:
            spans[-1] = (band, spans[-1][1], score)
        else:
            spans.append((band, score, score))
    return spans


def _y(score: float) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + (MAX_SCORE - score) / (MAX_SCORE - MIN_SCORE) * plot


def _x(day: date, start: date, end: date) -> float:
    plot = WIDTH - LEFT - RIGHT
    span = (end - start).days
    if span <= 0:
        return LEFT + plot / 2
    return LEFT + (day - start).days / span * plot


def _date_ticks(start: date, end: date, most: int = 6) -> list[date]:
    span = (end - start).days
    if span <= 0:
        return [start]
    count = min(most, span + 1)
    days = sorted({start.toordinal() + round(i * span / (count - 1)) for i in range(count)})
    return [date.fromordinal(d) for d in days]


def _day_label(day: date, with_year: bool) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def pain_chart(series: Sequence[Series], start: date, end: date, title: str) -> str:
    """The chart as one ``<svg>`` element (``start``..``end`` on x, 0-10 on y)."""
    out = [
        # No xmlns: inline in HTML it is not needed, and the page names no web address at all.
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(title)}" class="pain-chart">',
        f"<title>{escape(title)}</title>",
    ]
    right = WIDTH - RIGHT
    for band, low, high in band_spans():
        top, bottom = _y(min(MAX_SCORE, high + 0.5)), _y(max(MIN_SCORE, low - 0.5))
        out.append(
            f'<rect x="{LEFT}" y="{top:.1f}" width="{right - LEFT}" height="{bottom - top:.1f}" '
            f'fill="{BAND_TINT[band]}"/>'
        )
        out.append(
            f'<text x="{right + 6}" y="{(top + bottom) / 2 + 4:.1f}" fill="{BAND_INK[band]}" '
            f'class="band">{escape(band.value)} {low}-{high}</text>'
        )
        if low > MIN_SCORE:  # the line between this band and the one below
            out.append(
                f'<line x1="{LEFT}" x2="{right}" y1="{bottom:.1f}" y2="{bottom:.1f}" stroke="{BAND_INK[band]}" '
                'stroke-width="1.5" stroke-dasharray="6 4"/>'
            )
    for score in range(MIN_SCORE, MAX_SCORE + 1, 2):
        y = _y(score)
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{score}</text>')
    out.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>'
        f'<line x1="{LEFT}" x2="{right}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>'
    )
    ticks = _date_ticks(start, end)
    with_year = start.year != end.year
    for day in ticks:
        x = _x(day, start, end)
        anchor = "start" if day == start and len(ticks) > 1 else "end" if day == end and len(ticks) > 1 else "middle"
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM + 5}" stroke="#333"/>')
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="{anchor}">'
            f"{escape(_day_label(day, with_year))}</text>"
        )
    for line in series:
        points = [(_x(day, start, end), _y(score)) for day, score in line.points]
        if len(points) > 1:
            dash = ' stroke-dasharray="8 5"' if line.dashed else ""
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{line.colour}" stroke-width="2.5"{dash}/>')
        for x, y in points:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{line.colour}"/>')
    out.append(_legend(series))
    out.append("</svg>")
    return "\n".join(out)


def _legend(series: Sequence[Series]) -> str:
    parts = []
    x = LEFT
    y = HEIGHT - 8
    for line in series:
        dash = ' stroke-dasharray="8 5"' if line.dashed else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 28}" y1="{y - 4}" y2="{y - 4}" stroke="{line.colour}" stroke-width="2.5"{dash}/>'
            f'<text x="{x + 34}" y="{y}">{escape(line.label)}</text>'
        )
        x += 60 + 8 * len(line.label)
    return "".join(parts)
