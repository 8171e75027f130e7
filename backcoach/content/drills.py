"""Reading and checking one drill file (``assets/drills/<id>.toml``).

Drills are data we ship, so the checks are strict: a drill that loads is one
the session engine can run without guessing. Breathing gets the most care
because it is safety content: spinal drills exhale with flexion unless the
file says otherwise on purpose, and holds must cue steady breathing, never
breath holding. Checks that need other drills (``easier``/``harder``) run in
:func:`backcoach.content.library.load_library`.
"""

from __future__ import annotations

import re
from typing import Any

from backcoach.content.model import (
    CATEGORIES,
    DOSAGE_BOUNDS,
    KINDS,
    MOVEMENTS,
    PHASE_FRAMES,
    Breathing,
    Dosage,
    Drill,
    Phase,
    hold_limit_problem,
)
from backcoach.content.tags import check_direction, check_equipment
from backcoach.content.toml_input import parse_toml
from backcoach.content.validate import (
    Checker,
    at,
    check_keys,
    int_message,
    nth,
    show,
    take_choice,
    take_int,
    take_number,
    take_slug,
    take_table,
    take_text,
    take_text_list,
    valid_int,
)

DRILL_KEYS = (
    "id", "name", "category", "kind", "source", "purpose", "cues", "cautions",
    "easier", "harder", "equipment", "dosage", "breathing", "direction",
    "max_hold_seconds",
)  # fmt: skip
#: Dosage keys each kind uses; ``sides`` is optional (default 1).
DOSAGE_KEYS: dict[str, tuple[str, ...]] = {
    "reps": ("reps", "sets", "rest_seconds", "sides"),
    "hold": ("hold_seconds", "sets", "rest_seconds", "sides"),
    "timed": ("seconds",),
    "per_side": ("seconds",),
}
#: (low, high, unit) for every dosage key.
BREATHING_STYLES: dict[str, tuple[str, ...]] = {
    "reps": ("paired",),
    "hold": ("steady",),
    "timed": ("natural", "steady"),
    "per_side": ("natural", "steady"),
}
BREATHING_KEYS = ("style", "cue", "phases", "exhale_on")
PHASE_KEYS = ("movement", "label", "breath", "seconds", "frame")
SPINAL = frozenset({"flexion", "extension"})
LIMB = frozenset({"effort", "return"})

_BREATH_RE = re.compile(r"breath", re.I)
_HOLD_BREATH_RE = re.compile(r"hold(?:ing)?\s+(?:your|the)\s+breath", re.I)
_NEGATION_RE = re.compile(r"\b(?:never|don't|do not|not|no|without|avoid)\b", re.I)


def parse_drill(text: str, file_label: str, expected_id: str | None = None) -> Drill:
    """Build a :class:`Drill` from a drill file's text or raise ContentError.

    ``expected_id`` is the file name without ``.toml``; the id must match it
    so that a drill can always be found by its file name.
    """
    data = parse_toml(text, file_label)
    ck = Checker(file_label)
    drill = _check_drill(ck, data, expected_id)
    ck.raise_if_any()
    assert drill is not None
    return drill


def _check_drill(ck: Checker, data: dict[str, Any], expected_id: str | None) -> Drill | None:
    check_keys(ck, data, DRILL_KEYS, "")
    drill_id = take_slug(ck, data, "id", "")
    if drill_id is not None and expected_id is not None and drill_id != expected_id:
        ck.add("id", f"must match the file name ({show(expected_id)}), got {show(drill_id)}")
    name = take_text(ck, data, "name", "", max_len=60)
    category = take_choice(ck, data, "category", "", CATEGORIES)
    kind = take_choice(ck, data, "kind", "", KINDS)
    source = take_text(ck, data, "source", "", max_len=200)
    purpose = take_text(ck, data, "purpose", "", max_len=400, single_line=False)
    cues = take_text_list(ck, data, "cues", "", min_items=2, max_items=4, max_len=70)
    cautions = take_text_list(ck, data, "cautions", "", min_items=0, max_items=3, max_len=120)
    easier = take_slug(ck, data, "easier", "", required=False)
    harder = take_slug(ck, data, "harder", "", required=False)
    for key, value in (("easier", easier), ("harder", harder)):
        if value is not None and value == drill_id:
            ck.add(key, "must name a different drill")
    dosage = _check_dosage(ck, take_table(ck, data, "dosage", ""), kind)
    max_hold = _check_max_hold(ck, data, kind, name, dosage)
    breathing = _check_breathing(ck, take_table(ck, data, "breathing", ""), kind)
    direction = check_direction(ck, take_table(ck, data, "direction", ""))
    equipment = check_equipment(ck, data)
    if ck.problems:
        return None
    return Drill(
        id=drill_id, name=name, category=category, kind=kind,  # type: ignore[arg-type]  # each take_* returned a checked value: ck has no problems here
        purpose=purpose, cues=cues, cautions=cautions, dosage=dosage,  # type: ignore[arg-type]  # each take_* returned a checked value: ck has no problems here
        breathing=breathing, source=source,  # type: ignore[arg-type]  # each take_* returned a checked value: ck has no problems here
        direction=direction, equipment=equipment,  # type: ignore[arg-type]  # each check_* returned a checked value: ck has no problems here
        easier=easier, harder=harder, max_hold_seconds=max_hold,
    )  # fmt: skip


