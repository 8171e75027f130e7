"""The real-audio checker itself: it finds what was played, in order, and
nothing that was not (recordings made here from the cue files)."""

from __future__ import annotations

from array import array

import pytest

from backcoach.sound import sounds_dir
from tests.audio_match import features, find_in_order, pcm_from_raw, pcm_from_wav, sample_onset

RATE = 22050


def cue(name: str) -> array[int]:
    samples, rate = pcm_from_wav(sounds_dir() / f"{name}.wav")
    assert rate == RATE
    return samples


def recording(*parts: str | float, gain: float = 1.0) -> array[int]:
    """Cue names and silences (seconds) one after another, at ``gain``."""
    out = array("h")
    for part in parts:
        if isinstance(part, str):
            out.extend(int(s * gain) for s in cue(part))
        else:
            out.extend([0] * int(part * RATE))
    return out


def expected(*names: str):
    return [(name, features(cue(name), RATE)) for name in names]


def test_every_cue_played_is_found_in_order_at_its_time() -> None:
    names = ("tick", "exhale", "inhale", "hold_start", "tick", "hold_end", "switch_sides", "session_complete")
    parts: list[str | float] = [0.5]
    for name in names:
        parts += [name, 0.4]
    matches, problem = find_in_order(features(recording(*parts), RATE), expected(*names))
    assert problem is None
    assert [m.name for m in matches] == list(names)
    starts = []
    at = 0.5
    for name in names:
        starts.append(at)
        at += len(cue(name)) / RATE + 0.4
    assert [m.at for m in matches] == pytest.approx(starts, abs=0.02)


def test_a_quiet_playback_is_still_found() -> None:
    matches, problem = find_in_order(features(recording(0.2, "exhale", 0.2, gain=0.2), RATE), expected("exhale"))
    assert problem is None and len(matches) == 1


@pytest.mark.parametrize(
    ("played", "wanted", "missing"),
    [
        (("inhale",), ("exhale",), "exhale (#1) was not heard"),  # the mirror image is not the same cue
        (("exhale",), ("inhale",), "inhale (#1) was not heard"),
        (("inhale", "exhale"), ("exhale", "inhale"), "inhale (#2) was not heard after exhale"),  # out of order
        ((), ("tick",), "tick (#1) was not heard"),  # silence
        (("hold_end",), ("tick",), "tick (#1) was not heard"),
        (("tick", "tick"), ("tick", "tick", "tick"), "tick (#3) was not heard after tick"),
    ],
)
def test_what_was_not_played_is_not_heard(played, wanted, missing) -> None:
    parts: list[str | float] = [0.3]
    for name in played:
        parts += [name, 0.3]
    _matches, problem = find_in_order(features(recording(*parts), RATE), expected(*wanted))
    assert problem is not None and problem.startswith(missing), problem


def test_a_too_quiet_cue_is_not_audible() -> None:
    _matches, problem = find_in_order(features(recording(0.2, "exhale", gain=0.02), RATE), expected("exhale"))
    assert problem is not None


def test_sample_onset_and_raw_pcm() -> None:
    pcm = recording(0.25, "tick")
    assert sample_onset(pcm, RATE) == pytest.approx(0.25, abs=0.01)
    assert sample_onset(array("h", [0] * 100), RATE) is None
    assert list(pcm_from_raw(array("h", [1, -2, 3]).tobytes() + b"\x00")) == [1, -2, 3]
