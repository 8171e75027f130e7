"""Progressions: every chain in the shipped library is one order, and the
loader refuses links that disagree or loop (CLINICAL.md section 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backcoach.content.errors import ContentError
from backcoach.content.library import Library, default_library, load_library

FIXTURE_DRILLS = Path(__file__).parent / "fixtures" / "content" / "drills"

#: The easier versions CLINICAL.md section 6 asks for (drill -> its easier).
CLINICAL_REGRESSIONS = {
    "bear-hold": "hands-knees-brace",
    "dead-bug": "heel-taps",
    "glute-bridge": "small-bridge",
    "hip-hinge-dowel": "wall-hinge",
    "knee-plank": "incline-plank",
    "fire-hydrant": "side-lying-clam",
    "knee-side-plank": "side-lying-hip-lift",
    "prone-lumbar-extension": "prone-on-elbows",
    "hamstring-stretch": "bent-knee-hamstring-stretch",
    "hip-flexor-stretch": "standing-hip-flexor-stretch",
    "sciatic-nerve-floss": "ankle-pumps",
    "knee-to-wall": "supported-ankle-rock",
    "walking": "short-walks",
    "half-kneeling-glute": "lying-glute-squeeze",
}


@pytest.fixture(scope="module")
def shipped() -> Library:
    default_library.cache_clear()
    return default_library()


def test_every_chain_is_one_order(shipped: Library) -> None:
    """Walk every chain from its easiest drill: no cycles, links agree both
    ways, every id exists, and every drill lies on exactly one chain."""
    on_a_chain: dict[str, str] = {}
    bottoms = [drill for drill in shipped.values() if drill.easier is None]
    for bottom in bottoms:
        current = bottom
        walked = [current.id]
        while current.harder is not None:
            assert current.harder in shipped, (current.id, current.harder)
            nxt = shipped[current.harder]
            assert nxt.easier == current.id, f"{current.id}.harder is {nxt.id} but {nxt.id}.easier is {nxt.easier}"
            assert nxt.id not in walked, f"cycle through {nxt.id}"
            walked.append(nxt.id)
            current = nxt
        for drill_id in walked:
            assert drill_id not in on_a_chain, (drill_id, on_a_chain.get(drill_id), bottom.id)
            on_a_chain[drill_id] = bottom.id
        assert shipped.chain(bottom.id) == tuple(walked)
    for drill in shipped.values():
        if drill.easier is not None:
            assert drill.easier in shipped and shipped[drill.easier].harder == drill.id, drill.id
    assert set(on_a_chain) == set(shipped), "a drill no walk reached is on a cycle"


def test_clinical_regressions_exist(shipped: Library) -> None:
    assert {drill_id: shipped[drill_id].easier for drill_id in CLINICAL_REGRESSIONS} == CLINICAL_REGRESSIONS


def test_hip_extension_chain_order(shipped: Library) -> None:
    assert shipped.chain("donkey-kick") == (
        "small-bridge", "glute-bridge", "donkey-kick", "quadruped-hip-extension", "bird-dog",
    )  # fmt: skip


def test_missing_drills_exist(shipped: Library) -> None:
    """The issue's item 2: a thoracic drill, a bike bout and the McGill curl-up."""
    assert shipped["open-book"].category == "mobility"
    assert shipped["stationary-bike"].kind == "timed"
    assert shipped["mcgill-curl-up"].kind == "hold"


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_DRILLS, tmp_path, dirs_exist_ok=True)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_links_that_disagree_are_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "pelvic-tilt.toml", 'harder = "cat-camel"', 'harder = "bird-dog"')
    with pytest.raises(ContentError) as info:
        load_library(folder)
    messages = [str(problem) for problem in info.value.problems]
    assert (
        "pelvic-tilt.toml: harder: harder is 'bird-dog', but its easier is 'cat-camel'; "
        "set easier = \"pelvic-tilt\" in bird-dog.toml (easier and harder links must agree)"
    ) in messages
    assert any(m.startswith("cat-camel.toml: easier: easier is 'pelvic-tilt', but its harder is 'bird-dog'") for m in messages)


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    # pelvic-tilt -> cat-camel -> bird-dog -> pelvic-tilt, agreeing both ways.
    _edit(folder / "bird-dog.toml", 'easier = "cat-camel"', 'easier = "cat-camel"\nharder = "pelvic-tilt"')
    _edit(folder / "pelvic-tilt.toml", 'harder = "cat-camel"', 'harder = "cat-camel"\neasier = "bird-dog"')
    with pytest.raises(ContentError, match="the harder links loop back to this drill"):
        load_library(folder)


def test_every_program_drill_can_be_made_easier(shipped: Library) -> None:
    """A red pain check offers the easier version: every drill of a built-in
    program has one, unless it is already the easiest of a chain (it then
    has a harder version, so it is a chain's bottom, not a drill on its own)."""
    from backcoach.content.programs import builtin_programs

    stuck = [
        (program.id, drill.id)
        for program in builtin_programs(shipped)
        for drill in program.drills
        if drill.easier is None and drill.harder is None
    ]
    assert stuck == []


def test_programs_have_a_side_bridge_and_the_ankle_drill(shipped: Library) -> None:
    from backcoach.content.programs import builtin_programs

    programs = {program.id: program for program in builtin_programs(shipped)}
    assert "knee-side-plank" in [d.id for d in programs["back-pain-essentials"].drills]
    assert "knee-to-wall" in [d.id for d in programs["glutes-first"].drills]
    assert "long-standing back pain, not for a flare" in programs["glutes-first"].description
