"""The safety check: every answer, alone and together."""

from __future__ import annotations

import itertools

import pytest

from backcoach.coach.safety import (
    QUESTION_IDS,
    SAFETY_QUESTIONS,
    SafetyOutcome,
    all_clear,
    assess,
)

URGENT = {"saddle_numbness", "bladder_bowel", "leg_weakness"}
SEE_DOCTOR = {"unwell", "trauma", "night_pain"}


def test_the_six_questions_of_the_design_are_asked_in_order() -> None:
    assert QUESTION_IDS == (
        "saddle_numbness",
        "bladder_bowel",
        "leg_weakness",
        "unwell",
        "trauma",
        "night_pain",
    )
    assert {q.id for q in SAFETY_QUESTIONS if q.urgent} == URGENT


def test_no_yes_is_clear() -> None:
    assert assess(all_clear()) is SafetyOutcome.CLEAR


@pytest.mark.parametrize("qid", QUESTION_IDS)
def test_each_single_yes_stops_exercise(qid: str) -> None:
    answers = all_clear() | {qid: True}
    expected = SafetyOutcome.URGENT if qid in URGENT else SafetyOutcome.SEE_DOCTOR
    assert assess(answers) is expected


@pytest.mark.parametrize("combo", list(itertools.product([False, True], repeat=6)))
def test_every_combination_of_answers(combo: tuple[bool, ...]) -> None:
    answers = dict(zip(QUESTION_IDS, combo))
    yes = {qid for qid, value in answers.items() if value}
    if yes & URGENT:
        expected = SafetyOutcome.URGENT
    elif yes:
        expected = SafetyOutcome.SEE_DOCTOR
    else:
        expected = SafetyOutcome.CLEAR
    assert assess(answers) is expected


def test_an_unanswered_question_is_an_error_not_a_pass() -> None:
    answers = all_clear()
    del answers["night_pain"]
    with pytest.raises(ValueError):
        assess(answers)
