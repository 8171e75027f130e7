"""The stages of a session before its first drill: the daily safety check,
the next-day question and the check-in (where today's plan is made).

A part of ``SessionEngine`` (``coach.session``), kept apart so each file
reads as one stretch of the session; the engine owns the state and the
shared steps these stages end in (saving, finishing, the first drill).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from backcoach.coach.adapt_day import Answers
from backcoach.coach.followup import Compared
from backcoach.coach.pain import check_score
from backcoach.coach.safety import Answer, SafetyOutcome, assess, safety_record
from backcoach.coach.session_gate import GateSource
from backcoach.coach.session_view import EndReason, LegReach, Stage

if TYPE_CHECKING:
    from collections.abc import Callable

    from backcoach.coach.adapt import Planner, TodayPlan
    from backcoach.coach.followup import FollowupDue
    from backcoach.coach.pain import GateResult
    from backcoach.coach.session_position import ProgramPosition


class InvalidAction(RuntimeError):
    """A key arrived in a stage where it means nothing (a UI bug, not a user error)."""


class BeforeTheDrills:
    if TYPE_CHECKING:  # the engine's state and steps these stages use (coach.session.SessionEngine)
        stage: Stage
        background: dict[str, bool] | None
        safety: dict[str, Any] | None
        safety_outcome: SafetyOutcome | None
        followup_due: FollowupDue | None
        followup: dict[str, Any] | None
        checkin_pain: int | None
        leg_today: LegReach | None
        last_gate_pain: int | None
        plan: TodayPlan | None
        _planner: Planner | None
        _at: ProgramPosition
        _wall_time: Callable[[], str]

        def _expect(self, *stages: Stage) -> None: ...
        def _start_journal(self) -> None: ...
        def _finish(self, reason: EndReason) -> None: ...
        def _save(self, action: str) -> None: ...
        def _enter_drill(self) -> None: ...
        def quick_gate(
            self, score: int, leg_spread: bool = False, source: GateSource = GateSource.TYPED
        ) -> GateResult: ...

    def answer_safety(
        self,
        answers: Mapping[str, Answer],
        checked_on: Mapping[str, str] | None = None,
        waived_since: Mapping[str, str] | None = None,
    ) -> SafetyOutcome:
        """Grade today's daily check; any yes ends the day's exercise.

        ``checked_on`` gives, for each item answered "already checked", the
        date a doctor or physiotherapist checked it; ``waived_since``, for one
        that still stood from an earlier day, the day it was first given.
        """
        self._expect(Stage.SAFETY)
        assessment = assess(answers, self.background)
        self.safety = safety_record(answers, assessment, self.background, checked_on or {}, waived_since)
        self.safety_outcome = assessment.outcome
        self._start_journal()
        if assessment.outcome is SafetyOutcome.CLEAR:
            self.stage = Stage.CHECKIN
        else:
            self.stage = Stage.SAFETY_STOP
            self._finish(EndReason.STOPPED_SAFETY)
        return assessment.outcome

    def checkin(self, score: int, leg: LegReach | None) -> None:
        """Record how the back is before the first drill, and where leg pain
        reaches (``None``: not answered, the session is being ended)."""
        self._expect(Stage.CHECKIN)
        self.checkin_pain = check_score(score)
        self.leg_today = LegReach(leg) if leg is not None else None
        self._at.leg = self.leg_today.value if self.leg_today is not None else None
        if self._planner is not None:
            self.plan = self._at.plan = self._planner.today(self._answers())
        self._save("update")
        self._enter_drill()

    def checkin_and_go(self, score: int, leg: LegReach | None) -> None:
        """The check-in, with its score taken as the first drill's pain check.

        The score was given a moment ago: asking again at once would be a
        key press for nothing. It is recorded as that drill's gate, and a
        green or amber one goes straight to "Get ready" (``quick_gate``).
        """
        self.checkin(score, leg)
        if self.stage is Stage.GATE:
            self.quick_gate(score, source=GateSource.CHECKIN)

    def _answers(self) -> Answers:
        compared = self.followup.get("compared") if self.followup is not None else None
        return Answers(
            now=datetime.fromisoformat(self._wall_time()),
            checkin=self.checkin_pain,
            followup=compared if isinstance(compared, str) else None,
            leg=self.leg_today.value if self.leg_today is not None else None,
        )

    def answer_followup(self, compared: Compared) -> None:
        """Since the last session, is the back better, the same or worse?
        Asked first at the check-in, once, when ``followup_due`` says so."""
        self._expect(Stage.CHECKIN)
        if self.followup_due is None:
            raise InvalidAction("no follow-up question is due in this session")
        if self.followup is not None:
            raise InvalidAction("the follow-up question was already answered")
        self.followup = self.followup_due.record(Compared(compared))
        self._save("update")

    def confirm_checkin_score(self, score: int) -> None:
        """The check-in score as confirmed so far (it may still change before
        the leg question is answered). Kept at once, so a session ended from
        here (``q``, a closed window) still records it and, at 8 or more,
        ends as a rest day for pain."""
        self._expect(Stage.CHECKIN)
        self.checkin_pain = check_score(score)
        self.last_gate_pain = score
        self._save("update")

    def rest_today(self, score: int) -> None:
        """A check-in of 8 or more, ended (the safe default): a rest day, for pain."""
        self._expect(Stage.CHECKIN)
        self.checkin_pain = check_score(score)
        self.last_gate_pain = score
        self._save("update")
        self._finish(EndReason.STOPPED_PAIN)
