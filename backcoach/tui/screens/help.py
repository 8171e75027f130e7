"""``?``: every key, grouped by where it works (the key map in DESIGN.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = """\
Everywhere      ?  this help      ctrl+p  commands      m  sound on/off
                escape  back
Home            up/down  choose a program    enter  start
                h  history    c  clinic    q  quit
Safety check    n  none of these apply     y  one or more apply
Pain entry      0-9  pick a score    left/right  adjust (reaches 10)
                enter  confirm
Pain check      enter  go    e  easier version    s  skip drill
                x  end session
Get ready       enter  begin    s  skip    e  easier version
During a drill  space  pause/resume    n  done (finish now)
                e  easier version    s  skip    q  end session (asks y/n)
After a drill   1  too easy    2  about right    3  too hard
                enter  about right
Summary         enter  home"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
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
            yield Static(KEYS)
