"""The Markdown report (``backcoach report``, ``history export --format md``):
something a patient can send to a physio, read at the follow-up.

It is plain Markdown (headings, short lists, pipe tables) so it reads well
as text in an email and renders as tables anywhere Markdown does. Its order
is the physio's: who and what, then each drill, then check-ins, safety
stops and program changes, then the totals and every session. The numbers
come from :func:`backcoach.coach.period.period_summary`; this module only
lays them out, so the store never depends on the coach at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.coach.words import plural

if TYPE_CHECKING:
    from collections.abc import Sequence

    from backcoach.coach.adherence import Adherence
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


def _table(header: tuple[str, ...], rows: Sequence[Sequence[object]]) -> list[str]:
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


def minutes_text(seconds: float) -> str:
    """Active time: "45 s" under a minute, else whole minutes ("12 min", "1 h 5 min")."""
    if seconds < 60:
        return f"{round(seconds)} s"
    return _hours(round(seconds / 60))


def markdown_report(summary: PeriodSummary) -> str:
    s = summary
    out = [
        "# backcoach history report",
        "",
        f"Period: {s.start.isoformat()} to {s.end.isoformat()} ({plural(s.days, 'day')}).",
        "Pain is on the 0-10 scale; a change of 2 points or more is one that matters.",
        "",
    ]
    out += _who_and_what(s)
    out += _per_drill(s)
    out += _check_ins(s)
    out += _safety(s)
    out += _changes(s)
    out += ["## Summary", ""]
    out += _table(("Measure", "Value"), summary_rows(s))
    out += ["", COUNTS_NOTE, ""]

    out += ["## Pain", ""]
    out += _trend_lines(s.checkin, "Check-in pain")
    out += _trend_lines(s.final, "Last pain check")
    out.append("")
    if s.pain_table:
        first = "Week" if s.pain_table_by == "week" else "Month"
        out += _table((first, *PAIN_TABLE_HEADER), pain_table_rows(s))
        out.append("")

    out += ["## Sessions", ""]
    if s.rows:
        out += _table(SESSION_HEADER, session_table_rows(s))
    else:
        out.append("No sessions in this period.")
    out.append("")
    return "\n".join(out)


def adherence_rows(adherence: Sequence[Adherence]) -> list[tuple[object, ...]]:
    """The adherence table's rows (also the HTML page's)."""
    return [
        (a.program_name, a.start.isoformat(), a.days_per_week, a.planned_days, a.done_days, f"{a.percent}%",
         a.others_words or "-")
        for a in adherence
    ]


ADHERENCE_HEADER = ("Program", "Measured from", "Planned days a week", "Planned days", "Days done", "Adherence",
                    "Other programs")
ADHERENCE_NOTE = (
    "A program is measured from its first session (or the start of the period); in any one week at most "
    "its planned days count, so adherence never exceeds 100%."
)


def recent_adherence_line(s: PeriodSummary) -> str:
    """The History screen's Overview line, word for word."""
    return "Plan, last 4 weeks: " + "  ·  ".join(a.words for a in s.recent_adherence)


def people_lines(s: PeriodSummary) -> list[str]:
    lines = []
    for name, meta in s.people:
        parts = [f"for {meta.patient}" if meta.patient else "", f"set by {meta.clinician}" if meta.clinician else "",
                 f"review on {meta.review_on.isoformat()}" if meta.review_on else ""]
        lines.append(f"{name}: " + ", ".join(p for p in parts if p) + ".")
    return lines


def program_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    return [
        (
            use.name,
            use.sessions,
            use.first.isoformat() if use.first else "-",
            use.last.isoformat() if use.last else "-",
            "not recorded" if use.locked is None else ("yes" if use.locked else "no"),
        )
        for use in s.programs
    ]


PROGRAM_HEADER = ("Program", "Sessions", "First", "Last", "Locked (last session)")


def _who_and_what(s: PeriodSummary) -> list[str]:
    out = ["## Who and what", ""]
    out += [f"- {line}" for line in people_lines(s)]
    if s.people:
        out.append("")
    if s.programs:
        out += _table(PROGRAM_HEADER, program_rows(s))
    else:
        out.append("No sessions in this period.")
    out += ["", "### Days planned and done", ""]
    if s.adherence:
        out += _table(ADHERENCE_HEADER, adherence_rows(s.adherence))
        out += ["", ADHERENCE_NOTE]
    else:
        out.append("No program with planned days per week was used in this period.")
    if s.recent_adherence:
        out += ["", f"{recent_adherence_line(s)} (as the History screen shows it)."]
    return out + [""]


