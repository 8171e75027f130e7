"""History export in every format: JSON round-trips into a fresh journal, CSV
has one row per drill, the Markdown report carries the numbers; ``--since``
cuts all three; files are written atomically; errors are one line."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from factories import drill_record, session_doc

from backcoach import cli, paths
from backcoach.cli import commands as cli_commands
from backcoach.coach.period import period_summary
from backcoach.content.library import default_library
from backcoach.reports.history_export import (
    default_report_path,
    export_text,
    export_to_file,
    format_for_path,
)
from backcoach.store.export import CSV_COLUMNS, write_export
from backcoach.store.journal import Journal
from backcoach.store.report import markdown_report
from backcoach.store.schema import fill_session_defaults

LIBRARY = default_library()

TODAY = date(2026, 3, 30)
UK = timezone(timedelta(hours=1))
ESSENTIALS = {"id": "back-pain-essentials", "name": "Back pain essentials"}


def session(i: int, day: date, status: str = "completed", demo: bool = False, checkin: int = 5,
            final: int = 4, drills: int = 3) -> dict[str, Any]:
    return session_doc(
        f"s{i:03d}",
        datetime(day.year, day.month, day.day, 8, 0, tzinfo=UK),
        program=ESSENTIALS,
        status=status,
        demo=demo,
        speed=8.0 if demo else 1.0,
        checkin=checkin,
        final=final,
        drills=[drill_record(d, pain=checkin, seconds=100.0) for d in ("cat-camel", "bear-hold", "front-plank")[:drills]],
    )


def history() -> list[dict[str, Any]]:
    """Five weeks, Mon/Wed/Fri, check-in pain easing 6 -> 3; plus a demo and a safety stop."""
    docs = []
    first = TODAY - timedelta(weeks=5)
    i = 0
    for week in range(5):
        for weekday in (0, 2, 4):
            pain = 6 - (week * 3) // 4
            docs.append(session(i, first + timedelta(weeks=week, days=weekday), checkin=pain, final=max(0, pain - 1)))
            i += 1
    docs.append(session(i, TODAY, checkin=3, final=2))
    docs.append(session(i + 1, TODAY, demo=True, checkin=1, final=1))
    docs.append(session(i + 2, TODAY - timedelta(days=10), "stopped_safety", checkin=4, final=4, drills=0))
    return sorted(docs, key=lambda d: d["started_at"])


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    paths.set_data_dir(folder)
    monkeypatch.setattr(cli_commands, "_today", lambda: TODAY)
    yield folder
    paths.set_data_dir(None)


def fill_journal(docs: list[dict[str, Any]]) -> None:
    with Journal.open() as journal:
        for doc in docs:
            journal.record_standalone(doc)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- JSON -------------------------------------------------------------------------------


def test_json_export_reimports_to_the_same_sessions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    docs = history()
    fill_journal(docs)
    code, out, err = run(capsys, "history", "export", "--format", "json")
    assert (code, err) == (0, "")
    exported = json.loads(out)
    with Journal.open() as journal:
        original = journal.sessions()
    assert exported == original == [fill_session_defaults(dict(d)) for d in docs]

    # Into a brand-new journal, through the public API: the same sessions come back.
    other = tmp_path / "other" / "journal.json"
    with Journal.open(other) as journal:
        for doc in exported:
            journal.record_standalone(doc)
        assert journal.sessions() == original


def adapted_history() -> list[dict[str, Any]]:
    """Two sessions of schema 4: a step up with its reasons, a drill left out today, one the plan left alone."""
    def dose(reps: int) -> dict[str, Any]:
        return {"drill_id": "cat-camel", "kind": "reps", "sets": 1, "sides": 1, "reps": reps, "tempo": [4.0, 4.0],
                "rest_seconds": 0}  # fmt: skip

    step_up = {"from": dose(8), "to": dose(10), "level": dose(10), "rules": ["3.progression.6"],
               "why": ["2 more reps: it felt too easy in your last two sessions and your back was the same the next day"]}  # fmt: skip
    left_out = {"from": dose(8), "to": None, "level": dose(8), "rules": ["4.nerve"],
                "why": ["left out today: leg pain below the knee"]}  # fmt: skip
    first = session(1, TODAY - timedelta(days=1), drills=2)
    first["drills"][0]["adapted"] = step_up
    first["drills"][1]["adapted"] = None
    second = session(2, TODAY, drills=1)
    second["drills"][0].update(status="left_out", adapted=left_out)
    return [first, second]


def test_json_export_keeps_every_drills_adapted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    docs = adapted_history()
    fill_journal(docs)
    code, out, err = run(capsys, "history", "export", "--format", "json")
    assert (code, err) == (0, "")
    exported = json.loads(out)
    assert [[d["adapted"] for d in doc["drills"]] for doc in exported] == [
        [docs[0]["drills"][0]["adapted"], None],
        [docs[1]["drills"][0]["adapted"]],
    ]
    # The file the History screen writes says the same, and it goes back into a new journal unchanged.
    path = tmp_path / "export.json"
    with Journal.open() as journal:
        assert export_to_file(path, journal.sessions(), TODAY, library=LIBRARY) == 2
    assert json.loads(path.read_text(encoding="utf-8")) == exported
    with Journal.open(tmp_path / "other" / "journal.json") as journal:
        for doc in exported:
            journal.record_standalone(doc)
        assert journal.sessions() == exported


def test_csv_export_carries_adapted_as_a_json_cell(capsys: pytest.CaptureFixture[str]) -> None:
    docs = adapted_history()
    fill_journal(docs)
    code, out, _ = run(capsys, "history", "export", "--format", "csv")
    assert code == 0
    cells = [row["adapted"] for row in csv.DictReader(io.StringIO(out))]
    assert [json.loads(cell) if cell else None for cell in cells] == [
        docs[0]["drills"][0]["adapted"],
        None,
        docs[1]["drills"][0]["adapted"],
    ]


def test_since_cuts_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    fill_journal(history())
    since = (TODAY - timedelta(days=7)).isoformat()
    code, out, _ = run(capsys, "history", "export", "--format", "json", "--since", since)
    kept = json.loads(out)
    assert code == 0 and kept
    assert all(doc["started_at"][:10] >= since for doc in kept)
    assert len(kept) == 5  # Mon/Wed/Fri of last week, today's two, and nothing older

    code, out, _ = run(capsys, "history", "export", "--format", "csv", "--since", since)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["session_id"] for row in rows} == {doc["id"] for doc in kept}

    code, out, _ = run(capsys, "history", "export", "--format", "md", "--since", since)
    assert f"Period: {since} to {TODAY.isoformat()} (8 days)." in out
    assert "| Sessions | 5 sessions (4 completed); 1 demo, not counted |" in out


def test_since_must_be_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "history", "export", "--since", "last week")
    assert (code, out) == (2, "")
    assert "'last week' is not a date like 2026-03-30" in err and "Traceback" not in err


# ---- CSV -------------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_drill(capsys: pytest.CaptureFixture[str]) -> None:
    docs = history()
    fill_journal(docs)
    code, out, err = run(capsys, "history", "export", "--format", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    expected = sum(max(1, len(doc["drills"])) for doc in docs)  # a drill-less session keeps one row
    assert len(body) == expected
    assert [(r["session_id"], r["drill_id"]) for r in body[:3]] == [
        ("s000", "cat-camel"),
        ("s000", "bear-hold"),
        ("s000", "front-plank"),
    ]
    safety_stop = [r for r in body if r["status"] == "stopped_safety"]
    assert len(safety_stop) == 1 and safety_stop[0]["drill_id"] == ""


# ---- Markdown -----------------------------------------------------------------------------------


def test_markdown_report_carries_the_numbers() -> None:
    docs = history()
    text, count = export_text("md", docs, TODAY, {"back-pain-essentials": 3}, library=LIBRARY)
    assert count == len(docs) == 18
    first = (TODAY - timedelta(weeks=5)).isoformat()
    for expected in [
        "# backcoach history report",
        f"Period: {first} to 2026-03-30 (36 days).",
        "| Sessions | 18 sessions (16 completed, 1 stopped at the safety check); 1 demo, not counted |",
        "| Days with a session that counts | 16 |",
        "| Time moving | 1 h 20 min |",  # 16 counted sessions x 3 drills x 100 s
        "| Current streak (as of the end date) | 1 day |",
        "| Longest streak | 1 day |",
        "| Weekly streak: weeks with 3 or more days (Back pain essentials) | 5 now, longest 5 |",  # this week: 1 day so far
        "| Back pain essentials | 2026-02-23 | 3 | 15 | 15 | 100% | - |",  # 16 days done, at most the 15 planned
        "- check-in pain 6 -> 3 over 5 weeks: 3 points better, a change that matters.",
        "Start 6, end 3, change -3; lowest 3, highest 6, 17 scores.",
        "The first 2-point drop: 4 on 16 Mar 2026.",
        "- last pain check 5 -> 2 over 5 weeks",
        "| week of 2026-02-23 | 3 | 6.0 | 5.0 |",
        "| 2026-03-30 08:00 | Back pain essentials | completed (demo, not counted) | 3 of 3 | 5 | 1 | 1 |",
        "| 2026-03-20 08:00 | Back pain essentials | safety stop | 0 of 0 | 0 | 4 | 4 |",
    ]:
        assert expected in text, expected
    # One table row per session, oldest first.
    sessions = text[text.index("## Sessions") :]
    rows = [line for line in sessions.splitlines() if line.startswith("| 2026-")]
    assert len(rows) == 18 and [r[:18] for r in rows] == sorted(r[:18] for r in rows)


def test_markdown_report_of_an_empty_period_says_so() -> None:
    text = markdown_report(period_summary([], TODAY, {}, library=LIBRARY))
    assert "No sessions in this period." in text
    assert "No program with planned days per week was used in this period." in text
    assert "- Check-in pain: no scores in this period." in text


def test_markdown_cells_escape_pipes() -> None:
    doc = session(1, TODAY)
    doc["program"] = {"id": "x", "name": "Mine | yours"}
    text, _ = export_text("md", [doc], TODAY, {}, library=LIBRARY)
    assert "| Mine \\| yours |" in text


def test_cli_markdown_to_a_file_uses_the_programs_planned_days(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fill_journal(history())
    target = tmp_path / "report.md"
    code, out, err = run(capsys, "history", "export", "--format", "md", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote 18 sessions to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert "| Back pain essentials | 2026-02-23 | 3 | 15 | 15 | 100% | - |" in text  # days_per_week = 3 in the built-in
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # health data: the owner only
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# ---- files and errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, fmt",
    [("a.md", "md"), ("a.MARKDOWN", "md"), ("a.csv", "csv"), ("a.json", "json"), ("a.txt", "md"), ("a", "md")],
)
def test_format_follows_the_file_name(name: str, fmt: str) -> None:
    assert format_for_path(name) == fmt


def test_default_report_path() -> None:
    assert default_report_path(TODAY, Path("/home/ann")) == Path("/home/ann/backcoach-history-2026-03-30.md")
    assert str(default_report_path(TODAY)) == "~/backcoach-history-2026-03-30.md"


def test_export_to_file_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old export\n")
    assert export_to_file(target, history(), TODAY, library=LIBRARY) == 18
    assert target.read_text().startswith("session_id,")

    import backcoach.store.atomic as atomic

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_flush_to_disk", broken_fsync)
    before = target.read_text()
    with pytest.raises(OSError) as caught:
        export_to_file(target, history()[:1], TODAY, library=LIBRARY)
    assert str(caught.value) == f"[Errno 28] No space left on device: '{target}'"
    assert target.read_text() == before  # the old file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temp left behind


def test_unwritable_place_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.md"
    code, out, err = run(capsys, "history", "export", "--format", "md", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"backcoach: cannot use {target}: No such file or directory\n"
    with pytest.raises(OSError) as caught:
        write_export(tmp_path, "x")  # a folder, not a file
    assert caught.value.filename == str(tmp_path)


# ---- `backcoach history` opens the History screen ------------------------------------------------


def test_history_without_an_action_starts_the_app_on_history(monkeypatch: pytest.MonkeyPatch) -> None:
    import backcoach.tui.launch as launch_module

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(launch_module, "launch", lambda **kw: calls.append(kw) or 0)
    assert cli.main(["--no-sound", "history"]) == 0
    assert calls == [{"program_ref": None, "speed": 1.0, "no_sound": True, "start": "history", "no_voice": False}]


def test_markdown_export_never_imports_textual() -> None:
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    code = (
        "import sys, backcoach.cli as c; rc = c.main(sys.argv[1:]); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']; sys.exit(rc)"
    )
    env = dict(os.environ, PYTHONPATH=str(repo))
    proc = subprocess.run(
        [sys.executable, "-c", code, "history", "export", "--format", "md", "--since", "2026-01-01"],
        env=env, capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# backcoach history report")
