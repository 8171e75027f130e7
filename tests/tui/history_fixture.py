"""A fixed, made-up history for the History screen's tests and snapshots.

Ten weeks of sessions before the harness's TODAY (Monday 30 March 2026)
with two programs, check-in pain easing from 6 to 3, a demo, a session
stopped for pain, an interrupted one, one that crosses midnight and one
recorded abroad, plus a few from last summer so the calendar has shape.
Deterministic: no randomness, no clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from conftest import TODAY
from factories import drill_record, session_doc

UK = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-4))

ESSENTIALS = {"id": "back-pain-essentials", "name": "Back pain essentials"}
MORNING = {"id": "gentle-morning", "name": "Gentle morning"}
DRILLS = ("segmental-rolls", "bear-hold", "front-plank", "quadruped-hip-extension", "hip-hinge-dowel", "cat-camel")


def drills(n: int, count: int = 6, minutes: float = 18.0, pain: int = 3) -> list[dict[str, Any]]:
    per = minutes * 60 / count
    out = []
    for j in range(count):
        k = n + j
        drill_id = DRILLS[j % len(DRILLS)]
        status = ("done", "done", "easier", "done", "skipped", "done")[k % 6]
        out.append(
            drill_record(
                drill_id,
                status=status,
                pain=max(0, pain + j % 3 - 1),
                seconds=0.0 if status == "skipped" else round(per + (k % 5) * 7.0, 1),
                replaced_by="knee-plank" if drill_id == "front-plank" and k % 3 == 0 else None,
                difficulty=("about_right", "too_easy", "too_hard")[k % 3],
            )
        )
    return out


def session(
    n: int,
    start: datetime,
    program: dict[str, str] = ESSENTIALS,
    status: str = "completed",
    minutes: float = 18.0,
    checkin: int | None = None,
    final: int | None = None,
    demo: bool = False,
    drill_count: int = 6,
) -> dict[str, Any]:
    return session_doc(
        f"hist-{n:03d}",
        start,
        minutes=minutes + 6,
        program=program,
        status=status,
        demo=demo,
        checkin=checkin,
        final=final,
        drills=drills(n, drill_count, minutes, checkin if checkin is not None else 3) if drill_count else [],
    )


def at(day: date, hour: int = 8, minute: int = 0, tz: timezone = UK) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def fixed_history() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    n = 0
    # Last summer: a few weeks of gentle mornings.
    for offset in range(0, 40, 2):
        day = date(2025, 6, 2) + timedelta(days=offset)
        docs.append(session(n, at(day, 7), MORNING, minutes=4 + offset % 5, checkin=6, final=5))
        n += 1
    # The last ten weeks: essentials on Mon/Wed/Fri-ish, pain easing 6 -> 3.
    first = TODAY - timedelta(weeks=10)
    for week in range(10):
        for weekday in (0, 2, 4) if week != 6 else (0, 3):
            day = first + timedelta(weeks=week, days=weekday)
            if day >= TODAY:
                continue
            pain = 6 - (week * 3) // 9
            docs.append(session(n, at(day, 18), checkin=pain, final=max(0, pain - 1), minutes=12 + week * 2))
            n += 1
    # This week's Saturday/Sunday (before TODAY): a morning program too.
    docs.append(session(n, at(TODAY - timedelta(days=2), 7, 30), MORNING, minutes=6, checkin=3, final=2))
    n += 1
    # Crosses midnight: started 23:50 on the 28th, counts for the 28th.
    docs.append(session(n, at(TODAY - timedelta(days=2), 23, 50), checkin=3, final=3, minutes=20))
    n += 1
    # Abroad: early morning in New York on the 29th.
    docs.append(session(n, at(TODAY - timedelta(days=1), 6, 45, NEW_YORK), MORNING, minutes=5, checkin=3, final=2))
    n += 1
    # Today: a demo (not counted), a pain stop and the real session.
    docs.append(session(n, at(TODAY, 7), status="completed", demo=True, checkin=2, final=2, minutes=2))
    n += 1
    docs.append(session(n, at(TODAY, 8), status="stopped_pain", checkin=3, final=7, minutes=3, drill_count=2))
    n += 1
    docs.append(session(n, at(TODAY, 17), status="ended_early", checkin=3, final=2, minutes=9, drill_count=4))
    n += 1
    docs.append(session(n, at(TODAY - timedelta(days=20), 12), status="interrupted", checkin=4, drill_count=1))
    return docs
