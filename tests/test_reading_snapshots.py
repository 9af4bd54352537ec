"""The reading pane on screen, pinned at 120x40 and 80x24, with and without colour."""

from __future__ import annotations

import pytest

from reader.tui.app import HedgeReaderApp
from tests.helpers import fixture_app, fixture_folder, reading_after


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


HEDGED = "vaccines-may-reduce-relapse.txt"


def test_side_panel_with_legend_and_claims(snap_compare, reading_app):
    keys = ("p", "c", "j", "j")
    assert snap_compare(
        reading_app, terminal_size=(120, 40), run_before=reading_after(HEDGED, *keys)
    )


def test_small_terminal_outline_in_place_of_the_list(snap_compare, reading_app):
    # a Markdown text with headings and boosters
    run_before = reading_after("breakthrough.md", "o")
    assert snap_compare(reading_app, terminal_size=(80, 24), run_before=run_before)


def test_small_terminal_find_with_counter(snap_compare, reading_app):
    run_before = reading_after(HEDGED, "f", "m", "a", "y", "enter", "n")
    assert snap_compare(reading_app, terminal_size=(80, 24), run_before=run_before)


def test_wide_reading_with_the_current_hedge(snap_compare, reading_app):
    run_before = reading_after(HEDGED, "right_square_bracket", "right_square_bracket")
    assert snap_compare(reading_app, terminal_size=(120, 40), run_before=run_before)
