"""A keyboard list of one-line rows, rendered lazily, for the reading pane's side panels.

Subclasses say how a row looks (``render_row``); the list owns the cursor, scrolling,
Enter and clicks, and posts ``RowList.Selected`` with the row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.contrast import readable

StyleFor = Callable[[str], Style]


class RowList(ScrollView, can_focus=True):
    """Rows with a cursor; Enter or a click selects one."""

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--empty", "row-list--dim"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Next row", show=False, id="rows.down"),
        Binding("up,k", "cursor(-1)", "Previous row", show=False, id="rows.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="rows.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="rows.page-up"),
        Binding("home,g", "first", "First row", show=False, id="rows.first"),
        Binding("end,G", "last", "Last row", show=False, id="rows.last"),
        Binding("enter", "select", "Go there in the text", id="rows.select"),
    ]

    class Selected(Message):
        """The user chose ``row`` (at ``index``) in ``row_list``."""

        def __init__(self, row_list: RowList, index: int, row: Any) -> None:
            self.row_list = row_list
            self.index = index
            self.row = row
            super().__init__()

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: Sequence[Any] = ()
        self._cursor = 0
        self._cache: dict[int, Strip] = {}
        self._cache_width = 0  # the width the cached rows were drawn for
        self.empty_message = ""
        self.style_for: StyleFor = lambda kind: Style()

    @property
    def rows(self) -> Sequence[Any]:
        return self._rows

    @property
    def cursor(self) -> int:
        return self._cursor

    @cursor.setter
    def cursor(self, index: int) -> None:
        self._cursor = max(min(index, len(self._rows) - 1), 0)
        self._cache.clear()
        self.refresh()
        height = self.scrollable_content_region.height or 1
        if self._cursor < self.scroll_y:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= self.scroll_y + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False)
        self.cursor_moved()

    def cursor_moved(self) -> None:
        """Called when the cursor (or the rows under it) changed; for subclasses."""

    def set_rows(self, rows: Sequence[Any], *, empty: str | None = None, keep: bool = True) -> None:
        """Replace the rows; ``keep`` leaves the cursor on the same index if it still fits."""
        self._rows = rows
        if empty is not None:
            self.empty_message = empty
        self.virtual_size = Size(0, max(len(rows), 1))
        self._cache.clear()
        self._cursor = min(self._cursor, max(len(rows) - 1, 0)) if keep else 0
        self.refresh()
        self.cursor_moved()

    def refresh_rows(self) -> None:
        self._cache.clear()
        self.refresh()

    def render_row(self, row: Any, width: int) -> Text:
        return Text(str(row))

    # -- actions ---------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.cursor = self._cursor + step

    def action_page(self, step: int) -> None:
        self.cursor = self._cursor + step * max(self.scrollable_content_region.height - 1, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_select(self) -> None:
        if 0 <= self._cursor < len(self._rows):
            self.post_message(self.Selected(self, self._cursor, self._rows[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self._rows):
            self.cursor = index
            self.action_select()

    # -- rendering -------------------------------------------------------------------

    def on_resize(self) -> None:
        # Virtual width 0: rows never scroll sideways, and a resize needs no relayout.
        # (Cached rows are dropped by render_line when the width changes.)
        self.virtual_size = Size(0, max(len(self._rows), 1))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._rows:
            if y == 0 and self.empty_message:
                style = base + self.get_component_rich_style("row-list--empty", partial=True)
                text = Text(self.empty_message, style=style, end="")
                text.truncate(width, overflow="ellipsis", pad=True)
                return Strip(list(text.render(self.app.console))).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        if width != self._cache_width:  # a resize can paint before on_resize runs
            self._cache.clear()
            self._cache_width = width
        strip = self._cache.get(index)
        if strip is None:
            text = self.render_row(self._rows[index], width)
            text.no_wrap = True
            text.end = ""
            text.truncate(width, overflow="ellipsis", pad=True)
            if index == self._cursor:
                text.stylize(self.get_component_rich_style("row-list--cursor", partial=True))
            theme = self.app.ansi_theme
            segments = [
                Segment(t, readable(base + s if s else base, theme))
                for t, s, _ in text.render(self.app.console)
            ]
            strip = Strip(segments).crop_extend(0, width, base)
            self._cache[index] = strip
        return strip
