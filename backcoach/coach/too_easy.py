"""What the session summary says about drills rated "too easy".

Pure words from the session's drill records and the library, so the rule
(never more after a pain stop; never more in a locked program, ask the
physio instead; an unlocked one may name the next step up, gently) is
tested without a screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from backcoach.coach.session import Difficulty
from backcoach.content.model import Drill


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
