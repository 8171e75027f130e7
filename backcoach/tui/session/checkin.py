"""The check-in: how the back is before anything starts (0-10), and where
leg pain reaches today.

When the last counted session was at most 72 hours ago, the 24-hour
response comes first: since then, is the back better, the same or worse
(``b``/``s``/``w``; CLINICAL.md section 3). It comes before the score so its
letters and the score's digits never meet, and a letter pressed twice
cannot answer the leg question (that waits for a confirmed score).

The score can be changed until the leg question (or, at 8 or more, the
rest-or-carry-on choice) is answered. At 8 or more the safe default is to
rest: ``enter`` ends the session for today and carrying on takes ``c``
(CLINICAL.md section 2, safe defaults).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.followup import Compared
from backcoach.coach.pain import checkin_suggests_rest
from backcoach.coach.session import LegReach, SessionView, Stage
from backcoach.coach.words import plural
from backcoach.tui.session.base import SessionScreen
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pain_scale import PainScale

if TYPE_CHECKING:
    from backcoach.tui.session.runner import SessionRunner

LEG_KEYS = {"n": LegReach.NONE, "t": LegReach.THIGH, "b": LegReach.BELOW_KNEE}
LEG_QUESTION = (
    "Where does leg pain reach today?\n"
    "  n  no leg pain\n"
    "  t  into the thigh\n"
    "  b  below the knee"
)


class CheckinScreen(SessionScreen):
    CSS_PATH = "pain.tcss"
    BINDINGS = [
        Binding("enter", "confirm", "Confirm"),
        Binding("enter", "rest_today", "End session: rest today"),
        Binding("c", "carry_on", "Carry on anyway"),
        Binding("n", "leg('none')", "No leg pain"),
        Binding("t", "leg('thigh')", "Thigh"),
        Binding("b", "leg('below_knee')", "Below knee"),
        Binding("x", "end_here", "End session"),
        Binding("b", "followup('better')", "Better"),
        Binding("s", "followup('same')", "Same"),
        Binding("w", "followup('worse')", "Worse"),
    ]

    def __init__(self, runner: SessionRunner, view: SessionView) -> None:
        super().__init__(runner, view)
        #: The score once confirmed; digits may still change it.
        self.score: int | None = None
        #: The person chose to carry on despite a high score.
        self.carrying_on = False

    def compose(self) -> ComposeResult:
        view = self.view
        yield Static("How is your back", classes="heading")
        with VerticalScroll():
            due = view.followup_due
            yield Static(
                f"{view.program.name}: {plural(view.drill_count, 'drill')}.\n\n"
                f"Since your last session ({due.when if due else 'last time'}), is your back "
                "better, the same, or worse?\n"
                "  b  better\n"
                "  s  about the same\n"
                "  w  worse",
                id="followup",
                classes="lead",
                markup=False,
            )
            yield Static(
                f"{view.program.name}: {plural(view.drill_count, 'drill')}.\n"
                "How much does your back hurt right now? 0 is no pain, 10 the worst "
                "imaginable. If your leg hurts more than your back, give the leg's score.",
                id="lead",
                classes="lead",
                markup=False,
            )
            yield PainScale(id="scale", now=self.runner.real_seconds)
            yield Static(id="advice", classes="advice-box", markup=False)
            yield Static(LEG_QUESTION, id="leg", classes="choices", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        # SessionScreen.on_mount (which Textual also calls) draws the view.
        if not self._asking_followup:
            self.query_one(PainScale).focus()

    @property
    def _asking_followup(self) -> bool:
        return self.view.followup_due is not None and not self.view.followup_answered

    @property
    def _high(self) -> bool:
        return self.score is not None and checkin_suggests_rest(self.score)

    @property
    def _asking_leg(self) -> bool:
        return self.score is not None and (not self._high or self.carrying_on)

    def draw(self) -> None:
        asking = self._asking_followup
        self.query_one("#followup").display = asking
        self.query_one("#lead").display = not asking
        scale = self.query_one(PainScale)
        if scale.display == asking:  # drawn for the first time, or the follow-up just answered
            scale.display = not asking
            # Disabled, it cannot take a digit meant for nothing yet.
            scale.disabled = asking
            if not asking:
                scale.focus()
        advice = self.query_one("#advice", Static)
        # Once "carry on" is chosen the advice has been read: it makes room
        # for the leg question (at 60x20 both do not fit).
        advice.display = self._high and not self.carrying_on
        if advice.display:
            advice.update(
                f"{self.score}/10 means your back is very sensitive today. That is not a "
                "sign of damage, but today is a day to rest or move gently (a short easy "
                "walk). If you carry on, every drill still has its own pain check.\n\n"
                "enter = end the session and rest today     c = carry on anyway"
            )
        leg = self.query_one("#leg")
        leg.display = self._asking_leg
        shown = leg if leg.display else advice if advice.display else None
        if shown is not None:
            self.call_after_refresh(shown.scroll_visible, animate=False)
        self.refresh_bindings()

    def on_pain_scale_changed(self, message: PainScale.Changed) -> None:
        if self.score is None or not self.is_current or self.view.stage is not Stage.CHECKIN:
            return  # not confirmed yet (enter does that), or a stale message
        self._take_score(message.score)

    def _take_score(self, score: int) -> None:
        """A confirmed score changed: keep it (the engine records it) and redraw."""
        self.score = score
        if not self._high:
            self.carrying_on = False
        self.runner.confirm_checkin_score(score)
        self.draw()

    def _shown_score_is_current(self) -> bool:
        """Whether the score on the scale is the one the prompts were drawn for.

        Keys can outrun the scale's change message (a paste, a slow link); a
        key that answers the prompt must never act on a score no longer shown.
        """
        shown = self.query_one(PainScale).score
        if shown is None or shown == self.score:
            return True
        self._take_score(shown)
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "followup":
            return self._asking_followup
        if action == "confirm":
            return self.score is None and not self._asking_followup
        if action == "rest_today":
            return self._high and not self.carrying_on
        if action == "carry_on":
            return self._high and not self.carrying_on
        if action == "leg":
            return self._asking_leg
        if action == "end_here":
            return self.score is not None
        return True

    def action_followup(self, compared: str) -> None:
        if self._asking_followup:
            self.runner.answer_followup(Compared(compared))

    def action_confirm(self) -> None:
        scale = self.query_one(PainScale)
        if scale.score is None:
            self.notify("Press a number from 0 to 10 first (1 then 0 for 10).", timeout=4)
            return
        self._take_score(scale.score)

    def action_rest_today(self) -> None:
        if self.score is not None and self._shown_score_is_current() and self._high:
            self.runner.rest_today(self.score)

    def action_carry_on(self) -> None:
        if self._shown_score_is_current() and self._high:
            self.carrying_on = True
            self.draw()

    def action_leg(self, reach: str) -> None:
        if self.score is not None and self._shown_score_is_current() and self._asking_leg:
            self.runner.checkin(self.score, LegReach(reach))

    def action_end_here(self) -> None:
        if self.score is None or not self._shown_score_is_current():
            return
        # The score is already kept; at 8 or more the engine files a rest day.
        self.runner.end()
