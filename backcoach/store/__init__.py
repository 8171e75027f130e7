"""The TinyDB journal: atomic storage, schema, migrations, recovery, lock.

No Textual here: the CLI uses this package for non-TUI commands. Names are
resolved lazily so ``import backcoach.store`` stays cheap and TinyDB is only
imported by code that actually opens a journal.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Journal": "journal",
    "CURRENT_SESSION_NAME": "journal",
    "AtomicJSONStorage": "storage",
    "StoreError": "errors",
    "JournalLocked": "errors",
    "StoreWriteError": "errors",
    "JournalWriteError": "errors",
    "SettingsWriteError": "errors",
    "JournalUnreadable": "errors",
    "SessionStateError": "errors",
    "CURRENT_SCHEMA_VERSION": "schema",
    "FINAL_STATUSES": "schema",
    "MIGRATIONS": "schema",
    "migrate": "schema",
    "now_iso": "timefmt",
    "load_settings": "settings",
    "save_settings": "settings",
    "DEFAULT_SETTINGS": "settings",
    "export_json": "export",
    "export_csv": "export",
    "CSV_COLUMNS": "export",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from .errors import (
        JournalLocked,
        JournalUnreadable,
        JournalWriteError,
        SessionStateError,
        SettingsWriteError,
        StoreError,
        StoreWriteError,
    )
    from .export import CSV_COLUMNS, export_csv, export_json
    from .journal import CURRENT_SESSION_NAME, Journal
    from .schema import CURRENT_SCHEMA_VERSION, FINAL_STATUSES, MIGRATIONS, migrate
    from .settings import DEFAULT_SETTINGS, load_settings, save_settings
    from .storage import AtomicJSONStorage
    from .timefmt import now_iso


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
