"""What a session says about itself: its stages and an immutable view.

State flows one way: the engine changes only through its actions and
ticks, and after each one it hands out a fresh ``SessionView``. A screen
renders from the view it was given and nothing else, so it cannot read a
half-changed engine, cannot change the engine behind the runner's back,
and can be drawn in a test from a view built by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from backcoach.coach.breathing import BreathState
from backcoach.coach.pain import GateResult
from backcoach.coach.plan import Segment
from backcoach.coach.safety import SafetyOutcome, Waiver
from backcoach.coach.session_gate import GateSource
from backcoach.content.model import Drill, Program

if TYPE_CHECKING:
    from backcoach.coach.adapt import DrillPlan, TodayPlan
    from backcoach.coach.followup import FollowupDue
    from backcoach.coach.session import SessionEngine
    from backcoach.content.education import Card

__all__ = ["Difficulty", "EndReason", "LegReach", "SessionView", "Stage", "view_of"]


class Stage(str, Enum):
    SAFETY = "safety"
    SAFETY_STOP = "safety_stop"
    CHECKIN = "checkin"
    GATE = "gate"
    READY = "ready"
    WORK = "work"
    RATING = "rating"
    SUMMARY = "summary"


class Difficulty(str, Enum):
    TOO_EASY = "too_easy"
    ABOUT_RIGHT = "about_right"
    TOO_HARD = "too_hard"


class LegReach(str, Enum):
    """Where leg pain reaches today, asked at the check-in."""

    NONE = "none"
    THIGH = "thigh"
    BELOW_KNEE = "below_knee"


class EndReason(str, Enum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    STOPPED_PAIN = "stopped_pain"
    STOPPED_SAFETY = "stopped_safety"
    #: Closed from outside (the terminal went away, SIGTERM): see ``interrupt``.
    INTERRUPTED = "interrupted"


#: Drill record statuses, in the order the summary counts them. ``left_out``:
#: today's plan left the drill out (its direction or the leg, CLINICAL.md 4).
RECORD_STATUSES = ("done", "partial", "easier", "partial_easier", "skipped", "left_out")


@dataclass(frozen=True)
class SessionView:
    """Everything a session screen shows, as it stood after the last action or tick."""

    stage: Stage
    program: Program
    drill: Drill
    """The drill being done now (the easier version once one was chosen)."""
    planned_drill: Drill
    """The drill the program asks for at this point."""
    easier_drill: Drill | None
    """The easier version of ``drill``, at its dose (None: there is none)."""
    index: int
    # ---- the current drill's timer ----
    remaining: float
    """Seconds left in the ready countdown or the current segment."""
    paused: bool
    segment: Segment | None
    segment_elapsed: float
    breath: BreathState | None
    """The breathing state during a reps work segment, else None."""
    complete: bool
    """The whole dose of the current drill was done."""
    ready_seconds: float
    """The length of this drill's get-ready countdown."""
    first_ready: bool
    """No drill has started yet: this get-ready is the longer, first one."""
    # ---- safety and pain ----
    background: Mapping[str, bool] | None
    waivers: Mapping[str, Waiver]
    """"Already checked" answers still standing, shown pre-marked."""
    safety_outcome: SafetyOutcome | None
    checkin_pain: int | None
    leg_today: LegReach | None
    followup_due: FollowupDue | None
    """The follow-up question is asked first at this check-in (until answered)."""
    followup_answered: bool
    gate_result: GateResult | None
    """The standing pain check before the current drill, until a choice is made."""
    gate_source: GateSource | None
    """How the standing pain-check score was given (typed, the check-in's, repeated)."""
    last_gate_pain: int | None
    last_gate: Mapping[str, Any] | None
    red_gates: int
    leg_spreads: int
    # ---- the session as a whole ----
    demo: bool
    """Saved as a demo (a clinic demo or a sped-up session): never in a streak."""
    speed: float
    """How fast the session's clock runs (a clinic demo changes it live)."""
    end_reason: EndReason | None
    records: tuple[Mapping[str, Any], ...]
    """One record per drill finished, skipped or ended, in order."""
    plan: TodayPlan | None = None
    """Today's plan (the adaptive coach), from the check-in on; ``None`` without one."""
    next_plan: TodayPlan | None = None
    """The next session's plan as known when this one ended."""
    card: Card | None = None
    """The pain education card to show now (see ``coach.education``): the
    runner deals it, the engine knows nothing of cards."""

    @property
    def drill_count(self) -> int:
        return len(self.program.items)

    @property
    def drill_plan(self) -> DrillPlan | None:
        """Today's plan for the program's drill at this point."""
        return self.plan.drills[self.index] if self.plan is not None else None

    @property
    def next_drill(self) -> Drill | None:
        """The drill after this one as today's plan has it (None after the last)."""
        for following in range(self.index + 1, self.drill_count):
            if self.plan is None:
                return self.program.items[following].drill
            today = self.plan.drills[following].today_drill
            if today is not None:
                return today
        return None

    @property
    def sets_total(self) -> int:
        return max(self.drill.dosage.sets, 1)

    @property
    def counting_down(self) -> bool:
        """The ready countdown or a drill is running (not paused): a dialog must pause it."""
        return self.stage in (Stage.READY, Stage.WORK) and not self.paused

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(RECORD_STATUSES, 0)
        for record in self.records:
            counts[record["status"]] += 1
        return counts

    @property
    def active_seconds(self) -> float:
        return sum(float(r["active_seconds"]) for r in self.records)


def view_of(engine: SessionEngine) -> SessionView:
    """The engine as it stands, copied: nothing in the view changes with it."""
    timer = engine.timer
    last_gate = engine.last_gate
    return SessionView(
        stage=engine.stage,
        program=engine.program,
        drill=engine.drill,
        planned_drill=engine.planned_drill,
        easier_drill=engine.easier_drill,
        index=engine.index,
        remaining=timer.remaining,
        paused=timer.paused,
        segment=timer.segment,
        segment_elapsed=timer.segment_elapsed,
        breath=timer.breath,
        complete=timer.complete,
        ready_seconds=timer.ready_seconds,
        first_ready=not engine.worked,
        background=None if engine.background is None else MappingProxyType(dict(engine.background)),
        waivers=MappingProxyType(dict(engine.waivers)),
        safety_outcome=engine.safety_outcome,
        checkin_pain=engine.checkin_pain,
        leg_today=engine.leg_today,
        followup_due=engine.followup_due,
        followup_answered=engine.followup is not None,
        gate_result=engine.gate_result,
        gate_source=engine.gate_source,
        last_gate_pain=engine.last_gate_pain,
        last_gate=None if last_gate is None else MappingProxyType(dict(last_gate)),
        red_gates=engine.red_gates,
        leg_spreads=engine.leg_spreads,
        demo=engine.demo,
        speed=engine.clock.speed,
        end_reason=engine.end_reason,
        records=tuple(MappingProxyType(dict(record)) for record in engine.records),
        plan=engine.plan,
        next_plan=engine.next_plan,
    )
