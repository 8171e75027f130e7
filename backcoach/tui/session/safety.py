"""The daily safety check before the first session of each day, and its stop screens.

It cannot be skipped: the only ways on are ``n`` (none apply) or ``y`` and
then marking which apply. Once anything is marked, "none apply" is gone
until every mark is cleared, so a marked warning sign can never be thrown
away by one key. Doctor-soon items may be marked "already checked, unchanged"
(``space`` again), with the date they were checked (CLINICAL.md section 1b).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from backcoach.coach.background import BACKGROUND_DOCTOR_ADVICE
from backcoach.coach.safety import (
    ADVICE,
    DESTINATION,
    Answer,
    DailyItem,
    Level,
    SafetyOutcome,
    all_clear,
    daily_items,
)
from backcoach.coach.session import SessionView
from backcoach.tui.session.base import SessionScreen
from backcoach.tui.session.safety_date import CheckedDateScreen
from backcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from backcoach.tui.session.runner import SessionRunner

_BOX = {Answer.NO: "[ ]", Answer.YES: "[x]", Answer.CHECKED: "[c]"}
#: The key that marks each sign, in list order (room for twelve).
ITEM_KEYS = "abcdefghijkl"


class SafetyScreen(SessionScreen):
    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("n", "none_apply", "None of these apply"),
        Binding("y", "some_apply", "One or more apply"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("space", "toggle_current", "Mark"),
        Binding("enter", "confirm", "Confirm"),
        Binding("escape", "back", "Home"),
        # Letters, not digits: with more than nine signs, "1 0" would mark
        # the first one. a-l leave out n and y (and m, mute).
        *[Binding(letter, f"toggle_sign({i})", show=False) for i, letter in enumerate(ITEM_KEYS)],
    ]

    def __init__(self, runner: SessionRunner, view: SessionView) -> None:
        super().__init__(runner, view)
        self.marking = False
        self.cursor = 0
        self.answers: dict[str, Answer] = {}
        #: Item id -> the date a clinician checked it, for "already checked" items.
        self.checked_on: dict[str, str] = {}

    @property
    def items(self) -> tuple[DailyItem, ...]:
        return daily_items(self.view.background)

    def compose(self) -> ComposeResult:
        yield Static("Safety check", classes="heading")
        # Not focusable: up/down move the marking cursor, and the list
        # scrolls to keep it in view.
        with VerticalScroll(can_focus=False):
            yield Static(
                "Before today's first session: do any of these apply to you right now?",
                classes="lead",
            )
            with Vertical(id="questions"):
                for index in range(len(self.items)):
                    yield Static(id=f"q{index}", classes="question")
            yield Static(id="prompt", classes="prompt", markup=False)
        yield KeyBar()

    def _cells(self, index: int) -> tuple[str, str]:
        """(the box or number, the sign's words) for one row of the list."""
        entry = self.items[index]
        answer = self.answers.get(entry.id, Answer.NO)
        if self.marking:
            # The letter stays beside the box: the prompt says to press it.
            box = (">" if index == self.cursor else " ") + f"{ITEM_KEYS[index]} " + _BOX[answer]
        else:
            box = f" {ITEM_KEYS[index]}."
        text = entry.text
        if answer is Answer.CHECKED:
            text += f"  (already checked on {self.checked_on.get(entry.id, 'a date you give')}, unchanged)"
        return box, text

    def questions_text(self) -> str:
        """The list as shown, one line per sign (for tests)."""
        return "\n".join(" ".join(self._cells(i)) for i in range(len(self.items)))

    def on_mount(self) -> None:
        self.answers = all_clear(self.view.background)
        for qid, waiver in self.view.waivers.items():
            if qid in self.answers:
                # Still standing: shown already marked, and changeable.
                self.answers[qid] = Answer.CHECKED
                self.checked_on[qid] = waiver.checked_on or waiver.answered_on.isoformat()
        if self.marked:
            self.marking = True

    @property
    def marked(self) -> list[str]:
        return [qid for qid, answer in self.answers.items() if answer is not Answer.NO]

    def draw(self) -> None:
        for index in range(len(self.items)):
            box, text = self._cells(index)
            # A grid, so a long sign wraps under its own words, not its box;
            # Text, not markup: "[x]" is a tick box here, not a style tag.
            row = Table.grid(padding=(0, 1))
            row.add_column(no_wrap=True, width=6)
            row.add_column(ratio=1)
            row.add_row(Text(box), Text(text))
            widget = self.query_one(f"#q{index}", Static)
            widget.update(row)
            widget.set_class(self.marking and index == self.cursor, "-cursor")
        if not self.marking:
            prompt = "n = none of these apply     y = one or more apply"
        elif self.marked:
            prompt = (
                "Press a sign's letter (or up/down and space) to mark each one that applies, then enter.\n"
                "For the last four, space again means: a doctor or physiotherapist has already "
                "checked this and it has not changed [c]. Clear every mark to answer 'none'."
            )
        else:
            prompt = "Press the letter of each one that applies (or up/down and space), then enter; n = none apply."
        self.query_one("#prompt", Static).update(prompt)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "none_apply":
            return not self.marked
        if action == "some_apply":
            return not self.marking
        if action in ("toggle_current", "confirm"):
            return self.marking
        return True

    def action_none_apply(self) -> None:
        if self.marked:
            return  # marks stand until cleared one by one (CLINICAL.md 1b)
        self.runner.answer_safety(all_clear(self.view.background))

    def action_some_apply(self) -> None:
        self.marking = True
        self.draw()

    def action_move(self, step: int) -> None:
        if not self.marking:
            # Before marking, up/down scroll, so every sign can be read on a
            # small screen before answering "none apply".
            self.query_one(VerticalScroll).scroll_relative(y=step * 3, animate=False)
            return
        self.cursor = max(0, min(len(self.items) - 1, self.cursor + step))
        self.draw()
        self._show_cursor()

    def _show_cursor(self) -> None:
        self.query_one(VerticalScroll).scroll_to_widget(self.query_one(f"#q{self.cursor}"), animate=False)

    def action_toggle_current(self) -> None:
        self._cycle(self.cursor)

    def action_toggle_sign(self, index: int) -> None:
        """Digit keys mark sign ``index`` (not ``toggle``: that is Textual's own action)."""
        if not self.marking:
            self.marking = True
        if index < len(self.items):
            self.cursor = index
            self._cycle(index)
            self._show_cursor()

    def _cycle(self, index: int) -> None:
        entry = self.items[index]
        answer = self.answers.get(entry.id, Answer.NO)
        if answer is Answer.NO:
            nxt = Answer.YES
        elif answer is Answer.YES and entry.waivable:
            nxt = Answer.CHECKED
        else:
            nxt = Answer.NO
        self.answers[entry.id] = nxt
        if nxt is not Answer.CHECKED:
            self.checked_on.pop(entry.id, None)
        self.draw()

    def action_confirm(self) -> None:
        if not self.marking:
            return
        if not self.marked:
            self.notify("Mark at least one with space, or press n if none apply.", timeout=5)
            return
        undated = [qid for qid in self.marked if self.answers[qid] is Answer.CHECKED and qid not in self.checked_on]
        if undated:
            qid = undated[0]
            entry = next(i for i in self.items if i.id == qid)

            def dated(when: str | None) -> None:
                if when is None:
                    return  # cancelled: back to the list, nothing answered
                self.checked_on[qid] = when
                self.action_confirm()

            today = self.backcoach.services.today()
            self.app.push_screen(CheckedDateScreen(entry.text, today), dated)
            return
        answers, checked_on = dict(self.answers), dict(self.checked_on)
        # A standing waiver confirmed again keeps its first day (28 days from then).
        since = {
            qid: waiver.answered_on.isoformat()
            for qid, waiver in self.view.waivers.items()
            if answers.get(qid) is Answer.CHECKED
        }
        self.runner.answer_safety(answers, checked_on, since)

    def action_back(self) -> None:
        if self.marked:
            # A marked sign is never thrown away by a key (CLINICAL.md 1b).
            self.query_one("#prompt", Static).update(
                "You have marked a warning sign. Press enter to confirm it, or clear every mark "
                "(press its letter again) before going back."
            )
            return
        # Nothing has been saved yet, so leaving here leaves no trace.
        self.runner.leave()


class SafetyStopScreen(SessionScreen):
    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("enter", "home", "Home"),
        Binding("escape", "home", "Home", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Safety check", classes="heading")
        with VerticalScroll():
            yield Static(id="advice", classes="advice", markup=False)
            yield Static(
                "Your answers are saved in your history. You can show them to your doctor "
                "or physiotherapist.",
            )
        yield KeyBar()

    def draw(self) -> None:
        outcome = self.view.safety_outcome or SafetyOutcome.EMERGENCY
        advice = self.query_one("#advice", Static)
        advice.update(ADVICE[outcome])
        advice.set_class(outcome is not SafetyOutcome.DOCTOR_SOON, "urgent")

    def action_home(self) -> None:
        self.runner.leave()


class NoExerciseScreen(Screen[None]):
    """Shown instead of a session when today is not a day for one: one advice
    box naming where to go, and the way back Home."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("enter", "app.pop_screen", "Home"),
        Binding("escape", "app.pop_screen", "Home", show=False),
    ]

    def __init__(self, heading: str, advice: str, *, urgent: bool, footer: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.advice = advice
        self.urgent = urgent
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield Static(self.heading, classes="heading", markup=False)
        with VerticalScroll():
            advice = Static(self.advice, classes="advice", markup=False)
            advice.set_class(self.urgent, "urgent")
            yield advice
            if self.footer:
                yield Static(self.footer, markup=False)
        yield KeyBar()


class SafetyBlockedScreen(NoExerciseScreen):
    """After a yes earlier today: the day is blocked, and where to go is named again."""

    def __init__(self, level: Level) -> None:
        super().__init__(
            "Safety check",
            "Earlier today you told us a warning sign applies, so there is no exercise "
            f"today. Please follow that advice: {DESTINATION[level]}.",
            urgent=level is not Level.DOCTOR_SOON,
            footer="The check is asked again tomorrow.",
        )


class BackgroundStopScreen(NoExerciseScreen):
    """A history of cancer with no clinician review: see a doctor before starting."""

    def __init__(self) -> None:
        super().__init__("Health background", BACKGROUND_DOCTOR_ADVICE, urgent=False)
