"""The non-TUI commands. None of these may import Textual."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from backcoach import paths
from backcoach.coach.words import plural
from backcoach.content.describe import REVIEW_DUE_TEXT, dose_text, set_by_text
from backcoach.content.model import Program, ProgramMeta

if TYPE_CHECKING:
    from backcoach.content.errors import ProgramExists
    from backcoach.content.library import Library
    from backcoach.store.snapshot import HistorySnapshot

#: ``-o -`` means standard output, as for most Unix tools.
STDOUT = "-"


def _out(text: str = "") -> None:
    print(text)


def _emit_document(text: str) -> None:
    """A document (export, handout) on stdout: the bytes ``-o FILE`` would hold.

    Always UTF-8, whatever the locale says (``PYTHONIOENCODING=ascii``
    would otherwise turn a program name with an accent into an error): a
    document piped to a file must be the same document.
    """
    if not text.endswith("\n"):
        text += "\n"
    _write_stdout(text.encode("utf-8", "backslashreplace"))  # a lone surrogate becomes \udcff, valid JSON


def _library() -> Library:
    from backcoach.content.library import default_library

    return default_library()


def _all_programs() -> list[Program]:
    from backcoach.content.catalog import merge_programs
    from backcoach.content.programs import builtin_programs, imported_programs

    library = _library()
    imported, problems = imported_programs(library)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return merge_programs(builtin_programs(library), imported)


def cmd_programs_list(args: argparse.Namespace) -> int:
    programs = _all_programs()
    width = max(len(p.id) for p in programs)
    for program in programs:
        where = "" if program.origin == "builtin" else "  (imported)"
        count = len(program.items)
        drills = "drill " if count == 1 else "drills"  # the column stays one width
        _out(f"{program.id:<{width}}  {count:>2} {drills}  {program.estimated_minutes:>3} min  {program.name}{where}")
    return 0


def cmd_programs_show(args: argparse.Namespace) -> int:
    from backcoach.content.programs import find_program

    program = find_program(args.program, _library())
    _out(f"{program.name} ({program.id})")
    _out(textwrap.fill(program.description, 78))
    facts = [plural(len(program.items), "drill"), f"about {program.estimated_minutes} min"]
    if program.days_per_week:
        facts.append(f"{program.days_per_week} days a week")
    if program.pain_limit is not None:
        facts.append(f"pain limit {program.pain_limit}")
    if program.locked:
        facts.append("locked dose")
    _out(", ".join(facts))
    if set_by_text(program.meta):
        _out(set_by_text(program.meta))
    from backcoach.content.program_meta import review_due

    if review_due(program.meta, _today()):
        _out(REVIEW_DUE_TEXT)
    _out()
    for number, drill in enumerate(program.drills, start=1):
        _out(f"{number:>2}. {drill.name:<34} {dose_text(drill)}")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from backcoach.content.programs import find_program
    from backcoach.reports.handout import render_handout, write_handout

    program = find_program(args.program, _library())
    fmt = args.format or _handout_format(args.output)
    today = date.today()
    if args.output and args.output != STDOUT:
        write_handout(program, fmt, Path(args.output), patient=args.patient, today=today)
        _out(f"Wrote the handout for {program.name} to {args.output}")
    else:
        _emit_document(render_handout(program, fmt, patient=args.patient, today=today))
    return 0


def handout_patient(text: str) -> str:
    """``--patient NAME``: held to the program file's own rule for ``patient``."""
    from backcoach.content.program_meta import NAME_MAX
    from backcoach.content.validate import text_problem

    name = text.strip()
    problem = text_problem(name, min_len=1, max_len=NAME_MAX, single_line=True)
    if problem:
        raise argparse.ArgumentTypeError(f"the patient's name {problem}")
    return name


def _handout_format(output: str | None) -> str:
    """HTML when the file name asks for it, else Markdown (also on stdout)."""
    if output and output.lower().endswith((".html", ".htm")):
        return "html"
    return "md"


