"""Clinic: the drill library for a physiotherapist, with instant demos.

The physio filters the library by category (``left``/``right``) and by typed
words (``/``), reads the highlighted drill's preview (figure, dose,
breathing, cautions, cues, and where it sits between easier and harder
versions), and presses ``enter`` to demo it on the patient's own drill
screens. From here they also build a program (``b``) and install a program
file (``i``). Nothing on this screen reads or writes the patient journal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.coach.breathing import breath_at
from backcoach.coach.clock import Clock
from backcoach.coach.words import plural
from backcoach.content.browse import ALL_CATEGORIES, QueryError, category_choices, chain_text, filter_drills
from backcoach.content.describe import dose_text, drill_details, tags_text
from backcoach.content.model import Drill
from backcoach.tui.themes import PROJECTOR_THEME
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pose_figure import PoseFigure, drill_figure

if TYPE_CHECKING:
    from textual.timer import Timer

    from backcoach.tui.app import BackcoachApp


#: How often the preview's figure moves: smooth enough, and cheap.
PREVIEW_FRAME_SECONDS = 0.1
#: Below this width the filter goes under the category line (``-cramped``):
#: the category label takes up to ~30 columns and the filter needs ~20.
CRAMPED_WIDTH = 56


def in_clinic(app: BackcoachApp) -> bool:
    """True while a clinic screen is open (its demos and dialogs over it included)."""
    return any(isinstance(screen, ClinicScreen) for screen in app.screen_stack)


def clinic_commands(app: BackcoachApp) -> Iterator[SystemCommand]:
    """The palette's clinic entries when no session runs (none opens a clinic in one)."""
    from backcoach.tui.clinic.dialogs import ImportProgramScreen

    if not in_clinic(app):
        yield SystemCommand("Clinic", "Browse and demo drills, build programs (c)", lambda: open_clinic(app))
    yield SystemCommand(
        "Import a program file", "Install a program for this user", lambda: app.push_screen(ImportProgramScreen())
    )


def open_clinic(app: BackcoachApp) -> None:
    """``c`` on Home, the palette, ``backcoach clinic``: never from a session or twice."""
    if app.runner is None and not in_clinic(app):
        app.push_screen(ClinicScreen())


class FilterInput(Input):
    """The typed filter; ``down``, ``enter`` or ``escape`` go back to the list.

    Its keys are shown: while the filter has focus every letter is text, so
    the screen's own keys are off, and a bar with nothing on it would leave
    the physio guessing how to get back to the list.
    """

    BINDINGS = [
        Binding("enter", "submit", "Done"),
        Binding("down", "screen.focus_drills", "List", key_display="↓"),
        Binding("escape", "screen.focus_drills", "List", show=False),
    ]


