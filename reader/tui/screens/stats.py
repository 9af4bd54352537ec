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
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.library import Library, LibraryError
from reader.library.stats import (
    EXTRA_FIGURES,
    Bar,
    LibraryStats,
    bar_text,
    cached_stats,
    library_stats,
)
from reader.safe_text import printable

#: Cells a bar may take at most: longer bars read no better on a wide terminal.
BAR_MAX = 50


@dataclass(frozen=True, slots=True)
class StatsChoice:
    """What Enter picked: a search to run, or a document to open."""

    query: str = ""
    path: str = ""


class StatsList(OptionList):
    """The charts and ranked documents, one selectable row per bar."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="stats.down"),
        Binding("k", "cursor_up", "Up", show=False, id="stats.up"),
        Binding("g", "first", "First", show=False, id="stats.first"),
        Binding("G", "last", "Last", show=False, id="stats.last"),
    ]


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
        self._choices: dict[str, StatsChoice] = {}

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
        try:
            stats = library_stats(self.library, use_cache=False)
        except LibraryError as error:
            self.post_message(self.Counted(None, str(error)))
        else:
            self.post_message(self.Counted(stats))

    def on_stats_screen_counted(self, message: Counted) -> None:
        self.updating = False
        if message.stats is None:
            self.query_one("#stats-summary", Static).update(Text(printable(message.error)))
            return
        self.stats = message.stats
        self.render_stats()

    def on_resize(self) -> None:
        if self.stats is not None:
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
            f"{stats.documents:,} documents · {stats.words:,} words · "
            f"{stats.hedges_per_1k:.1f} hedges, {stats.boosters_per_1k:.1f} boosters per 1,000"
        )
        if self.updating:
            line.append("  · updating…", style="italic")
        summary.update(line)
        highlighted = rows.highlighted
        rows.clear_options()
        self._choices.clear()
        width = max(self.size.width - 6, 40)
        options: list[Option] = []
        sections = [
            ("Hedges per 1,000 words", stats.histogram, False),
            ("Formats", stats.formats, True),
            ("Sources", stats.sources, True),
            ("Months (date written)", stats.months, False),
        ]
        for title, bars, figures in sections:
            if not bars:
                continue
            if options:
                options.append(Option("", disabled=True))
            options.append(self._heading(title, figures, stats.extras, width))
            largest = max(bar.count for bar in bars) or 1
            for bar in bars:
                key = f"bar-{len(self._choices)}"
                self._choices[key] = StatsChoice(query=bar.query)
                prompt = self._bar_line(bar, largest, width, figures, stats.extras)
                options.append(Option(prompt, id=key))
        for title, items in (
            ("Most hedged (per 1,000 words)", stats.most_hedged),
            ("Most boosted (per 1,000 words)", stats.most_boosted),
        ):
            if not items:
                continue
            options.append(Option("", disabled=True))
            options.append(Option(Text(title, style="bold"), disabled=True))
            for item in items:
                key = f"doc-{len(self._choices)}"
                self._choices[key] = StatsChoice(path=item.path)
                line = Text(f"{item.value:6.1f}  ")
                line.append(printable(item.title)[: width - 8])
                options.append(Option(line, id=key))
        rows.add_options(options)
        if highlighted is not None and highlighted < rows.option_count:
            rows.highlighted = highlighted
        elif rows.option_count:
            rows.highlighted = 1 if rows.option_count > 1 else 0

    def _heading(self, title: str, figures: bool, extras: list[str], width: int) -> Option:
        line = Text(title, style="bold")
        if figures:
            columns = "  docs  hedges boosters" + "".join(
                f" {EXTRA_FIGURES[name]:>7}" for name in extras
            )
            total = len(self._bar_line(Bar("", 0, ""), 1, width, figures, extras))
            line.append(" " * max(1, total - len(title) - len(columns)) + columns, style="dim")
        return Option(line, disabled=True)

    @staticmethod
    def _bar_line(bar: Bar, largest: int, width: int, figures: bool, extras: list[str]) -> Text:
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

    # -- choosing ------------------------------------------------------------------------

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        choice = self._choices.get(message.option.id or "")
        if choice is None:
            return
        if not choice.query and not choice.path:
            self.notify("This slice cannot be written as a search (odd characters in its name).")
            return
        self.dismiss(choice)
