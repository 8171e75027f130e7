"""The builder's files: the program saved, the handout written, a file opened as a start.

A program file opened with ``o`` is a starting point, not the file being
edited: week 2 starts from week 1 and week 1 must survive. So the first
save of such a copy, while it still has the original's id, opens the
settings with a note asking for a new name (its id follows the name), and
the save dialog then suggests ``<new id>.toml`` beside the original. Keeping
the id suggests the original file itself (never a second file with its id
under another name), replaced only as any existing file is: after a second
``enter``, the physio having said so.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from backcoach.content.builder import ProgramDraft
from backcoach.content.errors import ContentError
from backcoach.content.model import Program
from backcoach.tui.clinic.builder_dialogs import OpenProgramDialog, PathDialog
from backcoach.tui.dialogs.ask import AskScreen

if TYPE_CHECKING:
    from backcoach.tui.clinic.builder import BuilderScreen


class ProgramFiles:
    """Where one builder's program came from and where it went."""

    def __init__(self, screen: BuilderScreen) -> None:
        self.screen = screen
        self.saved_program: Program | None = None
        self.saved_path: Path | None = None
        #: The program file opened as the starting point, if any.
        self.opened: Program | None = None
        self._named_copy = False
        self._save_after_settings = False

    # ---- saving -----------------------------------------------------------

    def valid_program(self, doing: str) -> Program | None:
        """The draft as a program, or None after saying what stops ``doing``."""
        screen = self.screen
        problem = screen.refused()
        if problem:
            screen.say(f"Cannot {doing} yet: {problem}.", error=True)
            return None
        try:
            return screen.draft.to_program()
        except ContentError as error:
            problems = "; ".join(f"{p.where}: {p.message}" for p in error.problems)
            screen.say(f"Cannot {doing} yet: {problems}.", error=True)
            return None

    def save(self) -> None:
        screen = self.screen
        draft = screen.draft
        if self.valid_program("save") is None:
            return
        opened = self.opened
        if opened is not None and opened.path and draft.id == opened.id and not self._named_copy:
            self._named_copy = True
            self._save_after_settings = True
            original = Path(opened.path).name
            screen.action_settings(
                f"This is a copy of {original}. Give it a new name (the id follows it) so "
                f"{original} stays as it is, then escape to choose where to save it. "
                "Keep the id to replace the original."
            )
            return
        name = f"{draft.id}.toml"
        if self.saved_path is not None:
            initial = str(self.saved_path)
        elif opened is not None and opened.path:
            # The original's id kept: its own file, whatever its name, so saving asks before replacing it.
            source = Path(opened.path)
            initial = str(source if draft.id == opened.id else source.with_name(name))
        else:
            initial = name
        dialog = PathDialog(
            "Save the program",
            "Save to this program file (a name alone saves in the folder below):",
            initial,
            name,
            (".toml",),
            write=self._save_unless_locked,
            replace_ok=self.saved_path,
        )
        screen.app.push_screen(dialog, callback=self._saved)

    def _save_unless_locked(self, path: Path) -> Program:
        """Save anywhere but the installed programs' folder: a program is installed only
        through the import, which checks it, holds a physiotherapist's lock, and shows
        what changes (a file saved there under another name would be read in place of
        a locked program of the same id)."""
        from backcoach import paths

        if path.parent.resolve() == paths.programs_dir().resolve():
            raise ValueError(
                "that is backcoach's folder of installed programs; save it in another folder, "
                "then import it (i in the clinic), which checks the lock and shows what changes"
            )
        return self.screen.draft.save(path)

    def after_settings(self) -> None:
        """The settings a copy's first save opened are closed: on to the save dialog."""
        if self._save_after_settings:
            self._save_after_settings = False
            self.save()

    def _saved(self, path: Path | None) -> None:
        if path is None:
            return
        screen = self.screen
        self.saved_path = path
        self.saved_program = replace(screen.draft.to_program(path.name), path=str(path))
        screen.refresh_summary()
        screen.say(f"Saved to {path}")

    # ---- the handout ------------------------------------------------------

    def handout(self) -> None:
        program = self.valid_program("make a handout")
        if program is None:
            return
        from backcoach.reports.handout import write_handout  # only when a handout is asked for

        def write(path: Path) -> None:
            write_handout(program, "md" if path.suffix.lower() == ".md" else "html", path)

        dialog = PathDialog(
            "Write a handout",
            "A printable sheet of this program (.html; .md for Markdown):",
            f"{program.id}-handout.html",
            f"{program.id}-handout.html",
            (".html", ".htm", ".md"),
            write=write,
        )
        self.screen.app.push_screen(dialog, callback=self._handout_written)

    def _handout_written(self, path: Path | None) -> None:
        if path is not None:
            self.screen.say(f"Handout written to {path}")

    # ---- opening a file as the start -------------------------------------

    def open(self) -> None:
        """``o``: unsaved changes are only dropped after a yes."""
        screen = self.screen
        if not screen.draft.is_dirty:
            self._ask_for_file()
            return
        question = AskScreen(
            "Start from a file instead?",
            f"Your changes to {screen.draft.name or 'this program'} are not saved.",
            "drop them and open a file",
            "stay (then ctrl+s saves)",
        )
        screen.app.push_screen(question, callback=lambda yes: self._ask_for_file() if yes else None)

    def _ask_for_file(self) -> None:
        screen = self.screen
        dialog = OpenProgramDialog(screen.backcoach.services.library)
        screen.app.push_screen(dialog, callback=self._opened)

    def _opened(self, program: Program | None) -> None:
        if program is None:
            return
        screen = self.screen
        self.opened = program
        self.saved_path = None
        self._named_copy = False
        screen.start_over(ProgramDraft.from_program(program, screen.backcoach.services.library))
        screen.say(f"Opened {program.path} as a starting point: saving asks for a new name.")
