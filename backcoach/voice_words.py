"""The words the voice can say, and how a dose is said with them.

Pure: no I/O. Every prompt is a sequence of *phrases*, and every phrase has
one clip, ``assets/voice/<slug>.wav`` (see :func:`slug`), made ahead of time
by ``assets/voice/generate.py``. Words that vary (a drill's name, its dose)
are composed from clips: the drill's name clip, then number clips and unit
words ("two", "sets of", "twenty", "five", "seconds"). So an adaptive coach
that changes a dose never needs a new clip, and only a new drill or a new
movement label does (``generate.py --check`` and a unit test say which).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from backcoach.content.model import Drill

#: The fixed prompts (issue 13, item 5), each one phrase, one clip.
BREATHE_OUT = "breathe out"
BREATHE_IN = "breathe in"
HOLD = "hold"
REST = "rest"
SWITCH_SIDES = "switch sides"
LEFT_SIDE = "left side"
RIGHT_SIDE = "right side"
SECONDS = "seconds"
PAIN_CHECK = "pain check"
HOW_DID_THAT_FEEL = "how did that feel"
SESSION_COMPLETE = "session complete"
EACH_SIDE = "each side"
SETS_OF = "sets of"

PROMPTS: tuple[str, ...] = (
    BREATHE_OUT, BREATHE_IN, HOLD, REST, SWITCH_SIDES, LEFT_SIDE, RIGHT_SIDE,
    PAIN_CHECK, HOW_DID_THAT_FEEL, SESSION_COMPLETE,
)  # fmt: skip
#: Unit words a dose is said with (singular and plural).
UNITS: tuple[str, ...] = ("rep", "reps", "second", SECONDS, "minute", "minutes", "set", SETS_OF, EACH_SIDE)

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty"}
#: Every number word a dose can need: counts up to 60 (reps <= 50, sets <= 10,
#: minutes <= 60, seconds < 60 once minutes are taken out).
NUMBERS: tuple[str, ...] = (*_ONES, *_TENS.values())
HIGHEST_NUMBER = 60


def slug(phrase: str) -> str:
    """The clip's file name (without ``.wav``): lower case, words joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-")


def spoken(phrase: str) -> str:
    """The text espeak-ng is given: a name's bracket becomes a pause
    ("Hamstring stretch (lying)" is said "Hamstring stretch, lying")."""
    return re.sub(r"\s*\(([^)]*)\)", r", \1", phrase).strip()


def number(n: int) -> tuple[str, ...]:
    """``n`` (0-60) as number phrases: 25 is ("twenty", "five")."""
    if not 0 <= n <= HIGHEST_NUMBER:
        raise ValueError(f"the voice counts 0 to {HIGHEST_NUMBER}, not {n}")
    if n < 20:
        return (_ONES[n],)
    tens, ones = divmod(n, 10)
    return (_TENS[tens * 10],) if ones == 0 else (_TENS[tens * 10], _ONES[ones])


def counted(n: int, one: str, many: str) -> tuple[str, ...]:
    return (*number(n), one if n == 1 else many)


def duration(seconds: int) -> tuple[str, ...]:
    """A time as said aloud: "thirty seconds", "two minutes", "one minute ten seconds"."""
    minutes, rest = divmod(max(0, seconds), 60)
    words: tuple[str, ...] = ()
    if minutes:
        words = counted(minutes, "minute", "minutes")
    if rest or not minutes:
        words = (*words, *counted(rest, "second", SECONDS))
    return words


def dose(drill: Drill) -> tuple[str, ...]:
    """The drill's dose as phrases: "eight reps", "three sets of thirty seconds, each side"."""
    d = drill.dosage
    if drill.kind == "reps":
        amount = counted(d.reps, "rep", "reps")
    elif drill.kind == "hold":
        amount = duration(d.hold_seconds)
    else:
        amount = duration(d.seconds)
    sets = max(d.sets, 1) if drill.kind in ("reps", "hold") else 1
    words = (*number(sets), SETS_OF, *amount) if sets > 1 else amount
    two_sided = drill.kind == "per_side" or (drill.kind in ("reps", "hold") and d.sides == 2)
    return (*words, EACH_SIDE) if two_sided else words


def announcement(drill: Drill) -> tuple[str, ...]:
    """What "Get ready" says: the drill's name, then its dose."""
    return (drill.name, *dose(drill))


def phrases_for(drills: Iterable[Drill]) -> set[str]:
    """Every phrase the app can ask for with this library: the prompts, the
    numbers and units, each drill's name and each movement label."""
    phrases = {*PROMPTS, *UNITS, *NUMBERS}
    for drill in drills:
        phrases.add(drill.name)
        phrases.update(phase.label for phase in drill.breathing.phases)
    return phrases
