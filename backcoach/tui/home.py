"""Home: the programs, and whether today's session is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from backcoach.coach.today import today_status
from backcoach.content.describe import equipment_text, needed_equipment
from backcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.history.cache import HistoryCache


class HomeScreen(Screen[None]):
    # DEFAULT_CSS, not a CSS_PATH file: Textual re-parses every stylesheet
    # in the app when it installs a screen that brings its own CSS file
    # (~3 ms before the first frame); a screen's DEFAULT_CSS is parsed once,
    # with the rest. The demo banner's style is shared: see app.tcss.
    DEFAULT_CSS = """
    #home {
        padding: 1 2;
    }
    HomeScreen.-short #home {
        padding: 0 1;
    }
    #status {
        text-style: bold;
        color: $secondary;
        margin-bottom: 1;
    }
    #programs {
        height: 1fr;
        max-width: 84;
        border: round $primary;
    }
    """
    #: (id, name, minutes) of the programs as listed, to notice new ones.
    _listed: list[tuple[str, str, int]] = []
    BINDINGS = [
        Binding("enter", "start", "Start", show=False),
        Binding("h", "history", "History"),
        Binding("c", "clinic", "Clinic"),
        Binding("l", "learn", "Learn"),
        Binding("b", "background", "Health background"),
        Binding("q", "app.quit", "Quit"),
    ]

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    def compose(self) -> ComposeResult:
        yield Static("backcoach  ·  your back exercise coach", classes="heading")
        with Vertical(id="home"):
            yield Static("Loading your history...", id="status")
            yield Static(id="background", classes="lead", markup=False)
            yield Static("Choose a program (up/down, enter to start):", classes="lead")
            yield OptionList(*self._program_options(), id="programs")
            yield Static(id="equipment", classes="lead", markup=False)
            if self.backcoach.speed != 1:
                yield Static(
                    f"Demo speed x{self.backcoach.speed:g}: sessions are saved as demos.",
                    classes="demo",
                )
        yield KeyBar()

    def _program_options(self) -> list[Option]:
        programs = self.backcoach.services.programs
        self._listed = [(p.id, p.name, p.estimated_minutes) for p in programs]
        return [
            Option(
                # Text, not markup: an imported program's name is the user's own.
                Text(
                    f"{p.name}\n  {len(p.items)} drills · about {p.estimated_minutes} min"
                    + (" · imported" if p.origin != "builtin" else "")
                ),
                id=p.id,
            )
            for p in programs
        ]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_equipment(event.option_index)

    def _show_equipment(self, index: int | None) -> None:
        """What the highlighted program needs, read before anyone gets down on
        the floor and finds the band is in another room."""
        programs = self.backcoach.services.programs
        text = ""
        if index is not None and 0 <= index < len(programs):
            text = "You will need: " + equipment_text(needed_equipment(programs[index].drills))
        self.query_one("#equipment", Static).update(text)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._show_equipment(self.query_one(OptionList).highlighted)
        self.backcoach.history_changed.subscribe(self, self._history_changed)
        self.refresh_status()

    def _history_changed(self, _cache: HistoryCache) -> None:
        if self.is_current:  # otherwise on_screen_resume redraws
            self.refresh_status()

    def on_screen_resume(self) -> None:
        writer = self.backcoach.writer
        if writer.has_unsaved:  # a good moment to try failed saves again (on the writer's thread)
            writer.retry()
        self.refresh_status()
        self.refresh_programs()

    def refresh_programs(self) -> None:
        """List programs installed since (from the clinic or the command palette)."""
        programs = self.backcoach.services.programs
        if [(p.id, p.name, p.estimated_minutes) for p in programs] == self._listed:
            return
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(self._program_options())
        if highlighted is not None and programs:
            option_list.highlighted = min(highlighted, len(programs) - 1)
        self._show_equipment(option_list.highlighted)

    def refresh_status(self) -> None:
        sessions = self.backcoach.history.sessions
        if sessions is None:
            return
        # After the history read, not before the first frame (launch time).
        from backcoach.coach.background import background_line, read_background

        stored = self.backcoach.services.settings.health_background
        self.query_one("#background", Static).update(background_line(read_background(stored)))
        self.query_one("#status", Static).update(today_status(sessions, self.backcoach.services.today()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_start()

    def action_start(self) -> None:
        if not self.backcoach.history.loaded:
            self.notify("One moment: your history is still loading.", timeout=3)
            return
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None:
            return
        from backcoach.tui.session.start import start_session

        start_session(self.backcoach, self.backcoach.services.programs[index])

    def action_history(self) -> None:
        from backcoach.tui.history.screen import open_history

        open_history(self.backcoach)

    def action_clinic(self) -> None:
        from backcoach.tui.clinic.browser import open_clinic

        open_clinic(self.backcoach)

    def action_background(self) -> None:
        from backcoach.tui.session.start import ask_background

        ask_background(self.backcoach)

    def action_learn(self) -> None:
        from backcoach.tui.learn import open_learn

        open_learn(self.backcoach)
