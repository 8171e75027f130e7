"""``backcoach drills list`` and ``drills show``: the library for people and scripts.

Plain output is for reading at a terminal; ``--json`` prints every field of
a drill as data, in the same shape the content cache stores (so it is one
encoding, checked by :func:`backcoach.content.cache_codec.decode_drill`),
plus ``source_title``, the seed document in words. No Textual here.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from backcoach.cli.commands import _emit_document, _library, _out
from backcoach.content.describe import dose_text, tags_text
from backcoach.content.model import Drill
from backcoach.content.sources import source_text


def drill_data(drill: Drill) -> dict[str, Any]:
    """Every field of ``drill`` as JSON-ready data."""
    from backcoach.content.cache_codec import encode_drill

    return {**encode_drill(drill), "source_title": source_text(drill.source)}


#: Each keyframe's size in ``drills show`` (cells): fits an 80-column terminal, readable as text.
FIGURE_SIZE = (40, 12)


def figure_lines(drill: Drill) -> list[str]:
    """The drill's positions as the session draws them (braille text, no colour), each named.

    The same poses and rasteriser as the drill screen, so what the clinician
    reads here is what the patient will see; a drill whose pose file is
    missing or broken says so instead.
    """
    from backcoach.coach.figure import figure_of
    from backcoach.coach.figure_raster import as_text
    from backcoach.content.poses import poses_for

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "\u28ff".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return ["(The figures are drawn in braille, which this terminal's encoding cannot show; try --svg.)", ""]
    poses = poses_for(drill)
    if poses is None:
        return ["(No figure: this drill's pose file is missing or could not be read.)", ""]
    phases = drill.breathing.phases
    lines: list[str] = []
    for index, joints in enumerate(poses.placed):
        moves = [f"{phase.breath}, {phase.label}" for phase in phases if phase.frame == index]
        if moves:
            name = "End of " + "; ".join(moves)
        elif len(poses.placed) > 1:
            name = f"Position {index + 1} of {len(poses.placed)}"
        else:
            name = "The position"
        lines += [f"{name}:", as_text(figure_of(poses, joints), *FIGURE_SIZE), ""]
    return lines


def cmd_drills_list(args: argparse.Namespace) -> int:
    from backcoach.cli import CliError
    from backcoach.content.browse import ALL_CATEGORIES, QueryError, filter_drills

    library = _library()
    if args.category and args.category not in library.categories():
        known = ", ".join(library.categories())
        raise CliError(f"no category {args.category!r}; known categories: {known}")
    try:
        drills = filter_drills(library.values(), args.category or ALL_CATEGORIES, " ".join(args.search))
    except QueryError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        _emit_document(json.dumps([drill_data(d) for d in drills], indent=2, ensure_ascii=False))
        return 0
    if not drills:
        _out(f"No drill matches {' '.join(args.search)!r}.")
        return 0
    width = max(len(d.id) for d in drills)
    for drill in drills:
        _out(f"{drill.id:<{width}}  {drill.category:<12}  {drill.kind:<8}  {drill.name}")
    return 0


def cmd_drills_show(args: argparse.Namespace) -> int:
    library = _library()
    drill = library.get(args.drill_id)
    if drill is None:
        from backcoach.cli import CliError

        near = ", ".join(library.nearest(args.drill_id))
        hint = f"; did you mean: {near}" if near else ""
        raise CliError(f"unknown drill {args.drill_id!r}{hint}")
    if args.json:
        _emit_document(json.dumps(drill_data(drill), indent=2, ensure_ascii=False))
        return 0
    if getattr(args, "svg", False):
        from backcoach.reports.pose_svg import drill_svg

        _emit_document(drill_svg(drill, standalone=True))
        return 0
    _out(f"{drill.name} ({drill.id})")
    _out(f"{drill.category}, {drill.kind}: {dose_text(drill)}")
    if drill.max_hold_seconds is not None:
        _out(f"Each hold lasts at most {drill.max_hold_seconds} s: short holds, repeated.")
    _out()
    _out(textwrap.fill(drill.purpose, 78))
    _out()
    for line in figure_lines(drill):
        _out(line)
    _out("Cues:")
    for cue in drill.cues:
        _out(f"  - {cue}")
    _out(f"Breathing: {drill.breathing.cue}")
    for phase in drill.breathing.phases:
        _out(f"  {phase.breath.upper():<7} {phase.label} ({phase.seconds:g} s)")
    if drill.cautions:
        _out("Cautions:")
        for caution in drill.cautions:
            _out(f"  ! {caution}")
    chain = library.chain(drill.id)
    if len(chain) > 1:
        _out("Easier to harder: " + " -> ".join(chain))
    _out(tags_text(drill))
    return 0
