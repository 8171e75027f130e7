"""Doses and durations in the words a physio would write on a sheet.

Shared by the CLI, the screens and the handout so a dose reads the same
everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from backcoach.content.model import DIRECTION_FIELDS, EQUIPMENT, Drill, ProgramMeta
from backcoach.content.sources import source_text


def duration_text(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    if seconds > 60:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds} s"


def dose_text(drill: Drill) -> str:
    d = drill.dosage
    each = " each side" if d.sides == 2 else ""
    if drill.kind == "per_side":
        return f"{duration_text(d.seconds)} each side"
    if drill.kind == "timed":
        return duration_text(d.seconds)
    if drill.kind == "reps":
        tempo = "/".join(f"{p.seconds:g}" for p in drill.breathing.phases)
        text = f"{d.sets} x {d.reps} reps{each}, {tempo} s per breath"
    else:
        text = f"{d.sets} x {d.hold_seconds} s hold{each}"
    if d.sets > 1 and d.rest_seconds:
        text += f", rest {d.rest_seconds} s"
    return text


def plain_dose_text(drill: Drill) -> str:
    """The dose in a patient's words, for paper: "6 each side", "hold 20 s, 3 times, rest 30 s".

    :func:`dose_text` is the physio's shorthand ("2 x 6 reps each side,
    3/3 s per breath"), which a patient at home can misread; the handout says
    the same dose without the ``x`` and the slash. The breathing tempo is
    :func:`tempo_text`, said beside it.
    """
    d = drill.dosage
    each = " each side" if d.sides == 2 else ""
    if drill.kind == "per_side":
        return f"{duration_text(d.seconds)} each side"
    if drill.kind == "timed":
        return duration_text(d.seconds)
    if drill.kind == "reps":
        text = f"{d.sets} rounds of {d.reps}{each}" if d.sets > 1 else f"{d.reps}{each or ' times'}"
    else:
        text = f"hold {duration_text(d.hold_seconds)}{each}" + (f", {d.sets} times" if d.sets > 1 else "")
    if d.sets > 1 and d.rest_seconds:
        text += f", rest {duration_text(d.rest_seconds)}"
    return text


def tempo_text(drill: Drill) -> str:
    """The breath each movement takes, in words: "2 s breathing out, 2 s in" ("" for no tempo)."""
    words: list[str] = []
    for phase in drill.breathing.phases:
        way = "out" if phase.breath == "exhale" else "in"
        words.append(f"{phase.seconds:g} s {'breathing ' if not words else ''}{way}")
    return ", ".join(words)


#: Past a program's review date (``program_meta.review_due``): one calm line, never an alarm.
REVIEW_DUE_TEXT = "The review date has passed: a good time to check in with your physio."


def date_text(day: dt.date) -> str:
    """``15 Jan 2027``: a date no reader can take for another (never 01/02)."""
    return f"{day.day} {day:%b %Y}"


def set_by_text(meta: ProgramMeta) -> str:
    """``Set by J. Physio · review on 15 Jan 2027`` (either part alone; "" for neither).

    Never the clinician's private ``notes``: this is shown to the patient.
    """
    parts = []
    if meta.clinician:
        parts.append(f"Set by {meta.clinician}")
    if meta.review_on is not None:
        parts.append(f"review on {date_text(meta.review_on)}")
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def drill_details(drill: Drill) -> str:
    """What a drill is, its dose, breathing, cautions and cues: the text of the
    drill intro ("Get ready") and of the clinic's preview, so both say the same."""
    lines = [drill.purpose, "", f"Dose: {dose_text(drill)}", f"Breathing: {drill.breathing.cue}"]
    for phase in drill.breathing.phases:
        lines.append(f"  {phase.breath.upper()} - {phase.label}")
    if drill.cautions:
        # Cautions come before the cues so they are seen without scrolling.
        lines.append("")
        lines += [f"! {caution}" for caution in drill.cautions]
    lines.append("")
    lines += [f"• {cue}" for cue in drill.cues]
    return "\n".join(lines)


#: Equipment as a person would read it on a list ("You will need: ...").
EQUIPMENT_WORDS: dict[str, str] = {
    "mat": "a mat",
    "band": "a resistance band",
    "ball": "a small ball",
    "dowel": "a dowel or broom handle",
    "chair": "a sturdy chair",
    "wall": "a clear wall",
    "bike": "an exercise bike or cross-trainer",
}


def needed_equipment(drills: Iterable[Drill]) -> tuple[str, ...]:
    """Everything ``drills`` need, once each, in the library's fixed order."""
    wanted = {item for drill in drills for item in drill.equipment if item != "none"}
    return tuple(item for item in EQUIPMENT if item in wanted)


def equipment_text(items: Iterable[str]) -> str:
    """``"a mat, a small ball"``, or ``"nothing"``."""
    words = [EQUIPMENT_WORDS[item] for item in items if item != "none"]
    return ", ".join(words) if words else "nothing"


def tag_terms(drill: Drill) -> str:
    """The direction tags as the search terms that find them (``extension:none ...``)."""
    return " ".join(f"{name}:{getattr(drill.direction, name)}" for name in DIRECTION_FIELDS)


def tags_text(drill: Drill) -> str:
    """Direction, equipment and source in words, for the clinic and ``drills show``."""
    return "\n".join(
        (
            f"Low back: {drill.direction.words()}",
            f"Tags: {tag_terms(drill)}",
            f"You will need: {equipment_text(drill.equipment)}",
            f"Source: {source_text(drill.source)}",
        )
    )
