"""Where a session is in its program: which drill, at what dose, done how.

The engine (``coach.session``) decides what happens next; this keeps the
facts of the drill at hand: the program's drill at ``index``, today's
version of it (the adaptive coach's plan), an easier version chosen instead
(only one the direction profile allows), its timer, and the time already
spent before a swap, so each drill's record is built from one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backcoach.coach.adapt import DrillPlan, TodayPlan
from backcoach.coach.clock import Clock
from backcoach.coach.direction import may_offer
from backcoach.coach.pain import GateResult
from backcoach.coach.plan import dose_for_easier
from backcoach.coach.record import drill_record
from backcoach.coach.session_view import Difficulty
from backcoach.coach.timer import Cue, DrillTimer
from backcoach.content.model import Drill, Program


class ProgramPosition:
    def __init__(
        self,
        program: Program,
        clock: Clock,
        cues: list[Cue],
        easier_of: Callable[[Drill], Drill | None],
    ) -> None:
        self.program = program
        self._clock = clock
        self._cues = cues
        self._easier_of = easier_of
        #: Today's plan (from the check-in on) and where leg pain reaches today.
        self.plan: TodayPlan | None = None
        self.leg: str | None = None
        self.index = 0
        self.drill: Drill = program.items[0].drill
        """The drill being done now: today's version, or the easier one chosen."""
        self.replaced_by: str | None = None
        self.timer = DrillTimer(self.drill, clock, cues)
        self.carried_seconds = 0.0

    @property
    def planned_drill(self) -> Drill:
        """The program's drill at this point, as written."""
        return self.program.items[self.index].drill

    @property
    def drill_plan(self) -> DrillPlan | None:
        """Today's plan for the program's drill at this point (``None``: no plan)."""
        return self.plan.drills[self.index] if self.plan is not None else None

    @property
    def easier_drill(self) -> Drill | None:
        """The easier version of the current drill, at the current drill's dose.

        Only one the direction profile allows (CLINICAL.md 4, the same test as
        today's plan): a pain check never offers a drill the plan would leave out.
        """
        easier = self._easier_of(self.drill)
        profile = self.plan.profile if self.plan is not None else self.program.profile
        if easier is None or not may_offer(easier, profile, self.leg):
            return None
        return dose_for_easier(easier, self.drill)

    @property
    def active_seconds(self) -> float:
        """Time spent on this point of the program, across a swap to the easier version."""
        return self.carried_seconds + self.timer.active_seconds

    def enter(self) -> bool:
        """Set up the drill at ``index`` at today's dose; ``False`` when today's
        plan leaves it out (CLINICAL.md 4)."""
        plan = self.drill_plan
        today = plan.today_drill if plan is not None else self.planned_drill
        self.drill = today or self.planned_drill
        self.replaced_by = None
        self._reset()
        return today is not None

    def advance(self) -> bool:
        """Move to the next drill of the program; ``False`` after the last."""
        if self.index + 1 >= len(self.program.items):
            return False
        self.index += 1
        return True

    def switch_to_easier(self, easier: Drill) -> None:
        """Do ``easier`` (``easier_drill``) instead, keeping the time spent so far."""
        carried = self.active_seconds
        self.drill = easier
        self.replaced_by = easier.id
        self._reset(carried)

    def completion_status(self) -> str:
        if self.replaced_by is not None:
            return "easier" if self.timer.complete else "partial_easier"
        return "done" if self.timer.complete else "partial"

    def record(self, status: str, gate: GateResult | None, difficulty: Difficulty | None = None) -> dict[str, Any]:
        """This drill's entry in the session document (``coach.record.drill_record``)."""
        plan = self.drill_plan
        done = self.drill if self.replaced_by else None
        adapted = plan.adapted() if plan is not None else None
        return drill_record(
            self.planned_drill, done, status, gate, difficulty, self.active_seconds, self.timer, adapted
        )

    def _reset(self, carried_seconds: float = 0.0) -> None:
        self.timer = DrillTimer(self.drill, self._clock, self._cues)
        self.carried_seconds = carried_seconds
