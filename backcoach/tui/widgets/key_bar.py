"""A one-line bar of the keys that work on the current screen.

Textual's ``Footer`` builds a styled widget per key and rebuilds them all
whenever bindings change; on the home screen that alone cost 60-75 ms of
start-up (see ``tests/bench/launch.py``). This bar draws the same
information as one line of text from ``screen.active_bindings`` and
redraws on the same signal the Footer listens to. When the line is too
long, later keys are dropped whole rather than cut mid-word; ``?`` lists
them all.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


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
        width = self.size.width
        text = Text(no_wrap=True, overflow="crop")
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            key = f" {self.app.get_key_display(binding)} "
            label = f"{binding.description} "
            if width and text.cell_len + len(key) + len(label) > width:
                break
            text.append(key, style=key_style)
            text.append(label)
        return text
