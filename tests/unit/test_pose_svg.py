"""The figure as SVG: every drill's positions, for the handout and ``drills show --svg``."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from backcoach.content.library import default_library
from backcoach.content.poses import default_poses
from backcoach.reports.pose_svg import drill_svg

LIBRARY = default_library()
NS = "{http://www.w3.org/2000/svg}"


def heads(svg: ET.Element) -> int:
    """One filled circle per figure drawn: the head."""
    return sum(1 for circle in svg.iter(f"{NS}circle") if circle.get("fill") not in (None, "none"))


@pytest.mark.parametrize("drill_id", sorted(LIBRARY))
def test_every_drill_is_a_well_formed_svg_with_its_positions(drill_id: str) -> None:
    drill = LIBRARY[drill_id]
    svg = ET.fromstring(drill_svg(drill, standalone=True))
    assert svg.tag == f"{NS}svg"
    assert drill.name in (svg.get("aria-label") or "")
    expected = 2 if drill.kind == "reps" else len(default_poses()[drill_id].frames)
    assert heads(svg) == expected
    assert len(list(svg.iter(f"{NS}line"))) >= 13 * expected  # every limb of every position, and the floor


def test_a_reps_drill_shows_two_different_positions() -> None:
    svg = ET.fromstring(drill_svg(LIBRARY["glute-bridge"], standalone=True))
    centres = [(c.get("cx"), c.get("cy")) for c in svg.iter(f"{NS}circle") if c.get("fill") not in (None, "none")]
    assert len(set(centres)) == 2


def test_inline_svg_leaves_the_namespace_to_the_page() -> None:
    assert "xmlns" not in drill_svg(LIBRARY["bird-dog"])
    assert 'xmlns="http://www.w3.org/2000/svg"' in drill_svg(LIBRARY["bird-dog"], standalone=True)


def test_equipment_is_drawn() -> None:
    svg = ET.fromstring(drill_svg(LIBRARY["adductor-ball-squeeze"], standalone=True))
    assert any(circle.get("fill") == "none" for circle in svg.iter(f"{NS}circle"))  # the ball


def test_drills_show_svg_prints_one_svg_document() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backcoach", "drills", "show", "cat-camel", "--svg"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    svg = ET.fromstring(done.stdout)
    assert svg.tag == f"{NS}svg" and heads(svg) == 2
