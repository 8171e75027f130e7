"""The session engine: a whole guided session as a state machine.

The UI forwards key presses and clock ticks here and renders ``stage`` and
the timing properties; it never decides anything itself. The engine does no
I/O: what must be saved is queued in ``outbox`` and sounds to play are queued
in ``cues``, and the caller drains both. Time comes only from the injected
``Clock`` as deadlines, so a stalled frame or a pause never drifts a timer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Mapping

from backcoach.coach.breathing import BreathState, breath_at
from backcoach.coach.clock import Clock
from backcoach.coach.pain import (
    GateChoice,
    GateResult,
    check_score,
    evaluate_gate,
    gates_end_session,
)
from backcoach.coach.plan import READY_SECONDS, Segment, plan_segments, planned_dose
from backcoach.coach.safety import SafetyOutcome, assess
from backcoach.content.model import Drill, Program
from backcoach.store.timefmt import now_iso

LAST_SECONDS_TICKS = 3


class Stage(str, Enum):
    SAFETY = "safety"
    SAFETY_STOP = "safety_stop"
    CHECKIN = "checkin"
    GATE = "gate"
    INTRO = "intro"
    READY = "ready"
    WORK = "work"
    RATING = "rating"
    SUMMARY = "summary"


class Cue(str, Enum):
    """Moments worth a sound."""

    EXHALE = "exhale"
    INHALE = "inhale"
    HOLD_START = "hold_start"
    HOLD_END = "hold_end"
    TICK = "tick"
    SWITCH_SIDES = "switch_sides"
    SESSION_COMPLETE = "session_complete"


class Difficulty(str, Enum):
    TOO_EASY = "too_easy"
    ABOUT_RIGHT = "about_right"
    TOO_HARD = "too_hard"


class EndReason(str, Enum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    STOPPED_PAIN = "stopped_pain"
    STOPPED_SAFETY = "stopped_safety"


@dataclass(frozen=True)
class JournalEvent:
    """Something the caller must persist, in order."""

    action: str
    """``start``, ``update``, ``drill`` or ``finish``."""
    data: dict[str, Any]


class InvalidAction(RuntimeError):
    """A key arrived in a stage where it means nothing (a UI bug, not a user error)."""


class SessionEngine:
    def __init__(
        self,
        program: Program,
        clock: Clock,
        *,
        easier_of: Callable[[Drill], Drill | None],
        needs_safety_check: bool = True,
        demo: bool = False,
        wall_time: Callable[[], str] = now_iso,
    ) -> None:
        if not program.items:
            raise ValueError("a program needs at least one drill")
        self.program = program
        self.clock = clock
        self.demo = demo
        self._easier_of = easier_of
        self._wall_time = wall_time
        self.session_id = uuid.uuid4().hex
        self.stage = Stage.SAFETY if needs_safety_check else Stage.CHECKIN
        self.safety_outcome: SafetyOutcome | None = None
        self.safety_answers: dict[str, bool] | None = None
        self.checkin_pain: int | None = None
        self.last_gate_pain: int | None = None
        self.end_reason: EndReason | None = None
        self.red_gates = 0
        self.records: list[dict[str, Any]] = []
        self.outbox: list[JournalEvent] = []
        self.cues: list[Cue] = []
        self.index = 0
        self.gate_result: GateResult | None = None
        self._drill: Drill = program.items[0].drill
        self._replaced_by: str | None = None
        self._started = False
        self._reset_timing()
        if not needs_safety_check:
            self._start_journal()

    # ---- what the UI reads -------------------------------------------------

    @property
    def drill(self) -> Drill:
        """The drill being done now (the easier version once one was chosen)."""
        return self._drill

    @property
    def planned_drill(self) -> Drill:
        return self.program.items[self.index].drill

    @property
    def easier_drill(self) -> Drill | None:
        return self._easier_of(self._drill)

    @property
    def drill_count(self) -> int:
        return len(self.program.items)

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self._segments

    @property
    def segment(self) -> Segment | None:
        if self.stage is Stage.WORK and self._segment_index < len(self._segments):
            return self._segments[self._segment_index]
        return None

    def _moment(self) -> float:
        return self._paused_at if self._paused_at is not None else self.clock.now()

    @property
    def remaining(self) -> float:
        """Seconds left in the ready countdown or the current segment."""
        if self._deadline is None:
            return 0.0
        return max(0.0, self._deadline - self._moment())

    @property
    def segment_elapsed(self) -> float:
        if self._deadline is None:
            return 0.0
        length = self.segment.seconds if self.segment else READY_SECONDS
        return min(length, max(0.0, length - (self._deadline - self._moment())))

    @property
    def breath(self) -> BreathState | None:
        """The breathing state during a reps work segment, else None."""
        seg = self.segment
        if seg is None or seg.kind != "work" or self._drill.kind != "reps":
            return None
        return breath_at(self._drill.breathing.phases, self.segment_elapsed, self._drill.dosage.reps)

    @property
    def sets_total(self) -> int:
        return max(self._drill.dosage.sets, 1)

    # ---- safety and check-in ------------------------------------------------

    def answer_safety(self, answers: Mapping[str, bool]) -> SafetyOutcome:
        self._expect(Stage.SAFETY)
        outcome = assess(answers)
        self.safety_answers = dict(answers)
        self.safety_outcome = outcome
        self._start_journal()
        if outcome is SafetyOutcome.CLEAR:
            self.stage = Stage.CHECKIN
        else:
            self.stage = Stage.SAFETY_STOP
            self._finish(EndReason.STOPPED_SAFETY)
        return outcome

    def checkin(self, score: int) -> None:
        self._expect(Stage.CHECKIN)
        self.checkin_pain = check_score(score)
        self.outbox.append(JournalEvent("update", {"checkin_pain": score}))
        self.stage = Stage.GATE

    # ---- the pain gate -------------------------------------------------------

    def gate(self, score: int) -> GateResult:
        """Rate pain before the current drill; the choices follow from the band."""
        self._expect(Stage.GATE)
        if self.gate_result is not None:
            raise InvalidAction("this drill's pain check was already answered")
        check_score(score)
        has_easier = self._easier_of(self.planned_drill) is not None
        result = evaluate_gate(score, self.checkin_pain, has_easier, self.program.pain_limit)
        self.gate_result = result
        self.last_gate_pain = score
        if result.band.is_red_or_worse:
            self.red_gates += 1
            if gates_end_session(self.red_gates):
                self._record("skipped")
                self._finish(EndReason.STOPPED_PAIN)
        return result

    def choose(self, choice: GateChoice) -> None:
        self._expect(Stage.GATE)
        result = self.gate_result
        if result is None:
            raise InvalidAction("rate pain before choosing")
        if choice not in result.choices:
            raise InvalidAction(f"{choice.value} is not allowed in the {result.band.value} band")
        if choice is GateChoice.GO:
            self.stage = Stage.INTRO
        elif choice is GateChoice.EASIER:
            self._switch_to_easier()
        elif choice is GateChoice.SKIP:
            self._record("skipped")
            self._next_drill()
        else:
            self._record("skipped")
            self._finish(EndReason.ENDED_EARLY)

    # ---- doing a drill -----------------------------------------------------

    def begin(self) -> None:
        """Leave the intro: start the get-ready countdown."""
        self._expect(Stage.INTRO)
        self.stage = Stage.READY
        self._deadline = self.clock.now() + READY_SECONDS
        self._next_tick_second = LAST_SECONDS_TICKS

    def toggle_pause(self) -> None:
        self._expect(Stage.READY, Stage.WORK)
        now = self.clock.now()
        if self._paused_at is None:
            self._paused_at = now
        else:
            if self._deadline is not None:
                self._deadline += now - self._paused_at
            self._paused_at = None

    def tick(self) -> None:
        """Advance past every deadline that has passed; queue the cues that fall due."""
        if self.stage not in (Stage.READY, Stage.WORK) or self._paused_at is not None:
            return
        now = self.clock.now()
        if self.stage is Stage.READY:
            self._tick_last_seconds(now)
            if self._deadline is not None and now >= self._deadline:
                self._enter_work(self._deadline)
            else:
                return
        self._advance_work(now)

    def done(self) -> None:
        """Finish this drill now (``n``): count what was done, then rate it."""
        self._expect(Stage.WORK, Stage.READY)
        self._bank_active_time()
        self._deadline = None
        self._paused_at = None
        self.stage = Stage.RATING

    def skip(self) -> None:
        self._expect(Stage.INTRO, Stage.READY, Stage.WORK)
        self._bank_active_time()
        self._record("skipped")
        self._next_drill()

    def easier(self) -> None:
        """Swap in the easier version (``e``) and go back to its intro."""
        self._expect(Stage.INTRO, Stage.READY, Stage.WORK)
        if self.easier_drill is None:
            raise InvalidAction(f"{self._drill.name} has no easier version")
        self._bank_active_time()
        self._switch_to_easier()

    def rate(self, difficulty: Difficulty) -> None:
        self._expect(Stage.RATING)
        status = self._completion_status()
        self._record(status, difficulty)
        self._next_drill()

    def end_session(self) -> None:
        """End now (confirmed by the user); the drill in progress counts as partial."""
        if self.stage in (Stage.SUMMARY, Stage.SAFETY_STOP):
            return
        if self.stage in (Stage.READY, Stage.WORK, Stage.RATING):
            self._bank_active_time()
            self._record(self._completion_status())
        elif self.stage in (Stage.GATE, Stage.INTRO) and self.gate_result is not None:
            self._record("skipped")
        if not self._started:
            self.stage = Stage.SUMMARY
            self.end_reason = EndReason.ENDED_EARLY
            return
        self._finish(EndReason.ENDED_EARLY)

    # ---- summary -----------------------------------------------------------

    def counts(self) -> dict[str, int]:
        counts = {"done": 0, "partial": 0, "easier": 0, "skipped": 0}
        for record in self.records:
            counts[record["status"]] += 1
        return counts

    @property
    def active_seconds(self) -> float:
        return sum(float(r["active_seconds"]) for r in self.records)

    # ---- internals ---------------------------------------------------------

    def _expect(self, *stages: Stage) -> None:
        if self.stage not in stages:
            names = " or ".join(s.value for s in stages)
            raise InvalidAction(f"expected stage {names}, not {self.stage.value}")

    def _reset_timing(self) -> None:
        self._segments: tuple[Segment, ...] = plan_segments(self._drill)
        self._segment_index = 0
        self._deadline: float | None = None
        self._paused_at: float | None = None
        self._active = 0.0
        self._work_done = 0.0
        self._sets_done = 0
        self._reps_done = 0
        self._last_phase: int | None = None
        self._next_tick_second = LAST_SECONDS_TICKS

    def _switch_to_easier(self) -> None:
        easier = self.easier_drill
        if easier is None:
            raise InvalidAction(f"{self._drill.name} has no easier version")
        self._drill = easier
        self._replaced_by = easier.id
        banked = self._active
        self._reset_timing()
        self._active = banked
        self.stage = Stage.INTRO

    def _enter_work(self, start: float) -> None:
        self.stage = Stage.WORK
        self._segment_index = 0
        self._start_segment(start)

    def _start_segment(self, start: float) -> None:
        seg = self._segments[self._segment_index]
        self._deadline = start + seg.seconds
        self._next_tick_second = LAST_SECONDS_TICKS
        self._last_phase = None
        if seg.kind == "switch" or (seg.kind == "work" and seg.side == 2 and self._drill.kind == "per_side"):
            self.cues.append(Cue.SWITCH_SIDES)
        elif seg.kind == "work" and self._drill.kind == "reps":
            self._last_phase = 0
            first = self._drill.breathing.phases[0]
            self.cues.append(Cue.EXHALE if first.breath == "exhale" else Cue.INHALE)
        elif seg.kind == "work":
            self.cues.append(Cue.HOLD_START)

    def _advance_work(self, now: float) -> None:
        while self.stage is Stage.WORK and self._deadline is not None:
            seg = self._segments[self._segment_index]
            if now < self._deadline:
                self._cue_within(seg, now)
                return
            self._complete_segment(seg)
            end = self._deadline
            self._segment_index += 1
            if self._segment_index >= len(self._segments):
                self._deadline = None
                self.stage = Stage.RATING
                return
            self._start_segment(end)

    def _cue_within(self, seg: Segment, now: float) -> None:
        """Phase changes for reps; the last-seconds tick for everything timed."""
        if seg.kind == "work" and self._drill.kind == "reps":
            state = self.breath
            if state is not None and state.phase_index != self._last_phase:
                self._last_phase = state.phase_index
                self.cues.append(Cue.EXHALE if state.phase.breath == "exhale" else Cue.INHALE)
        else:
            self._tick_last_seconds(now)

    def _tick_last_seconds(self, now: float) -> None:
        if self._deadline is None:
            return
        left = self._deadline - now
        if 0 < left <= self._next_tick_second and self._next_tick_second > 0:
            self.cues.append(Cue.TICK)
            self._next_tick_second = int(left - 1e-9) if left > 1 else 0

    def _complete_segment(self, seg: Segment) -> None:
        if seg.kind != "work":
            return
        self._active += seg.seconds
        self._work_done += seg.seconds
        if self._drill.kind == "reps":
            self._reps_done += self._drill.dosage.reps
        elif self._drill.kind != "per_side" or seg.side == 2:
            self.cues.append(Cue.HOLD_END)
        if seg.side in (0, 2):
            self._sets_done = seg.set_number

    def _bank_active_time(self) -> None:
        """Count the part of the current work segment already done."""
        seg = self.segment
        if seg is not None and seg.kind == "work":
            elapsed = self.segment_elapsed
            self._active += elapsed
            self._work_done += elapsed
            if self._drill.kind == "reps":
                state = self.breath
                if state is not None:
                    self._reps_done += state.reps_completed
        self._deadline = None

    def _completion_status(self) -> str:
        if self._replaced_by is not None:
            return "easier"
        planned_work = sum(s.seconds for s in self._segments if s.kind == "work")
        return "done" if self._work_done >= planned_work - 1e-6 else "partial"

    def _record(self, status: str, difficulty: Difficulty | None = None) -> None:
        gate = self.gate_result
        record = {
            "drill_id": self.planned_drill.id,
            "replaced_by": self._replaced_by,
            "planned": planned_dose(self._drill),
            "status": status,
            "gate_pain": gate.score if gate else None,
            "gate_band": gate.band.value if gate else None,
            "difficulty": difficulty.value if difficulty else None,
            "active_seconds": round(self._active, 1),
            "reps_done": self._reps_done,
            "sets_done": self._sets_done,
        }
        self.records.append(record)
        self.outbox.append(JournalEvent("drill", record))

    def _next_drill(self) -> None:
        self.index += 1
        self.gate_result = None
        self._replaced_by = None
        if self.index >= len(self.program.items):
            self.index = len(self.program.items) - 1
            self._finish(EndReason.COMPLETED)
            return
        self._drill = self.planned_drill
        self._reset_timing()
        self.stage = Stage.GATE

    def _start_journal(self) -> None:
        self._started = True
        self.outbox.append(
            JournalEvent(
                "start",
                {
                    "id": self.session_id,
                    "program": {"id": self.program.id, "name": self.program.name},
                    "started_at": self._wall_time(),
                    "ended_at": None,
                    "status": "running",
                    "demo": self.demo,
                    "speed": float(getattr(self.clock, "speed", 1.0)),
                    "checkin_pain": None,
                    "final_pain": None,
                    "safety": {"answers": self.safety_answers} if self.safety_answers else None,
                    "drills": [],
                },
            )
        )

    def _finish(self, reason: EndReason) -> None:
        self.end_reason = reason
        self._deadline = None
        self._paused_at = None
        if reason is not EndReason.STOPPED_SAFETY:
            self.stage = Stage.SUMMARY
        if reason is EndReason.COMPLETED:
            self.cues.append(Cue.SESSION_COMPLETE)
        self.outbox.append(
            JournalEvent(
                "finish",
                {
                    "status": reason.value,
                    "ended_at": self._wall_time(),
                    "final_pain": self.last_gate_pain,
                },
            )
        )
