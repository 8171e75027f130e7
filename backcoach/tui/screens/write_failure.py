"""How a dialog that writes a file (history export, builder save) reports a
failure: one sentence under the path, and the path field back in the
person's hands so it can be fixed. A dialog closed while writing gets a
notification instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import ModalScreen
from textual.widgets import Input, Static


def failure_sentence(path: Path, error: BaseException) -> str:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"Could not write {path}: {reason}."


def show_write_failure(dialog: ModalScreen[Any], error_selector: str, sentence: str) -> None:
    if not dialog.is_attached:
        dialog.app.notify(sentence, severity="error", timeout=10, markup=False)
        return
    error = dialog.query_one(error_selector, Static)
    error.update(sentence)
    error.display = True
    field = dialog.query_one(Input)
    field.disabled = False
    field.focus()
