"""Clocks the session engine reads time from.

The engine never counts ticks: it stores deadlines and asks a clock for the
current monotonic time. Injecting the clock is what lets the tests run a
whole session in milliseconds and what makes demo speed a one-line change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

#: The demo speeds ``+`` and ``-`` step through.
DEMO_SPEEDS: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)


class Clock(Protocol):
    """A monotonic ``now()`` in seconds, running ``speed`` times real time.

    ``speed`` is part of the protocol, not a guess: the runner turns a
    deadline on this clock into a real delay with it, and the journal
    records it, so every clock must say how fast it runs.
    """

    speed: float

    def now(self) -> float: ...


def next_speed(speed: float, step: int) -> float:
    """The next demo speed up (``step`` > 0) or down, stopping at the ends."""
    if step > 0:
        faster = [s for s in DEMO_SPEEDS if s > speed]
        return faster[0] if faster else DEMO_SPEEDS[-1]
    slower = [s for s in DEMO_SPEEDS if s < speed]
    return slower[-1] if slower else DEMO_SPEEDS[0]


class MonotonicClock:
    """Real time, from ``time.monotonic``."""

    speed: float = 1.0

    def now(self) -> float:
        return time.monotonic()


class ScaledClock:
    """Real time running ``speed`` times faster, for demos and clinics.

    The speed can change mid-session (a physio pressing ``+``) without a jump:
    the scaled time is re-anchored at the moment of the change.
    """

    def __init__(self, speed: float, source: Callable[[], float] = time.monotonic) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._source = source
        self._origin_real = source()
        self._origin_scaled = self._origin_real
        self.speed = float(speed)

    def now(self) -> float:
        return self._origin_scaled + (self._source() - self._origin_real) * self.speed

    def set_speed(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        now = self.now()
        self._origin_real = self._source()
        self._origin_scaled = now
        self.speed = float(speed)


class FakeClock:
    """A clock that moves only when told to; for tests."""

    speed: float = 1.0

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._now += seconds
