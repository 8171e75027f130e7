"""Command-line entry point.

Only the TUI commands import Textual, and only when they run: ``--version``,
``drills``, ``learn``, ``programs``, ``history export``, ``report``, ``handout`` and ``doctor`` stay fast and
work on machines without a usable terminal. Every error a user can cause
ends as one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from backcoach import __version__

if TYPE_CHECKING:
    import argparse
    from datetime import date

EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    _tolerate_any_encoding()
    try:
        status = _dispatch(args_list)
        # Output is block-buffered when piped: flush here, so a reader that
        # went away (``| head``) is seen below and not at interpreter exit.
        sys.stdout.flush()
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place errors become messages
        return _report(exc)


def _dispatch(args_list: list[str]) -> int:
    if args_list == ["--version"]:
        # The common case skips argparse entirely; see the launch benchmark.
        print(f"backcoach {__version__}")
        return 0
    if not args_list:
        # Plain ``backcoach`` (the home screen, with the defaults below) skips
        # it too: argparse and the command modules are ~5 ms of start-up.
        from backcoach.tui.launch import launch

        return launch(program_ref=None, speed=1.0, no_sound=False, start="home")
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(args_list)
        if extra:
            getattr(args, "cli_parser", parser).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as stop:  # --help, or a usage error argparse has printed
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    if args.data_dir is not None:
        from backcoach import paths

        paths.set_data_dir(args.data_dir)
    handler = getattr(args, "handler", None)
    if handler is None:
        return _run_tui(args, program_ref=None, start="home")
    return int(handler(args) or 0)


def _discard_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone.

    Otherwise the interpreter's final flush of the still-buffered output
    fails again and prints "Exception ignored ... BrokenPipeError".
    """
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):
        return  # not a real file (tests capture stdout): nothing to redirect
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


def _tolerate_any_encoding() -> None:
    """Never fail to print because of the locale (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``).

    A character the terminal's encoding lacks becomes ``?`` in messages and
    lists (stderr already escapes it); documents (exports, handouts) are
    written as UTF-8 bytes whatever the encoding (see ``cli.commands``).
    """
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and getattr(sys.stdout, "errors", "strict") == "strict":
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # pragma: no cover - a detached or closed stdout
            pass


def one_line(text: str) -> str:
    """A message as one line: line breaks and other control characters are shown escaped.

    (A program file name or id can hold anything, newlines included.)
    """
    return "".join(
        char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text
    )


