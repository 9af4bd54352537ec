"""Searching in the app: as you type, stale results dropped, hits marked and walked, sorts."""

from __future__ import annotations

import threading
import time

from textual.widgets import Input

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.find_bar import FindBar
from reader.tui.widgets.search_bar import SearchBar
from tests.helpers import SIZE, open_doc, queue_keys, settle, until, visible_text


def titles(app: HedgeReaderApp) -> list[str]:
    return [entry.summary.title for entry in app.query_one(DocumentList).entries]


async def test_results_update_as_you_type_with_a_count(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cells")
        await settle(pilot)
        assert titles(app) == ["Cell counts in culture"]
        assert "1 result for 'cells'" in str(app.query_one("#search-status").render())
        assert isinstance(app.focused, Input)  # typing never steals focus


async def test_a_slow_stale_search_never_overwrites_a_newer_one(library: Library, monkeypatch):
    original = library.search
    started, release = threading.Event(), threading.Event()
    finished: list[str] = []

    def search(query: str, *args, **kwargs):
        if query == "breakthrough":
            started.set()
            release.wait(20)  # held until the newer search has shown its results
        results = original(query, *args, **kwargs)
        finished.append(query)
        return results

    monkeypatch.setattr(library, "search", search)
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"breakthrough")
        await until(pilot, started.is_set)  # the slow search is running
        app.query_one("#search-input", Input).value = "relapse"
        await until(pilot, lambda: titles(app) == ["Vaccines may reduce relapse"])
        release.set()  # the older search now finishes last
        await until(pilot, lambda: "breakthrough" in finished)
        await settle(pilot)
        assert titles(app) == ["Vaccines may reduce relapse"]


async def test_a_result_for_what_was_typed_before_is_not_shown_while_typing_goes_on(
    library: Library, monkeypatch
):
    """The older search ends after more was typed but before the newer one starts."""
    original = library.search
    finished: list[str] = []

    def search(query: str, *args, **kwargs):
        if query == "breakthrough":
            time.sleep(0.4)
        results = original(query, *args, **kwargs)
        finished.append(query)
        return results

    monkeypatch.setattr(library, "search", search)
    monkeypatch.setattr("reader.tui.search_actions.SEARCH_DELAY", 0.8)  # a slow typist's pause
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = titles(app)
        await pilot.press("slash", *"breakthrough")
        while "breakthrough" not in app.main.query_text:
            await pilot.pause(0.05)  # the search for "breakthrough" has started
        search_input = app.query_one("#search-input", Input)
        search_input.value = "breakthrough cells"  # typed on; its search waits for a pause
        while "breakthrough" not in finished:
            await pilot.pause(0.05)
        await pilot.pause(0.05)
        assert titles(app) == shown  # the stale "breakthrough" rows never appeared
        await settle(pilot)
        await pilot.pause(0.3)
        assert titles(app) == []


