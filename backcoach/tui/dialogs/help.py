"""``?``: every key, grouped by where it works (the key map in DESIGN.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

#: (where, lines of keys). Two columns, so a narrow terminal wraps a line
#: inside the keys column instead of under the "where" column; lines stay
#: within 40 columns so nothing wraps down to 60 columns.
KEY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Everywhere", ("?  this help   m  sound on/off", "v  voice on/off", "ctrl+p  commands   escape  back")),
    (
        "Home",
        (
            "up/down  choose   enter  start",
            "h  history   c  clinic   l  learn",
            "b  health background   q  quit",
            "d  symptom quiz",
        ),
    ),
    ("Health background", ("y  yes   n  no   left  previous",)),
    (
        "Symptom quiz",
        (
            "y  yes   n  no   left  previous",
            "n / t / b  leg pain: none, thigh,",
            "  below the knee",
            "enter  save   x  clear the answers",
        ),
    ),
    (
        "Safety check",
        ("n  none apply   y  one or more apply", "up/down, space or 1-9  mark", "enter  confirm the marks"),
    ),
    ("Pain entry", ("0-10  pick a score (1 then 0)", "left/right  adjust   enter  confirm")),
    (
        "Check-in",
        (
            "b / s / w  since last time: better,",
            "  the same, worse (asked first)",
            "n / t / b  leg pain: none, thigh,",
            "  below the knee",
            "8 or more: enter  rest   c  carry on",
        ),
    ),
    (
        "Pain check",
        (
            "0-10  one key; green/amber go on",
            "enter  the same score as last time",
            "other bands: enter  their first choice",
            "e  easier   s  skip   x  end session",
            "l  (first) pain spread down my leg",
        ),
    ),
    ("Get ready", ("runs by itself   space  pause", "enter  start now   s  skip", "e  easier version")),
    (
        "During a drill",
        ("space  pause/resume", "n  done (finish now)   e  easier version", "s  skip   q  end session (asks y/n)"),
    ),
    ("After a drill", ("1  too easy   2  about right", "3  too hard   enter  about right")),
    ("Summary", ("enter  home",)),
    ("Learn", ("up/down, page up/down  scroll", "escape  back")),
    (
        "History",
        ("o  overview   s  sessions   d  drills", "p  next program   enter  details", "t  period (drills)   e  export"),
    ),
    ("A review", ("backcoach review FILE: read-only", "escape / q  close   (no e: export)")),
    (
        "Clinic",
        ("enter  demo   /  filter", "left/right  category", "b  build a program   i  import", "t  projector display"),
    ),
    ("Clinic demo", ("+ / -  speed: 1x 2x 4x 8x", "q  end the demo (nothing is saved)")),
    (
        "Program builder",
        ("a  add   x  remove   [ ]  move", "enter  edit the dose   ctrl+s  save", "p  handout   escape  back"),
    ),
)


def key_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for where, lines in KEY_GROUPS:
        table.add_row(where, "\n".join(lines))
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 62; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .title { text-style: bold; color: $primary; }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("enter", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys  (escape closes)", classes="title")
            yield Static(key_table())


def open_help(app: BackcoachApp) -> None:
    """``?`` anywhere; a running drill or countdown is paused while help
    is open (reading the keys must not cost the drill, and the ``escape``
    that closes help must not land on a screen that came up meanwhile)."""
    if isinstance(app.screen, HelpScreen):
        return
    runner = app.runner
    pause = runner.pause_for_dialog() if runner is not None else None
    app.push_screen(HelpScreen(), lambda _closed: pause() if pause is not None else None)
