"""Plain words for a TOML syntax error, pinned to the line a person must fix.

tomllib reports where it stopped and what its grammar expected there
("Invalid value", "Cannot overwrite a value", "Illegal character '\\n'"):
true, but a physiotherapist fixing ``locked = ture`` between two patients
needs "locked: must be true or false". :func:`explain` reads the failing
line (and, for a duplicate, the lines above it) to say which setting is
wrong and what would be right, and names the line where the mistake
starts: an unclosed quote is reported where it opened, not at the end of
the file where tomllib noticed. Anything it does not recognise keeps
tomllib's own reason, with its line and column.
"""

from __future__ import annotations

import re

from backcoach.content.toml_input import TOML_TOKEN_RE
from backcoach.content.validate import BOOL_MESSAGE, nearest, show_key

#: ``key =`` at the start of a line: bare or quoted parts, dotted.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_KEY_RE = re.compile(rf"^\s*(?P<key>{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=(?P<value>.*)$")
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_DECIMAL_COMMA_RE = re.compile(r"[+-]?\d+,\d+")
_LEADING_ZERO_RE = re.compile(r"0\d+")
_NUMBER_UNIT_RE = re.compile(r"(?P<number>[+-]?\d+(?:\.\d+)?)\s*[A-Za-z]+")
_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off")
_DUPLICATE_REASONS = (
    "Cannot overwrite a value",
    "Cannot declare",
    "Cannot mutate immutable namespace",
    "Cannot redefine namespace",
    "Duplicate inline table key",
)
_UNCLOSED_STRING_REASONS = ("Illegal character '\\n'", "Illegal character '\\r'", "Unterminated string")
_DATE_MESSAGE = "not a real date; write it as YYYY-MM-DD, like 2026-03-01"
_HEADER_MESSAGE = "a section header must be one name in brackets, like [profile] or [[drills]]"
#: Longest piece of a line quoted back in a message.
_SHOWN = 30


def explain(text: str, reason: str, line: int | None, column: int | None) -> tuple[str, str]:
    """``(where, message)`` for tomllib's ``reason`` at ``line``/``column`` (None: end of file)."""
    lines = [row.rstrip("\r") for row in text.split("\n")]
    offset = _offset(lines, line, column)
    if reason in _UNCLOSED_STRING_REASONS or reason.startswith("Expected \"'\""):
        opened = _open_string(text, offset)
        if opened is not None:
            return f"line {opened[0]}", f"the text started with {opened[1]} is never closed"
    # A file that ends inside a list is "Invalid value" at its end, to tomllib.
    unclosed = reason in ("Unclosed array", "Unclosed inline table") or (line is None and reason == "Invalid value")
    if unclosed and line is not None and offset < len(text) and text[offset] not in "\r\n":
        # Stopped inside the line, at something that is neither a comma nor the closing bracket.
        if reason == "Unclosed inline table":
            return f"line {line}", "the settings inside { } must be separated by commas"
        return f"line {line}", "the items of a list must be separated by commas"
    if unclosed:
        opener = "{" if reason == "Unclosed inline table" else "["
        opened_at = _open_bracket(text, offset, opener) or line
        what = "list" if opener == "[" else "table"
        if opened_at is not None:
            return f"line {opened_at}", f"the {what} started with {opener} is never closed"
    line = line if line is not None else _last_line(lines)
    if line is None:
        return "end of file", reason
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    message = _line_message(lines, row, line, column, reason)
    if message is None:
        where = f"line {line}, column {column}" if column is not None else f"line {line}"
        return where, reason
    return f"line {line}", message


