"""The status line never describes something that is gone: a cleared find, a deleted
bookmark."""

from __future__ import annotations

from reader.tui.memory import Memory

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from tests.helpers import SIZE, open_doc, settle, status


async def test_esc_after_a_find_leaves_no_find_status(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        default = status(app)
        await pilot.press("f", *"may", "enter", "n")
        await settle(pilot)
        assert status(app).startswith("find 2/2")
        await pilot.press("escape")
        await settle(pilot)
        assert not pane.find_active
        assert "find" not in status(app) and status(app) == default


async def test_deleting_the_last_bookmark_leaves_no_bookmark_count(library: Library, tmp_path):
    app = HedgeReaderApp(library, memory=Memory.load(tmp_path / "memory.json"))
    async with app.run_test(size=SIZE) as pilot:
        await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        await pilot.press("m", "apostrophe")
        await settle(pilot)
        assert status(app) == "bookmark 1/1"
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "1/1" not in status(app) and "none left" in status(app)
