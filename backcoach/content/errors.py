"""Errors the content loaders report.

A clinician fixing a program file wants every mistake at once, each pinned to
a place in the file, not one traceback per attempt. So the loaders collect
:class:`Problem` values and raise a single :class:`ContentError` carrying all
of them; it is the only exception bad input can produce, which lets the CLI
and the UI print it and carry on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcoach.content.model import Program


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at one place in it.

    ``where`` is a dotted path into the file (``drills[3].hold``, 1-based
    positions) or ``line 4, column 7`` for TOML syntax errors; it is empty
    when the problem concerns the whole file.
    """

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        if self.where:
            return f"{self.file}: {self.where}: {self.message}"
        return f"{self.file}: {self.message}"


class ContentError(Exception):
    """A drill or program file (or several) could not be used.

    ``str()`` is one problem per line, ready to print as-is.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class ProgramExists(Exception):
    """Importing would overwrite a program the user already imported.

    Kept apart from :class:`ContentError` because nothing is wrong with the
    file: the caller should ask before replacing (``replace=True``), and for
    a program the physiotherapist locked, ask plainly (``replace_locked=True``).
    It carries both programs so the question can show what would change:
    ``installed`` is None when the installed file no longer reads as a program
    (``installed_problem`` says why; ``locked`` still holds if it says so).
    """

    def __init__(
        self,
        program_id: str,
        *,
        incoming: Program | None = None,
        installed: Program | None = None,
        locked: bool = False,
        installed_problem: str | None = None,
    ) -> None:
        self.program_id = program_id
        self.incoming = incoming
        self.installed = installed
        self.locked = locked
        self.installed_problem = installed_problem
        if locked:
            message = (
                f"a program with id '{program_id}' locked by the physiotherapist is already imported; "
                "replacing it needs replace_locked"
            )
        else:
            message = f"a program with id '{program_id}' is already imported; replace it to overwrite"
        super().__init__(message)
