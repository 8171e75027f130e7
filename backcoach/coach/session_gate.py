"""The two-key path between drills: how a pain check is answered, when it
starts "Get ready" on its own, and how long "Get ready" lasts.

A person lying on a mat should not need the laptop between drills more than
twice (the rating, then the next pain score). So a typed score confirms at
once, a ``1`` waits briefly for a ``0`` (10) on the session's own clock, and
a green or amber result goes straight on; every band that asks for a choice
(red, stop, a spread down the leg, an over-limit score, a session-ending
gate) keeps its choices and keys exactly as ``coach.pain`` gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from backcoach.coach.pain import Band, GateChoice, GateResult

#: The get-ready setting's bounds and default (seconds), ``store.settings``.
READY_SETTING_DEFAULT = 10
READY_SETTING_MIN = 5
READY_SETTING_MAX = 60
#: The first drill's get-ready is this many times longer: it is when the
#: person still has to get down to the floor and onto the mat, which takes
#: longer than moving from one floor drill to the next.
FIRST_READY_FACTOR = 2


class GateSource(str, Enum):
    """How the standing pain-check score came to be."""

    TYPED = "typed"
    #: The first drill's check took the check-in score given a moment before.
    CHECKIN = "checkin"
    #: ``enter`` with nothing typed: the last score, repeated.
    REPEATED = "repeated"


@dataclass(frozen=True)
class PendingOne:
    """A ``1`` typed at a pain check, counted as 1 at ``due`` unless a ``0`` makes it 10."""

    leg_spread: bool
    due: float


def starts_on_its_own(result: GateResult) -> bool:
    """Whether this reading goes straight to "Get ready" (green or amber, go first).

    An over-limit score is already red in ``coach.pain``; a spread down the
    leg is stop; a gate that ends the session offers only the end.
    """
    return (
        result.band in (Band.GREEN, Band.AMBER)
        and result.choices[0] is GateChoice.GO
        and not result.leg_spread
        and not result.ends_session
    )


def clamp_ready_setting(seconds: int) -> int:
    """The get-ready setting within its bounds (a hand-edited file may say anything)."""
    return max(READY_SETTING_MIN, min(READY_SETTING_MAX, seconds))


def first_ready_seconds(ready_seconds: float) -> float:
    """The first drill's get-ready for a setting of ``ready_seconds``."""
    return ready_seconds * FIRST_READY_FACTOR
