"""The figure at this moment: the pose that goes with the breath, as lines to draw.

A pure function of the drill's poses and the session's clock-derived state
(the breath state, the segment's elapsed time and side), so the screen can
ask for the figure on any tick, after any stall, and get the right one:
exhale moves towards the exhale phase's frame, inhale back, at the drill's
own tempo. A paused session's breath state and elapsed time stand still,
so the figure stands still with them. Holds keep their one position with a
small breathing motion; the second side of a two-sided drill is the first
drawn mirrored, facing the other way, so the switch is seen at a glance.

The result is renderer-neutral (strokes and discs in pose units, plus the
box every frame of the drill fits in) for the terminal canvas and the SVG.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from backcoach.coach.breathing import BreathState
from backcoach.content.model import Phase
from backcoach.content.pose_model import (
    HEAD_RADIUS,
    SEGMENTS,
    DrillPoses,
    Joints,
    Keyframe,
    Point,
    place,
)

#: One calm breath (in and out) for holds and stretches, which have no paced phases.
BREATH_CYCLE_SECONDS = 5.0
#: Distinct figure frames per second of session time while the figure moves
#: (issue 13: at least 10); :func:`frame_at` steps the motion to them.
FRAMES_PER_SECOND = 10
#: Layers, back to front: the renderers colour each and draw later ones on top.
LAYERS: tuple[str, ...] = ("floor", "prop", "far", "band", "body")


@dataclass(frozen=True)
class Stroke:
    layer: str
    start: Point
    end: Point


@dataclass(frozen=True)
class Disc:
    layer: str
    centre: Point
    radius: float
    filled: bool


@dataclass(frozen=True)
class Figure:
    """What to draw, and the box (x0, y0, x1, y1) to fit it in.

    The box holds every frame of the drill, so the figure keeps its size
    and place while it moves and only the limbs travel.
    """

    strokes: tuple[Stroke, ...]
    discs: tuple[Disc, ...]
    box: tuple[float, float, float, float]
    joints: tuple[tuple[str, Point], ...]


Angles = dict[str, tuple[float, ...]]


def _blend_angle(a: float, b: float, t: float) -> float:
    """The shorter way round from ``a`` to ``b``: 350 to 10 passes through 0, not 180."""
    turn = (b - a + 180.0) % 360.0 - 180.0
    return a + turn * t


def _blend(a: Keyframe, b: Keyframe, t: float) -> tuple[Angles, Point | None]:
    first, second = dict(a.angles), dict(b.angles)
    angles = {
        name: tuple(_blend_angle(x, y, t) for x, y in zip(values, second[name], strict=True))
        for name, values in first.items()
    }
    if a.hip is None or b.hip is None:
        return angles, None if a.hip is None and b.hip is None else (a.hip or b.hip)
    return angles, (a.hip[0] + (b.hip[0] - a.hip[0]) * t, a.hip[1] + (b.hip[1] - a.hip[1]) * t)


def _ease(t: float) -> float:
    """Slow at each end, as a body moves: no jerk at the turn of the breath."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def breath_depth(elapsed: float) -> float:
    """0 at the bottom of a calm out-breath, 1 at the top of the in-breath."""
    return (1.0 - math.cos(2.0 * math.pi * elapsed / BREATH_CYCLE_SECONDS)) / 2.0


def _breathe(poses: DrillPoses, angles: Angles, depth: float) -> Angles:
    changed = dict(angles)
    for name, delta in poses.breath:
        changed[name] = tuple(value + d * depth for value, d in zip(changed[name], delta, strict=True))
    return changed


def pose_at(
    poses: DrillPoses,
    phases: Sequence[Phase],
    breath: BreathState | None,
    elapsed: float,
    side: int = 0,
) -> Joints:
    """Where every joint is now.

    ``breath`` is the reps drill's breath state (None in holds, rests and
    timed drills, where ``elapsed``, the segment's elapsed time, drives the
    breathing motion or the stride); ``side`` 2 mirrors the figure.
    """
    at = None if breath is None else (breath.phase_index, breath.fraction)
    return _pose(poses, tuple(phases), at, elapsed, side)


