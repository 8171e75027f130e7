"""The report as one self-contained HTML page (``backcoach report --format html``).

The same sections and numbers as the Markdown report (the rows come from
:mod:`backcoach.store.report`, so the two never disagree), plus the pain
trend drawn as an inline SVG chart. One file to email or print: the style
is inline, the chart is inline, nothing is fetched (no script, no link, no
image file, no web font: a generic ``sans-serif`` face, so it looks the
same on any machine). Every text is escaped: a program or drill name can
hold anything. The markup is also well-formed XML, so it can be checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from backcoach.coach.period import PeriodSummary
from backcoach.coach.words import plural
from backcoach.reports.pain_svg import Series, pain_chart
from backcoach.store import report as md

CSS = """
body { font-family: sans-serif; font-size: 14px; line-height: 1.4; color: #1a1a1a; background: #fff;
       margin: 24px; max-width: 940px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #1a1a1a; padding-bottom: 2px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.period { margin: 0 0 4px; font-size: 15px; }
p.note, p.scale { color: #444; font-size: 12.5px; margin: 6px 0; }
table { border-collapse: collapse; margin: 4px 0; width: 100%; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; font-size: 13px; }
td:first-child { white-space: nowrap; }
th { background: #eee; font-weight: bold; }
td.num, th.num { text-align: right; }
ul { margin: 4px 0; padding-left: 20px; }
svg.pain-chart { max-width: 100%; height: auto; font-family: sans-serif; font-size: 12px; }
svg.pain-chart text.band { font-weight: bold; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""

NUMBER = re.compile(r"\d+(\.\d+)?%?")
#: Colours of the two pain lines (dark enough on every band's tint; one is dashed, so not by colour alone).
CHECKIN_COLOUR = "#1f4e8c"
FINAL_COLOUR = "#222222"


def _numeric_columns(rows: Sequence[Sequence[object]]) -> set[int]:
    """Columns of counts, scores and percentages (a "-" for none among them), set right-aligned."""
    found = set()
    for column in range(max((len(row) for row in rows), default=0)):
        cells = [str(row[column]) for row in rows if column < len(row)]
        if any(c != "-" for c in cells) and all(c == "-" or NUMBER.fullmatch(c) for c in cells):
            found.add(column)
    return found


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    numeric = _numeric_columns(rows)

    def cell(tag: str, column: int, value: object) -> str:
        attr = ' class="num"' if column in numeric else ""
        return f"<{tag}{attr}>{escape(str(value))}</{tag}>"

    out = ["<table>", "<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(header)) + "</tr></thead>"]
    out.append("<tbody>")
    out += ["<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows]
    return out + ["</tbody>", "</table>"]


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


def _h(level: int, text: str) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def _section(title: str, rows: Sequence[Sequence[object]], header: Sequence[str], empty: str) -> list[str]:
    return [_h(2, title), *(_table(header, rows) if rows else [_p(empty)])]


def html_report(summary: PeriodSummary) -> str:
    """The whole page, from the same summary as the Markdown report."""
    s = summary
    body = [
        _h(1, "backcoach report"),
        _p(f"Period: {s.start.isoformat()} to {s.end.isoformat()} ({plural(s.days, 'day')}).", "period"),
        _p("Pain is on the 0-10 scale; a change of 2 points or more is one that matters.", "scale"),
    ]
    body += _who_and_what(s)
    body += [_h(2, "Pain trend"), _chart(s)]
    body.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in md.trend_lines(s)) + "</ul>")
    body += _section("Per drill", md.drill_table_rows(s), md.DRILL_HEADER, "No drills in this period.")
    if s.drills:
        body.append(_p(md.DRILL_NOTE, "note"))
    body.append(_h(3, "Dose changes by the adaptive coach"))
    body += (
        _table(("Started", "Program", "Drill", "Planned", "Done", "Change", "Why"), md.dose_table_rows(s))
        if s.dose_rows
        else [_p("No dose was changed or held back by the adaptive coach in this period.")]
    )
    body += _section(
        "Check-ins and next-day responses", md.checkin_rows(s), md.CHECKIN_HEADER, "No check-ins in this period."
    )
    safety = [(b.when, b.outcome, "; ".join(b.signs) or "-") for b in s.safety_blocks]
    body += _section(
        "Safety answers that stopped a day",
        safety,
        ("Started", "Advised", "Warning signs answered yes"),
        "No daily safety check stopped a session in this period.",
    )
    body += _section(
        "Changes of the installed program",
        md.change_rows(s),
        ("First session with it", "Program", "What changed", "Now"),
        "No change of a program's content was recorded in this period (older sessions do not record it).",
    )
    body += [_h(2, "Summary"), *_table(("Measure", "Value"), md.summary_rows(s)), _p(md.COUNTS_NOTE, "note")]
    if s.pain_table:
        first = "Week" if s.pain_table_by == "week" else "Month"
        body += [_h(3, "Pain by " + s.pain_table_by), *_table((first, *md.PAIN_TABLE_HEADER), md.pain_table_rows(s))]
    body += _section("Sessions", md.session_table_rows(s), md.SESSION_HEADER, "No sessions in this period.")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>backcoach report {escape(s.start.isoformat())} to {escape(s.end.isoformat())}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _who_and_what(s: PeriodSummary) -> list[str]:
    out = [_h(2, "Who and what")]
    people = md.people_lines(s)
    if people:
        out.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in people) + "</ul>")
    out += _table(md.PROGRAM_HEADER, md.program_rows(s)) if s.programs else [_p("No sessions in this period.")]
    out.append(_h(3, "Days planned and done"))
    if s.adherence:
        out += _table(md.ADHERENCE_HEADER, md.adherence_rows(s.adherence))
        out.append(_p(md.ADHERENCE_NOTE, "note"))
    else:
        out.append(_p("No program with planned days per week was used in this period."))
    if s.recent_adherence:
        out.append(_p(f"{md.recent_adherence_line(s)} (as the History screen shows it).", "note"))
    return out


def _chart(s: PeriodSummary) -> str:
    checkin, final = s.checkin_points, s.final_points
    if not checkin and not final:
        return _p("No pain scores in this period.")
    return pain_chart(
        [
            Series("check-in pain", checkin, CHECKIN_COLOUR),
            Series("last pain check", final, FINAL_COLOUR, dashed=True),
        ],
        s.start,
        s.end,
        f"Pain from {s.start.isoformat()} to {s.end.isoformat()}, on the 0-10 scale, with the pain check's bands",
    )
