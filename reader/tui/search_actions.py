"""Searching the library from the main screen: mixed into ``MainScreen``.

What is typed in the search bar runs after a pause (``SEARCH_DELAY``), Enter at once; each
search has a generation number, and results of an older one are dropped. The list gets
``PAGE`` rows at a time. ``s``/``S`` choose and turn the sort.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.actions import SkipAction
from textual.timer import Timer
from textual.widgets import Input

from reader.library import SORTS, Library, LibraryError, SearchResults
from reader.tui import messages
from reader.tui.widgets.document_list import DocumentList, ListEntry
from reader.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object

SEARCH_DELAY = 0.15  # seconds of typing pause before a search runs
#: Rows fetched at a time: a 20,000-document library lists its first page at once and
#: the next ones as the cursor or the scrollbar nears the end.
PAGE = 500
SEARCH_INPUT = "search-input"  # the search bar's input (other inputs' messages bubble too)


class SearchActions(_Base):
    """The query, the sort and the results; needs a screen with the search bar and list."""

    library: Library

    def init_search(self) -> None:
        """From ``__init__``: no query yet, the library by relevance (then date)."""
        self.query_text = ""
        self.sort = "relevance"
        self.reverse_sort = False  # oldest, fewest, Z-A first (not for relevance)
        self.results: SearchResults | None = None
        self._generation = 0
        self._search_timer: Timer | None = None

    # -- workers -------------------------------------------------------------------------

    def first_page(self) -> SearchResults:
        """The whole library's first page, in the current sort (in a worker, on start)."""
        return self.library.search(
            "", limit=PAGE, sort=self.sort, snippets=0, reverse=self.reverse_sort
        )

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

    # -- handlers ------------------------------------------------------------------------

    def on_search_finished(self, message: messages.SearchFinished) -> None:
        if message.generation == self._generation:
            self._show_results(message.results)

    def on_document_list_wants_more(self, message: DocumentList.WantsMore) -> None:
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

    def search_terms(self) -> tuple[str, ...]:
        """The current search's words, to mark in a document opened from its results."""
        return self.results.terms if self.results and self.results.query.strip() else ()

    def on_input_changed(self, message: Input.Changed) -> None:
        if message.input.id != SEARCH_INPUT:
            return
        # A search still running for what was typed before is already stale: drop its result.
        self._generation += 1
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, partial(self.start_search, message.value))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id != SEARCH_INPUT:
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self.start_search(message.value)
        self.query_one(DocumentList).focus()

    def start_search(self, query: str) -> None:
        self.query_text = query
        self._generation += 1
        self.run_search(self._generation, query, self.sort, self.reverse_sort)

    def action_focus_search(self) -> None:
        if isinstance(self.focused, Input):
            raise SkipAction()  # the key goes on to the focused input
        # at once, not through ``focus()``'s queued callback: keys typed right after `/`
        # are already queued behind this one and must reach the search bar
        self.set_focus(self.query_one(SearchBar).input)

    def action_cycle_sort(self) -> None:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.start_search(self.query_text)
        self.notify(f"Sorted by {self._sort_name()}", timeout=2)

    def action_reverse_sort(self) -> None:
        if self.sort == "relevance" and self.query_text.strip():
            self.notify("Relevance has one order; s chooses a sort that turns round", timeout=2)
            return
        self.reverse_sort = not self.reverse_sort
        self.start_search(self.query_text)
        self.notify(f"Sorted by {self._sort_name()}", timeout=2)

    def _sort_name(self) -> str:
        """ "date", "date, oldest first", "hedges, fewest first"…"""
        sort = self.sort if self.sort != "relevance" or self.query_text.strip() else "date"
        if not self.reverse_sort or sort == "relevance":
            return sort
        turned = {"date": "oldest first", "title": "Z to A"}.get(sort, "fewest first")
        return f"{sort}, {turned}"
