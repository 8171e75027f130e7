"""Glue between the pure session engine and the session screens.

The runner is the only place that calls the engine: screens call its
intent methods (``pause()``, ``gate()``, ``rate()``, ...), a 20 Hz timer
calls ``tick``, and after every call the runner drains the engine's queues
(sounds to the cue player, saves to the sink it was given: the background
journal writer, or nothing for a demo; tones and views to the voice), builds the screen that fits a new
stage with itself and the engine's view, or pushes the new view into the
screen it built. State flows one way: a screen never reads the engine, only
the view it was given.

The 20 Hz tick keeps the countdowns and the breath bar moving, but on its
own it would notice the end of a hold anywhere up to 50 ms late. So the
runner also keeps a one-shot wake-up set for the current countdown's
deadline and ticks the engine right then (see ``tests/bench/hold_accuracy.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.css.query import NoMatches
from textual.timer import Timer

from backcoach.coach.education import CardDeal, card_moment
from backcoach.coach.followup import Compared
from backcoach.coach.pain import GateChoice, GateResult
from backcoach.coach.safety import Answer, SafetyOutcome
from backcoach.coach.session import (
    Difficulty,
    GateSource,
    LegReach,
    SessionEngine,
    SessionSave,
    SessionView,
    Stage,
)
from backcoach.sound_lead import CueLead

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.session.base import SessionScreen

TICK_SECONDS = 0.05
#: Wake just past a deadline, never just before it.
DEADLINE_MARGIN_SECONDS = 0.001
#: How far past the player's latency to look for the next cue (two 20 Hz ticks and some).
LEAD_HORIZON_SECONDS = 0.15

T = TypeVar("T")

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



def screen_for(runner: SessionRunner, view: SessionView) -> SessionScreen:
    """A fresh screen for the view's stage."""
    from backcoach.tui.session import (
        checkin,
        drill,
        gate,
        intro,
        rating,
        safety,
        summary,
    )

    factories: dict[Stage, Callable[[SessionRunner, SessionView], SessionScreen]] = {
        Stage.SAFETY: safety.SafetyScreen,
        Stage.SAFETY_STOP: safety.SafetyStopScreen,
        Stage.CHECKIN: checkin.CheckinScreen,
        Stage.GATE: gate.GateScreen,
        Stage.READY: intro.IntroScreen,
        Stage.WORK: drill.DrillScreen,
        Stage.RATING: rating.RatingScreen,
        Stage.SUMMARY: summary.SummaryScreen,
    }
    return factories[view.stage](runner, view)


