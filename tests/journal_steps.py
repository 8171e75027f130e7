"""A session built one step at a time, for the store's tests.

The app saves whole documents (``Journal.save_session``, from the engine's
``document()``). Many store tests are about one step of a session (a drill
saved, a finish whose filing fails, a change meant for another session):
these helpers take the session in progress, change one thing and save the
whole of it, as the app does, so each test still says only its step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backcoach.store.documents import check_final_status
from backcoach.store.errors import SessionStateError
from backcoach.store.journal import Journal
from backcoach.store.schema import RUNNING
from backcoach.store.timefmt import now_iso


def start_session(journal: Journal, doc: Mapping[str, Any]) -> str:
    """Save ``doc`` as a new running session; returns its id.

    Refused while another session runs (``save_session`` would too, for
    another id) and for an id already filed.
    """
    current = journal.current_session()
    if current is not None and current["status"] == RUNNING:
        raise SessionStateError(f"Session {current['id']!r} is still in progress; finish it first.")
    if doc.get("id") is not None and journal.session(str(doc["id"])) is not None:
        raise ValueError(f"A session with id {doc['id']!r} is already in the journal.")
    journal.save_session(dict(doc, status=RUNNING))
    current = journal.current_session()
    assert current is not None
    return str(current["id"])


def record_drill(journal: Journal, session_id: str, drill: Mapping[str, Any]) -> None:
    current = _running(journal, session_id)
    if not isinstance(drill, Mapping):
        raise TypeError("A drill record must be a mapping of field names to values.")
    journal.save_session(dict(current, drills=[*current["drills"], dict(drill)]))


def update_session(journal: Journal, session_id: str, **fields: Any) -> None:
    current = _running(journal, session_id)
    reserved = {"id", "drills", "status", "ended_at"} & fields.keys()
    if reserved:
        raise ValueError(f"update_session cannot change {', '.join(sorted(reserved))}.")
    journal.save_session(dict(current, **fields))


def finish_session(
    journal: Journal,
    session_id: str,
    status: str,
    ended_at: str | None = None,
    final_pain: int | None = None,
) -> dict[str, Any]:
    """End the session in progress (or retry a finish whose filing failed)."""
    check_final_status(status)
    current = _current(journal, session_id)
    finished = dict(current, status=status, ended_at=ended_at or now_iso())
    if final_pain is not None:
        finished["final_pain"] = final_pain
    journal.save_session(finished)
    stored = journal.session(session_id)
    assert stored is not None
    return stored


def _current(journal: Journal, session_id: str) -> dict[str, Any]:
    current = journal.current_session()
    if current is None:
        raise SessionStateError(f"Session {session_id!r} is not in progress.")
    if current["id"] != session_id:
        raise SessionStateError(
            f"Session {session_id!r} is not the one in progress ({current['id']!r}); its change was not applied."
        )
    return current


def _running(journal: Journal, session_id: str) -> dict[str, Any]:
    current = _current(journal, session_id)
    if current["status"] != RUNNING:
        raise SessionStateError(f"Session {session_id!r} is not in progress.")
    return current
