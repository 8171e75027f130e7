"""The PDF reader behind the handout print test, on PDFs written by hand, so
it is checked even where Chromium is not installed."""

from __future__ import annotations

import pytest

from tests.pdf_layout import read_layout


def pdf(*objects: str) -> bytes:
    return ("%PDF-1.4\n" + "".join(f"{n} 0 obj\n{body}\nendobj\n" for n, body in enumerate(objects, 1))).encode()


def link(uri: str) -> str:
    return f"<</Type /Annot\n/Subtype /Link\n/Rect [0 10 5 11]\n/A <</Type /Action\n/S /URI\n/URI ({uri})>>>>"


def test_pages_in_tree_order_and_links_on_their_pages() -> None:
    data = pdf(
        "<</Type /Catalog\n/Pages 2 0 R>>",
        "<</Type /Pages\n/Count 3\n/Kids [3 0 R 4 0 R]>>",
        "<</Type /Pages\n/Count 2\n/Kids [6 0 R 5 0 R]>>",  # a nested tree, not in object order
        "<</Type /Page\n/Parent 2 0 R\n/Annots [7 0 R]>>",
        "<</Type /Page\n/Parent 3 0 R\n/Annots [8 0 R 9 0 R]\n/Contents 10 0 R>>",
        "<</Type /Page\n/Parent 3 0 R\n/Annots [11 0 R]>>",  # its link comes after a stream
        link("https://mark.invalid/card-1/end"),
        link("https://mark.invalid/card-1/top"),
        link("https://mark.invalid/card-2/top"),
        "<</Length 20>>\nstream\n2 0 obj /Type /Page endstream",  # bytes in a stream are no object
        "<</Type /Annot\n/Subtype /Link\n/A <</S /URI\n/URI (https://mark.invalid/elsewhere)>>>>",
    )
    layout = read_layout(data)
    assert layout.count == 3
    assert layout.pages == [6, 5, 4]
    assert layout.links == {
        "https://mark.invalid/card-1/top": [1],
        "https://mark.invalid/card-2/top": [1],
        "https://mark.invalid/card-1/end": [2],
        "https://mark.invalid/elsewhere": [0],
    }


def test_a_page_count_disagreeing_with_the_leaves_is_visible() -> None:
    data = pdf("<</Type /Catalog\n/Pages 2 0 R>>", "<</Type /Pages\n/Count 2\n/Kids [3 0 R]>>", "<</Type /Page>>")
    layout = read_layout(data)
    assert layout.count == 2 and len(layout.pages) == 1


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<html>", "not a PDF"),
        (pdf("<</Type /Pages\n/Count 1\n/Kids []>>"), "one /Catalog"),
        (pdf("<</Type /Catalog>>"), "names no /Pages"),
        (pdf("<</Type /Catalog\n/Pages 2 0 R>>", "<</Type /Pages\n/Kids []>>"), "no /Count"),
    ],
)
def test_what_is_not_a_readable_pdf_says_why(data: bytes, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        read_layout(data)
