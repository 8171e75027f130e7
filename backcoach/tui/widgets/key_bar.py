"""A one-line bar of the keys that work on the current screen.

Textual's ``Footer`` builds a styled widget per key and rebuilds them all
whenever bindings change; on the home screen that alone cost 60-75 ms of
start-up (see ``tests/bench/launch.py``). This bar draws the same
information as one line of text from ``screen.active_bindings`` and
redraws on the same signal the Footer listens to. When the line is too
long, keys are dropped whole rather than cut mid-word, and never the ones in
``KEEP_KEYS`` (quit, help, mute: the way out, the way to every other key,
and silence); ``?`` lists them all.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

#: Keys that stay on a narrow bar while there is room for them, in this order
#: of importance; the others fill what is left, in the screen's order.
KEEP_KEYS = ("q", "question_mark", "m")


@runtime_checkable
class DescribesKeys(Protocol):
    """An app whose key labels change with its state (``m``: Mute, Unmute, No sound)."""

    def binding_description(self, action: str, description: str) -> str: ...


def fit_keys(items: list[tuple[str, int]], width: int) -> list[int]:
    """Which of ``items`` (key, cells) fit in ``width``: the indexes, in order.

    ``KEEP_KEYS`` are placed first, then every other item that still fits,
    so a long bar loses its least important keys instead of its tail.
    """
    if not width or sum(cells for _key, cells in items) <= width:
        return list(range(len(items)))
    rank = {key: n for n, key in enumerate(KEEP_KEYS)}
    order = sorted(range(len(items)), key=lambda i: (rank.get(items[i][0], len(rank)), i))
    chosen: list[int] = []
    room = width
    for i in order:
        if items[i][1] <= room:
            chosen.append(i)
            room -= items[i][1]
    return sorted(chosen)


class KeyBar(Widget):
    COMPONENT_CLASSES = {"key-bar--key"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    KeyBar > .key-bar--key {
        color: $accent;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        shown: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        app = self.app
        describe = app.binding_description if isinstance(app, DescribesKeys) else None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            label = binding.description if describe is None else describe(binding.action, binding.description)
            shown.append((binding.key, f" {app.get_key_display(binding)} ", f"{label} "))
        text = Text(no_wrap=True, overflow="crop")
        fitting = fit_keys([(key, len(display) + len(label)) for key, display, label in shown], self.size.width)
        for i in fitting:
            _key, display, label = shown[i]
            text.append(display, style=key_style)
            text.append(label)
        return text
