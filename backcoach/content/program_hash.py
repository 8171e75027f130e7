"""A program's content hash: one short string that changes when the exercises change.

Every session records it (with the program's id), so a report can show on
which day the installed program changed. It is taken over the program as
:func:`program_to_toml` writes it (comments and layout of the file do not
count) without the people and dates of :class:`ProgramMeta`: a new review
date or a note for the clinician is not a change of the exercises.
"""

from __future__ import annotations

import dataclasses
import hashlib

from backcoach.content.model import Program, ProgramMeta
from backcoach.content.programs import program_to_toml

#: Hex digits kept: 12 (48 bits) tell a patient's few versions apart with room to spare.
HASH_LENGTH = 12


def program_hash(program: Program) -> str:
    """The hex digest of the program's exercises and settings (see the module docstring)."""
    canonical = program_to_toml(dataclasses.replace(program, meta=ProgramMeta()))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]
