"""The side panel beside the text: the legend, then tabs for claims, outline and bookmarks.

Every list jumps to its place in the text on Enter; all of them are built from the
marks, so hiding a category in the legend hides its claims and its counts too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import AwaitMount
from textual.widgets import Static, TabbedContent, TabPane

from reader.reading.analysis import PanelSentence, Section
from reader.safe_text import printable
from reader.tui.claims_marks import CLAIM_KINDS, TAGS
from reader.tui.contrast import readable
from reader.tui.widgets.legend import Legend
from reader.tui.widgets.row_list import RowList

_BAR = " ▏▎▍▌▋▊▉█"
_TAG = 8  # cells for the category tag in front of a claim
_STRENGTH = 6  # cells for the claim-strength tag in front of that
#: Short tags, so a narrow panel still shows most of each claim.
_TAGS = {
    "modal": "modal",
    "epistemic": "epist",
    "probability": "prob",
    "approximator": "approx",
    "tentative": "tent",
    "attribution": "attrib",
    "booster": "BOOST",
}


class ClaimsList(RowList):
    """Every finding sentence and every hedged or boosted one, in order, tagged with its
    claim strength (CAUSE, cond?, corr) and its hedge categories; the one under the cursor
    is shown in full, wrapped, in ``detail`` below the list."""

    text = ""
    detail: Static | None = None

    def cursor_moved(self) -> None:
        if self.detail is None or not self.detail.is_mounted:
            return
        if not 0 <= self.cursor < len(self.rows):
            self.detail.update("")
            self.detail.display = False
            return
        claim: PanelSentence = self.rows[self.cursor]
        sentence = Text(printable(self.text[claim.start : claim.end]).replace("\n", " "))
        base = self.detail.rich_style
        for hedge in claim.hedges:
            style = readable(base + self.style_for(hedge.category), self.app.ansi_theme)
            sentence.stylize(style, hedge.start - claim.start, hedge.end - claim.start)
        self.detail.update(sentence)
        self.detail.display = True

    def render_row(self, claim: PanelSentence, width: int) -> Text:
        categories = claim.categories
        row = Text(no_wrap=True)
        finding = claim.finding
        if finding is not None:
            strength = TAGS[finding.label]
            row.append(strength, style=self.style_for(CLAIM_KINDS[finding.label]))
            row.append(" " * (_STRENGTH - len(strength)))
        else:
            row.append(" " * _STRENGTH)
        if categories:
            tag = _TAGS.get(categories[0], categories[0]) + ("+" if len(categories) > 1 else "")
            row.append(tag, style=self.style_for(categories[0]))
            row.append(" " * max(_TAG - len(tag), 1))
        else:
            row.append(" " * _TAG)
        room = max(width - _TAG - _STRENGTH, 10)
        start, end = claim.start, claim.end
        first = claim.first_mark
        if first - start > room * 2 // 3:  # keep the first hedge in sight
            start = max(first - room // 3, start)
            while start > claim.start and not self.text[start - 1].isspace():
                start += 1
        excerpt = Text(printable(self.text[start:end]).replace("\n", " "))
        if start > claim.start:
            excerpt = Text("…") + excerpt
        shift = 1 if start > claim.start else 0
        for hedge in claim.hedges:
            if hedge.start >= start:
                excerpt.stylize(
                    self.style_for(hedge.category),
                    hedge.start - start + shift,
                    hedge.end - start + shift,
                )
        if finding is not None:
            kind = CLAIM_KINDS[finding.label]
            marked = [(h.start, h.end) for h in claim.hedges]
            for cue in finding.cues:
                overlaps = any(a < cue.end and cue.start < b for a, b in marked)
                if cue.start >= start and not overlaps:
                    excerpt.stylize(
                        self.style_for(kind), cue.start - start + shift, cue.end - start + shift
                    )
        row.append_text(excerpt)
        return row


class OutlineList(RowList):
    """Sections with hedges per 1,000 words as a bar, and boosters counted."""

    peak = 1.0

    def render_row(self, section: Section, width: int) -> Text:
        density = section.hedges_per_1k
        boosters = f" +{section.boosters}" if section.boosters else ""
        bar_cells = 6
        filled = min(density / self.peak, 1.0) * bar_cells if self.peak else 0.0
        whole = int(filled)
        bar = "█" * whole + (_BAR[int((filled - whole) * 8)] if whole < bar_cells else "")
        title_room = max(width - 1 - bar_cells - 6 - len(boosters), 4)
        indent = "  " * max(section.level - 1, 0)
        title = Text(indent + printable(section.title).replace("\n", " "), no_wrap=True)
        title.truncate(title_room, overflow="ellipsis", pad=True)
        row = Text(no_wrap=True)
        row.append_text(title)
        row.append(" ")
        row.append(bar.ljust(bar_cells), style=self.style_for("epistemic") if density else "")
        row.append(f" {density:5.1f}")
        row.append(boosters, style=self.style_for("booster"))
        return row


@dataclass(frozen=True, slots=True)
class Bookmark:
    offset: int
    label: str
    percent: int


class BookmarkList(RowList):
    """Bookmarks in text order; ``d`` removes one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *RowList.BINDINGS,
        Binding("d,delete", "remove", "Remove bookmark", id="bookmarks.remove"),
    ]

    class Removed(Message):
        def __init__(self, offset: int) -> None:
            self.offset = offset
            super().__init__()

    def render_row(self, bookmark: Bookmark, width: int) -> Text:
        row = Text(no_wrap=True)
        row.append(f"{bookmark.percent:>3}% ", style="bold")
        row.append(printable(bookmark.label))
        return row

    def action_remove(self) -> None:
        if 0 <= self.cursor < len(self.rows):
            self.post_message(self.Removed(self.rows[self.cursor].offset))


