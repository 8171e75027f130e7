"""The date a doctor or physio checked a sign (CLINICAL.md 1b, "already checked")."""

from __future__ import annotations

from datetime import date

import pytest

from backcoach.tui.session.safety_date import parse_checked_date

TODAY = date(2026, 3, 30)


@pytest.mark.parametrize(
    ("typed", "stored", "problem"),
    [
        ("", "2026-03-30", None),  # enter alone: today
        ("  ", "2026-03-30", None),
        ("2026-03-01", "2026-03-01", None),
        ("2025-12-31", "2025-12-31", None),
        ("2026-13-01", None, "year-month-day"),
        ("1/3/2026", None, "year-month-day"),
        ("yesterday", None, "year-month-day"),
        ("2026W011", None, "year-month-day"),
        ("20261130", None, "year-month-day"),
        ("2026-03-31", None, "in the future"),
    ],
)
def test_checked_date(typed: str, stored: str | None, problem: str | None) -> None:
    when, why = parse_checked_date(typed, TODAY)
    assert when == stored
    if problem is None:
        assert why is None
    else:
        assert why is not None and problem in why
