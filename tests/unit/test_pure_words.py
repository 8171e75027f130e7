"""Words that used to live in screen modules, now pure and tested without a screen:
the pain band advice (pain check and handout), a drill's details (intro and
clinic preview), what the summary says about drills that felt too easy."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from factories import make_program

from backcoach.coach.pain import Band, evaluate_gate
from backcoach.coach.pain_advice import BAND_ADVICE, band_advice, band_guidance
from backcoach.coach.too_easy import too_easy_lines
from backcoach.content.describe import dose_text, drill_details
from backcoach.content.library import default_library
from backcoach.content.programs import builtin_programs
from backcoach.reports.handout import render_handout

GREEN_FULL = "Green: go ahead with the full dose."
RED_EASIER = "Red: your back is sensitive today, so no full dose. Take the easier version or skip this one."
RED_NONE = "Red: your back is sensitive today, so no full dose, and this drill has no easier version: skip it."
STOP = "Stop: this drill is skipped. We suggest ending the session and resting today."

#: (score, check-in, has easier, locked, leg spread, red gates before, spreads before) -> the gate's words
GATE_CASES = [
    ((1, 1, True, False, False, 0, 0), GREEN_FULL),
    ((1, 1, True, True, False, 0, 0), "Green: go ahead with the full dose, or take the easier version if you prefer."),
    ((1, 1, False, True, False, 0, 0), GREEN_FULL),
    ((4, 4, True, False, False, 0, 0), "Amber: acceptable. Go gently, or take the easier version."),
    ((4, 4, False, False, False, 0, 0), "Amber: acceptable. Go gently."),
    ((6, 6, True, False, False, 0, 0), RED_EASIER),
    ((6, 6, False, False, False, 0, 0), RED_NONE),
    ((3, 1, True, False, False, 0, 0), "Amber: acceptable. Go gently, or take the easier version."),  # a rise of 2
    ((9, 9, True, False, False, 0, 0), STOP),
    (
        (1, 1, True, False, True, 0, 0),
        "Pain spreading further down the leg counts as a stop: this drill is skipped. "
        "We suggest ending the session and resting today.",
    ),
    (
        (6, 6, True, False, False, 1, 0),
        "This is the second pain check in the red today: your back is telling you it "
        "has had enough for now, so we stop here and rest.",
    ),
    (
        (1, 1, True, False, True, 0, 1),
        "Pain has spread down your leg twice this session, so we stop here for "
        "today. Rest, and tell your physiotherapist or doctor if it keeps spreading.",
    ),
]


@pytest.mark.parametrize(("gate", "words"), GATE_CASES)
def test_the_pain_check_names_only_choices_that_exist(gate: tuple[Any, ...], words: str) -> None:
    score, checkin, has_easier, locked, leg, reds, spreads = gate
    result = evaluate_gate(
        score, checkin, has_easier, locked=locked, leg_spread=leg, red_gates_before=reds, leg_spreads_before=spreads
    )
    assert band_advice(result) == words


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_handout_prints_the_pain_checks_own_band_advice(locked: bool, fmt: str) -> None:
    program = builtin_programs(default_library())[0]
    program = replace(program, locked=locked)
    sheet = render_handout(program, fmt)
    for band in Band:
        guidance = band_guidance(band, locked=locked)
        assert guidance[1:] in BAND_ADVICE[band][0] + BAND_ADVICE[band][1]
        gate = evaluate_gate({Band.GREEN: 1, Band.AMBER: 4, Band.RED: 6, Band.STOP: 9}[band], None, True, locked=locked)
        assert band_advice(gate) == f"{band.value.title()}: {guidance[0].lower()}{guidance[1:]}"
        assert guidance in sheet


def test_drill_details_puts_cautions_before_cues() -> None:
    drill = next(d for d in default_library().values() if d.cautions and d.breathing.phases)
    lines = drill_details(drill).split("\n")
    assert lines[0] == drill.purpose
    assert f"Dose: {dose_text(drill)}" in lines
    assert f"  {drill.breathing.phases[0].breath.upper()} - {drill.breathing.phases[0].label}" in lines
    cautions = [n for n, line in enumerate(lines) if line.startswith("! ")]
    cues = [n for n, line in enumerate(lines) if line.startswith("• ")]
    assert len(cautions) == len(drill.cautions) and len(cues) == len(drill.cues)
    assert max(cautions) < min(cues)


def record(drill_id: str, difficulty: str | None = "too_easy", replaced_by: str | None = None) -> dict[str, Any]:
    return {"drill_id": drill_id, "replaced_by": replaced_by, "difficulty": difficulty}


LOCKED = replace(make_program(), locked=True)
FIXED = replace(make_program(), adapt=False)


def test_an_adaptive_program_leaves_too_easy_to_the_coach() -> None:
    """The coach's next-time lines speak for an adaptive program (coach.adapt_words)."""
    assert too_easy_lines([record("glute-bridge")], make_program(), default_library()) == []


def test_a_program_that_does_not_adapt_says_it_keeps_its_doses() -> None:
    (line,) = too_easy_lines([record("glute-bridge"), record("front-plank", "about_right")], FIXED, default_library())
    assert line.startswith("Glute bridge felt too easy. This program keeps its doses as written")
    assert "physiotherapist" in line


def test_no_too_easy_rating_says_nothing() -> None:
    records = [record("glute-bridge", "about_right"), record("walking", None)]
    assert too_easy_lines(records, LOCKED, default_library()) == []


def test_a_session_stopped_for_pain_never_suggests_more() -> None:
    assert too_easy_lines([record("glute-bridge")], FIXED, default_library(), stopped_for_pain=True) == []
    assert too_easy_lines([record("glute-bridge")], LOCKED, default_library(), stopped_for_pain=True) == []


def test_a_locked_program_names_every_easy_drill_in_one_line() -> None:
    records = [record("glute-bridge"), record("front-plank", replaced_by="knee-plank"), record("glute-bridge")]
    (line,) = too_easy_lines(records, LOCKED, default_library())
    assert line.startswith("Glute bridge and Kneeling plank felt too easy.")
    assert "physiotherapist" in line
