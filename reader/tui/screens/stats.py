"""The Library view: the whole library at a glance, every bar a search.

It opens on the figures saved beside the index (``reader.library.stats``), so it is
on screen at once however large the library; when the library changed since they were
saved, they are shown marked "updating…" while a worker counts them again. Enter on a
bar closes the view and searches that slice (``hedges:[10 to 15}``, ``format:pdf``, a
month, a feed or a folder); Enter on a document opens it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from reader.library import (
    EXTRA_FIGURES,
    Bar,
    Library,
    LibraryError,
    LibraryStats,
    bar_text,
    cached_stats,
    library_stats,
)
from reader.safe_text import printable
from reader.tui.widgets.row_list import RowList

#: Cells a bar may take at most: longer bars read no better on a wide terminal.
BAR_MAX = 50


@dataclass(frozen=True, slots=True)
class StatsChoice:
    """What Enter picked: a search to run, or a document to open."""

    query: str = ""
    path: str = ""


@dataclass(frozen=True, slots=True)
class StatsRow:
    """One line of the view: a section title, a gap, a bar or a ranked document."""

    kind: str  # "title", "gap", "bar", "doc"
    text: str = ""
    bar: Bar | None = None
    largest: int = 1
    figures: bool = False
    value: float = 0.0
    choice: StatsChoice | None = None


class StatsList(RowList):
    """The charts and ranked documents; the cursor stops on bars and documents only.

    A ``RowList`` draws only the rows on screen, at the width they are shown at.
    """

    BINDINGS = [
        Binding("enter", "select", "Search this slice / open the document", id="stats.select"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.extras: list[str] = []

    def selectable(self, index: int) -> bool:
        return 0 <= index < len(self.rows) and self.rows[index].choice is not None

    def action_cursor(self, step: int) -> None:
        index = self.cursor + step
        while 0 <= index < len(self.rows) and not self.selectable(index):
            index += 1 if step > 0 else -1
        if self.selectable(index):
            self.cursor = index

    def action_page(self, step: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        index = max(min(self.cursor + step * height, len(self.rows) - 1), 0)
        while 0 <= index < len(self.rows) and not self.selectable(index):
            index += 1 if step > 0 else -1
        if self.selectable(index):
            self.cursor = index

    def action_first(self) -> None:
        found = next((i for i in range(len(self.rows)) if self.selectable(i)), None)
        if found is not None:
            self.cursor = found

    def action_last(self) -> None:
        found = next((i for i in reversed(range(len(self.rows))) if self.selectable(i)), None)
        if found is not None:
            self.cursor = found

    def on_click(self, event: events.Click) -> None:
        event.prevent_default()  # RowList's own handler would select titles and gaps too
        index = int(self.scroll_y) + event.y
        if self.selectable(index):
            self.cursor = index
            self.action_select()

    def render_row(self, row: StatsRow, width: int) -> Text:
        width = max(width - 1, 20)
        if row.kind == "title":
            return heading_line(row.text, row.figures, self.extras, width)
        if row.kind == "bar" and row.bar is not None:
            return bar_line(row.bar, row.largest, width, row.figures, self.extras)
        if row.kind == "doc":
            line = Text(f"{row.value:6.1f}  ")
            line.append(printable(row.text))
            return line
        return Text("")


def heading_line(title: str, figures: bool, extras: list[str], width: int) -> Text:
    line = Text(title, style="bold")
    if figures:
        columns = "  docs  hedges boosters" + "".join(
            f" {EXTRA_FIGURES[name]:>7}" for name in extras
        )
        total = len(bar_line(Bar("", 0, ""), 1, width, figures, extras))
        line.append(" " * max(1, total - len(title) - len(columns)) + columns, style="dim")
    return line


def bar_line(bar: Bar, largest: int, width: int, figures: bool, extras: list[str]) -> Text:
    label_width = min(24, max(8, width // 4))
    numbers = f"{bar.count:>6,}"
    if figures:
        numbers += f"  {bar.hedges:6.1f} {bar.boosters:8.1f}"
        numbers += "".join(
            f" {bar.extra[name]:>7.0%}" if name in bar.extra else " " * 8 for name in extras
        )
    room = min(max(width - label_width - len(numbers) - 2, 4), BAR_MAX)
    label = printable(bar.label)
    label = label if len(label) <= label_width else label[: label_width - 1] + "…"
    line = Text(f"{label:<{label_width}} ")
    drawn = bar_text(bar.count, largest, room)
    line.append(f"{drawn:<{room}}", style="bold")
    line.append(f" {numbers}")
    return line


class StatsScreen(Screen[StatsChoice | None]):
    BINDINGS = [
        Binding("escape,q,S", "dismiss", "Close", id="stats.close"),
    ]

    class Counted(Message):
        def __init__(self, stats: LibraryStats | None, error: str = "") -> None:
            super().__init__()
            self.stats = stats
            self.error = error

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.stats: LibraryStats | None = None
        self.updating = False

    def compose(self) -> ComposeResult:
        with Vertical(id="stats-body"):
            yield Static("", id="stats-summary")
            yield StatsList(id="stats-list")
            yield Static(
                Text("Enter searches a bar or opens a document · Esc closes", style="dim"),
                id="stats-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#stats-body").border_title = "Library at a glance"
        try:
            generation = self.library.generation()
        except LibraryError:
            generation = -2
        saved = cached_stats(self.library)
        if saved is not None:
            self.stats = saved
        if saved is None or saved.generation != generation:
            self.updating = True
            self.count()
        self.render_stats()
        self.query_one(StatsList).focus()

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def count(self) -> None:
        """Count on a second ``Library`` on the same folder: reading every document's
        stored fields takes a while, and searches in the app lock ``self.library``."""
        counter = Library(self.library.path)
        try:
            stats = library_stats(counter, use_cache=False)
        except LibraryError as error:
            self.post_message(self.Counted(None, str(error)))
        else:
            self.post_message(self.Counted(stats))
        finally:
            counter.close()

    def on_stats_screen_counted(self, message: Counted) -> None:
        self.updating = False
        if message.stats is None:
            self.query_one("#stats-summary", Static).update(Text(printable(message.error)))
            return
        self.stats = message.stats
        self.render_stats()

    # -- drawing -------------------------------------------------------------------------

    def render_stats(self) -> None:
        summary = self.query_one("#stats-summary", Static)
        rows = self.query_one(StatsList)
        stats = self.stats
        if stats is None:
            summary.update(Text("Counting the library…"))
            return
        line = Text(
            f"{stats.documents:,} document{'' if stats.documents == 1 else 's'} · "
            f"{stats.words:,} words · "
            f"{stats.hedges_per_1k:.1f} hedges, {stats.boosters_per_1k:.1f} boosters per 1,000"
        )
        if self.updating:
            line.append("  · updating…", style="italic")
        summary.update(line)
        lines: list[StatsRow] = []
        sections = [
            ("Hedges per 1,000 words", stats.histogram, False),
            ("Formats", stats.formats, True),
            ("Sources", stats.sources, True),
            ("Months (date written)", stats.months, False),
        ]
        for title, bars, figures in sections:
            if not bars:
                continue
            if lines:
                lines.append(StatsRow("gap"))
            lines.append(StatsRow("title", title, figures=figures))
            largest = max(bar.count for bar in bars) or 1
            for bar in bars:
                choice = StatsChoice(query=bar.query)
                lines.append(
                    StatsRow("bar", bar=bar, largest=largest, figures=figures, choice=choice)
                )
        for title, items in (
            ("Most hedged (per 1,000 words)", stats.most_hedged),
            ("Most boosted (per 1,000 words)", stats.most_boosted),
        ):
            if items:
                lines += [StatsRow("gap"), StatsRow("title", title)]
                lines += [
                    StatsRow(
                        "doc", item.title, value=item.value, choice=StatsChoice(path=item.path)
                    )
                    for item in items
                ]
        rows.extras = list(stats.extras)
        cursor = rows.cursor
        rows.set_rows(lines)
        if rows.selectable(cursor):
            rows.cursor = cursor
        else:
            rows.action_first()

    def lines(self, width: int = 100) -> list[str]:
        """The rows as plain text (what a test or a screen reader would read)."""
        rows = self.query_one(StatsList)
        return [rows.render_row(row, width).plain for row in rows.rows]

    # -- choosing ------------------------------------------------------------------------

    def on_row_list_selected(self, message: RowList.Selected) -> None:
        choice = message.row.choice
        if choice is None:
            return
        if not self.is_current:  # already closing
            return
        if not choice.query and not choice.path:
            self.notify("This slice cannot be written as a search (odd characters in its name).")
            return
        self.dismiss(choice)
