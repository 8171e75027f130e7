"""Every drill's poses: loaded, checked, and physically possible.

The pose files are data a physiotherapist may edit, so these tests run over
the whole shipped library, and over small hand-made files to show each
check really rejects what it should.
"""

from __future__ import annotations

import itertools

import pytest

from backcoach.coach.breathing import breath_at
from backcoach.coach.figure import pose_at
from backcoach.content.errors import ContentError
from backcoach.content.library import default_library
from backcoach.content.pose_model import SEGMENTS, VIEW_LENGTHS, lowest_point, segment_length
from backcoach.content.poses import FLOOR_SLACK, default_poses, parse_bases, parse_poses
from backcoach.paths import assets_dir

LIBRARY = default_library()
POSES = default_poses()
BASES = parse_bases((assets_dir() / "poses" / "bases.toml").read_text(encoding="utf-8"))


def moments(drill_id: str) -> list[dict[str, tuple[float, float]]]:
    """The figure at many moments of the drill: keyframes, in-betweens, both sides, breathing."""
    drill, poses = LIBRARY[drill_id], POSES[drill_id]
    phases = drill.breathing.phases
    found = [dict(joints) for joints in poses.placed]
    for elapsed, side in itertools.product([i * 0.37 for i in range(30)], (1, 2)):
        breath = breath_at(phases, elapsed, 3) if phases else None
        found.append(pose_at(poses, phases, breath, elapsed, side))
    return found


def test_every_drill_in_the_library_has_poses() -> None:
    assert set(POSES) == set(LIBRARY)


@pytest.mark.parametrize("drill_id", sorted(LIBRARY))
def test_limb_lengths_stay_the_same_in_every_frame_and_in_between(drill_id: str) -> None:
    lengths = VIEW_LENGTHS[POSES[drill_id].view]
    for joints in moments(drill_id):
        for start, end, length, _ in SEGMENTS:
            assert segment_length(joints, start, end) == pytest.approx(lengths[length], abs=1e-6), (start, end)


@pytest.mark.parametrize("drill_id", sorted(LIBRARY))
def test_nothing_goes_below_the_floor(drill_id: str) -> None:
    for joints in moments(drill_id):
        assert lowest_point(joints) >= -FLOOR_SLACK


@pytest.mark.parametrize("drill_id", sorted(LIBRARY))
def test_every_drill_has_the_frames_its_kind_needs(drill_id: str) -> None:
    drill, poses = LIBRARY[drill_id], POSES[drill_id]
    if drill.kind == "reps":
        assert len(poses.frames) >= 2
        assert {phase.frame for phase in drill.breathing.phases} <= set(range(len(poses.frames)))
        assert poses.placed[0] != poses.placed[1], "the two ends of a rep must differ"
    elif drill.kind in ("hold", "per_side"):
        assert len(poses.frames) == 1
        assert poses.breath, "a hold breathes"
    else:
        assert poses.breath or (len(poses.frames) > 1 and poses.cycle_seconds > 0)


def _drill(kind: str) -> object:
    return next(drill for drill in LIBRARY.values() if drill.kind == kind)


def test_a_frame_below_the_floor_is_refused_with_one_sentence() -> None:
    text = 'base = "standing"\n[[frames]]\nhip = [0, 2]\n[breath]\ntrunk = 1\n'
    with pytest.raises(ContentError) as caught:
        parse_poses(text, "x.toml", _drill("hold"), BASES)  # type: ignore[arg-type]
    assert "below the floor" in str(caught.value)


def test_a_reps_drill_with_one_frame_is_refused() -> None:
    with pytest.raises(ContentError) as caught:
        parse_poses('base = "back"\n[[frames]]\n', "x.toml", _drill("reps"), BASES)  # type: ignore[arg-type]
    assert "a reps drill needs a frame for each end" in str(caught.value)


def test_a_hold_without_breathing_is_refused() -> None:
    with pytest.raises(ContentError) as caught:
        parse_poses('base = "back"\n[[frames]]\n', "x.toml", _drill("hold"), BASES)  # type: ignore[arg-type]
    assert "needs one frame and a [breath] change" in str(caught.value)


