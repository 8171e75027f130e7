"""``backcoach report``: the report a physiotherapist reads at a follow-up.

Markdown (the same text as ``history export --format md``) or one
self-contained HTML page with the pain trend drawn. It reads the journal
the way ``history export`` does (``store.snapshot``: no lock taken, nothing
written), so it works while the app is open, and writes ``-o FILE`` with the
export's safe writer (temp file, fsync, rename, mode 0600: health data).
The format follows the file name, as for ``handout``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backcoach.coach.words import plural

FORMATS = ("md", "html")


def add_report_command(sub: Any, command: Any) -> None:
    """Register ``report`` on the top-level subparsers (``command`` adds the global options)."""
    from backcoach.cli import _since

    report = command(
        sub,
        "report",
        help="a report of your sessions for your physio: per drill, pain, check-ins, program changes",
        description=(
            "Write a report of the sessions since DATE (default: the first one) to today: who and "
            "what, days planned and done, then each drill (done, partly, easier, skipped and why, "
            "pain at its checks, ratings, time, dose changes), the check-ins and next-day answers, "
            "safety answers that stopped a day, and every change of the installed program. "
            "Without -o it goes to stdout. It reads the journal without locking it, so it works "
            "while backcoach is open."
        ),
    )
    report.add_argument(
        "--since", type=_since, metavar="DATE", help="only sessions started on or after DATE (YYYY-MM-DD)"
    )
    report.add_argument(
        "--format",
        choices=FORMATS,
        help="md: Markdown; html: one self-contained page with the pain chart (default: html when "
        "FILE ends in .html or .htm, otherwise md)",
    )
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    report.set_defaults(handler=cmd_report)


def report_format(output: str | None) -> str:
    """HTML when the file name asks for it, else Markdown (also on stdout)."""
    if output and output.lower().endswith((".html", ".htm")):
        return "html"
    return "md"


def cmd_report(args: argparse.Namespace) -> int:
    from backcoach.cli.commands import STDOUT, _emit_document, _today, read_journal, report_programs
    from backcoach.coach.period import period_summary
    from backcoach.content.library import default_library
    from backcoach.store.export import write_export
    from backcoach.store.report import markdown_report

    snapshot = read_journal()
    plans, metas = report_programs()
    summary = period_summary(
        snapshot.sessions, _today(), plans, args.since, library=default_library(), metas=metas
    )
    fmt = args.format or report_format(args.output)
    if fmt == "html":
        from backcoach.reports.report_html import html_report

        text = html_report(summary)
    else:
        text = markdown_report(summary)
    if args.output and args.output != STDOUT:
        write_export(Path(args.output), text)
        print(f"Wrote the report of {plural(summary.sessions, 'session')} to {args.output}", file=sys.stderr)
    else:
        _emit_document(text)
    return 0

