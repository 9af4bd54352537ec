"""The compare screen, pinned: the bundled release/abstract pair at 120x40 and 80x24."""

from __future__ import annotations

import pytest

from reader.tui.app import HedgeReaderApp
from tests.helpers import RELEASE, SOURCE, open_doc, pick


@pytest.fixture
def compare_app(pair_library):
    app = HedgeReaderApp(pair_library)
    app.theme = "textual-dark"
    yield app
    pair_library.close()


def _comparing(*keys: str):
    async def run_before(pilot) -> None:
        await open_doc(pilot, RELEASE)
        await pilot.press("x")
        await pick(pilot, SOURCE)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause(0.2)

    return run_before


def test_compare_side_by_side_120x40(snap_compare, compare_app):
    assert snap_compare(compare_app, terminal_size=(120, 40), run_before=_comparing())


def test_compare_stacked_80x24_on_the_next_pair(snap_compare, compare_app):
    run_before = _comparing("right_square_bracket", "right_square_bracket")
    assert snap_compare(compare_app, terminal_size=(80, 24), run_before=run_before)
