"""``backcoach plan``: today's plan for a program, without starting anything.

Reads the journal the way ``history export`` does (``store.snapshot``: no
lock, nothing written), so it works while the app runs, and asks the pure
coach (``coach.adapt``) for the plan. Answers not given are not known yet:
a step that depends on one is printed as pending, never guessed. A program
with no ``[profile]`` of its own follows the person's symptom quiz (the
settings), and the output says the profile is provisional.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from backcoach import paths
from backcoach.coach.adapt import DrillPlan, TodayPlan, plan_today
from backcoach.coach.adapt_day import FOLLOWUPS, Answers
from backcoach.coach.symptom_quiz import direction_words, stored_profile
from backcoach.content.describe import dose_text
from backcoach.content.model import LEG_REACH, Profile


def _now() -> datetime:
    """The local time, with its offset (a function so tests can fix it)."""
    return datetime.now().astimezone()


def checkin_score(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is not a pain score from 0 to 10")
    return value


def add_plan_command(sub: Any, command: Any) -> None:
    """Register ``plan`` on the top-level subparsers (``command`` adds the global options)."""
    plan = command(
        sub,
        "plan",
        help="today's plan for PROGRAM (an id or a .toml file): every dose and why it changed",
        description=(
            "Print today's plan for PROGRAM without starting a session: each drill's dose in the "
            "program, today's dose or replacement, and the reasons. Answers not given are treated "
            "as not known yet, and a step that depends on one is shown as pending."
        ),
    )
    plan.add_argument("program", metavar="PROGRAM")
    plan.add_argument("--checkin", type=checkin_score, metavar="N", help="today's check-in pain score, 0-10")
    plan.add_argument(
        "--followup", choices=FOLLOWUPS, help="since the last session, is your back better, the same or worse"
    )
    plan.add_argument("--leg", choices=LEG_REACH, help="where leg pain reaches today")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON (one object per drill)")
    plan.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    from backcoach.cli import CliError
    from backcoach.content.library import default_library
    from backcoach.content.programs import find_program
    from backcoach.store.settings import Settings
    from backcoach.store.snapshot import read_snapshot

    library = default_library()
    program = find_program(args.program, library)
    snapshot = read_snapshot(paths.journal_path())
    if snapshot.problem is not None:
        raise CliError(
            f"the journal at {snapshot.journal_path} cannot be read ({snapshot.problem}), so there is no plan"
        )
    answers = Answers(_now(), checkin=args.checkin, followup=args.followup, leg=args.leg)
    provisional = stored_profile(Settings.load().profile)
    plan = plan_today(program, snapshot.sessions, answers, library, provisional=provisional)
    if args.json:
        print(json.dumps({**plan.as_dict(), "profile": profile_dict(plan.profile)}, indent=2, ensure_ascii=False))
    else:
        print(plan_text(program.name, plan))
    sys.stdout.flush()
    return 0


def profile_dict(profile: Profile | None) -> dict[str, Any] | None:
    """The profile the plan followed, as ``--json`` prints it (``provisional``: from the quiz)."""
    if profile is None:
        return None
    return {
        "eases": profile.eases,
        "limits": dict(profile.limits),
        "leg": profile.leg,
        "provisional": profile.provisional,
    }


def direction_line(profile: Profile) -> str:
    """Whose direction profile the plan followed, and what it says."""
    if profile.provisional:
        whose = "provisional, from your symptom quiz; a physiotherapist's profile replaces it"
    else:
        whose = "this program's profile"
    return f"Direction ({whose}): {direction_words(profile)}."


def _dose(plan: DrillPlan) -> str:
    if plan.today_drill is None:
        return "left out today"
    if plan.planned_drill is not None and plan.today_drill.id != plan.planned_drill.id:
        return f"{plan.today_drill.name}, {dose_text(plan.today_drill)}"
    return dose_text(plan.today_drill)


def plan_text(name: str, plan: TodayPlan) -> str:
    """The plan as a person reads it: one block per drill, reasons indented under it."""
    lines = [f"Today's plan for {name}"]
    if plan.profile is not None:
        lines.append(direction_line(plan.profile))
    if plan.flare and any(r.rule == "3.flare" for d in plan.drills for r in d.reasons):
        lines.append("Flare day: half the usual amount, the easier versions, nothing harder.")
    elif plan.flare:  # adapt = false: the day is a flare-up, but the doses stay as written
        lines.append(
            "Flare day: this program keeps its doses as written; go gently, and take the easier "
            "version or skip a drill at its pain check if you need to."
        )
    for note in plan.notes:
        lines.append(f"{note.text} [{note.rule}]")
    for number, drill in enumerate(plan.drills, start=1):
        planned = dose_text(drill.planned_drill) if drill.planned_drill is not None else ""
        lines.append("")
        lines.append(f"{number:>2}. {drill.name}: {planned}")
        if drill.changed:
            lines.append(f"    today: {_dose(drill)}")
        else:
            lines.append("    today: as planned")
        for reason in drill.reasons:
            lines.append(f"    - {reason.text} [{reason.rule}]")
        for waiting in drill.pending:
            lines.append(f"    - pending: {waiting.text} [{waiting.rule}]")
    return "\n".join(lines)
