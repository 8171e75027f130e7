"""Glue between the pure session engine and the session screens.

The runner is the only place that calls the engine: keys arrive here from
screens, a 20 Hz timer calls ``tick``, and after every call the runner
drains the engine's queues (sounds to the cue player, saves to the sink it
was given: the background journal writer, or nothing for a demo) and shows
the screen that fits the new stage.

The 20 Hz tick keeps the countdowns and the breath bar moving, but on its
own it would notice the end of a hold anywhere up to 50 ms late. So the
runner also keeps a one-shot wake-up set for the current countdown's
deadline and ticks the engine right then (see ``tests/bench/hold_accuracy.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.css.query import NoMatches
from textual.timer import Timer

from backcoach.coach.session import SessionEngine, SessionSave, Stage

if TYPE_CHECKING:
    from textual.screen import Screen

    from backcoach.tui.app import BackcoachApp

TICK_SECONDS = 0.05
#: Wake just past a deadline, never just before it.
DEADLINE_MARGIN_SECONDS = 0.001


class SessionSink(Protocol):
    """Where a session's saves go, in order (``store.writer.JournalWriter``).

    The summary waits on ``flush`` before it shows its numbers, so what the
    person reads is what is on disk.
    """

    def submit(self, save: SessionSave) -> None: ...

    def flush(self, timeout: float | None = None) -> bool: ...

    @property
    def has_unsaved(self) -> bool: ...

    @property
    def last_error(self) -> str | None: ...


class NullSink:
    """Keeps nothing: a clinic demo must leave the journal exactly as it was."""

    def submit(self, save: SessionSave) -> None:
        """Drop the save."""

    def flush(self, timeout: float | None = None) -> bool:
        return True

    @property
    def has_unsaved(self) -> bool:
        return False

    @property
    def last_error(self) -> str | None:
        return None


def screen_for(stage: Stage) -> Screen[Any]:
    """A fresh screen for a stage (INTRO and READY share the intro screen)."""
    from backcoach.tui.screens import (
        checkin,
        drill,
        gate,
        intro,
        rating,
        safety,
        summary,
    )

    factories: dict[Stage, Callable[[], Screen[Any]]] = {
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
    #: Clinic demos (``backcoach.tui.demo``) save nothing and show a banner.
    is_demo = False

    def __init__(self, app: BackcoachApp, engine: SessionEngine, sink: SessionSink) -> None:
        self.app = app
        self.engine = engine
        self.sink = sink
        self._timer: Timer | None = None
        self._deadline_handle: asyncio.TimerHandle | None = None
        self._armed_for: tuple[float, float] | None = None
        self._shown: tuple[object, ...] | None = None
        self._pushed = False

    @property
    def saved_doc(self) -> dict[str, Any] | None:
        """The session as handed to the sink so far (None: it has no record),
        for the streak on the summary and the home screen."""
        return self.engine.document() if self.engine.started else None

    def start(self) -> None:
        self._drain()
        self._show()
        self._timer = self.app.set_interval(TICK_SECONDS, self.tick, name="session-tick")
        self._arm_deadline()

    def tick(self) -> None:
        if not self.app.screen_stack:
            return  # the app is closing: a last timer tick has nothing to draw on
        self.engine.tick()
        self._after()

    def act(self, action: Callable[[], Any]) -> Any:
        """Run one engine action for a key press, then bring the screen up to date."""
        result = action()
        self._after()
        return result

    @property
    def in_progress(self) -> bool:
        """True until the session has ended (summary or safety stop reached)."""
        return self.engine.stage not in (Stage.SUMMARY, Stage.SAFETY_STOP)

    def ask_end(self, question: str | None = None, then: Callable[[], None] | None = None) -> None:
        """``q``: ask first, then end the session with what was done counted.

        ``then`` runs after a yes (``ctrl+q`` quits the app that way).
        """
        from backcoach.tui.screens.confirm import ConfirmEndScreen

        if not self.in_progress:
            return
        resume = self.pause_for_dialog()

        def answered(end: bool | None) -> None:
            if end:
                self.act(self.engine.end_session)
                if then is not None:
                    then()
            else:
                resume()

        self.app.push_screen(ConfirmEndScreen(question) if question else ConfirmEndScreen(), answered)

    def pause_for_dialog(self) -> Callable[[], None]:
        """Pause a running countdown while a dialog covers it (the end-session
        question, ``?`` help); returns what resumes it when the dialog closes.

        A countdown left running would end the drill under the dialog, and
        the key that closes the dialog would then land on the next screen.
        A countdown the person had paused themselves stays paused.
        """
        paused_here = self.engine.stage in (Stage.READY, Stage.WORK) and not self.engine.paused
        if paused_here:
            # Pause, and draw it now: behind the dialog only the top screen is redrawn.
            self.act(self.engine.toggle_pause)

        def resume() -> None:
            if paused_here and self.engine.paused and self.app.runner is self:
                self.act(self.engine.toggle_pause)

        return resume

    def interrupt(self) -> None:
        """The app is being closed from outside (SIGTERM, SIGHUP): file the
        session as interrupted, with the drill in progress as partial, and
        hand its last events to the writer. Nothing is drawn: there may be no
        terminal left to draw on."""
        self.shutdown()
        self.engine.interrupt()
        self._drain()

    def leave(self) -> None:
        """Back to the home screen once the session is over."""
        self.shutdown()
        if self._pushed:
            self._pushed = False
            self.app.pop_screen()
        self.app.session_ended(self.saved_doc)

    def shutdown(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._disarm_deadline()

    # ---- internals ---------------------------------------------------------

    def _after(self) -> None:
        self._drain()
        if self._timer is not None:
            self._arm_deadline()
        self._show()

    def _arm_deadline(self) -> None:
        """Keep one wake-up set for the end of the running countdown (none while paused).

        It is the event loop's own timer, counted from now. A Textual timer
        would count from when its task first runs, which is after the next
        screen has been built: the end of a hold would come 10-40 ms late.
        """
        timer = self.engine.timer
        due = None if timer.paused else timer.deadline
        clock = self.engine.clock
        speed = float(getattr(clock, "speed", 1.0))
        wanted = None if due is None else (due, speed)
        if wanted == self._armed_for:
            return
        self._disarm_deadline()
        if due is None:
            return
        self._armed_for = wanted
        delay = max(0.0, (due - clock.now()) / speed) + DEADLINE_MARGIN_SECONDS
        self._deadline_handle = asyncio.get_running_loop().call_later(delay, self._deadline_due)

    def _disarm_deadline(self) -> None:
        if self._deadline_handle is not None:
            self._deadline_handle.cancel()
            self._deadline_handle = None
        self._armed_for = None

    def _deadline_due(self) -> None:
        # Runs outside Textual's message handling: hand over to the app's queue.
        self._deadline_handle = None
        self.app.call_later(self._deadline_reached)

    def _deadline_reached(self) -> None:
        if self._timer is None or self._deadline_handle is not None:
            return  # shut down, or already re-armed for a newer deadline
        self._armed_for = None
        # Woken early (a changed speed, a coarse clock): the tick re-arms for what is left.
        self.tick()

    def _drain(self) -> None:
        engine = self.engine
        for cue in engine.cues:
            self.app.player.cue(cue.value)
        engine.cues.clear()
        for save in engine.outbox:
            self.sink.submit(save)
        engine.outbox.clear()

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

    def _replace_session_screen(self, screen: Screen[Any]) -> None:
        from textual.screen import ModalScreen

        # A confirm or help dialog may sit on top; close it so the new
        # stage is what the person sees.
        while isinstance(self.app.screen, ModalScreen) and len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        self.app.switch_screen(screen)
