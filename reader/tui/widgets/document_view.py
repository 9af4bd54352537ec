"""A scrolling view of one document that renders only the lines on screen.

The text is wrapped into offset ranges once per width; each visible line is turned
into a ``Strip`` on demand, with hedge, booster, search-hit and heading marks applied
from component classes, so themes restyle every category.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.safe_text import printable
from reader.tui.wrap import line_of, wrap_offsets


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled span of the text; ``kind`` names a component class suffix."""

    start: int
    end: int
    kind: str


class _Layer:
    """Non-overlapping marks of one sort, searchable by offset."""

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: m.start)
        self.starts = [m.start for m in self.marks]

    def within(self, start: int, end: int) -> list[Mark]:
        first = max(bisect_right(self.starts, start) - 1, 0)
        found = []
        for mark in self.marks[first:]:
            if mark.start >= end:
                break
            if mark.end > start:
                found.append(mark)
        return found


HEDGE_KINDS = ("modal", "epistemic", "probability", "approximator", "tentative", "attribution")
MARK_KINDS = (*HEDGE_KINDS, "booster", "hit", "heading", "current")


class DocumentView(ScrollView, can_focus=True):
    """The reading pane's text. ``]``/``[`` move between hedges, ``n``/``N`` between hits."""

    COMPONENT_CLASSES = {f"document-view--{kind}" for kind in MARK_KINDS}

    BINDINGS: list[BindingType] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page-down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page-up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    class MarkFocused(Message):
        """The current hedge or hit moved: ``index`` of ``total`` marks of ``layer``."""

        def __init__(self, layer: str, index: int, total: int) -> None:
            self.layer = layer
            self.index = index
            self.total = total
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = ""
        self._display_text = ""
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._wrap_width = 0
        self._layers: dict[str, _Layer] = {}
        self._current: Mark | None = None
        self._strip_cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self.lines_rendered = 0

    # -- content -------------------------------------------------------------------

    def show(
        self, text: str, *, hedges: list[Mark], hits: list[Mark], headings: list[Mark]
    ) -> None:
        """Replace the document; marks use offsets into ``text``."""
        self._text = text
        self._display_text = printable(text)
        self._layers = {
            "hedges": _Layer(hedges),
            "hits": _Layer(hits),
            "headings": _Layer(headings),
        }
        self._current = None
        self._wrap_width = 0
        self._rewrap()
        self.scroll_to(0, 0, animate=False)

    def set_hits(self, hits: list[Mark]) -> None:
        self._layers["hits"] = _Layer(hits)
        self._invalidate()

    @property
    def text(self) -> str:
        return self._text

    def marks(self, layer: str) -> list[Mark]:
        found = self._layers.get(layer)
        return found.marks if found else []

    @property
    def current(self) -> Mark | None:
        """The hedge or hit the user last jumped to."""
        return self._current

    @property
    def line_count(self) -> int:
        return len(self._lines)

    # -- navigation ----------------------------------------------------------------

    def jump(self, layer: str, step: int) -> Mark | None:
        """Move to the next (``step=1``) or previous (``-1``) mark of ``layer`` and show it."""
        marks = self.marks(layer)
        if not marks:
            return None
        if self._current is not None and self._current in marks:
            index = marks.index(self._current) + step
        else:
            top = self._lines[int(self.scroll_y)][0] if self._lines else 0
            starts = [m.start for m in marks]
            index = bisect_left(starts, top) if step > 0 else bisect_left(starts, top) - 1
        index %= len(marks)
        self._current = marks[index]
        self._invalidate()
        self.scroll_to_offset(self._current.start)
        self.post_message(self.MarkFocused(layer, index, len(marks)))
        return self._current

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line holding character ``offset`` into view, a third of the way down."""
        if not self._lines:
            return
        line = line_of(self._lines, self._starts, offset)
        height = self.scrollable_content_region.height or self.size.height
        if not (self.scroll_y <= line < self.scroll_y + height):
            self.scroll_to(y=max(line - height // 3, 0), animate=False)

    def top_offset(self) -> int:
        if not self._lines:
            return 0
        return self._lines[min(int(self.scroll_y), len(self._lines) - 1)][0]

    # -- layout and rendering ------------------------------------------------------------

    def on_resize(self) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strip_cache.clear()

    def _rewrap(self) -> None:
        width = max(self.scrollable_content_region.width, 10)
        if width == self._wrap_width:
            return
        anchor = self.top_offset()
        self._wrap_width = width
        self._lines = wrap_offsets(self._text, width)
        self._starts = [start for start, _ in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self._invalidate()
        if anchor:
            self.scroll_to(y=line_of(self._lines, self._starts, anchor), animate=False)

    def _invalidate(self) -> None:
        self._strip_cache.clear()
        self.refresh()

    def _style(self, kind: str) -> Style:
        style = self._styles.get(kind)
        if style is None:
            style = self.get_component_rich_style(f"document-view--{kind}", partial=True)
            self._styles[kind] = style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strip_cache.get(index)
        if strip is None:
            strip = self._render_visual_line(index, base)
            self._strip_cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_visual_line(self, index: int, base: Style) -> Strip:
        self.lines_rendered += 1
        start, end = self._lines[index]
        line = Text(self._display_text[start:end], style=base, end="")
        marks = [mark for layer in self._layers.values() for mark in layer.within(start, end)]
        current = self._current
        if current is not None and current.start < end and current.end > start:
            marks.append(Mark(current.start, current.end, "current"))
        for mark in marks:
            line.stylize(self._style(mark.kind), max(mark.start, start) - start, mark.end - start)
        segments = [
            Segment(text, style or base) for text, style, _ in line.render(self.app.console)
        ]
        return Strip(segments)
