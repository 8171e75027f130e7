"""The pain gate: traffic-light bands on the 0-10 numeric rating scale.

Implemented exactly as ``DESIGN.md`` states (pain-monitoring model):
0-3 green, 4-5 amber, 6-7 red, 8-10 stop; a rise of 2 or more points over
the session's check-in moves a reading one band up; a program's stricter
``pain_limit`` treats any score above it as red at least; two red-or-stop
gates in one session end it. ``CLINICAL.md`` section 2 adds leg symptoms
(pain spreading further down a leg makes that gate the stop band, and a
second spread ends the session) and safe defaults (where a band suggests
ending, ending is the first choice, the one ``enter`` takes). A ``locked`` program (doses set by a
physiotherapist) also points to the easier version in the green band, so
the person always sees a way to do less and is never offered more.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MIN_SCORE = 0
MAX_SCORE = 10
#: The default limit: scores above it are red or worse.
DEFAULT_PAIN_LIMIT = 5
#: The smallest change on the 0-10 scale that matters to a person.
MEANINGFUL_RISE = 2
#: A check-in at or above this suggests not doing the full session today.
HIGH_CHECKIN = 8
#: This many red-or-stop gates end the session.
RED_GATES_TO_END = 2
#: This many reports of pain spreading further down a leg end the session.
LEG_SPREADS_TO_END = 2


class Band(str, Enum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    STOP = "stop"

    @property
    def label(self) -> str:
        return _BAND_LABELS[self]

    def raised(self) -> Band:
        """One band up; stop stays stop."""
        order = list(Band)
        return order[min(order.index(self) + 1, len(order) - 1)]

    @property
    def is_red_or_worse(self) -> bool:
        return self in (Band.RED, Band.STOP)


_BAND_LABELS = {
    Band.GREEN: "Green: fine to go",
    Band.AMBER: "Amber: acceptable, go gently",
    Band.RED: "Red: no full dose today",
    Band.STOP: "Stop: skip this drill",
}


#: The bands whose advice points at the easier version, unlocked / locked.
_OFFERS_EASIER = {
    False: frozenset({Band.AMBER, Band.RED}),
    True: frozenset({Band.GREEN, Band.AMBER, Band.RED}),
}


def offers_easier(band: Band, locked: bool) -> bool:
    """Whether this band's advice points at the easier version (where a drill has one)."""
    return band in _OFFERS_EASIER[locked]


class GateChoice(str, Enum):
    GO = "go"
    EASIER = "easier"
    SKIP = "skip"
    END = "end"


def check_score(score: int) -> int:
    """Reject anything that is not a whole score from 0 to 10."""
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError(f"pain score must be a whole number, got {score!r}")
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise ValueError(f"pain score must be between 0 and 10, got {score}")
    return score


def band_for_score(score: int) -> Band:
    """The band of a score on its own, before any rise or program limit."""
    check_score(score)
    if score <= 3:
        return Band.GREEN
    if score <= 5:
        return Band.AMBER
    if score <= 7:
        return Band.RED
    return Band.STOP


def pain_word(score: int) -> str:
    """The plain word shown beside a score (never colour alone)."""
    check_score(score)
    if score == 0:
        return "none"
    if score <= 3:
        return "mild"
    if score <= 6:
        return "moderate"
    return "severe"


@dataclass(frozen=True)
class GateResult:
    score: int
    band: Band
    rose: bool
    over_limit: bool
    choices: tuple[GateChoice, ...]
    #: Whether the advice should point at the easier version. A green gate
    #: may list it among the choices without recommending it.
    easier_offered: bool
    suggest_end: bool
    #: The person said the pain has spread further down a leg.
    leg_spread: bool = False
    #: This gate ends the session (a second red-or-stop gate, or a second
    #: spread down the leg): the only choice left is to end it.
    ends_session: bool = False
    #: It ends the session because this is the second spread down the leg
    #: (otherwise, when it ends it, because of the second red-or-stop gate).
    ends_for_leg: bool = False


def gate_band(
    score: int, checkin: int | None, pain_limit: int | None = None
) -> tuple[Band, bool, bool]:
    """The effective band for a gate reading, and whether the rise or limit applied."""
    band = band_for_score(score)
    limit = DEFAULT_PAIN_LIMIT if pain_limit is None else min(pain_limit, DEFAULT_PAIN_LIMIT)
    over_limit = score > limit and not band.is_red_or_worse
    if over_limit:
        band = Band.RED
    rose = checkin is not None and score - checkin >= MEANINGFUL_RISE
    if rose:
        band = band.raised()
    return band, rose, over_limit


def evaluate_gate(
    score: int,
    checkin: int | None,
    has_easier: bool,
    pain_limit: int | None = None,
    *,
    locked: bool = False,
    leg_spread: bool = False,
    red_gates_before: int = 0,
    leg_spreads_before: int = 0,
) -> GateResult:
    """What a person may do next, given a gate reading.

    green: go; amber: go, with the easier version offered; red: the full dose
    is blocked, so easier (where one exists) or skip; stop: the drill is
    skipped and ending the session is suggested, so ending comes first (the
    safe default) and carrying on is the deliberate other key. A spread down
    the leg counts as the stop band. Skipping and ending are always allowed:
    doing less is never unsafe. ``locked`` only widens the offer of the
    easier version to green; it never loosens a band. ``red_gates_before``
    and ``leg_spreads_before`` are this session's earlier gates, so the gate
    that would end the session says so before anything is recorded.
    """
    band, rose, over_limit = gate_band(score, checkin, pain_limit)
    if leg_spread:
        band = Band.STOP
    ends_for_leg = leg_spreads_before + int(leg_spread) >= LEG_SPREADS_TO_END
    ends = ends_for_leg or gates_end_session(red_gates_before + int(band.is_red_or_worse))
    if ends:
        choices = [GateChoice.END]
    elif band in (Band.GREEN, Band.AMBER):
        choices = [GateChoice.GO]
        if has_easier:
            choices.append(GateChoice.EASIER)
        choices += [GateChoice.SKIP, GateChoice.END]
    elif band is Band.RED:
        choices = [GateChoice.EASIER] if has_easier else []
        choices += [GateChoice.SKIP, GateChoice.END]
    else:
        choices = [GateChoice.END, GateChoice.SKIP]
    return GateResult(
        score=score,
        band=band,
        rose=rose,
        over_limit=over_limit,
        choices=tuple(choices),
        easier_offered=has_easier and offers_easier(band, locked) and not ends,
        suggest_end=band is Band.STOP or ends,
        leg_spread=leg_spread,
        ends_session=ends,
        ends_for_leg=ends_for_leg,
    )


def checkin_suggests_rest(score: int) -> bool:
    """A check-in of 8 or more suggests not doing the full session today."""
    return check_score(score) >= HIGH_CHECKIN


def gates_end_session(red_or_worse_gates: int) -> bool:
    return red_or_worse_gates >= RED_GATES_TO_END
