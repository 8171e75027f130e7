"""Reading a content file (program, drill) and parsing its TOML, in bounded time and memory.

These files come from anywhere (a clinician's folder, an email, a USB
stick), and tomllib was not built for hostile input: one 100 KB dotted key
(``x.x.x...= 1``) took 40 s and 9.8 GB. So a file is read only if it is a
regular file (a FIFO would wait forever) of at most :data:`MAX_FILE_BYTES`,
and its text is pre-scanned in one linear pass (:func:`toml_shape_problem`)
for the shapes that make tomllib's cost grow faster than the input, long
dotted keys and deep brackets, before tomllib sees it. Every failure is a
:class:`~backcoach.content.errors.ContentError` with one line per problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from backcoach.content.errors import ContentError, Problem

#: The largest program file a real program needs (40 drills, every override,
#: generous comments) is about 15 KB; shipped drill files are under 2 KB.
#: Anything bigger is refused before it is parsed.
MAX_FILE_BYTES = 64 * 1024
MAX_FILE_TEXT = "64 KB"
#: tomllib's time and memory grow with the square of a dotted key's length
#: (a 100 KB ``x.x.x...`` key took 40 s and 9.8 GB). Program and drill files
#: use keys of one or two parts and two levels of brackets; these bounds keep
#: any input within milliseconds and a few MB, checked by a linear pre-scan.
MAX_KEY_PARTS = 8
MAX_NESTING = 8

_TOML_AT_RE = re.compile(r"^(?P<reason>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)
_TOML_END_RE = re.compile(r"^(?P<reason>.*) \(at end of document\)$", re.S)
#: The pre-scan's tokens: strings and comments (whose dots and brackets are
#: not syntax), the punctuation that matters, and runs of anything else. An
#: unterminated string runs to its line's end (or the text's, if multi-line),
#: as tomllib reads it, so no token ever fails and backtracks: the scan stays
#: linear whatever the input.
TOML_TOKEN_RE = re.compile(
    r'"""(?:[^"\\]|\\(?:.|\Z)|"(?!""))*(?:"""|\Z)"{0,2}'
    r"|'''(?:[^']|'(?!''))*(?:'''|\Z)'{0,2}"
    r'|"(?:[^"\\\n]|\\(?:.|\Z))*(?:"|(?=\n)|\Z)'
    r"|'[^'\n]*(?:'|(?=\n)|\Z)"
    r"|#[^\n]*"
    r"|[\[\]{}.=,\n]"
    r"|[^\"'#\[\]{}.=,\n]+",
    re.S,
)


def read_text(path: Path, label: str) -> str:
    """Read a UTF-8 file (a BOM is tolerated); any failure is a ContentError.

    A link is followed (a clinician may keep programs anywhere), but only to
    a regular file: a FIFO or device is refused, never waited on.
    """
    from backcoach.safe_files import read_regular_file

    try:
        data = read_regular_file(path, MAX_FILE_BYTES, follow=True)
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ContentError([Problem(label, "", f"cannot read file: {reason}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise ContentError([Problem(label, "", f"cannot read file: larger than {MAX_FILE_TEXT}")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise ContentError(
            [
                Problem(
                    label,
                    "",
                    f"cannot read file: not UTF-8 text (byte 0x{bad} at offset {exc.start})",
                )
            ]
        ) from None


def toml_shape_problem(text: str) -> str | None:
    """Why ``text`` is too big or too deep to hand to tomllib, or None.

    One pass over the tokens, so its own cost is linear: the size, then the
    parts of every key (dots outside strings and comments since the last
    ``=``, ``,``, bracket or line end) and the depth of brackets.
    """
    if len(text) > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_TEXT}"
    dots = depth = 0
    line = 1
    for match in TOML_TOKEN_RE.finditer(text):
        token = match.group()
        if token == ".":
            dots += 1
            if dots >= MAX_KEY_PARTS:
                return f"line {line}: a dotted key or value with more than {MAX_KEY_PARTS} parts"
            continue
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return f"line {line}: brackets nested more than {MAX_NESTING} deep"
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
        elif token not in ("=", ",", "\n"):
            line += token.count("\n")
            continue
        line += token == "\n"
        dots = 0
    return None


def parse_toml(text: str, label: str) -> dict[str, Any]:
    """Parse TOML, turning tomllib's errors into plain words on their line (see ``toml_errors``).

    :func:`toml_shape_problem` runs first: tomllib's cost on a pathological
    key grows with its square, so every input is bounded before it gets there.
    """
    import tomllib  # only when a file is read: keeps ``import`` of the CLI cheap

    shape = toml_shape_problem(text)
    if shape is not None:
        raise ContentError([Problem(label, "", f"not accepted: {shape}")])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from backcoach.content.toml_errors import explain

        message = str(exc)
        match = _TOML_AT_RE.match(message)
        if match:
            where, words = explain(text, match["reason"], int(match["line"]), int(match["column"]))
            raise ContentError([Problem(label, where, words)]) from None
        match = _TOML_END_RE.match(message)
        if match:
            where, words = explain(text, match["reason"], None, None)
            raise ContentError([Problem(label, where, words)]) from None
        raise ContentError([Problem(label, "", f"not valid TOML: {message}")]) from None
    except RecursionError:
        raise ContentError([Problem(label, "", "not valid TOML: nested too deeply")]) from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise ContentError([Problem(label, "", f"not valid TOML: {exc}")]) from None
