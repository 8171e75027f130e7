"""The breathing schedule is a pure function of elapsed time."""

from __future__ import annotations

import pytest
from factories import FLEX_EXT

from backcoach.coach.breathing import breath_at

# (elapsed seconds, rep, phase index, breath, movement, fraction)
TABLE = [
    (0.0, 1, 0, "exhale", "flexion", 0.0),
    (2.0, 1, 0, "exhale", "flexion", 0.5),
    (3.99, 1, 0, "exhale", "flexion", 0.9975),
    (4.0, 1, 1, "inhale", "extension", 0.0),
    (6.0, 1, 1, "inhale", "extension", 0.5),
    (8.0, 2, 0, "exhale", "flexion", 0.0),
    (13.0, 2, 1, "inhale", "extension", 0.25),
    (23.0, 3, 1, "inhale", "extension", 0.75),
]


@pytest.mark.parametrize("elapsed, rep, index, breath, movement, fraction", TABLE)
def test_exhale_goes_with_flexion_and_inhale_with_extension(
    elapsed: float, rep: int, index: int, breath: str, movement: str, fraction: float
) -> None:
    state = breath_at(FLEX_EXT, elapsed, reps=3)
    assert (state.rep, state.phase_index) == (rep, index)
    assert state.phase.breath == breath
    assert state.phase.movement == movement
    assert state.fraction == pytest.approx(fraction)
    assert not state.finished


def test_the_frame_follows_the_phase() -> None:
    assert breath_at(FLEX_EXT, 1.0, 2).phase.frame == 0
    assert breath_at(FLEX_EXT, 5.0, 2).phase.frame == 1


def test_finished_after_the_last_rep() -> None:
    state = breath_at(FLEX_EXT, 24.0, reps=3)
    assert state.finished and state.reps_completed == 3 and state.rep == 3


def test_reps_completed_counts_whole_reps() -> None:
    assert breath_at(FLEX_EXT, 7.9, 3).reps_completed == 0
    assert breath_at(FLEX_EXT, 8.0, 3).reps_completed == 1
    assert breath_at(FLEX_EXT, 17.0, 3).reps_completed == 2


def test_phase_remaining_counts_down() -> None:
    assert breath_at(FLEX_EXT, 1.0, 1).phase_remaining == pytest.approx(3.0)
    assert breath_at(FLEX_EXT, 6.5, 1).phase_remaining == pytest.approx(1.5)


def test_negative_elapsed_is_the_start() -> None:
    assert breath_at(FLEX_EXT, -5, 2).fraction == 0.0