def _pose(
    poses: DrillPoses, phases: tuple[Phase, ...], at: tuple[int, float] | None, elapsed: float, side: int
) -> Joints:
    """:func:`pose_at` with the breath state as (phase index, fraction of that phase)."""
    frames = poses.frames
    if at is not None and phases and len(frames) > 1:
        index, fraction = at
        previous = phases[(index - 1) % len(phases)].frame
        angles, hip = _blend(frames[previous], frames[phases[index].frame], _ease(fraction))
    elif phases and len(frames) > 1:
        angles, hip = dict(frames[phases[-1].frame].angles), frames[phases[-1].frame].hip
    elif len(frames) > 1 and poses.cycle_seconds > 0:
        position = (elapsed / poses.cycle_seconds * len(frames)) % len(frames)
        index = int(position)
        angles, hip = _blend(frames[index], frames[(index + 1) % len(frames)], _ease(position - index))
    else:
        angles, hip = dict(frames[0].angles), frames[0].hip
    if poses.breath:
        angles = _breathe(poses, angles, breath_depth(elapsed))
    joints = place(angles, hip, poses.anchor, _anchor_x(poses), poses.view)
    return mirrored(joints) if side == 2 else joints


def frame_at(
    poses: DrillPoses, phases: Sequence[Phase], breath: BreathState | None, elapsed: float, side: int = 0
) -> Figure:
    """:func:`figure_at` at the last of :data:`FRAMES_PER_SECOND` steps a second, the same object every time.

    The screen asks for the figure 20 times a second, but a figure drawn
    anew each time cost more CPU than the rest of a drill screen. Stepped,
    a moving figure shows 10 distinct frames a second of session time
    (more at a demo's higher speed), and the frames repeat every rep,
    breath and stride, so each is computed (and rasterised) once.
    """
    phases = tuple(phases)
    at = None
    if breath is not None and phases and len(poses.frames) > 1:
        at = (breath.phase_index, breath_step(breath))
    return _frame(poses, phases, at, _elapsed_step(poses, bool(phases), elapsed), side)


def breath_step(breath: BreathState) -> float:
    """How far through its phase the breath is, at the last of :data:`FRAMES_PER_SECOND` steps a second.

    The figure and the breath bar move on the same steps, so the screen
    repaints them together, 10 times a second, and not at all in between.
    """
    steps = max(1, round(breath.phase.seconds * FRAMES_PER_SECOND))
    return min(int(breath.fraction * steps), steps) / steps


def _elapsed_step(poses: DrillPoses, paced: bool, elapsed: float) -> float:
    """``elapsed`` at its step, folded into one period of the motion it drives (0: it drives none).

    It drives the breathing motion (holds, stretches) and the stride of a
    timed drill without paced phases (walking, crawling); the fold makes
    every breath and stride reuse the same few frames.
    """
    striding = not paced and len(poses.frames) > 1 and poses.cycle_seconds > 0
    periods = [BREATH_CYCLE_SECONDS] if poses.breath else []
    if striding:
        periods.append(poses.cycle_seconds)
    if not periods:
        return 0.0
    step = int(elapsed * FRAMES_PER_SECOND)
    counts = [period * FRAMES_PER_SECOND for period in periods]
    if all(abs(count - round(count)) < 1e-9 for count in counts):
        step %= math.lcm(*(round(count) for count in counts))
    return step / FRAMES_PER_SECOND


@functools.lru_cache(maxsize=1024)
def _frame(
    poses: DrillPoses, phases: tuple[Phase, ...], at: tuple[int, float] | None, elapsed: float, side: int
) -> Figure:
    return figure_of(poses, _pose(poses, phases, at, elapsed, side), side)


def _anchor_x(poses: DrillPoses) -> float:
    return poses.placed[0][poses.anchor][0] if poses.anchor is not None and poses.placed else 0.0


def mirrored(joints: Joints) -> Joints:
    return {name: (-x, y) for name, (x, y) in joints.items()}


def _spot(spot: str | Point, joints: Joints, flip: bool) -> Point:
    if isinstance(spot, str):
        return joints[spot]
    return (-spot[0], spot[1]) if flip else spot


