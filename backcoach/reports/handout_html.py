"""The handout as one self-contained HTML page, laid out for two A4 pages.

The page is made to be printed from a browser: ``@page`` sets A4 and its
margins, the drills are compact cards two to a row (one on a narrow
screen), and every card, the header and each safety section carry
``break-inside: avoid`` so a page break never cuts one in half. Nothing is
loaded from outside (no fonts, images or scripts): the figures are inline
SVG and every piece of text is escaped.
"""

from __future__ import annotations

import html

from backcoach.reports.handout_days import date_words, day_label
from backcoach.reports.handout_outline import (
    DISCLAIMER,
    LOCKED_NOTE,
    SAFETY_INTRO,
    STOP_INTRO,
    DrillCard,
    Sheet,
)

CSS = """\
@page { size: A4; margin: 10mm 11mm 11mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 9pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, system-ui, sans-serif;
  color: #111; background: #fff; max-width: 190mm; margin: 6mm auto; padding: 0 3mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; line-height: 1.15; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm; border-bottom: 1.5px solid #333; padding-bottom: .5mm;
  break-after: avoid; }
h3 { font-size: 10pt; margin: 0 0 1mm; }
p, ul { margin: 0 0 1mm; }
ul { padding-left: 4mm; }
header { break-inside: avoid; }
.who { display: flex; flex-wrap: wrap; gap: 1mm 8mm; font-size: 10pt; margin-bottom: 1.5mm; }
.who b { font-weight: 600; }
.blank { display: inline-block; min-width: 55mm; border-bottom: 1px solid #000; }
.about { font-size: 8.5pt; }
.facts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0 5mm; }
.needs { font-weight: 600; }
.locked { border-left: 3px solid #333; padding: .5mm 2mm; }
table { border-collapse: collapse; }
th, td { border: 1px solid #777; padding: .6mm 1.2mm; text-align: left; vertical-align: top; }
th, .bands td:first-child { white-space: nowrap; }
th { font-weight: 600; }
.chart { width: 100%; table-layout: fixed; margin-bottom: 1mm; }
.chart caption { text-align: left; margin-bottom: .5mm; }
.chart td, .chart th { font-size: 7.5pt; height: 8mm; }
.chart th { width: 14mm; }
.chart td.aim { width: 22mm; vertical-align: bottom; white-space: nowrap; }
.chart .box { display: block; float: right; width: 4.5mm; height: 4.5mm; border: 1px solid #000; margin-top: 1mm; }
.chart .review { display: block; font-weight: 600; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 2.5mm; align-items: start; }
.card { break-inside: avoid; border: 1px solid #555; border-radius: 1.5mm; padding: 1.8mm 2.4mm; }
.card h3 .n { margin-right: 1.2mm; }
svg.figure { display: block; max-width: 100%; height: auto; margin: .5mm 0 1mm; }
.card ul { margin-bottom: .8mm; }
.card .label { font-weight: 600; }
.care li::marker { content: "! "; font-weight: 700; }
#safety, #when-to-stop, .safety-group { break-inside: avoid; }
.groups { display: grid; grid-template-columns: 1.15fr 1fr 1fr; gap: 3mm; }
.safety-group { border-top: 2px solid #333; padding-top: 1mm; }
.safety-group, .stop { font-size: 8pt; line-height: 1.25; }
.safety-heading { font-weight: 600; }
.stop { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; align-items: start; }
.bands { width: 100%; }
.disclaimer { margin-top: 2mm; font-size: 8pt; font-style: italic; }
@media screen and (max-width: 150mm) {
  .cards, .groups, .stop { grid-template-columns: 1fr; }
}
@media print {
  body { max-width: none; margin: 0; padding: 0; color: #000; }
  .card { border-color: #000; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _items(lines: tuple[str, ...] | list[str], css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f"<ul{attr}>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def html_sheet(sheet: Sheet) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(sheet.title)}: exercise handout</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        *_header(sheet),
        "<main>",
        '<section id="drills">',
        "<h2>Your drills</h2>",
        '<div class="cards">',
    ]
    for number, drill in enumerate(sheet.drills, start=1):
        out += _card(number, drill)
    out += ["</div>", "</section>", *_safety(sheet), *_when_to_stop(sheet), "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _header(sheet: Sheet) -> list[str]:
    # A sheet without a name leaves a line to write it on.
    patient = _e(sheet.patient) if sheet.patient else '<span class="blank"></span>'
    who = [f"<span><b>For:</b> {patient}</span>", f"<span><b>Date:</b> {_e(date_words(sheet.given_on))}</span>"]
    if sheet.clinician:
        who.append(f"<span><b>Set by:</b> {_e(sheet.clinician)}</span>")
    if sheet.review_on is not None:
        who.append(f"<span><b>Review:</b> {_e(date_words(sheet.review_on))}</span>")
    out = ['<header id="first">', f"<h1>{_e(sheet.title)}</h1>", f'<p class="who">{"".join(who)}</p>']
    out += [f'<p class="about">{_e(paragraph)}</p>' for paragraph in sheet.paragraphs]
    out.append(_items(sheet.facts, "facts"))
    out.append(f'<p class="needs">{_e(sheet.equipment)}</p>')
    if sheet.locked:
        out.append(f'<p class="locked"><strong>Locked doses.</strong> {_e(LOCKED_NOTE)}</p>')
    return [*out, *_chart(sheet), "</header>"]


def _chart(sheet: Sheet) -> list[str]:
    chart = sheet.chart
    out = [
        '<table class="chart">',
        f"<caption><b>Tick a box each day you exercise.</b> Aim: {_e(chart.aim)} each week.</caption>",
        "<tbody>",
    ]
    for number, days in enumerate(chart.weeks, start=1):
        cells = []
        for day in days:
            review = '<span class="review">review</span>' if day == chart.review_on else ""
            cells.append(f'<td>{_e(day_label(day))}<span class="box"></span>{review}</td>')
        aim = f'<td class="aim">done ___ of {chart.per_week}</td>'
        out.append(f'<tr><th scope="row">Week {number}</th>{"".join(cells)}{aim}</tr>')
    return [*out, "</tbody></table>"]


def _card(number: int, drill: DrillCard) -> list[str]:
    out = [f'<article class="card" id="drill-{number}">', f'<h3><span class="n">{number}.</span>{_e(drill.name)}</h3>']
    if drill.svg:
        out.append(drill.svg)
    out.append(f'<p><span class="label">Dose:</span> {_e(drill.dose)}</p>')
    breathing = f"{drill.breathing_cue} {drill.tempo}." if drill.tempo else drill.breathing_cue
    out.append(f'<p><span class="label">Breathing:</span> {_e(breathing)}</p>')
    out.append(_items(drill.cues, "cues"))
    if drill.cautions:
        out.append(_items(drill.cautions, "care"))
    if drill.easier:
        out.append(f'<p><span class="label">Easier version:</span> {_e(drill.easier)}</p>')
    return [*out, "</article>"]


def _safety(sheet: Sheet) -> list[str]:
    out = ['<section id="safety">', "<h2>Safety check before you start</h2>", f"<p>{_e(SAFETY_INTRO)}</p>"]
    out.append('<div class="groups">')
    for heading, signs, advice in sheet.safety:
        out += [
            '<div class="safety-group">',
            f'<p class="safety-heading">{_e(heading)}</p>',
            _items(signs),
            f"<p>{_e(advice)}</p>",
            "</div>",
        ]
    return [*out, "</div>", "</section>"]


def _when_to_stop(sheet: Sheet) -> list[str]:
    out = ['<section id="when-to-stop">', "<h2>When to ease off or stop</h2>", f"<p>{_e(STOP_INTRO)}</p>"]
    out += ['<div class="stop">', '<table class="bands">']
    heads = "".join(f'<th scope="col">{head}</th>' for head in ("Pain (0-10)", "Band", "What to do"))
    out.append(f"<thead><tr>{heads}</tr></thead>")
    out.append("<tbody>")
    for scores, band, advice in sheet.bands:
        out.append(f"<tr><td>{scores}</td><td>{band.value}</td><td>{_e(advice)}</td></tr>")
    out += ["</tbody></table>", _items(sheet.stop_rules), "</div>"]
    # Last, inside the section, so it never lands alone on a page of its own.
    return [*out, f'<p class="disclaimer">{_e(DISCLAIMER)}</p>', "</section>"]
