"""Clinic demos: one drill through the patient's own drill screens.

A demo is an ordinary session engine with a one-drill program, a scaled
clock the physio speeds up or slows down live, and a runner whose saves go
to a null sink: a demo in clinic must leave the journal on
that laptop exactly as it was. The pain check and check-in are answered for
the physio (a demo has no patient to ask), so it opens straight on the
drill's get-ready countdown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from backcoach.coach.clock import Clock, ScaledClock, next_speed
from backcoach.coach.pain import GateChoice
from backcoach.coach.session import LegReach, SessionEngine, Stage
from backcoach.content.model import Drill, Program, ProgramItem
from backcoach.tui.session_runner import NullSink, SessionRunner

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

def demo_engine(drill: Drill, clock: Clock, app: BackcoachApp) -> SessionEngine:
    """An engine standing at ``drill``'s get-ready countdown."""
    program = Program(
        id=f"demo-{drill.id}",
        name=f"Demo: {drill.name}",
        description="A clinic demo of one drill.",
        items=(ProgramItem(drill),),
    )
    engine = SessionEngine(
        program,
        clock,
        easier_of=app.easier_of,
        needs_safety_check=False,
        demo=True,
        wall_time=app.services.wall_time,
    )
    engine.checkin(0, LegReach.NONE)
    engine.gate(0)
    engine.choose(GateChoice.GO)
    engine.begin()
    return engine


class DemoRunner(SessionRunner):
    """A session runner that saves nothing and ends when the drill does."""

    def __init__(self, app: BackcoachApp, engine: SessionEngine) -> None:
        clock = engine.clock
        if not isinstance(clock, ScaledClock):
            raise TypeError("a demo runs on a ScaledClock: its speed changes live")
        super().__init__(app, engine, NullSink())
        self._clock = clock
        self._finished = False

    is_demo = True

    @property
    def speed(self) -> float:
        return self._clock.speed

    def change_speed(self, step: int) -> float:
        """``+``/``-``: the countdown carries on from where it is, faster or
        slower, and the screen's banner shows the new speed (it is in the view)."""
        speed = next_speed(self.speed, step)
        self._clock.set_speed(speed)
        self._after()
        return speed

    def ask_end(self, question: str | None = None, then: Callable[[], None] | None = None) -> None:
        """``q``/``escape``: a demo has nothing to lose, so it ends at once (then ``then``)."""
        self._end()
        if then is not None:
            then()

    def _show(self) -> None:
        if self.engine.stage in (Stage.RATING, Stage.SUMMARY):
            self._end()
            return
        super()._show()

    def _end(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.shutdown()
        self.app.demo_ended(self)