def _props(poses: DrillPoses, joints: Joints, flip: bool) -> tuple[list[Stroke], list[Disc]]:
    strokes: list[Stroke] = []
    discs: list[Disc] = []
    back = 1.0 if flip else -1.0  # behind a figure facing forward
    for prop in poses.props:
        spots = [_spot(spot, joints, flip) for spot in prop.points]
        (x, y) = spots[0]
        if prop.kind == "ball":
            discs.append(Disc("prop", (x, y), prop.size, False))
        elif prop.kind == "band":
            strokes.append(Stroke("band", spots[0], spots[1]))
        elif prop.kind == "dowel":
            (x2, y2) = spots[1]
            length = math.hypot(x2 - x, y2 - y) or 1.0
            ux, uy = (x2 - x) / length, (y2 - y) / length
            start = (x - ux * prop.size, y - uy * prop.size)
            strokes.append(Stroke("prop", start, (x2 + ux * prop.size, y2 + uy * prop.size)))
        elif prop.kind == "wall":
            strokes.append(Stroke("prop", (x, 0.0), (x, prop.size)))
        elif prop.kind == "chair":
            rear = x + 3.8 * back
            strokes += [
                Stroke("prop", (x, y), (rear, y)),
                Stroke("prop", (x, y), (x, 0.0)),
                Stroke("prop", (rear, 0.0), (rear, y + prop.size)),
            ]
        elif prop.kind == "box":
            (x2, y2) = spots[1]
            corners = [(x, y), (x2, y), (x2, y2), (x, y2)]
            strokes += [Stroke("prop", corners[i], corners[(i + 1) % 4]) for i in range(4)]
        elif prop.kind == "bike":
            (cx, cy) = spots[1]
            ahead = -back
            strokes += [
                Stroke("prop", (x - 0.9, y), (x + 0.9, y)),
                Stroke("prop", (x, y), (cx, cy)),
                Stroke("prop", (cx, cy), (cx + 4.5 * ahead, y + 2.5)),
                Stroke("prop", (cx + 4.5 * ahead, y + 2.5), (cx + 5.5 * ahead, y + 2.5)),
                Stroke("prop", (cx - 3.0 * ahead, 0.0), (cx + 5.0 * ahead, 0.0)),
                Stroke("prop", (cx, cy), (cx + 2.0 * ahead, 0.0)),
            ]
            discs.append(Disc("prop", (cx, cy), prop.size, False))
    return strokes, discs


def figure_of(poses: DrillPoses, joints: Joints, side: int = 0) -> Figure:
    """The strokes and discs for ``joints`` (from :func:`pose_at`), the floor and the equipment."""
    flip = side == 2
    strokes, discs = _props(poses, joints, flip)
    box = drill_box(poses, flip)
    strokes.insert(0, Stroke("floor", (box[0], 0.0), (box[2], 0.0)))
    for start, end, _, far in SEGMENTS:
        strokes.append(Stroke("far" if far else "body", joints[start], joints[end]))
    discs.append(Disc("body", joints["head"], HEAD_RADIUS, True))
    order = {layer: index for index, layer in enumerate(LAYERS)}
    strokes.sort(key=lambda stroke: order[stroke.layer])
    return Figure(tuple(strokes), tuple(discs), box, tuple(joints.items()))


def figure_at(
    poses: DrillPoses, phases: Sequence[Phase], breath: BreathState | None, elapsed: float, side: int = 0
) -> Figure:
    """:func:`pose_at` drawn: what the screen shows at this moment."""
    return figure_of(poses, pose_at(poses, phases, breath, elapsed, side), side)


@functools.lru_cache(maxsize=128)
def drill_box(poses: DrillPoses, flip: bool = False) -> tuple[float, float, float, float]:
    """A box that holds every frame (and its breathing and the equipment), with a margin.

    Fitting each frame on its own would make the figure grow and shrink as it moves.
    """
    samples: list[Joints] = []
    count = len(poses.frames)
    for index, frame in enumerate(poses.frames):
        following = poses.frames[(index + 1) % count]
        for t in (0.0, 0.25, 0.5, 0.75):
            angles, hip = _blend(frame, following, t)
            for depth in (0.0, 1.0) if poses.breath else (0.0,):
                samples.append(place(_breathe(poses, angles, depth), hip, poses.anchor, _anchor_x(poses), poses.view))
    xs: list[float] = []
    ys: list[float] = [0.0]
    for joints in samples:
        strokes, discs = _props(poses, joints, False)
        for x, y in joints.values():
            xs.append(x)
            ys.append(y)
        xs += [joints["head"][0] - HEAD_RADIUS, joints["head"][0] + HEAD_RADIUS]
        ys.append(joints["head"][1] + HEAD_RADIUS)
        for stroke in strokes:
            xs += [stroke.start[0], stroke.end[0]]
            ys += [stroke.start[1], stroke.end[1]]
        for disc in discs:
            xs += [disc.centre[0] - disc.radius, disc.centre[0] + disc.radius]
            ys.append(disc.centre[1] + disc.radius)
    margin = 0.8
    x0, x1 = min(xs) - margin, max(xs) + margin
    box = (x0, -margin, x1, max(ys) + margin)
    return (-box[2], box[1], -box[0], box[3]) if flip else box