def _report(exc: Exception) -> int:
    from backcoach.content.errors import ContentError, ProgramExists
    from backcoach.store.errors import StoreError

    if isinstance(exc, ContentError):
        for problem in exc.problems:
            print(one_line(str(problem)), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(exc, (CliError, StoreError, ProgramExists)):
        print(one_line(f"backcoach: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(exc, OSError):
        name = f" {exc.filename}" if exc.filename else ""
        print(one_line(f"backcoach: cannot use{name}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_USAGE
    # A bug, not the user's doing; still one line and never exit 1 (scripts
    # read 1 as "the command ran and said no").
    print(one_line(f"backcoach: unexpected error: {type(exc).__name__}: {exc}"), file=sys.stderr)
    return EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from backcoach.cli.commands import (
        cmd_doctor,
        cmd_handout,
        cmd_history_export,
        cmd_programs_import,
        cmd_programs_list,
        cmd_programs_show,
        cmd_programs_validate,
        handout_patient,
    )

    class Parser(argparse.ArgumentParser):
        """Usage errors in one line (argparse prints the whole usage first)."""

        def error(self, message: str) -> NoReturn:
            line = one_line(f"{self.prog}: error: {message} (see '{self.prog} --help')")
            self.exit(EXIT_USAGE, line + "\n")

    def add_global_options(target: argparse.ArgumentParser, suppress: bool) -> None:
        """The options every command takes, before or after its name.

        On the subcommands their defaults are SUPPRESS, so an option not
        repeated there keeps the value given (or defaulted) before it.
        """
        target.add_argument(
            "--data-dir",
            metavar="DIR",
            default=argparse.SUPPRESS if suppress else None,
            help="keep the journal and imported programs in DIR (also: BACKCOACH_DATA_DIR)",
        )
        target.add_argument(
            "--no-sound",
            action="store_true",
            default=argparse.SUPPRESS if suppress else False,
            help="start with sound cues muted",
        )
        target.add_argument(
            "--no-voice",
            action="store_true",
            default=argparse.SUPPRESS if suppress else False,
            help="start with the spoken prompts off (the tones stay)",
        )
        target.add_argument(
            "--speed",
            type=_speed,
            default=argparse.SUPPRESS if suppress else 1.0,
            metavar="FACTOR",
            help="run every timer FACTOR times faster (a demo; not counted in streaks)",
        )

    parser = Parser(
        prog="backcoach",
        description="A guided, timed exercise coach for low back pain.",
    )
    parser.add_argument("--version", action="version", version=f"backcoach {__version__}")
    add_global_options(parser, suppress=False)
    common = Parser(add_help=False)
    add_global_options(common, suppress=True)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)

    def command(group: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """A (sub)command that also takes the global options."""
        parser = group.add_parser(name, parents=[common], **kwargs)
        # The deepest command's own parser reports arguments left over, so the error names its --help.
        parser.set_defaults(cli_parser=parser)
        return parser  # type: ignore[no-any-return]  # argparse's subparsers action is private, so `group` is Any

    run = command(sub, "run", help="start a session of PROGRAM (an id or a .toml file)")
    run.add_argument("program", metavar="PROGRAM")
    run.set_defaults(handler=lambda a: _run_tui(a, program_ref=a.program, start="run"))

    from backcoach.cli.drills import cmd_drills_list, cmd_drills_show

    drills = command(sub, "drills", help="the drill library")
    drills_sub = drills.add_subparsers(title="drills commands", metavar="ACTION", required=True)
    d_list = command(drills_sub, "list", help="list every drill")
    d_list.add_argument("--category", help="only this category")
    d_list.add_argument(
        "search",
        nargs="*",
        metavar="WORD",
        help="words (all must match name, purpose or cautions) and tags like extension:none, extension:<=small, "
        "position:standing, nerve:slider, equipment:band",
    )
    d_list.add_argument("--json", action="store_true", help="print the drills as JSON (every field)")
    d_list.set_defaults(handler=cmd_drills_list)
    d_show = command(drills_sub, "show", help="show one drill in full")
    d_show.add_argument("drill_id", metavar="ID")
    d_show.add_argument("--json", action="store_true", help="print the drill as JSON (every field)")
    d_show.add_argument("--svg", action="store_true", help="print the drill's start and end positions as SVG")
    d_show.set_defaults(handler=cmd_drills_show)

    from backcoach.cli.learn import cmd_learn

    learn = command(sub, "learn", help="print the pain education cards (what is known about back pain)")
    learn.set_defaults(handler=cmd_learn)

    programs = command(sub, "programs", help="built-in and imported programs")
    p_sub = programs.add_subparsers(title="programs commands", metavar="ACTION", required=True)
    p_list = command(p_sub, "list", help="list programs")
    p_list.set_defaults(handler=cmd_programs_list)
    p_show = command(p_sub, "show", help="show a program (id or file)")
    p_show.add_argument("program", metavar="PROGRAM")
    p_show.set_defaults(handler=cmd_programs_show)
    p_validate = command(p_sub, "validate", help="check program files; exit 2 if any is bad")
    p_validate.add_argument("files", nargs="+", metavar="FILE")
    p_validate.set_defaults(handler=cmd_programs_validate)
    p_import = command(p_sub, "import", help="install a program file for this user")
    p_import.add_argument("file", metavar="FILE")
    p_import.add_argument("--replace", action="store_true", help="replace a program with the same id")
    p_import.add_argument(
        "--replace-locked",
        action="store_true",
        help="replace it even when the physiotherapist locked it (the changes are printed)",
    )
    p_import.set_defaults(handler=cmd_programs_import)

    history = command(
        sub,
        "history",
        help="your session history (no ACTION: open the History screen)",
        description="With no ACTION, open the app on the History screen.",
    )
    history.set_defaults(handler=lambda a: _run_tui(a, program_ref=None, start="history"))
    h_sub = history.add_subparsers(title="history commands", metavar="ACTION")
    h_export = command(
        h_sub, "export", help="write your sessions as JSON, CSV or a Markdown report for your physio"
    )
    h_export.add_argument(
        "--format",
        choices=("json", "csv", "md"),
        default="json",
        help="json: the sessions as stored (default); csv: one row per drill; md: a report for your physio",
    )
    h_export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    h_export.add_argument(
        "--since",
        type=_since,
        metavar="DATE",
        help="only sessions started on or after DATE (YYYY-MM-DD, your local day)",
    )
    h_export.set_defaults(handler=cmd_history_export)

    handout = command(
        sub,
        "handout",
        help="a printable sheet of PROGRAM (an id or a .toml file) for a patient",
        description=(
            "Write a handout of PROGRAM: on the first page the patient, date, who set it "
            "and when to review, what to have ready and a tick chart of the next 4 weeks; "
            "every drill as a card with its figure, dose, breathing, key cues and cautions; "
            "then the safety check and when to stop. As HTML, 6 drills print on 2 A4 pages. "
            "Without -o it goes to stdout."
        ),
    )
    handout.add_argument("program", metavar="PROGRAM")
    handout.add_argument(
        "--format",
        choices=("md", "html"),
        help="md: Markdown; html: one self-contained page to print (default: html when "
        "FILE ends in .html or .htm, otherwise md)",
    )
    handout.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    handout.add_argument(
        "--patient",
        type=handout_patient,
        metavar="NAME",
        help="the patient's name on the first page (instead of the program file's patient)",
    )
    handout.set_defaults(handler=cmd_handout)

    clinic = command(
        sub, "clinic", help="the app, opened in clinic mode (browse and demo drills, build programs)"
    )
    clinic.set_defaults(handler=lambda a: _run_tui(a, program_ref=None, start="clinic"))

    from backcoach.cli.plan import add_plan_command

    add_plan_command(sub, command)

    from backcoach.cli.report import add_report_command

    add_report_command(sub, command)

    from backcoach.cli.review import add_review_command

    add_review_command(sub, command)

    doctor = command(sub, "doctor", help="check the data folder, journal and sound")
    doctor.set_defaults(handler=cmd_doctor)
    return parser


def _speed(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.1 <= value <= 100:
        raise argparse.ArgumentTypeError("must be between 0.1 and 100")
    return value


def _since(text: str) -> date:
    import argparse
    from datetime import date

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-30") from None
    if day > date.today():
        # A period that starts after today holds no session; saying so beats an empty report of "today".
        raise argparse.ArgumentTypeError(f"{text} is in the future; give the first day to include")
    return day


def _run_tui(args: argparse.Namespace, program_ref: str | None, start: str) -> int:
    from backcoach.tui.launch import launch

    return launch(
        program_ref=program_ref,
        speed=args.speed,
        no_sound=args.no_sound,
        start=start,
        no_voice=args.no_voice,
    )
