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
from rows_strategies import damaged_file, dump, good_session, journal_file, journal_rows, row_spans

from backcoach import cli, paths
from backcoach.coach.history import build_view, drill_rows, session_rows
from backcoach.coach.period import period_summary
from backcoach.coach.safety import today_state
from backcoach.content.library import default_library
from backcoach.reports.history_export import export_text
from backcoach.store.journal import Journal
from backcoach.store.report import markdown_report
from backcoach.store.set_aside import SET_ASIDE_NAME, read_set_aside
from backcoach.tui.history.detail import session_facts

LIBRARY = default_library()

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
        markdown_report(period_summary(sessions, TODAY, {"p": 3}, library=LIBRARY))
        for fmt in ("json", "csv", "md"):
            text, _ = export_text(fmt, sessions, TODAY, {"p": 3}, library=LIBRARY)
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
        aside = rows_set_aside(raw, rows, pretty, side)
        moved = [p for p in folder.glob("journal.json.corrupt-*") if p.read_bytes() == raw]
        if moved:
            # A row broke the file's own structure: the file is kept whole, and
            # the rows read before the break went on (or aside) as they were.
            readable = {json.dumps(parsed(r), sort_keys=True) for i, r in enumerate(rows) if i not in aside and parsed(r)}
            assert {json.dumps(s, sort_keys=True) for s in sessions} <= readable
            return
        kept = Counter(json.dumps(s, sort_keys=True) for s in sessions)
        good = Counter(json.dumps(json.loads(r), sort_keys=True) for i, r in enumerate(rows) if i not in aside)
        assert kept == good  # every row not set aside is in the journal, as it was
        assert len(sessions) + len(aside) == len(rows)


def rows_set_aside(raw: bytes, rows: list[bytes], pretty: bool, side: list[bytes]) -> set[int]:
    """Which rows the set-aside entries hold, checking that none lost or changed a byte.

    An entry is one row exactly as it sat in the file; or, when a row's broken
    quoting hides where it ends (``"x": "unterminated, "y": 1``), a run of
    whole consecutive rows exactly as they sit in the file, separators
    included: nothing can tell where the broken row stops, so nothing is cut.
    """
    spans = row_spans(rows, pretty)
    held: set[int] = set()
    for entry in side:
        at = raw.find(entry)
        first = [i for i, (start, _end) in enumerate(spans) if start == at]
        last = [i for i, (_start, end) in enumerate(spans) if end == at + len(entry)]
        assert at >= 0 and first and last, f"a set-aside entry is not whole rows of the file: {entry[:80]!r}"
        held.update(range(first[0], last[0] + 1))
    return held


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


def test_a_row_with_broken_quoting_goes_aside_whole_with_the_row_it_hides() -> None:
    """Found by the fuzz test above: a row whose quoting is broken hides where
    it ends, so the rows after it cannot be told apart from it. They go aside
    together as one entry, byte for byte as they were in the file (rows
    before it are read as usual): nothing is lost and nothing is cut mid-row.
    (Reading the good rows it hides would need the reader to find its way
    back into step after a broken string; it does not yet.)"""
    deep = "[" * 1100 + "]" * 1100  # deeper than a JSON reader goes: the row is set aside
    broken = (
        dump(good_session(0))
        .replace('"gate_pain": 0', f'"gate_pain": {deep}')
        .replace('"active_seconds": 60.0', '"active_seconds": "unterminated')
        .encode()
    )
    before, hidden = (dump(good_session(n)).encode() for n in (1, 2))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        raw = journal_file([before, broken, hidden], pretty=False)
        (folder / "journal.json").write_bytes(raw)
        sessions = use_everything(folder)
        side = [row.raw for row in read_set_aside(folder / SET_ASIDE_NAME)]
    assert len(side) == 1 and broken in side[0] and hidden in side[0]
    assert rows_set_aside(raw, [before, broken, hidden], False, side) == {1, 2}
    assert [s["id"] for s in sessions] == ["row-1"]
