"""Today's plan: each drill's dose from the history, the program, the profile and today's answers.

The rules are CLINICAL.md section 3 (the 24-hour response, earned
progression, step-downs, flare days) and section 4 (direction), applied in
that order of caution: a flare day or a step-down always wins over a step
up, and a step up needs every one of its conditions. An answer not given yet
(the check-in, the next-day question, the leg) is not guessed: a step that
depends on it is reported as pending and the dose holds. Every change, and
every earned step that is held back, carries its rule id and a sentence a
person can read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from backcoach.coach.adapt_day import Answers, Day, Reason, day_facts
from backcoach.coach.adapt_history import GATE_ONLY, Past, checked_in, recorded_level
from backcoach.coach.direction import chain_alternative, judge, may_offer
from backcoach.coach.ladder import Level, Step, easier_step, half_volume, is_below, step_down, steps_above
from backcoach.coach.plan import dose_for_easier, planned_dose
from backcoach.coach.progression import progress
from backcoach.content.model import Drill, Profile, Program


def dose_dict(level: Level) -> dict[str, Any]:
    """A dose as data: the drill it is of, then the journal's ``planned`` fields."""
    return {"drill_id": level.drill.id, **planned_dose(level.drill.with_dosage(level.dose))}


@dataclass(frozen=True)
class DrillPlan:
    drill_id: str
    name: str
    planned: dict[str, Any]
    today: dict[str, Any] | None
    """``None``: left out today."""
    level: dict[str, Any]
    """The dose the plan carries forward (a flare day's half dose and a direction swap are for today only)."""
    reasons: tuple[Reason, ...] = ()
    pending: tuple[Reason, ...] = ()
    #: The drills and doses behind ``planned`` and ``today``, for words (``describe.dose_text``).
    planned_drill: Drill | None = field(default=None, compare=False)
    today_drill: Drill | None = field(default=None, compare=False)

    @property
    def changed(self) -> bool:
        return self.today != self.planned

    def adapted(self) -> dict[str, Any] | None:
        """What a drill record stores as ``adapted``: the program's dose, today's
        (``None``: left out), the level carried forward, and the rules and words
        behind them. ``None`` when the plan had nothing to say about the drill;
        a dose held for a reason (a locked program's earned step) is kept too,
        so a physiotherapist can read it later."""
        if not self.changed and not self.reasons:
            return None
        return {
            "from": self.planned,
            "to": self.today,
            "level": self.level,
            "rules": [r.rule for r in self.reasons],
            "why": [r.text for r in self.reasons],
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "drill_id": self.drill_id,
            "name": self.name,
            "planned": self.planned,
            "today": self.today,
            "changed": self.changed,
            "reasons": [r.as_dict() for r in self.reasons],
            "pending": [r.as_dict() for r in self.pending],
        }


