"""The Markdown history report: something a patient can send to a physio.

It is plain Markdown (headings, short lists, pipe tables) so it reads well
as text in an email and renders as tables anywhere Markdown does. The
numbers come from :func:`backcoach.coach.period.period_summary`; this module
only lays them out, so the store never depends on the coach at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.coach.words import plural

if TYPE_CHECKING:
    from backcoach.coach.pain_trend import PainTrend
    from backcoach.coach.period import PeriodSummary

STATUS_ORDER = (
    ("completed", "completed"),
    ("ended_early", "ended early"),
    ("stopped_pain", "stopped for pain"),
    ("stopped_safety", "stopped at the safety check"),
    ("interrupted", "interrupted"),
)


def _cell(value: object) -> str:
    """Table-safe text: pipes escaped, no line breaks."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _hours(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _trend_lines(trend: PainTrend | None, label: str) -> list[str]:
    if trend is None:
        return [f"- {label}: no scores in this period."]
    values = trend.values
    line = (
        f"- {trend.reading()}. Start {trend.start}, end {trend.end}, change {trend.change:+d}; "
        f"lowest {min(values)}, highest {max(values)}, {plural(len(values), 'score')}."
    )
    if trend.marker is not None:
        line += f" The {trend.marker_text()}."
    return [line]


def markdown_report(summary: PeriodSummary) -> str:
    s = summary
    out = [
        "# backcoach history report",
        "",
        f"Period: {s.start.isoformat()} to {s.end.isoformat()} ({plural(s.days, 'day')}).",
        "Pain is on the 0-10 scale; a change of 2 points or more is one that matters.",
        "",
        "## Summary",
        "",
    ]
    statuses = [
        f"{s.by_status[key]} {words}" for key, words in STATUS_ORDER if s.by_status.get(key)
    ]
    sessions_text = plural(s.sessions, "session")
    if statuses:
        sessions_text += f" ({', '.join(statuses)})"
    if s.demos:
        sessions_text += f"; {plural(s.demos, 'demo')}, not counted"
    weekly_goal = (
        f"weeks with {s.weekly_target} or more days ({s.weekly_program})"
        if s.weekly_program
        else "weeks with at least one session"
    )
    out += _table(
        ("Measure", "Value"),
        [
            ("Sessions", sessions_text),
            ("Days with a session that counts", s.active_days),
            ("Time moving", _hours(s.active_minutes)),
            ("Current streak (as of the end date)", plural(s.current_streak, "day")),
            ("Longest streak", plural(s.longest_streak, "day")),
            (f"Weekly streak: {weekly_goal}", f"{s.weekly_current} now, longest {s.weekly_longest}"),
        ],
    )
    out += ["", "A day counts when it has a completed or ended-early session that is not a demo.", ""]

    out += ["## Adherence to the plan", ""]
    if s.adherence:
        out += _table(
            ("Program", "Planned days a week", "Planned days", "Days done", "Adherence"),
            [
                (a.program_name, a.days_per_week, a.planned_days, a.done_days, f"{a.percent}%")
                for a in s.adherence
            ],
        )
    else:
        out.append("No program with planned days per week was used in this period.")
    out.append("")

    out += ["## Pain", ""]
    out += _trend_lines(s.checkin, "Check-in pain")
    out += _trend_lines(s.final, "Last pain check")
    out.append("")
    if s.pain_table:
        first = "Week" if s.pain_table_by == "week" else "Month"
        out += _table(
            (first, "Sessions", "Check-in pain (average)", "Last pain check (average)"),
            [(row.label, row.sessions, _score(row.checkin), _score(row.final)) for row in s.pain_table],
        )
        out.append("")

    out += ["## Dose changes by the adaptive coach", ""]
    if s.dose_rows:
        out += _table(
            ("Started", "Program", "Drill", "Planned", "Done", "Change", "Why"),
            [
                (
                    row.when,
                    row.program_name,
                    row.drill.name,
                    row.drill.planned or "-",
                    row.drill.done or "-",
                    row.drill.change,
                    "; ".join(f"{text} [{rule}]" if rule else text for text, rule in row.drill.why) or "-",
                )
                for row in s.dose_rows
            ],
        )
    else:
        out.append("No dose was changed or held back by the adaptive coach in this period.")
    out.append("")

    out += ["## Sessions", ""]
    if s.rows:
        out += _table(
            ("Started", "Program", "Status", "Drills done", "Minutes moving", "Check-in pain", "Last pain check"),
            [
                (
                    row.when,
                    row.program_name,
                    row.status + (" (demo, not counted)" if row.demo else ""),
                    f"{row.drills_done} of {row.drills_total}",
                    row.minutes,
                    "-" if row.checkin is None else row.checkin,
                    "-" if row.final is None else row.final,
                )
                for row in s.rows
            ],
        )
    else:
        out.append("No sessions in this period.")
    out.append("")
    return "\n".join(out)
