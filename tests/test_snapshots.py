"""What the screen shows, pinned: fixed size, fixed theme, fixed files, workers awaited."""

from __future__ import annotations

from tests.helpers import after


def test_main_screen(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(120, 40), run_before=after())


def test_reading_pane_with_hedges_marked(snap_compare, snapshot_app):
    # Sorted by date then path, the hedged article is the last row.
    keys = ("end", "enter", "right_square_bracket")
    assert snap_compare(snapshot_app, terminal_size=(120, 40), run_before=after(*keys))


def test_small_terminal_search_results(snap_compare, snapshot_app):
    keys = ("slash", *"may", "enter")
    assert snap_compare(snapshot_app, terminal_size=(80, 24), run_before=after(*keys))


def test_add_dialog(snap_compare, snapshot_app):
    keys = ("a", *"~/papers/")
    assert snap_compare(snapshot_app, terminal_size=(80, 24), run_before=after(*keys))
