"""A scrolling view of one document that renders only the lines on screen.

The text is wrapped into offset ranges once per width; each visible line is turned
into a ``Strip`` on demand, with hedge, booster, search-hit, find and heading marks
applied from component classes, so themes restyle every category. Marks can arrive in
pieces (a long document is analysed in chunks) and categories can be hidden.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from time import perf_counter
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.hedging.claims import MARK_KINDS as LABEL_MARK_KINDS
from reader.safe_text import printable
from reader.tui.contrast import FEW_COLOURS, few_colours, readable
from reader.tui.wrap import Lines, hanging_prefix, line_bounds, wrap_offsets


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

    def extend(self, marks: Iterable[Mark]) -> None:
        added = sorted(marks, key=lambda m: m.start)
        if added and self.marks and added[0].start < self.marks[-1].start:
            self.marks = sorted([*self.marks, *added], key=lambda m: m.start)  # out of order
            self.starts = [m.start for m in self.marks]
            return
        self.marks.extend(added)
        self.starts.extend(m.start for m in added)

    def within(self, start: int, end: int) -> list[Mark]:
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = bisect_left(self.starts, end, first)
        return [mark for mark in self.marks[first:last] if mark.end > start]


HEDGE_KINDS = ("modal", "epistemic", "probability", "approximator", "tentative", "attribution")
#: Cue words of finding sentences, by claim strength (reader/tui/claims_marks.py); they
#: share the hedges' layer, so ``]``/``[`` stop at them too.
CLAIM_KINDS = tuple(LABEL_MARK_KINDS.values())
CATEGORY_KINDS = frozenset({*HEDGE_KINDS, "booster", *CLAIM_KINDS})
#: Markdown's looks (``Document.styles``): emphasis and code, and links and footnote marks.
STYLE_KINDS = ("strong", "em", "strike", "code")
LINK_KINDS = ("link", "footnote")
MARK_KINDS = (
    *HEDGE_KINDS,
    "booster",
    *CLAIM_KINDS,
    "hit",
    "find",
    "heading",
    "bookmark",
    "current",
    *STYLE_KINDS,
    *LINK_KINDS,
)
#: Layers in the order their styles are laid on: a heading first, so that the marks in
#: it keep their own look (a heading's bold must not turn modal into probability).
LAYERS = ("styles", "links", "headings", "hedges", "hits", "find")
#: Text attributes a category mark sets to its own value, on or off, over a heading's.
_ATTRIBUTES = ("bold", "italic", "underline", "reverse")
_GUTTER = 1  # a column left of the text where bookmarks show
#: Texts up to this many characters are rewrapped at once (a few milliseconds); longer
#: ones get the screens around the top line wrapped at once and the rest in slices.
SYNC_WRAP = 100_000
WRAP_SLICE = 60_000  # characters wrapped in the first background step (~2-3 ms)
WRAP_STEP_TIME = 0.005  # seconds a step aims at: later slices are sized from the last
WRAP_PAUSE = 0.002  # seconds between steps
STRIP_CACHE = 256  # rendered lines kept


class DocumentView(ScrollView, can_focus=True):
    """The reading pane's text. ``]``/``[`` move between hedges and claim cues, ``n``/``N``
    between hits."""

    COMPONENT_CLASSES = {f"document-view--{kind}" for kind in MARK_KINDS}
    ALLOW_SELECT = True  # mouse selection, so ``y`` can quote exactly what was selected

    BINDINGS: ClassVar[list[BindingType]] = [
        # less's keys as well: Ctrl-E/Y a line, d/u (Ctrl-D/U) half a page, Ctrl-B, < >
        Binding("j,down,ctrl+e", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up,ctrl+y", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page-down"),
        Binding("b,pageup,ctrl+b", "page_up", "Page up", show=False, id="reader.page-up"),
        Binding("d,ctrl+d", "half_page(1)", "Half a page down", show=False, id="reader.half-down"),
        Binding("u,ctrl+u", "half_page(-1)", "Half a page up", show=False, id="reader.half-up"),
        Binding("g,home,less_than_sign", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end,greater_than_sign", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("l", "next_link", "Next link or footnote mark", show=False, id="reader.next-link"),
        Binding(
            "enter",
            "open_link",
            "Open the current link (or the first on screen)",
            show=False,
            id="reader.open-link",
        ),
    ]

    class MarkFocused(Message):
        """The current hedge or hit moved: ``index`` of ``total`` marks of ``layer``."""

        def __init__(self, layer: str, index: int, total: int) -> None:
            self.layer = layer
            self.index = index
            self.total = total
            super().__init__()

    class Scrolled(Message):
        """The top line changed (for the position figure and the reading memory)."""

    class LinkChosen(Message):
        """Enter or a click on a link or footnote mark; ``mark`` None: none on screen."""

        def __init__(self, mark: Mark | None) -> None:
            self.mark = mark
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = ""
        self._display_text = ""
        self._lines = Lines()
        self._wrap_width = 0
        self._wrap_job = 0
        #: False while part of the text is laid out by ``Lines.estimate`` (see _rewrap).
        self.wrap_complete = True
        #: Characters wrapped before the first paint by the last rewrap (tests bound it).
        self.last_sync_wrap = 0
        self._layers: dict[str, _Layer] = {name: _Layer([]) for name in LAYERS}
        self._current: Mark | None = None
        #: Rendered lines by index, the oldest dropped first: a few screens, so paging
        #: back is quick, and the cache does not grow as a long text is read through.
        self._strip_cache: OrderedDict[int, Strip] = OrderedDict()
        self._styles: dict[str, Style] = {}
        self._hidden: frozenset[str] = frozenset()
        self._bookmarks: list[int] = []
        self.lines_rendered = 0
        self._frame: tuple[Style, int] | None = None

    # -- content -------------------------------------------------------------------

    def show(
        self,
        text: str,
        *,
        hedges: list[Mark],
        hits: list[Mark],
        headings: list[Mark],
        styles: Iterable[Mark] = (),
        top: int = 0,
        wrapped: tuple[int, list[tuple[int, int]]] | None = None,
    ) -> None:
        """Replace the document; marks use offsets into ``text``; ``top``: offset to show first;
        ``wrapped``: (width, lines) already wrapped by a worker, used if the width still fits;
        ``styles``: Markdown's emphasis, code, links and footnote marks."""
        styles = list(styles)
        self._text = text
        self._display_text = printable(text)
        self._layers = {
            "styles": _Layer([m for m in styles if m.kind not in LINK_KINDS]),
            "links": _Layer([m for m in styles if m.kind in LINK_KINDS]),
            "headings": _Layer(headings),
            "hedges": _Layer(hedges),
            "hits": _Layer(hits),
            "find": _Layer([]),
        }
        self._current = None
        self._bookmarks = []
        self._wrap_width = 0
        self._lines = Lines()
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        if wrapped is not None and wrapped[0] == self.wrap_width:
            self._wrap_job += 1
            self._wrap_width = wrapped[0]
            self.wrap_complete = True
            self._install(Lines(wrapped[1]), 0)
        else:
            self._rewrap(anchor=top)
        if top:
            self.scroll_to_offset(top, at_top=True)

    def add_marks(self, layer: str, marks: list[Mark]) -> None:
        """More marks for ``layer`` (a long text is analysed in chunks, in order)."""
        if not marks:
            return
        self._layers[layer].extend(marks)
        if not self._lines:
            return
        first = self._lines.line_of(min(m.start for m in marks))
        last = self._lines.line_of(max(m.end for m in marks))
        for index in [i for i in self._strip_cache if first <= i <= last]:
            del self._strip_cache[index]
        top = int(self.scroll_y)
        if first < top + self.size.height and last >= top:  # only repaint if on screen
            self.refresh()

    def set_marks(self, layer: str, marks: list[Mark]) -> None:
        self._layers[layer] = _Layer(marks)
        if self._current is not None and self._current.kind in {m.kind for m in marks[:1]}:
            self._current = None
        self._invalidate()

    def set_hits(self, hits: list[Mark]) -> None:
        self.set_marks("hits", hits)

    def set_hidden(self, kinds: Iterable[str]) -> None:
        """Mark kinds (hedge categories, ``booster``) not to show and not to stop at."""
        self._hidden = frozenset(kinds)
        if self._current is not None and self._current.kind in self._hidden:
            self._current = None
        self._invalidate()

    def set_bookmarks(self, offsets: Iterable[int]) -> None:
        self._bookmarks = sorted(offsets)
        self._invalidate()

    @property
    def hidden(self) -> frozenset[str]:
        return self._hidden

    @property
    def text(self) -> str:
        return self._text

    def marks(self, layer: str) -> list[Mark]:
        found = self._layers.get(layer)
        return found.marks if found else []

    def visible_marks(self, layer: str) -> list[Mark]:
        """The marks of ``layer`` whose kind is not hidden."""
        marks = self.marks(layer)
        if not self._hidden:
            return marks
        return [mark for mark in marks if mark.kind not in self._hidden]

    @property
    def current(self) -> Mark | None:
        """The hedge, hit or find match the user last jumped to."""
        return self._current

    @property
    def line_count(self) -> int:
        return len(self._lines)

    # -- navigation ----------------------------------------------------------------

    def jump(self, layer: str, step: int) -> Mark | None:
        """Move to the next (``step=1``) or previous (``-1``) mark of ``layer`` and show it."""
        marks = self.visible_marks(layer)
        if not marks:
            return None
        starts = [m.start for m in marks] if marks is not self.marks(layer) else None
        if starts is None:
            starts = self._layers[layer].starts
        current = self._current
        position = bisect_left(starts, current.start) if current is not None else -1
        if current is not None and position < len(marks) and marks[position] == current:
            index = position + step
        else:
            top = self.top_offset()
            index = bisect_left(starts, top) if step > 0 else bisect_left(starts, top) - 1
        return self.focus_mark(layer, index % len(marks), marks)

    def jump_from(self, layer: str, offset: int) -> Mark | None:
        """Show the first visible mark of ``layer`` at or after ``offset`` (wrapping round)."""
        marks = self.visible_marks(layer)
        if not marks:
            return None
        index = bisect_left([m.start for m in marks], offset) % len(marks)
        return self.focus_mark(layer, index, marks)

    def focus_mark(self, layer: str, index: int, marks: list[Mark] | None = None) -> Mark:
        marks = self.visible_marks(layer) if marks is None else marks
        self._current = marks[index]
        self._invalidate()
        self.scroll_to_offset(self._current.start)
        self.post_message(self.MarkFocused(layer, index, len(marks)))
        return self._current

    def clear_current(self) -> None:
        if self._current is not None:
            self._current = None
            self._invalidate()

    def scroll_to_offset(self, offset: int, *, at_top: bool = False) -> None:
        """Bring the line holding character ``offset`` into view, a third of the way down
        (or to the top line with ``at_top``)."""
        if not self._lines:
            return
        line = self._lines.line_of(offset)
        if at_top:
            # force: the scrollbars of a text just shown are not laid out yet
            self.scroll_to(y=line, animate=False, immediate=True, force=True)
            return
        height = self.scrollable_content_region.height or self.size.height
        if not (self.scroll_y <= line < self.scroll_y + height):
            self.scroll_to(y=max(line - height // 3, 0), animate=False)

    def top_offset(self) -> int:
        """Offset of the first character on the top line: a position that survives rewrapping."""
        if not self._lines:
            return 0
        return self._lines.starts[min(int(self.scroll_y), len(self._lines) - 1)]

    @property
    def fraction(self) -> float:
        """How far through the text the top line is, 0..1."""
        return self.top_offset() / len(self._text) if self._text else 0.0

    # -- keys: no smooth scrolling, as in less (and kinder to a slow SSH link) ------------

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_half_page(self, direction: int) -> None:
        height = self.scrollable_content_region.height or self.size.height
        self.scroll_to(y=self.scroll_y + direction * max(height // 2, 1), animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    # -- links -------------------------------------------------------------------------

    def action_next_link(self) -> None:
        if self.jump("links", 1) is None:
            self.post_message(self.LinkChosen(None))

    def action_open_link(self) -> None:
        """The current link, or else the first one on screen."""
        mark = self._current
        if mark is None or mark.kind not in LINK_KINDS:
            top = self.top_offset()
            last = min(int(self.scroll_y) + self.size.height, len(self._lines)) - 1
            bottom = self._lines[last][1] if self._lines else 0
            mark = next((m for m in self.marks("links") if top <= m.start <= bottom), None)
        self.post_message(self.LinkChosen(mark))

    def on_click(self, event: events.Click) -> None:
        """A click on a link opens it (a drag still selects text)."""
        index = int(self.scroll_y) + event.y
        if not 0 <= index < len(self._lines) or not self.marks("links"):
            return
        start, end = self._lines[index]
        column = event.x - _GUTTER - len(self._hanging(start))
        if column < 0 or start + column >= end:
            return
        offset = start + column
        for mark in self._layers["links"].within(offset, offset + 1):
            self.post_message(self.LinkChosen(mark))
            return

    # -- layout and rendering ------------------------------------------------------------

    def on_resize(self) -> None:
        self._rewrap()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if int(old) != int(new):
            self.post_message(self.Scrolled())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strip_cache.clear()

    @property
    def wrapped_width(self) -> int:
        """The width the lines on screen are wrapped to (0: none yet)."""
        return self._wrap_width

    @property
    def wrap_width(self) -> int:
        """The width the text is wrapped to (a worker can wrap ahead with it)."""
        return max(self.scrollable_content_region.width - _GUTTER, 10)

    def _rewrap(self, anchor: int | None = None) -> None:
        """Wrap the text for the current width, keeping the top line's text on top.

        A long text gets its lines from a little before the top line to a few screens
        after it wrapped now; the rest stands in (``Lines.estimate``) until ``_wrap_step``
        has wrapped all of it in slices between frames, so a resize paints at once."""
        width = self.wrap_width
        if width == self._wrap_width:
            return
        anchor = self.top_offset() if anchor is None else anchor
        self._wrap_width = width
        self._wrap_job += 1
        text = self._text
        if len(text) <= SYNC_WRAP:
            self.last_sync_wrap = len(text)
            self.wrap_complete = True
            self._install(Lines(wrap_offsets(text, width)), anchor)
            return
        rows = max(self.size.height, 24)
        start, end = line_bounds(text, anchor, rows * width, 3 * rows * width)
        if end - start > 2 * SYNC_WRAP:  # a huge paragraph: no shortcut
            self.last_sync_wrap = len(text)
            self.wrap_complete = True
            self._install(Lines(wrap_offsets(text, width)), anchor)
            return
        self.last_sync_wrap = end - start
        lines = Lines()
        if start:
            lines.estimate(text, width, 0, start - 1)
        lines.add(wrap_offsets(text, width, start, end))
        if end < len(text):
            lines.estimate(text, width, end + 1)
        self.wrap_complete = False
        self._install(lines, anchor)
        # after this paint; then a slice per timer tick, so frames and keys get in between
        self.call_after_refresh(self._wrap_step, self._wrap_job, 0, Lines(), WRAP_SLICE)

    def _wrap_step(self, job: int, start: int, lines: Lines, size: int) -> None:
        """Wrap one slice of the text; when all is wrapped, put the lines in place.
        Slices are sized to take about ``WRAP_STEP_TIME`` on this machine, now."""
        if job != self._wrap_job:
            return  # another width or another text since
        began = perf_counter()
        text = self._text
        end = text.find("\n", min(start + size, len(text)))
        end = len(text) if end < 0 else end
        lines.add(wrap_offsets(text, self._wrap_width, start, end))
        if end < len(text):
            took = max(perf_counter() - began, 0.0005)
            size = min(max(int((end - start) * WRAP_STEP_TIME / took), 10_000), 4 * size)
            self.set_timer(WRAP_PAUSE, partial(self._wrap_step, job, end + 1, lines, size))
            return
        self.wrap_complete = True
        self._install(lines, self.top_offset())

    def _install(self, lines: Lines, anchor: int) -> None:
        """Show ``lines`` with the one holding ``anchor`` on top (if not 0)."""
        self._lines = lines
        self.virtual_size = Size(self._wrap_width, len(lines))
        self._invalidate()
        if anchor:
            line = lines.line_of(anchor)
            self.scroll_to(y=line, animate=False, immediate=True, force=True)

    def _invalidate(self) -> None:
        self._strip_cache.clear()
        self.refresh()

    def mark_style(self, kind: str) -> Style:
        """The style of a mark kind from its component class (cached until styles change).

        A category sets each of bold, italic, underline and reverse, so a heading around
        it adds none; in 16 colours it takes its own ANSI colour (``contrast.FEW_COLOURS``)."""
        style = self._styles.get(kind)
        if style is None:
            style = self.get_component_rich_style(f"document-view--{kind}", partial=True)
            if kind in CATEGORY_KINDS:
                own = {name: bool(getattr(style, name)) for name in _ATTRIBUTES}
                style += Style(
                    bold=own["bold"],
                    italic=own["italic"],
                    underline=own["underline"],
                    reverse=own["reverse"],
                )
            if few_colours(self.app.console.color_system):
                colour = FEW_COLOURS[self.app.current_theme.dark].get(kind)
                if colour is not None:
                    style += Style(color=colour)
            self._styles[kind] = style
        return style

    def shown_style(self, style: Style) -> Style:
        """``style`` (a full one: the view's base plus marks) with readable text."""
        return readable(style, self.app.ansi_theme)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame = self._frame_setup()  # once per paint, not once per line
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_setup(self) -> tuple[Style, int]:
        """The base style (it walks every ancestor) and width for the lines of one paint."""
        if self._wrap_width != self.wrap_width and self._text:
            # Laid out for a new width, and the Resize event comes after this frame:
            # wrap now (the screen around the top line: milliseconds) so this frame is right.
            self._rewrap()
        return self.rich_style, self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        base, width = self._frame or self._frame_setup()
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        selecting = self.text_selection is not None
        strip = None if selecting else self._strip_cache.get(index)
        if strip is None:
            strip = self._render_visual_line(index, base)
            if not selecting:
                self._strip_cache[index] = strip
                if len(self._strip_cache) > STRIP_CACHE:
                    self._strip_cache.popitem(last=False)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_visual_line(self, index: int, base: Style) -> Strip:
        self.lines_rendered += 1
        start, end = self._lines[index]
        line = Text(self._display_text[start:end], style=base, end="")
        hidden = self._hidden
        marks = [
            mark
            for layer in self._layers.values()
            for mark in layer.within(start, end)
            if mark.kind not in hidden
        ]
        current = self._current
        if current is not None and current.start < end and current.end > start:
            marks.append(Mark(current.start, current.end, "current"))
        for mark in marks:
            line.stylize(
                self.mark_style(mark.kind), max(mark.start, start) - start, mark.end - start
            )
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            first, last = span
            line.stylize(
                self.screen.get_component_rich_style("screen--selection"),
                first,
                end - start if last == -1 else last,
            )
        shown = self.shown_style
        segments = Strip(
            [
                Segment(text, shown(style or base))
                for text, style, _ in line.render(self.app.console)
            ]
        ).apply_offsets(0, index)  # character offsets, which text selection maps back to text
        indent = self._hanging(start)
        if indent:  # a wrapped line of a list item or a quote lines up under its text
            segments = Strip([Segment(indent, base), *segments])
        gutter = Segment(" ", base)
        if self._bookmarks:
            at = bisect_left(self._bookmarks, start)
            lines = self._lines
            next_start = lines.starts[index + 1] if index + 1 < len(lines) else end + 1
            if at < len(self._bookmarks) and self._bookmarks[at] < max(next_start, start + 1):
                gutter = Segment("»", shown(base + self.mark_style("bookmark")))
        return Strip([gutter, *segments])

    def _hanging(self, start: int) -> str:
        """The indent a wrapped line starting at ``start`` is drawn with ("" for a line
        that starts its paragraph): as ``wrap_offsets`` left room for it."""
        text = self._text
        if not start or text[start - 1] == "\n":
            return ""
        line_start = text.rfind("\n", 0, start) + 1
        return hanging_prefix(text[line_start:start], self._wrap_width)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text as shown (control characters made visible), unwrapped."""
        if not self._lines:
            return None
        last_line = len(self._lines) - 1

        def offset(point: Offset | None, default: int) -> int:
            if point is None:
                return default
            row = min(max(point.y, 0), last_line)
            line_start, line_end = self._lines[row]
            return min(line_start + max(point.x, 0), line_end)

        start = offset(selection.start, 0)
        end = offset(selection.end, len(self._display_text))
        return self._display_text[start:end], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strip_cache.clear()
        self.refresh()
