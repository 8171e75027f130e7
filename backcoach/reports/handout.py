"""A program as a sheet of paper a patient can take home.

In clinic the physiotherapist builds a program and hands it over; many
patients would rather pin a printout to the wall than read a screen on the
floor. The sheet therefore carries everything the app would have said: each
drill's figure, dose, breathing and cautions, the daily safety check, and the
pain rules for easing off or stopping.

Both formats are built from one plain outline (:class:`_Sheet`) so they can
never disagree. Program names and descriptions may come from an imported
file, so they are user text: the HTML escapes every piece of text, and the
Markdown neutralises the characters that would turn text into markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from backcoach.coach import pain
from backcoach.coach.pain_advice import band_guidance
from backcoach.coach.safety import ADVICE, DAILY_ITEMS, WAIVER_DAYS, Level, SafetyOutcome
from backcoach.coach.words import plural
from backcoach.content.describe import dose_text, equipment_text, needed_equipment
from backcoach.content.library import default_library
from backcoach.content.model import Drill, Program
from backcoach.content.tomlwrite import write_private_file
from backcoach.reports.pose_svg import drill_svg

FORMATS: tuple[str, ...] = ("md", "html")

LOCKED_NOTE = (
    "Your physiotherapist set these doses; you may always choose the easier "
    "version, never more."
)

_DISCLAIMER = (
    "This sheet is general exercise guidance and does not replace your "
    "physiotherapist or doctor. If something feels wrong, stop and ask."
)


@dataclass(frozen=True)
class _DrillSheet:
    name: str
    figure: str
    #: The start and end positions as inline SVG (HTML); the text figure stays for Markdown.
    svg: str
    purpose: str
    dose: str
    breathing_cue: str
    breaths: tuple[str, ...]
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    easier: str | None


@dataclass(frozen=True)
class _Sheet:
    title: str
    paragraphs: tuple[str, ...]
    facts: tuple[str, ...]
    locked: bool
    drills: tuple[_DrillSheet, ...]
    stop_rules: tuple[str, ...]
    #: (score range, band, advice) with the program's pain limit applied.
    bands: tuple[tuple[str, pain.Band, str], ...]


def render_handout(program: Program, fmt: str) -> str:
    """The handout for ``program`` as Markdown (``"md"``) or one HTML file (``"html"``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown handout format {fmt!r}; use one of: {', '.join(FORMATS)}")
    sheet = _outline(program)
    return _markdown(sheet) if fmt == "md" else _html(sheet)


def write_handout(program: Program, fmt: str, path: Path) -> None:
    """Render and save the handout; an ``OSError`` names ``path``, not a temp file.

    The file is replaced in one step, so a failed write never leaves half a
    sheet where an older, complete one was; like every file backcoach
    writes, it is readable by its owner only.
    """
    text = render_handout(program, fmt)
    try:
        write_private_file(Path(path), text)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from None


# -- the outline ---------------------------------------------------------------


def _outline(program: Program) -> _Sheet:
    facts = [
        f"{plural(len(program.items), 'drill')}, about {plural(program.estimated_minutes, 'minute')}",
        f"Program id: {program.id}",
    ]
    if program.days_per_week == 7:
        facts.append("Planned: every day")
    elif program.days_per_week:
        facts.append(f"Planned: {program.days_per_week} days a week")
    if program.pain_limit is not None:
        facts.append(f"Pain limit: {program.pain_limit} out of 10")
    # Said before the drills, so nobody finds out mid-session that a band is missing.
    facts.append(f"You will need: {equipment_text(needed_equipment(program.drills))}")
    return _Sheet(
        title=program.name,
        paragraphs=_paragraphs(program.description),
        facts=tuple(facts),
        locked=program.locked,
        drills=tuple(_drill_sheet(drill) for drill in program.drills),
        stop_rules=_stop_rules(program.pain_limit),
        bands=tuple(_band_rows(program.pain_limit, program.locked)),
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; single line breaks are just wrapping."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def _drill_sheet(drill: Drill) -> _DrillSheet:
    breaths = tuple(
        f"Breathe {'out' if phase.breath == 'exhale' else 'in'}: {phase.label} ({phase.seconds:g} s)"
        for phase in drill.breathing.phases
    )
    return _DrillSheet(
        name=drill.name,
        # The first frame is where every drill starts (and the only one a
        # hold has); the app animates the others with the breath.
        figure=drill.figure[0].rstrip("\n") if drill.figure else "",
        svg=drill_svg(drill),
        purpose=drill.purpose,
        dose=dose_text(drill),
        breathing_cue=drill.breathing.cue,
        breaths=breaths,
        cues=drill.cues,
        cautions=drill.cautions,
        easier=_drill_name(drill.easier) if drill.easier else None,
    )


def _drill_name(drill_id: str) -> str:
    drill = default_library().get(drill_id)
    return drill.name if drill is not None else drill_id


def _band_rows(pain_limit: int | None, locked: bool) -> list[tuple[str, pain.Band, str]]:
    """(score range, band, advice), from the gate itself so they never drift.

    The program's pain limit is applied, so a patient reading only the sheet
    sees the same band for a score as the app's pain check (a band with no
    scores left, such as amber under a limit of 3, is left out).
    """
    rows: list[tuple[str, pain.Band, str]] = []
    for band in pain.Band:
        scores = [
            s for s in range(pain.MIN_SCORE, pain.MAX_SCORE + 1) if pain.gate_band(s, None, pain_limit)[0] is band
        ]
        if scores:
            rows.append((f"{scores[0]}-{scores[-1]}", band, band_guidance(band, locked=locked)))
    return rows


def _stop_rules(pain_limit: int | None) -> tuple[str, ...]:
    rules = [
        (
            "Before every drill, rate your back pain from 0 (none) to 10 (the worst "
            "you can imagine) and find its band in the table."
        ),
        (
            f"If the score is {pain.MEANINGFUL_RISE} or more points higher than when you "
            "started the session, move one band up: green becomes amber, amber becomes red, "
            "red becomes stop."
        ),
    ]
    if pain_limit is not None:
        rules.append(
            f"This program sets a pain limit of {pain_limit}: any score above "
            f"{pain_limit} counts as red at least."
        )
    rules += [
        (
            f"If {pain.RED_GATES_TO_END} pain checks in one session land in red or stop, "
            "end the session there. Rest, and keep moving gently through the day."
        ),
        (
            f"If your pain is {pain.HIGH_CHECKIN} or more before you begin, leave the "
            "full session for another day."
        ),
        (
            "If pain spreads further down a leg, skip that drill and think about ending the "
            "session; if it spreads a second time, end the session. New numbness or weakness "
            "belongs to the safety check above."
        ),
        "Taking the easier version, skipping a drill or stopping early is always allowed.",
    ]
    return tuple(rules)


_FRACTURE_RISK_NOTE = ", if you take steroid tablets long term, have osteoporosis or are over 70"
_SAFETY_HEADINGS = {
    Level.EMERGENCY: "Go to an emergency department now if you have:",
    Level.DOCTOR_TODAY: "Contact a doctor today if you have:",
    Level.DOCTOR_SOON: "Book a doctor's appointment soon if you have:",
}


def _safety_groups() -> list[tuple[str, list[str], str]]:
    """(heading, signs, advice), the most urgent level first: the app's own
    daily check (coach.safety), so the paper and the screen always agree."""
    groups = []
    for level in Level:
        signs = [
            item.text + (_FRACTURE_RISK_NOTE if item.needs_fracture_risk else "")
            for item in DAILY_ITEMS
            if item.level is level
        ]
        advice = ADVICE[SafetyOutcome(level.value)]
        if level is Level.DOCTOR_SOON:
            advice += (
                " If a doctor or physiotherapist has already checked one of these and it has "
                f"not changed, you may exercise; the app asks again after {WAIVER_DAYS} days."
            )
        groups.append((_SAFETY_HEADINGS[level], signs, advice))
    return groups


_SAFETY_INTRO = (
    "Before the first session of each day, check yourself for these warning "
    "signs. If any one of them applies, do not exercise today, and go where its "
    "group says. If you have ever had cancer and this back pain is new or "
    "different, see a doctor before you start these exercises."
)
_STOP_INTRO = "Some discomfort while exercising is normal. Use these bands to decide how far to go."

# -- Markdown ------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_BLOCK_START = re.compile(r"^([#+=-])")
_MD_ORDERED_START = re.compile(r"^(\d+)([.)])")


def _md(text: str) -> str:
    """Text that stays text in any Markdown renderer (no links, tags or emphasis)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    escaped = _MD_BLOCK_START.sub(r"\\\1", escaped)
    return _MD_ORDERED_START.sub(r"\1\\\2", escaped)


def _fence(block: str) -> str:
    """A code fence longer than any run of backticks inside ``block``."""
    longest = max((len(run) for run in re.findall(r"`+", block)), default=0)
    return "`" * max(3, longest + 1)


def _markdown(sheet: _Sheet) -> str:
    out = [f"# {_md(sheet.title)}", ""]
    for paragraph in sheet.paragraphs:
        out += [_md(paragraph), ""]
    out += [f"- {_md(fact)}" for fact in sheet.facts] + [""]
    if sheet.locked:
        out += [f"> **Locked doses.** {_md(LOCKED_NOTE)}", ""]
    out += ["## Your drills", ""]
    for number, drill in enumerate(sheet.drills, start=1):
        out += [f"### {number}. {_md(drill.name)}", ""]
        if drill.figure:
            fence = _fence(drill.figure)
            out += [fence + "text", drill.figure, fence, ""]
        out += [_md(drill.purpose), "", f"**Dose:** {_md(drill.dose)}", ""]
        out += [f"**Breathing:** {_md(drill.breathing_cue)}", ""]
        if drill.breaths:
            out += [f"- {_md(line)}" for line in drill.breaths] + [""]
        out += ["**How to do it:**", ""] + [f"- {_md(cue)}" for cue in drill.cues] + [""]
        if drill.cautions:
            out += ["**Take care:**", ""] + [f"- {_md(c)}" for c in drill.cautions] + [""]
        if drill.easier:
            out += [f"**Easier version:** {_md(drill.easier)}", ""]
    out += ["## Safety check before you start", "", _SAFETY_INTRO, ""]
    for heading, questions, advice in _safety_groups():
        out += [f"**{heading}**", ""] + [f"- {_md(q)}" for q in questions] + ["", advice, ""]
    out += ["## When to ease off or stop", "", _STOP_INTRO, ""]
    out += ["| pain (0-10) | band | what to do |", "| --- | --- | --- |"]
    out += [f"| {scores} | {band.value} | {advice} |" for scores, band, advice in sheet.bands]
    out += [""] + [f"- {rule}" for rule in sheet.stop_rules] + ["", "---", "", f"*{_DISCLAIMER}*", ""]
    return "\n".join(out)


# -- HTML ----------------------------------------------------------------------

_CSS = """\
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1b; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin-bottom: .25rem; }
h2 { border-bottom: 2px solid #444; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { margin: 0 0 .5rem; }
.facts { padding-left: 1.2rem; }
.locked { border-left: 4px solid #444; background: #f3f3f3; padding: .5rem .8rem; }
.drill { border: 1px solid #bbb; border-radius: 6px; padding: .9rem 1.1rem; margin: 1rem 0; }
pre.figure { font: 14px/1.2 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  background: #f7f7f7; border: 1px solid #ddd; padding: .6rem; overflow-x: auto; }
svg.figure { display: block; max-width: 100%; height: auto; margin: .2rem 0 .6rem; }
dt { font-weight: bold; margin-top: .5rem; }
dd { margin-left: 0; }
dd ul { margin: .2rem 0; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.safety-heading { font-weight: bold; margin-bottom: 0; }
footer { margin-top: 2rem; font-size: .9rem; color: #444; }
@page { margin: 15mm 15mm 18mm; }
@media print {
  body { color: #000; background: #fff; font-size: 11pt; max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .drill, .safety-group, table { break-inside: avoid; page-break-inside: avoid; }
  .drill { border-color: #000; }
  pre.figure { background: #fff; border-color: #000; overflow: visible; }
  .locked { background: #fff; border-color: #000; }
  footer { color: #000; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _items(lines: tuple[str, ...] | list[str], css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f"<ul{attr}>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def _html_drill(number: int, drill: _DrillSheet) -> list[str]:
    out = [f'<article class="drill" id="drill-{number}">', f"<h3>{number}. {_e(drill.name)}</h3>"]
    if drill.svg:
        out.append(drill.svg)
    elif drill.figure:
        label = _e(f"Figure: {drill.name}")
        out.append(f'<pre class="figure" role="img" aria-label="{label}">{_e(drill.figure)}</pre>')
    out += [f"<p>{_e(drill.purpose)}</p>", "<dl>", f"<dt>Dose</dt><dd>{_e(drill.dose)}</dd>"]
    breaths = _items(drill.breaths) if drill.breaths else ""
    out.append(f"<dt>Breathing</dt><dd>{_e(drill.breathing_cue)}{breaths}</dd>")
    out.append(f"<dt>How to do it</dt><dd>{_items(drill.cues)}</dd>")
    if drill.cautions:
        out.append(f"<dt>Take care</dt><dd>{_items(drill.cautions)}</dd>")
    if drill.easier:
        out.append(f"<dt>Easier version</dt><dd>{_e(drill.easier)}</dd>")
    return out + ["</dl>", "</article>"]


def _html(sheet: _Sheet) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(sheet.title)}: exercise handout</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(sheet.title)}</h1>",
    ]
    out += [f"<p>{_e(paragraph)}</p>" for paragraph in sheet.paragraphs]
    out.append(_items(sheet.facts, "facts"))
    if sheet.locked:
        out.append(f'<p class="locked"><strong>Locked doses.</strong> {_e(LOCKED_NOTE)}</p>')
    out += ["</header>", "<main>", '<section id="drills">', "<h2>Your drills</h2>"]
    for number, drill in enumerate(sheet.drills, start=1):
        out += _html_drill(number, drill)
    out += ["</section>", '<section id="safety">', "<h2>Safety check before you start</h2>"]
    out.append(f"<p>{_e(_SAFETY_INTRO)}</p>")
    for heading, questions, advice in _safety_groups():
        out += [
            '<div class="safety-group">',
            f'<p class="safety-heading">{_e(heading)}</p>',
            _items(questions),
            f"<p>{_e(advice)}</p>",
            "</div>",
        ]
    out += ["</section>", '<section id="when-to-stop">', "<h2>When to ease off or stop</h2>"]
    out += [f"<p>{_e(_STOP_INTRO)}</p>", "<table>"]
    out.append('<thead><tr><th scope="col">pain (0-10)</th><th scope="col">band</th>'
               '<th scope="col">what to do</th></tr></thead><tbody>')
    for scores, band, advice in sheet.bands:
        out.append(f"<tr><td>{scores}</td><td>{band.value}</td><td>{_e(advice)}</td></tr>")
    out += ["</tbody></table>", _items(sheet.stop_rules), "</section>", "</main>"]
    out += [f"<footer><p>{_e(_DISCLAIMER)}</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)
