"""Home: the programs, whether today's session is done, and what today's plan changes.

The line about today's plan follows the highlighted program. It is made
off the UI thread, one plan at a time, and kept per program and history
(``PlanLines``): a plan reads every past session, and moving up and down the
list must never wait for one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from backcoach.coach.today import today_status
from backcoach.coach.words import plural
from backcoach.content.describe import REVIEW_DUE_TEXT, equipment_text, needed_equipment, set_by_text
from backcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual.command import Provider

    from backcoach.content.model import Profile, Program
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.history.cache import HistoryCache

#: Shown while the highlighted program's plan is being worked out.
PLAN_LINE_WAIT = "Today: working out today's plan..."


def _quiz_commands() -> type[Provider]:
    from backcoach.tui.quiz import QuizCommands

    return QuizCommands


#: (program id, how many sessions, the newest one's id, the hour, the quiz answers): what a plan
#: line depends on. The app only appends to its history, so a count and the newest id name it.
PlanKey = tuple[str, int, str, str, str]


class PlanLines:
    """Today's line per program, worked out one at a time by ``start`` (a thread that calls :meth:`done`).

    Only the latest request waits its turn: a line asked for while another
    is computed replaces any older wish, so holding ``down`` through the
    list starts at most two plans, not one per program passed.
    """

    def __init__(
        self,
        start: Callable[[PlanKey, Callable[[], str]], None],
        show: Callable[[PlanKey, str], None],
    ) -> None:
        self._start = start
        self._show = show
        self._lines: dict[PlanKey, str] = {}
        self._busy = False
        self._wanted: tuple[PlanKey, Callable[[], str]] | None = None

    def line(self, key: PlanKey, compute: Callable[[], str]) -> str | None:
        """The line for ``key`` if known; else ``None``, and it is worked out (``show`` gets it)."""
        if key in self._lines:
            return self._lines[key]
        self._wanted = (key, compute)
        if not self._busy:
            self._next()
        return None

    def done(self, key: PlanKey, line: str) -> None:
        """On the UI thread, when a line is ready; lines of an older history or hour are dropped."""
        self._lines = {k: v for k, v in self._lines.items() if k[1:] == key[1:]}
        self._lines[key] = line
        self._busy = False
        self._show(key, line)
        self._next()

    def _next(self) -> None:
        if self._wanted is None:
            return
        key, compute = self._wanted
        self._wanted = None
        if key not in self._lines:
            self._busy = True
            self._start(key, compute)


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
    COMMANDS = {_quiz_commands}

    BINDINGS = [
        Binding("enter", "start", "Start", show=False),
        Binding("h", "history", "History"),
        Binding("c", "clinic", "Clinic"),
        Binding("l", "learn", "Learn"),
        Binding("b", "background", "Health background"),
        Binding("d", "quiz", "Quiz"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._plan_lines = PlanLines(self._start_plan_line, self._plan_line_ready)
        #: The key of the line Home wants to show now (the highlighted program's).
        self._plan_key: PlanKey | None = None
        #: The thread working out a plan line, the latest one started (tests join it).
        self.plan_thread: threading.Thread | None = None

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
            yield Static(id="set-by", classes="lead", markup=False)
            yield Static(id="today", classes="lead", markup=False)
            yield Static(id="equipment", classes="lead", markup=False)
            yield Static(id="direction", classes="lead", markup=False)
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
                    f"{p.name}\n  {plural(len(p.items), 'drill')} · about {p.estimated_minutes} min"
                    + (" · imported" if p.origin != "builtin" else "")
                ),
                id=p.id,
            )
            for p in programs
        ]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_program(event.option_index)

    def _show_program(self, index: int | None) -> None:
        """What the highlighted program needs (read before anyone gets down on the
        floor and finds the band is in another room), whose direction profile
        plans it, and what today's plan changes."""
        programs = self.backcoach.services.programs
        program = programs[index] if index is not None and 0 <= index < len(programs) else None
        text = ""
        if program is not None:
            text = "You will need: " + equipment_text(needed_equipment(program.drills))
        self.query_one("#equipment", Static).update(text)
        self._show_set_by(program)
        self._show_direction(program)
        self._show_plan_line(program)

    def _show_set_by(self, program: Program | None) -> None:
        """Who set the program and until when, and past that date a calm nudge to
        check in with the physio (never the clinician's private notes)."""
        lines = []
        if program is not None:
            meta = program.meta
            if set_by_text(meta):
                lines.append(set_by_text(meta))
            if meta.review_on is not None:
                # Only for a program with a review date: the rest never pay for the import.
                from backcoach.content.program_meta import review_due

                if review_due(meta, self.backcoach.services.today()):
                    lines.append(REVIEW_DUE_TEXT)
        line = self.query_one("#set-by", Static)
        line.update("\n".join(lines))
        line.display = bool(lines)

    def _show_direction(self, program: Program | None) -> None:
        if program is None or self.backcoach.history.sessions is None:
            self.query_one("#direction", Static).update("")
            return
        # After the history read, not before the first frame (launch time), like the background line.
        from backcoach.coach.symptom_quiz import home_direction_line, stored_profile

        quiz = stored_profile(self.backcoach.services.settings.profile)
        self.query_one("#direction", Static).update(home_direction_line(program.profile, quiz))

    def _show_plan_line(self, program: Program | None) -> None:
        """Today's plan for ``program`` in one line, made before the check-in (answers not known)."""
        sessions = self.backcoach.history.sessions
        if program is None or sessions is None:
            self._plan_key = None
            self.query_one("#today", Static).update("")
            return
        from backcoach.coach.symptom_quiz import stored_profile

        services = self.backcoach.services
        now = datetime.fromisoformat(services.wall_time())
        answers = services.settings.profile
        newest = str(sessions[-1].get("id", "")) if sessions else ""
        key: PlanKey = (program.id, len(sessions), newest, now.isoformat()[:13], repr(answers))
        provisional = stored_profile(answers)
        history = list(sessions)  # a copy: the app appends to its list while the thread reads
        self._plan_key = key
        line = self._plan_lines.line(key, lambda: _plan_line(program, history, now, services.library, provisional))
        self.query_one("#today", Static).update(PLAN_LINE_WAIT if line is None else line)

    def _start_plan_line(self, key: PlanKey, compute: Callable[[], str]) -> None:
        """A daemon thread, not a Textual worker: those run in asyncio's executor,
        which the app's exit waits for, and a plan over years of sessions takes
        seconds; quitting must never wait for a line nobody will read."""
        app = self.app

        def work() -> None:
            try:
                line = compute()
            except Exception:  # the line is a convenience: a session makes its own plan
                line = ""
            try:
                app.call_from_thread(self._plan_lines.done, key, line)
            except Exception:  # the app closed meanwhile, or Home with it
                pass

        self.plan_thread = threading.Thread(target=work, name="backcoach-plan-line", daemon=True)
        self.plan_thread.start()

    def _plan_line_ready(self, key: PlanKey, line: str) -> None:
        if key == self._plan_key:
            self.query_one("#today", Static).update(line)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._show_program(self.query_one(OptionList).highlighted)
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
        self._show_program(option_list.highlighted)

    def refresh_status(self) -> None:
        sessions = self.backcoach.history.sessions
        if sessions is None:
            return
        # After the history read, not before the first frame (launch time).
        from backcoach.coach.background import background_line, read_background

        stored = self.backcoach.services.settings.health_background
        self.query_one("#background", Static).update(background_line(read_background(stored)))
        self.query_one("#status", Static).update(today_status(sessions, self.backcoach.services.today()))
        self._show_program(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_start()

    def action_start(self) -> None:
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

    def action_quiz(self) -> None:
        from backcoach.tui.quiz import open_quiz

        open_quiz(self.backcoach, then=self.refresh_status)

    def action_learn(self) -> None:
        from backcoach.tui.learn import open_learn

        open_learn(self.backcoach)


def _plan_line(
    program: Program, history: list[dict[str, Any]], now: datetime, library: Any, provisional: Profile | None
) -> str:
    """On the plan line's thread: today's plan before the check-in, as Home's one line."""
    from backcoach.coach.adapt import plan_today
    from backcoach.coach.adapt_day import Answers
    from backcoach.coach.plan_line import today_line

    return today_line(plan_today(program, history, Answers(now), library, provisional))
