"""Build the app's services from disk and run it, turning every start-up
failure (a bad program, a locked or unreadable journal) into one sentence."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from backcoach.tui.closing import EXIT_UNSAVED

if TYPE_CHECKING:
    from backcoach.store.export_read import ReviewedExport


@contextlib.contextmanager
def _long_lived_imports() -> Iterator[None]:
    """Pause the cyclic GC while the app and what it starts with are loaded, then freeze them.

    Importing Textual and the app creates ~60,000 objects that live as long
    as the process (modules, classes, their dicts), plus the checked drills
    and programs, and almost no garbage (~600 objects). With the GC running,
    its collections during start-up walk them again and again; measured,
    that was ~10 ms of the launch. Frozen, later collections skip them too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


#: Exit status for "cannot run here" (as for any usage error).
EXIT_USAGE = 2
NO_TERMINAL = (
    "backcoach: the app needs a terminal, and its {which} is not one; run it in a terminal "
    "window (drills, programs, history export, handout and doctor work anywhere)."
)


def terminal_problem() -> str | None:
    """Why the app cannot run here, or None.

    Textual reads keys from stdin and draws on stdout; piped or redirected
    (a script, cron, ``< /dev/null``), it used to wait forever. Checked
    before anything is imported or locked.
    """
    for which, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            attached = stream is not None and stream.isatty()
        except (ValueError, OSError):  # closed or detached
            attached = False
        if not attached:
            return NO_TERMINAL.format(which=which)
    return None


def _tell(sentence: str) -> None:
    """One line on stderr, which may be a terminal that is gone (SIGHUP)."""
    try:
        print(f"backcoach: {sentence}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def launch(
    program_ref: str | None,
    speed: float,
    no_sound: bool,
    start: str,
    no_voice: bool = False,
    review: ReviewedExport | None = None,
) -> int:
    """Run the app; with ``review`` (``backcoach review FILE``) on that export's
    sessions instead of the journal: no lock, no journal, no cache or settings written."""
    problem = terminal_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    with contextlib.ExitStack() as stack:
        with _long_lived_imports():
            from backcoach.content.cache import load_startup_content
            from backcoach.content.catalog import merge_programs
            from backcoach.store.deferred import DeferredJournal
            from backcoach.store.settings import Settings, settings_problem

            # Checked drills and programs, usually from the content cache (see there).
            content = load_startup_content(save=review is None)
            library = content.library
            notices = [f"Skipped an imported program: {problem}" for problem in content.problems]
            programs = merge_programs(content.builtins, content.imported)
            start_program = None
            if program_ref:
                from backcoach.content.programs import find_program

                start_program = find_program(program_ref, library)
            settings = Settings.load()
            unsafe_settings = settings_problem()  # a link or FIFO there: defaults, and say so
            if unsafe_settings:
                notices.append(unsafe_settings)
            if no_sound:
                settings.muted = True
            if no_voice:
                settings.voice = False
            # The lock is taken now (a second backcoach is refused before any
            # screen); the journal itself is read by the app's history worker.
            journal = stack.enter_context(DeferredJournal()) if review is None else review
            from backcoach.tui.app import BackcoachApp
            from backcoach.tui.services import Services, keep_settings_in_memory

        services = Services(
            library=library,
            programs=programs,
            journal=journal,
            settings=settings,
            notices=notices,
            save_settings=Settings.save if review is None else keep_settings_in_memory,
            review=review,
        )
        app = BackcoachApp(services, speed=speed, start_program=start_program, start=start)
        app.run()
    if app.return_code == EXIT_UNSAVED:
        _tell(app.closing.unsaved_sentence or "some of your session could not be saved.")
        return EXIT_UNSAVED
    if app.return_code not in (0, None):
        print("backcoach: the app stopped unexpectedly; your saved sessions are safe.", file=sys.stderr)
        return EXIT_USAGE
    return 0
