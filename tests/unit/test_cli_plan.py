"""``backcoach plan``: today's plan on the command line, from the journal, without the lock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_cli import assert_one_line_error, data_dir as data_dir, folder_state, run  # the autouse fixture, reused

from backcoach import paths
from backcoach.cli import plan as plan_cli
from backcoach.content.library import default_library
from backcoach.content.programs import find_program
from backcoach.store.journal import Journal
from backcoach.store.settings import Settings

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
PROGRAM = "back-pain-essentials"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_cli, "_now", lambda: NOW)


def easy_session(days_ago: float, checkin: int = 3) -> dict[str, Any]:
    drills = find_program(PROGRAM, default_library()).drills
    start = NOW - timedelta(days=days_ago)
    return {
        "id": f"{int(days_ago * 100):032x}",
        "program": {"id": PROGRAM, "name": "Back pain essentials"},
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(minutes=20)).isoformat(timespec="seconds"),
        "status": "completed", "demo": False, "speed": 1.0, "checkin_pain": checkin, "final_pain": 2,
        "safety": {"answers": {}}, "last_gate": None,
        "drills": [
            {"drill_id": d.id, "replaced_by": None, "planned": {}, "status": "done", "gate_pain": 2,
             "gate_band": "green", "difficulty": "too_easy", "active_seconds": 60.0, "reps_done": 6, "sets_done": 1}
            for d in drills
        ],
    }  # fmt: skip


def seed(folder: Path, *sessions: dict[str, Any]) -> None:
    journal = Journal.open(folder / "journal.json")
    try:
        for doc in sessions:
            journal.record_standalone(doc)
    finally:
        journal.close()


def drills_json(out: str) -> list[dict[str, Any]]:
    data = json.loads(out)
    assert data["program_id"] == PROGRAM
    drills: list[dict[str, Any]] = data["drills"]
    return drills


def test_json_has_one_object_per_drill(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(data_dir, easy_session(2), easy_session(1))
    code, out, err = run(capsys, "plan", PROGRAM, "--checkin", "3", "--followup", "same", "--leg", "none", "--json")
    assert code == 0, err
    drills = drills_json(out)
    assert len(drills) == len(find_program(PROGRAM, default_library()).items)
    assert {"drill_id", "planned", "today", "changed", "reasons"} <= set(drills[0])
    first = drills[0]
    assert first["changed"] and first["today"]["reps"] == first["planned"]["reps"] + 2
    assert first["reasons"][0]["rule"] == "3.progression.6"
    assert sum(d["changed"] for d in drills) == 2  # at most 2 drills up per session


def test_answers_not_given_are_pending(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(data_dir, easy_session(2), easy_session(1))
    code, out, err = run(capsys, "plan", PROGRAM, "--json")
    assert code == 0, err
    drills = drills_json(out)
    assert not any(d["changed"] for d in drills)
    assert drills[0]["pending"][0]["rule"] == "3.progression.6"


def test_text_shows_each_dose_and_the_reason(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(data_dir, easy_session(2), easy_session(1))
    code, out, err = run(capsys, "plan", PROGRAM, "--checkin", "3", "--followup", "same", "--leg", "none")
    assert code == 0, err
    out = out
    assert out.startswith("Today's plan for Back pain essentials\n")
    assert " 1. Segmental pelvic rolls: 2 x 6 reps" in out
    assert "    today: 2 x 8 reps" in out
    assert "2 more reps: it felt too easy in your last two sessions and your back was the same the next day" in out


def test_a_flare_day_is_said(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(data_dir, easy_session(2), easy_session(1))
    code, out, err = run(capsys, "plan", PROGRAM, "--checkin", "8")
    assert code == 0, err
    assert "Flare day: half the usual amount" in out


def test_a_flare_day_in_a_program_that_does_not_adapt_says_the_doses_stay(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "fixed.toml"
    program.write_text('id = "fixed"\nname = "Fixed"\ndescription = "d"\nadapt = false\n\n[[drills]]\nid = "cat-camel"\n')
    code, out, err = run(capsys, "plan", str(program), "--checkin", "8")
    assert code == 0, err
    assert "Flare day: this program keeps its doses as written" in out
    assert "half the usual amount" not in out and "    today: as planned" in out


def test_it_reads_without_writing_or_locking(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(data_dir, easy_session(1))
    before = folder_state(data_dir)
    code, out, err = run(capsys, "plan", PROGRAM)
    assert code == 0, err
    assert folder_state(data_dir) == before


def test_an_empty_journal_plans_the_program(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", PROGRAM, "--json")
    assert code == 0, err
    assert not any(d["changed"] for d in drills_json(out))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["plan", "nope"], "unknown program 'nope'"),
        (["plan", PROGRAM, "--checkin", "11"], "11 is not a pain score from 0 to 10"),
        (["plan", PROGRAM, "--checkin", "x"], "'x' is not a whole number from 0 to 10"),
        (["plan", PROGRAM, "--followup", "fine"], "invalid choice: 'fine'"),
        (["plan", PROGRAM, "--leg", "foot"], "invalid choice: 'foot'"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert_one_line_error(err)
    assert words in err


def test_an_unreadable_journal_is_one_sentence(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "journal.json").write_bytes(b"{not json")
    code, out, err = run(capsys, "plan", PROGRAM)
    assert code == 2, err
    assert_one_line_error(err)
    assert "cannot be read" in err


FLEXION_SENSITIVE_QUIZ = {
    "worse_sitting_or_bending": True,
    "better_walking_or_lying_face_down": True,
    "worse_standing_or_walking": False,
    "better_sitting_or_leaning_forward": False,
    "over_50": False,
    "leg": "thigh",
}
OWN_PROFILE_PROGRAM = """
id = "own-profile"
name = "Own profile"
description = "A physiotherapist's program with a direction profile."

