"""Claim strength on screen, pinned at 120x40 and 80x24, with and without colour."""

from __future__ import annotations

import shutil

import pytest

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from tests.conftest import write_samples
from tests.helpers import FIXTURE_ROOT, fixture_folder, reading_after, write_claim_docs


def _claims_app() -> HedgeReaderApp:
    """The snapshot fixture library (fixed place, files and theme) plus the claim texts."""
    shutil.rmtree(FIXTURE_ROOT, ignore_errors=True)
    write_samples(FIXTURE_ROOT / "docs")
    write_claim_docs(FIXTURE_ROOT / "docs")
    library = Library(FIXTURE_ROOT / "library")
    library.add([FIXTURE_ROOT / "docs"])
    app = HedgeReaderApp(library)
    app.theme = "textual-dark"
    app.animation_level = "none"  # the tab underline slides otherwise
    return app


@pytest.fixture(params=["colour", "no-colour"])
def claims_app(request, monkeypatch) -> HedgeReaderApp:
    if request.param == "no-colour":
        monkeypatch.setenv("NO_COLOR", "1")  # read when the app is created
    with fixture_folder():
        app = _claims_app()
        yield app
        app.library.close()


COFFEE = "coffee-and-cancer.txt"


def test_claim_marks_legend_and_tagged_panel(snap_compare, claims_app):
    run_before = reading_after(COFFEE, "p", "c", "escape", "right_square_bracket")
    assert snap_compare(claims_app, terminal_size=(120, 40), run_before=run_before)


def test_small_terminal_claims_panel_in_place_of_the_list(snap_compare, claims_app):
    run_before = reading_after(COFFEE, "c", "j")
    assert snap_compare(claims_app, terminal_size=(80, 24), run_before=run_before)
