"""The symptom quiz, opened from Home (``d``) or the command palette (CLINICAL.md 4).

One question at a time, each answered by one key, so nothing is answered by
accident for a question not yet read; ``left`` goes back one. The last step
shows the answers and what they suggest before anything is saved, because a
profile changes which drills today's plan holds. Retaking replaces the
answers; ``x`` clears them (asked first). The questions and the profile are
``coach.symptom_quiz``'s: this screen only asks and shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from backcoach.coach.symptom_quiz import (
    QUIZ_INTRO,
    QUIZ_QUESTIONS,
    QuizQuestion,
    direction_words,
    profile_from,
    read_answers,
)
from backcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from backcoach.tui.app import BackcoachApp

#: Every key any question answers with; each question enables its own.
CHOICE_KEYS: tuple[str, ...] = tuple(dict.fromkeys(c.key for q in QUIZ_QUESTIONS for c in q.choices))


@dataclass(frozen=True)
class QuizDone:
    """The quiz's outcome: new answers to keep, or ``None``: clear the stored ones."""

    answers: dict[str, bool | str] | None


def _label(question: QuizQuestion, value: object) -> str:
    return next((c.label for c in question.choices if c.value == value and type(c.value) is type(value)), "")


class QuizScreen(Screen[QuizDone | None]):
    """Dismisses with :class:`QuizDone`, or ``None`` if left with escape (nothing changes)."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        *(Binding(key, f"pick('{key}')", key, show=False) for key in CHOICE_KEYS),
        Binding("enter", "save", "Save these answers"),
        Binding("left", "previous", "Previous", key_display="←"),
        Binding("x", "clear", "Clear my answers"),
        Binding("escape", "leave", "Leave, change nothing"),
    ]

    def __init__(self, current: Mapping[str, bool | str] | None = None) -> None:
        super().__init__()
        self.current = dict(current) if current is not None else None
        self.answers: dict[str, bool | str] = {}
        self.step = 0

    def compose(self) -> ComposeResult:
        yield Static("Symptom quiz", classes="heading")
        with VerticalScroll():
            yield Static(QUIZ_INTRO, classes="lead", markup=False)
            yield Static(id="question", classes="question-box", markup=False)
            yield Static(id="hint", classes="prompt", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    @property
    def reviewing(self) -> bool:
        """After the last question: the answers and the profile shown once more before saving."""
        return self.step >= len(QUIZ_QUESTIONS)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return not self.reviewing and any(c.key == parameters[0] for c in QUIZ_QUESTIONS[self.step].choices)
        if action == "save":
            return self.reviewing
        if action == "previous":
            return self.step > 0
        if action == "clear":
            return self.current is not None
        return True

    def _show(self) -> None:
        self.refresh_bindings()
        question_box = self.query_one("#question", Static)
        hint = self.query_one("#hint", Static)
        if self.reviewing:
            suggest = direction_words(profile_from(self.answers))
            lines = [f"{q.label}: {_label(q, self.answers[q.id])}" for q in QUIZ_QUESTIONS]
            question_box.update(f"What your answers suggest, for now: {suggest}.\n\n" + "\n".join(lines))
            hint.update("enter = save these answers     left = change the last one")
            return
        question = QUIZ_QUESTIONS[self.step]
        question_box.update(f"Question {self.step + 1} of {len(QUIZ_QUESTIONS)}\n\n{question.text}")
        keys = "     ".join(f"{c.key} = {c.label}" for c in question.choices)
        if self.step:
            keys += "     left = previous question"
        if self.current is not None:
            keys += f"     (before: {_label(question, self.current[question.id])})"
        hint.update(keys)

    def action_pick(self, key: str) -> None:
        if self.reviewing:
            return
        question = QUIZ_QUESTIONS[self.step]
        choice = next((c for c in question.choices if c.key == key), None)
        if choice is None:
            return
        self.answers[question.id] = choice.value
        self.step += 1
        self._show()

    def action_save(self) -> None:
        if self.reviewing:
            self.dismiss(QuizDone(dict(self.answers)))

    def action_previous(self) -> None:
        if self.step > 0:
            self.step -= 1
            self._show()

    def action_clear(self) -> None:
        from backcoach.tui.dialogs.ask import AskScreen

        def cleared(yes: bool | None) -> None:
            if yes:
                self.dismiss(QuizDone(None))

        self.app.push_screen(
            AskScreen(
                "Clear your quiz answers?",
                "Programs without a profile from a physiotherapist are then planned with no direction limits.",
                yes="clear them",
                no="keep them",
            ),
            cleared,
        )

    def action_leave(self) -> None:
        self.dismiss(None)


def open_quiz(app: BackcoachApp, then: Callable[[], None]) -> None:
    """Push the quiz; its answers replace the stored ones (or are cleared), are saved, and ``then`` runs
    (Home redraws the lines that follow the profile: a screen's resume may come before this)."""

    def done(result: QuizDone | None) -> None:
        if result is None:
            return
        app.services.settings.profile = result.answers
        app.save_settings()
        then()
        if result.answers is None:
            app.notify("Your quiz answers are cleared.", timeout=4)
        else:
            app.notify("Saved: your provisional direction profile (a physiotherapist's replaces it).", timeout=4)

    app.push_screen(QuizScreen(read_answers(app.services.settings.profile)), done)


class QuizCommands(Provider):
    """The palette's quiz entry (Home's ``d``), on Home's palette: the quiz is taken from Home."""

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        app: BackcoachApp = self.app  # type: ignore[assignment]  # this provider only runs in BackcoachApp
        taken = read_answers(app.services.settings.profile) is not None
        help_text = "Retake or clear it (d)" if taken else "A few questions on what eases your back (d)"
        redraw = getattr(self.screen, "refresh_status", lambda: None)
        return [("Symptom quiz: direction of movement", help_text, partial(open_quiz, app, redraw))]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
