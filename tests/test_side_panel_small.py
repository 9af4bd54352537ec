"""The side panel at 80x24: the legend is there, and the claim under the cursor shows in
full, wrapped, below the claims list."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.hedging import CATEGORIES
from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.legend import Legend
from reader.tui.widgets.side_panel import ClaimsList
from tests.helpers import open_doc, settle, visible_text

LONG_CLAIM = (
    "The researchers suggest that the new vaccine may reduce the risk of relapse in some "
    "patients with advanced melanoma, although the trial was small and further studies "
    "are needed before anyone can say so with confidence."
)


@pytest.fixture
def claim_library(tmp_path: Path) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "claims.txt").write_text(
        f"Claims\n\n{LONG_CLAIM}\n\nA second sentence may follow. It is likely.\n"
    )
    lib = Library(tmp_path / "library")
    assert not lib.add([folder]).failed
    yield lib
    lib.close()


async def test_at_80x24_the_side_panel_has_its_legend(claim_library):
    app = HedgeReaderApp(claim_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_doc(pilot, "claims.txt")
        await pilot.press("p")
        await settle(pilot)
        legend = app.query_one(Legend)
        assert legend.display and legend.region.height >= len(CATEGORIES)
        shown = visible_text(legend)
        for category in ("modal", "epistemic", "booster"):
            assert category in shown
        claims = app.query_one(ClaimsList)
        assert claims.region.height >= 2  # and the claims still have rows


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_claim_under_the_cursor_shows_in_full(claim_library, size):
    app = HedgeReaderApp(claim_library)
    async with app.run_test(size=size) as pilot:
        await open_doc(pilot, "claims.txt")
        await pilot.press("c")
        await settle(pilot)
        detail = app.query_one("#claim-detail")
        shown = " ".join(visible_text(detail).strip("─\n ").split())
        assert LONG_CLAIM[:90] in shown  # far more than the row's ~25 characters
        if size == (120, 40):
            assert shown == LONG_CLAIM
        await pilot.press("j")
        await settle(pilot)
        shown = " ".join(visible_text(detail).strip("─\n ").split())
        assert shown == "A second sentence may follow."
