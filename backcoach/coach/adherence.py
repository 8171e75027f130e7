"""Adherence: the days a program planned against the days it was done.

The one definition used by the History screen's Overview and by the report
(re-exported by :mod:`backcoach.coach.history`), so the two always agree on
the same sessions. Each number is chosen so that it cannot say more than
100 % and does not read as failure to someone who is doing well:

- **The window starts when the program did.** Nobody is behind on a plan
  before they began it: a program first used 9 days ago is measured over
  those 9 days, not over the Overview's 4 weeks or the report's period
  (this is why the Overview once said 33 % and the report 100 % for one
  journal: each counted its own window).
- **Planned days** are the program's days per week times the weeks in that
  window, rounded, and at least 1.
- **Days done** are local days with a completed or ended-early session of
  that program that is not a demo; in any one calendar week at most the
  plan's days count (five days in one week do not make up for a missed
  week), and never more than the planned days.
- **Per program, with the other programs said.** A person who does "Core
  basics" three times and another program nine times has not failed: the
  line says "3 of 12 planned days (25 %); 9 more days with other programs".
  Counting a day done whenever any program was done would hide which plan
  was followed, which is what a physio asks at a follow-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from backcoach.coach.session_list import program_of
from backcoach.coach.streaks import counts_for_streak, session_day, week_start
from backcoach.coach.words import plural

Session = Mapping[str, Any]

#: The History screen's Overview measures the plan over the days ending today (the report prints it too).
OVERVIEW_DAYS = 28


@dataclass(frozen=True)
class Adherence:
    program_id: str
    program_name: str
    days_per_week: int
    planned_days: int
    done_days: int
    #: The window measured: from ``start`` of the period or the program's first session, to the end.
    start: date
    end: date
    #: Days in the window with a session that counts of other programs only.
    other_days: int = 0

    @property
    def percent(self) -> int:
        """0-100: ``done_days`` never exceeds ``planned_days``."""
        return round(100 * self.done_days / self.planned_days) if self.planned_days else 0

    @property
    def others_words(self) -> str:
        """"9 more days with other programs", or "" when there were none."""
        if not self.other_days:
            return ""
        return f"{plural(self.other_days, 'more day')} with other programs"

    @property
    def words(self) -> str:
        text = f"{self.program_name} {self.done_days} of {plural(self.planned_days, 'planned day')} ({self.percent}%)"
        return f"{text}; {self.others_words}" if self.other_days else text


def adherence(
    sessions: Iterable[Session], plans: Mapping[str, int], start: date, end: date
) -> list[Adherence]:
    """Planned days done, per program that sets days per week and was tried
    (a session that is not a demo) between ``start`` and ``end`` inclusive.

    ``sessions`` may be the whole journal: a program's window starts at the
    later of ``start`` and its first session that is not a demo.
    """
    first_use: dict[str, date] = {}
    tried: dict[str, str] = {}
    done: dict[str, set[date]] = defaultdict(set)
    for session in sessions:
        day = session_day(session)
        if day is None or session.get("demo"):
            continue
        program_id, name = program_of(session)
        if day <= end and (program_id not in first_use or day < first_use[program_id]):
            first_use[program_id] = day
        if not start <= day <= end:
            continue
        if plans.get(program_id):
            tried[program_id] = name
        if counts_for_streak(session):
            done[program_id].add(day)
    result = []
    for program_id, name in sorted(tried.items(), key=lambda item: item[1].lower()):
        per_week = int(plans[program_id])
        begin = max(start, first_use[program_id])
        planned = max(1, round(per_week * ((end - begin).days + 1) / 7))
        own = {day for day in done[program_id] if day >= begin}
        others = set().union(*(days for pid, days in done.items() if pid != program_id))
        other_days = len({day for day in others if day >= begin} - own)
        result.append(
            Adherence(
                program_id,
                name,
                per_week,
                planned,
                min(planned, _capped_per_week(own, per_week)),
                begin,
                end,
                other_days,
            )
        )
    return result


def _capped_per_week(days: set[date], per_week: int) -> int:
    """Days done, counting at most ``per_week`` in any calendar week (Monday to Sunday)."""
    weeks: dict[date, int] = defaultdict(int)
    for day in days:
        weeks[week_start(day)] += 1
    return sum(min(count, per_week) for count in weeks.values())

