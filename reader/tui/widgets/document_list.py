"""The library list: one row per document, rendered lazily so 20,000 rows cost nothing.

Each row shows the title, then the hedge density, the share of findings stated as a
cause (when it has findings), date and length; in search mode a
snippet with the matched words marked sits between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library import DocumentSummary, Snippet
from reader.safe_text import printable
from reader.tui.contrast import readable
from reader.tui.widgets.metadata import causal_figure, row_suffix

#: Characters of context a snippet row keeps before its first match, at most.
_LEAD_IN = 24


@dataclass(frozen=True, slots=True)
class ListEntry:
    summary: DocumentSummary
    snippet: Snippet | None = None


class DocumentList(ScrollView, can_focus=True):
    """Rows of documents with a cursor; Enter or a click opens one."""

    COMPONENT_CLASSES = {
        "document-list--title",
        "document-list--meta",
        "document-list--snippet",
        "document-list--hit",
        "document-list--cursor",
        "document-list--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next document", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Previous document", show=False, id="list.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
        Binding("home,g", "first", "First document", show=False, id="list.first"),
        Binding("end,G", "last", "Last document", show=False, id="list.last"),
        Binding("enter", "open", "Open", id="list.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        """The user asked to read ``summary``."""

        def __init__(self, summary: DocumentSummary) -> None:
            self.summary = summary
            super().__init__()

    class WantsMore(Message):
        """The rows shown so far are nearly used up: fetch from ``offset`` (all if ``rest``)."""

        def __init__(self, offset: int, rest: bool) -> None:
            self.offset = offset
            self.rest = rest
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: list[ListEntry] = []
        self._row_height = 2
        self._cache: dict[int, Strip] = {}
        self._cache_width = 0  # the width the cached rows were drawn for
        self.empty_message = "No documents."
        #: How many rows there are in all; the list holds the first ``len(entries)``.
        self.total = 0
        self._asked_at = -1  # len(entries) when more were last asked for
        self._to_last = False  # End was pressed before every row was there

    # -- content ---------------------------------------------------------------------

    @property
    def entries(self) -> list[ListEntry]:
        return self._entries

    @property
    def selected(self) -> DocumentSummary | None:
        if 0 <= self.cursor < len(self._entries):
            return self._entries[self.cursor].summary
        return None

    def set_entries(
        self,
        entries: list[ListEntry],
        *,
        total: int | None = None,
        empty_message: str = "No documents.",
        keep: bool = True,
    ) -> None:
        """Replace the rows; ``keep``: the cursor stays on the same document if it is there.

        ``total``: how many rows there are in all when ``entries`` is only the first page.
        """
        kept = self.selected.path if self.selected and keep else None
        self._entries = entries
        self.total = max(total or 0, len(entries))
        self._asked_at = -1
        self._to_last = False
        self.empty_message = empty_message
        self._row_height = 3 if any(entry.snippet for entry in entries) else 2
        self.virtual_size = Size(0, max(len(entries), 1) * self._row_height)
        paths = [entry.summary.path for entry in entries]
        self._cache.clear()
        self.cursor = paths.index(kept) if kept in paths else 0
        self.refresh()

    def add_entries(self, offset: int, more: list[ListEntry]) -> None:
        """The next page, fetched from ``offset``; ignored unless it continues the list."""
        if offset != len(self._entries) or not more:
            return
        self._entries = self._entries + more
        self.virtual_size = Size(0, len(self._entries) * self._row_height)
        if self._to_last and len(self._entries) < self.total:
            self._want_more(len(self._entries), rest=True)
        elif self._to_last:
            self._to_last = False
            self.cursor = len(self._entries) - 1
        self.refresh()

    def _near_end(self, row: int) -> bool:
        """``row`` is within two screens of the last row held, more rows exist and none
        have been asked for yet."""
        held = len(self._entries)
        if held >= self.total or self._asked_at == held:
            return False
        screen = max(self.scrollable_content_region.height // self._row_height, 1)
        return row >= held - 2 * screen

    def _want_more(self, row: int, rest: bool = False) -> None:
        """Ask for the next page (or all the rest) when ``row`` nears the end."""
        held = len(self._entries)
        if held >= self.total or self._asked_at == held:
            return
        if rest or self._near_end(row):
            self._asked_at = held
            self.post_message(self.WantsMore(held, rest))

    # -- actions ---------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        clamped = min(max(new, 0), max(len(self._entries) - 1, 0))
        if clamped != new:
            self.cursor = clamped
            return
        for row in (old, new):  # the cache holds screen lines: drop both rows' lines
            for part in range(self._row_height):
                self._cache.pop(row * self._row_height + part, None)
        self._scroll_cursor_into_view()
        self._want_more(new)
        self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        top = self.cursor * self._row_height
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, force=True)
        elif top + self._row_height > self.scroll_y + height:
            self.scroll_to(y=top + self._row_height - height, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(self.scrollable_content_region.height // self._row_height, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.scrollable_content_region.height // self._row_height, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        if len(self._entries) < self.total:
            self._to_last = True
            self._want_more(len(self._entries), rest=True)
        self.cursor = len(self._entries) - 1

    def action_open(self) -> None:
        if self.selected is not None:
            self.post_message(self.Opened(self.selected))

    def on_click(self, event: events.Click) -> None:
        row = (event.y + int(self.scroll_y)) // self._row_height
        if 0 <= row < len(self._entries):
            self.cursor = row
            self.action_open()

    # -- rendering -------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self) -> None:
        # Rows never scroll sideways, so the virtual width stays 0: a width that followed
        # the widget's would make every terminal resize lay the whole screen out again.
        # (Cached rows are dropped by render_line when the width changes.)
        self.virtual_size = Size(0, max(len(self._entries), 1) * self._row_height)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        row, part = divmod(index, self._row_height)
        base = self.rich_style
        if not self._entries:
            if index == 0:
                style = self.get_component_rich_style("document-list--empty", partial=True)
                return self._strip(Text(self.empty_message, style=style), width, base)
            return Strip.blank(width, base)
        if row >= len(self._entries):
            return Strip.blank(width, base)
        if part == 0 and self._near_end(row):  # scrolled there by mouse or scrollbar
            self.call_later(self._want_more, row)  # posted from render_line it never arrived
        if width != self._cache_width:  # a resize can paint before on_resize runs
            self._cache.clear()
            self._cache_width = width
        key = index
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_part(self._entries[row], part, width, row == self.cursor)
            self._cache[key] = strip
        return strip

    def _render_part(self, entry: ListEntry, part: int, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        if is_cursor and self.has_focus:
            base += self.get_component_rich_style("document-list--cursor", partial=True)
        elif is_cursor:
            base += Style(reverse=True, dim=True) + self.get_component_rich_style(
                "document-list--cursor", partial=True
            )
        summary = entry.summary
        if part == 0:
            style = self.get_component_rich_style("document-list--title", partial=True)
            text = Text(printable(summary.title), style=style)
        elif part == 1 and entry.snippet is not None:
            text = self._snippet_text(entry.snippet, width)
        else:
            style = self.get_component_rich_style("document-list--meta", partial=True)
            text = Text(
                f"{summary.hedges_per_1k:.1f} hedges · "
                f"{summary.boosters_per_1k:.1f} boosters /1k{causal_figure(summary)}"
                f" · {summary.date:%Y-%m-%d}"
                f" · {summary.words:,} words{row_suffix(summary)}",
                style=style,
            )
        return self._strip(text, width, base)

    def _snippet_text(self, snippet: Snippet, width: int) -> Text:
        """The snippet, started at a word shortly before its first match, so that the
        match shows whole in a row ``width`` cells wide when it can."""
        shift = 0
        if snippet.marks:
            first, first_end = snippet.marks[0]
            # the row: a space, "…", the lead-in, the match, and room for a closing "…"
            lead_in = min(_LEAD_IN, max(0, width - 4 - (first_end - first)))
            if first > lead_in:
                space = snippet.text.find(" ", first - lead_in, first)
                shift = space + 1 if space >= 0 else first
        text = Text(
            ("…" if shift else "") + printable(snippet.text[shift:]),
            style=self.get_component_rich_style("document-list--snippet", partial=True),
        )
        hit = self.get_component_rich_style("document-list--hit", partial=True)
        offset = 1 - shift if shift else 0
        for start, end in snippet.marks:
            text.stylize(hit, start + offset, end + offset)
        return text

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.truncate(max(width - 1, 1), overflow="ellipsis")
        text.pad_left(1)
        theme = self.app.ansi_theme
        segments = [
            Segment(t, readable(base + s if s else base, theme))
            for t, s, _ in text.render(self.app.console)
        ]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()