def _line_message(lines: list[str], row: str, line: int, column: int | None, reason: str) -> str | None:
    """The plain words for an error on ``row`` (line ``line``), or None."""
    stripped = row.strip()
    is_header = stripped.startswith("[")
    if reason.startswith(_DUPLICATE_REASONS):
        return _duplicate(lines, line, reason)
    if is_header and (
        reason.startswith(("Expected ']'", "Expected ']]'", "Invalid initial character", "Expected newline"))
        or reason.startswith("Found invalid character")
    ):
        return f"{_HEADER_MESSAGE} (found {_cut(stripped)})"
    match = _KEY_RE.match(row)
    if reason == "Expected '=' after a key in a key/value pair":
        before, equals, _after = row.partition("=")
        if equals and before.strip():
            return f"a setting name cannot contain spaces ({_cut(before.strip())}); write one word before ="
        word = stripped.split()[0] if stripped else ""
        return f"expected = after {_cut(word)} (a setting is written: {_cut(word)} = value)"
    if reason == "Invalid initial character for a key part" and match is not None and "{" in row:
        return "the table started with { is never closed"
    if reason in ("Invalid initial character for a key part", "Invalid statement"):
        found = _cut(stripped) if stripped.isprintable() and stripped else "an invisible character"
        return f"a line must start with a setting name, a [section] or # for a comment (found {found})"
    if reason.startswith("Unescaped '\\'"):
        return "a backslash (\\) inside double quotes must be written twice (\\\\), or use 'single quotes'"
    if reason in ("Invalid hex value", "Escaped character is not a Unicode scalar value"):
        return "the text has a \\u or \\U code that is not a character"
    if reason.startswith("Illegal character"):
        return "the text contains an invisible control character; remove it"
    if match is None:
        if reason == "Invalid value" and column is not None:  # an item of a list on its own line
            item = re.split(r"[,\]\s]", row[column - 1 :].strip(), maxsplit=1)[0]
            if _WORD_RE.fullmatch(item):
                return f'text in a list must be in quotes: "{_cut(item)}"'
        return None
    key = _shown_key(match["key"])
    value = _strip_comment(match["value"].strip())
    if reason == "Invalid value":
        return f"{key}: {_invalid_value(key, value)}"
    if reason == "Invalid date or datetime":
        return f"{key}: {_DATE_MESSAGE}"
    if reason == "Expected newline or end of document after a statement":
        return f"{key}: {_trailing(value, row, column)}"
    return None


def _invalid_value(key: str, value: str) -> str:
    """What was wrong with the value after ``key =`` that tomllib could not read."""
    if not value:
        return "a value is missing after ="
    if value[0] in _CURLY_QUOTES:
        return 'text goes between straight quotes ("), not curly ones (\u201c \u201d)'
    word = _WORD_RE.fullmatch(value)
    if word is not None:
        lower = value.lower()
        if lower in ("true", "false"):
            return f"{BOOL_MESSAGE}, in lowercase"
        if lower in _BOOL_WORDS or nearest(lower, ("true", "false")):
            return BOOL_MESSAGE
        return f'text must be in quotes: {key} = "{_cut(value)}"'
    if _DATE_RE.match(value):
        return _DATE_MESSAGE
    return f"{_cut(value)} is not a value; write a number, true or false, or text in quotes"


