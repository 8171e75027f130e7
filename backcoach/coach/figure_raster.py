"""The figure as braille text: solid limbs, readable from the mat, with no Textual.

Each character cell holds 2 x 4 braille dots, which are square on a usual
terminal font, so the figure keeps its proportions at any size. Limbs are
drawn as thick capsules (their thickness grows with the scale: at 200x60
a limb is several dots wide). The terminal widget
(:mod:`backcoach.tui.widgets.pose_figure`) colours each cell by its layer;
``backcoach drills show`` and the review gallery print the text alone.
"""

from __future__ import annotations

import functools
import math

from backcoach.coach.figure import LAYERS, Figure

#: Braille dot bits by (column, row) inside a cell.
_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
#: Limb thickness in pose units (a standing figure is about 16 tall).
THICKNESS: dict[str, float] = {"floor": 0.25, "prop": 0.4, "far": 0.55, "band": 0.3, "body": 0.75}
#: How far past a line's edge a dot's centre may be and still be lit (in dots).
SOLID_SLACK = 0.35
#: Thinner than this many dots and a limb stops reading as solid.
MIN_RADIUS_DOTS = 1.0

#: One row of cells: its text, and per cell the layer number (0: empty) that colours it.
CellRow = tuple[str, bytes]
#: Byte value (four cells' dot pairs of one dot row) -> those pairs, one per byte.
_SPREAD = tuple(bytes((value >> (2 * cell)) & 3 for cell in range(4)) for value in range(256))
#: ``0x01`` in every byte, for up to 512 cells: picks each cell's left dot.
_ONES = tuple(int.from_bytes(b"\x01" * count, "little") for count in range(513))
#: Byte -> its braille character (a space for no dots).
_BRAILLE = {index: chr(0x2800 + index) for index in range(1, 256)} | {0: " "}


def _stamp(rows: list[int], width: int, x: float, y: float, radius: float) -> None:
    """A filled disc of dots: one OR of a span mask per dot row (rows are int bitmasks)."""
    r = int(math.ceil(radius))
    cx, cy = int(round(x)), int(round(y))
    limit = radius * radius + 0.25
    for dy in range(-r, r + 1):
        row = cy + dy
        if not 0 <= row < len(rows):
            continue
        span = int(math.sqrt(max(limit - dy * dy, 0.0)))
        start, stop = max(cx - span, 0), min(cx + span, width - 1)
        if start <= stop:
            rows[row] |= ((1 << (stop - start + 1)) - 1) << start


def _line(rows: list[int], width: int, a: tuple[float, float], b: tuple[float, float], radius: float) -> None:
    """A thick line with round ends (a capsule), filled row by row.

    A capsule is convex, so each dot row crosses it in one span: the union
    of the spans of its two end discs and of the band between them (the
    points whose distance along the line is within its length and across
    it within the radius). One OR per dot row, however long the line.
    """
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    if length < 1e-9:
        _stamp(rows, width, ax, ay, radius)
        return
    ux, uy = (bx - ax) / length, (by - ay) / length
    radius += SOLID_SLACK  # a dot counts when the line covers most of it: solid strokes, no gaps
    limit = radius * radius
    top = max(int(math.floor(min(ay, by) - radius)), 0)
    bottom = min(int(math.ceil(max(ay, by) + radius)), len(rows) - 1)
    flat = abs(uy) < 1e-9  # horizontal: the band spans the whole length, or nothing
    steep = abs(ux) < 1e-9  # vertical: the band is one column wide across
    for row in range(top, bottom + 1):
        dy_a = row - ay
        dy_b = row - by
        low, high = math.inf, -math.inf
        if dy_a * dy_a <= limit:
            half = math.sqrt(limit - dy_a * dy_a)
            low, high = ax - half, ax + half
        if dy_b * dy_b <= limit:
            half = math.sqrt(limit - dy_b * dy_b)
            low, high = min(low, bx - half), max(high, bx + half)
        # Along: 0 <= (x - ax) * ux + dy_a * uy <= length; across: |-(x - ax) * uy + dy_a * ux| <= radius.
        if flat:
            if abs(dy_a) <= radius:
                first, last = sorted(((0.0 - dy_a * uy) / ux, (length - dy_a * uy) / ux))
                low, high = min(low, ax + first), max(high, ax + last)
        elif steep:
            if 0.0 <= dy_a * uy <= length:
                low, high = min(low, ax - radius), max(high, ax + radius)
        else:
            a1, a2 = sorted(((0.0 - dy_a * uy) / ux, (length - dy_a * uy) / ux))
            c1, c2 = sorted(((-radius - dy_a * ux) / -uy, (radius - dy_a * ux) / -uy))
            first, last = max(a1, c1), min(a2, c2)
            if first <= last:
                low, high = min(low, ax + first), max(high, ax + last)
        if low > high:
            continue
        start = int(math.ceil(low - 0.5))
        stop = int(high + 0.5)
        start = 0 if start < 0 else start
        stop = width - 1 if stop > width - 1 else stop
        if start <= stop:
            rows[row] |= ((1 << (stop - start + 1)) - 1) << start


