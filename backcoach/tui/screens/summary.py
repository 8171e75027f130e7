"""The end of a session: what was done, how the back changed, the streak.

The numbers appear only once the journal writer confirms the session is
saved, so what the person sees is what is on disk.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.session import EndReason
from backcoach.coach.streaks import active_days, current_streak
from backcoach.content.describe import duration_text
from backcoach.tui.screens.base import SessionScreen
from backcoach.tui.widgets.key_bar import KeyBar

ENDINGS = {
    EndReason.COMPLETED: "Well done: you finished the whole session.",
    EndReason.ENDED_EARLY: "You ended early, and that is fine: what you did counts.",
    EndReason.STOPPED_PAIN: (
        "Two pain checks were in the red, so we stopped here. Rest today and move gently; "
        "short easy walks often help. If pain keeps rising or spreads down a leg, "
        "talk to your physiotherapist or doctor."
    ),
}


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
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#ending").display = False
        self.query_one("#facts").display = False
        self._wait_for_save()

    @work(thread=True, exclusive=True, group="summary-save")
    def _wait_for_save(self) -> None:
        ok = self.runner.writer.flush(timeout=30)
        self.app.call_from_thread(self._reveal, ok)

    def _reveal(self, ok: bool) -> None:
        errors = self.runner.writer.errors
        saving = self.query_one("#saving", Static)
        if not ok or errors:
            saving.update(
                "Your session could not be saved completely: "
                + (errors[-1] if errors else "the journal did not answer in time.")
            )
            saving.add_class("error")
        else:
            saving.update("Saved to your journal.")
        engine = self.engine
        ending = self.query_one("#ending", Static)
        reason = engine.end_reason or EndReason.ENDED_EARLY
        counts = engine.counts()
        if reason is EndReason.COMPLETED and counts["done"] < len(engine.records):
            ending.update("You reached the end of the session. Easier or shorter is still progress.")
        else:
            ending.update(ENDINGS.get(reason, ""))
        ending.display = True
        facts = self.query_one("#facts", Static)
        facts.update("\n".join(self._facts()))
        facts.display = True

    def _facts(self) -> list[str]:
        engine = self.engine
        counts = engine.counts()
        lines = [
            f"Program        {engine.program.name}",
            f"Time moving    {duration_text(int(round(engine.active_seconds)))}",
            f"Drills         {counts['done']} done, {counts['partial']} partly done, "
            f"{counts['easier']} easier, {counts['skipped']} skipped",
        ]
        if engine.checkin_pain is not None:
            last = engine.last_gate_pain
            change = "" if last is None else f"  ->  last pain check {last}/10"
            lines.append(f"Pain           check-in {engine.checkin_pain}/10{change}")
        if engine.demo:
            lines.append("Demo session   saved, but not counted in your streak")
        else:
            sessions = list(self.backcoach.sessions_cache or [])
            saved = self.runner.saved_doc
            if saved is not None:
                sessions.append(saved)
            streak = current_streak(active_days(sessions), self.backcoach.services.today())
            lines.append(f"Streak         {streak} day{'s' if streak != 1 else ''}")
        return lines

    def action_home(self) -> None:
        self.runner.leave()
