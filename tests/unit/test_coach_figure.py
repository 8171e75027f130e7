"""The figure's pose at given breath progress: a pure function of the session's state."""

from __future__ import annotations

import pytest

from backcoach.coach.breathing import breath_at
from backcoach.coach.figure import (
    BREATH_CYCLE_SECONDS,
    FRAMES_PER_SECOND,
    breath_step,
    figure_at,
    frame_at,
    pose_at,
)
from backcoach.coach.figure_raster import raster
from backcoach.content.library import default_library
from backcoach.content.poses import default_poses

LIBRARY = default_library()
POSES = default_poses()


def close(a: dict[str, tuple[float, float]], b: dict[str, tuple[float, float]], tol: float = 1e-6) -> bool:
    return all(abs(a[k][0] - b[k][0]) <= tol and abs(a[k][1] - b[k][1]) <= tol for k in a)


def test_the_exhale_moves_from_the_inhale_end_to_the_exhale_end() -> None:
    drill, poses = LIBRARY["cat-camel"], POSES["cat-camel"]
    phases = drill.breathing.phases
    assert phases[0].breath == "exhale" and phases[0].frame == 0
    exhale_seconds = phases[0].seconds
    start = pose_at(poses, phases, breath_at(phases, 0.0, 2), 0.0)
    middle = pose_at(poses, phases, breath_at(phases, exhale_seconds / 2, 2), exhale_seconds / 2)
    end = pose_at(poses, phases, breath_at(phases, exhale_seconds - 1e-9, 2), exhale_seconds)
    assert close(start, poses.placed[1])  # the back sagged: where the inhale left it
    assert close(end, poses.placed[0], tol=1e-3)  # rounded up at the end of the breath out
    assert not close(middle, poses.placed[0], tol=0.05) and not close(middle, poses.placed[1], tol=0.05)
    # Half way the rounding of the back is half done.
    spine = [p["spine"][1] for p in (poses.placed[1], middle, poses.placed[0])]
    assert spine[0] < spine[1] < spine[2]


def test_the_inhale_brings_it_back() -> None:
    drill, poses = LIBRARY["cat-camel"], POSES["cat-camel"]
    phases = drill.breathing.phases
    total = phases[0].seconds + phases[1].seconds
    near_end = pose_at(poses, phases, breath_at(phases, total - 1e-9, 2), total)
    assert close(near_end, poses.placed[1], tol=1e-3)


def test_a_breath_that_stands_still_gives_the_same_figure() -> None:
    """Paused, the view's breath state and elapsed time stop, and so does the figure."""
    drill, poses = LIBRARY["glute-bridge"], POSES["glute-bridge"]
    phases = drill.breathing.phases
    state = breath_at(phases, 1.3, 4)
    assert figure_at(poses, phases, state, 1.3) == figure_at(poses, phases, state, 1.3)


def test_a_rest_between_reps_sets_shows_the_starting_position() -> None:
    drill, poses = LIBRARY["glute-bridge"], POSES["glute-bridge"]
    phases = drill.breathing.phases
    assert close(pose_at(poses, phases, None, 12.0), poses.placed[phases[-1].frame])


def test_a_hold_keeps_its_position_with_a_small_breathing_motion() -> None:
    poses = POSES["front-plank"]
    still = pose_at(poses, (), None, 0.0)
    top = pose_at(poses, (), None, BREATH_CYCLE_SECONDS / 2)
    assert close(still, poses.placed[0])
    moved = max(abs(still[k][1] - top[k][1]) + abs(still[k][0] - top[k][0]) for k in still)
    assert 0.01 < moved < 1.0
    assert close(pose_at(poses, (), None, BREATH_CYCLE_SECONDS), still, tol=1e-6)


@pytest.mark.parametrize("drill_id", ["hip-flexor-stretch", "bird-dog", "donkey-kick"])
def test_the_second_side_is_the_first_mirrored(drill_id: str) -> None:
    drill, poses = LIBRARY[drill_id], POSES[drill_id]
    phases = drill.breathing.phases
    breath = breath_at(phases, 1.0, 2) if phases else None
    first = pose_at(poses, phases, breath, 1.0, side=1)
    second = pose_at(poses, phases, breath, 1.0, side=2)
    assert close(second, {k: (-x, y) for k, (x, y) in first.items()})
    left, right = figure_at(poses, phases, breath, 1.0, 1).box, figure_at(poses, phases, breath, 1.0, 2).box
    assert right == pytest.approx((-left[2], left[1], -left[0], left[3]))


