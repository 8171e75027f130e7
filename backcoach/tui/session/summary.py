"""The end of a session: what was done, how the back changed, the streak.

The numbers appear only once the journal writer confirms the session is
saved, so what the person sees is what is on disk. Below them, a pain
education card, unless pain said no today (the rule: ``coach.education``).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.adapt_words import next_time_lines, tells_physio
from backcoach.coach.background import background_flags
from backcoach.coach.education import pain_said_no
from backcoach.coach.pain import LEG_SPREADS_TO_END, RED_GATES_TO_END
from backcoach.coach.session import EndReason, SessionView
from backcoach.coach.streaks import WORKED_STATUSES
from backcoach.coach.today import summary_streak_line
from backcoach.coach.too_easy import too_easy_lines
from backcoach.content.describe import duration_text
from backcoach.tui.session.base import SessionScreen
from backcoach.tui.widgets.education_card import card_text
from backcoach.tui.widgets.key_bar import KeyBar

ENDINGS = {
    EndReason.COMPLETED: "Well done: you finished the whole session.",
    EndReason.ENDED_EARLY: "You ended early, and that is fine: what you did counts.",
}
_REST_ADVICE = (
    " A sensitive back is not a damaged one: rest today and move gently; short easy "
    "walks often help. If pain keeps rising or spreads down a leg, talk to your "
    "physiotherapist or doctor."
)


def pain_stop_text(view: SessionView) -> str:
    """Why a session stopped for pain, in the person's terms."""
    if view.leg_spreads >= LEG_SPREADS_TO_END:
        why = "Pain spread down your leg twice, so we stopped here."
    elif view.red_gates >= RED_GATES_TO_END:
        why = "Two pain checks were in the red, so we stopped here."
    elif not view.records and view.last_gate is None:
        why = "Your back was very sensitive at the check-in, so today is a rest day."
    else:
        why = "Your pain check was in the stop band, so we stopped here."
    return why + _REST_ADVICE


class SummaryScreen(SessionScreen):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("enter", "home", "Home"),
        Binding("escape", "home", "Home", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Session complete", classes="heading")
        with VerticalScroll():
            yield Static("Saving your session...", id="saving")
            yield Static(id="ending", classes="ending")
            yield Static(id="facts", classes="facts", markup=False)
            yield Static(id="next-time", classes="next-time", markup=False)
            yield Static(id="card", classes="card")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#ending").display = False
        self.query_one("#facts").display = False
        self.query_one("#next-time").display = False
        self.query_one("#card").display = False
        self._wait_for_save()

    @work(thread=True, exclusive=True, group="summary-save")
    def _wait_for_save(self) -> None:
        ok = self.runner.sink.flush(timeout=30)
        self.app.call_from_thread(self._reveal, ok)

    def _reveal(self, ok: bool) -> None:
        sink = self.runner.sink
        saving = self.query_one("#saving", Static)
        if not ok or sink.has_unsaved:
            saving.update(
                "Your session could not be saved completely: "
                + (sink.last_error if ok and sink.last_error else "the journal did not answer in time.")
            )
            saving.add_class("error")
        else:
            saving.update("Saved to your journal.")
        view = self.view
        ending = self.query_one("#ending", Static)
        reason = view.end_reason or EndReason.ENDED_EARLY
        counts = view.counts
        worked = any(r["status"] in WORKED_STATUSES for r in view.records)
        if reason is EndReason.STOPPED_PAIN:
            ending.update(pain_stop_text(view))
        elif not worked:
            # Nothing was done: say so, rather than "what you did counts".
            ending.update(
                "No drill was done this time, so today is not counted. That is fine: "
                "come back when you are ready."
            )
        elif reason is EndReason.COMPLETED and counts["done"] < len(view.records):
            ending.update("You reached the end of the session. Easier or shorter is still progress.")
        else:
            ending.update(ENDINGS.get(reason, ""))
        ending.display = True
        facts = self.query_one("#facts", Static)
        facts.update("\n".join(self._facts()))
        facts.display = True
        # Whatever felt easy, a red or stop gate (one where the session ended too)
        # or a spread down the leg today means no "try something harder" (CLINICAL.md 3).
        said_no = reason is EndReason.STOPPED_PAIN or pain_said_no(view)
        blocks = ["\n".join(next_time_lines(view.next_plan, view.demo, said_no))]
        if not tells_physio(view.next_plan):  # say "tell your physiotherapist" once
            library = self.backcoach.services.library
            blocks += too_easy_lines(view.records, view.program, library, stopped_for_pain=said_no)
        blocks = [block for block in blocks if block]
        if blocks:
            next_time = self.query_one("#next-time", Static)
            next_time.update("\n\n".join(blocks))
            next_time.display = True
        if view.card is not None:
            card = self.query_one("#card", Static)
            card.update(card_text(view.card))
            card.display = True

    def _facts(self) -> list[str]:
        view = self.view
        counts = view.counts
        lines = [
            f"Program        {view.program.name}",
            f"Time moving    {duration_text(int(round(view.active_seconds)))}",
            f"Drills         {counts['done']} done, {counts['partial']} partly done, "
            f"{counts['easier'] + counts['partial_easier']} easier, {counts['skipped']} skipped"
            + (f", {counts['left_out']} left out by today's plan" if counts["left_out"] else ""),
        ]
        if view.checkin_pain is not None:
            last = view.last_gate_pain
            change = "" if last is None else f"  ->  last pain check {last}/10"
            lines.append(f"Pain           check-in {view.checkin_pain}/10{change}")
        flags = background_flags(view.background or {})
        if flags:
            lines.append(f"Background     noted: {', '.join(flags)}")
        if view.leg_today is not None and view.leg_today.value != "none":
            where = "the thigh" if view.leg_today.value == "thigh" else "below the knee"
            spread = f", spread further {view.leg_spreads}x" if view.leg_spreads else ""
            lines.append(f"Leg pain       reaches {where}{spread}")
        if view.demo:
            lines.append("Demo session   saved, but not counted in your streak")
        else:
            sessions = list(self.backcoach.history.sessions or [])
            saved = self.runner.saved_doc
            if saved is not None:
                sessions.append(saved)
            lines.append(summary_streak_line(sessions, self.backcoach.services.today()))
        return lines

    def action_home(self) -> None:
        self.runner.leave()
