"""less's keys in the reading pane (remappable), the last document reopened on start, and
the list cursor following back and forward."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader.tui.memory import Memory

from reader.config import Config
from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.side_panel import BookmarkList
from tests.helpers import SIZE, open_doc, settle


@pytest.fixture
def long_library(tmp_path: Path) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    lines = [f"Paragraph {n} may be about the trial." for n in range(200)]
    (folder / "long.txt").write_text("Long\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "short.txt").write_text("Short\n\nA short text that may be read.\n")
    lib = Library(tmp_path / "library")
    assert not lib.add([folder]).failed
    yield lib
    lib.close()


async def test_less_keys_scroll_the_text(long_library):
    app = HedgeReaderApp(long_library)
    async with app.run_test(size=SIZE) as pilot:
        view = (await open_doc(pilot, "long.txt")).view
        half = view.scrollable_content_region.height // 2
        page = view.scrollable_content_region.height
        steps = [
            ("ctrl+d", half),
            ("d", 2 * half),
            ("ctrl+e", 2 * half + 1),
            ("ctrl+y", 2 * half),
            ("u", half),
            ("ctrl+u", 0),
        ]
        for key, expected in steps:
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_y == expected, key
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > page
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y - page
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_less_keys_can_be_remapped_and_d_still_removes_a_bookmark_in_its_panel(
    long_library, tmp_path
):
    config = Config(keys={"reader.half-down": "x"})
    app = HedgeReaderApp(long_library, config=config, memory=Memory.load(tmp_path / "m.json"))
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "long.txt")
        view = pane.view
        half = view.scrollable_content_region.height // 2
        await pilot.press("x")
        await pilot.pause()
        assert view.scroll_y == half
        await pilot.press("m", "B")  # a bookmark, then the bookmarks panel
        await pilot.pause()
        bookmarks = app.query_one(BookmarkList)
        assert app.focused is bookmarks and len(bookmarks.rows) == 1
        await pilot.press("d")  # in the panel, d removes the bookmark
        await pilot.pause()
        assert bookmarks.rows == [] and view.scroll_y == half


async def test_the_last_document_reopens_on_start_and_the_list_follows_history(
    long_library, tmp_path
):
    memory_path = tmp_path / "memory.json"
    app = HedgeReaderApp(long_library, memory=Memory.load(memory_path))
    async with app.run_test(size=SIZE) as pilot:
        long_path = (await open_doc(pilot, "long.txt")).document.path
        await pilot.press("pagedown", "pagedown")
        position = app.query_one(ReadingPane).view.top_offset()
        short_path = (await open_doc(pilot, "short.txt")).document.path
        listing = app.query_one(DocumentList)
        await pilot.press("H")  # back to the long one: the list cursor goes with it
        await settle(pilot)
        assert app.query_one(ReadingPane).document.path == long_path
        assert listing.selected.path == long_path
        await pilot.press("L")
        await settle(pilot)
        assert listing.selected.path == short_path
        await pilot.press("H")
        await settle(pilot)

    app = HedgeReaderApp(long_library, memory=Memory.load(memory_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.query_one(ReadingPane)
        assert pane.document is not None and pane.document.path == long_path
        assert pane.view.top_offset() == position
        assert app.query_one(DocumentList).selected.path == long_path
