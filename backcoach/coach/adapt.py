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
from datetime import datetime
from typing import Any

from backcoach.coach.adapt_day import Answers, Day, Reason, day_facts
from backcoach.coach.adapt_history import Past, counted, recorded_level
from backcoach.coach.direction import chain_alternative, judge
from backcoach.coach.ladder import Level, easier_step, half_volume, step_down, steps_above
from backcoach.coach.plan import planned_dose
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
    day = day_facts(counted(history, answers.now), answers)
    plans = tuple(_plan_drill(program, item.drill, day, library) for item in program.items)
    return TodayPlan(program.id, plans, day.flare, tuple(day.notes), program.profile)


def _plan_drill(program: Program, drill: Drill, day: Day, library: Mapping[str, Drill]) -> DrillPlan:
    base = Level(drill, drill.dosage)
    mine = [
        (p, r) for p in day.sessions if p.program_id == program.id for r in [p.record_for(drill.id)] if r is not None
    ]
    current = base
    if mine and program.adapt:
        current = recorded_level(mine[-1][1], library) or base
        if program.locked and steps_above(current, base, library) > 0:
            current = base  # a physiotherapist's doses are the ceiling of a locked program
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
        # A drill beyond a direction limit may swap within its chain; a tensioner is left out (CLINICAL.md 4).
        swap = verdict.rule == "4.direction"
        alt = chain_alternative(today.drill, program.profile, day.answers.leg, library) if swap else None
        if alt is None:
            final = None
            reasons.append(Reason(verdict.rule, f"left out today: {verdict.why}"))
        else:
            dose = alt.dosage
            if alt.kind == today.drill.kind:
                dose = replace(today.dose, sides=alt.dosage.sides)
            final = Level(alt, dose)
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
    """(today's level, the level carried forward) by the rules of CLINICAL.md 3."""
    if day.flare:
        easier = easier_step(current, library)
        reasons.append(
            Reason(
                "3.flare",
                "half the usual amount and the easier version: your back is much more sensitive today than usual",
            )
        )
        return half_volume(easier.level if easier else current), current
    if day.recovering:
        easier = easier_step(current, library)
        reasons.append(
            Reason(
                "3.flare.return",
                "still half the amount after the flare-up: your usual dose comes back after 2 sessions "
                "with your usual check-in pain",
            )
        )
        return half_volume(easier.level if easier else current), current
    if day.recovering is None:
        pending.append(
            Reason(
                "3.flare.return",
                "half the amount and the easier version unless your check-in is back near your usual",
            )
        )
        return current, current
    records = [r for _, r in mine]
    hard_run = 0
    for record in reversed(records):
        if record.get("difficulty") != "too_hard":
            break
        hard_run += 1
    if day.worse_by_two or hard_run >= 2:
        why = (
            "your back was worse after last time" if day.worse_by_two else "it felt too hard in your last two sessions"
        )
        step = easier_step(current, library) or step_down(current, base, library)
        if hard_run >= 3:
            day.notes.append(
                Reason(
                    "3.step_down.3",
                    f"{base.drill.name} felt too hard three times in a row: please contact your physiotherapist.",
                )
            )
        if step is None:
            reasons.append(Reason("3.step_down.2", f"same dose, the lowest there is: {why}"))
            return current, current
        reasons.append(Reason("3.step_down.2", f"{step.words} today: {why}"))
        return step.level, step.level
    if records and (hard_run == 1 or records[-1].get("gate_band") in ("red", "stop")):
        why = "it felt too hard last time" if hard_run == 1 else "your pain check before it was high last time"
        step = step_down(current, base, library)
        if step is None:
            reasons.append(Reason("3.step_down.1", f"same dose, the lowest there is: {why}"))
            return current, current
        reasons.append(Reason("3.step_down.1", f"{step.words}: {why}"))
        return step.level, step.level
    if day.answers.followup == "worse" and day.followup_due:
        reasons.append(Reason("3.progression.4", "same dose: your back was worse after last time"))
        return current, current
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
