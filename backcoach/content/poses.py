"""Reading and checking the pose files (``assets/poses/<drill-id>.toml``).

A pose file names a base position from ``assets/poses/bases.toml`` (lying
on the back, on hands and knees, standing...) and changes only the angles
that make the drill: 48 drills stay a few lines each, and a fix to a base
fixes every drill built on it. Every frame is placed here and checked: a
joint below the floor, a frame a drill's kind does not have, or an unknown
joint is one clear sentence, collected with every other problem in the file.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from backcoach import paths
from backcoach.content.errors import ContentError, Problem
from backcoach.content.model import Drill
from backcoach.content.pose_model import (
    ANGLE_FIELDS,
    JOINTS,
    PROP_KINDS,
    VIEW_LENGTHS,
    DrillPoses,
    Keyframe,
    Point,
    Prop,
    lowest_point,
    place,
)
from backcoach.content.validate import Checker, at, check_keys, nth, show

POSE_KEYS = ("base", "frames", "breath", "props", "cycle_seconds", "anchor", "view")
FRAME_KEYS = ("base", "hip", *ANGLE_FIELDS)
PROP_KEYS = ("kind", "at", "size")
#: A joint may dip this far under the floor line before it counts as below it (rounding).
FLOOR_SLACK = 0.05
Angles = dict[str, tuple[float, ...]]


def _angle_value(ck: Checker, where: str, value: object, count: int) -> tuple[float, ...] | None:
    values = [value] if count == 1 and not isinstance(value, list) else value
    if isinstance(values, list) and len(values) == count and all(_is_number(v) for v in values):
        return tuple(float(v) for v in values)
    what = "an angle in degrees" if count == 1 else f"a list of {count} angles in degrees"
    ck.add(where, f"must be {what}; got {show(value)}")
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _point(ck: Checker, where: str, value: object) -> Point | None:
    if isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value):
        return float(value[0]), float(value[1])
    ck.add(where, f"must be a point [x, y]; got {show(value)}")
    return None


def _angles(ck: Checker, table: Mapping[str, Any], where: str, *, partial: bool) -> Angles:
    found: Angles = {}
    for name, count in ANGLE_FIELDS.items():
        if name in table:
            value = _angle_value(ck, at(where, name), table[name], count)
            if value is not None:
                found[name] = value
        elif not partial and name != "chest":
            ck.add(at(where, name), "required setting is missing")
    return found


def parse_bases(text: str, label: str = "bases.toml") -> dict[str, tuple[Angles, Point | None]]:
    """The named base positions every pose file starts from."""
    from backcoach.content.toml_input import parse_toml

    data = parse_toml(text, label)
    ck = Checker(label)
    bases: dict[str, tuple[Angles, Point | None]] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            ck.add(name, "must be a table of angles")
            continue
        check_keys(ck, table, FRAME_KEYS[1:], name)
        hip = _point(ck, at(name, "hip"), table["hip"]) if "hip" in table else None
        bases[name] = (_angles(ck, table, name, partial=False), hip)
    ck.raise_if_any()
    return bases


def parse_poses(
    text: str, label: str, drill: Drill, bases: Mapping[str, tuple[Angles, Point | None]]
) -> DrillPoses:
    """Build and check ``drill``'s poses from its pose file's text, or raise ContentError."""
    from backcoach.content.toml_input import parse_toml

    data = parse_toml(text, label)
    ck = Checker(label)
    check_keys(ck, data, POSE_KEYS, "")
    base = _base(ck, data.get("base"), "base", bases)
    anchor = data.get("anchor")
    if anchor is not None and anchor not in JOINTS:
        ck.add("anchor", f"must be a joint ({', '.join(JOINTS)}); got {show(anchor)}")
        anchor = None
    view = data.get("view", "side")
    if view not in VIEW_LENGTHS:
        ck.add("view", f"must be one of {', '.join(VIEW_LENGTHS)}; got {show(view)}")
        view = "side"
    frames = _frames(ck, data.get("frames"), base, bases)
    breath_table = data.get("breath", {})
    if not isinstance(breath_table, dict):
        ck.add("breath", "must be a table of angle changes")
        breath_table = {}
    check_keys(ck, breath_table, tuple(ANGLE_FIELDS), "breath")
    breath = _angles(ck, breath_table, "breath", partial=True)
    cycle = data.get("cycle_seconds", 0.0)
    if not isinstance(cycle, int | float) or isinstance(cycle, bool) or not 0 <= cycle <= 10:
        ck.add("cycle_seconds", f"must be a number of seconds from 0 to 10; got {show(cycle)}")
        cycle = 0.0
    props = _props(ck, data.get("props", []))
    _kind_problems(ck, drill, len(frames), bool(breath), float(cycle))
    ck.raise_if_any()
    placed = tuple(place(dict(frame.angles), frame.hip, anchor, view=view) for frame in frames)
    for index, joints in enumerate(placed):
        if lowest_point(joints) < -FLOOR_SLACK:
            low = min(joints, key=lambda name: joints[name][1])
            ck.add(nth("frames", index), f"the {low} is below the floor; raise the hip or change the angles")
    ck.raise_if_any()
    return DrillPoses(
        drill_id=drill.id,
        frames=frames,
        props=props,
        breath=tuple(breath.items()),
        cycle_seconds=float(cycle),
        anchor=anchor,
        view=view,
        placed=placed,
    )


def _base(
    ck: Checker, name: object, where: str, bases: Mapping[str, tuple[Angles, Point | None]]
) -> tuple[Angles, Point | None] | None:
    if name in bases:
        return bases[name]  # type: ignore[index]  # membership checked: a str key
    ck.add(where, f"must name a base position ({', '.join(sorted(bases))}); got {show(name)}")
    return None


def _frames(
    ck: Checker,
    raw: object,
    base: tuple[Angles, Point | None] | None,
    bases: Mapping[str, tuple[Angles, Point | None]],
) -> tuple[Keyframe, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(item, dict) for item in raw):
        ck.add("frames", "must be a list of one or more frames ([[frames]] tables)")
        return ()
    frames: list[Keyframe] = []
    for index, table in enumerate(raw):
        where = nth("frames", index)
        check_keys(ck, table, FRAME_KEYS, where)
        start = _base(ck, table["base"], at(where, "base"), bases) if "base" in table else base
        if start is None:
            continue
        angles = {"chest": (0.0,), **start[0], **_angles(ck, table, where, partial=True)}
        hip = _point(ck, at(where, "hip"), table["hip"]) if "hip" in table else start[1]
        frames.append(Keyframe(tuple(angles.items()), hip))
    return tuple(frames)


def _props(ck: Checker, raw: object) -> tuple[Prop, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        ck.add("props", "must be a list of props ([[props]] tables)")
        return ()
    props: list[Prop] = []
    for index, table in enumerate(raw):
        where = nth("props", index)
        check_keys(ck, table, PROP_KEYS, where)
        kind = table.get("kind")
        if kind not in PROP_KINDS:
            ck.add(at(where, "kind"), f"must be one of {', '.join(PROP_KINDS)}; got {show(kind)}")
            continue
        count, sized = PROP_KINDS[kind]
        spots = table.get("at")
        if not isinstance(spots, list) or len(spots) != count:
            ck.add(at(where, "at"), f"a {kind} needs {count} point(s): joint names or [x, y]")
            continue
        points: list[str | Point] = []
        for spot_index, spot in enumerate(spots):
            if isinstance(spot, str):
                if spot not in JOINTS:
                    ck.add(nth(at(where, "at"), spot_index), f"must be a joint ({', '.join(JOINTS)}); got {show(spot)}")
                points.append(spot)
            else:
                point = _point(ck, nth(at(where, "at"), spot_index), spot)
                points.append(point if point is not None else (0.0, 0.0))
        size = table.get("size", 0.0)
        if sized and (not isinstance(size, int | float) or isinstance(size, bool) or not 0 < size <= 20):
            ck.add(at(where, "size"), f"a {kind} needs a size from 0 to 20; got {show(size)}")
            continue
        props.append(Prop(kind, tuple(points), float(size)))
    return tuple(props)


def _kind_problems(ck: Checker, drill: Drill, frames: int, breath: bool, cycle: float) -> None:
    """Each kind of drill needs its own frames: two ends for reps, one position that breathes for holds."""
    if not frames:
        return
    needed = 1 + max((phase.frame for phase in drill.breathing.phases), default=0)
    if drill.kind == "reps" and frames < max(2, needed):
        ck.add("frames", f"a reps drill needs a frame for each end of the movement ({max(2, needed)}); got {frames}")
    elif drill.kind in ("hold", "per_side") and (frames != 1 or not breath):
        ck.add("frames", f"a {drill.kind} drill needs one frame and a [breath] change; got {frames} frame(s)")
    elif drill.kind == "timed" and frames > 1 and cycle <= 0:
        ck.add("cycle_seconds", "a timed drill that moves through its frames needs cycle_seconds above 0")
    elif drill.kind == "timed" and frames == 1 and not breath:
        ck.add("breath", "a timed drill that stays in one frame needs a [breath] change")


def load_poses(drills: Mapping[str, Drill], directory: Path | None = None) -> dict[str, DrillPoses]:
    """Every drill's poses, checked; one ContentError lists every problem in every file."""
    from backcoach.content.toml_input import read_text

    folder = directory if directory is not None else paths.assets_dir() / "poses"
    problems: list[Problem] = []
    bases = parse_bases(read_text(folder / "bases.toml", "bases.toml"))
    poses: dict[str, DrillPoses] = {}
    for drill_id, drill in drills.items():
        label = f"{drill_id}.toml"
        path = folder / label
        if not path.is_file():
            problems.append(Problem(f"poses/{label}", "", f"missing: every drill needs its poses ({drill.name})"))
            continue
        try:
            poses[drill_id] = parse_poses(read_text(path, label), label, drill, bases)
        except ContentError as exc:
            problems.extend(exc.problems)
    known = set(drills) | {"bases"}
    for path in sorted(folder.glob("*.toml")):
        if path.stem not in known:
            message = "no drill has this id; rename it to a drill's id or remove it"
            problems.append(Problem(f"poses/{path.name}", "", message))
    if problems:
        raise ContentError(problems)
    return poses


_LOADING = threading.Lock()


@functools.cache
def _default_poses() -> dict[str, DrillPoses]:
    from backcoach.content.library import default_library

    return load_poses(default_library())


def default_poses() -> dict[str, DrillPoses]:
    """The shipped library's poses, loaded and checked once per process.

    Reading and checking 49 files takes a noticeable moment, so the app
    loads them on a thread soon after start (:func:`preload_poses`); a
    screen that needs them first waits for that load rather than doing it twice.
    """
    with _LOADING:
        return _default_poses()


def preload_poses() -> None:
    """Load the shipped poses on a daemon thread, off the UI thread (a broken file shows up when used)."""

    def load() -> None:
        try:
            default_poses()
        except ContentError:
            pass  # poses_for reports it as "no figure", once per screen

    threading.Thread(target=load, name="backcoach-poses", daemon=True).start()


@functools.cache
def _usable_poses() -> dict[str, DrillPoses]:
    try:
        return default_poses()
    except ContentError:
        return {}


def poses_for(drill: Drill) -> DrillPoses | None:
    """The drill's poses, or None when there are none (never fatal on screen; a failed load is not retried)."""
    return _usable_poses().get(drill.id)
