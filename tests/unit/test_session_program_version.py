"""Every session records which version of the program was done (its content
hash) and whether the physiotherapist had locked it; older rows, without
them, still read, and the CSV export carries both in its last columns."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest
from factories import make_drill, make_program

from backcoach import paths
from backcoach.coach.clock import FakeClock
from backcoach.coach.session import SessionEngine
from backcoach.store.export import CSV_COLUMNS, export_csv, export_json
from backcoach.store.journal import Journal
from backcoach.store.model import session_problem
from backcoach.store.timefmt import now_iso

PROGRAM = dataclasses.replace(make_program(make_drill("cat-camel")), locked=True)


def engine(program_hash: str | None) -> SessionEngine:
    return SessionEngine(
        PROGRAM, FakeClock(), easier_of=lambda d: None, needs_safety_check=False, wall_time=now_iso, program_hash=program_hash
    )


def test_the_document_records_the_hash_given_and_the_lock() -> None:
    doc = engine("0123456789ab").document()
    assert doc["program"] == {"id": "test", "name": "Test program", "hash": "0123456789ab", "locked": True, "days_per_week": PROGRAM.days_per_week}
    assert session_problem(doc) is None


def test_an_engine_given_no_hash_records_none() -> None:
    assert engine(None).document()["program"]["hash"] is None


def older_row() -> dict[str, Any]:
    doc = engine("0123456789ab").document()
    doc["program"] = {"id": "test", "name": "Test program"}  # as sessions before the hash were stored
    return doc


def test_an_older_row_without_hash_or_lock_still_fits() -> None:
    assert session_problem(older_row()) is None


@pytest.mark.parametrize(
    ("key", "value"), [("hash", 12), ("hash", "x" * 65), ("locked", "yes")], ids=["number", "too-long", "text-lock"]
)
def test_a_program_hash_or_lock_of_the_wrong_kind_is_set_aside(key: str, value: object) -> None:
    doc = engine("0123456789ab").document()
    doc["program"][key] = value
    problem = session_problem(doc)
    assert problem is not None and problem.startswith(f"program.{key}")


def test_the_journal_keeps_both_and_reads_older_rows(tmp_path: Path) -> None:
    paths.set_data_dir(tmp_path)
    try:
        journal = Journal.open()
        try:
            new = engine("0123456789ab").document()
            new["status"] = "completed"
            journal.record_standalone(new)
            journal.record_standalone(older_row() | {"id": "older", "status": "completed"})
        finally:
            journal.close()
        journal = Journal.open()
        try:
            programs = {doc["id"]: doc["program"] for doc in journal.sessions()}
        finally:
            journal.close()
    finally:
        paths.set_data_dir(None)
    assert programs[new["id"]] == {"id": "test", "name": "Test program", "hash": "0123456789ab", "locked": True, "days_per_week": PROGRAM.days_per_week}
    assert programs["older"] == {"id": "test", "name": "Test program"}


def test_csv_has_the_hash_and_lock_last_and_blank_for_older_rows() -> None:
    assert CSV_COLUMNS[-2:] == ("program_hash", "program_locked")
    rows = list(csv.DictReader(io.StringIO(export_csv([engine("0123456789ab").document(), older_row()]))))
    assert [(row["program_hash"], row["program_locked"]) for row in rows] == [("0123456789ab", "true"), ("", "")]


def test_json_export_has_the_document_as_recorded() -> None:
    import json

    (exported,) = json.loads(export_json([engine("0123456789ab").document()]))
    assert exported["program"]["hash"] == "0123456789ab" and exported["program"]["locked"] is True