class SessionRunner:
    #: Clinic demos (``backcoach.tui.clinic.demo``) save nothing and show a banner.
    is_demo = False

    def __init__(
        self, app: BackcoachApp, engine: SessionEngine, sink: SessionSink, cards: CardDeal | None = None
    ) -> None:
        self.app = app
        self.engine = engine
        self.sink = sink
        #: Deals the rests' and summary's education cards into the views (None: no cards).
        self.cards = cards
        self._timer: Timer | None = None
        self._deadline_handle: asyncio.TimerHandle | None = None
        self._armed_for: tuple[float, float] | None = None
        #: Cues started early by the player's latency, to land on their moment.
        self._lead = CueLead()
        self._lead_handle: asyncio.TimerHandle | None = None
        self._shown: tuple[object, ...] | None = None
        #: The screen built for the current stage: each new view goes to it.
        self._screen: SessionScreen | None = None
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

    # ---- intents: what a key press on a session screen asks for ----------

    def answer_safety(
        self,
        answers: Mapping[str, Answer],
        checked_on: Mapping[str, str] | None = None,
        waived_since: Mapping[str, str] | None = None,
    ) -> SafetyOutcome:
        return self._do(lambda: self.engine.answer_safety(answers, checked_on, waived_since))

    def answer_followup(self, compared: Compared) -> None:
        self._do(lambda: self.engine.answer_followup(compared))

    def confirm_checkin_score(self, score: int) -> None:
        self._do(lambda: self.engine.confirm_checkin_score(score))

    def rest_today(self, score: int) -> None:
        self._do(lambda: self.engine.rest_today(score))

    def checkin(self, score: int, leg: LegReach | None) -> None:
        self._do(lambda: self.engine.checkin_and_go(score, leg))

    def gate(self, score: int, leg_spread: bool = False) -> GateResult:
        return self._do(lambda: self.engine.gate(score, leg_spread))

    def quick_gate(self, score: int, leg_spread: bool = False, source: GateSource = GateSource.TYPED) -> GateResult:
        """A score typed (or repeated) at a pain check: green or amber goes on by itself."""
        return self._do(lambda: self.engine.quick_gate(score, leg_spread, source))

    def wait_for_ten(self, leg_spread: bool, window_seconds: float) -> None:
        self._do(lambda: self.engine.wait_for_ten(leg_spread, window_seconds))

    def choose(self, choice: GateChoice) -> None:
        self._do(lambda: self.engine.choose(choice))

    def begin(self) -> None:
        self._do(self.engine.begin)

    def pause(self) -> None:
        """``space``: pause the countdown, or carry on."""
        self._do(self.engine.toggle_pause)

    def done(self) -> None:
        self._do(self.engine.done)

    def skip(self) -> None:
        self._do(self.engine.skip)

    def easier(self) -> None:
        self._do(self.engine.easier)

    def rate(self, difficulty: Difficulty) -> None:
        self._do(lambda: self.engine.rate(difficulty))

    def end(self) -> None:
        """End the session now, with what was done counted (asked first: see ``ask_end``)."""
        self._do(self.engine.end_session)

    def real_seconds(self) -> float:
        """The session clock in real seconds: the pain scale times its ``1``-then-``0``
        window on it, so a test's fake clock makes that window exact."""
        clock = self.engine.clock
        return clock.now() / clock.speed

    @property
    def in_progress(self) -> bool:
        """True until the session has ended (summary or safety stop reached)."""
        return self.engine.stage not in (Stage.SUMMARY, Stage.SAFETY_STOP)

    def ask_end(self, question: str | None = None, then: Callable[[], None] | None = None) -> None:
        """``q``: ask first, then end the session with what was done counted.

        ``then`` runs after a yes (``ctrl+q`` quits the app that way).
        """
        from backcoach.tui.session.confirm_end import ConfirmEndScreen

        if not self.in_progress:
            return
        resume = self.pause_for_dialog()

        def answered(end: bool | None) -> None:
            if end:
                self.end()
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
        paused_here = self.engine.view().counting_down
        if paused_here:
            self.pause()

        def resume() -> None:
            if paused_here and self.engine.timer.paused and self.app.runner is self:
                self.pause()

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
        if self._lead_handle is not None:
            self._lead_handle.cancel()
            self._lead_handle = None

    # ---- internals ---------------------------------------------------------

    def _do(self, action: Callable[[], T]) -> T:
        """Run one engine action for a key press, then bring the screen up to date."""
        result = action()
        self._after()
        return result

    def _after(self) -> None:
        self._drain()
        if self._timer is not None:
            self._arm_deadline()
            self._arm_lead()
        self._show()

    def _arm_deadline(self) -> None:
        """Keep one wake-up set for the end of the running countdown (none while paused).

        It is the event loop's own timer, counted from now. A Textual timer
        would count from when its task first runs, which is after the next
        screen has been built: the end of a hold would come 10-40 ms late.
        """
        engine = self.engine
        timer = engine.timer
        due = None if timer.paused else timer.deadline
        if engine.stage is Stage.GATE:
            due = engine.pending_one_due  # a typed 1 counts as 1 then, unless a 0 came
        clock = engine.clock
        speed = clock.speed
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

    def _arm_lead(self) -> None:
        """Start the next cue the player's latency before its moment (``sound_lead``)."""
        lead = self.app.player.latency
        if lead <= 0 or self._lead_handle is not None:
            return
        clock = self.engine.clock
        speed = clock.speed
        horizon = (lead + LEAD_HORIZON_SECONDS) * speed
        delay = self._lead.plan(self.engine.timer, clock.now(), lead * speed, horizon)
        if delay is not None:
            self._lead_handle = asyncio.get_running_loop().call_later(delay / speed, self._lead_due)

    def _lead_due(self) -> None:
        self._lead_handle = None
        now = self.real_seconds()
        for name in self._lead.fire(self.engine.timer, self.engine.clock.now()):
            self.app.player.cue(name)
            self.app.voice.tone(name, now)  # started early: the voice still waits for it to end

    def _drain(self) -> None:
        engine = self.engine
        now = self.real_seconds()
        for name in self._lead.take([cue.value for cue in engine.cues], engine.clock.now()):
            self.app.player.cue(name)
            self.app.voice.tone(name, now)
        engine.cues.clear()
        for save in engine.outbox:
            self.sink.submit(save)
        engine.outbox.clear()

    def _key(self) -> tuple[object, ...]:
        engine = self.engine
        return (engine.stage, engine.index, engine.drill.id)

    def _show(self) -> None:
        view = self.engine.view()
        if self.cards is not None:
            card = self.cards.card_for(card_moment(view))
            if card is not None:
                view = replace(view, card=card)
        # The voice derives its prompts from each new view (see ``backcoach.voice_script``).
        self.app.voice.follow(view, self.real_seconds())
        key = self._key()
        if key == self._shown and self._screen is not None:
            try:
                # The screen draws it once it is mounted (a screen just
                # switched in is composed on the next loop turn).
                self._screen.view = view
            except NoMatches:
                pass  # the app is closing and has already removed the widgets
            return
        self._shown = key
        screen = screen_for(self, view)
        self._screen = screen
        if self._pushed:
            self._replace_session_screen(screen)
        else:
            self._pushed = True
            self.app.push_screen(screen)

    def _replace_session_screen(self, screen: SessionScreen) -> None:
        from textual.screen import ModalScreen

        # A confirm or help dialog may sit on top; close it so the new
        # stage is what the person sees.
        while isinstance(self.app.screen, ModalScreen) and len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        self.app.switch_screen(screen)
