"""The health background: asked once before the first session, changeable from Home.

One question at a time, ``y`` or ``n``, so nothing can be answered by
accident for a question not yet read; ``left`` goes back one. A yes never
blocks by itself (CLINICAL.md 1a): it is kept, recorded with each safety
check, and makes the daily trauma question stricter. Cancer with no
clinician review means seeing a doctor before starting.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from backcoach.coach.background import BACKGROUND_QUESTIONS, CANCER_REVIEWED, empty_background
from backcoach.tui.widgets.key_bar import KeyBar

REVIEW_QUESTION = (
    "Has a doctor or physiotherapist looked at this back pain since it began, "
    "knowing about the cancer?"
)


class BackgroundScreen(Screen[dict[str, bool] | None]):
    """Dismisses with the complete answers, or ``None`` if left with escape."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("enter", "save", "Save these answers"),
        Binding("left", "previous", "Previous", key_display="←"),
        Binding("escape", "leave", "Leave, change nothing"),
    ]

    def __init__(self, current: Mapping[str, bool] | None = None) -> None:
        super().__init__()
        self.current = dict(current) if current is not None else None
        self.answers = empty_background()
        self.step = 0

    @property
    def steps(self) -> list[tuple[str, str]]:
        """(answer id, question) in order; the review question only after a cancer yes."""
        out = [(q.id, q.text) for q in BACKGROUND_QUESTIONS]
        if self.answers["cancer_history"]:
            out.insert(1, (CANCER_REVIEWED, REVIEW_QUESTION))
        return out

    def compose(self) -> ComposeResult:
        yield Static("Health background", classes="heading")
        with VerticalScroll():
            yield Static(
                "A few questions about your health, asked once. A yes does not stop you "
                "exercising: it helps the daily safety check ask the right things. You can "
                "change these answers later from the home screen (b).",
                classes="lead",
            )
            yield Static(id="question", classes="advice", markup=False)
            yield Static(id="hint", classes="prompt", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    @property
    def reviewing(self) -> bool:
        """After the last question: the answers shown once more before saving.

        That pause also means a key pressed twice on the last question never
        lands on the daily safety check that follows.
        """
        return self.step >= len(self.steps)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return not self.reviewing
        if action == "save":
            return self.reviewing
        if action == "previous":
            return self.step > 0
        return True

    def _show(self) -> None:
        self.refresh_bindings()
        steps = self.steps
        if self.reviewing:
            lines = [f"{'yes' if self.answers[qid] else 'no ':<4} {text}" for qid, text in steps]
            self.query_one("#question", Static).update("Your answers\n\n" + "\n".join(lines))
            self.query_one("#hint", Static).update("enter = save these answers     left = change the last one")
            return
        qid, text = steps[self.step]
        self.query_one("#question", Static).update(f"Question {self.step + 1} of {len(steps)}\n\n{text}")
        hint = "y = yes     n = no" + ("     left = previous question" if self.step else "")
        if self.current is not None and qid in self.current:
            hint += f"     (before: {'yes' if self.current[qid] else 'no'})"
        self.query_one("#hint", Static).update(hint)

    def action_answer(self, yes: bool) -> None:
        qid, _ = self.steps[self.step]
        self.answers[qid] = yes
        if qid == "cancer_history" and not yes:
            self.answers[CANCER_REVIEWED] = False
        self.step += 1
        self._show()

    def action_save(self) -> None:
        if self.reviewing:
            self.dismiss(dict(self.answers))

    def action_previous(self) -> None:
        if self.step > 0:
            self.step -= 1
            self._show()

    def action_leave(self) -> None:
        self.dismiss(None)