class SidePanel(Vertical):
    """Legend on top; claims, outline and bookmarks as tabs below.

    Hidden until ``p``, ``c``, ``o`` or ``B``; composing and styling its dozen widgets
    cost the app's start-up ~100 ms, so they are mounted on first use (``build``). The
    lists exist as objects from the start, so the reading pane can hold on to them.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.legend = Legend(id="legend")
        self.claims = ClaimsList(id="claims")
        self.outline = OutlineList(id="outline")
        self.bookmarks = BookmarkList(id="bookmarks")
        self.claim_detail = Static("", id="claim-detail")
        self.claims.detail = self.claim_detail
        self._mounting: AwaitMount | None = None
        #: True once the lists are mounted (and can be shown, updated and focused).
        self.built = False

    async def build(self) -> bool:
        """Mount the legend and tabs if not yet done; True if this call did it."""
        if self.built:
            return False
        if self._mounting is None:
            self.legend.border_title = "Legend"
            tabs = TabbedContent(id="side-tabs", initial="tab-claims")
            panes: tuple[tuple[str, RowList, tuple[Static, ...]], ...] = (
                ("Claims", self.claims, (self.claim_detail,)),
                ("Outline", self.outline, ()),
                ("Bookmarks", self.bookmarks, ()),
            )
            for title, rows, more in panes:  # as ``with TabbedContent(): with TabPane(...)``
                tabs.compose_add_child(TabPane(title, rows, *more, id=f"tab-{rows.id}"))
            self._mounting = self.mount(self.legend, tabs)
            await self._mounting
            self.built = True
            self.claims.cursor_moved()
            return True
        await self._mounting  # a second key while the first is mounting
        return False

    def show_tab(self, name: str) -> RowList:
        """Switch to the ``claims``, ``outline`` or ``bookmarks`` tab; returns its list."""
        self.query_one(TabbedContent).active = f"tab-{name}"
        return self.query_one(f"#{name}", RowList)
