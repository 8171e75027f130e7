"""The handout as Markdown: the same outline as the printed page, for a screen or an e-mail.

Markdown has no figure: each drill's start and end positions are said in
words instead (the old ASCII drawings are gone). Every piece of text that
came from a file or the command line is neutralised first, so a program's
name can never become a link, a heading or a list.
"""

from __future__ import annotations

import re

from backcoach.reports.handout_days import day_label
from backcoach.reports.handout_outline import (
    DISCLAIMER,
    LOCKED_NOTE,
    SAFETY_INTRO,
    STOP_INTRO,
    DrillCard,
    Sheet,
    given_line,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_BLOCK_START = re.compile(r"^([#+=-])")
_MD_ORDERED_START = re.compile(r"^(\d+)([.)])")
#: An empty box to tick, in the chart.
BOX = "☐"


def _md(text: str) -> str:
    """Text that stays text in any Markdown renderer (no links, tags or emphasis)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    escaped = _MD_BLOCK_START.sub(r"\\\1", escaped)
    return _MD_ORDERED_START.sub(r"\1\\\2", escaped)


def markdown_sheet(sheet: Sheet) -> str:
    out = [f"# {_md(sheet.title)}", ""]
    # A sheet without a name leaves a line to write it on.
    out += [f"**For:** {_md(sheet.patient) if sheet.patient else '_' * 24}", ""]
    out += [_md(given_line(sheet)) + ("" if not sheet.clinician else f"; set by {_md(sheet.clinician)}"), ""]
    for paragraph in sheet.paragraphs:
        out += [_md(paragraph), ""]
    out += [f"- {_md(fact)}" for fact in (*sheet.facts, sheet.equipment)] + [""]
    if sheet.locked:
        out += [f"> **Locked doses.** {_md(LOCKED_NOTE)}", ""]
    out += _chart(sheet)
    out += ["## Your drills", ""]
    for number, drill in enumerate(sheet.drills, start=1):
        out += _drill(number, drill)
    out += ["## Safety check before you start", "", SAFETY_INTRO, ""]
    for heading, signs, advice in sheet.safety:
        out += [f"**{heading}**", ""] + [f"- {_md(sign)}" for sign in signs] + ["", advice, ""]
    out += ["## When to ease off or stop", "", STOP_INTRO, ""]
    out += ["| pain (0-10) | band | what to do |", "| --- | --- | --- |"]
    out += [f"| {scores} | {band.value} | {advice} |" for scores, band, advice in sheet.bands]
    out += [""] + [f"- {rule}" for rule in sheet.stop_rules] + ["", "---", "", f"*{DISCLAIMER}*", ""]
    return "\n".join(out)


def _chart(sheet: Sheet) -> list[str]:
    chart = sheet.chart
    out = ["## Tick a box each day you exercise", "", f"Aim: {chart.aim} each week.", ""]
    out += ["| week | " + " | ".join(f"day {n}" for n in range(1, 8)) + " | done |", "| --- " * 9 + "|"]
    for number, days in enumerate(chart.weeks, start=1):
        cells = [f"{day_label(day)} {BOX}" + (" review" if day == chart.review_on else "") for day in days]
        out.append(f"| {number} | " + " | ".join(cells) + f" | __ of {chart.per_week} |")
    return out + [""]


def _drill(number: int, drill: DrillCard) -> list[str]:
    out = [f"### {number}. {_md(drill.name)}", "", f"**Position:** {_md(drill.positions)}", ""]
    out += [_md(drill.purpose), "", f"**Dose:** {_md(drill.dose)}", ""]
    breathing = f"{drill.breathing_cue} {drill.tempo}." if drill.tempo else drill.breathing_cue
    out += [f"**Breathing:** {_md(breathing)}", ""]
    out += ["**How to do it:**", ""] + [f"- {_md(cue)}" for cue in drill.cues] + [""]
    if drill.cautions:
        out += ["**Take care:**", ""] + [f"- {_md(c)}" for c in drill.cautions] + [""]
    if drill.easier:
        out += [f"**Easier version:** {_md(drill.easier)}", ""]
    return out
