"""The symptom quiz: a few one-key questions that suggest a provisional direction profile (CLINICAL.md 4).

About three in four people with low back pain have a direction of movement
that eases their symptoms. A physiotherapist finds it by examining; this
quiz only asks the questions CLINICAL.md 4 names, and its profile is marked
provisional: it is not a diagnosis, and a program with a physiotherapist's
own ``[profile]`` is always planned by that one instead (``coach.adapt``).

The settings keep the answers, not the profile, so the profile always
follows the rules below; :func:`stored_profile` reads them defensively. The
wording is ours; the facts are CLINICAL.md's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backcoach.coach.direction import IMPLIED_LIMIT, limits
from backcoach.content.model import LEG_REACH, Profile

#: What the quiz says before the first question, and what Home and ``backcoach plan`` rest on.
QUIZ_INTRO = (
    "A few questions about what makes your back pain better or worse. Your answers "
    "suggest which way of moving may suit your back for now. This is not a diagnosis. "
    "If your physiotherapist sets a profile in your program, theirs replaces this one."
)


@dataclass(frozen=True)
class Choice:
    key: str
    """The one key that picks it."""
    label: str
    value: bool | str


@dataclass(frozen=True)
class QuizQuestion:
    id: str
    text: str
    choices: tuple[Choice, ...]
    #: A few words for the answers shown back ("Over 50: no").
    label: str


YES_NO: tuple[Choice, ...] = (Choice("y", "yes", True), Choice("n", "no", False))

WORSE_SITTING = "worse_sitting_or_bending"
BETTER_WALKING = "better_walking_or_lying_face_down"
WORSE_STANDING = "worse_standing_or_walking"
BETTER_SITTING = "better_sitting_or_leaning_forward"
OVER_50 = "over_50"
LEG = "leg"

QUIZ_QUESTIONS: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        WORSE_SITTING,
        "Does your back pain get worse when you sit for a long time, or when you bend forward?",
        YES_NO,
        "Worse sitting or bending",
    ),
    QuizQuestion(
        BETTER_WALKING,
        "Does it feel better when you walk about, or when you lie on your front for a while?",
        YES_NO,
        "Better walking or lying face down",
    ),
    QuizQuestion(
        WORSE_STANDING,
        "Does it get worse when you stand for a long time, or when you walk for a while?",
        YES_NO,
        "Worse standing or walking",
    ),
    QuizQuestion(
        BETTER_SITTING,
        "Does it feel better when you sit down, or when you lean forward (on a shopping "
        "trolley or a kitchen counter, say)?",
        YES_NO,
        "Better sitting or leaning forward",
    ),
    QuizQuestion(OVER_50, "Are you over 50?", YES_NO, "Over 50"),
    QuizQuestion(
        LEG,
        "When you have leg pain with your back pain, how far down does it usually reach?",
        (
            Choice("n", "no leg pain", "none"),
            Choice("t", "the thigh", "thigh"),
            Choice("b", "below the knee", "below_knee"),
        ),
        "Leg pain reaches",
    ),
)
QUIZ_IDS: tuple[str, ...] = tuple(q.id for q in QUIZ_QUESTIONS)


def profile_from(answers: Mapping[str, bool | str]) -> Profile:
    """The provisional profile the answers suggest (``answers`` has every question's value).

    Flexion-sensitive (disc-type: easing with extension, so bending forward
    is kept small) needs both of its facts: worse sitting or bending, and
    better walking or lying face down. Extension-sensitive (stenosis-type:
    easing with flexion, arching kept small) needs two of its three facts,
    worse standing or walking, better sitting or leaning forward, over 50,
    and at least one of them a symptom: age alone says nothing about a back.

    Any fact of both patterns at once, or too few of either, gives no clear
    direction: "unknown", with no limits. That is the conservative default
    because a wrongly guessed direction would hold back the very movements
    that ease this person's back, while no limit plans the program as its
    author wrote it, with every pain check still in place.
    """
    flexion_facts = int(answers[WORSE_SITTING] is True) + int(answers[BETTER_WALKING] is True)
    extension_facts = int(answers[WORSE_STANDING] is True) + int(answers[BETTER_SITTING] is True)
    reach = answers[LEG]
    leg = reach if isinstance(reach, str) and reach in LEG_REACH else None
    if flexion_facts == 2 and extension_facts == 0:
        return Profile("extension", (("flexion", IMPLIED_LIMIT),), leg, provisional=True)
    if flexion_facts == 0 and extension_facts + int(answers[OVER_50] is True) >= 2:
        return Profile("flexion", (("extension", IMPLIED_LIMIT),), leg, provisional=True)
    return Profile("unknown", (), leg, provisional=True)


def read_answers(value: object) -> dict[str, bool | str] | None:
    """Stored quiz answers, or ``None`` unless they are exactly one allowed value per question.

    A missing, extra or wrongly typed answer (``1`` for yes, ``"thigh "``)
    means "not taken": a profile is never built on a guess.
    """
    if not isinstance(value, Mapping) or set(value) != set(QUIZ_IDS):
        return None
    answers: dict[str, bool | str] = {}
    for question in QUIZ_QUESTIONS:
        given = value[question.id]
        if not any(type(given) is type(c.value) and given == c.value for c in question.choices):
            return None
        answers[question.id] = given
    return answers


def stored_profile(value: object) -> Profile | None:
    """The provisional profile from the settings' stored answers; ``None`` if not taken or malformed."""
    answers = read_answers(value)
    return profile_from(answers) if answers is not None else None


_EASES_WORDS = {
    "extension": "arching back may ease it",
    "flexion": "bending forward may ease it",
    "none": "no direction eases it",
    "unknown": "no clear direction",
}
_MOVE_WORDS = {
    "flexion": "bending forward",
    "extension": "arching back",
    "rotation": "twisting",
    "side_bend": "bending sideways",
}


def direction_words(profile: Profile) -> str:
    """A profile in a few words for Home and ``backcoach plan``: which way eases, and what is limited
    (with the limit a profile that only says which way eases implies, ``coach.direction.limits``)."""
    held = limits(profile)
    words = _EASES_WORDS.get(profile.eases, _EASES_WORDS["unknown"])
    if not held:
        return f"{words}, so no movement is limited"
    return f"{words}; limited: " + ", ".join(f"{_MOVE_WORDS.get(m, m)} ({extent})" for m, extent in held.items())


def home_direction_line(program_profile: Profile | None, quiz: Profile | None) -> str:
    """Home's line about whose direction profile plans the highlighted program (``d`` opens the quiz)."""
    if program_profile is not None:
        return "Direction: set by this program" + (" (your quiz is not used for it)" if quiz is not None else "")
    if quiz is None:
        return "Direction: not set (d: a short quiz)"
    return f"Direction: provisional, from your quiz: {_EASES_WORDS.get(quiz.eases, _EASES_WORDS['unknown'])} (d)"
