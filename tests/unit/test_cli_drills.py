"""``backcoach drills list`` searches and ``--json``; ``drills show`` in words and as data."""

from __future__ import annotations

import json

import pytest

from backcoach import cli
from backcoach.content.cache_codec import decode_drill
from backcoach.content.library import default_library


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_is_every_drill_with_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    library = default_library()
    code, out, err = run(capsys, "drills", "list", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [item["id"] for item in data] == list(library)
    for item in data:
        title = item.pop("source_title")
        assert decode_drill(item) == library[item["id"]]  # every field, nothing lost
        assert not title.endswith(".txt")
    bird = next(item for item in json.loads(out) if item["id"] == "bird-dog")
    assert bird["easier"] == "quadruped-hip-extension" and bird["harder"] is None
    assert bird["equipment"] == ["mat"] and bird["direction"]["position"] == "hands_knees"


def test_show_json_is_one_drill(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "drills", "show", "band-hip-hinge", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["source_title"] == "Low Back Pain Relief, a sports physical therapist (video notes)"
    assert data["direction"] == {
        "flexion": "none", "extension": "small", "rotation": "none", "side_bend": "none",
        "load": "loaded", "nerve": "none", "position": "standing",
    }  # fmt: skip
    assert data["equipment"] == ["band"] and data["dosage"]["reps"] > 0


def test_list_takes_search_terms_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    library = default_library()
    code, out, err = run(capsys, "drills", "list", "extension:none", "position:standing")
    assert (code, err) == (0, "")
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids and all(
        library[i].direction.extension == "none" and library[i].direction.position == "standing" for i in ids
    )
    code, out, err = run(capsys, "drills", "list", "stenosis", "--json")
    assert code == 0 and "prone-lumbar-extension" in [item["id"] for item in json.loads(out)]


def test_list_with_no_match_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "drills", "list", "nothing-matches-this")
    assert (code, out, err) == (0, "No drill matches 'nothing-matches-this'.\n", "")
    code, out, err = run(capsys, "drills", "list", "--json", "nothing-matches-this")
    assert (code, json.loads(out), err) == (0, [], "")


def test_a_bad_term_is_one_sentence_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "drills", "list", "extension:huge")
    assert (code, out) == (2, "")
    assert err == "backcoach: extension can be none, small, mid, end (got 'huge')\n"


def test_show_says_tags_equipment_and_source_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "drills", "show", "adductor-ball-squeeze")
    assert (code, err) == (0, "")
    assert "Low back: spine kept still; no load on the spine; lying on the back\n" in out
    assert "Tags: flexion:none extension:none rotation:none side_bend:none load:none nerve:none position:back\n" in out
    assert "You will need: a mat, a small ball\n" in out
    assert "Source: My understanding of back pain, Jen Xu, athletic trainer\n" in out
    assert ".txt" not in out


def test_show_draws_each_position_as_the_session_does(capsys: pytest.CaptureFixture[str]) -> None:
    """The pose figure (braille, from the screen's own rasteriser), one per keyframe, named by its phase."""
    from backcoach.cli.drills import FIGURE_SIZE
    from backcoach.coach.figure import figure_of
    from backcoach.coach.figure_raster import as_text
    from backcoach.content.poses import default_poses

    poses = default_poses()["cat-camel"]
    code, out, err = run(capsys, "drills", "show", "cat-camel")
    assert (code, err) == (0, "")
    for joints in poses.placed:
        assert as_text(figure_of(poses, joints), *FIGURE_SIZE) + "\n" in out
    assert "End of exhale, round up:\n" in out and "End of inhale, let the back sag:\n" in out
    plank = run(capsys, "drills", "show", "front-plank")[1]
    assert "The position:\n" in plank and "\u28ff" in plank


def test_show_on_a_terminal_without_braille_says_so(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    fake = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", fake)
    from backcoach.cli.drills import figure_lines
    from backcoach.content.library import default_library

    lines = figure_lines(default_library()["cat-camel"])
    assert lines[0].startswith("(The figures are drawn in braille") and "--svg" in lines[0]
