"""A drill's positions as data: a side-view stick figure, joint by joint.

A keyframe gives the absolute angle of every body segment (degrees,
counter-clockwise from "forward", the way the figure faces) rather than
joint coordinates. Placing the joints from the angles (:func:`place`) keeps
every limb its one length in every frame and in every in-between frame, and
an in-between is a plain blend of angles; coordinates blended straight
would shrink a limb half way through a swing.

Units: the floor is ``y = 0`` and a standing figure is about 16 units tall.
Nothing here does I/O or imports Textual; :mod:`backcoach.content.poses`
reads and checks the files, :mod:`backcoach.coach.figure` moves the figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: How far the lowest joint sits above the floor when a frame rests on it:
#: half a limb's drawn thickness, so the limb touches the floor line.
CONTACT = 0.35
HEAD_RADIUS = 1.1
#: The one length of each segment, shared by every drill.
LENGTHS: dict[str, float] = {
    "trunk": 2.6,  # hip to the middle of the back
    "chest": 2.6,  # the middle of the back to the shoulder
    "neck": 1.9,  # shoulder to the centre of the head
    "upper_arm": 2.5,
    "forearm": 2.3,  # elbow to hand
    "thigh": 4.3,
    "shin": 4.1,  # knee to ankle
    "foot": 1.3,  # ankle to toe
}
#: The views a pose file may draw: ``side`` (the default) or ``back``, for a
#: drill whose movement is sideways (a fire hydrant's knee lifting out), which
#: a side view would show as nothing. Seen from behind, what points away from
#: the eye looks short: on hands and knees the trunk, the shins lying on the
#: floor and the feet. Each view keeps its lengths in every frame.
VIEW_LENGTHS: dict[str, dict[str, float]] = {
    "side": LENGTHS,
    "back": {**LENGTHS, "trunk": 0.25, "chest": 0.25, "neck": 1.6, "shin": 0.45, "foot": 0.3},
}
#: Every angle a keyframe sets: (name, number of values). ``chest`` bends
#: the upper back from the lower (relative, 0 = one straight back, +
#: counter-clockwise: a back rounded up on hands and knees), so a curl or
#: an arch reads; every other angle is absolute. ``arm`` is
#: (upper arm, forearm), ``leg`` is (thigh, shin, foot); ``arm2``/``leg2``
#: are the far limbs, drawn behind.
ANGLE_FIELDS: dict[str, int] = {"trunk": 1, "chest": 1, "neck": 1, "arm": 2, "arm2": 2, "leg": 3, "leg2": 3}
#: The segments as (from joint, to joint, length name, far limb?), in drawing order.
SEGMENTS: tuple[tuple[str, str, str, bool], ...] = (
    ("shoulder", "elbow2", "upper_arm", True),
    ("elbow2", "hand2", "forearm", True),
    ("hip", "knee2", "thigh", True),
    ("knee2", "ankle2", "shin", True),
    ("ankle2", "toe2", "foot", True),
    ("hip", "knee", "thigh", False),
    ("knee", "ankle", "shin", False),
    ("ankle", "toe", "foot", False),
    ("hip", "spine", "trunk", False),
    ("spine", "shoulder", "chest", False),
    ("shoulder", "head", "neck", False),
    ("shoulder", "elbow", "upper_arm", False),
    ("elbow", "hand", "forearm", False),
)
JOINTS: tuple[str, ...] = (
    "hip", "spine", "shoulder", "head", "elbow", "hand", "elbow2", "hand2",
    "knee", "ankle", "toe", "knee2", "ankle2", "toe2",
)  # fmt: skip
Point = tuple[float, float]
Joints = dict[str, Point]


@dataclass(frozen=True)
class Keyframe:
    """One position: every segment's angle, and where the hip is.

    ``hip`` is None when the frame rests on the floor: the figure is then
    lowered until its lowest joint touches it (a bridge's shoulders, a
    plank's forearms and toes), so no frame floats or sinks.
    """

    angles: tuple[tuple[str, tuple[float, ...]], ...]
    hip: Point | None = None

    def angle(self, name: str) -> tuple[float, ...]:
        return dict(self.angles)[name]


@dataclass(frozen=True)
class Prop:
    """Equipment or a support drawn with the figure.

    ``points`` are joint names (the prop moves with the figure: a ball
    between the knees, a dowel along the back) or fixed ``(x, y)`` places
    (a wall, a chair); ``size`` is a radius, a height or a length, by kind.
    """

    kind: str
    points: tuple[str | Point, ...]
    size: float = 0.0


#: What each prop kind needs: (number of points, needs a size).
PROP_KINDS: dict[str, tuple[int, bool]] = {
    "ball": (1, True),  # a ball centred at the point, radius size
    "band": (2, False),  # an elastic band between two points
    "dowel": (2, True),  # a stick through two points, reaching size beyond each
    "wall": (1, True),  # a wall rising size from the floor at the point's x
    "chair": (1, True),  # a chair whose seat's front edge is the point, back height size
    "box": (2, False),  # a box or step between two opposite corners
    "bike": (2, True),  # a stationary bike: seat and crank centre, crank radius size
}


@dataclass(frozen=True)
class DrillPoses:
    """Every position a drill needs, with its equipment.

    ``frames`` line up with the breathing phases' ``frame`` numbers (a reps
    drill moves towards the phase's frame during that phase). ``breath`` is
    the small change at the top of an in-breath (holds, stretches),
    ``cycle_seconds`` the time one stride takes when a timed drill moves
    through its frames on its own (walking, cycling, crawling), and
    ``anchor`` a joint that stays put while the rest moves (the feet of a
    bridge), None for the hip. Fixed prop places are measured from the
    anchor's place in the first frame (x = 0), or from the hip.
    """

    drill_id: str
    frames: tuple[Keyframe, ...]
    props: tuple[Prop, ...] = ()
    breath: tuple[tuple[str, tuple[float, ...]], ...] = ()
    cycle_seconds: float = 0.0
    anchor: str | None = None
    view: str = "side"
    placed: tuple[Joints, ...] = field(default=(), compare=False)


def _unit(degrees: float) -> Point:
    radians = math.radians(degrees)
    return math.cos(radians), math.sin(radians)


def place(
    angles: dict[str, tuple[float, ...]],
    hip: Point | None,
    anchor: str | None = None,
    anchor_x: float = 0.0,
    view: str = "side",
) -> Joints:
    """Every joint's position from the segment angles, with the view's lengths.

    With ``hip`` None the figure is lowered (or raised) onto the floor; with
    an ``anchor`` it is slid so that joint sits at ``anchor_x``.
    """
    lengths = VIEW_LENGTHS[view]

    def forward(start: str, end: str, length: str, degrees: float) -> None:
        dx, dy = _unit(degrees)
        x, y = joints[start]
        joints[end] = (x + dx * lengths[length], y + dy * lengths[length])

    joints: Joints = {"hip": hip if hip is not None else (0.0, 0.0)}
    forward("hip", "spine", "trunk", angles["trunk"][0])
    forward("spine", "shoulder", "chest", angles["trunk"][0] + angles.get("chest", (0.0,))[0])
    forward("shoulder", "head", "neck", angles["neck"][0])
    for suffix in ("", "2"):
        upper, fore = angles["arm" + suffix]
        forward("shoulder", "elbow" + suffix, "upper_arm", upper)
        forward("elbow" + suffix, "hand" + suffix, "forearm", fore)
        thigh, shin, foot = angles["leg" + suffix]
        forward("hip", "knee" + suffix, "thigh", thigh)
        forward("knee" + suffix, "ankle" + suffix, "shin", shin)
        forward("ankle" + suffix, "toe" + suffix, "foot", foot)
    dx = anchor_x - joints[anchor][0] if anchor is not None else 0.0
    dy = 0.0
    if hip is None:
        lowest = min(min(y for name, (_, y) in joints.items() if name != "head"), joints["head"][1] - HEAD_RADIUS)
        dy = CONTACT - lowest
    return {name: (x + dx, y + dy) for name, (x, y) in joints.items()}


def lowest_point(joints: Joints) -> float:
    """The lowest drawn point: a joint, or the bottom of the head."""
    return min(min(y for _, y in joints.values()), joints["head"][1] - HEAD_RADIUS)


def segment_length(joints: Joints, start: str, end: str) -> float:
    (x1, y1), (x2, y2) = joints[start], joints[end]
    return math.hypot(x2 - x1, y2 - y1)
