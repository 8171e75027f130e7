"""Build the app's services from disk and run it, turning every start-up
failure (a bad program, a locked or unreadable journal) into one sentence."""

from __future__ import annotations

import sys

from backcoach.content.library import default_library
from backcoach.content.programs import builtin_programs, find_program, imported_programs
from backcoach.store.deferred import DeferredJournal
from backcoach.store.settings import load_settings, save_settings


def launch(program_ref: str | None, speed: float, no_sound: bool, start: str) -> int:
    library = default_library()
    imported, problems = imported_programs(library)
    notices = [f"Skipped an imported program: {problem}" for problem in problems]
    imported_ids = {p.id for p in imported}
    programs = [p for p in builtin_programs(library) if p.id not in imported_ids] + imported
    start_program = find_program(program_ref, library) if program_ref else None
    settings = load_settings()
    if no_sound:
        settings["muted"] = True
    # The lock is taken now (a second backcoach is refused before any screen);
    # the journal itself is read by the app's history worker.
    with DeferredJournal() as journal:
        from backcoach.tui.app import BackcoachApp, Services

        services = Services(
            library=library,
            programs=programs,
            journal=journal,
            settings=settings,
            save_settings=save_settings,
            notices=notices,
        )
        app = BackcoachApp(services, speed=speed, start_program=start_program, start=start)
        app.run()
    if app.return_code not in (0, None):
        print("backcoach: the app stopped unexpectedly; your saved sessions are safe.", file=sys.stderr)
        return 1
    return 0