[profile]
eases = "flexion"

[[drills]]
id = "segmental-rolls"
"""


def save_quiz(value: object) -> None:
    Settings(profile=value).save(paths.settings_path())


def test_the_quiz_profile_is_followed_and_said_provisional(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_quiz(FLEXION_SENSITIVE_QUIZ)
    code, out, err = run(capsys, "plan", PROGRAM, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["profile"] == {
        "eases": "extension",
        "limits": {"flexion": "small"},
        "leg": "thigh",
        "provisional": True,
    }
    first = data["drills"][0]  # segmental pelvic rolls bend forward further than small: swapped in its chain
    assert first["changed"] and first["reasons"][0]["rule"] == "4.direction"
    code, out, err = run(capsys, "plan", PROGRAM)
    assert code == 0, err
    assert out.splitlines()[1] == (
        "Direction (provisional, from your symptom quiz; a physiotherapist's profile replaces it): "
        "arching back may ease it; limited: bending forward (small)."
    )


def test_no_quiz_and_no_program_profile_is_no_profile(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", PROGRAM, "--json")
    assert code == 0, err
    assert json.loads(out)["profile"] is None
    assert not any(d["changed"] for d in drills_json(out))
    code, out, err = run(capsys, "plan", PROGRAM)
    assert "Direction" not in out


def test_damaged_quiz_answers_are_no_profile(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_quiz({**FLEXION_SENSITIVE_QUIZ, "over_50": "no"})
    code, out, err = run(capsys, "plan", PROGRAM, "--json")
    assert code == 0, err
    assert json.loads(out)["profile"] is None


def test_a_programs_own_profile_replaces_the_quiz(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_quiz(FLEXION_SENSITIVE_QUIZ)
    program_file = tmp_path / "own.toml"
    program_file.write_text(OWN_PROFILE_PROGRAM)
    code, out, err = run(capsys, "plan", str(program_file), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["profile"] == {"eases": "flexion", "limits": {}, "leg": None, "provisional": False}
    assert not data["drills"][0]["changed"]  # the quiz's flexion limit is not applied
    code, out, err = run(capsys, "plan", str(program_file))
    assert (
        "Direction (this program's profile): bending forward may ease it; limited: arching back (small)."
        in out
    )
