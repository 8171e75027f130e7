"""Glue between the pure session engine and the session screens.

The runner is the only place that calls the engine: keys arrive here from
screens, a 20 Hz timer calls ``tick``, and after every call the runner
drains the engine's queues (sounds to the cue player, saves to the
background journal writer) and shows the screen that fits the new stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from textual.css.query import NoMatches
from textual.timer import Timer

from backcoach.coach.session import SessionEngine, Stage

if TYPE_CHECKING:
    from textual.screen import Screen

    from backcoach.tui.app import BackcoachApp

TICK_SECONDS = 0.05


def screen_for(stage: Stage) -> Screen:
    """A fresh screen for a stage (INTRO and READY share the intro screen)."""
    from backcoach.tui.screens import checkin, drill, gate, intro, rating, safety, summary

    factories: dict[Stage, Callable[[], Screen]] = {
        Stage.SAFETY: safety.SafetyScreen,
        Stage.SAFETY_STOP: safety.SafetyStopScreen,
        Stage.CHECKIN: checkin.CheckinScreen,
        Stage.GATE: gate.GateScreen,
        Stage.INTRO: intro.IntroScreen,
        Stage.READY: intro.IntroScreen,
        Stage.WORK: drill.DrillScreen,
        Stage.RATING: rating.RatingScreen,
        Stage.SUMMARY: summary.SummaryScreen,
    }
    return factories[stage]()


class SessionRunner:
    def __init__(self, app: BackcoachApp, engine: SessionEngine) -> None:
        self.app = app
        self.engine = engine
        self._timer: Timer | None = None
        self._shown: tuple[object, ...] | None = None
        self._pushed = False
        self._saved_doc: dict[str, Any] | None = None

    @property
    def saved_doc(self) -> dict[str, Any] | None:
        """The session as sent to the journal so far."""
        return self._saved_doc

    @property
    def writer(self) -> Any:
        return self.app.writer

    def start(self) -> None:
        self._drain()
        self._show()
        self._timer = self.app.set_interval(TICK_SECONDS, self.tick, name="session-tick")

    def tick(self) -> None:
        self.engine.tick()
        self._after()

    def act(self, action: Callable[[], Any]) -> Any:
        """Run one engine action for a key press, then bring the screen up to date."""
        result = action()
        self._after()
        return result

    def ask_end(self) -> None:
        """``q``: ask first, then end the session with what was done counted."""
        from backcoach.tui.screens.confirm import ConfirmEndScreen

        if self.engine.stage in (Stage.SUMMARY, Stage.SAFETY_STOP):
            return
        paused_here = self.engine.stage in (Stage.READY, Stage.WORK) and not self.engine.paused
        if paused_here:
            self.engine.toggle_pause()

        def answered(end: bool | None) -> None:
            if end:
                self.act(self.engine.end_session)
            elif paused_here and self.engine.paused:
                self.act(self.engine.toggle_pause)

        self.app.push_screen(ConfirmEndScreen(), answered)

    def leave(self) -> None:
        """Back to the home screen once the session is over."""
        self.shutdown()
        if self._pushed:
            self._pushed = False
            self.app.pop_screen()
        self.app.session_ended(self._saved_doc)

    def shutdown(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # ---- internals ---------------------------------------------------------

    def _after(self) -> None:
        self._drain()
        self._show()

    def _drain(self) -> None:
        engine = self.engine
        for cue in engine.cues:
            self.app.player.cue(cue.value)
        engine.cues.clear()
        for event in engine.outbox:
            self._track(event.action, event.data)
            self.writer.submit(event)
        engine.outbox.clear()

    def _track(self, action: str, data: dict[str, Any]) -> None:
        """Keep a copy of the session as saved, for the home screen's streak."""
        if action == "start":
            self._saved_doc = dict(data, drills=[])
        elif self._saved_doc is None:
            return
        elif action == "update":
            self._saved_doc.update(data)
        elif action == "drill":
            self._saved_doc["drills"].append(data)
        elif action == "finish":
            self._saved_doc.update(data)

    def _key(self) -> tuple[object, ...]:
        engine = self.engine
        stage = Stage.INTRO if engine.stage is Stage.READY else engine.stage
        return (stage, engine.index, engine.drill.id)

    def _show(self) -> None:
        key = self._key()
        if key == self._shown:
            screen = self.app.screen
            update = getattr(screen, "update_view", None)
            # A screen just switched in is composed on the next loop turn;
            # its own on_mount draws it the first time.
            if update is not None and screen.is_mounted:
                try:
                    update()
                except NoMatches:
                    # The app is closing and has already removed the widgets.
                    pass
            return
        self._shown = key
        screen = screen_for(self.engine.stage)
        if self._pushed:
            self._replace_session_screen(screen)
        else:
            self._pushed = True
            self.app.push_screen(screen)

    def _replace_session_screen(self, screen: Screen) -> None:
        from textual.screen import ModalScreen

        # A confirm or help dialog may sit on top; close it so the new
        # stage is what the person sees.
        while isinstance(self.app.screen, ModalScreen) and len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        self.app.switch_screen(screen)
