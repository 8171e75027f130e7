"""Counted words ("1 day", "3 days", "1,204 sessions"), said the same way everywhere.

Pure and tiny so every layer can use it: the screens, the CLI, the store's
report and its recovery notices all count sessions and days, and a count
must read the same in each.
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and the word for that many: ``many`` where adding "s" is wrong.

    Thousands are grouped (``1,204``): ten years of history is thousands of
    sessions, and a bare ``3650`` is harder to read at a glance.
    """
    return f"{count:,} {word if count == 1 else (many or word + 's')}"