DRILL_HEADER = ("Drill", "Prescribed", "Done", "Partly done", "Done easier", "Skipped (why)", "Left out by the plan",
                "Pain at its checks", "Too easy / about right / too hard", "Active time", "Leg spreads",
                "Dose changes (below)")


def drill_table_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    return [
        (d.name, d.prescribed, d.done, d.partial, d.easier_words(), d.skipped_words(), d.left_out, d.pain_words(),
         d.ratings_words(), minutes_text(d.active_seconds), d.leg_spreads, len(d.changes))
        for d in s.drills
    ]


DRILL_NOTE = (
    "Prescribed: sessions whose plan reached the drill. Skipped for pain: at a red or stop pain check; "
    "by choice: at a green or amber check or at its start. Leg spreads: pain spreading further down a leg at "
    "its check."
)


def _per_drill(s: PeriodSummary) -> list[str]:
    out = ["## Per drill", ""]
    if not s.drills:
        return out + ["No drills in this period.", ""]
    out += _table(DRILL_HEADER, drill_table_rows(s))
    out += ["", DRILL_NOTE, "", "### Dose changes by the adaptive coach", ""]
    if s.dose_rows:
        out += _table(("Started", "Program", "Drill", "Planned", "Done", "Change", "Why"), dose_table_rows(s))
    else:
        out.append("No dose was changed or held back by the adaptive coach in this period.")
    return out + [""]


def dose_table_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    return [
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
    ]


CHECKIN_HEADER = ("Started", "Check-in pain", "Leg pain today", "Next day (since the session before)",
                  "Last pain check")


def checkin_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    def score(value: int | None) -> str:
        return "-" if value is None else str(value)

    return [
        (c.when, score(c.checkin), c.leg_today,
         c.followup if c.hours_since is None else f"{c.followup} ({c.hours_since:g} h after)", score(c.final))
        for c in s.check_ins
    ]


def _check_ins(s: PeriodSummary) -> list[str]:
    out = ["## Check-ins and next-day responses", ""]
    if not s.check_ins:
        return out + ["No check-ins in this period.", ""]
    return out + _table(CHECKIN_HEADER, checkin_rows(s)) + [""]


def _safety(s: PeriodSummary) -> list[str]:
    out = ["## Safety answers that stopped a day", ""]
    if not s.safety_blocks:
        return out + ["No daily safety check stopped a session in this period.", ""]
    rows = [(b.when, b.outcome, "; ".join(b.signs) or "-") for b in s.safety_blocks]
    return out + _table(("Started", "Advised", "Warning signs answered yes"), rows) + [""]


def change_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    return [(c.when, c.program_name, c.summary(), c.lock_words) for c in s.program_changes]


def _changes(s: PeriodSummary) -> list[str]:
    out = ["## Changes of the installed program", ""]
    if not s.program_changes:
        return out + ["No change of a program's content was recorded in this period (older sessions do not record it).",
                      ""]
    return out + _table(("First session with it", "Program", "What changed", "Now"), change_rows(s)) + [""]


COUNTS_NOTE = "A day counts when it has a completed or ended-early session that is not a demo."
PAIN_TABLE_HEADER = ("Sessions", "Check-in pain (average)", "Last pain check (average)")
SESSION_HEADER = ("Started", "Program", "Status", "Drills done", "Minutes moving", "Check-in pain", "Last pain check")


def summary_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    statuses = [f"{s.by_status[key]} {words}" for key, words in STATUS_ORDER if s.by_status.get(key)]
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
    return [
        ("Sessions", sessions_text),
        ("Days with a session that counts", s.active_days),
        ("Time moving", _hours(s.active_minutes)),
        ("Current streak (as of the end date)", plural(s.current_streak, "day")),
        ("Longest streak", plural(s.longest_streak, "day")),
        (f"Weekly streak: {weekly_goal}", f"{s.weekly_current} now, longest {s.weekly_longest}"),
    ]


def pain_table_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    return [(row.label, row.sessions, _score(row.checkin), _score(row.final)) for row in s.pain_table]


def session_table_rows(s: PeriodSummary) -> list[tuple[object, ...]]:
    return [
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
    ]


def trend_lines(s: PeriodSummary) -> list[str]:
    """The pain trend as sentences (without list marks), check-in first."""
    return [line[2:] for line in _trend_lines(s.checkin, "Check-in pain") + _trend_lines(s.final, "Last pain check")]
