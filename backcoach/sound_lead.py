"""Start a cue early by the player's start-up latency, so it lands on its moment.

Phase changes are deadlines known in advance. A player takes a while from
launch to sound (``paplay`` ~10 ms, ``gst-play-1.0`` ~56 ms), and the engine
only queues a cue once its tick has seen the moment pass. So the runner asks
``CueLead`` shortly before each moment which cues will fall due, and when,
and starts them ``lead`` seconds before; when the engine then queues them,
``take`` drops the ones already playing.

What the timer will do is found by ticking shallow copies of it at chosen
times on a stopped clock (``DrillTimer.tick`` only rebinds its own fields
and appends to its cue list, which the copy gets fresh), and the moment a
cue first falls due is narrowed down by bisection. Pure: no threads, no I/O.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from backcoach.coach.timer import DrillTimer

#: How finely the moment of a cue is found (clock seconds).
RESOLUTION = 0.0005
#: A cue started early is matched to the engine's own up to this long after its
#: moment (a busy machine's tick can be late), and under the 1 s between ticks.
MATCH_WINDOW = 0.9


@dataclass
class _StoppedClock:
    at: float
    speed: float

    def now(self) -> float:
        return self.at


def cues_at(timer: DrillTimer, moment: float) -> tuple[str, ...]:
    """The cues ``timer`` would queue if it were ticked at ``moment`` (it is not changed)."""
    probe = copy.copy(timer)
    probe.clock = _StoppedClock(moment, timer.clock.speed)
    probe.cues = []
    probe.tick()
    return tuple(cue.value for cue in probe.cues)


def next_cues(timer: DrillTimer, now: float, horizon: float) -> tuple[float, tuple[str, ...]] | None:
    """When, within ``horizon`` after ``now``, the timer next queues cues, and which; else None.

    None too when cues are due already (the next tick plays them) or the
    timer is paused or stopped (nothing is known in advance then).
    """
    if timer.paused or timer.deadline is None or cues_at(timer, now):
        return None
    late = now + horizon
    if not cues_at(timer, late):
        return None
    early = now
    while late - early > RESOLUTION:
        middle = (early + late) / 2
        if cues_at(timer, middle):
            late = middle
        else:
            early = middle
    return late, cues_at(timer, late)


class CueLead:
    """The runner's memory of the cues it plans to start early, and has."""

    def __init__(self) -> None:
        self._planned: tuple[float, tuple[str, ...]] | None = None
        self._early: list[tuple[str, float]] = []
        #: The latest moment whose cues were started early: a tick between the
        #: early start and the moment itself must not start them again.
        self._started_for = float("-inf")

    @property
    def planned(self) -> tuple[float, tuple[str, ...]] | None:
        return self._planned

    def plan(self, timer: DrillTimer, now: float, lead: float, horizon: float) -> float | None:
        """Clock seconds from ``now`` until the next cue should start (``lead`` before
        its moment), or None if none falls due within ``horizon``."""
        found = next_cues(timer, now, horizon)
        if found is not None and found[0] <= self._started_for + RESOLUTION:
            found = None
        self._planned = found
        if found is None:
            return None
        return max(0.0, found[0] - lead - now)

    def fire(self, timer: DrillTimer, now: float) -> tuple[str, ...]:
        """The planned cues to start now, if the timer still says they come when
        planned (not paused, skipped, sped up or ended in between)."""
        planned, self._planned = self._planned, None
        if planned is None:
            return ()
        moment, cues = planned
        again = next_cues(timer, now, max(moment - now, 0.0) + 2 * RESOLUTION)
        if again is None or abs(again[0] - moment) > 2 * RESOLUTION or again[1] != cues:
            return ()
        self._early.extend((cue, moment) for cue in cues)
        self._started_for = moment
        return cues

    def take(self, cues: Sequence[str], now: float) -> list[str]:
        """The engine's queued ``cues`` less those already started early for this moment."""
        self._early = [(cue, moment) for cue, moment in self._early if moment >= now - MATCH_WINDOW]
        left: list[str] = []
        for cue in cues:
            match = next((entry for entry in self._early if entry[0] == cue and entry[1] <= now + MATCH_WINDOW), None)
            if match is None:
                left.append(cue)
            else:
                self._early.remove(match)
        return left
