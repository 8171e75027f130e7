"""Who a program is for, who set it, until when, and the clinician's private notes.

A physiotherapist's program file may carry ``patient`` (the name printed on
the handout), ``clinician`` (shown on Home and the handout), ``review_on``
(the follow-up date: past it, Home suggests checking in with the physio)
and ``notes`` (kept in the file for the clinician, never printed on a
handout or shown to the patient). Checked as strictly as the rest of the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from backcoach.content.model import ProgramMeta
from backcoach.content.tomlwrite import toml_value
from backcoach.content.validate import Checker, take_text

META_KEYS = ("patient", "clinician", "review_on", "notes")
NAME_MAX = 60
NOTES_MAX = 2000
DATE_MESSAGE = "must be a date, like review_on = 2027-01-31"


def take_meta(ck: Checker, data: Mapping[str, Any]) -> ProgramMeta:
    """The meta fields of a program file's top level; problems go to ``ck``."""
    patient = take_text(ck, data, "patient", "", max_len=NAME_MAX, required=False)
    clinician = take_text(ck, data, "clinician", "", max_len=NAME_MAX, required=False)
    notes = take_text(ck, data, "notes", "", max_len=NOTES_MAX, min_len=0, single_line=False, required=False)
    return ProgramMeta(
        patient=patient or "",
        clinician=clinician or "",
        review_on=_take_date(ck, data),
        notes=notes or "",
    )


def _take_date(ck: Checker, data: Mapping[str, Any]) -> dt.date | None:
    """``review_on`` as a TOML date (``2027-01-31``) or the same date in quotes."""
    if "review_on" not in data:
        return None
    value = data["review_on"]
    if isinstance(value, dt.datetime):
        ck.add("review_on", DATE_MESSAGE + " (a date without a time)")
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    ck.add("review_on", DATE_MESSAGE)
    return None


def meta_toml_lines(meta: ProgramMeta) -> list[str]:
    """The meta fields that are set, as program-file lines (``review_on`` as a TOML date)."""
    lines = []
    if meta.patient:
        lines.append(f"patient = {toml_value(meta.patient)}")
    if meta.clinician:
        lines.append(f"clinician = {toml_value(meta.clinician)}")
    if meta.review_on is not None:
        lines.append(f"review_on = {meta.review_on.isoformat()}")
    if meta.notes:
        lines.append(f"notes = {toml_value(meta.notes)}")
    return lines


def review_due(meta: ProgramMeta, today: dt.date) -> bool:
    """True once the review date has passed: time to check in with the physiotherapist."""
    return meta.review_on is not None and today > meta.review_on
