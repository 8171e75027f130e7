"""The doses, cues and wording a physiotherapist asked for (CLINICAL.md
section 6), checked in the shipped drill files."""

from __future__ import annotations

import pytest

from backcoach.content.library import Library, default_library
from backcoach.content.model import Drill


@pytest.fixture(scope="module")
def shipped() -> Library:
    default_library.cache_clear()
    return default_library()


def _words(drill: Drill) -> str:
    return " ".join((drill.purpose, *drill.cues, *drill.cautions, drill.breathing.cue)).casefold()


def test_pain_rules_are_the_pain_checks_own(shipped: Library) -> None:
    """No vague "stop if pain rises": a rise means 2 or more, as the pain check counts it."""
    for drill in shipped.values():
        for caution in drill.cautions:
            text = caution.casefold()
            assert "keeps rising" not in text and "keeps building" not in text, drill.id
            if "pain rises" in text:
                assert "pain rises by 2 or more" in text, (drill.id, caution)


def test_cause_and_effect_claims_are_softened(shipped: Library) -> None:
    for drill in shipped.values():
        text = _words(drill)
        assert "weak core" not in text, drill.id
        assert "no longer have to do the glutes' job" not in text, drill.id
        assert "which can settle" not in text, drill.id


def test_bird_dog_is_repeated_short_holds_at_reach(shipped: Library) -> None:
    bird = shipped["bird-dog"]
    assert bird.kind == "hold" and bird.dosage.sides == 2
    assert 5 <= bird.dosage.hold_seconds <= 10 and bird.dosage.sets >= 3
    assert "5 to 10" in _words(bird)


def test_band_hinge_is_anchored_behind_and_for_long_standing_pain(shipped: Library) -> None:
    band = shipped["band-hip-hinge"]
    assert "anchored behind" in _words(band)
    assert "long-standing" in band.purpose.casefold()
    assert any("not during a flare" in caution for caution in band.cautions)
    assert any("wear" in caution for caution in band.cautions)


def test_hamstring_stretches_keep_the_ankle_relaxed(shipped: Library) -> None:
    for drill_id in ("hamstring-stretch", "bent-knee-hamstring-stretch"):
        assert "ankle relaxed" in _words(shipped[drill_id]), drill_id


def test_knees_to_chest_stays_mid_range_after_waking(shipped: Library) -> None:
    assert "first hour after waking" in _words(shipped["knees-to-chest"])


def test_prone_extension_is_not_a_superman_and_says_who_lifts(shipped: Library) -> None:
    prone = _words(shipped["prone-lumbar-extension"])
    assert "not a superman" in prone and "the arms do not push" in prone
    assert "arms hold you up" in _words(shipped["prone-on-elbows"])


def test_walking_offers_the_forward_lean(shipped: Library) -> None:
    for drill_id in ("walking", "short-walks"):
        assert "lean forward" in _words(shipped[drill_id]) or "forward lean" in _words(shipped[drill_id]), drill_id
