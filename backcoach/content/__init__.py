"""Drill library and program files: load, validate, write (no Textual here)."""
