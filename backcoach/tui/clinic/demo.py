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
from backcoach.tui.session.runner import NullSink, SessionRunner
from backcoach.tui.session.start import easier_finder

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

class DemoLauncher:
    """The clinic's demos, one at a time; each starts at the speed the last one had.

    One per app (see :func:`demos_of`), so the speed outlives a visit to the
    clinic. The app holds it only to route ``+``/``-`` here.
    """

    def __init__(self, app: BackcoachApp) -> None:
        self.app = app
        #: The speed the last demo ran at; the next one starts there.
        self.speed = 1.0
        #: The screen the running demo was started from (the clinic, or the builder): it returns there.
        self.origin: object = None

    @property
    def running(self) -> bool:
        return isinstance(self.app.runner, DemoRunner)

    def start(self, drill: Drill) -> None:
        """Demo ``drill`` on the session screens, saving nothing."""
        app = self.app
        if app.runner is not None:
            return
        clock = ScaledClock(self.speed, source=app.services.make_clock(1.0).now)
        self.origin = app.screen
        app.runner = DemoRunner(app, demo_engine(drill, clock, app))
        app.runner.start()

    def ended(self, runner: SessionRunner) -> None:
        """The demo is over: back to the screen it was started from (a clinic screen at the furthest)."""
        from backcoach.tui.clinic.browser import ClinicScreen

        app = self.app
        if app.runner is runner:
            app.runner = None
        while app.screen is not self.origin and not isinstance(app.screen, ClinicScreen) and len(app.screen_stack) > 1:
            app.pop_screen()
        app.notify("Demo finished. Nothing was saved.", timeout=3)

    def change_speed(self, step: int) -> None:
        """``+``/``-`` during a demo: faster or slower from where it is (the
        screen's banner follows the view the runner pushes)."""
        runner = self.app.runner
        if not isinstance(runner, DemoRunner):
            return
        self.speed = runner.change_speed(step)


def demos_of(app: BackcoachApp) -> DemoLauncher:
    """The app's demo launcher, made on first use (this module is not loaded at start-up)."""
    if app.demos is None:
        app.demos = DemoLauncher(app)
    return app.demos


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
        easier_of=easier_finder(app.services.library),
        needs_safety_check=False,
        demo=True,
        wall_time=app.services.wall_time,
    )
    engine.checkin(0, LegReach.NONE)
    engine.gate(0)
    engine.choose(GateChoice.GO)  # its get-ready countdown starts on its own
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
        demos_of(self.app).ended(self)