def cmd_programs_validate(args: argparse.Namespace) -> int:
    from backcoach.content.errors import ContentError
    from backcoach.content.programs import load_program_file

    library = _library()
    bad = 0
    for file in args.files:
        try:
            program = load_program_file(Path(file), library, label=file)
        except ContentError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        else:
            _out(f"{file}: ok ({program.name}, {plural(len(program.items), 'drill')})")
    return 2 if bad else 0


def cmd_programs_import(args: argparse.Namespace) -> int:
    """Install a program file; replacing one asks first, and one locked by the
    physiotherapist is only replaced with ``--replace-locked`` (never by
    ``--replace`` or a ``y`` at a prompt). Either way the changes are shown."""
    from backcoach.cli import CliError
    from backcoach.content.errors import ContentError, ProgramExists
    from backcoach.content.programs import import_program

    library = _library()
    try:
        program = import_program(Path(args.file), library)
    except ContentError as exc:  # labelled by file name: say the path as typed
        raise exc.relabelled(Path(args.file).name, args.file) from None
    except ProgramExists as exists:
        if exists.locked and not args.replace_locked:
            _out(f"{args.file} would replace {_installed_name(exists)}, a program locked by the physiotherapist.")
            _print_changes(exists, "What it would change:")
            raise CliError(
                f"nothing changed: {args.file} would replace a program locked by the physiotherapist; "
                "to replace it all the same, run again with --replace-locked"
            ) from None
        if not (args.replace or args.replace_locked):
            if not sys.stdin.isatty():
                already = f"a program with id {exists.program_id!r} is already imported"
                raise CliError(f"{already}; run again with --replace to replace it") from None
            _print_changes(exists, f"{args.file} would replace {_installed_name(exists)}. What it would change:")
            try:
                answer = input(
                    f"A program with id {exists.program_id!r} is already imported. Replace it? [y/N] "
                )
            except EOFError:  # ctrl-D at the prompt means no
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                _out("Nothing changed.")
                return 0
        else:
            locked = ", locked by the physiotherapist" if exists.locked else ""
            _print_changes(exists, f"Replacing {_installed_name(exists)}{locked}. What changes:")
        program = import_program(Path(args.file), library, replace=True, replace_locked=args.replace_locked)
    _out(f"Imported {program.name} ({program.id}) into {paths.programs_dir()}")
    return 0


def _installed_name(exists: ProgramExists) -> str:
    installed = exists.installed
    return f"{installed.name} ({installed.id})" if installed is not None else f"the program {exists.program_id!r}"


def _print_changes(exists: ProgramExists, heading: str) -> None:
    """The diff between the installed program and the file (``content.program_diff``)."""
    from backcoach.content.program_diff import diff_lines

    _out(heading)
    if exists.installed is not None and exists.incoming is not None:
        for line in diff_lines(exists.installed, exists.incoming):
            _out(f"  - {line}")
    else:
        _out(f"  - the installed file no longer reads as a program ({exists.installed_problem})")


def _today() -> date:
    """The user's local date (a function so tests can fix it)."""
    return date.today()


def read_journal() -> HistorySnapshot:
    """The journal as it stands, read without its lock (``store.snapshot``), for the
    commands that only read it (``history export``, ``report``): its notes go to
    standard error, and a journal that cannot be read is one sentence."""
    from backcoach.cli import CliError
    from backcoach.store.snapshot import read_snapshot

    snapshot = read_snapshot(paths.journal_path())
    if snapshot.problem is not None:
        raise CliError(
            f"the journal at {snapshot.journal_path} cannot be read ({snapshot.problem}); it is left "
            "as it is, and backcoach moves it aside and starts a new one the next time it starts"
        )
    for note in snapshot.notes():
        print(f"note: {note}", file=sys.stderr)
    return snapshot


