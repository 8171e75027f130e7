"""The handout's content as one plain outline, which both formats render.

One outline (:class:`Sheet`) is why the Markdown and the HTML can never
disagree: :mod:`.handout_md` and :mod:`.handout_html` only lay it out. It is
built from the app's own rules (the pain gate's bands, the daily safety
check, the dose words), so the paper says what the screen says. The
clinician's private ``notes`` are never part of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from backcoach.coach import pain
from backcoach.coach.pain_advice import band_guidance
from backcoach.coach.safety import ADVICE, DAILY_ITEMS, WAIVER_DAYS, Level, SafetyOutcome
from backcoach.coach.words import plural
from backcoach.content.describe import equipment_text, needed_equipment, plain_dose_text, tempo_text
from backcoach.content.library import default_library
from backcoach.content.model import POSITIONS, Drill, Program
from backcoach.reports.handout_days import TickChart, date_words, tick_chart
from backcoach.reports.pose_svg import drill_svg

LOCKED_NOTE = (
    "Your physiotherapist set these doses; you may always choose the easier "
    "version, never more."
)

#: How many of a drill's cues its card shows: the set-up and the main
#: movement, which is what a patient glances at mid-drill.
KEY_CUES = 3
#: The figure's height in CSS pixels (about 21 mm): small enough for two
#: cards side by side, big enough to tell the start from the end.
FIGURE_PX = 80

DISCLAIMER = (
    "This sheet is general exercise guidance and does not replace your "
    "physiotherapist or doctor. If something feels wrong, stop and ask."
)


@dataclass(frozen=True)
class DrillCard:
    """One drill as its card says it."""

    name: str
    #: The start and end positions as inline SVG (HTML only).
    svg: str
    #: The same positions in words (Markdown has no figure).
    positions: str
    purpose: str
    dose: str
    #: "2 s breathing out, 2 s in", or "" for a drill without a tempo.
    tempo: str
    breathing_cue: str
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    easier: str | None


@dataclass(frozen=True)
class Sheet:
    """Everything the handout prints, as plain text: both formats render this."""

    title: str
    paragraphs: tuple[str, ...]
    patient: str
    #: The day the sheet is given (the chart starts there).
    given_on: dt.date
    clinician: str
    review_on: dt.date | None
    facts: tuple[str, ...]
    equipment: str
    chart: TickChart
    locked: bool
    drills: tuple[DrillCard, ...]
    #: (heading, signs, advice), the most urgent first.
    safety: tuple[tuple[str, tuple[str, ...], str], ...]
    stop_rules: tuple[str, ...]
    #: (score range, band, advice) with the program's pain limit applied.
    bands: tuple[tuple[str, pain.Band, str], ...]


# -- the outline ---------------------------------------------------------------


def outline(program: Program, *, patient: str | None, today: dt.date) -> Sheet:
    """The sheet's content; ``program.meta.notes`` stays out of it, whatever the format."""
    facts = [
        f"{plural(len(program.items), 'drill')}, about {plural(program.estimated_minutes, 'minute')}",
    ]
    if program.days_per_week == 7:
        facts.append("Planned: every day")
    elif program.days_per_week:
        facts.append(f"Planned: {program.days_per_week} days a week")
    if program.pain_limit is not None:
        facts.append(f"Pain limit: {program.pain_limit} out of 10")
    facts.append(f"Program id: {program.id}")
    meta = program.meta
    return Sheet(
        title=program.name,
        paragraphs=_paragraphs(program.description),
        patient=(patient if patient is not None else meta.patient).strip(),
        given_on=today,
        clinician=meta.clinician,
        review_on=meta.review_on,
        facts=tuple(facts),
        # Said before the drills, so nobody finds out mid-session that a band is missing.
        equipment=f"You will need: {equipment_text(needed_equipment(program.drills))}",
        chart=tick_chart(today, program.days_per_week, meta.review_on),
        locked=program.locked,
        drills=tuple(_card(drill) for drill in program.drills),
        safety=tuple(_safety_groups()),
        stop_rules=_stop_rules(program.pain_limit),
        bands=tuple(_band_rows(program.pain_limit, program.locked)),
    )


def given_line(sheet: Sheet) -> str:
    """``Given on 1 December 2026``, with the follow-up when there is one."""
    line = f"Given on {date_words(sheet.given_on)}"
    if sheet.review_on is not None:
        line += f"; review on {date_words(sheet.review_on)}"
    return line


def _paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; single line breaks are just wrapping."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def _card(drill: Drill) -> DrillCard:
    return DrillCard(
        name=drill.name,
        svg=drill_svg(drill, FIGURE_PX),
        positions=positions_text(drill),
        purpose=drill.purpose,
        dose=plain_dose_text(drill),
        tempo=tempo_text(drill),
        breathing_cue=drill.breathing.cue,
        cues=drill.cues[:KEY_CUES],
        # Every caution, always: they are the safety part of the card.
        cautions=drill.cautions,
        easier=_drill_name(drill.easier) if drill.easier else None,
    )


def positions_text(drill: Drill) -> str:
    """Where the body is and how it moves, in words: the figure for a reader without one.

    "On hands and knees: round up, then let the back sag."
    """
    where = POSITIONS.get(drill.direction.position, drill.direction.position)
    where = where[:1].upper() + where[1:]
    phases = drill.breathing.phases
    if drill.kind == "reps" and phases:
        return f"{where}: " + ", then ".join(phase.label for phase in phases) + "."
    if drill.kind == "hold":
        return f"{where}, held steady."
    return f"{where}."


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
            # One score reads "4", not "4-4".
            span = str(scores[0]) if len(scores) == 1 else f"{scores[0]}-{scores[-1]}"
            rows.append((span, band, band_guidance(band, locked=locked)))
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


def _safety_groups() -> list[tuple[str, tuple[str, ...], str]]:
    """(heading, signs, advice), the most urgent level first: the app's own
    daily check (coach.safety), so the paper and the screen always agree."""
    groups = []
    for level in Level:
        signs = tuple(
            item.text + (_FRACTURE_RISK_NOTE if item.needs_fracture_risk else "")
            for item in DAILY_ITEMS
            if item.level is level
        )
        advice = ADVICE[SafetyOutcome(level.value)]
        if level is Level.DOCTOR_SOON:
            advice += (
                " If a doctor or physiotherapist has already checked one of these and it has "
                f"not changed, you may exercise; the app asks again after {WAIVER_DAYS} days."
            )
        groups.append((_SAFETY_HEADINGS[level], signs, advice))
    return groups


SAFETY_INTRO = (
    "Before the first session of each day, check yourself for these warning "
    "signs. If any one of them applies, do not exercise today, and go where its "
    "group says. If you have ever had cancer and this back pain is new or "
    "different, see a doctor before you start these exercises."
)
STOP_INTRO = "Some discomfort while exercising is normal. Use these bands to decide how far to go."

