"""Property tests: no journal content stops the app or loses a byte.

For generated journals (good rows, rows broken in every way that hurt a
reader, rows that are not UTF-8, files cut or damaged anywhere), opening the
journal, the safety check at session start, every History computation,
every export and ``doctor`` never raise; a new session still saves; and
every original row is kept, the good ones in the journal and the others
byte for byte in the side file. The app itself is driven through the same
journals in ``tests/tui/test_bad_rows.py``.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from journal_steps import finish_session, record_drill, start_session
from rows_strategies import damaged_file, journal_file, journal_rows

from backcoach import cli, paths
from backcoach.coach.history import build_view, drill_rows, session_rows
from backcoach.coach.period import period_summary
from backcoach.coach.safety import today_state
from backcoach.reports.history_export import export_text
from backcoach.store.journal import Journal
from backcoach.store.report import markdown_report
from backcoach.store.set_aside import SET_ASIDE_NAME, read_set_aside
from backcoach.tui.history.detail import session_facts

TODAY = date(2026, 11, 30)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def use_everything(folder: Path, on_open: Callable[[], None] = lambda: None) -> list[dict]:
    """Open the journal and run every reader over it; returns the sessions.

    ``on_open`` runs right after the open, before anything new is saved.
    """
    with Journal.open(folder / "journal.json") as journal:
        on_open()
        assert len(journal.notices) <= 2  # the file broke partway; rows in what was read
        sessions = journal.sessions()
        today_state(sessions, TODAY)
        view = build_view(sessions, TODAY, {"p": 3})
        view.summary.streak_line(), view.summary.counts_line(), view.summary.adherence_line()
        for trend in (view.summary.checkin, view.summary.final):
            if trend is not None:
                trend.reading(), trend.chart(40), trend.marker_text()
        for row in session_rows(sessions):
            _ = row.pain, row.counts
        for session in sessions:
            session_facts(session), drill_rows(session, {})
        markdown_report(period_summary(sessions, TODAY, {"p": 3}))
        for fmt in ("json", "csv", "md"):
            text, _ = export_text(fmt, sessions, TODAY, {"p": 3})
            text.encode("utf-8")  # writable as the export file is
        json.dumps(sessions, allow_nan=False)  # nothing left that poisons a write
        # A new session saves, whole-journal rewrite included.
        sid = start_session(journal, {"program": {"id": "p", "name": "P"}})
        record_drill(journal, sid, {"drill_id": "cat-camel", "status": "done", "active_seconds": 5.0})
        finish_session(journal, sid, "completed")
        return sessions


def parsed(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def run_reading_commands(folder: Path) -> None:
    """``doctor`` and every export on the folder as it is: never an unexpected error."""
    paths.set_data_dir(folder)
    try:
        for argv in (["doctor"], *(["history", "export", "--format", f, "-o", str(folder.parent / f"x.{f}")]
                                   for f in ("json", "csv", "md"))):
            assert cli.main(argv) in (0, 2)
    finally:
        paths.set_data_dir(None)


@FUZZ
@given(rows=journal_rows(), pretty=st.booleans())
def test_generated_rows_never_raise_and_every_row_is_kept(rows: list[bytes], pretty: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        raw = journal_file(rows, pretty)
        (folder / "journal.json").write_bytes(raw)
        run_reading_commands(folder)
        sessions = use_everything(folder)

        side = [row.raw for row in read_set_aside(folder / SET_ASIDE_NAME)]
        moved = [p for p in folder.glob("journal.json.corrupt-*") if p.read_bytes() == raw]
        if moved:
            # A row broke the file's own structure: the file is kept whole, and
            # the rows read before the break went on (or aside) as they were.
            assert all(r in rows for r in side)
            readable = {json.dumps(parsed(r), sort_keys=True) for r in rows if r not in side and parsed(r)}
            assert {json.dumps(s, sort_keys=True) for s in sessions} <= readable
            return
        kept = Counter(json.dumps(s, sort_keys=True) for s in sessions)
        good = Counter(
            json.dumps(json.loads(raw), sort_keys=True) for raw in rows if raw not in side
        )
        assert kept == good  # every row not set aside is in the journal, as it was
        assert Counter(side) == Counter(raw for raw in rows if raw in side)
        assert len(sessions) + len(side) == len(rows)


@FUZZ
@given(raw=damaged_file())
def test_damaged_files_never_raise_and_are_kept(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        (folder / "journal.json").write_bytes(raw)
        run_reading_commands(folder)
        assert (folder / "journal.json").read_bytes() == raw  # reading commands wrote nothing

        def every_byte_kept() -> None:
            files = [p for p in folder.iterdir() if p.is_file() and p.name != SET_ASIDE_NAME]
            if not raw or any(p.read_bytes() == raw for p in files):
                return  # empty, untouched, or kept whole (moved aside, or copied before an upgrade)
            # Rewritten without some rows: each of those is kept as it was.
            side = read_set_aside(folder / SET_ASIDE_NAME)
            assert side, "the journal was rewritten but nothing of it was kept"
            assert all(row.raw in raw for row in side)

        sessions = use_everything(folder, every_byte_kept)
        assert len(sessions) <= raw.count(b'"id"')


@FUZZ
@given(rows=journal_rows(), cut=st.booleans())
def test_generated_unfinished_sessions_never_raise_and_are_kept(rows: list[bytes], cut: bool) -> None:
    """``current_session.json`` holding any of the same rows (or one cut short)."""
    raw = rows[0][: len(rows[0]) // 2] if cut else rows[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        (folder / "current_session.json").write_bytes(raw)
        run_reading_commands(folder)
        sessions = use_everything(folder)
        side = [row.raw for row in read_set_aside(folder / SET_ASIDE_NAME)]
        moved = [p for p in folder.glob("current_session.json.corrupt-*") if p.read_bytes() == raw]
        filed = [s for s in sessions if s.get("id") == (parsed(raw) or {}).get("id")]
        assert len(sessions) <= 1 and (side == [raw]) + bool(moved) + bool(filed) == 1
