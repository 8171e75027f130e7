"""The year calendar: one character per day, weeks as columns.

53 columns of shaded blocks plus a 4-character row label fit in 60 columns;
narrower, the oldest weeks are left out (this week always shows).
Shading alone carries the meaning (so ``NO_COLOR`` terminals can read it,
with the legend in words underneath); the colours come from component
classes that the app's themes style.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from backcoach.coach.history import LEGEND, LEGEND_TODAY, Heatmap

ROW_LABELS = ("Mon ", "    ", "Wed ", "    ", "Fri ", "    ", "Sun ")
LABEL_WIDTH = 4


class CalendarHeatmap(Widget):
    COMPONENT_CLASSES = {
        "calendar--label",
        "calendar--level-0",
        "calendar--level-1",
        "calendar--level-2",
        "calendar--level-3",
        "calendar--level-4",
        "calendar--today",
    }
    DEFAULT_CSS = """
    CalendarHeatmap { height: 9; width: 100%; text-wrap: nowrap; text-overflow: clip; }
    CalendarHeatmap > .calendar--label { color: $text-muted; }
    CalendarHeatmap > .calendar--level-0 { color: $text-muted 40%; }
    CalendarHeatmap > .calendar--level-1 { color: $success 55%; }
    CalendarHeatmap > .calendar--level-2 { color: $success 75%; }
    CalendarHeatmap > .calendar--level-3 { color: $success; }
    CalendarHeatmap > .calendar--level-4 { color: $success; text-style: bold; }
    CalendarHeatmap > .calendar--today { text-style: reverse bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.heatmap: Heatmap | None = None

    def show(self, heatmap: Heatmap) -> None:
        self.heatmap = heatmap
        self.refresh()

    def render(self) -> Text:
        heatmap = self.heatmap
        if heatmap is None:
            return Text("")
        label_style = self.get_component_rich_style("calendar--label")
        levels = [self.get_component_rich_style(f"calendar--level-{n}") for n in range(5)]
        today_style = self.get_component_rich_style("calendar--today")
        text = Text(no_wrap=True, overflow="crop")
        # Too narrow for the whole year: drop the oldest weeks, never this one.
        room = max(1, self.size.width - LABEL_WIDTH) if self.size.width else len(heatmap.weeks)
        skip = max(0, len(heatmap.weeks) - room)
        months = [" "] * (LABEL_WIDTH + len(heatmap.weeks) - skip + 3)
        for column, name in heatmap.month_labels:
            if column < skip:
                continue
            start = LABEL_WIDTH + column - skip
            months[start : start + len(name)] = name
        text.append("".join(months).rstrip() + "\n", label_style)
        for weekday, row in enumerate(heatmap.rows()):
            text.append(ROW_LABELS[weekday], label_style)
            for cell in row[skip:]:
                style = levels[cell.level]
                if cell.today:
                    style = style + today_style
                text.append(cell.char, style)
            text.append("\n")
        # The note about today goes only where it fits (60 columns: not).
        fits = self.size.width >= len(LEGEND) + len(LEGEND_TODAY)
        text.append(LEGEND + (LEGEND_TODAY if fits else ""), label_style)
        return text
