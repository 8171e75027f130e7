"""The end of a session: what was done, how the back changed, the streak.

The numbers appear only once the journal writer confirms the session is
saved, so what the person sees is what is on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.background import background_flags
from backcoach.coach.pain import LEG_SPREADS_TO_END, RED_GATES_TO_END
from backcoach.coach.session import Difficulty, EndReason, SessionEngine
from backcoach.coach.streaks import WORKED_STATUSES, active_days, current_streak
from backcoach.content.describe import duration_text
from backcoach.content.model import Drill
from backcoach.tui.screens.base import SessionScreen
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


def pain_stop_text(engine: SessionEngine) -> str:
    """Why a session stopped for pain, in the person's terms."""
    if engine.leg_spreads >= LEG_SPREADS_TO_END:
        why = "Pain spread down your leg twice, so we stopped here."
    elif engine.red_gates >= RED_GATES_TO_END:
        why = "Two pain checks were in the red, so we stopped here."
    elif not engine.records and engine.last_gate is None:
        why = "Your back was very sensitive at the check-in, so today is a rest day."
    else:
        why = "Your pain check was in the stop band, so we stopped here."
    return why + _REST_ADVICE


def too_easy_lines(
    records: Iterable[Mapping[str, Any]],
    locked: bool,
    library: Mapping[str, Drill],
    *,
    stopped_for_pain: bool = False,
) -> list[str]:
    """What to say about drills rated "too easy" this session.

    A session stopped for pain never suggests anything harder: whatever felt
    easy, the back said "enough" today.

    An unlocked program may point at the next step up, worded as something
    to try only if the drill keeps feeling easy, because one easy day is not
    a reason to do more. A locked program's doses were set by a
    physiotherapist, so it never suggests more: it asks the person to keep
    the dose and tell the physio instead.
    """
    easy = [r for r in records if r.get("difficulty") == Difficulty.TOO_EASY.value]
    if not easy or stopped_for_pain:
        return []

    def name(drill_id: str) -> str:
        drill = library.get(drill_id)
        return drill.name if drill is not None else drill_id

    if locked:
        names = list(dict.fromkeys(name(r["replaced_by"] or r["drill_id"]) for r in easy))
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        physio = (
            f"{listed} felt too easy. Your physiotherapist set the doses in this program, so please "
            "keep to them for now, and tell your physio it felt easy: they can change the program."
        )
        return [physio]
    lines: dict[str, None] = {}  # in session order, each said once
    for record in easy:
        if record["replaced_by"]:
            # The easier version felt easy: the next step up is the program's own drill.
            done, step_up = name(record["replaced_by"]), library.get(record["drill_id"])
            where = ", the version in your program"
        else:
            drill = library.get(record["drill_id"])
            done, where = name(record["drill_id"]), ""
            step_up = library.get(drill.harder) if drill is not None and drill.harder else None
        if step_up is not None:
            line = (
                f"{done} felt too easy. If it still feels easy next time, you could try "
                f"{step_up.name}{where}. Start gently, and go back to {done} if it stirs up your pain."
            )
            lines[line] = None
    return list(lines)


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
            yield Static(id="too-easy", classes="too-easy", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#ending").display = False
        self.query_one("#facts").display = False
        self.query_one("#too-easy").display = False
        self._wait_for_save()

    @work(thread=True, exclusive=True, group="summary-save")
    def _wait_for_save(self) -> None:
        ok = self.runner.writer.flush(timeout=30)
        self.app.call_from_thread(self._reveal, ok)

    def _reveal(self, ok: bool) -> None:
        writer = self.runner.writer
        saving = self.query_one("#saving", Static)
        if not ok or writer.has_unsaved:
            saving.update(
                "Your session could not be saved completely: "
                + (writer.last_error if ok and writer.last_error else "the journal did not answer in time.")
            )
            saving.add_class("error")
        else:
            saving.update("Saved to your journal.")
        engine = self.engine
        ending = self.query_one("#ending", Static)
        reason = engine.end_reason or EndReason.ENDED_EARLY
        counts = engine.counts()
        worked = any(r["status"] in WORKED_STATUSES for r in engine.records)
        if reason is EndReason.STOPPED_PAIN:
            ending.update(pain_stop_text(engine))
        elif not worked:
            # Nothing was done: say so, rather than "what you did counts".
            ending.update(
                "No drill was done this time, so today is not counted. That is fine: "
                "come back when you are ready."
            )
        elif reason is EndReason.COMPLETED and counts["done"] < len(engine.records):
            ending.update("You reached the end of the session. Easier or shorter is still progress.")
        else:
            ending.update(ENDINGS.get(reason, ""))
        ending.display = True
        facts = self.query_one("#facts", Static)
        facts.update("\n".join(self._facts()))
        facts.display = True
        # Whatever felt easy, a red or stop gate or a spread down the leg today
        # means no "try something harder" (CLINICAL.md 3: no step up then).
        pain_said_no = reason is EndReason.STOPPED_PAIN or any(
            r.get("gate_band") in ("red", "stop") or r.get("leg_spread") for r in engine.records
        )
        advice = too_easy_lines(
            engine.records,
            engine.program.locked,
            self.backcoach.services.library,
            stopped_for_pain=pain_said_no,
        )
        if advice:
            too_easy = self.query_one("#too-easy", Static)
            too_easy.update("\n\n".join(advice))
            too_easy.display = True

    def _facts(self) -> list[str]:
        engine = self.engine
        counts = engine.counts()
        lines = [
            f"Program        {engine.program.name}",
            f"Time moving    {duration_text(int(round(engine.active_seconds)))}",
            f"Drills         {counts['done']} done, {counts['partial']} partly done, "
            f"{counts['easier'] + counts['partial_easier']} easier, {counts['skipped']} skipped",
        ]
        if engine.checkin_pain is not None:
            last = engine.last_gate_pain
            change = "" if last is None else f"  ->  last pain check {last}/10"
            lines.append(f"Pain           check-in {engine.checkin_pain}/10{change}")
        flags = background_flags(engine.background or {})
        if flags:
            lines.append(f"Background     noted: {', '.join(flags)}")
        if engine.leg_today is not None and engine.leg_today.value != "none":
            where = "the thigh" if engine.leg_today.value == "thigh" else "below the knee"
            spread = f", spread further {engine.leg_spreads}x" if engine.leg_spreads else ""
            lines.append(f"Leg pain       reaches {where}{spread}")
        if engine.demo:
            lines.append("Demo session   saved, but not counted in your streak")
        else:
            sessions = list(self.backcoach.history.sessions or [])
            saved = self.runner.saved_doc
            if saved is not None:
                sessions.append(saved)
            streak = current_streak(active_days(sessions), self.backcoach.services.today())
            lines.append(f"Streak         {streak} day{'s' if streak != 1 else ''}")
        return lines

    def action_home(self) -> None:
        self.runner.leave()
