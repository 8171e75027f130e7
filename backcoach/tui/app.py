"""The Textual application, a composition root: the long-lived services, the
start-up screens, the settings and the palette. Everything else lives in its
room: ``tui.session`` (the patient's session), ``tui.clinic`` (browse, demo,
build), ``tui.history``, ``tui.dialogs``, and ``tui.closing`` (quitting safely).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from backcoach.content.model import Program
from backcoach.sound import CuePlayer
from backcoach.store.writer import JournalWriter
from backcoach.tui import switches
from backcoach.tui.closing import Closing
from backcoach.tui.history.cache import HistoryCache, load_history
from backcoach.tui.services import Services
from backcoach.tui.themes import THEMES
from backcoach.voice import Voice

if TYPE_CHECKING:
    # Imported where a session or demo starts: ~4 ms of start-up Home does not need.
    from backcoach.tui.clinic.demo import DemoLauncher
    from backcoach.tui.session.runner import SessionRunner

#: What ``ctrl+c`` says, on every screen (``ctrl+q`` quits from anywhere).
QUIT_HINT = "Press ctrl+q to quit backcoach."

#: Textual's palette commands left out: "Keys" (ours lists every key; two of one name),
#: "Theme" (the app's looks are switched by "High contrast" and remembered) and
#: "Screenshot" (it only writes to a Downloads folder, and where there is none it fails).
TEXTUAL_COMMANDS_LEFT_OUT = frozenset({"Keys", "Theme", "Screenshot"})


class BackcoachApp(App[None]):
    TITLE = "backcoach"
    CSS_PATH = "app.tcss"
    # Screen classes the .tcss files use to fit small terminals.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("m", "toggle_mute", "Mute", id="mute"),
        # Not on the key bar (``?`` lists it): the bar keeps its room for the drill's keys.
        Binding("v", "toggle_voice", "Voice", id="voice", show=False),
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
        voice: Voice | None = None,
        start_program: Program | None = None,
        start: str = "home",
    ) -> None:
        super().__init__()
        self.services = services
        self.speed = speed
        problem = partial(switches.sound_problem, self)
        self.player = player or CuePlayer(
            muted=services.settings.muted, on_problem=problem, on_status=partial(switches.sound_status, self)
        )
        self.voice = voice or Voice(self.player, enabled=services.settings.voice, on_notice=problem)
        self.start_program = start_program
        self.start = start  # "home", or "history"/"clinic": that screen over Home
        self.closing = Closing(self)
        self.writer = JournalWriter(
            services.journal, on_error=self.closing.journal_problem, on_recovered=self.closing.journal_recovered
        )
        self.runner: SessionRunner | None = None
        #: The clinic's demos (``tui.clinic.demo.demos_of``), made with the first one.
        self.demos: DemoLauncher | None = None
        #: Published (with the cache) whenever the history cache changes.
        self.history_changed: Signal[HistoryCache] = Signal(self, "history-changed")
        self.history = HistoryCache(on_change=self.history_changed.publish)
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.user_theme()

    def user_theme(self) -> str:
        """The theme outside the clinic's projector display."""
        return "backcoach-high-contrast" if self.services.settings.high_contrast else "backcoach"

    def get_default_screen(self) -> Screen[Any]:
        if self.services.review is not None:
            # ``backcoach review FILE``: History alone (pushed on mount, so its .tcss is
            # loaded), over an empty screen; closing History closes the review.
            return Screen()
        # Not a mode (composed twice at start-up, ~10 ms): Home keeps its styles in DEFAULT_CSS.
        from backcoach.tui.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.closing.install_signal_handlers()
        for notice in self.services.notices:
            self.notify(notice, severity="warning", timeout=10)
        if self.start == "clinic":
            # ``backcoach clinic`` leaves the journal alone: reading it may
            # create, migrate or repair it. It is read on the way to Home.
            from backcoach.tui.clinic.browser import open_clinic

            open_clinic(self)
        else:
            load_history(self, then=self._start_program)
        if self.start == "history" or self.services.review is not None:
            from backcoach.tui.history.screen import open_history

            open_history(self)
        switches.start_after_first_frames(self)

    def _start_program(self) -> None:
        """``backcoach run PROGRAM``: its session starts once the history is read."""
        from backcoach.tui.session.start import start_session

        if self.start_program is not None:
            start_session(self, self.start_program)

    def session_ended(self, session: dict[str, Any] | None) -> None:
        """Called by the runner once the session's last event is written."""
        if session is not None:
            self.history.append(session)
        self.runner = None

    def action_help(self) -> None:
        from backcoach.tui.dialogs.help import open_help

        open_help(self)

    def action_help_quit(self) -> None:
        """``ctrl+c``: one quit hint everywhere (Textual's names whichever quit
        key the screen has, so Home said ``q`` and every other screen ``ctrl+q``)."""
        self.notify(QUIT_HINT, title="Do you want to quit?")

    def action_toggle_mute(self) -> None:
        switches.toggle_mute(self)

    def action_toggle_voice(self) -> None:
        switches.toggle_voice(self)

    def action_toggle_contrast(self) -> None:
        switches.toggle_contrast(self)

    def binding_description(self, action: str, description: str) -> str:
        return switches.key_label(self, action, description)

    def action_demo_speed(self, step: int) -> None:
        if self.demos is not None:
            self.demos.change_speed(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The demo speed keys are shown, and work, during a clinic demo only.
        return action != "demo_speed" or (self.demos is not None and self.demos.running)

    def save_settings(self) -> None:
        """Save a copy of the settings as they are now, off the UI thread."""
        settings = copy.deepcopy(self.services.settings)

        def save() -> None:
            try:
                self.services.save_settings(settings)
            except Exception as exc:  # reported, never fatal
                self.call_from_thread(self.notify, str(exc), severity="warning")

        self.run_worker(save, thread=True, group="settings", exclusive=True)

    async def action_quit(self) -> None:
        """``q`` on Home, ``ctrl+q`` anywhere, the palette: never quits past unsaved work."""
        self.closing.request_quit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from backcoach.tui.clinic.browser import clinic_commands
        from backcoach.tui.learn import learn_commands
        from backcoach.tui.session.start import start_commands

        for command in super().get_system_commands(screen):
            if command.title not in TEXTUAL_COMMANDS_LEFT_OUT:
                yield command
        yield from switches.switch_commands(self)
        yield SystemCommand("Keys", "Show every key (?)", self.action_help)
        if self.runner is not None:
            yield SystemCommand("End session", "End the session now (asks first)", self.runner.ask_end)
        elif self.services.review is not None:  # a review starts nothing and saves nothing
            yield from learn_commands(self)
        else:
            yield from (c for cs in (clinic_commands(self), learn_commands(self), start_commands(self)) for c in cs)

    def on_unmount(self) -> None:
        self.closing.remove_signal_handlers()
        if self.runner is not None:
            self.runner.shutdown()
        self.writer.close()
        self.player.close()
        self.voice.close()
