"""The base every dialog stands on: one stylesheet, one look.

Each dialog used to carry its own copy of the same CSS, scoped to its own
class, and the copies drifted (three borders, three paddings, two title
styles). Textual's type selectors match subclasses, so ``Dialog`` in
``dialogs.tcss`` styles them all. A dialog only picks its tone, the colour
of its border, with ``DEFAULT_CLASSES``: none for a task, ``-warning`` for a
question whose yes has consequences, ``-error`` for something gone wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A centred box (the child with class ``dialog-box``) over the screen it came from."""

    # An absolute path: Textual resolves a relative CSS_PATH against the file
    # of each subclass, and dialogs are subclassed in other folders.
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
