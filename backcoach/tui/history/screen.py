"""History: the year's calendar, streaks, adherence, the pain trend, every
session, newest first, and each drill (the Drills page).

In a review (``backcoach review FILE``) the same screen shows a patient's
export: its sessions come from the file in place of the journal (the app's
``services.review``), the heading names the file, ``escape`` closes the
review, and ``e`` says that nothing is exported from here.

Opening it never blocks the UI: the numbers are computed from a snapshot of
the app's session cache in a worker thread while a loading line shows. If
the app is still reading the journal (``backcoach history`` opens straight
here), the screen waits for that read instead of starting a second one. It
redraws whenever the cache changes (the app's ``history_changed`` signal).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from backcoach.coach.history import (
    HistoryView,
    build_view,
    filter_sessions,
    plural,
    session_row,
)
from backcoach.tui.history.drills import DrillsPage
from backcoach.tui.widgets.calendar import CalendarHeatmap
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pain_chart import PainChart
from backcoach.tui.widgets.session_table import SessionTable, header_line, row_line

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.history.cache import HistoryCache

RECENT_ROWS = 8
RECENT_WIDTH = 76  # the overview is 78 columns wide in an 80-column terminal, less a scrollbar


TABS = (("overview", "Overview"), ("sessions", "Sessions"), ("drills", "Drills"))


def open_history(app: BackcoachApp) -> None:
    """``h`` on Home, ``backcoach history``: the History screen, unless it is showing."""
    if not isinstance(app.screen, HistoryScreen):
        app.push_screen(HistoryScreen())


class TabBar(Static):
    """"Overview  Sessions": which page shows; ``o``/``s`` or a click switch.

    One line of text instead of ``TabbedContent``: with ten widgets fewer the
    screen opens measurably faster, and there is no underline animation.
    """

    DEFAULT_CSS = """
    TabBar { height: 1; padding: 0 1; background: $panel; }
    """

    class Chosen(Message):
        def __init__(self, tab: str) -> None:
            super().__init__()
            self.tab = tab

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active = TABS[0][0]

    def set_active(self, tab: str) -> None:
        self.active = tab
        text = Text()
        for key, label in TABS:
            style = "reverse bold" if key == self.active else "dim"
            text.append(f" {label} ", style=style)
            text.append("  ")
        text.append("o / s / d to switch", style="dim")
        self.update(text)

    def on_mount(self) -> None:
        self.set_active(self.active)

    def on_click(self, event: events.Click) -> None:
        x = event.x - 1  # padding
        for key, label in TABS:
            if 0 <= x < len(label) + 2:
                self.post_message(self.Chosen(key))
                return
            x -= len(label) + 4


class HistoryScreen(Screen[None]):
    CSS_PATH = "screen.tcss"
    # The app's breakpoints, plus "-roomy" (32+ lines) where the overview adds spacing.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall"), (32, "-roomy")]
    BINDINGS = [
        # A review (``backcoach review FILE``) is History alone: escape and q close it.
        Binding("escape", "close_review", "Close"),
        Binding("q", "close_review", "Close", show=False),
        Binding("escape", "back", "Back", show=False),
        # Shown in the tab bar rather than the footer, which has no room at 80 columns.
        Binding("o", "show_tab('overview')", "Overview", show=False),
        Binding("s", "show_tab('sessions')", "Sessions", show=False),
        Binding("d", "show_tab('drills')", "Drills", show=False),
        Binding("p", "next_program", "Program"),
        Binding("e", "export", "Export"),
        # A review writes nothing: ``e`` there says so instead.
        Binding("e", "refuse_export", "Export", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: HistoryView | None = None
        #: The program the session list is filtered to (``None``: all).
        self.program: str | None = None
        #: The cache version the screen last showed or started computing.
        self._seen: int | None = None
        self._ready = False
        self._pending: HistoryView | None = None
        # Start on the numbers at once: the worker runs while the screen is
        # still being composed and mounted.
        self.show_history()

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    @property
    def review(self) -> str | None:
        """The export's file name as given in a review (``backcoach review FILE``), else ``None``."""
        export = self.backcoach.services.review
        return None if export is None else export.name

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("close_review", "refuse_export"):
            return self.review is not None
        if action == "export":
            return self.review is None
        return True

    def compose(self) -> ComposeResult:
        # Program names and paths come from the user: every Static that shows
        # them has markup off, so "[week 3]" stays text.
        yield Static(self.heading(), classes="heading", markup=False)
        loading = "Loading your history..." if self.review is None else f"Reading {self.review}..."
        yield Static(loading, id="loading", markup=False)
        yield TabBar(id="tab-bar")
        with ContentSwitcher(initial="overview", id="pages"):
            with VerticalScroll(id="overview"):
                yield Static(id="streaks", classes="stats", markup=False)
                yield Static(id="counts", classes="stats", markup=False)
                yield Static(id="adherence", classes="stats", markup=False)
                yield Static(id="dose-course", markup=False)
                yield CalendarHeatmap(id="calendar")
                yield Static("Pain (0-10), last 12 months", classes="subheading")
                yield PainChart(id="pain")
                # Only on tall terminals (history.tcss): the newest few sessions.
                yield Static("Latest sessions  (s: all of them)", classes="subheading roomy-only")
                yield Static("", id="recent", classes="roomy-only", markup=False)
            with Vertical(id="sessions"):
                yield Static("", id="program-filter", markup=False)
                yield SessionTable(id="session-table")
            yield DrillsPage(id="drills")
        yield Static("", id="export-result", markup=False)
        yield KeyBar()

    def heading(self) -> str:
        """ "History", or in a review whose file it is, that nothing is saved, and what was left out."""
        export = self.backcoach.services.review
        if export is None:
            return "History"
        note = export.short_note
        return f"Reviewing {export.name} — read only" + (f"  ·  {note}" if note else "")

    def on_mount(self) -> None:
        self.query_one("#tab-bar").display = False
        self.query_one("#pages").display = False
        self.query_one("#export-result").display = False
        self._ready = True
        self.backcoach.history_changed.subscribe(self, self._history_changed)
        if self._pending is not None:
            view, self._pending = self._pending, None
            self._show(view)
        self.show_history()  # in case the cache changed while the screen was being made

    def _history_changed(self, _cache: HistoryCache) -> None:
        self.show_history()

    # ---- loading -------------------------------------------------------------------

    def show_history(self) -> None:
        """Show the numbers for this version of the app's session cache.

        The app prepares them in its history worker right after reading the
        journal, so usually they are ready and this shows them at once.
        Otherwise (a session was added since, or the day changed) they are
        computed here, in a worker. Nothing happens when this version is
        already shown or on its way; the signal brings the next one.
        """
        app = self.backcoach
        cache = app.history
        if cache.sessions is None or self._seen == cache.version:
            return
        today = app.services.today()
        self._seen = cache.version
        prepared = cache.prepared_view(today)
        if prepared is not None:
            self._deliver(prepared)
            return
        if cache.preparing:
            return  # the app's worker is computing these very numbers; the signal follows
        version, sessions, plans = cache.version, list(cache.sessions), app.services.planned_days()

        def compute() -> None:
            try:
                view = build_view(sessions, today, plans)
            except Exception as error:  # noqa: BLE001 - one sentence on screen, never a crash
                result: tuple[Callable[..., None], object] = (self._failed, error)
            else:
                result = (self._computed, (version, view))
            try:
                app.call_from_thread(*result)
            except RuntimeError:
                pass  # the app has closed meanwhile

        # An app worker, so it can start before this screen is mounted (the
        # screen's own would be tied to it); a closure, not @work with
        # arguments: @work builds the worker's description from repr() of its
        # arguments, which for ten years of sessions took ~150 ms on the UI thread.
        app.run_worker(
            compute, thread=True, exclusive=True, group="history-view", description="history view"
        )

    def _failed(self, error: BaseException) -> None:
        if self.is_attached:
            self.query_one("#loading", Static).update(
                f"Your history could not be summed up ({type(error).__name__}: {error}); "
                "backcoach history export still writes every session."
            )

    def _computed(self, made: tuple[int, HistoryView]) -> None:
        version, view = made
        if version == self._seen:  # else a newer version is on its way
            self._deliver(view)

    def _deliver(self, view: HistoryView) -> None:
        if not self.is_attached and self._ready:
            return  # closed before the numbers were ready
        if self._ready:
            self._show(view)
        else:
            self._pending = view

    def _show(self, view: HistoryView) -> None:
        self.view = view
        summary = view.summary
        self.query_one("#loading").display = False
        self.query_one("#tab-bar").display = True
        self.query_one("#pages").display = True
        if not summary.sessions:
            self.query_one("#streaks", Static).update(
                "No sessions yet. Your calendar, streaks and pain trend will build up here."
            )
        else:
            self.query_one("#streaks", Static).update(summary.streak_line())
        counts = self.query_one("#counts", Static)
        counts.update(summary.counts_line())
        counts.display = bool(summary.sessions)
        adherence = self.query_one("#adherence", Static)
        adherence.update(summary.adherence_line())
        adherence.display = bool(summary.adherence)
        course = self.query_one("#dose-course", Static)
        course.update("\n".join(c.line() for c in view.courses))
        course.display = bool(view.courses)
        self.query_one(CalendarHeatmap).show(summary.heatmap)
        self.query_one(PainChart).show(summary.checkin, summary.final)
        recent = [header_line(RECENT_WIDTH)]
        recent += [row_line(session_row(doc), RECENT_WIDTH) for doc in view.newest[:RECENT_ROWS]]
        self.query_one("#recent", Static).update("\n".join(recent) if view.newest else "No sessions yet.")
        if self.program is not None and self.program not in dict(view.programs):
            self.program = None
        self._fill_table()

    def _fill_table(self) -> None:
        if self.view is None:
            return
        rows = filter_sessions(self.view.newest, self.program)
        table = self.query_one(SessionTable)
        table.set_sessions(rows)
        total = len(self.view.newest)
        names = dict(self.view.programs)
        name = "All programs" if self.program is None else names.get(self.program, self.program)
        shown = f"{len(rows):,} of {plural(total, 'session')}" if self.program is not None else plural(total, "session")
        demos = sum(1 for doc in rows if doc.get("demo"))
        note = f", {plural(demos, 'demo')} not counted" if demos else ""
        self.query_one("#program-filter", Static).update(f"Program: {name} (p)  ·  {shown}{note}")
        if self.query_one("#pages", ContentSwitcher).current == "drills":
            self._fill_drills()

    def _fill_drills(self) -> None:
        """The Drills page for the program chosen with ``p``, counted when it shows."""
        if self.view is None:
            return
        sessions = filter_sessions(self.view.sessions, self.program)
        name = "All programs" if self.program is None else dict(self.view.programs).get(self.program, self.program)
        services = self.backcoach.services
        self.query_one(DrillsPage).count(sessions, name, services.library, services.today())

    # ---- filtering ------------------------------------------------------------------

    def action_next_program(self) -> None:
        """``p``: the next program in the filter (then all programs again)."""
        if self.view is None:
            return
        ids: list[str | None] = [None, *(pid for pid, _ in self.view.programs)]
        following = ids[(ids.index(self.program) + 1) % len(ids)] if self.program in ids else None
        self.filter_program(following)
        if self.query_one("#pages", ContentSwitcher).current != "drills":
            self.action_show_tab("sessions")

    def filter_program(self, program: str | None) -> None:
        """Show only ``program``'s sessions (``None``: every session)."""
        self.program = program
        self._fill_table()

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "program-filter":
            self.action_next_program()

    # ---- tabs, details, export --------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        if self.view is None:
            return
        self.query_one("#pages", ContentSwitcher).current = tab
        self.query_one(TabBar).set_active(tab)
        if tab == "sessions":
            self.query_one(SessionTable).focus()
        elif tab == "drills":
            self._fill_drills()
            # Focused for up/down on a long table; not scrolled into view, which
            # would scroll the whole screen by the line the key bar covers.
            self.query_one(DrillsPage).focus(scroll_visible=False)

    def on_tab_bar_chosen(self, event: TabBar.Chosen) -> None:
        self.action_show_tab(event.tab)

    def on_session_table_opened(self, event: SessionTable.Opened) -> None:
        from backcoach.tui.history.detail import SessionDetailScreen

        if self.view is None:
            return
        session = self.view.by_id.get(event.row.id)
        if session is not None:
            services = self.backcoach.services
            where = "History" if self.review is None else f"Reviewing {self.review}"
            self.app.push_screen(SessionDetailScreen(session, services.library, services.programs, where))

    def action_export(self) -> None:
        from backcoach.tui.history.export import ExportScreen

        if self.view is None:
            self.notify("One moment: your history is still loading.", timeout=3)
            return
        app = self.backcoach
        self.app.push_screen(
            ExportScreen(self.view.sessions, app.services.today(), app.services.planned_days(), app.services.library),
            self._exported,
        )

    def _exported(self, message: str | None) -> None:
        if not message:
            return
        result = self.query_one("#export-result", Static)
        result.update(message)
        result.display = True
        self.notify(message, timeout=8, markup=False)

    def action_refuse_export(self) -> None:
        self.notify(
            f"This is a read-only review: nothing is exported from here ({self.review} is the patient's export).",
            timeout=6,
            markup=False,
        )

    def action_close_review(self) -> None:
        self.backcoach.closing.request_quit()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
