"""The main screen: search bar, library list, reading pane.

Slow work (opening and seeding the library, searching, adding, opening a document) runs
in thread workers that only post ``reader.tui.messages``; the handlers here own the
state (the query, the sort, the results, which document is open) and update the widgets.
Searching (the query, the sort, the results) is ``SearchActions``; reading keys
(categories, panels, find, bookmarks, history) are ``ReadingActions``,
export and copy-a-quote ``DocumentTools``, the pick-a-source step of a comparison
``CompareActions``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from reader.library import (
    AddProgress,
    Library,
    LibraryError,
    expand_lists,
    import_zotero,
    is_zotero_folder,
)
from reader.reading.analysis import Chunk
from reader.reading.analysis_pool import AnalysisPool
from reader.reading.memory import Memory
from reader.reading.opening import POOL_MIN, Opening, open_steps
from reader.safe_text import printable
from reader.tui import messages
from reader.tui.comparing import CompareActions
from reader.tui.document_tools import DocumentTools
from reader.tui.heap import HeapKeeper
from reader.tui.keys import reading_bindings
from reader.tui.reading_actions import ReadingActions
from reader.tui.screens.add import AddScreen
from reader.tui.screens.stats import StatsChoice, StatsScreen
from reader.tui.search_actions import SearchActions
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.legend import Legend
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.row_list import RowList
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.side_panel import BookmarkList
from reader.tui.wrap import wrap_offsets

PROGRESS_INTERVAL = 0.05  # seconds between progress messages a worker posts
PRESTART_DELAY = 0.3  # seconds after the list shows to start the analysis process
MEMORY_SAVE_INTERVAL = 5.0  # seconds between saves of the reading memory, when it changed
#: ``]`` and ``[`` share one footer entry, so ``? Help`` and ``q Quit`` fit at 120 columns.
MARKS_GROUP = Binding.Group("Next/prev hedge or claim")


class MainScreen(SearchActions, CompareActions, ReadingActions, DocumentTools, Screen[None]):
    """The library and the reading pane; every key here works from the list, the search
    bar, the text and the panels alike (the ids keep their ``app.`` names: configs use them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as it arrives, so keys typed right after it reach the search bar
        Binding("slash", "focus_search", "Search", id="app.search", priority=True),
        Binding("escape", "back", "Back / clear", id="app.back"),
        Binding(
            "right_square_bracket",
            "next_hedge",
            "Next hedge/claim",
            id="app.next-hedge",
            group=MARKS_GROUP,
        ),
        Binding(
            "left_square_bracket",
            "previous_hedge",
            "Prev hedge/claim",
            id="app.previous-hedge",
            group=MARKS_GROUP,
        ),
        Binding("n", "next_hit", "Next hit", show=False, id="app.next-hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, id="app.previous-hit"),
        Binding("s", "cycle_sort", "Sort", id="app.sort"),
        Binding("S", "reverse_sort", "Reverse the sort order", show=False, id="app.reverse-sort"),
        Binding("a", "add_documents", "Add a file, folder or URL", show=False, id="app.add"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="app.focus-next"),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", show=False, id="app.focus-prev"
        ),
        Binding("i", "library_stats", "Library at a glance", show=False, id="app.stats"),
        Binding("e", "export('html')", "Export as HTML", show=False, id="app.export-html"),
        Binding("E", "export('md')", "Export as Markdown", show=False, id="app.export-md"),
        Binding("y", "copy_quote", "Copy quote", show=False, id="app.copy-quote"),
        Binding("x", "compare_with", "Compare with…", show=False, id="app.compare"),
        *reading_bindings(),
    ]

    def __init__(
        self,
        library: Library,
        *,
        memory: Memory,
        heap: HeapKeeper,
        pool: AnalysisPool,
        hidden: set[str],
        phrases: dict[str, str],
        seeds: Path | None = None,
    ) -> None:
        """``hidden`` and ``phrases`` are the app's settings, shared (the category page
        reads what the reading keys toggle); ``pool``: the process that analyses the rest
        of long documents; ``seeds``: a folder to build the library from when it does not
        exist yet."""
        super().__init__()
        self.library = library
        self.memory = memory
        self.heap = heap
        self.hidden_categories = hidden
        self.extra_phrases = phrases
        self.seeds = seeds
        self.analysis_pool = pool
        self.init_search()
        self._open_generation = 0
        #: Set once the open document's text and first marks have been painted.
        self.document_painted = threading.Event()
        self._jumped_to_hit = False
        self._started = time.perf_counter()
        self.first_list_seconds: float | None = None
        self._adding: str | None = None
        self._reopening: str | None = None  # the last document, reopened on start

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        with Horizontal(id="main"):
            with Vertical(id="list-column"):
                yield ProgressBar(id="progress", show_eta=False)
                yield DocumentList(id="document-list")
            yield ReadingPane(id="reading-pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DocumentList).empty_message = "Opening the library…"
        self.query_one(DocumentList).focus()
        self.query_one(ReadingPane).set_hidden(self.hidden_categories)
        self.set_interval(MEMORY_SAVE_INTERVAL, self.save_memory)
        if self.memory.error:
            self.notify(self.memory.error, severity="warning")
        self.load_library()

    def on_unmount(self) -> None:
        self.remember_position()
        self.save_memory()

    # -- workers: they only post messages --------------------------------------------------

    def _progress(self, make: type[messages.Progress], stoppable: bool = False) -> ProgressReporter:
        return ProgressReporter(self, make, stoppable)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        try:
            seeded = None
            if self.seeds is not None and not self.library.exists():
                report = self._progress(messages.LibraryProgress)
                seeded = self.library.add([self.seeds], progress=report)
            results = self.first_page()
        except LibraryError as error:
            self.post_message(messages.LibraryFailed(str(error)))
            return
        self.post_message(messages.LibraryReady(results, seeded))
        self._update_figures()

    def _update_figures(self) -> None:
        """Figures stored by another analysis (a new detector, changed phrases) made again
        from the stored texts, in this worker; the list shows the old ones meanwhile."""
        report = self._progress(messages.FiguresProgress)
        try:
            count = self.library.reanalyse(progress=report) if self.library.stale() else 0
        except LibraryError as error:
            self.post_message(messages.FiguresUpdated(0, str(error)))
        else:
            self.post_message(messages.FiguresUpdated(count))

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def _refresh_summary(self, path: str) -> None:
        try:
            document = self.library.get(path)
        except LibraryError:
            return
        if document is not None:
            self.post_message(messages.SummaryRefreshed(document.summary))

    def open_document(
        self, path: str, terms: tuple[str, ...], *, record: bool = True, step: int = 0
    ) -> None:
        """Read ``path`` in a worker; ``record``: add it to the back/forward history;
        ``step``: the history move (-1, 1) that led here, if any."""
        self.heap.busy()  # no full collection while it opens and its marks come in
        self.remember_position()
        if record:
            self.memory.visit(path)
        self._open_generation += 1
        self.document_painted = threading.Event()
        opening = Opening(
            terms,
            self.extra_phrases,
            self.query_one(ReadingPane).view.wrap_width,
            wrap_offsets,
            self.document_painted,
        )
        self._read_document(self._open_generation, path, opening, step)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _read_document(self, generation: int, path: str, opening: Opening, step: int) -> None:
        """``reader.reading.opening``'s steps as messages, until a newer opening cancels
        this worker (``exclusive``)."""
        worker = get_current_worker()
        opening = replace(opening, cancelled=lambda: worker.is_cancelled)
        for reading_step in open_steps(self.library, path, opening, self.analysis_pool):
            if worker.is_cancelled:
                return
            self.post_message(messages.opening_message(generation, reading_step, step))

    @work(thread=True, group="add", exit_on_error=False)
    def index_sources(self, target: str) -> None:
        """Add ``target`` through a second ``Library`` on the same folder, so searching and
        reading (which lock ``self.library``) go on while it indexes."""
        adder = Library(self.library.path, phrases=self.library.phrases)
        report = self._progress(messages.IndexingProgress, stoppable=True)
        try:
            if is_zotero_folder(target):  # its attachments, with Zotero's metadata
                result = import_zotero(adder, target, progress=report)
            else:
                paths, failed = expand_lists([target])  # an .opml list: its feeds
                result = adder.add(paths, progress=report)
                result.failed[:0] = failed
        except KeyboardInterrupt:
            return
        except LibraryError as error:
            self.post_message(messages.IndexingFailed(target, str(error)))
        else:
            self.post_message(messages.IndexingFinished(target, result))
        finally:
            adder.close()

    # -- handlers: they own the state ------------------------------------------------------

    def _show_progress(self, message: messages.Progress, status: str) -> None:
        bar = self.query_one(ProgressBar)
        bar.add_class("active")
        bar.update(total=message.total, progress=message.done)
        self.query_one(SearchBar).set_status(status)

    def _hide_progress(self) -> None:
        self.query_one(ProgressBar).remove_class("active")

    def on_library_progress(self, message: messages.LibraryProgress) -> None:
        self._show_progress(
            message,
            f"Building your library from the sample documents… {message.done}/{message.total}",
        )

    def on_indexing_progress(self, message: messages.IndexingProgress) -> None:
        current = message.current
        name = Path(current).name if "://" not in current else current
        self._show_progress(message, f"Adding… {message.done}/{message.total} {name}".rstrip())

    def on_figures_progress(self, message: messages.FiguresProgress) -> None:
        self._show_progress(
            message,
            f"Updating hedge figures (the detector or your phrases changed)… "
            f"{message.done}/{message.total}",
        )

    def on_indexing_finished(self, message: messages.IndexingFinished) -> None:
        self._adding = None
        self._hide_progress()
        report = message.report
        failed = report.failed
        changed = report.added or report.updated or report.unchanged
        verb = "Added" if changed or not failed else "Nothing added from"
        text = f"{verb} {printable(message.target)}: {report.summary()}"
        if failed:
            more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
            text += f"\n{printable(str(failed[0]))}{more}"
        self.notify(text, severity="warning" if failed else "information", markup=False)
        self.start_search(self.query_text)

    def on_indexing_failed(self, message: messages.IndexingFailed) -> None:
        self._adding = None
        self._hide_progress()
        self.notify(printable(message.error), severity="error", markup=False)
        self.start_search(self.query_text)

    def on_figures_updated(self, message: messages.FiguresUpdated) -> None:
        self._hide_progress()
        if message.error:
            self.notify(message.error, severity="warning")
        if not message.count:
            return
        self.start_search(self.query_text)  # the rows' figures, and the status line
        pane = self.query_one(ReadingPane)
        if pane.document is not None:
            self._refresh_summary(pane.document.path)

    def on_summary_refreshed(self, message: messages.SummaryRefreshed) -> None:
        self.query_one(ReadingPane).update_summary(message.summary)

    def on_library_ready(self, message: messages.LibraryReady) -> None:
        self._hide_progress()
        self._show_results(message.results)
        if any(hit.summary.words * 6 >= POOL_MIN for hit in message.results.hits):
            # a long document may be opened: have its analysis process ready by then
            self.set_timer(PRESTART_DELAY, self._prestart_analysis)
        if message.seeded is not None and message.seeded.added:
            self._welcome(message.seeded.added[0])
        elif self.first_list_seconds is None and self.memory.current is not None:
            # where the user left off: the document read last, at its position
            self._reopening = self.memory.current
            self.open_document(self._reopening, (), record=False)
        if self.first_list_seconds is None:
            self.first_list_seconds = time.perf_counter() - self._started
            self.call_after_refresh(self.heap.start, self.app)
        if message.seeded is not None and message.seeded.failed:
            self.notify(
                f"{len(message.seeded.failed)} sample files could not be read", severity="warning"
            )

    def _welcome(self, path: str) -> None:
        """On the first run, open the first sample (by file name) so hedges show at once."""
        listing = self.query_one(DocumentList)
        paths = [entry.summary.path for entry in listing.entries]
        if path in paths:
            listing.cursor = paths.index(path)
            self.open_document(path, ())

    def _prestart_analysis(self) -> None:
        """Start the analysis process, unless a document is being opened right now: then
        its first paint comes first, and its worker starts the process after it."""
        if self._open_generation and not self.document_painted.is_set():
            return
        self.analysis_pool.start_soon()

    def on_library_failed(self, message: messages.LibraryFailed) -> None:
        self._hide_progress()
        self.query_one(DocumentList).set_entries(
            [], empty_message="The library could not be opened."
        )
        self.query_one(SearchBar).set_status(message.error, error=True)

    def on_document_opened(self, message: messages.DocumentOpened) -> None:
        if message.generation != self._open_generation or not self.app.is_running:
            return
        pane = self.query_one(ReadingPane)
        path = message.document.path
        top = self.memory.position(path)
        self._jumped_to_hit = False
        pane.show(message.document, top=top, complete=False, wrapped=message.wrapped)
        if message.first is not None:
            pane.add_chunk(message.first, message.done)
            self._jump_to_first_hit(message.first)
        self.call_after_refresh(self.document_painted.set)
        pane.set_bookmarks(self.memory.bookmarks(path))
        pane.view.focus()
        self._reopening = None
        listing = self.query_one(DocumentList)
        paths = [entry.summary.path for entry in listing.entries]
        if path in paths:  # back, forward or a reopen: the list shows what is read
            listing.cursor = paths.index(path)
        if top:
            self.notify(f"Back where you left off ({pane.view.fraction:.0%})", timeout=2)

    def on_marks_found(self, message: messages.MarksFound) -> None:
        if message.generation != self._open_generation or not self.app.is_running:
            return
        self.heap.busy()
        pane = self.query_one(ReadingPane)
        pane.add_chunk(message.chunk, message.done)
        self._jump_to_first_hit(message.chunk)

    def _jump_to_first_hit(self, chunk: Chunk) -> None:
        """Searching led here: show the first matched word as soon as it is found."""
        if chunk.hits and not self._jumped_to_hit:
            self._jumped_to_hit = True
            # after layout: the pane may only now get its size, and scrolling needs it
            view = self.query_one(ReadingPane).view
            view.call_after_refresh(view.jump_from, "hits", 0)

    def on_document_failed(self, message: messages.DocumentFailed) -> None:
        if message.gone is not None and message.gone == self._reopening:
            self._reopening = None  # the last document read is gone: start at the list
            return
        if message.gone is not None and message.step:
            # back/forward reached a removed document: skip it, as if never visited
            self.memory.forget(message.gone, message.step)
            self.notify(f"{message.error}: skipped", severity="warning")
            self.action_history(message.step)
            return
        self.notify(message.error, severity="error")

    @on(DocumentList.Opened)
    def _open_selected(self, message: DocumentList.Opened) -> None:
        if self.compare_picked(message.summary.path):
            return
        self.open_document(message.summary.path, self.search_terms())

    def action_back(self) -> None:
        if self.cancel_compare():
            return
        search = self.query_one(SearchBar)
        focused = self.focused
        if focused is search.input:
            if search.query_text:
                search.clear()
                self.start_search("")
            else:
                self.query_one(DocumentList).focus()
        elif isinstance(focused, DocumentView):
            pane = self.query_one(ReadingPane)
            if pane.find_pattern:
                pane.close_find()
                return
            if pane.side_open and self.has_class("-narrow"):
                pane.close_side()  # the list was hidden to make room
            self.query_one(DocumentList).focus()
        elif isinstance(focused, RowList):
            self.query_one(DocumentView).focus()
        elif self.query_text:
            search.clear()
            self.start_search("")

    def action_add_documents(self) -> None:
        if self._adding is not None:
            self.notify(
                f"Still adding {printable(self._adding)}; try again when it is done.", markup=False
            )
        else:
            self.app.push_screen(AddScreen(), callback=self._add_chosen)

    def _add_chosen(self, target: str | None) -> None:
        if target:
            self._adding = target
            self.index_sources(target)

    def action_library_stats(self) -> None:
        self.app.push_screen(StatsScreen(self.library), callback=self._stats_chosen)

    def _stats_chosen(self, choice: StatsChoice | None) -> None:
        """A bar searches its slice; a ranked document opens."""
        if choice is None:
            return
        if choice.path:
            self.open_document(choice.path, ())
            self.query_one(DocumentView).focus()
        else:
            search = self.query_one(SearchBar).input
            if search.value == choice.query:
                self.start_search(choice.query)
            else:
                search.value = choice.query  # shown as if typed; its change runs the search
            self.query_one(DocumentList).focus()

    @on(Legend.Toggled)
    def _legend_toggled(self, message: Legend.Toggled) -> None:
        self.action_toggle_category(message.category)

    @on(BookmarkList.Removed)
    def _bookmark_removed(self, message: BookmarkList.Removed) -> None:
        self.remove_bookmark(message.offset)

    # -- the reading memory ------------------------------------------------------------

    @on(DocumentView.Scrolled)
    def _view_scrolled(self) -> None:
        self.remember_position()

    def remember_position(self) -> None:
        pane = self.query_one_optional(ReadingPane)
        if pane is not None and pane.document is not None:  # None: shutting down
            self.memory.remember_position(pane.document.path, pane.view.top_offset())

    def save_memory(self) -> None:
        had_error = self.memory.error
        if not self.memory.save() and self.memory.error != had_error:
            self.notify(self.memory.error or "", severity="warning")


class ProgressReporter:
    """A ``Library`` progress callback, in a worker, posting ``make`` messages at most
    every ``PROGRESS_INTERVAL`` (and the last step always). ``stoppable``: it raises
    ``KeyboardInterrupt`` once the worker is cancelled, which ``Library.add`` takes as
    Ctrl-C: it saves what is done, then stops."""

    def __init__(
        self, screen: Screen[None], make: type[messages.Progress], stoppable: bool
    ) -> None:
        self._screen = screen
        self._make = make
        self._worker = get_current_worker() if stoppable else None
        self._last = 0.0

    def __call__(self, step: AddProgress) -> None:
        if self._worker is not None and self._worker.is_cancelled:
            raise KeyboardInterrupt
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or step.done == step.total:
            self._last = now
            self._screen.post_message(self._make(step.done, step.total, step.current))
