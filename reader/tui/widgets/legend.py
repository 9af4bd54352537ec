"""The legend: each hedge category and boosters with their counts, switched on and off.

In the manner of Hemingway's sidebar: the counts tell a reader what kind of caution a
text uses before they read it. Space, Enter or the category's digit key hides or shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from reader.hedging import BOOSTER, CATEGORIES
from reader.tui.widgets.row_list import RowList

#: The digit key that toggles each category, in legend order.
TOGGLE_KEYS = {category: str(number) for number, category in enumerate(CATEGORIES, start=1)}


def short_label(category: str) -> str:
    return "booster" if category == BOOSTER else category


@dataclass(frozen=True, slots=True)
class LegendRow:
    kind: str  # a category, or "hit" for search hits
    count: int
    hidden: bool = False


class Legend(RowList):
    """One row per category with its count; hidden categories are struck through."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *RowList.BINDINGS[:-1],
        Binding("space,enter", "toggle", "Show / hide this category", id="legend.toggle"),
    ]

    class Toggled(Message):
        def __init__(self, category: str) -> None:
            self.category = category
            super().__init__()

    def update(self, counts: dict[str, int], hits: int, hidden: set[str] | frozenset[str]) -> None:
        rows = [LegendRow(c, counts.get(c, 0), c in hidden) for c in CATEGORIES]
        if hits:
            rows.append(LegendRow("hit", hits))
        self.set_rows(rows)

    def render_row(self, row: LegendRow, width: int) -> Text:
        text = Text(no_wrap=True)
        if row.kind == "hit":
            text.append("    n ")
            text.append("search hits", style=self.style_for("hit"))
        else:
            text.append("[ ] " if row.hidden else "[x] ")
            text.append(f"{TOGGLE_KEYS[row.kind]} ")
            label = Text(short_label(row.kind))
            label.stylize("strike dim" if row.hidden else self.style_for(row.kind))
            text.append_text(label)
        count = f"{row.count:,}" if not row.hidden else "off"
        text.append(" " * max(width - text.cell_len - len(count), 1) + count)
        return text

    def action_toggle(self) -> None:  # type: ignore[override]  # not DOMNode.toggle(attribute)
        if 0 <= self.cursor < len(self.rows) and self.rows[self.cursor].kind != "hit":
            self.post_message(self.Toggled(self.rows[self.cursor].kind))
