"""The Textual app: search bar, library list, reading pane.

Slow work (opening and seeding the library, searching, reading and analysing a
document) runs in thread workers that only post messages from ``reader.tui.messages``;
the handlers here own the state and update the widgets.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections.abc import Iterable
from concurrent.futures import CancelledError, Future
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, ProgressBar
from textual.worker import get_current_worker

from reader.config import Config
from reader.hedging import CATEGORIES
from reader.library import (
    SORTS,
    AddProgress,
    Library,
    LibraryError,
    SearchResults,
    expand_lists,
    import_zotero,
    is_zotero_folder,
)
from reader.reading.analysis import Chunk, analyse, chunk_bounds, claims_of, merge
from reader.reading.analysis_pool import AnalysisPool, batches
from reader.reading.memory import Memory
from reader.resources import styles_dir
from reader.safe_text import printable
from reader.tui import messages
from reader.tui.claims_marks import CLAIM_KINDS, is_claim_kind, kind_name
from reader.tui.comparing import CompareActions
from reader.tui.heap import HeapKeeper
from reader.tui.keys import bound_keys, described, key_groups, reading_bindings
from reader.tui.screens.add import AddScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.stats import StatsChoice, StatsScreen
from reader.tui.tools import ToolActions
from reader.tui.widgets.document_list import DocumentList, ListEntry
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.legend import Legend, short_label
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.row_list import RowList
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.side_panel import BookmarkList
from reader.tui.wrap import wrap_offsets

SEARCH_DELAY = 0.15  # seconds of typing pause before a search runs
MAX_RESULTS = 500  # rows a search shows; the count line gives the full total
SNIPPETS = 50  # top results that get a snippet under their title
_PROGRESS_INTERVAL = 0.05
#: Rows fetched at a time: a 20,000-document library lists its first page at once and
#: the next ones as the cursor or the scrollbar nears the end.
PAGE = 500
MARKS_INTERVAL = 0.3  # seconds between batches of marks posted while analysing
ANALYSIS_YIELD = 1.0  # in-thread analysis sleeps this share of its working time, for the UI
POOL_MIN = 64_000  # characters left after the first screen worth an analysis process
PRESTART_DELAY = 0.3  # seconds after the list shows to start the analysis process
MEMORY_SAVE_INTERVAL = 5.0  # seconds between saves of the reading memory, when it changed


class HedgeReaderApp(CompareActions, ToolActions, App[None]):
    TITLE = "Hedge Reader"
    CSS_PATH = [styles_dir() / "app.tcss"]
    # Below 160 columns, opening the side panel hides the library list (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (160, "-wide")]
    # Below 32 rows the side panel leaves the legend to the header line: reading_pane.SHORT_ROWS.

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as it arrives, so keys typed right after it reach the search bar
        Binding("slash", "focus_search", "Search", id="app.search", priority=True),
        Binding("escape", "back", "Back / clear", id="app.back"),
        Binding("right_square_bracket", "next_hedge", "Next hedge/claim", id="app.next-hedge"),
        Binding(
            "left_square_bracket", "previous_hedge", "Prev hedge/claim", id="app.previous-hedge"
        ),
        Binding("n", "next_hit", "Next hit", show=False, id="app.next-hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, id="app.previous-hit"),
        Binding("s", "cycle_sort", "Sort", id="app.sort"),
        Binding("S", "reverse_sort", "Reverse the sort order", show=False, id="app.reverse-sort"),
        Binding("a", "add_documents", "Add a file, folder or URL", show=False, id="app.add"),
        Binding("tab", "focus_next", "Next pane", show=False, id="app.focus-next"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="app.focus-prev"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("C", "categories", "Hedge categories explained", show=False, id="app.categories"),
        Binding("i", "library_stats", "Library at a glance", show=False, id="app.stats"),
        Binding("e", "export('html')", "Export as HTML", show=False, id="app.export-html"),
        Binding("E", "export('md')", "Export as Markdown", show=False, id="app.export-md"),
        Binding("y", "copy_quote", "Copy quote", show=False, id="app.copy-quote"),
        Binding("x", "compare_with", "Compare with…", show=False, id="app.compare"),
        Binding("q", "quit", "Quit", id="app.quit"),
        *reading_bindings(),
    ]

    def __init__(
        self,
        library: Library,
        *,
        seeds: Path | None = None,
        config: Config | None = None,
        state_file: Path | None = None,
        memory: Memory | None = None,
    ) -> None:
        """``seeds``: a folder to build the library from when it does not exist yet;
        ``config``: the user's settings; ``state_file``: where to remember the theme;
        ``memory``: reading positions, bookmarks and history (default: the user data dir)."""
        super().__init__()
        self.memory = memory if memory is not None else Memory.load()
        #: Hedge categories (and "booster") whose marks are hidden; toggled with 1-7,
        #: first set from the config by ``init_tools``.
        self.hidden_categories: set[str] = set()
        self.init_tools(config, state_file)
        self._open_generation = 0
        #: Set once the open document's text and first marks have been painted.
        self.document_painted = threading.Event()
        self._jumped_to_hit = False
        #: Analyses the rest of long documents in a second process (see analysis_pool).
        self.analysis_pool = AnalysisPool()
        #: Full garbage collections in the user's pauses, not mid-resize (heap.py).
        self.heap = HeapKeeper()
        self.library = library
        #: One analysis: the list's and the header's figures count the user's phrases too.
        self.library.phrases = dict(self.extra_phrases)
        self.seeds = seeds
        self.query_text = ""
        self.sort = "relevance"
        self.reverse_sort = False  # oldest, fewest, Z-A first (not for relevance)
        self.results: SearchResults | None = None
        self._generation = 0
        self._search_timer: Timer | None = None
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
        self.mount_tools()
        self.query_one(DocumentList).empty_message = "Opening the library…"
        self.query_one(DocumentList).focus()
        self.query_one(ReadingPane).set_hidden(self.hidden_categories)
        self.set_interval(MEMORY_SAVE_INTERVAL, self._save_memory)
        if self.memory.error:
            self.notify(self.memory.error, severity="warning")
        self.load_library()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.InputEvent, events.Resize)):
            self.heap.busy()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._remember_position()
        self._save_memory()
        self.analysis_pool.shutdown()
        self.heap.stop()

    # -- workers: they only post messages --------------------------------------------------

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        try:
            seeded = None
            if self.seeds is not None and not self.library.exists():
                last = 0.0

                def report(step: AddProgress) -> None:
                    nonlocal last
                    now = time.monotonic()
                    if now - last >= _PROGRESS_INTERVAL or step.done == step.total:
                        last = now
                        self.post_message(
                            messages.LibraryProgress(step.done, step.total, step.current)
                        )

                seeded = self.library.add([self.seeds], progress=report)
            results = self.library.search(
                "", limit=PAGE, sort=self.sort, snippets=0, reverse=self.reverse_sort
            )
        except LibraryError as error:
            self.post_message(messages.LibraryFailed(str(error)))
            return
        self.post_message(messages.LibraryReady(results, seeded))
        self._update_figures()

    def _update_figures(self) -> None:
        """Figures stored by another analysis (a new detector, changed phrases) made again
        from the stored texts, in this worker; the list shows the old ones meanwhile."""
        last = 0.0

        def report(step: AddProgress) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= _PROGRESS_INTERVAL or step.done == step.total:
                last = now
                self.post_message(messages.FiguresProgress(step.done, step.total))

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

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, generation: int, query: str, sort: str, reverse: bool = False) -> None:
        try:
            results = self.library.search(query, limit=PAGE, sort=sort, reverse=reverse)
        except LibraryError as error:
            self.post_message(messages.SearchFailed(generation, str(error)))
        else:
            self.post_message(messages.SearchFinished(generation, results))

    @work(thread=True, exclusive=True, group="more", exit_on_error=False)
    def fetch_more(
        self, generation: int, query: str, sort: str, offset: int, rest: bool, reverse: bool
    ) -> None:
        try:
            results = self.library.search(
                query, limit=None if rest else PAGE, sort=sort, offset=offset, reverse=reverse
            )
        except LibraryError as error:
            self.post_message(messages.SearchFailed(generation, str(error)))
        else:
            self.post_message(messages.MoreResults(generation, offset, results))

    def open_document(
        self, path: str, terms: tuple[str, ...], *, record: bool = True, step: int = 0
    ) -> None:
        """Read ``path`` in a worker; ``record``: add it to the back/forward history;
        ``step``: the history move (-1, 1) that led here, if any."""
        self.heap.busy()  # no full collection while it opens and its marks come in
        self._remember_position()
        if record:
            self.memory.visit(path)
        self._open_generation += 1
        self.document_painted = threading.Event()
        width = self.query_one(ReadingPane).view.wrap_width
        self._read_document(self._open_generation, path, terms, self.document_painted, width, step)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _read_document(
        self,
        generation: int,
        path: str,
        terms: tuple[str, ...],
        painted: threading.Event,
        width: int,
        step: int = 0,
    ) -> None:
        """Post the text with the first screen's marks, then (once that is painted, so
        nothing holds the GIL during the first paint) the rest's marks in batches
        (``MarksFound``, the last with ``done`` 1.0). The first chunk is analysed here: quicker
        than a round trip to a process. A long rest goes to ``analysis_pool``'s process, so
        the UI keeps the GIL."""
        try:
            document = self.library.get(path)
        except LibraryError as error:
            self.post_message(messages.DocumentFailed(str(error)))
            return
        if document is None:
            self.post_message(
                messages.DocumentFailed(f"{path}: no longer in the library", gone=path, step=step)
            )
            return
        text = document.body
        if not text:
            self.post_message(messages.DocumentOpened(generation, document, None, 1.0))
            return
        bounds = list(chunk_bounds(text))
        # the first screen's claim strength follows its paint: it costs as much again
        first = analyse(text, *bounds[0], terms, self.extra_phrases, with_claims=False)
        wrapped = (width, wrap_offsets(text, width))  # off the UI thread
        self.post_message(
            messages.DocumentOpened(generation, document, first, bounds[0][1] / len(text), wrapped)
        )
        painted.wait(timeout=2.0)
        first_claims = claims_of(text, *bounds[0])
        self.post_message(messages.MarksFound(generation, first_claims, bounds[0][1] / len(text)))
        # Only a long rest is worth a process; handed over only now, as starting and
        # feeding it competes with the first paint for the CPU (measured: slower opens).
        rest = bounds[1:]
        groups = batches(rest) if len(text) - bounds[0][1] >= POOL_MIN else []
        submitted = [
            self.analysis_pool.submit(text, group, terms, self.extra_phrases) for group in groups
        ]
        futures = [future for future in submitted if future is not None]
        if groups and len(futures) == len(groups):
            self._collect_marks(generation, text, groups, futures, terms)
        else:  # a short text, or no process could start
            for future in futures:
                future.cancel()
            self._analyse_here(generation, text, rest, terms)

    def _collect_marks(
        self,
        generation: int,
        text: str,
        groups: list[list[tuple[int, int]]],
        futures: list[Future[Chunk]],
        terms: tuple[str, ...],
    ) -> list[Chunk] | None:
        """Post each batch's marks as the analysis process finishes it, in text order; if
        the process breaks, analyse what is left here. None if the worker was cancelled."""
        worker = get_current_worker()
        chunks: list[Chunk] = []
        for index, future in enumerate(futures):
            while True:
                if worker.is_cancelled:
                    for pending in futures[index:]:
                        pending.cancel()
                    return None
                try:
                    chunk = future.result(timeout=0.05)  # waiting releases the GIL
                except concurrent.futures.TimeoutError:
                    continue
                except CancelledError:  # the app is closing
                    return None
                except Exception:  # the process died: carry on in this thread
                    self.analysis_pool.broken()
                    left = [b for group in groups[index:] for b in group]
                    more = self._analyse_here(generation, text, left, terms)
                    return None if more is None else chunks + more
                break
            chunks.append(chunk)
            self.post_message(messages.MarksFound(generation, chunk, chunk.end / len(text)))
        return chunks

    def _analyse_here(
        self, generation: int, text: str, bounds: list[tuple[int, int]], terms: tuple[str, ...]
    ) -> list[Chunk] | None:
        """Analyse ``bounds`` in this thread, stepping aside between chunks for the UI (a
        short text, or no analysis process). None if the worker was cancelled."""
        worker = get_current_worker()
        chunks: list[Chunk] = []
        pending: list[Chunk] = []
        last_post = time.monotonic()
        for start, end in bounds:
            if worker.is_cancelled:
                return None
            began = time.perf_counter()
            chunk = analyse(text, start, end, terms, self.extra_phrases)
            chunks.append(chunk)
            pending.append(chunk)
            if end == len(text) or time.monotonic() - last_post >= MARKS_INTERVAL:
                self.post_message(messages.MarksFound(generation, merge(pending), end / len(text)))
                pending, last_post = [], time.monotonic()
            # Step aside: a thread doing pure-Python work starves the UI of the GIL.
            time.sleep(min((time.perf_counter() - began) * ANALYSIS_YIELD, 0.05))
        return chunks

    @work(thread=True, group="add", exit_on_error=False)
    def index_sources(self, target: str) -> None:
        """Add ``target`` through a second ``Library`` on the same folder, so searching and
        reading (which lock ``self.library``) go on while it indexes."""
        adder = Library(self.library.path, phrases=self.library.phrases)
        worker = get_current_worker()
        last = 0.0

        def report(step: AddProgress) -> None:
            nonlocal last
            if worker.is_cancelled:
                # Library.add takes this as Ctrl-C: it saves what is done, then stops.
                raise KeyboardInterrupt
            now = time.monotonic()
            if now - last >= _PROGRESS_INTERVAL or step.done == step.total:
                last = now
                self.post_message(messages.IndexingProgress(step.done, step.total, step.current))

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

    def on_indexing_progress(self, message: messages.IndexingProgress) -> None:
        bar = self.query_one(ProgressBar)
        bar.add_class("active")
        bar.update(total=message.total, progress=message.done)
        name = Path(message.current).name if "://" not in message.current else message.current
        self.query_one(SearchBar).set_status(
            f"Adding… {message.done}/{message.total} {name}".rstrip()
        )

    def on_indexing_finished(self, message: messages.IndexingFinished) -> None:
        self._adding = None
        self.query_one(ProgressBar).remove_class("active")
        report = message.report
        failed = report.failed
        changed = report.added or report.updated or report.unchanged
        verb = "Added" if changed or not failed else "Nothing added from"
        text = f"{verb} {printable(message.target)}: {report.summary()}"
        if failed:
            more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
            text += f"\n{printable(str(failed[0]))}{more}"
        self.notify(text, severity="warning" if failed else "information", markup=False)
        self._start_search(self.query_text)

    def on_indexing_failed(self, message: messages.IndexingFailed) -> None:
        self._adding = None
        self.query_one(ProgressBar).remove_class("active")
        self.notify(printable(message.error), severity="error", markup=False)
        self._start_search(self.query_text)

    def on_library_progress(self, message: messages.LibraryProgress) -> None:
        bar = self.query_one(ProgressBar)
        bar.add_class("active")
        bar.update(total=message.total, progress=message.done)
        self.query_one(SearchBar).set_status(
            f"Building your library from the sample documents… {message.done}/{message.total}"
        )

    def on_figures_progress(self, message: messages.FiguresProgress) -> None:
        bar = self.query_one(ProgressBar)
        bar.add_class("active")
        bar.update(total=message.total, progress=message.done)
        self.query_one(SearchBar).set_status(
            f"Updating hedge figures (the detector or your phrases changed)… "
            f"{message.done}/{message.total}"
        )

    def on_figures_updated(self, message: messages.FiguresUpdated) -> None:
        self.query_one(ProgressBar).remove_class("active")
        if message.error:
            self.notify(message.error, severity="warning")
        if not message.count:
            return
        self._start_search(self.query_text)  # the rows' figures, and the status line
        pane = self.query_one(ReadingPane)
        if pane.document is not None:
            self._refresh_summary(pane.document.path)

    def on_summary_refreshed(self, message: messages.SummaryRefreshed) -> None:
        self.query_one(ReadingPane).update_summary(message.summary)

    def on_library_ready(self, message: messages.LibraryReady) -> None:
        self.query_one(ProgressBar).remove_class("active")
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
            self.call_after_refresh(self.heap.start, self)
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

    def on_library_failed(self, message: messages.LibraryFailed) -> None:
        self.query_one(ProgressBar).remove_class("active")
        self.query_one(DocumentList).set_entries(
            [], empty_message="The library could not be opened."
        )
        self.query_one(SearchBar).set_status(message.error, error=True)

    def on_search_finished(self, message: messages.SearchFinished) -> None:
        if message.generation == self._generation:
            self._show_results(message.results)

    @on(DocumentList.WantsMore)
    def _list_wants_more(self, message: DocumentList.WantsMore) -> None:
        if self.results is not None:
            query = self.results.query
            self.fetch_more(
                self._generation, query, self.sort, message.offset, message.rest, self.reverse_sort
            )

    def on_more_results(self, message: messages.MoreResults) -> None:
        if message.generation != self._generation or self.results is None:
            return
        if message.results.query != self.results.query:
            return
        searching = bool(message.results.query.strip())
        more = [
            ListEntry(h.summary, h.snippet if searching else None) for h in message.results.hits
        ]
        self.query_one(DocumentList).add_entries(message.offset, more)

    def on_search_failed(self, message: messages.SearchFailed) -> None:
        if message.generation == self._generation:
            self.query_one(SearchBar).set_status(message.error, error=True)

    def on_document_opened(self, message: messages.DocumentOpened) -> None:
        if message.generation != self._open_generation or not self.is_running:
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
        if message.generation != self._open_generation or not self.is_running:
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
            self.call_after_refresh(self.query_one(ReadingPane).view.jump_from, "hits", 0)

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

    def _show_results(self, results: SearchResults) -> None:
        # A new query starts at its top hit; the same query refreshed (a sort, an add) or
        # the whole library restored keeps the selected document selected.
        keep = self.results is None or results.query in (self.results.query, "")
        self.results = results
        searching = bool(results.query.strip())
        entries = [
            ListEntry(hit.summary, hit.snippet if searching else None) for hit in results.hits
        ]
        if searching:
            status = (
                f"{results.total:,} result{'s' if results.total != 1 else ''} for {results.query!r}"
            )
            empty = f"Nothing matches {results.query!r}."
            if results.suggestions:
                status += f" · did you mean: {results.suggestions[0]}?"
                empty += f" Did you mean: {results.suggestions[0]}?"
        else:
            status = f"{results.total:,} document{'s' if results.total != 1 else ''} in the library"
            empty = "The library is empty: add documents with  hedge-reader add PATH"
        if self.sort != "relevance":
            status += f" · sorted by {self._sort_name()}"
        listing = self.query_one(DocumentList)
        listing.set_entries(entries, total=results.total, empty_message=empty, keep=keep)
        self.query_one(SearchBar).set_status(status)

    @on(DocumentList.Opened)
    def _open_selected(self, message: DocumentList.Opened) -> None:
        if self.compare_picked(message.summary.path):
            return
        terms = self.results.terms if self.results and self.results.query.strip() else ()
        self.open_document(message.summary.path, terms)

    @on(Input.Changed, "#search-input")
    def _query_changed(self, message: Input.Changed) -> None:
        # A search still running for what was typed before is already stale: drop its result.
        self._generation += 1
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(
            SEARCH_DELAY, partial(self._start_search, message.value)
        )

    @on(Input.Submitted, "#search-input")
    def _query_submitted(self, message: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._start_search(message.value)
        self.query_one(DocumentList).focus()

    def _start_search(self, query: str) -> None:
        self.query_text = query
        self._generation += 1
        self.run_search(self._generation, query, self.sort, self.reverse_sort)

    # -- actions ---------------------------------------------------------------------

    def _typing_elsewhere(self) -> bool:
        """Whether a priority key (`/`, `f`) is text for an input or another screen's."""
        return isinstance(self.focused, Input) or len(self.screen_stack) > 1

    def action_focus_search(self) -> None:
        if self._typing_elsewhere():
            raise SkipAction()  # the key goes on to the focused input or screen
        # at once, not through ``focus()``'s queued callback: keys typed right after `/`
        # are already queued behind this one and must reach the search bar
        self.screen.set_focus(self.query_one(SearchBar).input)

    def action_back(self) -> None:  # type: ignore[override]  # not App.back (pop a screen)
        if self.cancel_compare():
            return
        search = self.query_one(SearchBar)
        focused = self.focused
        if focused is search.input:
            if search.query_text:
                search.clear()
                self._start_search("")
            else:
                self.query_one(DocumentList).focus()
        elif isinstance(focused, DocumentView):
            pane = self.query_one(ReadingPane)
            if pane.find_pattern:
                pane.close_find()
                return
            if pane.side_open and self.screen.has_class("-narrow"):
                pane.close_side()  # the list was hidden to make room
            self.query_one(DocumentList).focus()
        elif isinstance(focused, RowList):
            self.query_one(DocumentView).focus()
        elif self.query_text:
            search.clear()
            self._start_search("")

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

    def action_cycle_sort(self) -> None:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self._start_search(self.query_text)
        self.notify(f"Sorted by {self._sort_name()}", timeout=2)

    def action_reverse_sort(self) -> None:
        if self.sort == "relevance" and self.query_text.strip():
            self.notify("Relevance has one order; s chooses a sort that turns round", timeout=2)
            return
        self.reverse_sort = not self.reverse_sort
        self._start_search(self.query_text)
        self.notify(f"Sorted by {self._sort_name()}", timeout=2)

    def _sort_name(self) -> str:
        """ "date", "date, oldest first", "hedges, fewest first"…"""
        sort = self.sort if self.sort != "relevance" or self.query_text.strip() else "date"
        if not self.reverse_sort or sort == "relevance":
            return sort
        turned = {"date": "oldest first", "title": "Z to A"}.get(sort, "fewest first")
        return f"{sort}, {turned}"

    def action_add_documents(self) -> None:
        if self._adding is not None:
            self.notify(
                f"Still adding {printable(self._adding)}; try again when it is done.", markup=False
            )
        elif not isinstance(self.screen, AddScreen):
            self.push_screen(AddScreen(), callback=self._add_chosen)

    def _prestart_analysis(self) -> None:
        """Start the analysis process, unless a document is being opened right now: then
        its first paint comes first, and its worker starts the process after it."""
        if self._open_generation and not self.document_painted.is_set():
            return
        self.analysis_pool.start_soon()

    def _add_chosen(self, target: str | None) -> None:
        if target:
            self._adding = target
            self.index_sources(target)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_groups(self.BINDINGS)))

    def action_library_stats(self) -> None:
        if not isinstance(self.screen, StatsScreen):
            self.push_screen(StatsScreen(self.library), callback=self._stats_chosen)

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
                self._start_search(choice.query)
            else:
                search.value = choice.query  # shown as if typed; its change runs the search
            self.query_one(DocumentList).focus()

    # -- reading: categories, panels, find, bookmarks, history -------------------------

    def action_toggle_category(self, category: str) -> None:
        """Hide or show one hedge category (or boosters, or one claim strength's cue marks)
        everywhere in the reading pane."""
        if category not in CATEGORIES and not is_claim_kind(category):
            return
        self.hidden_categories ^= {category}
        self.query_one(ReadingPane).set_hidden(self.hidden_categories)
        state = "hidden" if category in self.hidden_categories else "shown"
        name = short_label(category) if category in CATEGORIES else kind_name(category)
        self.notify(f"{name} marks {state}", timeout=1.5)

    def action_toggle_claims(self) -> None:
        """Hide or show the cue marks of every claim strength at once."""
        kinds = set(CLAIM_KINDS.values())
        hide = not kinds <= self.hidden_categories
        if hide:
            self.hidden_categories |= kinds
        else:
            self.hidden_categories -= kinds
        self.query_one(ReadingPane).set_hidden(self.hidden_categories)
        self.notify(f"claim marks {'hidden' if hide else 'shown'}", timeout=1.5)

    @on(Legend.Toggled)
    def _legend_toggled(self, message: Legend.Toggled) -> None:
        self.action_toggle_category(message.category)

    async def action_toggle_panels(self) -> None:
        pane = self.query_one(ReadingPane)
        if not await pane.toggle_side() and isinstance(self.focused, RowList):
            pane.view.focus()

    async def action_show_panel(self, name: str) -> None:
        (await self.query_one(ReadingPane).show_panel(name)).focus()

    async def action_find(self) -> None:
        if self._typing_elsewhere():
            raise SkipAction()
        pane = self.query_one(ReadingPane)
        if pane.document is None:
            self.notify("Open a document first: find looks inside the open document")
            return
        await pane.open_find()

    def action_toggle_bookmark(self) -> None:
        pane = self.query_one(ReadingPane)
        if pane.document is None:
            return
        offset = pane.view.top_offset()
        added = self.memory.toggle_bookmark(pane.document.path, offset)
        pane.set_bookmarks(self.memory.bookmarks(pane.document.path))
        self._save_memory()
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

    def action_history(self, step: int) -> None:
        """Back (-1) or forward (1) through the documents read, as in a browser."""
        self._remember_position()
        path = self.memory.back() if step < 0 else self.memory.forward()
        if path is None:
            self.notify(f"Nothing further {'back' if step < 0 else 'forward'} in your history")
            return
        terms = self.results.terms if self.results and self.results.query.strip() else ()
        self.open_document(path, terms, record=False, step=step)

    @on(BookmarkList.Removed)
    def _bookmark_removed(self, message: BookmarkList.Removed) -> None:
        pane = self.query_one(ReadingPane)
        if pane.document is not None:
            self.memory.toggle_bookmark(pane.document.path, message.offset)
            left = self.memory.bookmarks(pane.document.path)
            pane.set_bookmarks(left)
            self._save_memory()
            # the status may still say "bookmark 1/1" from the last ' press
            pane.set_status(f"bookmark removed · {len(left) or 'none'} left")

    @on(DocumentView.Scrolled)
    def _view_scrolled(self) -> None:
        self._remember_position()

    def _remember_position(self) -> None:
        try:
            pane = self.query_one(ReadingPane)
        except NoMatches:  # shutting down
            return
        if pane.document is not None:
            self.memory.remember_position(pane.document.path, pane.view.top_offset())

    def _save_memory(self) -> None:
        had_error = self.memory.error
        if not self.memory.save() and self.memory.error != had_error:
            self.notify(self.memory.error or "", severity="warning")

    # -- command palette: every described binding, plus Textual's own commands -----------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from self.tool_commands()
        for group in key_groups(self.BINDINGS):
            target = group.target
            if target is not None and _screen_only(target) and not isinstance(screen, target):
                continue  # a screen's own keys, offered only on that screen
            for binding in described(group):
                keys = ", ".join(
                    self.get_key_display(Binding(k, ""))
                    for k in bound_keys(binding, self.keymap_overrides)
                )
                yield SystemCommand(
                    binding.description,
                    f"{group.title} · key: {keys}",
                    partial(self._run_command, binding.action, group.target),
                )

    async def _run_command(self, action: str, target: type[Widget] | None) -> None:
        """Run a palette command on its widget (the side panel's are mounted on first use)."""
        if _screen_only(target):
            await self.run_action(action, self.screen)
            return
        if target is not None and not self.query(target):
            await self.query_one(ReadingPane).build_side()
        await self.run_action(action, None if target is None else self.query_one(target))


def _screen_only(target: type[Widget] | None) -> bool:
    return isinstance(target, type) and issubclass(target, Screen)