@functools.lru_cache(maxsize=512)
def raster(figure: Figure, columns: int, rows: int) -> tuple[CellRow, ...]:
    """The figure as ``rows`` rows of ``columns`` cells: braille text and each cell's layer.

    Each layer is drawn into its own dot rows, held as Python ints used as
    bit masks, so a disc costs one OR per dot row and a whole frame stays
    well under a millisecond or two at the sizes a terminal gives. The
    frames of a moving figure repeat every rep or breath
    (:func:`~backcoach.coach.figure.frame_at`), so each is drawn once per size.
    """
    width, height = columns * 2, rows * 4
    layers = [[0] * height for _ in LAYERS]
    x0, y0, x1, y1 = figure.box
    scale = min(width / max(x1 - x0, 1e-6), height / max(y1 - y0, 1e-6))
    off_x = (width - (x1 - x0) * scale) / 2
    off_y = (height - (y1 - y0) * scale) / 2

    def dot(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - x0) * scale + off_x, (y1 - point[1]) * scale + off_y

    for stroke in figure.strokes:
        floor = MIN_RADIUS_DOTS * (0.5 if stroke.layer == "band" else 1)
        radius = max(THICKNESS[stroke.layer] * scale / 2, floor)
        _line(layers[LAYERS.index(stroke.layer)], width, dot(stroke.start), dot(stroke.end), radius)
    for disc in figure.discs:
        target = layers[LAYERS.index(disc.layer)]
        (cx, cy), radius = dot(disc.centre), disc.radius * scale
        if disc.filled:
            _stamp(target, width, cx, cy, radius)
            continue
        ring = max(THICKNESS[disc.layer] * scale / 2, MIN_RADIUS_DOTS)
        steps = max(8, int(2 * math.pi * radius / max(ring * 0.7, 0.5)))
        for step in range(steps):
            angle = 2 * math.pi * step / steps
            _stamp(target, width, cx + radius * math.cos(angle), cy + radius * math.sin(angle), ring)
    return tuple(_cell_row(layers, row * 4, columns) for row in range(rows))


def _spread(mask: int, columns: int) -> int:
    """Each cell's two dots of one dot row (bits 2c, 2c+1 of ``mask``) moved to the low bits of byte c."""
    data = mask.to_bytes((columns * 2 + 7) // 8, "little")
    return int.from_bytes(b"".join(_SPREAD[byte] for byte in data), "little")


def _cell_row(layers: list[list[int]], top: int, columns: int) -> CellRow:
    """One row of cells: its braille text and, per cell, the front-most layer with a dot there.

    Whole dot rows are combined as integers, one byte per cell, so the cost
    is a few operations per row rather than per cell.
    """
    ones = _ONES[columns] if columns < len(_ONES) else int.from_bytes(b"\x01" * columns, "little")
    bits = 0
    front = 0
    for number, layer_rows in enumerate(layers, start=1):
        quad = layer_rows[top : top + 4]
        if not (quad[0] | quad[1] | quad[2] | quad[3]):
            continue
        occupied = 0
        for dot_row, mask in enumerate(quad):
            if not mask:
                continue
            pairs = _spread(mask, columns)
            left, right = pairs & ones, (pairs >> 1) & ones
            bits |= (left * _BITS[0][dot_row]) | (right * _BITS[1][dot_row])
            occupied |= left | right
        # Where this layer has a dot, it is in front of every layer drawn before it.
        cover = occupied * 0xFF
        front = (front & ~cover) | (occupied * number)
    text = bits.to_bytes(columns, "little").decode("latin-1").translate(_BRAILLE)
    return text, front.to_bytes(columns, "little")


def as_text(figure: Figure, columns: int, rows: int) -> str:
    """The figure as plain braille text (for review and tests: no colour)."""
    return "\n".join(text.rstrip() for text, _ in raster(figure, columns, rows))
