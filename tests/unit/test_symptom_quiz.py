"""The symptom quiz's provisional profile (CLINICAL.md 4), fact by fact, and how stored answers are read."""

from __future__ import annotations

from typing import Any

import pytest

from backcoach.coach.symptom_quiz import (
    BETTER_SITTING,
    BETTER_WALKING,
    LEG,
    OVER_50,
    QUIZ_IDS,
    QUIZ_INTRO,
    QUIZ_QUESTIONS,
    WORSE_SITTING,
    WORSE_STANDING,
    direction_words,
    home_direction_line,
    profile_from,
    read_answers,
    stored_profile,
)
from backcoach.content.model import Profile


def answers(**yes: bool | str) -> dict[str, bool | str]:
    """Every question answered no / no leg pain, except those given."""
    out: dict[str, bool | str] = {qid: False for qid in QUIZ_IDS}
    out[LEG] = "none"
    out.update(yes)
    return out


FLEXION_SENSITIVE = Profile("extension", (("flexion", "small"),), "none", provisional=True)
EXTENSION_SENSITIVE = Profile("flexion", (("extension", "small"),), "none", provisional=True)
NO_DIRECTION = Profile("unknown", (), "none", provisional=True)

#: (the CLINICAL.md 4 fact the row checks, answers given yes, the profile)
PROFILE_CASES: list[tuple[str, dict[str, Any], Profile]] = [
    (
        "worse sitting or bending and better walking or lying face down suggests flexion-sensitive",
        {WORSE_SITTING: True, BETTER_WALKING: True},
        FLEXION_SENSITIVE,
    ),
    (
        "flexion-sensitive: its facts hold whatever the age",
        {WORSE_SITTING: True, BETTER_WALKING: True, OVER_50: True},
        FLEXION_SENSITIVE,
    ),
    (
        "worse standing or walking and better sitting or leaning forward suggests extension-sensitive",
        {WORSE_STANDING: True, BETTER_SITTING: True},
        EXTENSION_SENSITIVE,
    ),
    (
        "extension-sensitive is often over 50: worse standing or walking, over 50",
        {WORSE_STANDING: True, OVER_50: True},
        EXTENSION_SENSITIVE,
    ),
    (
        "extension-sensitive is often over 50: better sitting or leaning forward, over 50",
        {BETTER_SITTING: True, OVER_50: True},
        EXTENSION_SENSITIVE,
    ),
    ("over 50 alone is not a symptom: no direction", {OVER_50: True}, NO_DIRECTION),
    ("worse sitting or bending alone is one fact: no direction", {WORSE_SITTING: True}, NO_DIRECTION),
    ("better walking or lying face down alone is one fact: no direction", {BETTER_WALKING: True}, NO_DIRECTION),
    ("worse standing or walking alone, under 50, is one fact: no direction", {WORSE_STANDING: True}, NO_DIRECTION),
    (
        "conflict: better walking (flexion-sensitive) and worse walking (extension-sensitive)",
        {BETTER_WALKING: True, WORSE_STANDING: True, WORSE_SITTING: True},
        NO_DIRECTION,
    ),
    (
        "conflict: both patterns complete",
        {WORSE_SITTING: True, BETTER_WALKING: True, WORSE_STANDING: True, BETTER_SITTING: True, OVER_50: True},
        NO_DIRECTION,
    ),
    (
        "conflict: worse sitting (flexion-sensitive), better sitting and over 50 (extension-sensitive)",
        {WORSE_SITTING: True, BETTER_SITTING: True, OVER_50: True},
        NO_DIRECTION,
    ),
    ("no fact either way: no direction", {}, NO_DIRECTION),
]


@pytest.mark.parametrize(("fact", "yes", "expected"), PROFILE_CASES, ids=[c[0] for c in PROFILE_CASES])
def test_profile_follows_the_quiz_facts(fact: str, yes: dict[str, Any], expected: Profile) -> None:
    assert profile_from(answers(**yes)) == expected


@pytest.mark.parametrize("reach", ["none", "thigh", "below_knee"])
def test_leg_reach_is_kept_so_nerve_tensioners_can_be_left_out(reach: str) -> None:
    profile = profile_from(answers(**{LEG: reach}))
    assert profile.leg == reach
    assert profile.provisional


def test_every_question_has_one_key_per_answer_and_the_intro_says_what_it_is_not() -> None:
    assert len(QUIZ_QUESTIONS) == 6
    for question in QUIZ_QUESTIONS:
        keys = [c.key for c in question.choices]
        assert len(set(keys)) == len(keys) and all(len(k) == 1 for k in keys)
    assert "not a diagnosis" in QUIZ_INTRO
    assert "physiotherapist" in QUIZ_INTRO and "replaces" in QUIZ_INTRO


#: (why it is not a quiz result, the stored value)
MALFORMED: list[tuple[str, object]] = [
    ("never taken", None),
    ("not a mapping", ["y", "n"]),
    ("a string", "flexion"),
    ("a question missing", {k: v for k, v in answers().items() if k != OVER_50}),
    ("an unknown question", {**answers(), "worse_coughing": True}),
    ("1 for yes", {**answers(), WORSE_SITTING: 1}),
    ("the word yes", {**answers(), WORSE_SITTING: "yes"}),
    ("a leg reach not in the list", {**answers(), LEG: "foot"}),
    ("a leg reach with a space", {**answers(), LEG: "thigh "}),
    ("a bool for the leg", {**answers(), LEG: True}),
    ("null for an answer", {**answers(), BETTER_SITTING: None}),
]


@pytest.mark.parametrize(("why", "value"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_stored_answers_are_no_profile_never_a_guess(why: str, value: object) -> None:
    assert read_answers(value) is None
    assert stored_profile(value) is None


def test_stored_answers_give_the_profile_they_suggest() -> None:
    stored = answers(**{WORSE_STANDING: True, BETTER_SITTING: True, LEG: "thigh"})
    assert read_answers(stored) == stored
    assert stored_profile(stored) == Profile("flexion", (("extension", "small"),), "thigh", provisional=True)


@pytest.mark.parametrize(
    ("profile", "words"),
    [
        (FLEXION_SENSITIVE, "arching back may ease it; limited: bending forward (small)"),
        (EXTENSION_SENSITIVE, "bending forward may ease it; limited: arching back (small)"),
        (NO_DIRECTION, "no clear direction, so no movement is limited"),
        (Profile("extension"), "arching back may ease it; limited: bending forward (small)"),
        (Profile("none", (("rotation", "none"),)), "no direction eases it; limited: twisting (none)"),
    ],
)
def test_direction_words(profile: Profile, words: str) -> None:
    assert direction_words(profile) == words


@pytest.mark.parametrize(
    ("program_profile", "quiz", "line"),
    [
        (None, None, "Direction: not set (d: a short quiz)"),
        (None, FLEXION_SENSITIVE, "Direction: provisional, from your quiz: arching back may ease it (d)"),
        (None, EXTENSION_SENSITIVE, "Direction: provisional, from your quiz: bending forward may ease it (d)"),
        (None, NO_DIRECTION, "Direction: provisional, from your quiz: no clear direction (d)"),
        (Profile("flexion"), None, "Direction: set by this program"),
        (Profile("flexion"), FLEXION_SENSITIVE, "Direction: set by this program (your quiz is not used for it)"),
    ],
    ids=["none", "quiz flexion-sensitive", "quiz extension-sensitive", "quiz unclear", "program", "program over quiz"],
)
def test_home_direction_line(program_profile: Profile | None, quiz: Profile | None, line: str) -> None:
    assert home_direction_line(program_profile, quiz) == line
