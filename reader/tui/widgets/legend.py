"""The legend: each hedge category and boosters with their counts, switched on and off,
then the finding sentences by claim strength.

In the manner of Hemingway's sidebar: the counts tell a reader what kind of caution a
text uses before they read it. Space, Enter or the category's digit key hides or shows it;
Space or Enter on a claim strength hides or shows its cue marks (``8``: all of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from reader.hedging import BOOSTER, CATEGORIES
from reader.hedging.claims import LABEL_NAMES
from reader.tui.claims_marks import CLAIM_KINDS, LEGEND_LABELS, NO_CLAIM
from reader.tui.widgets.row_list import RowList

#: The digit key that toggles each category, in legend order.
TOGGLE_KEYS = {category: str(number) for number, category in enumerate(CATEGORIES, start=1)}
#: The key that hides or shows every claim strength's marks at once.
CLAIMS_KEY = str(len(CATEGORIES) + 1)
#: The legend row of sentences that state no finding (nothing to mark, nothing to hide).
NO_CLAIM_ROW = "claim-none"


def short_label(category: str) -> str:
    return "booster" if category == BOOSTER else category


@dataclass(frozen=True, slots=True)
class LegendRow:
    kind: str  # a category, "hit" for search hits, a claim mark kind or NO_CLAIM_ROW
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

    def update(
        self,
        counts: dict[str, int],
        hits: int,
        hidden: set[str] | frozenset[str],
        claims: dict[str, int] | None = None,
    ) -> None:
        """``claims``: finding sentences per claim label (``no_claim``: the other sentences)."""
        rows = [LegendRow(c, counts.get(c, 0), c in hidden) for c in CATEGORIES]
        if hits:
            rows.append(LegendRow("hit", hits))
        for label in LEGEND_LABELS if claims is not None else ():
            kind = CLAIM_KINDS.get(label, NO_CLAIM_ROW)
            rows.append(LegendRow(kind, (claims or {}).get(label, 0), kind in hidden))
        self.set_rows(rows)

    def render_row(self, row: LegendRow, width: int) -> Text:
        text = Text(no_wrap=True)
        if row.kind == "hit":
            text.append("    n ")
            text.append("search hits", style=self.style_for("hit"))
        elif row.kind == NO_CLAIM_ROW:
            text.append("      ")
            text.append(f"{LABEL_NAMES[NO_CLAIM]} (sentences)", style="dim")
        elif row.kind not in TOGGLE_KEYS:  # a claim strength
            text.append("[ ] " if row.hidden else "[x] ")
            text.append(f"{CLAIMS_KEY} ")
            label = Text(_claim_label(row.kind))
            label.stylize("strike dim" if row.hidden else self.style_for(row.kind))
            text.append_text(label)
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
        if 0 <= self.cursor < len(self.rows):
            kind = self.rows[self.cursor].kind
            if kind not in ("hit", NO_CLAIM_ROW):
                self.post_message(self.Toggled(kind))


def _claim_label(kind: str) -> str:
    label = next(label for label, k in CLAIM_KINDS.items() if k == kind)
    return LABEL_NAMES[label]
