"""The reading keys of the main screen: jumps, categories, panels, find, bookmarks,
history. Mixed into ``MainScreen``, which owns the state these act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.actions import SkipAction
from textual.widgets import Input

from reader.hedging import CATEGORIES
from reader.tui.claims_marks import CLAIM_KINDS, is_claim_kind, kind_name
from reader.tui.widgets.legend import short_label
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.row_list import RowList

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.reading.memory import Memory

    _Base = Screen[None]
else:
    _Base = object


class ReadingActions(_Base):
    """Needs a screen holding a ``ReadingPane`` and these attributes."""

    hidden_categories: set[str]
    memory: Memory

    if TYPE_CHECKING:  # the screen's own, named here for the type checker only

        def open_document(
            self, path: str, terms: tuple[str, ...], *, record: bool = True, step: int = 0
        ) -> None: ...
        def search_terms(self) -> tuple[str, ...]: ...
        def remember_position(self) -> None: ...
        def save_memory(self) -> None: ...

    # -- jumps ----------------------------------------------------------------------

    def action_next_hedge(self) -> None:
        self._jump("hedges", 1)

    def action_previous_hedge(self) -> None:
        self._jump("hedges", -1)

    def action_next_hit(self) -> None:
        """n: the next find match while a find is on, else the next search hit."""
        self._jump("find" if self.query_one(ReadingPane).find_active else "hits", 1)

    def action_previous_hit(self) -> None:
        self._jump("find" if self.query_one(ReadingPane).find_active else "hits", -1)

    def _jump(self, layer: str, step: int) -> None:
        pane = self.query_one(ReadingPane)
        if pane.document is None:
            return
        if pane.view.jump(layer, step) is None:
            what = "hedges or claims" if layer == "hedges" else "search hits"
            pane.set_status(f"no {what} shown in this document")

    # -- categories ---------------------------------------------------------------------

    def action_toggle_category(self, category: str) -> None:
        """Hide or show one hedge category (or boosters, or one claim strength's cue marks)
        everywhere in the reading pane."""
        if category not in CATEGORIES and not is_claim_kind(category):
            return
        self.hidden_categories.symmetric_difference_update({category})  # shared: in place
        self.query_one(ReadingPane).set_hidden(self.hidden_categories)
        state = "hidden" if category in self.hidden_categories else "shown"
        name = short_label(category) if category in CATEGORIES else kind_name(category)
        self.notify(f"{name} marks {state}", timeout=1.5)

    def action_toggle_claims(self) -> None:
        """Hide or show the cue marks of every claim strength at once."""
        kinds = set(CLAIM_KINDS.values())
        hide = not kinds <= self.hidden_categories
        if hide:
            self.hidden_categories.update(kinds)
        else:
            self.hidden_categories.difference_update(kinds)
        self.query_one(ReadingPane).set_hidden(self.hidden_categories)
        self.notify(f"claim marks {'hidden' if hide else 'shown'}", timeout=1.5)

    # -- panels and find ------------------------------------------------------------------

    async def action_toggle_panels(self) -> None:
        pane = self.query_one(ReadingPane)
        if not await pane.toggle_side() and isinstance(self.focused, RowList):
            pane.view.focus()

    async def action_show_panel(self, name: str) -> None:
        (await self.query_one(ReadingPane).show_panel(name)).focus()

    async def action_find(self) -> None:
        if isinstance(self.focused, Input):
            raise SkipAction()  # `f` is text for the search bar
        pane = self.query_one(ReadingPane)
        if pane.document is None:
            self.notify("Open a document first: find looks inside the open document")
            return
        await pane.open_find()

    # -- bookmarks and history --------------------------------------------------------------

    def action_toggle_bookmark(self) -> None:
        pane = self.query_one(ReadingPane)
        if pane.document is None:
            return
        offset = pane.view.top_offset()
        added = self.memory.toggle_bookmark(pane.document.path, offset)
        pane.set_bookmarks(self.memory.bookmarks(pane.document.path))
        self.save_memory()
        where = f"{pane.view.fraction:.0%}"
        pane.set_status(f"bookmark {'added' if added else 'removed'} at {where}")

    def action_next_bookmark(self) -> None:
        pane = self.query_one(ReadingPane)
        if pane.document is None:
            return
        marks = self.memory.bookmarks(pane.document.path)
        if not marks:
            pane.set_status("no bookmarks in this document: m adds one at the top line")
            return
        top = pane.view.top_offset()
        later = [offset for offset in marks if offset > top]
        target = later[0] if later else marks[0]
        pane.view.scroll_to_offset(target, at_top=True)
        pane.set_status(f"bookmark {marks.index(target) + 1}/{len(marks)}")

    def remove_bookmark(self, offset: int) -> None:
        """``d`` in the bookmarks panel."""
        pane = self.query_one(ReadingPane)
        if pane.document is not None:
            self.memory.toggle_bookmark(pane.document.path, offset)
            left = self.memory.bookmarks(pane.document.path)
            pane.set_bookmarks(left)
            self.save_memory()
            # the status may still say "bookmark 1/1" from the last ' press
            pane.set_status(f"bookmark removed · {len(left) or 'none'} left")

    def action_history(self, step: int) -> None:
        """Back (-1) or forward (1) through the documents read, as in a browser."""
        self.remember_position()
        path = self.memory.back() if step < 0 else self.memory.forward()
        if path is None:
            self.notify(f"Nothing further {'back' if step < 0 else 'forward'} in your history")
            return
        self.open_document(path, self.search_terms(), record=False, step=step)
