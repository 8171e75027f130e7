"""The drill's figure as inline SVG: the same pose the terminal draws, on paper.

A handout is one self-contained file (no images beside it), so each figure
is an ``<svg>`` element written into the page; ``drills show ID --svg``
prints the same element as a document. The strokes come from
:mod:`backcoach.coach.figure`, so paper and screen never disagree. Every
number is rounded to 0.01 so the output is stable and small. No Textual.
"""

from __future__ import annotations

import html

from backcoach.coach.figure import Figure, figure_of
from backcoach.content.model import Drill
from backcoach.content.poses import poses_for

#: Stroke widths in pose units (a standing figure is about 16 tall) and colours, by layer.
WIDTHS: dict[str, float] = {"floor": 0.3, "prop": 0.45, "far": 0.65, "band": 0.3, "body": 0.8}
COLOURS: dict[str, str] = {
    "floor": "#5f7f9f",
    "prop": "#a8742a",
    "far": "#9a9a9a",
    "band": "#d0306f",
    "body": "#202020",
}
XMLNS = ' xmlns="http://www.w3.org/2000/svg"'
#: Space between the positions drawn side by side, in pose units.
GAP = 2.0


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shapes(figure: Figure, dx: float) -> list[str]:
    """The figure's strokes and discs, shifted ``dx`` right (SVG's y grows down: y is negated)."""
    x0 = figure.box[0]
    out: list[str] = []
    for stroke in figure.strokes:
        (ax, ay), (bx, by) = stroke.start, stroke.end
        out.append(
            f'<line x1="{_n(ax - x0 + dx)}" y1="{_n(-ay)}" x2="{_n(bx - x0 + dx)}" y2="{_n(-by)}" '
            f'stroke="{COLOURS[stroke.layer]}" stroke-width="{_n(WIDTHS[stroke.layer])}"/>'
        )
    for disc in figure.discs:
        (cx, cy) = disc.centre
        paint = (
            f'fill="{COLOURS[disc.layer]}"'
            if disc.filled
            else f'fill="none" stroke="{COLOURS[disc.layer]}" stroke-width="{_n(WIDTHS[disc.layer])}"'
        )
        out.append(f'<circle cx="{_n(cx - x0 + dx)}" cy="{_n(-cy)}" r="{_n(disc.radius)}" {paint}/>')
    return out


def figures_svg(figures: list[Figure], label: str, height_px: int = 120, *, standalone: bool = False) -> str:
    """One ``<svg>`` with ``figures`` side by side (start and end positions), ``label`` for screen readers.

    ``standalone`` adds the namespace a file of its own needs; inside HTML it is implied.
    """
    widths = [figure.box[2] - figure.box[0] for figure in figures]
    top = max(figure.box[3] for figure in figures)
    bottom = min(figure.box[1] for figure in figures)
    total = sum(widths) + GAP * (len(figures) - 1)
    height = top - bottom
    width_px = round(height_px * total / height)
    body: list[str] = []
    offset = 0.0
    for figure, width in zip(figures, widths, strict=True):
        body += _shapes(figure, offset)
        offset += width + GAP
    return (
        f'<svg{XMLNS if standalone else ""} class="figure" width="{width_px}" height="{height_px}" '
        f'viewBox="0 {_n(-top)} {_n(total)} {_n(height)}" role="img" aria-label="{html.escape(label)}">'
        f"<title>{html.escape(label)}</title>"
        f'<g stroke-linecap="round" stroke-linejoin="round">{"".join(body)}</g></svg>'
    )


def drill_positions(drill: Drill) -> list[Figure]:
    """Where the drill starts and, for a drill that moves, where the movement goes.

    A reps drill starts where its last phase ends (the breath before the
    first out-breath) and reaches the first phase's frame; a hold or a
    stretch has the one position; a timed drill shows each stride.
    """
    poses = poses_for(drill)
    if poses is None:
        return []
    phases = drill.breathing.phases
    if phases and len(poses.frames) > 1:
        order = [phases[-1].frame, phases[0].frame]
    else:
        order = list(range(len(poses.frames)))
    return [figure_of(poses, poses.placed[index]) for index in order]


def drill_svg(drill: Drill, height_px: int = 120, *, standalone: bool = False) -> str:
    """The drill's start and end positions as one ``<svg>`` ("" when it has no poses)."""
    figures = drill_positions(drill)
    if not figures:
        return ""
    words = "start and end positions" if len(figures) > 1 else "position"
    return figures_svg(figures, f"{drill.name}: {words}", height_px, standalone=standalone)
