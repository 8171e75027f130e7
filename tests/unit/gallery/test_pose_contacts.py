"""What bears weight touches what it rests on, in every keyframe: a review at
120x40 found forearms and hands drawn floating above the mat (planks, the bear
hold and crawl), a knee stopping short of the wall it drives to, a hand
hanging short of the chair it holds, a curl-up's long leg drawn under the
trunk, a side-lying hip "lowered" higher than lifted. Lengths and "nothing
below the floor" (``tests/unit/test_poses.py``) cannot catch a limb that
stops short."""

from __future__ import annotations

import math

import pytest

from backcoach.coach.figure import figure_of
from backcoach.content.pose_model import CONTACT, Point
from backcoach.content.poses import default_poses

POSES = default_poses()
#: Resting on the floor: the joint's centre sits CONTACT above it, give or take this.
ON_FLOOR = 0.12
#: Touching a prop: the joint's centre within about one limb's thickness of its line.
ON_PROP = 0.6
#: Joints that rest on the floor in every keyframe of the drill.
FLOOR_CONTACTS: dict[str, tuple[str, ...]] = {
    "front-plank": ("elbow", "hand", "elbow2", "hand2", "toe", "toe2"),
    "knee-plank": ("elbow", "hand", "elbow2", "hand2", "knee", "knee2"),
    "side-plank": ("elbow2", "hand2", "toe", "toe2"),
    "knee-side-plank": ("elbow2", "hand2", "knee", "knee2"),
    "bear-hold": ("hand", "hand2", "toe", "toe2"),
    "bear-crawl": ("hand", "hand2", "toe", "toe2"),
    "hands-knees-brace": ("hand", "hand2", "knee", "knee2"),
    "side-lying-hip-lift": ("elbow2", "hand2", "knee", "knee2"),
    "mcgill-curl-up": ("hand", "hand2", "toe2", "ankle"),  # hands under the low back, the long leg on the mat
}
#: (drill, keyframe index, joint) that touches the drill's prop: the wall, the chair's back.
PROP_CONTACTS: tuple[tuple[str, int, str], ...] = (
    ("knee-to-wall", 0, "knee"),
    ("knee-to-wall", 0, "hand"),
    ("knee-to-wall", 1, "hand"),
    ("standing-hip-flexor-stretch", 0, "hand"),
)


def _to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length2))
    return math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)))


@pytest.mark.parametrize("drill_id", sorted(FLOOR_CONTACTS))
def test_what_bears_weight_rests_on_the_floor(drill_id: str) -> None:
    for index, joints in enumerate(POSES[drill_id].placed):
        for name in FLOOR_CONTACTS[drill_id]:
            assert abs(joints[name][1] - CONTACT) <= ON_FLOOR, f"{drill_id} frame {index + 1}: {name} off the floor"


@pytest.mark.parametrize("drill_id", ["bear-hold", "bear-crawl"])
def test_the_bear_s_knees_hover(drill_id: str) -> None:
    """Hovering knees are what tell the bear hold from the hands-and-knees brace."""
    for joints in POSES[drill_id].placed:
        assert min(joints["knee"][1], joints["knee2"][1]) > CONTACT + 0.5


def test_the_bear_crawl_changes_shape_through_its_stride() -> None:
    """Two mirrored strides alone draw one outline twice; the limbs pass under the body between them."""
    placed = POSES["bear-crawl"].placed
    outlines = [frozenset((round(x, 1), round(y, 1)) for x, y in joints.values()) for joints in placed]
    assert all(outlines[i] != outlines[(i + 1) % len(outlines)] for i in range(len(outlines)))


@pytest.mark.parametrize(("drill_id", "index", "joint"), PROP_CONTACTS)
def test_a_hand_or_knee_on_a_support_touches_it(drill_id: str, index: int, joint: str) -> None:
    poses = POSES[drill_id]
    joints = poses.placed[index]
    props = [s for s in figure_of(poses, joints).strokes if s.layer == "prop"]
    assert props, f"{drill_id} draws no prop"
    nearest = min(_to_segment(joints[joint], s.start, s.end) for s in props)
    assert nearest <= ON_PROP, f"{drill_id} frame {index + 1}: the {joint} is {nearest:.2f} from the support"