def cmd_history_export(args: argparse.Namespace) -> int:
    """Reads the journal without writing anything (not even a lock): see ``store.snapshot``."""
    from backcoach.reports.history_export import export_text
    from backcoach.store.export import export_bytes, write_export

    snapshot = read_journal()
    raw_rows = [row.raw for row in snapshot.raw_rows]
    if raw_rows and args.format == "json" and args.since is None:
        print(f"note: the {len(raw_rows)} set-aside sessions are in the export as they were stored.", file=sys.stderr)
    plans, metas = report_programs() if args.format == "md" else ({}, {})
    from backcoach.content.library import default_library

    library = default_library() if args.format == "md" else {}
    text, count = export_text(
        args.format, snapshot.sessions, _today(), plans, args.since, raw_rows, library=library, metas=metas
    )
    if args.output and args.output != STDOUT:
        write_export(Path(args.output), text)
        print(f"Wrote {plural(count, 'session')} to {args.output}", file=sys.stderr)
    else:
        if not text.endswith("\n"):
            text += "\n"
        _write_stdout(export_bytes(text))
    return 0


def _write_stdout(data: bytes) -> None:
    """Exports are UTF-8 data whatever the terminal's encoding, like the file
    ``-o`` writes; set-aside rows keep their own bytes."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (some embedders): the text as is
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    buffer.write(data)
    buffer.flush()


def report_programs() -> tuple[dict[str, int], dict[str, ProgramMeta]]:
    """Program id -> planned days per week (adherence), and -> who it is for and
    who set it (the report's first lines), from one read of the programs."""
    programs = _all_programs()
    return {p.id: p.days_per_week for p in programs if p.days_per_week}, {p.id: p.meta for p in programs}


def cmd_doctor(args: argparse.Namespace) -> int:
    """Reports on the data folder without changing it (see ``store.snapshot``)."""
    from backcoach.sound import probe
    from backcoach.store.snapshot import read_snapshot

    problems = 0
    data = paths.data_dir()
    _out(f"data folder:   {data}")
    _out(f"settings file: {paths.settings_path()}")
    try:
        library = _library()
        _out(f"drill library: {len(library)} drills from {paths.assets_dir()}")
    except Exception as exc:  # noqa: BLE001 - doctor reports, never crashes
        problems += 1
        _out(f"drill library: PROBLEM: {exc}")
    if data.exists() and not os.access(data, os.W_OK):
        problems += 1
        _out("data folder:   PROBLEM: not writable; sessions cannot be saved")
    from backcoach.store.errors import UnsafeFileError

    try:
        snapshot = read_snapshot(paths.journal_path())
    except UnsafeFileError as exc:  # a link or FIFO: reported, never opened
        problems += 1
        _out(f"journal:       PROBLEM: {exc}")
    else:
        problems += _report_journal(snapshot)
    status = probe()
    if status.available:
        _out(f"sound:         {status.reason}")
    else:
        _out(f"sound:         off: {status.reason}")
    for fix in status.fixes:
        _out(f"sound:         fix: {fix}")
    _out(f"voice:         {_voice_line()}")
    _out("all good" if problems == 0 else f"{problems} problem(s) found")
    return 0 if problems == 0 else 2


def _voice_line() -> str:
    """Whether the voice is on, its clips, and any phrase without one (never a problem:
    the screen and the tones cue every step without it)."""
    from backcoach.store.settings import Settings
    from backcoach.voice import voice_report

    try:
        drills = list(_library().values())
    except Exception:  # noqa: BLE001 - the library line above has said what is wrong
        drills = []
    return voice_report(drills, enabled=Settings.load().voice)


def _report_journal(snapshot: HistorySnapshot) -> int:
    """``doctor``'s journal lines; returns the number of problems found."""
    problems = 0
    if snapshot.problem is not None:
        problems += 1
        count = snapshot.salvageable
        salvage = f" with the {plural(count, 'session')} it can read from it" if count else ""
        _out(
            f"journal:       PROBLEM: {snapshot.journal_path} cannot be read ({snapshot.problem}); "
            f"backcoach will move it aside, unchanged, and start a new one{salvage} when it next starts"
        )
    else:
        _out(f"journal:       {len(snapshot.sessions)} sessions in {snapshot.journal_path}")
    for note in snapshot.notes():
        _out(f"journal:       note: {note}")
    return problems