async def test_selection_stays_on_the_same_document_when_results_refresh(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        listing.cursor = titles(app).index("Cell counts in culture")
        await pilot.press("s")  # re-sort: the rows move, the selection follows
        await settle(pilot)
        assert listing.selected is not None
        assert listing.selected.title == "Cell counts in culture"


async def test_sort_key_cycles_through_the_orders(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(6):
            await pilot.press("s")
            await settle(pilot)
            seen.append(app.main.sort)
        assert seen == ["date", "title", "hedges", "boosters", "causal", "relevance"]
        await pilot.press("s", "s")
        await settle(pilot)
        assert app.main.sort == "title"
        assert titles(app) == sorted(titles(app), key=str.casefold)


async def test_opening_a_result_shows_the_first_hit_and_n_walks_the_hits(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"counts", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(DocumentView)
        hits = view.marks("hits")
        # stemmed, like the search: "counted" is a hit for "counts"
        assert [view.text[m.start : m.end] for m in hits] == ["counts", "counted", "Counts"]
        assert view.current == hits[0]
        await pilot.press("n")
        assert view.current == hits[1]
        assert "search hit 2/3" in str(app.query_one("#reading-status").render())
        await pilot.press("n", "n")
        assert view.current == hits[0]  # wraps around
        await pilot.press("N")
        assert view.current == hits[2]
        shown = visible_text(view)
        assert "Counts rose" in shown


async def test_a_query_with_no_results_says_so(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zebrafish", "enter")
        await settle(pilot)
        assert titles(app) == []
        assert "Nothing matches 'zebrafish'" in visible_text(app.query_one(DocumentList))


async def test_a_large_library_lists_a_page_at_a_time_and_end_reaches_the_last(
    tmp_path, monkeypatch
):
    monkeypatch.setattr("reader.tui.search_actions.PAGE", 50)
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(200):
        (folder / f"n{number:03d}.txt").write_text(f"Note {number:03d}\n\nIt may help.", "utf-8")
    library = Library(tmp_path / "lib")
    library.add([folder])
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        assert len(listing.entries) == 50  # the first page only
        assert "200 documents in the library" in str(app.query_one("#search-status").render())
        listing.focus()
        for _ in range(25):  # walking down nears the end of the page: the next one arrives
            await pilot.press("down")
        await settle(pilot)
        assert len(listing.entries) == 100
        await pilot.press("end")  # the last document of the library, not of the page
        await settle(pilot)
        await settle(pilot)
        everything = [hit.summary.path for hit in library.search("", limit=None).hits]
        assert [entry.summary.path for entry in listing.entries] == everything
        assert listing.selected is not None and listing.selected.path == everything[-1]
    library.close()


async def test_the_highlighted_row_follows_the_cursor(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        listing.focus()
        await pilot.press("home")
        await pilot.pause()
        width = listing.scrollable_content_region.width

        def drawn(row: int) -> list:
            return list(listing.render_line(row * 2 - int(listing.scroll_y)))

        def as_cursor(row: int, is_cursor: bool) -> list:
            return list(listing._render_part(listing.entries[row], 0, width, is_cursor))

        assert drawn(0) == as_cursor(0, True) != as_cursor(0, False)
        await pilot.press("down")
        await pilot.pause()
        assert drawn(1) == as_cursor(1, True)  # the new row is drawn highlighted at once
        assert drawn(0) == as_cursor(0, False)


async def test_a_new_query_starts_at_its_top_hit_and_a_resort_keeps_the_selection(
    library: Library,
):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        ranked = [hit.summary.path for hit in library.search("may OR cells", limit=None).hits]
        assert len(ranked) >= 2
        everything = [entry.summary.path for entry in listing.entries]
        listing.cursor = everything.index(ranked[-1])  # the query's last hit, selected
        await pilot.press("slash", *"may OR cells", "enter")
        await settle(pilot)
        assert listing.selected is not None and listing.selected.path == ranked[0]
        await pilot.press("down")
        chosen = listing.selected
        await pilot.press("s")  # the same query, sorted by date: the same document stays
        await settle(pilot)
        assert listing.selected == chosen
        await pilot.press("escape")  # the whole library again, still on that document
        await settle(pilot)
        assert len(listing.entries) == len(everything)
        assert listing.selected == chosen


async def test_typing_right_after_slash_lands_in_the_search_bar(library: Library):
    """Keys that arrive together (fast typing, a paste, a slow SSH link) after `/` all go to
    the search bar: the focus moves before the next key is handled, not after the queue."""
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one(DocumentList).focus()
        await pilot.pause()
        queue_keys(app, ("slash", "/"), *"relapse")
        await settle(pilot)
        assert app.query_one(SearchBar).input.value == "relapse"
        await settle(pilot)  # the search itself starts after the typing pause
        assert titles(app) == ["Vaccines may reduce relapse"]


async def test_typing_right_after_f_lands_in_the_find_bar(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        assert isinstance(app.focused, DocumentView)
        queue_keys(app, ("f", "f"), *"may")
        await settle(pilot)
        assert app.query_one(FindBar).input.value == "may"


async def test_search_and_find_from_the_command_palette(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Search", "enter")
        await settle(pilot)
        assert app.focused is app.query_one(SearchBar).input
        await pilot.press(*"relapse", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+p", *"Find", "enter")
        await settle(pilot)
        assert app.focused is app.query_one(FindBar).input


async def test_list_rows_are_redrawn_for_the_new_width_after_a_resize(library: Library):
    """After the terminal narrows, rows are laid out afresh (cut with "…" at the new
    width), not yesterday's wide rows cropped at the edge."""

    async def rows_after(*sizes: tuple[int, int]) -> list[str]:
        app = HedgeReaderApp(library)
        async with app.run_test(size=sizes[0]) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"may", "enter")
            await settle(pilot)
            for size in sizes[1:]:
                await pilot.resize_terminal(*size)
                await settle(pilot)
            return visible_text(app.query_one(DocumentList)).splitlines()

    resized = await rows_after(SIZE, (80, 24))
    fresh = await rows_after((80, 24))
    assert any(row.rstrip("│ ").endswith("…") for row in fresh)
    assert resized == fresh
