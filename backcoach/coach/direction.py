"""Direction of movement: which drills a person's profile lets today's plan hold (CLINICAL.md 4).

About three in four people with low back pain have a direction that eases
their symptoms. A drill that takes the back further than the profile's
limit is swapped for an easier one in its chain within it, or left out; a nerve
tensioner is left out when leg pain reaches below the knee (a slider
stays). The same test answers whether an easier version may be offered at
a pain check, so no route puts a drill beyond the limit in front of a person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backcoach.content.model import EXTENTS, Drill, Profile

#: With only "eases" known, the opposite direction is limited to this.
IMPLIED_LIMIT = "small"
_OPPOSITE = {"flexion": "extension", "extension": "flexion"}
_MOVE_WORDS = {
    "flexion": "bending forward",
    "extension": "arching back",
    "rotation": "twisting",
    "side_bend": "bending sideways",
}


def limits(profile: Profile | None) -> dict[str, str]:
    """Movement -> furthest extent allowed: the profile's own limits, and
    for a profile that only says which way eases, the other way kept small
    (conservative: exercise in the easing direction did better than the opposite)."""
    if profile is None:
        return {}
    result = dict(profile.limits)
    opposite = _OPPOSITE.get(profile.eases)
    if opposite is not None and opposite not in result:
        result[opposite] = IMPLIED_LIMIT
    return result


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    rule: str = ""
    why: str = ""
    """Plain words: why the drill is not allowed (empty when it is)."""
    pending: bool = False
    """Allowed only until the leg answer is known: a tensioner when the leg reach is not known."""


def judge(drill: Drill, profile: Profile | None, leg: str | None) -> Verdict:
    """May ``drill`` be done today under ``profile`` with leg pain reaching ``leg`` (``None``: not known)?"""
    for movement, limit in limits(profile).items():
        extent = getattr(drill.direction, movement)
        if EXTENTS.index(extent) > EXTENTS.index(limit):
            words = _MOVE_WORDS[movement]
            return Verdict(
                False, "4.direction",
                f"it takes your back further into {words} ({extent}) than your profile allows ({limit})",
            )  # fmt: skip
    if drill.direction.nerve == "tensioner":
        reach = leg if leg is not None else (profile.leg if profile is not None else None)
        if reach == "below_knee":
            return Verdict(False, "4.nerve", "it stretches the sciatic nerve, and your leg pain reaches below the knee")
        if reach is None:
            return Verdict(
                True,
                "4.nerve",
                "it stretches the sciatic nerve: left out if leg pain reaches below the knee",
                pending=True,
            )
    return Verdict(True)


def may_offer(drill: Drill, profile: Profile | None, leg: str | None) -> bool:
    """Whether a pain check may offer ``drill`` as the easier version: the same
    filter as today's plan; a tensioner with the leg reach unknown is not offered."""
    verdict = judge(drill, profile, leg)
    return verdict.allowed and not verdict.pending


def chain_alternative(
    drill: Drill, profile: Profile | None, leg: str | None, library: Mapping[str, Drill]
) -> Drill | None:
    """The nearest easier drill in ``drill``'s chain that ``profile`` allows.

    Only easier ones: a swap for direction must never ask for more than the
    drill it replaces (on a flare day, in a locked program, on any day).
    """
    seen = {drill.id}
    current = drill
    while True:
        nxt = library.get(current.easier) if current.easier else None
        if nxt is None or nxt.id in seen:
            return None
        seen.add(nxt.id)
        if may_offer(nxt, profile, leg):
            return nxt
        current = nxt
