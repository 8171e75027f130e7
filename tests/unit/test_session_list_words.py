"""How History's session detail names each drill record's status."""

from __future__ import annotations

import pytest

from backcoach.coach.session_list import drill_rows


@pytest.mark.parametrize(
    ("record", "shown"),
    [
        ({"status": "done"}, "done"),
        ({"status": "partial"}, "partly done"),
        ({"status": "easier", "replaced_by": "pelvic-tilt"}, "easier"),
        ({"status": "partial_easier", "replaced_by": "pelvic-tilt"}, "easier, partly"),
        ({"status": "skipped", "leg_spread": True}, "skipped, leg spread"),
        ({"status": "something-new"}, "something-new"),
        ({}, "-"),
    ],
)
def test_drill_status_words(record: dict[str, object], shown: str) -> None:
    (row,) = drill_rows({"drills": [{"drill_id": "cat-camel", **record}]}, {"cat-camel": "Cat-camel"})
    assert row.status == shown
