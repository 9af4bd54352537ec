"""Resizing the terminal across 32 rows: the short layout comes and goes."""
# The legend stays below 32 rows (issue 16 item 14), without its border.

from __future__ import annotations

from textual.geometry import Size

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.legend import Legend
from tests.helpers import open_doc


async def test_the_legend_border_and_long_header_leave_below_32_rows_and_return(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        await pilot.press("p")
        await pilot.pause()
        legend = app.query_one(Legend)
        header = app.query_one("#reading-header")
        assert legend.region.height > 0
        tall_header = header.region.height
        tall_legend = legend.region.height

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert 0 < legend.region.height < tall_legend  # there, without its border
        assert header.region.height < tall_header
        assert pane.side.region.height > 0  # the claims and outline tabs stay

        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert legend.region.height == tall_legend
        assert header.region.height == tall_header
        assert app.screen.size == Size(120, 40)
