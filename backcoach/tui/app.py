"""The Textual application: global keys, starting sessions and clinic demos.

The app owns the long-lived services (library, programs, journal, sound,
settings) and hands a ``SessionRunner`` to the session screens. Screens
render state; the runner forwards keys to the pure engine.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from backcoach.coach.clock import Clock, MonotonicClock, ScaledClock
from backcoach.content.library import Library
from backcoach.content.model import Drill, Program
from backcoach.sound import CuePlayer
from backcoach.store.timefmt import now_iso
from backcoach.store.writer import JournalWriter
from backcoach.tui.closing import Closing
from backcoach.tui.themes import PROJECTOR_THEME, THEMES

if TYPE_CHECKING:
    # Imported where a session starts: the engine, the safety rules and the
    # runner are ~4 ms of start-up the home screen does not need.
    from backcoach.tui.session_runner import SessionRunner


#: From this many sessions, the loaded history is moved out of the GC's way.
FREEZE_HISTORY_FROM = 1000

#: What ``ctrl+c`` says, on every screen (``ctrl+q`` quits from anywhere).
QUIT_HINT = "Press ctrl+q to quit backcoach."

#: Textual's own palette commands that backcoach leaves out: "Keys" (ours
#: lists every key of the app, Textual's a panel for the focused widget; two
#: entries of one name), "Theme" (the app has its own looks, switched by the
#: "High contrast" command and remembered; Textual's themes were neither
#: remembered nor made for its screens) and "Screenshot" (it only ever writes to
#: a Downloads folder, and where there is none it just says it failed).
TEXTUAL_COMMANDS_LEFT_OUT = frozenset({"Keys", "Theme", "Screenshot"})


@dataclass
class Services:
    """Everything the screens need from outside Textual, injectable in tests."""

    library: Library
    programs: list[Program]
    journal: Any
    settings: dict[str, Any]
    save_settings: Callable[[dict[str, Any]], None]
    make_clock: Callable[[float], Clock] = field(
        default=lambda speed: MonotonicClock() if speed == 1 else ScaledClock(speed)
    )
    today: Callable[[], date] = date.today
    wall_time: Callable[[], str] = now_iso
    notices: list[str] = field(default_factory=list)


class BackcoachApp(App[None]):
    TITLE = "backcoach"
    CSS_PATH = "app.tcss"
    # Screen classes the .tcss files use to fit small terminals.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("m", "toggle_mute", "Mute", id="mute"),
        # Clinic demos only (see check_action): the live demo speed.
        Binding("plus,equals_sign", "demo_speed(1)", "Faster", key_display="+"),
        Binding("minus", "demo_speed(-1)", "Slower", key_display="-"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    def __init__(
        self,
        services: Services,
        *,
        speed: float = 1.0,
        player: CuePlayer | None = None,
        start_program: Program | None = None,
        start: str = "home",
    ) -> None:
        super().__init__()
        self.services = services
        self.speed = speed
        self.player = player or CuePlayer(
            muted=bool(services.settings.get("muted")), on_problem=self._sound_problem
        )
        self.start_program = start_program
        #: "home", or "history"/"clinic" for ``backcoach history``/``clinic``
        #: (that screen over Home).
        self.start = start
        #: The speed the last clinic demo ran at; the next one starts there.
        self.demo_speed = 1.0
        #: True while ``backcoach clinic`` has not read the journal yet.
        self._history_deferred = False
        self.writer = JournalWriter(
            services.journal, on_error=self._journal_problem, on_recovered=self._journal_recovered
        )
        self.closing = Closing(self)
        self.runner: SessionRunner | None = None
        self.sessions_cache: list[dict[str, Any]] | None = None
        #: The History screen's numbers, prepared by the history worker after
        #: the read: (cache list, its length, today, view).
        self._history_view: tuple[Any, int, date, Any] | None = None
        self.preparing_history_view = False
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self._user_theme()

    def _user_theme(self) -> str:
        return "backcoach-high-contrast" if self.services.settings.get("high_contrast") else "backcoach"

    # ---- start-up -----------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # Not a mode: Textual composes a mode's first screen twice at start-up
        # (~10 ms of the launch benchmark). Home therefore keeps its styles in
        # DEFAULT_CSS: a default screen's CSS_PATH is never loaded.
        from backcoach.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.closing.install_signal_handlers()
        for notice in self.services.notices:
            self.notify(notice, severity="warning", timeout=10)
        self.preparing_history_view = True
        if self.start == "clinic":
            # ``backcoach clinic`` leaves the journal alone: reading it may
            # create, migrate or repair it. It is read on the way to Home.
            self._history_deferred = True
            self.open_clinic()
            self._start_player()
            return
        # After the first frame: reading years of history on a thread still
        # holds the GIL long enough to push the home screen's first paint back.
        self.call_after_refresh(self._load_history)
        if self.start == "history":
            self.open_history()
        self._start_player()

    def _start_player(self) -> None:
        if not self.player.muted:
            # Probe for a player after the first frames, off the UI thread.
            self.set_timer(1.0, self.player.start)

    @work(thread=True, exclusive=True, group="history")
    def _load_history(self) -> None:
        try:
            sessions = list(self.services.journal.sessions())
            for notice in self.services.journal.notices:
                self.call_from_thread(self.notify, notice, severity="warning", timeout=10)
        except Exception as exc:  # shown, never fatal: a session can still run
            self.call_from_thread(self.notify, f"Could not read your history: {exc}", severity="error")
            sessions = []
        self.call_from_thread(self._history_loaded, sessions)
        # Then, still off the UI thread, the History screen's numbers, so that
        # `h` shows them at once instead of computing them on the way in. (An
        # empty history has nothing to prepare, and skips the import.)
        today = self.services.today()
        view = None
        if sessions:
            from backcoach.coach.history import build_view

            try:
                view = build_view(sessions, today, self.planned_days())
            except Exception:  # noqa: BLE001 - the screen computes (and reports) it itself
                view = None
        self.call_from_thread(self._history_view_ready, sessions, today, view)

    def _history_loaded(self, sessions: list[dict[str, Any]]) -> None:
        from backcoach.tui.screens.home import HomeScreen

        self.sessions_cache = sessions
        if len(sessions) >= FREEZE_HISTORY_FROM:
            # Years of history are hundreds of thousands of long-lived JSON
            # objects (here and in the journal's own copy) with no reference
            # cycles. Left to the cyclic GC, every full collection walks them
            # all: 100-150 ms pauses with 3,650 sessions, often right when a
            # screen opens. Frozen, they are skipped (refcounting still frees
            # them). Small histories are left alone.
            gc.freeze()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_status()
        for screen in self.screen_stack:
            # A History screen opened before the read finished waits for it.
            waiting = getattr(screen, "history_loaded", None)
            if waiting is not None:
                waiting()
        if self.start_program is not None:
            program, self.start_program = self.start_program, None
            self.start_session(program)

    def _history_view_ready(self, sessions: list[dict[str, Any]], today: date, view: Any) -> None:
        self._history_view = (sessions, len(sessions), today, view)
        self.preparing_history_view = False
        for screen in self.screen_stack:
            waiting = getattr(screen, "history_loaded", None)
            if waiting is not None:
                waiting()

    def prepared_history_view(self, sessions: list[dict[str, Any]], today: date) -> Any:
        """The History screen's numbers made at start-up, if still true for
        ``sessions`` (the cache, unchanged since) and ``today``; else ``None``."""
        if self._history_view is None:
            return None
        made_from, count, made_on, view = self._history_view
        if made_from is sessions and count == len(sessions) and made_on == today:
            return view
        return None

    def planned_days(self) -> dict[str, int]:
        """Program id -> planned days per week, for programs that set one."""
        return {p.id: p.days_per_week for p in self.services.programs if p.days_per_week}

    def open_history(self) -> None:
        from backcoach.tui.screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    # ---- clinic -----------------------------------------------------------

    @property
    def in_clinic(self) -> bool:
        from backcoach.tui.screens.clinic import ClinicScreen

        return any(isinstance(screen, ClinicScreen) for screen in self.screen_stack)

    def open_clinic(self) -> None:
        from backcoach.tui.screens.clinic import ClinicScreen

        if self.runner is None and not self.in_clinic:
            self.push_screen(ClinicScreen())

    def leave_clinic(self) -> None:
        """Back to Home; after ``backcoach clinic``, the journal is read only now."""
        self.pop_screen()
        if self._history_deferred:
            self._history_deferred = False
            self.call_after_refresh(self._load_history)

    def clinic_opened(self) -> None:
        if self.services.settings.get("projector"):
            self.theme = PROJECTOR_THEME

    def clinic_closed(self) -> None:
        self.theme = self._user_theme()

    def toggle_projector(self) -> bool:
        """The clinic's projector display on or off (remembered); True when on."""
        projector = not self.services.settings.get("projector")
        self.services.settings["projector"] = projector
        self.theme = PROJECTOR_THEME if projector else self._user_theme()
        self._save_settings()
        return projector

    def start_demo(self, drill: Drill) -> None:
        """Demo ``drill`` on the session screens, saving nothing (see ``tui.demo``)."""
        from backcoach.coach.clock import ScaledClock
        from backcoach.tui.demo import DemoRunner, demo_engine

        if self.runner is not None:
            return
        clock = ScaledClock(self.demo_speed, source=self.services.make_clock(1.0).now)
        self.runner = DemoRunner(self, demo_engine(drill, clock, self))
        self.runner.start()

    def demo_ended(self, runner: SessionRunner) -> None:
        from backcoach.tui.screens.clinic import ClinicScreen

        if self.runner is runner:
            self.runner = None
        while not isinstance(self.screen, ClinicScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self.notify("Demo finished. Nothing was saved.", timeout=3)

    def action_demo_speed(self, step: int) -> None:
        from backcoach.tui.demo import DemoRunner

        if not isinstance(self.runner, DemoRunner):
            return
        self.demo_speed = self.runner.change_speed(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "demo_speed":
            return self.runner is not None and self.runner.is_demo
        return True

    def open_builder(self, start_from: str | None) -> None:
        """After the clinic's start-from question: the builder, empty or from a copy."""
        from backcoach.tui.screens.builder import BuilderScreen
        from backcoach.tui.screens.clinic_dialogs import EMPTY

        if start_from is None:
            return
        program = None if start_from == EMPTY else self._program(start_from)
        self.push_screen(BuilderScreen(program))

    def _program(self, program_id: str) -> Program | None:
        return next((p for p in self.services.programs if p.id == program_id), None)

    def program_installed(self, program: Program) -> None:
        """An imported program replaces any with its id (as on disk) and is listed at once."""
        from backcoach.content.catalog import with_installed

        self.services.programs[:] = with_installed(self.services.programs, program)
        self.notify(f"Installed {program.name}: it is on the home screen.", timeout=5)

    # ---- sessions ---------------------------------------------------------

    def easier_of(self, drill: Drill) -> Drill | None:
        return self.services.library.get(drill.easier) if drill.easier else None

    def start_session(self, program: Program, *, rest_day_confirmed: bool = False) -> None:
        """Begin a session, or explain why today is not a day for one.

        In order: the one-time health background; a background that means
        seeing a doctor first; a safety stop earlier today (blocks the day);
        a pain stop earlier today (a rest day: asks first, "no" by default).
        """
        from backcoach.coach.background import background_needs_doctor, read_background
        from backcoach.coach.safety import SafetyToday, active_waivers, today_state

        background = read_background(self.services.settings.get("health_background"))
        if background is None:
            self.ask_background(then=lambda: self.start_session(program))
            return
        if background_needs_doctor(background):
            from backcoach.tui.screens.safety import BackgroundStopScreen

            self.push_screen(BackgroundStopScreen())
            return
        sessions = self.sessions_cache or []
        today = self.services.today()
        state = today_state(sessions, today)
        if state.safety is SafetyToday.BLOCKED:
            from backcoach.coach.safety import Level
            from backcoach.tui.screens.safety import SafetyBlockedScreen

            self.push_screen(SafetyBlockedScreen(state.blocked_level or Level.EMERGENCY))
            return
        if state.pain_stop and not rest_day_confirmed:
            from backcoach.tui.screens.confirm import AskScreen

            def answered(start: bool | None) -> None:
                if start:
                    self.start_session(program, rest_day_confirmed=True)

            self.push_screen(
                AskScreen(
                    "Today is a rest day",
                    "A session earlier today stopped for pain. Resting or a gentle walk is "
                    "usually best for the rest of the day. Start another session anyway?",
                    yes="start anyway",
                    no="rest today",
                ),
                answered,
            )
            return
        self._begin_session(
            program,
            needs_safety_check=state.safety is SafetyToday.NEEDED,
            background=background,
            waivers=active_waivers(sessions, today),
        )

    def _begin_session(self, program: Program, *, needs_safety_check: bool, background: Any, waivers: Any) -> None:
        from backcoach.coach.session import SessionEngine
        from backcoach.tui.session_runner import SessionRunner

        engine = SessionEngine(
            program,
            self.services.make_clock(self.speed),
            easier_of=self.easier_of,
            needs_safety_check=needs_safety_check,
            background=background,
            waivers=waivers,
            demo=self.speed != 1.0,
            wall_time=self.services.wall_time,
        )
        self.runner = SessionRunner(self, engine, self.writer)
        self.runner.start()

    def ask_background(self, then: Callable[[], None] | None = None) -> None:
        """The health background screen; answers are saved to the settings."""
        from backcoach.coach.background import read_background
        from backcoach.tui.screens.background import BackgroundScreen

        current = read_background(self.services.settings.get("health_background"))

        def answered(answers: dict[str, bool] | None) -> None:
            if answers is None:
                return
            self.services.settings["health_background"] = answers
            self._save_settings()
            if then is not None:
                then()

        self.push_screen(BackgroundScreen(current), answered)

    def session_ended(self, session: dict[str, Any] | None) -> None:
        """Called by the runner once the session's last event is written."""
        if session is not None and self.sessions_cache is not None:
            self.sessions_cache.append(session)
        self.runner = None

    # ---- global actions ---------------------------------------------------

    def action_help(self) -> None:
        """``?`` anywhere; a running drill or countdown is paused while help
        is open (reading the keys must not cost the drill, and the ``escape``
        that closes help must not land on a screen that came up meanwhile)."""
        from backcoach.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        runner = self.runner
        pause = runner.pause_for_dialog() if runner is not None else None
        self.push_screen(HelpScreen(), lambda _closed: pause() if pause is not None else None)

    def action_help_quit(self) -> None:
        """``ctrl+c``: one quit hint everywhere (Textual's names whichever quit
        key the screen has, so Home said ``q`` and every other screen ``ctrl+q``)."""
        self.notify(QUIT_HINT, title="Do you want to quit?")

    def action_toggle_mute(self) -> None:
        self.player.muted = not self.player.muted
        self.services.settings["muted"] = self.player.muted
        self._save_settings()
        self.notify("Sound off" if self.player.muted else "Sound on", timeout=2)

    def action_toggle_contrast(self) -> None:
        high = self.theme != "backcoach-high-contrast"
        self.theme = "backcoach-high-contrast" if high else "backcoach"
        self.services.settings["high_contrast"] = high
        self._save_settings()

    def _save_settings(self) -> None:
        settings = dict(self.services.settings)

        def save() -> None:
            try:
                self.services.save_settings(settings)
            except Exception as exc:  # reported, never fatal
                self.call_from_thread(self.notify, str(exc), severity="warning")

        self.run_worker(save, thread=True, group="settings", exclusive=True)

    def _journal_problem(self, sentence: str) -> None:
        # Posted, not call_from_thread: that would wait for the UI thread, which
        # at exit is itself waiting for this writer to finish (a deadlock).
        self.call_later(self.notify, sentence, severity="error", timeout=15, markup=False)

    def _journal_recovered(self) -> None:
        self.call_later(self.notify, "Saved: what could not be saved before is now in your journal.", timeout=8)

    def retry_failed_saves(self) -> None:
        """Home is shown: a good moment to try failed saves again (on the writer's thread)."""
        if self.writer.has_unsaved:
            self.writer.retry()

    async def action_quit(self) -> None:
        """``q`` on Home, ``ctrl+q`` anywhere, the palette: never quits past unsaved work."""
        self.closing.request_quit()

    def _sound_problem(self, sentence: str) -> None:
        try:
            self.call_from_thread(self.notify, sentence, severity="warning", timeout=5)
        except RuntimeError:
            pass

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in TEXTUAL_COMMANDS_LEFT_OUT:
                yield command
        yield SystemCommand("Mute or unmute sound", "Toggle sound cues (m)", self.action_toggle_mute)
        yield SystemCommand(
            "High contrast", "Switch between the normal and the high-contrast theme", self.action_toggle_contrast
        )
        yield SystemCommand("Keys", "Show every key (?)", self.action_help)
        if self.runner is None and self.in_clinic:
            yield SystemCommand("Import a program file", "Install a program for this user", self._ask_import)
        elif self.runner is None:
            # Not from inside the clinic: nothing there may start a real session.
            yield SystemCommand("Clinic", "Browse and demo drills, build programs (c)", self.open_clinic)
            yield SystemCommand("Import a program file", "Install a program for this user", self._ask_import)
            for program in self.services.programs:
                yield SystemCommand(
                    f"Start: {program.name}",
                    f"{len(program.items)} drills, about {program.estimated_minutes} min",
                    lambda p=program: self.start_session(p),
                )
        elif self.runner is not None:
            yield SystemCommand("End session", "End the session now (asks first)", self.runner.ask_end)

    def _ask_import(self) -> None:
        from backcoach.tui.screens.clinic_dialogs import ImportProgramScreen

        self.push_screen(ImportProgramScreen())

    def on_unmount(self) -> None:
        self.closing.remove_signal_handlers()
        if self.runner is not None:
            self.runner.shutdown()
        self.writer.close()
        self.player.close()
