"""What installing one program over another changes, in words a person checks.

Before a patient's program is replaced (above all one the physiotherapist
locked) the person replacing it is shown what they are about to change:
drills added, removed and moved, doses changed ("Cat camel: 8 -> 12 reps"),
and the settings that change how a session runs (locked, pain_limit,
days_per_week, adapt...). Pure: two :class:`Program` values in, lines out;
the CLI and the clinic's dialog print the same lines.

Doses are compared as they will be done (the drill's own dose with the
program's overrides applied), so a file that spells out the default and one
that leaves it out are the same program. ``notes`` is private to the
clinician and never appears here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from backcoach.content.describe import duration_text
from backcoach.content.model import Drill, Program, ProgramItem

ChangeKind = Literal["added", "removed", "moved", "dose", "setting"]

#: Shown when two programs do the same drills at the same doses with the same settings.
NO_CHANGES = "No changes to the drills, their doses or the settings."


@dataclass(frozen=True)
class Change:
    """One difference, already in words (``text``); ``kind`` lets a caller group or count them."""

    kind: ChangeKind
    text: str


def _ordinal_keys(items: Sequence[ProgramItem]) -> list[tuple[str, int]]:
    """Each item's drill id with how many times it came before, so a drill
    listed twice is matched first to first and second to second."""
    seen: dict[str, int] = {}
    keys = []
    for item in items:
        count = seen.get(item.drill.id, 0)
        seen[item.drill.id] = count + 1
        keys.append((item.drill.id, count))
    return keys


def _longest_common(a: Sequence[tuple[str, int]], b: Sequence[tuple[str, int]]) -> set[tuple[str, int]]:
    """The keys of the longest common subsequence: the drills that kept their order."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            rows[i][j] = rows[i + 1][j + 1] + 1 if a[i] == b[j] else max(rows[i + 1][j], rows[i][j + 1])
    kept: set[tuple[str, int]] = set()
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif rows[i + 1][j] >= rows[i][j + 1]:
            i += 1
        else:
            j += 1
    return kept


def _tempo(drill: Drill) -> str:
    return "/".join(f"{phase.seconds:g}" for phase in drill.breathing.phases)


def _exhale_on(drill: Drill) -> str:
    return next((phase.movement for phase in drill.breathing.phases if phase.breath == "exhale"), "")


def _seconds(value: object) -> str:
    return duration_text(value) if isinstance(value, int) else str(value)


#: (what is compared, how one value reads, how the change reads) for each dose field.
_DOSE_FIELDS: tuple[tuple[Callable[[Drill], object], Callable[[object], str], str], ...] = (
    (lambda d: d.dosage.reps, str, "{old} -> {new} reps"),
    (lambda d: d.dosage.sets, str, "{old} -> {new} sets"),
    (lambda d: d.dosage.hold_seconds, _seconds, "hold {old} -> {new}"),
    (lambda d: d.dosage.seconds, _seconds, "{old} -> {new}"),
    (lambda d: d.dosage.rest_seconds, _seconds, "rest {old} -> {new}"),
    (_tempo, str, "{old} -> {new} s per breath"),
    (_exhale_on, str, "breathe out on {old} -> on {new}"),
)


def dose_changes(old: Drill, new: Drill) -> list[str]:
    """``["8 -> 12 reps", "rest 30 s -> 45 s"]``: what differs in how the drill is done."""
    changes = []
    for value_of, show, template in _DOSE_FIELDS:
        before, after = value_of(old), value_of(new)
        if before != after:
            changes.append(template.format(old=show(before), new=show(after)))
    return changes


def _yes_no(value: object) -> str:
    return "yes" if value else "no"


def _set_or_not(value: object) -> str:
    return "not set" if value is None or value == "" else str(value)


#: (setting as written in the file, its value, how a value reads).
_SETTINGS: tuple[tuple[str, Callable[[Program], object], Callable[[object], str]], ...] = (
    ("name", lambda p: p.name, lambda v: f'"{v}"'),
    ("locked", lambda p: p.locked, _yes_no),
    ("pain_limit", lambda p: p.pain_limit, _set_or_not),
    ("days_per_week", lambda p: p.days_per_week, _set_or_not),
    ("adapt", lambda p: p.adapt, _yes_no),
    ("adapt_max_steps", lambda p: p.adapt_max_steps, _set_or_not),
    ("profile", lambda p: p.profile, lambda v: "set" if v is not None else "not set"),
    ("clinician", lambda p: p.meta.clinician, _set_or_not),
    ("review_on", lambda p: p.meta.review_on, _set_or_not),
)


def setting_changes(old: Program, new: Program) -> list[str]:
    """``["locked: yes -> no", "pain_limit: 4 -> not set"]``."""
    changes = []
    for name, value_of, show in _SETTINGS:
        before, after = value_of(old), value_of(new)
        if before != after:
            if name == "profile" and before is not None and after is not None:
                changes.append("profile: changed")
            else:
                changes.append(f"{name}: {show(before)} -> {show(after)}")
    return changes


def program_changes(old: Program, new: Program) -> list[Change]:
    """Every difference between the installed program ``old`` and ``new``: settings
    first (the lock above all), then drills removed, added and moved, then doses."""
    changes = [Change("setting", text) for text in setting_changes(old, new)]
    old_keys, new_keys = _ordinal_keys(old.items), _ordinal_keys(new.items)
    old_at = {key: index for index, key in enumerate(old_keys)}
    new_at = {key: index for index, key in enumerate(new_keys)}
    for key, index in old_at.items():
        if key not in new_at:
            changes.append(Change("removed", f"removed: {old.items[index].drill.name} (was drill {index + 1})"))
    for key, index in new_at.items():
        if key not in old_at:
            changes.append(Change("added", f"added: {new.items[index].drill.name} (drill {index + 1})"))
    common_old = [key for key in old_keys if key in new_at]
    common_new = [key for key in new_keys if key in old_at]
    kept = _longest_common(common_old, common_new)
    for key in common_new:
        if key not in kept:
            name = new.items[new_at[key]].drill.name
            changes.append(Change("moved", f"moved: {name}, drill {old_at[key] + 1} -> {new_at[key] + 1}"))
    for key in common_new:
        before, after = old.items[old_at[key]].drill, new.items[new_at[key]].drill
        for text in dose_changes(before, after):
            changes.append(Change("dose", f"{after.name}: {text}"))
    return changes


def diff_lines(old: Program, new: Program) -> list[str]:
    """The changes as lines to print under a heading; one line saying so when there are none."""
    changes = program_changes(old, new)
    return [change.text for change in changes] if changes else [NO_CHANGES]


__all__ = ["NO_CHANGES", "Change", "diff_lines", "dose_changes", "program_changes", "setting_changes"]
