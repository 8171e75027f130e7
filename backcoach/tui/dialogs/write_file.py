"""The one write-a-file dialog: a path, a worker that writes it, one sentence if it fails.

The history export, the builder's program save and its handout all ask for
a path the same way: the field starts with a suggestion, ``enter`` writes on
a worker thread (the disk may be slow, the folder may be gone) while the
field waits disabled, a failure is one sentence under the path with the
field handed back so the path can be fixed, and ``escape`` cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from backcoach.tui.dialogs.base import Dialog

WrittenT = TypeVar("WrittenT")


def failure_sentence(path: Path, error: BaseException) -> str:
    """Why ``path`` could not be written, in the OS's words where it has them."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"Could not write {path}: {reason}."


class WriteFileDialog(Dialog[WrittenT | None], Generic[WrittenT]):
    """Ask for a file, write it with ``write``, dismiss with what ``write`` returned.

    ``None`` means cancelled. With ``ask_before_replacing`` an existing file
    is only replaced after a second ``enter`` (unless it is ``replace_ok``,
    the file this thing was last saved to). Subclasses shape the path
    (:meth:`target`) and may describe it as it is typed (:meth:`note`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        lead: str,
        initial: str,
        write: Callable[[Path], WrittenT],
        *,
        error_id: str = "path-error",
        note_id: str | None = None,
        ask_before_replacing: bool = False,
        replace_ok: Path | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.lead = lead
        self.initial = initial
        self.write = write
        self.error_id = error_id
        self.note_id = note_id
        self.ask_before_replacing = ask_before_replacing
        self.replace_ok = replace_ok
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        # Paths and names may come from anywhere: never markup.
        with VerticalScroll(classes="dialog-box"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.lead, markup=False)
            yield Static(f"Folder: {Path.cwd()}", classes="dialog-hint", markup=False)
            yield Input(self.initial, id="path-input")
            if self.note_id is not None:
                yield Static("", id=self.note_id, classes="dialog-hint", markup=False)
            yield Static("", id=self.error_id, classes="dialog-error", markup=False)
            yield Static("enter = save    escape = cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(f"#{self.error_id}").display = False
        self._show_note(self.initial)
        self.query_one(Input).focus()

    def target(self, text: str) -> Path:
        """Where ``text`` points; ValueError with a sentence if it cannot be used."""
        return Path(text).expanduser()

    def note(self, text: str) -> str:
        """A line under the path about what ``text`` will write (with a ``note_id``)."""
        return ""

    def _show_note(self, text: str) -> None:
        if self.note_id is not None:
            self.query_one(f"#{self.note_id}", Static).update(self.note(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirmed = None
        self._show_note(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        try:
            if not text:
                raise ValueError("Type a file name to save to.")
            path = self.target(text)
        except ValueError as error:
            self.fail(str(error))
            return
        if self.ask_before_replacing and path.exists() and path not in (self.replace_ok, self._confirmed):
            self._confirmed = path
            self.fail(f"{path} already exists. Press enter again to replace it.")
            return
        self.query_one(Input).disabled = True
        app = self.app

        def write() -> None:
            try:
                written = self.write(path)
            except Exception as error:  # noqa: BLE001 - shown as one sentence
                app.call_from_thread(self.fail, failure_sentence(path, error))
                return
            app.call_from_thread(self._done, written)

        self.run_worker(write, thread=True, exclusive=True, group="write-file", description="write a file")

    def _done(self, written: WrittenT) -> None:
        if self.is_attached:
            self.dismiss(written)
        else:
            self.written_after_close(written)

    def written_after_close(self, written: WrittenT) -> None:
        """The dialog was cancelled while writing; the file is written all the same."""

    def fail(self, sentence: str) -> None:
        """One sentence under the path, and the field back in the person's hands.
        A dialog closed while writing says it in a notification instead."""
        if not self.is_attached:
            self.app.notify(sentence, severity="error", timeout=10, markup=False)
            return
        error = self.query_one(f"#{self.error_id}", Static)
        error.update(sentence)
        error.display = True
        field = self.query_one(Input)
        field.disabled = False
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
