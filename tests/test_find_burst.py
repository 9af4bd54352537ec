"""Find typed in one burst (a paste, keys batched over SSH) counts what is in the bar, and a
find starts from the top line, as in less."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from tests.helpers import SIZE, open_doc, queue_keys, settle, status


def count(app) -> str:
    return str(app.query_one("#find-count").render())


async def test_a_burst_of_find_keys_shows_the_count_for_the_whole_pattern(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        view = pane.view
        queue_keys(app, "f", *"mayx")  # "may" matches twice, "mayx" never
        await settle(pilot)
        assert pane.find_pattern == "mayx"
        assert count(app) == "no match" and view.current is None
        assert "search hit" not in status(app) and "'may'" not in status(app)
        queue_keys(app, ("backspace", None), *"be")  # "maybe": none either; then back to may
        await settle(pilot)
        assert count(app) == "no match"
        queue_keys(app, ("backspace", None), ("backspace", None))
        await settle(pilot)
        assert count(app) == "1/2" and view.current.kind == "find"
        queue_keys(app, ("enter", None), "n")  # n right after Enter is the next match
        await settle(pilot)
        assert pane.find_pattern == "may" and app.focused is view
        assert count(app) == "2/2"
        assert "find 2/2: 'may'" in status(app)


@pytest.fixture
def long_library(tmp_path: Path) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    lines = [f"Paragraph {n} is about the trial and nothing else." for n in range(120)]
    (folder / "long.txt").write_text("Long\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    lib = Library(tmp_path / "library")
    assert not lib.add([folder]).failed
    yield lib
    lib.close()


async def test_find_starts_from_the_top_line_each_time(long_library: Library):
    app = HedgeReaderApp(long_library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "long.txt")
        view = pane.view
        await pilot.press("f", *"trial", "enter")
        await settle(pilot)
        assert count(app) == "1/120"
        for _ in range(4):
            await pilot.press("space")  # page down, as far as less would have gone
        await pilot.pause()
        top = view.top_offset()
        await pilot.press("f", *"trial", "enter")  # the same find again, from here
        await settle(pilot)
        assert pane.find_pattern == "trial"
        assert view.current.start >= top  # the first match at or after the top line
        before = sum(1 for m in view.marks("find") if m.start < top)
        assert count(app) == f"{before + 1}/120"
