"""The session engine: a whole guided session as a state machine.

The UI forwards key presses and clock ticks here and renders the immutable
``view()`` it hands out after each; it never decides anything itself. The
engine does no I/O: it builds the session document itself (``document()``),
queues a ``SessionSave`` of the whole of it in ``outbox`` at every moment it
must reach disk, and queues sounds to play in ``cues``; the caller drains
both. Time comes only from the injected ``Clock`` as deadlines, so a stalled
frame or a pause never drifts a timer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from backcoach.coach.adapt import DrillPlan, Planner, TodayPlan
from backcoach.coach.clock import Clock
from backcoach.coach.followup import FollowupDue
from backcoach.coach.pain import (
    Band,
    GateChoice,
    GateResult,
    check_score,
    checkin_suggests_rest,
    evaluate_gate,
)
from backcoach.coach.plan import READY_SECONDS
from backcoach.coach.record import SessionSave, document_of, gate_record
from backcoach.coach.safety import SafetyOutcome, Waiver
from backcoach.coach.session_checkin import BeforeTheDrills, InvalidAction
from backcoach.coach.session_gate import GateSource, PendingOne, starts_on_its_own
from backcoach.coach.session_position import ProgramPosition
from backcoach.coach.session_view import Difficulty, EndReason, LegReach, SessionView, Stage, view_of
from backcoach.coach.timer import Cue, DrillTimer
from backcoach.content.model import Drill, Program

__all__ = [
    "Cue",
    "Difficulty",
    "EndReason",
    "GateSource",
    "InvalidAction",
    "LegReach",
    "SessionEngine",
    "SessionSave",
    "SessionView",
    "Stage",
]


class SessionEngine(BeforeTheDrills):
    """The whole session: the stages before the first drill are ``BeforeTheDrills``'s
    (``coach.session_checkin``), the pain checks, the drills and the record are here."""

    def __init__(
        self,
        program: Program,
        clock: Clock,
        *,
        easier_of: Callable[[Drill], Drill | None],
        needs_safety_check: bool = True,
        background: Mapping[str, bool] | None = None,
        waivers: Mapping[str, Waiver] | None = None,
        followup_due: FollowupDue | None = None,
        planner: Planner | None = None,
        demo: bool = False,
        wall_time: Callable[[], str],
        ready_seconds: float = READY_SECONDS,
        first_ready_seconds: float | None = None,
        program_hash: str | None = None,
    ) -> None:
        """``wall_time`` gives the local time for ``started_at``/``ended_at``
        (an ISO 8601 string with its offset).

        It is the caller's (the app passes the store's ``now_iso``) so the
        engine reads no wall clock and knows nothing of the journal's format.
        ``planner`` is the adaptive coach: with one, each drill is done at
        today's dose from the check-in on; without one (a clinic demo of a
        single drill), at the program's. ``ready_seconds`` is each drill's
        get-ready countdown (the person's setting), ``first_ready_seconds``
        the first one's, while they still get down to the floor (default: the same).
        ``program_hash`` is the program's content hash
        (``content.program_hash``), recorded with the session so a report can
        tell when the program changed; the caller computes it because the
        hash is taken over the program file's text, which the coach never writes.
        """
        if not program.items:
            raise ValueError("a program needs at least one drill")
        self.program = program
        self.program_hash = program_hash
        self.clock = clock
        self.demo = demo
        self._wall_time = wall_time
        self.session_id = uuid.uuid4().hex
        self.stage = Stage.SAFETY if needs_safety_check else Stage.CHECKIN
        self.background = dict(background) if background is not None else None
        #: "Already checked" answers still standing, shown pre-marked.
        self.waivers = dict(waivers or {})
        #: The follow-up question is asked at this check-in (see ``coach.followup``).
        self.followup_due = followup_due
        self.followup: dict[str, Any] | None = None
        self._planner = planner
        #: Today's plan, from the check-in on; the next session's, once this one ends.
        self.plan: TodayPlan | None = None
        self.next_plan: TodayPlan | None = None
        self.safety_outcome: SafetyOutcome | None = None
        self.safety: dict[str, Any] | None = None
        self.checkin_pain: int | None = None
        self.leg_today: LegReach | None = None
        self.last_gate_pain: int | None = None
        self.end_reason: EndReason | None = None
        self.red_gates = 0
        self.leg_spreads = 0
        #: A pain check answered but not attached to a drill record (the
        #: session ended there): kept so the reading is not lost.
        self.last_gate: dict[str, Any] | None = None
        self.records: list[dict[str, Any]] = []
        self.outbox: list[SessionSave] = []
        self.cues: list[Cue] = []
        self.gate_result: GateResult | None = None
        self.gate_source: GateSource | None = None
        self._pending_one: PendingOne | None = None
        self.ready_seconds = ready_seconds
        self.first_ready_seconds = ready_seconds if first_ready_seconds is None else first_ready_seconds
        #: A drill's work has started: the person is down on the mat by now.
        self._worked = False
        self._at = ProgramPosition(program, clock, self.cues, easier_of)
        self._started = False
        #: Local times of the start and end of the record, and the clock's speed at the start.
        self.started_at: str | None = None
        self.ended_at: str | None = None
        self.started_speed = 1.0
        if not needs_safety_check:
            self._start_journal()

    # ---- what the UI reads -------------------------------------------------

    def view(self) -> SessionView:
        """The session as it stands now, immutable: what every screen renders."""
        return view_of(self)

    @property
    def index(self) -> int:
        """Which of the program's drills the session is at (0-based)."""
        return self._at.index

    @property
    def drill(self) -> Drill:
        """The drill being done now: today's version, or the easier one chosen."""
        return self._at.drill

    @property
    def planned_drill(self) -> Drill:
        return self._at.planned_drill

    @property
    def drill_plan(self) -> DrillPlan | None:
        """Today's plan for the program's drill at this point (``None``: no plan)."""
        return self._at.drill_plan

    @property
    def easier_drill(self) -> Drill | None:
        """The easier version of the current drill at its dose, if the profile allows it."""
        return self._at.easier_drill

    @property
    def timer(self) -> DrillTimer:
        """Timing of the current drill: countdowns, segments, work done."""
        return self._at.timer

    # ---- the pain gate -------------------------------------------------------

    def gate(self, score: int, leg_spread: bool = False, source: GateSource = GateSource.TYPED) -> GateResult:
        """Rate pain before the current drill; the choices follow from the band.

        It may be called again until a choice is made: the person can change
        the score (or the leg answer) after seeing what it means, and only
        the reading that stands when they choose is counted.
        """
        self._expect(Stage.GATE)
        check_score(score)
        self._pending_one = None
        self.gate_source = source
        has_easier = self.easier_drill is not None
        result = evaluate_gate(
            score,
            self.checkin_pain,
            has_easier,
            self.program.pain_limit,
            locked=self.program.locked,
            leg_spread=leg_spread,
            red_gates_before=self.red_gates,
            leg_spreads_before=self.leg_spreads,
        )
        self.gate_result = result
        return result

    def quick_gate(self, score: int, leg_spread: bool = False, source: GateSource = GateSource.TYPED) -> GateResult:
        """The two-key path: rate pain and, where the band allows it (green or
        amber, ``session_gate.starts_on_its_own``), go straight to "Get ready".
        Any other result stands with its choices, exactly as ``gate`` leaves it."""
        result = self.gate(score, leg_spread, source)
        if starts_on_its_own(result):
            self.choose(GateChoice.GO)
        return result

    def wait_for_ten(self, leg_spread: bool, window_seconds: float) -> None:
        """A ``1`` was typed: it counts as 1 once ``window_seconds`` (real
        seconds) pass without a ``0``; a ``0`` in time is ``quick_gate(10)``.
        A deadline on the session's clock, met by ``tick``, never a sleep."""
        self._expect(Stage.GATE)
        self._pending_one = PendingOne(leg_spread, self.clock.now() + window_seconds * self.clock.speed)

    @property
    def worked(self) -> bool:
        """A drill's work has started in this session (the person is on the mat)."""
        return self._worked

    @property
    def pending_one_due(self) -> float | None:
        """When a typed ``1`` counts as 1 (the runner wakes for it), else None."""
        return self._pending_one.due if self._pending_one is not None else None

    def choose(self, choice: GateChoice) -> None:
        """Act on the standing gate reading; this is when it is counted."""
        self._expect(Stage.GATE)
        result = self.gate_result
        if result is None:
            raise InvalidAction("rate pain before choosing")
        if choice not in result.choices:
            raise InvalidAction(f"{choice.value} is not allowed in the {result.band.value} band")
        self.last_gate_pain = result.score
        if result.band.is_red_or_worse:
            self.red_gates += 1
        if result.leg_spread:
            self.leg_spreads += 1
        if choice is GateChoice.GO:
            self._get_ready()
        elif choice is GateChoice.EASIER:
            self._switch_to_easier()
        elif choice is GateChoice.SKIP:
            self._record("skipped")
            self._next_drill()
        else:
            # Ending here does not mark the drill skipped: it was never
            # started. The reading itself is kept with the session.
            self._keep_last_gate()
            pain_stop = result.ends_session or result.band is Band.STOP
            self._finish(EndReason.STOPPED_PAIN if pain_stop else EndReason.ENDED_EARLY)

    # ---- doing a drill -----------------------------------------------------

    def begin(self) -> None:
        """``enter`` at "Get ready": in position already, start the drill now."""
        self._expect(Stage.READY)
        self.timer.begin_now()
        self.tick()

    def toggle_pause(self) -> None:
        self._expect(Stage.READY, Stage.WORK)
        self.timer.toggle_pause()

    def tick(self) -> None:
        """Let the drill's timer catch up with the clock; move on when it ends.
        At a pain check, a ``1`` left alone past its window counts as 1."""
        pending = self._pending_one
        if self.stage is Stage.GATE and pending is not None and self.clock.now() >= pending.due:
            self.quick_gate(1, pending.leg_spread)
        if self.stage not in (Stage.READY, Stage.WORK):
            return
        self.timer.tick()
        if self.timer.finished:
            self.stage = Stage.RATING
        elif self.timer.running:
            self.stage = Stage.WORK
            self._worked = True

    def done(self) -> None:
        """Finish this drill now (``n``): count what was done, then rate it."""
        self._expect(Stage.WORK, Stage.READY)
        self.timer.stop()
        self.stage = Stage.RATING

    def skip(self) -> None:
        self._expect(Stage.READY, Stage.WORK)
        self.timer.stop()
        self._record("skipped")
        self._next_drill()

    def easier(self) -> None:
        """Swap in the easier version (``e``): its own "Get ready" starts."""
        self._expect(Stage.READY, Stage.WORK)
        if self.easier_drill is None:
            raise InvalidAction(f"{self.drill.name} has no easier version")
        self.timer.stop()
        self._switch_to_easier()

    def rate(self, difficulty: Difficulty) -> None:
        self._expect(Stage.RATING)
        self._record(self._at.completion_status(), difficulty)
        self._next_drill()

    def end_session(self, reason: EndReason = EndReason.ENDED_EARLY) -> None:
        """End now (confirmed by the user); the drill in progress counts as partial.

        Ending where pain already said "rest today" (a check-in of 8 or more,
        a pain check in the stop band or one that ends the session) is a pain
        stop, whichever key ended it: the day is a rest day either way.
        """
        if self.stage in (Stage.SUMMARY, Stage.SAFETY_STOP):
            return
        if reason is EndReason.ENDED_EARLY and self._pain_says_rest():
            reason = EndReason.STOPPED_PAIN
        if self._never_begun():
            self.timer.stop()
            self._keep_last_gate()  # answered or chosen, never begun: not a skip
        elif self.stage in (Stage.READY, Stage.WORK, Stage.RATING):
            self.timer.stop()
            self._record(self._at.completion_status())
        if not self._started:
            self.stage = Stage.SUMMARY
            self.end_reason = reason
            return
        self._finish(reason)

    def _never_begun(self) -> bool:
        """At the pain check, or at "Get ready" before any of this drill was done
        (a swap to the easier version mid-drill carries time: that is begun)."""
        if self.stage is Stage.GATE:
            return True
        return self.stage is Stage.READY and self._at.carried_seconds == 0

    def _pain_says_rest(self) -> bool:
        if self.stage is Stage.CHECKIN:
            return self.checkin_pain is not None and checkin_suggests_rest(self.checkin_pain)
        gate = self.gate_result
        if self.stage is Stage.GATE and gate is not None:
            return gate.band is Band.STOP or gate.ends_session
        return False

    def interrupt(self) -> None:
        """Closed from outside (SIGTERM, SIGHUP): like ``end_session``, but filed
        as ``interrupted``, so the drill in progress is kept as partial and the
        session never counts as done. Nothing was asked, so nothing is claimed."""
        self.end_session(EndReason.INTERRUPTED)

    # ---- the record ----------------------------------------------------------

    @property
    def started(self) -> bool:
        """True once the session has a record (the safety check answered, or
        none needed); a session ended before that leaves nothing to save."""
        return self._started

    def document(self) -> dict[str, Any]:
        """The session document as it stands (README, "The session document").

        Built from the engine's own state every time (``coach.record``), so
        it is the record and nothing else needs to replay what happened. A
        fresh copy: the caller may keep or change it without touching the engine.
        """
        return document_of(self)

    # ---- internals ---------------------------------------------------------

    def _expect(self, *stages: Stage) -> None:
        if self.stage not in stages:
            names = " or ".join(s.value for s in stages)
            raise InvalidAction(f"expected stage {names}, not {self.stage.value}")

    def _switch_to_easier(self) -> None:
        easier = self.easier_drill
        if easier is None:
            raise InvalidAction(f"{self.drill.name} has no easier version")
        self._at.switch_to_easier(easier)
        self._get_ready()

    def _get_ready(self) -> None:
        """Start "Get ready" on its own: no key between the pain check and the drill."""
        self.stage = Stage.READY
        self.timer.start_ready(self.ready_seconds if self._worked else self.first_ready_seconds)

    def _record(self, status: str, difficulty: Difficulty | None = None) -> None:
        self.records.append(self._at.record(status, self.gate_result, difficulty))
        self._save("drill")

    def _keep_last_gate(self) -> None:
        if self.gate_result is None:
            return
        self.last_gate = gate_record(self.planned_drill.id, self.gate_result)
        self.last_gate_pain = self.gate_result.score
        self._save("update")

    def _next_drill(self) -> None:
        self.gate_result = None
        self.gate_source = None
        self._pending_one = None
        if not self._at.advance():
            self._finish(EndReason.COMPLETED)
            return
        self._enter_drill()

    def _enter_drill(self) -> None:
        """On to the pain check of the drill at ``index``; one today's plan
        leaves out (CLINICAL.md 4) is recorded as left out and passed over."""
        self.stage = Stage.GATE
        if not self._at.enter():
            self._record("left_out")
            self._next_drill()

    def _start_journal(self) -> None:
        self._started = True
        self.started_at = self._wall_time()
        self.started_speed = float(self.clock.speed)
        self._save("start")

    def _finish(self, reason: EndReason) -> None:
        self.end_reason = reason
        self.timer.stop()
        if reason is not EndReason.STOPPED_SAFETY:
            self.stage = Stage.SUMMARY
        if reason is EndReason.COMPLETED:
            self.cues.append(Cue.SESSION_COMPLETE)
        self.ended_at = self._wall_time()
        if self._planner is not None and reason is not EndReason.STOPPED_SAFETY:
            self.next_plan = self._planner.next_time(self.document(), datetime.fromisoformat(self.ended_at))
        self._save("finish")

    def _save(self, action: str) -> None:
        self.outbox.append(SessionSave(action, self.document()))
