"""Quitting with saves that failed: say what is unsaved and where it would go.

Everything the writer could not save is still in memory; quitting drops it.
So the person is told, in words, what would be lost, which file it was
meant for and why it failed, and is offered a retry (after freeing space,
say) before quitting anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from backcoach.coach.words import plural
from backcoach.store.errors import describe_os_error
from backcoach.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from backcoach.store.writer import SessionSaveLike
    from backcoach.tui.app import BackcoachApp


def describe_unsaved(events: Sequence[SessionSaveLike]) -> str:
    """``"Not saved yet: 3 drills and how 1 session ended."`` for the writer's backlog."""
    counts = {action: sum(1 for e in events if e.action == action) for action in ("start", "update", "drill", "finish")}
    sessions = len({e.session_id for e in events})
    parts = []
    if counts["start"]:
        parts.append(f"the start of {plural(counts['start'], 'session', 'sessions')}")
    if counts["update"]:
        parts.append(plural(counts["update"], "pain score or answer", "pain scores or answers"))
    if counts["drill"]:
        parts.append(plural(counts["drill"], "drill", "drills"))
    if counts["finish"]:
        parts.append(f"how {plural(counts['finish'], 'session', 'sessions')} ended")
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "nothing"
    return f"Not saved yet: {listed} ({plural(sessions, 'session', 'sessions')} in all)."


def unsaved_details(app: BackcoachApp) -> str:
    """What is unsaved, where it would go and the last reason, in two sentences."""
    writer = app.writer
    events = writer.pending + writer.rejected
    failure: Any = writer.last_failure
    where = getattr(failure, "path", None) or _journal_folder(app)
    if failure is None:
        reason = "unknown problem"
    else:  # a StoreWriteError already carries the OS's words for it
        reason = getattr(failure, "reason", None) or describe_os_error(failure)
    return f"{describe_unsaved(events)} It belongs in {where}, which could not be written: {reason}."


def _journal_folder(app: BackcoachApp) -> str:
    try:
        return str(app.services.journal.data_dir)
    except Exception:  # noqa: BLE001 - only used in a sentence
        return "your data folder"


class UnsavedScreen(Dialog[str]):
    """Retry (``r``), quit anyway (``q``) or go back (``escape``): three answers,
    so not the yes/no question, but its look."""

    DEFAULT_CLASSES = "-error"
    BINDINGS = [
        Binding("r", "answer('retry')", "Retry"),
        Binding("q", "answer('quit')", "Quit anyway"),
        Binding("escape", "answer('back')", "Back", show=False),
    ]

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static("Some of your session is not saved", classes="dialog-title question")
            yield Static(id="details", markup=False)
            yield Static(
                "Free some space (or fix the folder) and press r to try again.\n"
                "q quits anyway: the unsaved part is lost; what was saved before stays, "
                "and an unfinished session is kept as interrupted.\n\n"
                "r = retry    q = quit anyway    escape = back",
                markup=False,
            )

    def on_mount(self) -> None:
        self.refresh_details()

    def refresh_details(self) -> None:
        """Redraw after a retry that failed again (the reason may have changed)."""
        self.query_one("#details", Static).update(unsaved_details(self.backcoach) + "\n")

    def action_answer(self, choice: str) -> None:
        self.dismiss(choice)