def test_a_timed_drill_strides_through_its_frames() -> None:
    poses = POSES["walking"]
    cycle = poses.cycle_seconds
    assert close(pose_at(poses, (), None, 0.0), poses.placed[0])
    assert close(pose_at(poses, (), None, cycle / len(poses.frames)), poses.placed[1], tol=1e-6)
    assert close(pose_at(poses, (), None, cycle), poses.placed[0], tol=1e-6)


@pytest.mark.parametrize("drill_id", sorted(LIBRARY))
def test_the_box_holds_the_figure_at_every_moment(drill_id: str) -> None:
    drill, poses = LIBRARY[drill_id], POSES[drill_id]
    phases = drill.breathing.phases
    for step in range(40):
        elapsed = step * 0.29
        figure = figure_at(poses, phases, breath_at(phases, elapsed, 3) if phases else None, elapsed, 1 + step % 2)
        x0, y0, x1, y1 = figure.box
        for stroke in figure.strokes:
            for x, y in (stroke.start, stroke.end):
                assert x0 - 0.2 <= x <= x1 + 0.2 and y0 <= y <= y1 + 0.2


def test_the_stepped_frame_is_the_figure_at_the_start_of_its_step() -> None:
    drill, poses = LIBRARY["cat-camel"], POSES["cat-camel"]
    phases = drill.breathing.phases
    step = 1 / FRAMES_PER_SECOND
    at = 7 * step + step * 0.6  # part way into the eighth step of the breath out
    stepped = dict(frame_at(poses, phases, breath_at(phases, at, 2), at).joints)
    start = dict(figure_at(poses, phases, breath_at(phases, 7 * step + 1e-9, 2), 7 * step).joints)
    assert close(stepped, start, tol=1e-6)
    assert not close(stepped, dict(figure_at(poses, phases, breath_at(phases, at, 2), at).joints), tol=1e-3)


def test_a_reps_figure_shows_at_least_ten_frames_a_second_and_no_more_than_its_steps() -> None:
    """Sampled far faster than any screen asks, a phase still yields one distinct frame per step."""
    drill, poses = LIBRARY["cat-camel"], POSES["cat-camel"]
    phases = drill.breathing.phases
    seconds = phases[0].seconds
    samples = [k / 200 for k in range(int(seconds * 200))]
    frames = {id(frame_at(poses, phases, breath_at(phases, t, 2), t)) for t in samples}
    assert len(frames) == round(seconds * FRAMES_PER_SECOND)
    assert FRAMES_PER_SECOND >= 10


def test_the_same_step_of_every_rep_is_the_same_object() -> None:
    """Memoised: the second rep reuses the first rep's frames (and so their rasters)."""
    drill, poses = LIBRARY["cat-camel"], POSES["cat-camel"]
    phases = drill.breathing.phases
    rep = sum(phase.seconds for phase in phases)
    first = frame_at(poses, phases, breath_at(phases, 1.23, 5), 1.23)
    again = frame_at(poses, phases, breath_at(phases, 1.23 + rep, 5), 1.23 + rep)
    assert first is again
    assert raster(first, 40, 20) is raster(again, 40, 20)


@pytest.mark.parametrize("drill_id", ["front-plank", "walking"])
def test_a_hold_or_a_stride_reuses_its_frames_every_cycle(drill_id: str) -> None:
    poses = POSES[drill_id]
    period = BREATH_CYCLE_SECONDS if poses.breath else poses.cycle_seconds
    first = frame_at(poses, (), None, 0.73)
    assert frame_at(poses, (), None, 0.73 + 3 * period) is first
    assert frame_at(poses, (), None, 0.73 + 1 / FRAMES_PER_SECOND) is not first
    assert close(dict(first.joints), pose_at(poses, (), None, 0.7))


def test_the_breath_bar_steps_with_the_figure() -> None:
    phases = LIBRARY["cat-camel"].breathing.phases
    seconds = phases[0].seconds
    steps = round(seconds * FRAMES_PER_SECOND)
    values = [breath_step(breath_at(phases, k / 100, 2)) for k in range(int(seconds * 100))]
    assert values[0] == 0.0
    assert values == sorted(values)
    assert sorted(set(values)) == [k / steps for k in range(steps)]
