"""Timing one drill: the get-ready countdown, then its work, switch and rest
segments, each ending at a deadline on the injected clock.

Remaining time is always ``deadline - now``; a pause moves the deadline by
the paused span, and the next segment starts at the previous deadline (not
at the tick that noticed it), so late ticks never drift the session. The
timer also decides which sound cues fall due and counts the work done.
"""

from __future__ import annotations

from enum import Enum

from backcoach.coach.breathing import BreathState, breath_at
from backcoach.coach.clock import Clock
from backcoach.coach.plan import READY_SECONDS, Segment, plan_segments
from backcoach.content.model import Drill

LAST_SECONDS_TICKS = 3


class Cue(str, Enum):
    """Moments worth a sound."""

    EXHALE = "exhale"
    INHALE = "inhale"
    HOLD_START = "hold_start"
    HOLD_END = "hold_end"
    TICK = "tick"
    SWITCH_SIDES = "switch_sides"
    SESSION_COMPLETE = "session_complete"


class DrillTimer:
    def __init__(self, drill: Drill, clock: Clock, cues: list[Cue]) -> None:
        self.drill = drill
        self.clock = clock
        self.cues = cues
        self.segments: tuple[Segment, ...] = plan_segments(drill)
        self.ready = False
        self.running = False
        self.finished = False
        self.active_seconds = 0.0
        self.work_done = 0.0
        self.sets_done = 0
        self.reps_done = 0
        self._index = 0
        self._deadline: float | None = None
        self._paused_at: float | None = None
        self._last_phase: int | None = None
        self._next_tick_second = LAST_SECONDS_TICKS
        #: How long this drill's get-ready countdown is (set by ``start_ready``).
        self.ready_seconds = READY_SECONDS

    # ---- reading -----------------------------------------------------------

    @property
    def deadline(self) -> float | None:
        """When the current countdown ends, on the clock's time line."""
        return self._deadline

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def segment(self) -> Segment | None:
        if self.running and self._index < len(self.segments):
            return self.segments[self._index]
        return None

    @property
    def remaining(self) -> float:
        if self._deadline is None:
            return 0.0
        return max(0.0, self._deadline - self._moment())

    @property
    def segment_elapsed(self) -> float:
        if self._deadline is None:
            return 0.0
        seg = self.segment
        length = seg.seconds if seg else self.ready_seconds
        return min(length, max(0.0, length - (self._deadline - self._moment())))

    @property
    def breath(self) -> BreathState | None:
        """The breathing state during a reps work segment, else None."""
        seg = self.segment
        if seg is None or seg.kind != "work" or self.drill.kind != "reps":
            return None
        return breath_at(self.drill.breathing.phases, self.segment_elapsed, self.drill.dosage.reps)

    @property
    def complete(self) -> bool:
        """Was every planned second of work done?"""
        planned = sum(s.seconds for s in self.segments if s.kind == "work")
        return self.work_done >= planned - 1e-6

    # ---- driving -------------------------------------------------------------

    def start_ready(self, seconds: float = READY_SECONDS) -> None:
        self.ready = True
        self.ready_seconds = seconds
        self._deadline = self.clock.now() + seconds
        self._next_tick_second = LAST_SECONDS_TICKS

    def begin_now(self) -> None:
        """End the get-ready countdown now (``enter``: "I am in position")."""
        if self.ready:
            self._paused_at = None
            self._deadline = self.clock.now()

    def toggle_pause(self) -> None:
        now = self.clock.now()
        if self._paused_at is None:
            self._paused_at = now
            return
        if self._deadline is not None:
            self._deadline += now - self._paused_at
        self._paused_at = None

    def tick(self) -> None:
        """Advance past every deadline that has passed; queue the cues that fall due."""
        if self._paused_at is not None or self._deadline is None:
            return
        now = self.clock.now()
        if self.ready:
            self._tick_last_seconds(now)
            if now < self._deadline:
                return
            self.ready = False
            self.running = True
            self._start_segment(self._deadline)
        while self.running and self._deadline is not None:
            seg = self.segments[self._index]
            if now < self._deadline:
                self._cue_within(seg, now)
                return
            self._complete_segment(seg)
            end = self._deadline
            self._index += 1
            if self._index >= len(self.segments):
                self._stop()
                self.finished = True
                return
            self._start_segment(end)

    def stop(self) -> None:
        """Stop now (done early, skipped, swapped), counting the part already done."""
        seg = self.segment
        if seg is not None and seg.kind == "work":
            elapsed = self.segment_elapsed
            self.active_seconds += elapsed
            self.work_done += elapsed
            state = self.breath
            if state is not None:
                self.reps_done += state.reps_completed
        self._stop()

    # ---- internals ---------------------------------------------------------

    def _moment(self) -> float:
        return self._paused_at if self._paused_at is not None else self.clock.now()

    def _stop(self) -> None:
        self.ready = False
        self.running = False
        self._deadline = None
        self._paused_at = None

    def _start_segment(self, start: float) -> None:
        seg = self.segments[self._index]
        self._deadline = start + seg.seconds
        self._next_tick_second = LAST_SECONDS_TICKS
        self._last_phase = None
        kind = self.drill.kind
        if seg.kind == "switch":
            self.cues.append(Cue.SWITCH_SIDES)
        elif seg.kind == "work" and kind == "reps":
            self._last_phase = 0
            first = self.drill.breathing.phases[0]
            self.cues.append(Cue.EXHALE if first.breath == "exhale" else Cue.INHALE)
        elif seg.kind == "work":
            self.cues.append(Cue.HOLD_START)

    def _cue_within(self, seg: Segment, now: float) -> None:
        """Phase changes for reps; the last-seconds tick for everything timed."""
        if seg.kind == "work" and self.drill.kind == "reps":
            state = self.breath
            if state is not None and state.phase_index != self._last_phase:
                self._last_phase = state.phase_index
                self.cues.append(Cue.EXHALE if state.phase.breath == "exhale" else Cue.INHALE)
        else:
            self._tick_last_seconds(now)

    def _tick_last_seconds(self, now: float) -> None:
        if self._deadline is None or self._next_tick_second <= 0:
            return
        left = self._deadline - now
        if 0 < left <= self._next_tick_second:
            self.cues.append(Cue.TICK)
            self._next_tick_second = int(left - 1e-9) if left > 1 else 0

    def _complete_segment(self, seg: Segment) -> None:
        if seg.kind != "work":
            return
        self.active_seconds += seg.seconds
        self.work_done += seg.seconds
        if self.drill.kind == "reps":
            self.reps_done += self.drill.dosage.reps
        elif self.drill.kind != "per_side" or seg.side == 2:
            self.cues.append(Cue.HOLD_END)
        if seg.side in (0, 2):
            self.sets_done = seg.set_number
