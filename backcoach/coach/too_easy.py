"""What the session summary says about drills rated "too easy" in a program
whose doses do not adapt.

In an adaptive program the coach's own rules answer "too easy" (a step up
once it has felt easy twice, with a good next day: ``coach.adapt``), and the
summary says what changes next time. A locked program (set by a
physiotherapist) or one with ``adapt = false`` never steps up, so the
person is asked to keep the dose and tell their physiotherapist instead.
Never anything after a pain stop: whatever felt easy, the back said
"enough" today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from backcoach.coach.session import Difficulty
from backcoach.content.model import Drill, Program


def too_easy_lines(
    records: Iterable[Mapping[str, Any]],
    program: Program,
    library: Mapping[str, Drill],
    *,
    stopped_for_pain: bool = False,
) -> list[str]:
    """The line about drills that felt too easy, for a program that never steps up ([] otherwise)."""
    if program.adapt and not program.locked:
        return []
    easy = [r for r in records if r.get("difficulty") == Difficulty.TOO_EASY.value]
    if not easy or stopped_for_pain:
        return []

    def name(drill_id: str) -> str:
        drill = library.get(drill_id)
        return drill.name if drill is not None else drill_id

    names = list(dict.fromkeys(name(r.get("replaced_by") or r["drill_id"]) for r in easy))
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if program.locked:
        return [
            f"{listed} felt too easy. Your physiotherapist set the doses in this program, so please "
            "keep to them for now, and tell your physiotherapist it felt easy: they can change the program."
        ]
    return [
        f"{listed} felt too easy. This program keeps its doses as written, so they will not step up: "
        "if it keeps feeling easy, tell your physiotherapist."
    ]
