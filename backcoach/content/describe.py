"""Doses and durations in the words a physio would write on a sheet.

Shared by the CLI, the screens and the handout so a dose reads the same
everywhere.
"""

from __future__ import annotations

from backcoach.content.model import Drill


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
