"""Read a PNG with the standard library (zlib) and compare two screenshots
with a tolerance, for the report's Chromium snapshot.

Only what Chromium writes is read: 8 bits per channel, RGB or RGBA, not
interlaced. The comparison is made on a coarse grid of grey levels (each
cell the mean of ``CELL`` x ``CELL`` pixels), so a different build of the
same generic font, or antialiasing, moves a cell a little, while a chart
or a table that is missing, moved or changed colour moves many cells a lot.
The chart is found by its band tints and compared on its own, so text
above it that wraps differently with another font cannot move it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CELL = 10


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int  # 3 (RGB) or 4 (RGBA)
    pixels: bytes  # rows top to bottom, unfiltered

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * self.channels
        return self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]


def read_png(path: Path) -> Image:
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a PNG file")
    pos, idat, header = len(SIGNATURE), bytearray(), None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError(f"{path} has no IHDR chunk")
    width, height, depth, colour, _compression, _filter, interlace = header
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: only 8-bit RGB or RGBA, not interlaced (depth {depth}, colour type {colour})")
    return Image(width, height, channels, _unfilter(zlib.decompress(bytes(idat)), width, height, channels))


def _unfilter(raw: bytes, width: int, height: int, bpp: int) -> bytes:
    stride = width * bpp
    out = bytearray(stride * height)
    previous = bytearray(stride)
    pos = 0
    for y in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            raise ValueError(f"unknown PNG filter {kind}")
        out[y * stride : (y + 1) * stride] = line
        previous = line
    return bytes(out)


def grey_cells(image: Image, cell: int = CELL) -> list[float]:
    """Mean grey level (0-255) of each ``cell`` x ``cell`` square, row by row."""
    columns, rows = image.width // cell, image.height // cell
    sums = [0.0] * (columns * rows)
    step = image.channels
    px = image.pixels
    for y in range(rows * cell):
        base = y * image.width * step
        row = (y // cell) * columns
        for x in range(columns * cell):
            i = base + x * step
            sums[row + x // cell] += px[i] * 0.299 + px[i + 1] * 0.587 + px[i + 2] * 0.114
    area = cell * cell
    return [value / area for value in sums]


def mean_difference(a: Image, b: Image) -> float:
    """Mean absolute difference of the two images' grey cells (0: the same, 255: opposite)."""
    if (a.width, a.height) != (b.width, b.height):
        raise ValueError(f"sizes differ: {a.width}x{a.height} and {b.width}x{b.height}")
    cells_a, cells_b = grey_cells(a), grey_cells(b)
    return sum(abs(x - y) for x, y in zip(cells_a, cells_b, strict=True)) / len(cells_a)


def _pattern(image: Image, colour: tuple[int, int, int]) -> bytes:
    return bytes(colour) + (b"\xff" if image.channels == 4 else b"")


def count_colour(image: Image, colour: tuple[int, int, int]) -> int:
    """Pixels of exactly ``colour`` (a band's tint: a flat fill, painted exactly)."""
    return image.pixels.count(_pattern(image, colour))


def bounding_box(image: Image, colours: list[tuple[int, int, int]]) -> tuple[int, int, int, int] | None:
    """``(left, top, right, bottom)`` of the pixels of exactly any of ``colours``, or ``None``.

    Searched with ``bytes.find`` row by row (a pure-Python loop over every
    pixel takes seconds); a match must start on a pixel's first byte.
    """
    step, stride = image.channels, image.width * image.channels
    left, top, right, bottom = image.width, image.height, -1, -1
    patterns = [_pattern(image, colour) for colour in colours]
    for y in range(image.height):
        row = image.pixels[y * stride : (y + 1) * stride]
        for pattern in patterns:
            first = row.find(pattern)
            while first >= 0 and first % step:
                first = row.find(pattern, first + 1)
            if first < 0:
                continue
            last = row.rfind(pattern)
            while last % step:
                last = row.rfind(pattern, 0, last + len(pattern) - 1)
            left, right = min(left, first // step), max(right, last // step)
            top, bottom = min(top, y), max(bottom, y)
    return None if right < 0 else (left, top, right, bottom)


def crop(image: Image, left: int, top: int, right: int, bottom: int) -> Image:
    """The part of ``image`` from ``left``, ``top`` up to (not including) ``right``, ``bottom``, clamped."""
    left, top = max(0, left), max(0, top)
    right, bottom = min(image.width, right), min(image.height, bottom)
    step = image.channels
    rows = [
        image.pixels[(y * image.width + left) * step : (y * image.width + right) * step] for y in range(top, bottom)
    ]
    return Image(right - left, bottom - top, step, b"".join(rows))


def blank_rows(image: Image, white: int = 250) -> int:
    """Rows at the bottom with no pixel darker than ``white`` in any channel (an unpainted page)."""
    step, stride = image.channels, image.width * image.channels
    count = 0
    for y in range(image.height - 1, -1, -1):
        row = image.pixels[y * stride : (y + 1) * stride]
        if any(value < white for i, value in enumerate(row) if i % step < 3):
            break
        count += 1
    return count
