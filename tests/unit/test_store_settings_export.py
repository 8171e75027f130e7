"""Settings never block a start; exports round-trip."""

from __future__ import annotations

import csv
import errno
import io
import json
import stat
from pathlib import Path

import pytest

from backcoach.store import atomic as atomic_module
from backcoach.store.errors import SettingsWriteError
from backcoach.store.export import CSV_COLUMNS, export_csv, export_json
from backcoach.store.settings import Settings


@pytest.mark.parametrize(
    "raw",
    [b"", b"{not json", b"\xff\xfe\x00", b"[true]", b'"muted"', b"null", b"{" * 100_000, b" " * (70 * 1024) + b"{}"],
    ids=["empty", "invalid", "binary", "list", "string", "null", "deeply nested", "too big"],
)
def test_settings_defaults_on_garbage(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(raw)
    assert Settings.load(path) == Settings()


def test_settings_missing_file_and_unreadable_folder(tmp_path: Path) -> None:
    assert Settings.load(tmp_path / "nope.json") == Settings()
    assert Settings.load(tmp_path) == Settings()  # a directory, not a file


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ({"muted": "yes"}, Settings()),  # must not turn sound off by accident
        ({"muted": 1}, Settings()),  # an int is not a bool
        ({"high_contrast": True}, Settings(high_contrast=True)),
        ({"projector": "on"}, Settings()),
        ({"projector": True}, Settings(projector=True)),
        ({"theme": 3}, Settings()),
        ({"health_background": {"x": True}}, Settings(health_background={"x": True})),  # checked where used
        ({"health_background": "garbage"}, Settings(health_background="garbage")),
        ({"profile": {"over_50": True}}, Settings(profile={"over_50": True})),  # checked where used
        ({"profile": "garbage"}, Settings(profile="garbage")),
        ({"future_option": 3}, Settings(unknown={"future_option": 3})),
        ({"unknown": 5}, Settings(unknown={"unknown": 5})),  # the field's name is not a key of the file
    ],
    ids=["muted-str", "muted-int", "contrast", "projector-str", "projector", "theme-int", "background", "background-garbage", "quiz", "quiz-garbage", "unknown-key", "key-named-unknown"],
)
def test_settings_values_of_the_wrong_type_keep_their_defaults(
    tmp_path: Path, stored: dict[str, object], expected: Settings
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(stored))
    assert Settings.load(path) == expected


def test_settings_round_trip_private(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    settings = Settings(
        muted=True,
        high_contrast=True,
        projector=True,
        health_background={"cancer": False},
        profile={"over_50": True, "leg": "thigh"},
        unknown={"future": [1, 2]},
    )
    settings.save(path)
    assert Settings.load(path) == settings
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_settings_file_format_is_one_flat_json_object(tmp_path: Path) -> None:
    """The format older versions wrote and read: one object, sorted keys, unknown keys beside the known."""
    path = tmp_path / "settings.json"
    Settings(muted=True, unknown={"future": 1}).save(path)
    assert json.loads(path.read_text()) == {
        "future": 1,
        "health_background": None,
        "high_contrast": False,
        "last_card": "",
        "muted": True,
        "profile": None,
        "projector": False,
        "ready_seconds": 10,
        "theme": "backcoach",
        "voice": True,
    }
    assert path.read_text().startswith('{\n  "future": 1,')


def test_settings_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCOACH_CONFIG_DIR", str(tmp_path / "cfg"))
    Settings(muted=True).save()
    assert (tmp_path / "cfg" / "settings.json").exists()
    assert Settings.load().muted is True


def test_settings_write_error_is_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_module.tempfile, "mkstemp", full)
    path = tmp_path / "settings.json"
    with pytest.raises(SettingsWriteError) as caught:
        Settings().save(path)
    assert str(caught.value) == (
        f"Could not save to {path}: No space left on device. "
        "The change applies until backcoach closes but will not be remembered."
    )


SESSIONS = [
    {
        "id": "a1",
        "program": {"id": "gentle", "name": "Gentle, start \"easy\""},
        "started_at": "2025-03-04T07:00:00+01:00",
        "ended_at": "2025-03-04T07:20:00+01:00",
        "status": "completed",
        "demo": False,
        "speed": 1.0,
        "checkin_pain": 3,
        "final_pain": 2,
        "safety": {"answers": {"saddle_numbness": False}},
        "drills": [
            {
                "drill_id": "cat-cow",
                "replaced_by": None,
                "planned": {"reps": 10},
                "status": "done",
                "gate_pain": 3,
                "gate_band": "green",
                "difficulty": "about_right",
                "active_seconds": 62.5,
                "reps_done": 10,
                "sets_done": 1,
            },
            {
                "drill_id": "plank",
                "replaced_by": "knee-plank",
                "planned": {"hold_seconds": 20},
                "status": "easier",
                "gate_pain": 5,
                "gate_band": "amber",
                "difficulty": "too_hard",
                "active_seconds": 15,
                "reps_done": None,
                "sets_done": 2,
            },
        ],
    },
    {
        "id": "b2",
        "program": {"id": "gentle", "name": "Gentle start"},
        "started_at": "2025-03-05T07:00:00+01:00",
        "ended_at": "2025-03-05T07:01:00+01:00",
        "status": "stopped_safety",
        "demo": True,
        "speed": 8.0,
        "checkin_pain": None,
        "final_pain": None,
        "safety": {"answers": {"saddle_numbness": True}},
        "drills": [],
    },
]


def test_json_export_round_trips() -> None:
    text = export_json(SESSIONS)
    assert json.loads(text) == SESSIONS
    assert text.startswith("[\n  {")


def test_csv_export_one_row_per_drill() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(SESSIONS))))
    assert list(rows[0].keys()) == list(CSV_COLUMNS)
    assert len(rows) == 3  # two drills + one drill-less session
    first, second, safety_stop = rows
    assert first["session_id"] == second["session_id"] == "a1"
    assert first["program_name"] == 'Gentle, start "easy"'
    assert (first["drill_id"], first["drill_status"], first["active_seconds"]) == ("cat-cow", "done", "62.5")
    assert (second["replaced_by"], second["reps_done"], second["gate_band"]) == ("knee-plank", "", "amber")
    assert safety_stop["status"] == "stopped_safety"
    assert safety_stop["demo"] == "true" and safety_stop["speed"] == "8.0"
    assert all(safety_stop[column] == "" for column in CSV_COLUMNS[10:])


def test_csv_export_header_only_when_empty() -> None:
    rows = list(csv.reader(io.StringIO(export_csv([]))))
    assert rows == [list(CSV_COLUMNS)]