class ClinicScreen(Screen[None]):
    CSS_PATH = "browser.tcss"
    BINDINGS = [
        # Priority, or the focused list would take these keys (and hide them
        # from the key bar); check_action hands them to the filter while typing.
        Binding("enter", "demo", "Demo", priority=True),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("right", "category(1)", "Category", key_display="←/→", priority=True),
        Binding("left", "category(-1)", "Previous category", show=False, priority=True),
        Binding("b", "builder", "Build"),
        Binding("i", "import_program", "Import"),
        Binding("t", "projector", "Projector"),
        Binding("escape", "leave", "Home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.category = ALL_CATEGORIES
        #: Why the typed filter matches nothing (a malformed field:value term), or "".
        self.query_problem = ""
        self.shown: list[Drill] = []
        #: The preview's own clock (the app's, so a test's fake clock holds it still).
        self._clock: Clock | None = None
        self._preview_since = 0.0
        self._animation: Timer | None = None

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    def compose(self) -> ComposeResult:
        yield Static("Clinic", classes="heading")
        with Horizontal(id="filters"):
            yield Static(id="category", markup=False)
            yield FilterInput(placeholder="/ to filter by name or purpose", id="filter")
        with Horizontal(id="clinic-body"):
            yield OptionList(id="drills")
            with VerticalScroll(id="preview"):
                yield PoseFigure(id="preview-figure")
                yield Static(id="preview-title", markup=False)
                yield Static(id="preview-chain", markup=False)
                yield Static(id="preview-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.backcoach.services.settings.projector:
            self.app.theme = PROJECTOR_THEME
        self._clock = self.backcoach.services.make_clock(1)
        # 10 frames a second, only while the clinic is the screen shown.
        self._animation = self.set_interval(PREVIEW_FRAME_SECONDS, self._move_preview, name="clinic-preview")
        self._refill()
        self.query_one("#drills", OptionList).focus()

    def on_resize(self) -> None:
        # Too narrow for the category and the filter side by side, the filter
        # would be pushed past the edge, and tab would focus it out of sight.
        self.set_class(self.size.width < CRAMPED_WIDTH, "-cramped")

    def on_screen_suspend(self) -> None:
        if self._animation is not None:
            self._animation.pause()

    def on_screen_resume(self) -> None:
        if self._animation is not None:
            self._animation.resume()

    def on_unmount(self) -> None:
        # The projector display is the clinic's: Home and history get the user's theme.
        self.app.theme = self.backcoach.user_theme()

    # ---- filtering -----------------------------------------------------------

    def _refill(self) -> None:
        text = self.query_one("#filter", Input).value
        library = self.backcoach.services.library
        try:
            self.shown = filter_drills(library.values(), self.category, text)
            self.query_problem = ""
        except QueryError as exc:
            self.shown, self.query_problem = [], f"{str(exc)[:1].upper()}{str(exc)[1:]}."
        drills = self.query_one("#drills", OptionList)
        highlighted = self.highlighted_drill
        drills.clear_options()
        drills.add_options(Option(Text(d.name), id=d.id) for d in self.shown)
        label = "all categories" if self.category == ALL_CATEGORIES else self.category
        count = plural(len(self.shown), "drill")
        self.query_one("#category", Static).update(f"< {label} >  {count}")
        if self.shown:
            ids = [d.id for d in self.shown]
            keep = highlighted.id if highlighted is not None and highlighted.id in ids else ids[0]
            drills.highlighted = ids.index(keep)
        self._preview(self.highlighted_drill)

    @property
    def highlighted_drill(self) -> Drill | None:
        index = self.query_one("#drills", OptionList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    @on(Input.Changed, "#filter")
    def _typed(self) -> None:
        self._refill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.action_focus_drills()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_category(self, step: int) -> None:
        choices = category_choices(self.backcoach.services.library)
        index = choices.index(self.category) if self.category in choices else 0
        self.category = choices[(index + step) % len(choices)]
        self._refill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("category", "demo", "builder", "import_program", "projector", "filter"):
            # While typing in the filter, letters and arrows belong to the text.
            return not isinstance(self.focused, Input)
        return True

    def action_focus_drills(self) -> None:
        self.query_one("#drills", OptionList).focus()

    # ---- preview -------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#drills")
    def _highlighted(self) -> None:
        self._preview(self.highlighted_drill)

    def _move_preview(self) -> None:
        """The preview's figure moves as in a session: a rep per breath, a hold breathing, a stride."""
        drill = self.highlighted_drill
        figure = self.query_one("#preview-figure", PoseFigure)
        if drill is None or not figure.display:
            return
        if self._clock is None:
            return
        elapsed = self._clock.now() - self._preview_since
        phases = drill.breathing.phases
        period = drill.breathing.rep_seconds
        breath = breath_at(phases, elapsed % period, 1) if phases and period > 0 else None
        figure.show(drill_figure(drill, breath, elapsed))

    def _preview(self, drill: Drill | None) -> None:
        figure = self.query_one("#preview-figure", PoseFigure)
        title = self.query_one("#preview-title", Static)
        chain = self.query_one("#preview-chain", Static)
        text = self.query_one("#preview-text", Static)
        if drill is None:
            figure.display = chain.display = False
            problem = f"{self.query_problem} " if self.query_problem else ""
            title.update(f"{problem}No drill matches. Press / to change the filter, or left/right for the category.")
            text.update("")
            return
        figure.display = True
        self._preview_since = self._clock.now() if self._clock is not None else 0.0
        self._move_preview()
        title.update(f"{drill.name}\n{drill.category} · {drill.kind.replace('_', ' ')} · {dose_text(drill)}")
        progression = chain_text(self.backcoach.services.library, drill.id)
        chain.display = bool(progression)
        chain.update(f"Easier to harder: {progression}")
        text.update(f"{drill_details(drill)}\n\n{tags_text(drill)}")
        self.query_one("#preview", VerticalScroll).scroll_home(animate=False)

    # ---- actions -------------------------------------------------------------

    @on(OptionList.OptionSelected, "#drills")
    def _selected(self) -> None:
        self.action_demo()

    def action_demo(self) -> None:
        drill = self.highlighted_drill
        if drill is not None:
            from backcoach.tui.clinic.demo import demos_of

            demos_of(self.backcoach).start(drill)

    def action_builder(self) -> None:
        from backcoach.tui.clinic.dialogs import StartFromScreen

        self.app.push_screen(StartFromScreen(self.backcoach.services.programs), self._open_builder)

    def _open_builder(self, start_from: str | None) -> None:
        """After the start-from question: the builder, empty, from a copy, or asking for a file."""
        from backcoach.tui.clinic.builder import BuilderScreen
        from backcoach.tui.clinic.dialogs import EMPTY, FROM_FILE

        if start_from is None:
            return
        if start_from == FROM_FILE:
            builder = BuilderScreen(None)
            self.app.push_screen(builder)
            builder.call_after_refresh(builder.action_open_file)
            return
        programs = self.backcoach.services.programs
        program = None if start_from == EMPTY else next((p for p in programs if p.id == start_from), None)
        self.app.push_screen(BuilderScreen(program))

    def action_import_program(self) -> None:
        from backcoach.tui.clinic.dialogs import ImportProgramScreen

        self.app.push_screen(ImportProgramScreen())

    def action_projector(self) -> None:
        """The projector display on or off, remembered for the next clinic."""
        settings = self.backcoach.services.settings
        settings.projector = not settings.projector
        self.app.theme = PROJECTOR_THEME if settings.projector else self.backcoach.user_theme()
        self.backcoach.save_settings()
        self.notify("Projector display on" if settings.projector else "Projector display off", timeout=2)

    def action_leave(self) -> None:
        """Back to Home; after ``backcoach clinic``, the journal is read only now."""
        from backcoach.tui.history.cache import load_history

        self.app.pop_screen()
        load_history(self.backcoach)