def test_unknown_base_joint_and_prop_are_each_named() -> None:
    text = (
        'base = "floating"\nanchor = "tail"\n[[frames]]\nelbow = 3\n'
        '[[props]]\nkind = "trampoline"\nat = ["hip"]\n'
    )
    with pytest.raises(ContentError) as caught:
        parse_poses(text, "x.toml", _drill("hold"), BASES)  # type: ignore[arg-type]
    message = str(caught.value)
    for part in ("base: must name a base position", "anchor: must be a joint", "frames[1].elbow: unknown setting",
                 "props[1].kind: must be one of"):
        assert part in message


def test_a_bad_angle_is_refused() -> None:
    text = 'base = "back"\n[[frames]]\narm = [1]\n[breath]\ntrunk = 1\n'
    with pytest.raises(ContentError) as caught:
        parse_poses(text, "x.toml", _drill("hold"), BASES)  # type: ignore[arg-type]
    assert "frames[1].arm: must be a list of 2 angles" in str(caught.value)


def test_preload_reads_the_poses_on_a_thread_of_its_own() -> None:
    import threading

    from backcoach.content import poses as module

    module._default_poses.cache_clear()
    module.preload_poses()
    loader = next(thread for thread in threading.enumerate() if thread.name == "backcoach-poses")
    loader.join(timeout=60)
    assert module._default_poses.cache_info().currsize == 1
    assert set(module.default_poses()) == set(LIBRARY)


def test_a_drill_without_poses_has_no_figure_rather_than_an_error() -> None:
    import dataclasses

    from backcoach.content.poses import poses_for

    stranger = dataclasses.replace(LIBRARY["bird-dog"], id="not-in-the-library")
    assert poses_for(stranger) is None
    assert poses_for(LIBRARY["bird-dog"]) == POSES["bird-dog"]


def test_a_view_is_side_or_back() -> None:
    text = 'base = "back"\nview = "top"\n[[frames]]\n[breath]\ntrunk = 1\n'
    with pytest.raises(ContentError) as caught:
        parse_poses(text, "x.toml", _drill("hold"), BASES)  # type: ignore[arg-type]
    assert "view: must be one of side, back; got 'top'" in str(caught.value)


def test_the_fire_hydrant_is_seen_from_behind_with_the_knee_out_to_the_side() -> None:
    """A side view showed a knee lifting sideways as nothing: from behind it lifts out, to about hip height."""
    poses = POSES["fire-hydrant"]
    assert poses.view == "back"
    out, down = poses.placed
    hip_x, hip_y = out["hip"]
    assert out["knee"][0] - hip_x > 3.5 and abs(out["knee"][1] - hip_y) < 1.0  # out to the side, level with the hip
    assert abs(down["knee"][0] - hip_x) < 1.0 and down["knee"][1] < 1.0  # down on the mat under the hip
    assert out["head"][1] > out["shoulder"][1] > out["hip"][1] - 0.1  # the head shows above the back


@pytest.mark.parametrize("drill_id", ["walking", "short-walks", "monster-walk"])
def test_a_walk_reads_as_walking_without_colour(drill_id: str) -> None:
    """Each frame of the stride differs from the next in shape, not only in which leg is bright,
    and each arm swings with the opposite leg."""
    from backcoach.coach.figure import figure_of
    from backcoach.coach.figure_raster import as_text

    poses = POSES[drill_id]
    texts = [as_text(figure_of(poses, joints), 27, 18) for joints in poses.placed]
    assert len(texts) == 4
    for index, text in enumerate(texts):
        assert text != texts[(index + 1) % 4]
    for joints in poses.placed:
        if "elbow" not in joints or abs(joints["hand"][0] - joints["hand2"][0]) < 0.3:
            continue  # arms by the sides at the passing moment
        near_leg_ahead = joints["ankle"][0] > joints["ankle2"][0]
        near_arm_ahead = joints["hand"][0] > joints["hand2"][0]
        assert near_leg_ahead != near_arm_ahead
