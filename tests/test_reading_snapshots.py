"""The reading pane on screen, pinned at 120x40 and 80x24, with and without colour."""

from __future__ import annotations

import asyncio

import pytest

from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.reading_pane import ReadingPane
from tests.helpers import fixture_app, fixture_folder, loaded


def _app() -> HedgeReaderApp:
    app = fixture_app()
    app.animation_level = "none"  # the tab underline slides otherwise: screens would differ
    return app


@pytest.fixture(params=["colour", "no-colour"])
def reading_app(request, monkeypatch) -> HedgeReaderApp:
    if request.param == "no-colour":
        monkeypatch.setenv("NO_COLOR", "1")  # read when the app is created
    with fixture_folder():
        app = _app()
        yield app
        app.library.close()  # tolerates a searcher a finished search thread already closed


def _reading(ending: str, *keys: str):
    """Open the document whose path ends with ``ending`` (waiting for its analysis), then
    press ``keys`` one by one, letting the screen settle after each."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await loaded(pilot)
        listing = app.query_one(DocumentList)
        while not listing.entries:
            await asyncio.sleep(0.01)
        paths = [entry.summary.path for entry in listing.entries]
        listing.cursor = next(i for i, p in enumerate(paths) if p.endswith(ending))
        app.open_document(paths[listing.cursor], ())
        pane = app.query_one(ReadingPane)
        while pane.document is None or pane.analysed < 1.0:
            await asyncio.sleep(0.01)
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.2)
            await loaded(pilot)

    return run_before


HEDGED = "vaccines-may-reduce-relapse.txt"


def test_side_panel_with_legend_and_claims(snap_compare, reading_app):
    keys = ("p", "c", "j", "j")
    assert snap_compare(reading_app, terminal_size=(120, 40), run_before=_reading(HEDGED, *keys))


def test_small_terminal_outline_in_place_of_the_list(snap_compare, reading_app):
    # a Markdown text with headings and boosters
    run_before = _reading("breakthrough.md", "o")
    assert snap_compare(reading_app, terminal_size=(80, 24), run_before=run_before)


def test_small_terminal_find_with_counter(snap_compare, reading_app):
    run_before = _reading(HEDGED, "f", "m", "a", "y", "enter", "n")
    assert snap_compare(reading_app, terminal_size=(80, 24), run_before=run_before)


def test_wide_reading_with_the_current_hedge(snap_compare, reading_app):
    run_before = _reading(HEDGED, "right_square_bracket", "right_square_bracket")
    assert snap_compare(reading_app, terminal_size=(120, 40), run_before=run_before)
