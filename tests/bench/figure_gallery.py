"""Every drill's keyframes as braille text, at the figure's size on an 80x24 and a 120x40 drill screen.

The review of issue 13 ("every drill recognisable at 80x24 and 120x40")
is done by reading these files: ``python tests/bench/figure_gallery.py``
writes ``tests/unit/gallery/figures-80x24.txt`` and ``figures-120x40.txt``
(``--check`` only compares and exits 2 on a difference), and
``tests/unit/test_figure_gallery.py`` fails when a pose, a base position
or the rasteriser changes what a person would see, so every such change
is looked at again. Not shipped: a development script, like the benches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backcoach.coach.figure import figure_of
from backcoach.coach.figure_raster import as_text
from backcoach.content.library import default_library
from backcoach.content.poses import default_poses

GALLERY = Path(__file__).resolve().parents[1] / "unit" / "gallery"
#: The figure's room (columns, rows inside its border and padding) on the drill
#: screen at each terminal size, as ``test_figure_snapshots`` measures it.
ROOMS: dict[str, tuple[int, int]] = {"80x24": (27, 18), "120x40": (43, 34)}


def frame_labels(drill_id: str) -> list[str]:
    """What each keyframe is, in the drill's own words (the phase that moves towards it)."""
    drill = default_library()[drill_id]
    count = len(default_poses()[drill_id].frames)
    labels = []
    for index in range(count):
        words = [f"{p.breath}: {p.label}" for p in drill.breathing.phases if p.frame == index]
        labels.append("; ".join(words) if words else ("stride" if count > 1 else "the position"))
    return labels


def gallery(size: str) -> str:
    """The whole gallery at one terminal size, drill by drill."""
    columns, rows = ROOMS[size]
    library, poses = default_library(), default_poses()
    out: list[str] = []
    for drill_id in sorted(library):
        drill, drill_poses = library[drill_id], poses[drill_id]
        for index, (joints, label) in enumerate(zip(drill_poses.placed, frame_labels(drill_id), strict=True)):
            out.append(f"== {drill_id} ({drill.name}, {drill.kind}) frame {index + 1}/{len(drill_poses.placed)}: {label}")
            out.append(as_text(figure_of(drill_poses, joints), columns, rows))
            out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the files; exit 2 if they differ")
    args = parser.parse_args()
    GALLERY.mkdir(parents=True, exist_ok=True)
    stale = []
    for size in ROOMS:
        path = GALLERY / f"figures-{size}.txt"
        text = gallery(size)
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python tests/bench/figure_gallery.py and review them")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
