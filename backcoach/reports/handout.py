"""A program as a sheet of paper a patient can take home and pin to the fridge.

In clinic the physiotherapist builds a program and hands it over; many
patients would rather pin a printout to the wall than read a screen on the
floor. The sheet therefore carries everything the app would have said, in
words a patient reads at a glance: who it is for and who set it, what to
have ready, a tick chart of the weeks ahead, each drill as a compact card
(figure, dose, breathing, key cues, cautions), the daily safety check, and
the pain rules for easing off or stopping. Six drills print on two A4
pages, and no card or safety section is ever cut by a page break.

The content is one outline (:mod:`.handout_outline`); this module picks the
format and writes the file. Program names, descriptions and the patient's
name are user text: the HTML escapes every piece of text, and the Markdown
neutralises the characters that would turn text into markup.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from backcoach.content.model import Program
from backcoach.content.tomlwrite import write_private_file
from backcoach.reports.handout_html import html_sheet
from backcoach.reports.handout_md import markdown_sheet
from backcoach.reports.handout_outline import LOCKED_NOTE, outline

__all__ = ["FORMATS", "LOCKED_NOTE", "render_handout", "write_handout"]

FORMATS: tuple[str, ...] = ("md", "html")


def render_handout(
    program: Program, fmt: str, *, patient: str | None = None, today: dt.date | None = None
) -> str:
    """The handout for ``program`` as Markdown (``"md"``) or one HTML file (``"html"``).

    ``patient`` (the command line's ``--patient``) wins over the program
    file's; ``today`` is the date printed and the tick chart's first day
    (the caller's clock, so a test can fix it).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown handout format {fmt!r}; use one of: {', '.join(FORMATS)}")
    sheet = outline(program, patient=patient, today=today or dt.date.today())
    return markdown_sheet(sheet) if fmt == "md" else html_sheet(sheet)


def write_handout(
    program: Program, fmt: str, path: Path, *, patient: str | None = None, today: dt.date | None = None
) -> None:
    """Render and save the handout; an ``OSError`` names ``path``, not a temp file.

    The file is replaced in one step, so a failed write never leaves half a
    sheet where an older, complete one was; like every file backcoach
    writes, it is readable by its owner only.
    """
    text = render_handout(program, fmt, patient=patient, today=today)
    try:
        write_private_file(Path(path), text)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from None
