"""The TinyDB journal: atomic storage, schema, migrations, recovery, lock.

No Textual here: the CLI uses this package for non-TUI commands. Import the
modules directly (``backcoach.store.journal``, ``.export``, ``.settings``) so
TinyDB is only loaded by code that opens a journal.
"""
