"""The review gallery (every drill's keyframes at the figure's size on an 80x24
and a 120x40 drill screen) is up to date: a change to a pose, a base position
or the rasteriser shows here as a difference to read before it is accepted
(``python tests/bench/figure_gallery.py`` rewrites the files)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import figure_gallery  # noqa: E402  # a development script beside the benches, not a package

from backcoach.content.library import default_library  # noqa: E402


@pytest.mark.parametrize("size", list(figure_gallery.ROOMS))
def test_the_gallery_files_show_what_the_figures_look_like_now(size: str) -> None:
    path = figure_gallery.GALLERY / f"figures-{size}.txt"
    assert path.read_text(encoding="utf-8") == figure_gallery.gallery(size), (
        f"{path.name} is out of date: run python tests/bench/figure_gallery.py and review the figures"
    )


def test_the_gallery_has_every_keyframe_of_every_drill() -> None:
    text = figure_gallery.gallery("80x24")
    for drill_id in default_library():
        assert f"== {drill_id} (" in text
    assert "frame 4/4" in text  # the walks stride through four frames
    assert "fire-hydrant" in text and "knee out to the side" in text


def test_the_check_mode_says_which_file_is_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(figure_gallery, "GALLERY", tmp_path)
    monkeypatch.setattr(sys, "argv", ["figure_gallery.py", "--check"])
    assert figure_gallery.main() == 2
    assert "figures-80x24.txt" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["figure_gallery.py"])
    assert figure_gallery.main() == 0
    monkeypatch.setattr(sys, "argv", ["figure_gallery.py", "--check"])
    assert figure_gallery.main() == 0
