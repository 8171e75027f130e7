"""Where things landed in a printed PDF, read with the standard library only.

The handout test prints the page with headless Chromium and asks two things
of the PDF: how many pages it has, and on which page each part of the sheet
starts and ends. The second needs no text extraction: the test adds two
invisible links to each part before printing, absolutely placed at its top
and its bottom edge (so they change no layout), and Chromium writes every
link as a ``/Link`` annotation on the page where it was laid out. A part
whose top and bottom links sit on different pages was cut by a page break.

Chromium's PDF (Skia) writes its objects uncompressed, outside object
streams; only content streams are compressed, and nothing here reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OBJECT = re.compile(rb"(?<![0-9])(\d+) (\d+) obj\b")
_REF = rb"(\d+) \d+ R"


@dataclass
class PdfLayout:
    #: ``/Count`` of the root page tree (the Catalog's ``/Pages``).
    count: int
    #: The leaf ``/Type /Page`` objects, in reading order.
    pages: list[int]
    #: Each link's URI: the pages (0-based) it was laid out on, in order.
    links: dict[str, list[int]] = field(default_factory=dict)


def _objects(data: bytes) -> dict[int, bytes]:
    """Each object's dictionary text (a stream object's up to ``stream``).

    A stream's bytes are skipped (by its ``/Length`` when it is written
    directly), so compressed data that happens to read ``2 0 obj`` is never
    taken for an object.
    """
    found: dict[int, bytes] = {}
    position = 0
    while (match := _OBJECT.search(data, position)) is not None:
        start = match.end()
        ends = [i for i in (data.find(b"endobj", start), data.find(b"stream", start)) if i >= 0]
        end = min(ends) if ends else len(data)
        body = data[start:end]
        found[int(match.group(1))] = body
        position = end
        if data.startswith(b"stream", end):
            length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", body)
            first = end + len(b"stream") + (2 if data.startswith(b"\r\n", end + 6) else 1)
            skip = data.find(b"endstream", first + (int(length.group(1)) if length else 0))
            position = len(data) if skip < 0 else skip
    return found


def _refs(body: bytes, key: bytes) -> list[int]:
    """The object numbers in ``/Key [a 0 R b 0 R]`` (or a single ``/Key a 0 R``)."""
    array = re.search(rb"/" + key + rb"\s*\[([^\]]*)\]", body)
    if array is not None:
        return [int(n) for n in re.findall(_REF, array.group(1))]
    single = re.search(rb"/" + key + rb"\s+" + _REF, body)
    return [int(single.group(1))] if single else []


def _is_type(body: bytes, name: bytes) -> bool:
    return re.search(rb"/Type\s*/" + name + rb"(?![A-Za-z])", body) is not None


def read_layout(data: bytes) -> PdfLayout:
    """Pages and link positions of ``data``; a ``ValueError`` when it is not such a PDF."""
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF file")
    objects = _objects(data)
    catalogs = [body for body in objects.values() if _is_type(body, b"Catalog")]
    if len(catalogs) != 1:
        raise ValueError(f"expected one /Catalog, found {len(catalogs)}")
    roots = _refs(catalogs[0], b"Pages")
    if len(roots) != 1 or roots[0] not in objects:
        raise ValueError("the /Catalog names no /Pages tree")
    count = re.search(rb"/Count\s+(\d+)", objects[roots[0]])
    if count is None:
        raise ValueError("the root /Pages has no /Count")
    pages: list[int] = []

    def walk(number: int, depth: int) -> None:
        if depth > 32:
            raise ValueError("the page tree is too deep")
        body = objects[number]
        if _is_type(body, b"Pages"):
            for kid in _refs(body, b"Kids"):
                walk(kid, depth + 1)
        elif _is_type(body, b"Page"):
            pages.append(number)

    walk(roots[0], 0)
    layout = PdfLayout(count=int(count.group(1)), pages=pages)
    for index, page in enumerate(pages):
        for annot in _refs(objects[page], b"Annots"):
            uri = re.search(rb"/URI\s*\(([^)]*)\)", objects.get(annot, b""))
            if uri is not None:
                layout.links.setdefault(uri.group(1).decode("latin-1"), []).append(index)
    return layout
