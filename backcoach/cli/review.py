"""``backcoach review FILE``: a patient's exported history, opened read-only in History.

The physiotherapist's side of ``backcoach history export --format json``:
at a follow-up the patient's file is opened on the clinic laptop, and
History shows that patient's calendar, streaks, pain trend, sessions and
drills. The file is read and checked here, before anything else, so a bad
file is one sentence (exit 2) whether or not there is a terminal; the app
then runs with the file's sessions in place of a journal, and the clinic
laptop's own data folder is neither locked, read nor written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def add_review_command(sub: Any, command: Any) -> None:
    """Register ``review`` on the top-level subparsers (``command`` adds the global options)."""
    review = command(
        sub,
        "review",
        help="open a patient's exported history (a JSON export) in History, read-only",
        description=(
            "Open History on FILE, a patient's 'backcoach history export --format json': calendar, "
            "streaks, pain trend, sessions and drills. Nothing is saved, and this computer's own "
            "journal is not opened."
        ),
    )
    review.add_argument(
        "file", metavar="FILE", help="the patient's export, as 'backcoach history export --format json' writes it"
    )
    review.set_defaults(handler=cmd_review)


def cmd_review(args: Any) -> int:
    from backcoach.store.export_read import read_export

    export = read_export(Path(args.file), args.file)  # ExportUnreadable: one sentence, exit 2
    from backcoach.tui.launch import launch

    return launch(
        program_ref=None,
        speed=args.speed,
        no_sound=args.no_sound,
        start="review",
        no_voice=args.no_voice,
        review=export,
    )
