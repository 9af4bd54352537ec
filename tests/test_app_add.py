"""``a`` in the app: a dialog for a path or URL, indexing in a worker while reading goes on."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ProgressBar

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.screens.add import AddScreen
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.metadata import row_suffix
from reader.tui.widgets.reading_pane import ReadingPane
from tests.format_fixtures import write_broken, write_corpus
from tests.helpers import SIZE, Gate, notice_texts, notices, settle, type_and_submit, visible_text


async def test_a_adds_a_folder_and_the_list_shows_the_new_documents(
    tmp_path: Path, library: Library
):
    corpus = write_corpus(tmp_path / "corpus")
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert len(app.query_one(DocumentList).entries) == 4
        await type_and_submit(pilot, str(corpus["pdf"].parent))
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, AddScreen)
        listing = app.query_one(DocumentList)
        assert len(listing.entries) == 10
        rows = visible_text(listing)
        assert "Statins and memory: a cohort study" in rows
        paths = [entry.summary.path for entry in listing.entries]
        listing.cursor = paths.index(str(corpus["pdf"].resolve()))
        assert row_suffix(listing.selected) == " · PDF · R. Chen"
        listing.focus()
        await pilot.press("enter")
        await settle(pilot)
        header = str(app.query_one("#reading-header").render())
        assert "Statins and memory" in header
        assert "PDF · by R. Chen · published 2023-06-01 · " in header
        progress = app.query_one(ProgressBar)
        assert (progress.total, progress.progress) == (5, 5)  # the bar was driven to the end
        assert not progress.has_class("active")  # and hidden when done
        notes = notice_texts(app)
        assert any("6 added, 0 updated, 0 unchanged, 0 failed" in note for note in notes)


async def test_failures_show_in_a_notification_naming_the_file(tmp_path: Path, library: Library):
    broken = write_broken(tmp_path / "broken")
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await type_and_submit(pilot, str(broken["pdf"]))
        await settle(pilot)
        notes = [(text, severity) for text, severity in notices(app) if "failed" in text]
        assert notes and notes[-1][1] == "warning"
        assert "broken.pdf: corrupt or unreadable PDF" in notes[-1][0]


async def test_a_path_that_adds_nothing_does_not_say_added(tmp_path: Path, library: Library):
    """A typo in the dialog reads "Nothing added from …", not "Added …: 0 added"."""
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await type_and_submit(pilot, str(tmp_path / "no-such-folder"))
        await settle(pilot)
        note = (notice_texts(app) or [""])[-1]
        assert note.startswith("Nothing added from ") and "no-such-folder" in note
        assert "no such file or folder" in note


async def test_reading_goes_on_while_a_url_is_being_added(tmp_path: Path, library: Library):
    gate = Gate()
    app = HedgeReaderApp(library)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await type_and_submit(pilot, gate.url)
            await pilot.pause(0.1)
            assert gate.arrived.wait(30)
            # the add is held mid-run: the user can still open and read a document
            listing = app.query_one(DocumentList)
            listing.focus()
            await pilot.press("enter")
            for _ in range(50):
                await pilot.pause(0.05)
                if app.query_one(ReadingPane).document is not None:
                    break
            assert app.query_one(ReadingPane).document is not None
            assert app.query_one(ProgressBar).has_class("active")
            gate.release()
            await settle(pilot)
            await settle(pilot)
            titles = [entry.summary.title for entry in app.query_one(DocumentList).entries]
            assert "Held article" in titles
    finally:
        gate.close()


async def test_escape_cancels_and_an_empty_line_asks_again(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AddScreen)  # nothing typed: the dialog stays
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AddScreen)
        assert not list(app.workers) or all(w.group != "add" for w in app.workers)
