"""What the screen shows, pinned: fixed size, fixed theme, fixed files, workers awaited."""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from tests.conftest import write_samples

#: A fixed place, so the source paths shown on screen are the same on every run.
FIXTURE_ROOT = Path(tempfile.gettempdir()) / "hedge-reader-snapshot-fixture"


@contextlib.contextmanager
def fixture_folder() -> Iterator[None]:
    """Hold FIXTURE_ROOT alone: test runs in other checkouts wait rather than collide."""
    with open(FIXTURE_ROOT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            shutil.rmtree(FIXTURE_ROOT, ignore_errors=True)
            fcntl.flock(lock, fcntl.LOCK_UN)


def fixture_app() -> HedgeReaderApp:
    """The app on a fresh library of the sample files, at FIXTURE_ROOT, in a fixed theme."""
    shutil.rmtree(FIXTURE_ROOT, ignore_errors=True)
    write_samples(FIXTURE_ROOT / "docs")
    library = Library(FIXTURE_ROOT / "library")
    library.add([FIXTURE_ROOT / "docs"])
    app = HedgeReaderApp(library)
    app.theme = "textual-dark"
    return app


@pytest.fixture
def snapshot_app() -> HedgeReaderApp:
    with fixture_folder():
        app = fixture_app()
        yield app
        app.library.close()


async def _loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _after(*keys: str):
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.2)
            await _loaded(pilot)

    return run_before


def test_main_screen(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(120, 40), run_before=_after())


def test_reading_pane_with_hedges_marked(snap_compare, snapshot_app):
    # Sorted by date then path, the hedged article is the last row.
    keys = ("end", "enter", "right_square_bracket")
    assert snap_compare(snapshot_app, terminal_size=(120, 40), run_before=_after(*keys))


def test_small_terminal_search_results(snap_compare, snapshot_app):
    keys = ("slash", *"may", "enter")
    assert snap_compare(snapshot_app, terminal_size=(80, 24), run_before=_after(*keys))


def test_add_dialog(snap_compare, snapshot_app):
    keys = ("a", *"~/papers/")
    assert snap_compare(snapshot_app, terminal_size=(80, 24), run_before=_after(*keys))