#: Units a time may be typed in that are not seconds, and the seconds in one.
_MINUTES = {"m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60, "h": 3600, "hour": 3600, "hours": 3600}


def _unit_problem(number: str, unit: str) -> str:
    """``15m`` is 900 seconds: never suggest the bare 15, which a file reads as 15 seconds."""
    per = _MINUTES.get(unit)
    if per is not None and "." not in number:
        return f"write the time in seconds, without a unit ({int(number) * per} for {number}{unit})"
    return f"write the number alone, without a unit ({number})"


def decimal_comma(value: str) -> str | None:
    """``2,5`` written for ``2.5``: said the same way by a file's reader and the builder's fields."""
    if _DECIMAL_COMMA_RE.fullmatch(value):
        return f"write decimals with a point, not a comma ({value.replace(',', '.')})"
    return None


def _trailing(value: str, row: str, column: int | None) -> str:
    """What follows a value that tomllib read up to ``column``."""
    if _LEADING_ZERO_RE.fullmatch(value):
        return f"write the number without a leading zero ({int(value)})"
    comma = decimal_comma(value)
    if comma is not None:
        return comma
    unit = _NUMBER_UNIT_RE.fullmatch(value)
    if unit is not None:
        return _unit_problem(unit["number"], value[len(unit["number"]) :].strip().lower())
    if _DATE_RE.match(value):
        return _DATE_MESSAGE
    rest = _strip_comment(row[column - 1 :].strip()) if column is not None else ""
    if value[:1] in ("'", '"'):
        return f"{_cut(rest)} follows the closing quote; put all of the text inside the quotes"
    return f"{_cut(rest)} follows the value; one value per line (a comment starts with #)"


def _duplicate(lines: list[str], line: int, reason: str) -> str:
    """``name is set twice (lines 2 and 7)``: the earlier line found by reading upwards."""
    row = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if reason.startswith("Duplicate inline table key"):
        return "a setting is given twice inside the { } on this line"
    if row.startswith("["):
        name = row.split("#", 1)[0].strip()
        bare = name.strip("[] ")
        top_level = True  # until the first [section]: where a key can clash with a section
        for index in range(line - 1):
            other = lines[index].split("#", 1)[0].strip()
            if other == name:
                return f"{_cut(name)} appears twice (lines {index + 1} and {line})"
            top_level = top_level and not other.startswith("[")
            match = _KEY_RE.match(lines[index]) if top_level else None
            if match is not None and _same(_parts(match["key"]), bare):
                return f"{_cut(bare)} is set twice (lines {index + 1} and {line})"
        return f"{_cut(name)} is already set earlier in the file"
    match = _KEY_RE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if match is None:
        return "this setting is already set earlier in the file"
    key = _parts(match["key"])
    for index in range(line - 2, _section_start(lines, line - 1), -1):
        above = _KEY_RE.match(lines[index])
        if above is not None and _same(_parts(above["key"]), key):
            return f"{_shown_key(match['key'])} is set twice (lines {index + 1} and {line})"
    return f"{_shown_key(match['key'])} is already set earlier in the file"


def _same(one: str, other: str) -> bool:
    """Two dotted keys that claim the same place: ``a`` and ``a.b`` clash too."""
    return one == other or one.startswith(other + ".") or other.startswith(one + ".")


def _section_start(lines: list[str], index: int) -> int:
    """The index of the ``[section]`` line above line ``index`` (0-based), or -1."""
    for above in range(index - 1, -1, -1):
        if lines[above].lstrip().startswith("["):
            return above
    return -1


def _open_string(text: str, offset: int) -> tuple[int, str] | None:
    """The line and quote of the last string opened before ``offset`` and never closed.

    Lines are counted as the tokens go by, so a file of a thousand lone
    quotes costs one pass, not one count from the top per quote.
    """
    found: tuple[int, str] | None = None
    line, counted = 1, 0
    for match in TOML_TOKEN_RE.finditer(text):
        if match.start() > offset:
            break
        token = match.group()
        quote = token[:3] if token[:3] in ('"""', "'''") else token[:1]
        if quote not in ('"', "'", '"""', "'''") or _closed(token, quote):
            continue
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found = (line, quote)
    return found


def _closed(token: str, quote: str) -> bool:
    body = token[len(quote) :]
    if not body.endswith(quote):
        return False
    if quote != '"':
        return True
    inner = body[:-1]
    return (len(inner) - len(inner.rstrip("\\"))) % 2 == 0  # an escaped quote does not close


def _open_bracket(text: str, offset: int, opener: str) -> int | None:
    """The line of the innermost ``opener`` still open at ``offset``."""
    closer = "]" if opener == "[" else "}"
    stack: list[int] = []
    for match in TOML_TOKEN_RE.finditer(text):
        if match.start() >= offset:
            break
        token = match.group()
        if token == opener:
            stack.append(match.start())
        elif token == closer and stack:
            stack.pop()
    return text.count("\n", 0, stack[-1]) + 1 if stack else None


def _offset(lines: list[str], line: int | None, column: int | None) -> int:
    if line is None:
        return sum(len(row) + 1 for row in lines)
    return sum(len(row) + 1 for row in lines[: line - 1]) + (column or 1) - 1


def _last_line(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            return index + 1
    return None


def _parts(key: str) -> str:
    """A dotted key with its quotes and spaces taken away, for comparing."""
    return ".".join(part.strip().strip("\"'") for part in re.findall(_KEY_PART, key))


def _shown_key(key: str) -> str:
    return ".".join(show_key(part.strip().strip("\"'")[:40]) for part in re.findall(_KEY_PART, key))


def _strip_comment(value: str) -> str:
    """A value without its trailing comment (a ``#`` inside quotes stays)."""
    if value[:1] in ("'", '"'):
        return value
    return value.split("#", 1)[0].strip()


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