@dataclass(frozen=True)
class TodayPlan:
    program_id: str
    drills: tuple[DrillPlan, ...]
    flare: bool | None
    """Whether today is a flare day; ``None`` until the check-in is known."""
    notes: tuple[Reason, ...] = ()
    """About the whole program (e.g. "talk to your physiotherapist")."""
    profile: Profile | None = None
    """The direction profile the plan followed (the program's, else the person's provisional one)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "program_id": self.program_id,
            "flare": self.flare,
            "notes": [n.as_dict() for n in self.notes],
            "drills": [d.as_dict() for d in self.drills],
        }


def plan_today(
    program: Program,
    history: Iterable[Mapping[str, Any]],
    answers: Answers,
    library: Mapping[str, Drill],
    provisional: Profile | None = None,
) -> TodayPlan:
    """Each of ``program``'s drills as planned today, with the reasons.

    ``history`` is the journal's session documents (any order, any
    program: check-ins and follow-ups are about the whole back; doses are
    per program). Demo sessions and sessions with no drill done never count.
    ``provisional`` is the person's own quiz profile: it is followed only by
    a program whose physiotherapist set none (theirs is the better-informed).
    """
    if program.profile is None and provisional is not None:
        program = replace(program, profile=provisional)
    day = day_facts(checked_in(history, answers.now), answers)
    plans = tuple(_plan_drill(program, item.drill, day, library) for item in program.items)
    return TodayPlan(program.id, plans, day.flare, tuple(day.notes), program.profile)


def _plan_drill(program: Program, drill: Drill, day: Day, library: Mapping[str, Drill]) -> DrillPlan:
    base = Level(drill, drill.dosage)
    mine = _records_of(program, drill, day)
    current = _carried_level(program, base, mine, library) if program.adapt else base
    reasons: list[Reason] = []
    pending: list[Reason] = []
    if not current.same_as(base):
        reasons.append(
            Reason(
                "3.level",
                f"the dose your plan reached in earlier sessions ({_short(current)}; the program says {_short(base)})",
            )
        )
    today, level = current, current
    if program.adapt:
        today, level = _dose(program, base, current, mine, day, library, reasons, pending)
    final: Level | None = today
    verdict = judge(today.drill, program.profile, day.answers.leg)
    if not verdict.allowed:
        # A drill beyond a direction limit may swap for an easier one in its chain that is
        # within it (never a harder one); a tensioner is left out (CLINICAL.md 4).
        swap = verdict.rule == "4.direction"
        alt = chain_alternative(today.drill, program.profile, day.answers.leg, library) if swap else None
        if alt is None:
            final = None
            reasons.append(Reason(verdict.rule, f"left out today: {verdict.why}"))
        else:
            # Never more work than today's dose: its counts where the kinds match, else the
            # easier drill's own dose, halved too on a flare day.
            swapped = dose_for_easier(alt, today.drill.with_dosage(today.dose))
            final = Level(alt, swapped.dosage)
            if alt.kind != today.drill.kind and (day.flare or day.recovering):
                final = half_volume(final)
            reasons.append(Reason(verdict.rule, f"{alt.name} instead of {today.drill.name}: {verdict.why}"))
    elif verdict.pending:
        pending.append(Reason(verdict.rule, verdict.why))
    return DrillPlan(
        drill_id=drill.id,
        name=drill.name,
        planned=dose_dict(base),
        today=dose_dict(final) if final is not None else None,
        level=dose_dict(level),
        reasons=tuple(reasons),
        pending=tuple(pending),
        planned_drill=base.drill,
        today_drill=final.drill.with_dosage(final.dose) if final is not None else None,
    )


#: The rules read at most this many of a drill's latest records (3 "too hard" in a row), and the last 7 days'.
_RECORDS_READ = 3


def _records_of(program: Program, drill: Drill, day: Day) -> list[tuple[Past, Mapping[str, Any]]]:
    """The drill's records in this program's sessions, oldest first, as far back as a rule reads:
    the last few, every one of the last 7 days (one step per 7 days), and the last whole record (its level)."""
    week = day.answers.now - timedelta(days=7)
    found: list[tuple[Past, Mapping[str, Any]]] = []
    for past in reversed(day.sessions):
        if past.program_id != program.id:
            continue
        record = past.record_for(drill.id)
        if record is None:
            continue
        found.append((past, record))
        has_level = any(r.get("status") != GATE_ONLY for _, r in found)
        if len(found) >= _RECORDS_READ and past.start < week and has_level:
            break
    found.reverse()
    return found


def _carried_level(
    program: Program, base: Level, mine: list[tuple[Past, Mapping[str, Any]]], library: Mapping[str, Drill]
) -> Level:
    """The level the last record of the drill carried forward, if it may stand.

    It may not when it is above the program's dose in a locked program (the
    physiotherapist's doses are its ceiling), more steps above it than
    ``adapt_max_steps`` allows, or neither on the drill's ladder above it
    nor certainly below it (a dose the program no longer leads to): then
    the program's own dose, the one a physiotherapist wrote, is the safe one.
    """
    records = [r for _, r in mine if r.get("status") != GATE_ONLY]
    current = (recorded_level(records[-1], base, library) if records else None) or base
    if current.same_as(base) or is_below(current, base, library):
        return current
    above = steps_above(current, base, library)
    cap = program.adapt_max_steps
    if above == 0 or program.locked or (cap is not None and above > cap):
        return base
    return current


def _short(level: Level) -> str:
    d = dose_dict(level)
    name = level.drill.name
    if "reps" in d:
        return f"{name} {d['sets']} x {d['reps']}"
    if "hold_seconds" in d:
        return f"{name} {d['sets']} x {d['hold_seconds']} s"
    return f"{name} {d['seconds']} s"


def _dose(
    program: Program,
    base: Level,
    current: Level,
    mine: list[tuple[Past, Mapping[str, Any]]],
    day: Day,
    library: Mapping[str, Drill],
    reasons: list[Reason],
    pending: list[Reason],
) -> tuple[Level, Level]:
    """(today's level, the level carried forward) by the rules of CLINICAL.md 3.

    The step-down rules come first and hold on any day; a flare day (or the
    sessions after one) then does half of that level in its easier version,
    and carries the level, stepped down or not, forward.
    """
    level = _level(program, base, current, mine, day, library, reasons, pending)
    if day.flare or day.recovering:
        easier = _easier(level, program, day, library)
        if day.flare:
            what = "half the usual amount and the easier version" if easier else "half the usual amount"
            reasons.append(Reason("3.flare", f"{what}: your back is much more sensitive today than usual"))
        else:
            reasons.append(
                Reason(
                    "3.flare.return",
                    "still half the amount after the flare-up: your usual dose comes back after 2 sessions "
                    "with your usual check-in pain",
                )
            )
        return half_volume(easier.level if easier else level), level
    if day.recovering is None:
        pending.append(
            Reason(
                "3.flare.return",
                "half the amount and the easier version unless your check-in is back near your usual",
            )
        )
    return level, level


def _easier(level: Level, program: Program, day: Day, library: Mapping[str, Drill]) -> Step | None:
    """The easier version of ``level``, if the direction profile allows it (else none: then a
    flare day halves the allowed drill, and a step down takes a step on its own ladder)."""
    step = easier_step(level, library)
    if step is None or not may_offer(step.level.drill, program.profile, day.answers.leg):
        return None
    return step


def _level(
    program: Program,
    base: Level,
    current: Level,
    mine: list[tuple[Past, Mapping[str, Any]]],
    day: Day,
    library: Mapping[str, Drill],
    reasons: list[Reason],
    pending: list[Reason],
) -> Level:
    """The level by the step-down rules, else the progression rules (never up on or after a flare day)."""
    records = [r for _, r in mine]
    hard_run = 0
    # A pain check where the session then ended is seen through here (nothing was done, so
    # nothing felt too hard or easy); its reading still counts as the drill's latest below.
    for record in reversed([r for r in records if r.get("status") != GATE_ONLY]):
        if record.get("difficulty") != "too_hard":
            break
        hard_run += 1
    if day.worse_by_two or hard_run >= 2:
        why = (
            "your back was worse after last time" if day.worse_by_two else "it felt too hard in your last two sessions"
        )
        step = _easier(current, program, day, library) or step_down(current, base, library)
        if hard_run >= 3:
            day.notes.append(
                Reason(
                    "3.step_down.3",
                    f"{base.drill.name} felt too hard three times in a row: please contact your physiotherapist.",
                )
            )
        if step is None:
            reasons.append(Reason("3.step_down.2", f"same dose, the lowest there is: {why}"))
            return current
        reasons.append(Reason("3.step_down.2", f"{step.words} today: {why}"))
        return step.level
    if records and (hard_run == 1 or records[-1].get("gate_band") in ("red", "stop")):
        why = "it felt too hard last time" if hard_run == 1 else "your pain check before it was high last time"
        step = step_down(current, base, library)
        if step is None:
            reasons.append(Reason("3.step_down.1", f"same dose, the lowest there is: {why}"))
            return current
        reasons.append(Reason("3.step_down.1", f"{step.words}: {why}"))
        return step.level
    if day.answers.followup == "worse" and day.followup_due:
        reasons.append(Reason("3.progression.4", "same dose: your back was worse after last time"))
        return current
    if day.recovering is not False:
        return current  # no step up in the sessions after a flare-up, nor before the check-in says
    return progress(program, base, current, mine, day, library, reasons, pending)


@dataclass(frozen=True)
class Planner:
    """What a session asks the adaptive coach, with the history it started with.

    The history is the journal as it stood before the session (it never
    includes the session itself), so the plan a session follows is the plan
    ``backcoach plan`` would print with the same answers.
    """

    program: Program
    history: tuple[Mapping[str, Any], ...]
    library: Mapping[str, Drill]
    provisional: Profile | None = None

    def today(self, answers: Answers) -> TodayPlan:
        """Today's plan once the check-in is answered."""
        return plan_today(self.program, self.history, answers, self.library, self.provisional)

    def next_time(self, document: Mapping[str, Any], now: datetime) -> TodayPlan:
        """The next session's plan as far as it is known at ``now``, with this
        session's ``document`` counted (a demo's is not): next time's answers
        are not known yet, so a step that depends on them is pending."""
        return plan_today(self.program, (*self.history, document), Answers(now), self.library, self.provisional)
