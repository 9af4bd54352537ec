"""The reading pane: a header with the document's figures, its text, a status line."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from reader.hedging import BOOSTER, CATEGORIES, Hedge
from reader.library import Document
from reader.safe_text import printable
from reader.tui.widgets.document_view import DocumentView, Mark
from reader.tui.widgets.metadata import source_line

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

    def compose(self) -> ComposeResult:
        yield Static(WELCOME, id="reading-header")
        yield DocumentView(id="document-view")
        yield Static("", id="reading-status")

    @property
    def view(self) -> DocumentView:
        return self.query_one(DocumentView)

    def show(self, document: Document, hedges: list[Hedge], hits: list[tuple[int, int]]) -> None:
        self.document = document
        self._hedges = hedges
        self.query_one("#reading-header", Static).update(self._header(document, hedges))
        self.view.show(
            document.body,
            hedges=[Mark(h.start, h.end, h.category) for h in hedges],
            hits=[Mark(start, end, "hit") for start, end in hits],
            headings=[Mark(h.offset, h.offset + len(h.title), "heading") for h in document.outline],
        )
        self.set_status(self._default_status(hedges, hits))

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        self.view.set_hits([Mark(start, end, "hit") for start, end in hits])

    def set_status(self, text: str) -> None:
        self.query_one("#reading-status", Static).update(Text(text))

    @staticmethod
    def _default_status(hedges: list[Hedge], hits: list[tuple[int, int]]) -> str:
        parts = ["] / [ next / previous hedge"] if hedges else ["no hedges in this text"]
        if hits:
            parts.append(f"{len(hits)} search hits: n / N")
        return " · ".join(parts)

    def on_resize(self) -> None:
        if self.document is not None:
            header = self.query_one("#reading-header", Static)
            header.update(self._header(self.document, self._hedges))

    def _header(self, document: Document, hedges: list[Hedge]) -> Text:
        """One line each: title, source, figures, and a legend with counts per category."""
        summary = document.summary
        width = max(self.size.width - 2, 20)
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(printable(summary.title), style="bold")
        header.append("\n" + source_line(summary, width))
        header.stylize("dim", len(summary.title) + 1)
        header.append(
            f"\n{summary.words:,} words · {plural(summary.hedges, 'hedge')}, "
            f"{summary.hedges_per_1k:.1f} per 1,000 words"
            f"\n{summary.hedged_share:.0%} of sentences hedged · "
            f"{plural(summary.boosters, 'booster')}, "
            f"{summary.boosters_per_1k:.1f} per 1,000 words\n"
        )
        counts: dict[str, int] = {}
        for hedge in hedges:
            counts[hedge.category] = counts.get(hedge.category, 0) + 1
        view = self.view
        for category in CATEGORIES:
            if counts.get(category):
                style = view.get_component_rich_style(f"document-view--{category}", partial=True)
                label = "booster" if category == BOOSTER else category
                header.append(label, style=style)
                header.append(f" {counts[category]}  ")
        return header


def _home_relative(path: str) -> str:
    home = str(Path.home())
    return "~" + path[len(home) :] if path.startswith(home + "/") else path


def _left_truncate(text: str, width: int) -> str:
    """Keep the end of a long path: the file name matters more than the folders."""
    return text if len(text) <= width else "…" + text[-(width - 1) :]
