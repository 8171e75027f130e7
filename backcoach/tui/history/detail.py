"""One session from the history: how it went, drill by drill.

The table has no room for another column at 80 columns, so the drill under
the cursor gets its doses in words below it (the program's, and what was
done), with the plan's reasons for any change; one Plan line above the
table counts what the plan changed. Each reason ends with its CLINICAL.md rule
id, in brackets, for a physiotherapist reading along.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from backcoach.coach.drill_counts import session_tally
from backcoach.coach.history import STATUS_WORDS, DrillRow, drill_rows, program_of, session_row, when_text
from backcoach.coach.streaks import counts_for_streak
from backcoach.coach.words import plural
from backcoach.content.model import Drill, Program
from backcoach.store.documents import CLOCK_NOTE, clock_went_back
from backcoach.tui.widgets.key_bar import KeyBar


def clock_text(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def program_drill_count(session: Mapping[str, Any], programs: Iterable[Program]) -> int | None:
    """How many drills the session's program has, from the installed programs.

    ``None`` when no program has its id, or when the session recorded its
    program's content hash and the installed one differs (changed since).
    Sessions from before hashes were recorded trust the id.
    """
    from backcoach.content.program_hash import program_hash  # the TOML writer: only when a detail opens

    program_id, _name = program_of(session)
    stored = session.get("program")
    recorded = stored.get("hash") if isinstance(stored, dict) else None
    for program in programs:
        if program.id != program_id:
            continue
        if isinstance(recorded, str) and recorded and program_hash(program) != recorded:
            return None
        return len(program.items)
    return None


def session_facts(session: Mapping[str, Any], programs: Iterable[Program] = ()) -> list[str]:
    """The lines above the drill table, in words; ``programs`` (the installed
    ones) tell how many drills the session's program has."""
    row = session_row(session)
    status = str(session.get("status") or "")
    ended = when_text(session.get("ended_at"))
    speed = session.get("speed")
    lines = [
        f"Program     {row.program_name}",
        f"Started     {row.when}   ended {ended[11:] if ended[:10] == row.when[:10] else ended}",
        f"Status      {STATUS_WORDS.get(status, status or 'unknown')}",
        f"Time moving {plural(row.minutes, 'minute')}",
        f"Drills      {session_tally(session, program_drill_count(session, programs)).words()}",
        f"Pain        check-in {'-' if row.checkin is None else row.checkin}"
        f"   ·   last pain check {'-' if row.final is None else row.final}",
    ]
    note = session.get("clock_note")
    if not isinstance(note, str) or not note:  # rows stored before notes were
        note = CLOCK_NOTE if clock_went_back(session) else None
    if note:
        lines.append(f"Note        {note}")
    if row.demo:
        speed_text = f" at x{speed:g} speed" if isinstance(speed, (int, float)) and speed != 1 else ""
        lines.append(f"DEMO        a demo session{speed_text}: not counted in streaks")
    elif counts_for_streak(session):
        lines.append("Streak      this day counts toward your streak")
    else:
        lines.append("Streak      not counted (only completed or ended-early sessions count)")
    return lines


def plan_line(rows: list[DrillRow]) -> str | None:
    """What the coach's plan did that day, counted; ``None`` when it changed nothing.

    Said once above the table, which has no room for another column at 80
    columns; the reasons are under the table, drill by drill.
    """
    changes = [row.change for row in rows]
    parts = []
    if count := changes.count("changed"):
        parts.append(f"{plural(count, 'dose')} changed")
    if count := changes.count("held"):
        parts.append(f"{count:,} held")
    if count := changes.count("left out"):
        parts.append(f"{plural(count, 'drill')} left out")
    if not parts:
        return None
    return f"Plan        {', '.join(parts)} (see below)"


def dose_lines(drill: DrillRow) -> Group:
    """The highlighted drill's doses and the plan's reasons, under the table.

    A grid, so a reason that wraps stays indented under its label.
    """
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("Planned", Text(drill.planned or "-"))
    grid.add_row("Done", Text(drill.done or "-"))
    for sentence, rule in drill.why:
        words = Text(sentence)
        if rule:
            words.append(f" [{rule}]", style="dim")
        grid.add_row("Why", words)
    return Group(Text(drill.name, style="bold"), grid)


class SessionDetailScreen(Screen[None]):
    DEFAULT_CSS = """
    SessionDetailScreen > Vertical { padding: 0 1; }
    SessionDetailScreen #facts { margin-bottom: 1; }
    SessionDetailScreen #facts.demo { color: $warning; }
    SessionDetailScreen DataTable { height: 1fr; min-height: 4; }
    SessionDetailScreen #dose { height: auto; max-height: 50%; margin-top: 1; }
    SessionDetailScreen.-short #facts { margin-bottom: 0; }
    SessionDetailScreen.-short #dose { margin-top: 0; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "back", "Back", show=False),
    ]

    def __init__(
        self,
        session: Mapping[str, Any],
        library: Mapping[str, Drill],
        programs: Iterable[Program] = (),
        where: str = "History",
    ) -> None:
        """``where`` begins the heading: "History", or in a review "Reviewing anna.json"."""
        super().__init__()
        self.where = where
        self.session = session
        self.programs = tuple(programs)
        self.rows = drill_rows(session, library)

    def compose(self) -> ComposeResult:
        row = session_row(self.session)
        yield Static(f"{self.where}  ·  session of {row.when}", classes="heading", markup=False)
        with Vertical():
            # markup off: program and drill names are the user's own text.
            facts = Static("\n".join(self.facts()), id="facts", markup=False)
            if row.demo:
                facts.add_class("demo")
            yield facts
            yield DataTable(id="drills", cursor_type="row", zebra_stripes=True)
            yield Static(id="dose")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Drill", "Status", "Gate pain", "Band", "Difficulty", "Time")
        for drill in self.rows:
            cells = (
                drill.name,
                drill.status,
                "-" if drill.gate_pain is None else str(drill.gate_pain),
                drill.band,
                drill.difficulty,
                clock_text(drill.seconds),
            )
            # Text: never parsed as markup; a drill whose dose the plan changed or held stands out.
            style = "bold" if drill.change else ""
            table.add_row(*(Text(cell, style=style) for cell in cells))
        if not table.row_count:
            table.display = False
            self.query_one("#dose").display = False
            self.query_one("#facts", Static).update(
                "\n".join([*self.facts(), "", "No drills were recorded in this session."])
            )
        table.focus()

    def facts(self) -> list[str]:
        plan = plan_line(self.rows)
        return [*session_facts(self.session, self.programs), *([plan] if plan else [])]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.rows):
            self.query_one("#dose", Static).update(dose_lines(self.rows[event.cursor_row]))

    def action_back(self) -> None:
        self.app.pop_screen()
