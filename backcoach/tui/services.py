"""What the app is built from, outside Textual: injectable, so a test hands in
a temp journal, a fake clock and a fixed day."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from backcoach.coach.clock import Clock, MonotonicClock, ScaledClock
from backcoach.content.education import Card, shipped_cards
from backcoach.content.library import Library
from backcoach.content.model import Program
from backcoach.store.settings import Settings
from backcoach.store.timefmt import now_iso

if TYPE_CHECKING:  # imported by ``backcoach review`` alone: plain start-up does not pay for it
    from backcoach.store.export_read import ReviewedExport


@dataclass
class Services:
    """Everything the screens need from outside Textual, injectable in tests."""

    library: Library
    programs: list[Program]
    journal: Any
    settings: Settings
    save_settings: Callable[[Settings], None] = Settings.save
    make_clock: Callable[[float], Clock] = field(
        default=lambda speed: MonotonicClock() if speed == 1 else ScaledClock(speed)
    )
    today: Callable[[], date] = date.today
    wall_time: Callable[[], str] = now_iso
    notices: list[str] = field(default_factory=list)
    #: The education cards, read when a session starts or Learn opens (not at start-up).
    load_cards: Callable[[], tuple[Card, ...]] = shipped_cards
    #: ``backcoach review FILE``: the patient's export, which is also ``journal``.
    #: The app then shows History alone, on its sessions, and offers nothing that writes.
    review: ReviewedExport | None = None

    def planned_days(self) -> dict[str, int]:
        """Program id -> planned days per week, for programs that set one.

        In a review the patient's own sessions say it (each records its
        program's ``days_per_week``), whatever this computer has installed.
        """
        installed = {p.id: p.days_per_week for p in self.programs if p.days_per_week}
        if self.review is None:
            return installed
        return {**installed, **recorded_plans(self.review.sessions())}


def recorded_plans(sessions: list[dict[str, Any]]) -> dict[str, int]:
    """Program id -> the days per week its latest session recorded (sessions oldest first)."""
    plans: dict[str, int] = {}
    for session in sessions:
        program = session.get("program")
        if isinstance(program, dict) and isinstance(program.get("id"), str):
            days = program.get("days_per_week")
            if type(days) is int and 1 <= days <= 7:
                plans[program["id"]] = days
    return plans


def keep_settings_in_memory(settings: Settings) -> None:
    """A review's ``save_settings``: ``m`` or high contrast still hold until the
    review closes, but the clinic laptop's settings file is left as it was."""
