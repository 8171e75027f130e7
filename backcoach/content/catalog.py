"""The list of programs as the app, the CLI and the clinic show it.

Built-ins first, then imported programs by name; an imported program
replaces a built-in with its id (a clinic may ship its own version of a
standard program), as :func:`backcoach.content.programs.find_program` looks
them up. Kept apart from the program loader so the TUI's start-up, which
reads programs from the content cache, need not import the loader.
"""

from __future__ import annotations

from collections.abc import Iterable

from backcoach.content.model import Program


def by_name(programs: Iterable[Program]) -> list[Program]:
    """Sorted as a person looks for them: by name, whatever the case; then by id."""
    return sorted(programs, key=lambda program: (program.name.casefold(), program.id))


def merge_programs(builtins: Iterable[Program], imported: Iterable[Program]) -> list[Program]:
    """Built-ins (in their order) not replaced by an import, then the imported ones by name."""
    imported = by_name(imported)
    ids = {program.id for program in imported}
    return [program for program in builtins if program.id not in ids] + imported


def with_installed(programs: Iterable[Program], installed: Program) -> list[Program]:
    """``programs`` once ``installed`` is imported: it replaces any with its id."""
    others = [program for program in programs if program.id != installed.id]
    builtins = [program for program in others if program.origin == "builtin"]
    imported = [program for program in others if program.origin != "builtin"]
    return merge_programs(builtins, [*imported, installed])
