"""The reading pane: a header with the document's figures, its text, a side panel
(legend, claims, outline, bookmarks), a find bar and a status line.

Claim strength (reader/tui/claims_marks.py) arrives with the hedges, chunk by chunk: its
cue words join the hedges' layer, its counts the legend, its labels the claims panel.

The pane owns what is shown for the open document; the app owns what outlives it
(hidden categories, reading memory, history).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from reader.hedging import BOOSTER, CATEGORIES, Hedge, sentence_spans
from reader.hedging.claims import Claim as Finding
from reader.library import Document, DocumentSummary, Span
from reader.reading.analysis import Chunk, Stretch, panel_sentences, sections, stretches
from reader.safe_text import printable
from reader.tui import claims_marks
from reader.tui.contrast import readable
from reader.tui.widgets.document_view import LINK_KINDS, DocumentView, Mark
from reader.tui.widgets.find_bar import FindBar, FindInput, find_spans
from reader.tui.widgets.legend import short_label
from reader.tui.widgets.metadata import source_line
from reader.tui.widgets.row_list import RowList
from reader.tui.widgets.side_panel import (
    Bookmark,
    BookmarkList,
    ClaimsList,
    OutlineList,
    SidePanel,
)

#: Below this many rows the header shrinks to three lines and the side panel's legend
#: and lists drop their side borders, to fit at 80x24. A class on the side panel, not a
#: screen breakpoint: a screen class restyles every widget each time a resize crosses it.
SHORT_ROWS = 32

#: Links a document may open in the browser: never file:, javascript: or the like.
OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})

WELCOME = (
    "Choose a document on the left and press Enter to read it.\n\n"
    "Hedges (may, suggest, likely, preliminary…) and boosters (breakthrough, proves…) "
    "are marked in the text. ] and [ jump between them; / searches; ? shows every key."
)


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class ReadingPane(Vertical):
    """Shows one ``Document`` with its hedges and search hits marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self._hedges: list[Hedge] = []
        self._hits: list[tuple[int, int]] = []
        self._sentences: list[tuple[int, int]] = []
        self._findings: list[Finding] = []
        self._stretches: list[Stretch] = []
        self._counts: dict[str, int] = {}
        self._hidden: frozenset[str] = frozenset()
        self._panels_stale = True
        self.analysed = 1.0  # share of the open text analysed so far
        self.find_pattern = ""
        self._find_origin = 0
        self._header_lines = 0
        self._bookmark_rows: list[Bookmark] = []
        self._links: dict[int, Span] = {}  # link and footnote marks by offset
        self.side = SidePanel(id="reading-side")

    def compose(self) -> ComposeResult:
        yield Static(WELCOME, id="reading-header")
        with Horizontal(id="reading-body"):
            yield DocumentView(id="document-view")
            yield self.side
        yield FindBar(id="find-bar")
        with Horizontal(id="reading-foot"):
            yield Static("", id="reading-status")
            yield Static("", id="reading-position")

    def on_mount(self) -> None:
        side = self.side
        for rows in (side.legend, side.claims, side.outline, side.bookmarks):
            rows.style_for = self.view.mark_style
        side.claims.empty_message = "Open a document to list its claims and hedges."
        side.outline.empty_message = "Open a document to see its sections."
        side.bookmarks.empty_message = "No bookmarks: m marks the top line."
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        """The header's category line holds the old theme's colours: draw it again once
        the new styles are in place."""
        self.call_after_refresh(self._update_header)

    @property
    def view(self) -> DocumentView:
        return self.query_one(DocumentView)

    @property
    def hedges(self) -> list[Hedge]:
        """Every hedge and booster found so far in the open document."""
        return self._hedges

    @property
    def findings(self) -> list[Finding]:
        """Every finding sentence found so far, with its claim strength."""
        return self._findings

    def claim_counts(self) -> dict[str, int]:
        """Finding sentences per claim label (``no_claim``: the other sentences)."""
        return claims_marks.counts(self._findings, len(self._sentences))

    @property
    def side_open(self) -> bool:
        return self.has_class("-side-open")

    # -- the document and its marks ------------------------------------------------------

    def show(
        self,
        document: Document,
        hedges: Sequence[Hedge] = (),
        hits: Sequence[tuple[int, int]] = (),
        *,
        top: int = 0,
        complete: bool = True,
        wrapped: tuple[int, list[tuple[int, int]]] | None = None,
        findings: Sequence[Finding] = (),
    ) -> None:
        """Show ``document``; with ``complete=False`` its marks follow through ``add_chunk``."""
        self.document = document
        self._links = {s.start: s for s in document.styles if s.kind in LINK_KINDS}
        self._hedges = list(hedges)
        self._hits = list(hits)
        self._findings = list(findings)
        self._sentences = sentence_spans(document.body) if complete else []
        self._stretches = []  # counted when the outline is first shown
        self._counts = {}
        for hedge in self._hedges:
            self._counts[hedge.category] = self._counts.get(hedge.category, 0) + 1
        self.analysed = 1.0 if complete else 0.0
        self.find_pattern = ""
        self.query_one(FindBar).display = False
        self._panels_stale = True
        self.view.show(
            document.body,
            hedges=[Mark(h.start, h.end, h.category) for h in hedges]
            + self._claim_marks(self._findings),
            hits=[Mark(start, end, "hit") for start, end in hits],
            headings=[Mark(h.offset, h.offset + len(h.title), "heading") for h in document.outline],
            styles=[Mark(s.start, s.end, s.kind) for s in document.styles],
            top=top,
            wrapped=wrapped,
        )
        self.view.set_hidden(self._hidden)
        self._refresh_figures()
        self.set_status(self._default_status())
        self._update_position()

    def add_chunk(self, chunk: Chunk, done: float) -> None:
        """Marks for one more piece of the text, found by the worker."""
        self._hedges.extend(chunk.hedges)
        self._hits.extend(chunk.hits)
        self._sentences.extend(chunk.sentences)
        self._findings.extend(chunk.findings)
        for hedge in chunk.hedges:
            self._counts[hedge.category] = self._counts.get(hedge.category, 0) + 1
        self.analysed = done
        marks = [Mark(h.start, h.end, h.category) for h in chunk.hedges]
        self.view.add_marks("hedges", marks + self._claim_marks(chunk.findings))
        self.view.add_marks("hits", [Mark(start, end, "hit") for start, end in chunk.hits])
        self._refresh_figures()
        if done >= 1.0:
            self.set_status(self._default_status())

    def _claim_marks(self, findings: Sequence[Finding]) -> list[Mark]:
        """Cue marks of ``findings``, less the cues a hedge or booster already marks."""
        if not findings:
            return []
        hedges = self._hedges  # in text order: chunks arrive in order
        first = bisect_left(hedges, findings[0].start, key=_start)
        last = bisect_left(hedges, findings[-1].end, first, key=_start)
        near = hedges[first:last]
        return [Mark(*span) for span in claims_marks.cue_spans(findings, near)]

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        self._hits = list(hits)
        self.view.set_hits([Mark(start, end, "hit") for start, end in hits])
        self._update_legend()

    def set_hidden(self, hidden: Iterable[str]) -> None:
        """Hide these categories' marks, claims and counts; show the others."""
        self._hidden = frozenset(hidden)
        had_current = self.view.current is not None
        self.view.set_hidden(self._hidden)
        if had_current and self.view.current is None:
            self.set_status(self._default_status())  # it named a mark that is now hidden
        self._refresh_figures()

    def _refresh_figures(self) -> None:
        self._update_header()
        self._update_legend()
        self._panels_stale = True
        if self.side_open:
            self._update_panels()

    def _update_legend(self) -> None:
        if not self.side.built:
            return  # filled in when first shown
        legend = self.side.legend
        legend.update(self._counts, len(self._hits), self._hidden, self.claim_counts())
        if self.document is not None and self.analysed < 1.0:
            legend.border_title = f"Legend (counting… {self.analysed:.0%})"
        else:
            legend.border_title = "Legend"

    def _update_panels(self) -> None:
        self._panels_stale = False
        claims_list = self.side.claims
        outline = self.side.outline
        if self.document is None or not self.side.built:
            return
        claims_list.text = self.document.body
        found = panel_sentences(
            self._sentences,
            self._hedges,
            self._hidden,
            self._findings,
            claims_marks.hidden_labels(self._hidden),
        )
        claims_list.set_rows(found, empty="No claims or hedges shown in this document.")
        if not self._stretches:
            self._stretches = stretches(self.document.body, self.document.outline)
        parts = sections(self._stretches, self._hedges, self._hidden)
        outline.peak = max((p.hedges_per_1k for p in parts), default=1.0) or 1.0
        note = "" if self.document.outline else "no headings: tenths · "
        outline.border_title = f"{note}hedges/1k, +boosters"
        outline.set_rows(parts, empty="This document is empty.")

    # -- side panel ----------------------------------------------------------------------

    async def toggle_side(self, show: bool | None = None) -> bool:
        """Open or close the side panel; returns whether it is open."""
        show = not self.side_open if show is None else show
        if not show:
            self.close_side()
            return False
        await self.build_side()
        self.set_class(True, "-side-open")
        self.screen.set_class(True, "-side-open")  # narrow screens hide the list for room
        if self._panels_stale:
            self._update_panels()
        return True

    async def build_side(self) -> None:
        """Mount the side panel's lists (on first use) and fill them."""
        if await self.side.build():
            self._update_legend()
            self.side.bookmarks.set_rows(self._bookmark_rows)

    def close_side(self) -> None:
        self.set_class(False, "-side-open")
        self.screen.set_class(False, "-side-open")

    async def show_panel(self, name: str) -> RowList:
        """Open the side panel at ``legend``, ``claims``, ``outline`` or ``bookmarks``."""
        await self.toggle_side(True)
        if name == "legend":
            return self.side.legend
        return self.side.show_tab(name)

    @on(RowList.Selected)
    def _row_selected(self, message: RowList.Selected) -> None:
        message.stop()
        view = self.view
        row = message.row
        if isinstance(message.row_list, ClaimsList):
            marks = view.visible_marks("hedges")
            index = bisect_left([m.start for m in marks], row.first_mark)
            if index < len(marks):
                view.focus_mark("hedges", index, marks)
        elif isinstance(message.row_list, OutlineList):
            view.clear_current()
            view.scroll_to_offset(row.start, at_top=True)
            self.set_status(f"section: {printable(row.title)}")
        elif isinstance(message.row_list, BookmarkList):
            view.scroll_to_offset(row.offset, at_top=True)
        view.focus()

    # -- find ----------------------------------------------------------------------------

    async def open_find(self) -> None:
        bar = self.query_one(FindBar)
        await bar.build()
        bar.input.return_to = self.view
        # as in less: a find (a new one, or the last one edited) starts from the top line
        self._find_origin = self.view.top_offset()
        bar.display = True
        self.screen.set_focus(bar.input)  # at once: keys typed after `f` are queued already

    def find(self, pattern: str) -> int:
        """Mark every match of ``pattern`` and go to the first at or after where find began."""
        self.find_pattern = pattern
        view = self.view
        spans = find_spans(view.text, pattern) if self.document else []
        view.set_marks("find", [Mark(start, end, "find") for start, end in spans])
        bar = self.query_one(FindBar)
        if not pattern:
            bar.set_count("")
        elif not spans:
            view.clear_current()
            bar.set_count("no match")
            self.set_status(f"find: no match for {printable(pattern)!r}")
        else:
            view.jump_from("find", self._find_origin)
        return len(spans)

    def close_find(self) -> None:
        self.find_pattern = ""
        bar = self.query_one(FindBar)
        if bar.input.is_mounted:
            bar.input.value = ""
        bar.set_count("")
        bar.display = False
        self.view.set_marks("find", [])
        self.view.clear_current()
        self.view.focus()
        if self.document is not None:
            self.set_status(self._default_status())  # not the last "find 2/5: ..."

    @property
    def find_active(self) -> bool:
        return bool(self.find_pattern) and bool(self.view.marks("find"))

    @on(Input.Changed, "#find-input")
    def _find_changed(self, message: Input.Changed) -> None:
        message.stop()
        self.find(message.value)

    @on(FindInput.Done)
    def _find_done(self) -> None:
        if not self.find_pattern:
            self.close_find()
        else:
            self.view.focus()

    @on(FindInput.Closed)
    def _find_closed(self) -> None:
        self.close_find()

    @on(DocumentView.MarkFocused)
    def _mark_focused(self, message: DocumentView.MarkFocused) -> None:
        """Say which mark is current: "modal 3/40: 'may'", "find 2/14: 'trial'"."""
        message.stop()
        view = self.view
        current = view.current
        # Counted from what is shown now, not from the message: keys typed in one burst
        # change the find (or clear the mark) before the messages of earlier keys arrive.
        marks = view.visible_marks(message.layer)
        index = bisect_left([m.start for m in marks], current.start) if current else -1
        if current is None or index >= len(marks) or marks[index] != current:
            return  # stale: that mark is no longer the current one
        total = len(marks)
        if message.layer == "find":
            self.query_one(FindBar).set_count(f"{index + 1}/{total}")
        label = "search hit" if message.layer == "hits" else claims_marks.kind_name(current.kind)
        word = printable(view.text[current.start : current.end])
        status = f"{label} {index + 1}/{total}: {word!r}"
        link = self._links.get(current.start) if current and message.layer == "links" else None
        if link is not None and link.kind == "link":
            status += f" → {printable(link.target)} · Enter opens it"
        elif link is not None:
            status += " · Enter goes to the note"
        self.set_status(status)

    @on(DocumentView.LinkChosen)
    def _link_chosen(self, message: DocumentView.LinkChosen) -> None:
        """Open a link in the browser (``App.open_url``), or go to a footnote's note."""
        message.stop()
        mark = message.mark
        link = self._links.get(mark.start) if mark is not None else None
        if link is None:
            self.set_status("no link on screen · l goes to the next link")
            return
        if link.kind == "footnote":
            note = self.view.text.rfind(f"\n[{link.target}] ")
            if note >= 0:
                self.view.scroll_to_offset(note + 1, at_top=True)
                self.set_status(f"note [{printable(link.target)}]")
            return
        url = link.target
        if urlsplit(url).scheme.lower() not in OPENABLE_SCHEMES:
            self.set_status(f"not opened (only web and mail links are): {printable(url)}")
            return
        self.app.open_url(url)
        self.set_status(f"opening {printable(url)}")

    # -- bookmarks and position ------------------------------------------------------

    def set_bookmarks(self, offsets: Sequence[int]) -> None:
        text = self.view.text
        rows = [
            Bookmark(o, " ".join(text[o : o + 120].split()), round(100 * o / max(len(text), 1)))
            for o in offsets
        ]
        self.view.set_bookmarks(offsets)
        self._bookmark_rows = rows
        if self.side.built:
            self.side.bookmarks.set_rows(rows)

    @on(DocumentView.Scrolled)
    def _scrolled(self) -> None:
        self._update_position()

    def _update_position(self) -> None:
        view = self.view
        figure = f"{view.fraction:.0%}" if self.document is not None else ""
        self.query_one("#reading-position", Static).update(figure, layout=False)

    # -- header and status -----------------------------------------------------------

    def set_status(self, text: str) -> None:
        self.query_one("#reading-status", Static).update(Text(text), layout=False)

    def _default_status(self) -> str:
        if self.analysed < 1.0:
            return "finding hedges…"
        if self.view.marks("hedges"):
            parts = ["] / [ next / previous hedge or claim"]
        else:
            parts = ["no hedges or claims in this text"]
        if self._hits:
            parts.append(f"{len(self._hits)} search hits: n / N")
        parts.append("p: panels")
        return " · ".join(parts)

    def on_resize(self) -> None:
        self.side.set_class(self.screen.size.height < SHORT_ROWS, "-short")
        self._update_header()

    def _update_header(self) -> None:
        if self.document is not None:
            header = self.query_one("#reading-header", Static)
            text = self._header(self.document)
            # Counts change as marks arrive; a relayout of the screen each time is costly.
            lines = str(text).count("\n") + 1
            header.update(text, layout=lines != self._header_lines)
            self._header_lines = lines

    def update_summary(self, summary: DocumentSummary) -> None:
        """The open document's figures as the library has them now (re-analysed)."""
        if self.document is not None and self.document.path == summary.path:
            self.document = replace(self.document, summary=summary)
            self._update_header()

    def _header(self, document: Document) -> Text:
        """One line each: title, source, figures, and a legend with counts per category."""
        summary = document.summary
        width = max(self.size.width - 2, 20)
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(printable(summary.title), style="bold")
        if self.screen.size.height < SHORT_ROWS:  # 24 rows: three lines, the text needs the room
            header.append(
                f"\n{summary.words:,} words · {plural(summary.hedges, 'hedge')} "
                f"({summary.hedges_per_1k:.1f}/1k) · {summary.hedged_share:.0%} hedged · "
                f"{plural(summary.boosters, 'booster')}{self._findings_figure(short=True)}\n"
            )
        else:
            header.append("\n" + source_line(summary, width), style=self._readable("dim"))
            header.append(
                f"\n{summary.words:,} words · {plural(summary.hedges, 'hedge')}, "
                f"{summary.hedges_per_1k:.1f} per 1,000 words"
                f"\n{summary.hedged_share:.0%} of sentences hedged · "
                f"{plural(summary.boosters, 'booster')}, "
                f"{summary.boosters_per_1k:.1f} per 1,000 words{self._findings_figure()}\n"
            )
        header.append_text(self._category_line(width))
        if self.analysed < 1.0:
            header.append(f"counting… {self.analysed:.0%}", style=self._readable("dim"))
        return header

    def _findings_figure(self, *, short: bool = False) -> str:
        """`` · 6 findings, 33% causal``: finding sentences so far, and the share of them
        stated as a direct cause (the figure the library stores and sorts by);
        ``short``: `` · 2/6 findings causal``, for the 80-column header."""
        findings = len(self._findings)
        if not findings:
            return "" if self.analysed < 1.0 else " · no findings stated"
        causal = sum(1 for f in self._findings if f.label == claims_marks.DIRECT_CAUSAL)
        if short:
            return f" · {causal}/{plural(findings, 'finding')} causal"
        return f" · {plural(findings, 'finding')}, {causal / findings:.0%} causal"

    def _readable(self, style: Style | str) -> Style:
        """``style`` on the header's ground, with text that contrasts (``contrast.readable``)."""
        base = self.query_one("#reading-header", Static).rich_style
        return readable(
            base + Style.parse(style) if isinstance(style, str) else base + style,
            self.app.ansi_theme,
        )

    def _category_line(self, width: int) -> Text:
        """Each category's count, labels shortened until the line fits ``width`` (the
        last, boosters, must not be cut off)."""
        shown = [c for c in CATEGORIES if self._counts.get(c)]
        for labels, gap in _LABEL_STEPS:
            line = self._counts_text(shown, labels, gap)
            if line.cell_len - len(gap) <= width:
                return line
        # Still too long: leave out the rarest hedge categories (the legend lists them).
        by_count = sorted((c for c in shown if c != BOOSTER), key=lambda c: self._counts[c])
        while by_count:
            left_out = by_count.pop(0)
            shown = [c for c in shown if c != left_out]
            line = self._counts_text(shown, labels, gap, more=True)
            if line.cell_len - len(gap) <= width:
                break
        return line

    def _counts_text(
        self, shown: list[str], labels: dict[str, str], gap: str, *, more: bool = False
    ) -> Text:
        line = Text()
        for category in shown:
            if more and category == BOOSTER:
                line.append(f"…{gap}", style=self._readable("dim"))
            hidden = category in self._hidden
            style = Style(strike=True, dim=True) if hidden else self.view.mark_style(category)
            style = self._readable(style)
            line.append(labels.get(category) or short_label(category), style=style)
            line.append(f" {self._counts[category]:,}{' off' if hidden else ''}{gap}")
        return line


#: Ever shorter labels for the header's category line: (labels, gap between entries).
_LABEL_STEPS: list[tuple[dict[str, str], str]] = [
    ({}, "  "),
    (
        {
            "epistemic": "epist.",
            "probability": "prob.",
            "approximator": "approx.",
            "tentative": "tent.",
            "attribution": "attrib.",
            "booster": "boost.",
        },
        "  ",
    ),
    (
        {
            "modal": "mod",
            "epistemic": "epi",
            "probability": "prob",
            "approximator": "appr",
            "tentative": "tent",
            "attribution": "attr",
            "booster": "BOOST",
        },
        " ",
    ),
]


def _start(hedge: Hedge) -> int:
    return hedge.start


def _home_relative(path: str) -> str:
    home = str(Path.home())
    return "~" + path[len(home) :] if path.startswith(home + "/") else path


def _left_truncate(text: str, width: int) -> str:
    """Keep the end of a long path: the file name matters more than the folders."""
    return text if len(text) <= width else "…" + text[-(width - 1) :]