def _check_max_hold(
    ck: Checker, data: dict[str, Any], kind: str | None, name: str | None, dosage: Dosage | None
) -> int | None:
    """``max_hold_seconds``: only on a hold drill, and the drill's own hold within it."""
    if "max_hold_seconds" not in data:
        return None
    if kind is not None and kind != "hold":
        ck.add("max_hold_seconds", f"only a hold drill has a longest hold; this is a {kind} drill")
        return None
    low, high, unit = DOSAGE_BOUNDS["hold_seconds"]
    limit = take_int(ck, data, "max_hold_seconds", "", low, high, unit=unit)
    if limit is not None and dosage is not None:
        problem = hold_limit_problem(name or "this drill", limit, dosage.hold_seconds)
        if problem:
            ck.add("dosage.hold_seconds", problem)
    return limit


def _check_dosage(ck: Checker, table: dict[str, Any] | None, kind: str | None) -> Dosage | None:
    if table is None:
        return None
    if kind is None:  # the kind's own problem is already reported
        check_keys(ck, table, tuple(DOSAGE_BOUNDS), "dosage")
        return None
    allowed = DOSAGE_KEYS[kind]
    values: dict[str, int] = {}
    for key in table:
        if key in DOSAGE_BOUNDS and key not in allowed:
            ck.add(
                at("dosage", key),
                f"a {kind} drill does not use {key}; use {', '.join(allowed)}",
            )
        elif key not in allowed:
            check_keys(ck, {key: None}, allowed, "dosage")
    for key in allowed:
        low, high, unit = DOSAGE_BOUNDS[key]
        value = take_int(ck, table, key, "dosage", low, high, unit=unit, required=key != "sides")
        if value is not None:
            values[key] = value
    if any(key not in values for key in allowed if key != "sides"):
        return None
    return Dosage(**values)


def _check_breathing(
    ck: Checker, table: dict[str, Any] | None, kind: str | None
) -> Breathing | None:
    if table is None:
        return None
    check_keys(ck, table, BREATHING_KEYS, "breathing")
    styles = BREATHING_STYLES[kind] if kind else ("paired", "steady", "natural")
    style = take_choice(ck, table, "style", "breathing", styles)
    cue = take_text(ck, table, "cue", "breathing", max_len=200)
    if style == "steady" and cue is not None:
        if not _BREATH_RE.search(cue) or (
            _HOLD_BREATH_RE.search(cue) and not _NEGATION_RE.search(cue)
        ):
            ck.add(
                "breathing.cue",
                "a hold must cue steady breathing with a brace "
                "(mention the breath; never tell people to hold it)",
            )
    exhale_on = take_choice(
        ck, table, "exhale_on", "breathing", ("flexion", "extension"), required=False
    )
    if style != "paired":
        if table.get("phases") not in (None, []):
            ck.add("breathing.phases", f"only paired breathing has phases, not {style}")
        if "exhale_on" in table:
            ck.add("breathing.exhale_on", "only applies to paired flexion/extension breathing")
        return None if style is None or cue is None else Breathing(style, cue)  # type: ignore[arg-type]  # each take_* returned a checked value: ck has no problems here
    phases = _check_phases(ck, table, exhale_on, PHASE_FRAMES)
    if phases is None or cue is None:
        return None
    return Breathing("paired", cue, phases)


def _check_phases(
    ck: Checker, table: dict[str, Any], exhale_on: str | None, frame_count: int
) -> tuple[Phase, ...] | None:
    raw = table.get("phases")
    if not isinstance(raw, list) or len(raw) != 2 or not all(isinstance(p, dict) for p in raw):
        ck.add("breathing.phases", "paired breathing needs exactly 2 [[breathing.phases]]")
        return None
    phases: list[Phase] = []
    for index, entry in enumerate(raw):
        where = nth("breathing.phases", index)
        before = ck.count
        check_keys(ck, entry, PHASE_KEYS, where)
        movement = take_choice(ck, entry, "movement", where, MOVEMENTS)
        label = take_text(ck, entry, "label", where, max_len=24)
        breath = take_choice(ck, entry, "breath", where, ("exhale", "inhale"))
        seconds = take_number(ck, entry, "seconds", where, 1, 10, unit="seconds")
        frame = entry.get("frame")
        if "frame" not in entry:
            ck.add(at(where, "frame"), "required setting is missing")
        elif not valid_int(frame, 0, frame_count - 1):
            ck.add(
                at(where, "frame"),
                int_message(0, frame_count - 1) + " (the pose keyframe it moves towards, in poses/<drill id>.toml)",
            )
        if ck.count == before:
            phases.append(Phase(movement, label, breath, seconds, frame))  # type: ignore[arg-type]  # each take_* returned a checked value: ck has no problems here
    if len(phases) != 2:
        return None
    breaths = {phase.breath for phase in phases}
    movements = {phase.movement for phase in phases}
    exhale = next((phase for phase in phases if phase.breath == "exhale"), None)
    if breaths != {"exhale", "inhale"}:
        ck.add("breathing.phases", "need one exhale phase and one inhale phase")
    elif movements == SPINAL:
        wanted = exhale_on or "flexion"
        if exhale is not None and exhale.movement != wanted:
            ck.add(
                "breathing.phases",
                f"the exhale goes with {wanted}"
                + (
                    ' (set exhale_on = "extension" in [breathing] only if this drill'
                    " deliberately pairs them the other way)"
                    if wanted == "flexion"
                    else ""
                ),
            )
    elif movements == LIMB:
        if exhale_on is not None:
            ck.add("breathing.exhale_on", "only applies to flexion/extension drills")
        if exhale is not None and exhale.movement != "effort":
            ck.add("breathing.phases", "the exhale goes with the effort")
    else:
        ck.add(
            "breathing.phases",
            "movements must be flexion and extension (spine) or effort and return",
        )
    return tuple(phases)
