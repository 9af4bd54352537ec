"""Shared fixtures: small documents written for the tests, and libraries built from them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library
from reader.resources import seeds_dir
from reader.tui.app import HedgeReaderApp
from tests.helpers import FIXED_MTIME, RELEASE, SOURCE, Gate, fixture_app, fixture_folder, run

#: A fixed modification time (2024-05-02 12:00 UTC) so dates on screen never change.

HEDGED = """Vaccines may reduce relapse

Early results suggest that the vaccine may reduce relapse in some patients.
The effect appears modest, and it is possible that the benefit is smaller.

Further studies are needed before any firm conclusion.
"""

CONFIDENT = """# A breakthrough that proves everything

## Claims

This miracle treatment is a breakthrough. The trial proves that it works.

## Reality

Roughly 40 patients took part, which is a small number.
"""

PLAIN = """Cell counts in culture

The cells were counted every day for two weeks. Counts rose from 100 to 400.
The medium was changed on day seven.
"""

HOSTILE = """Markup and escapes [bold red]not markup[/bold red]

This line carries an escape \x1b[31mRED\x1b[0m and a bell \x07 and [link=http://x]a link[/link].
It may still be read.
"""


def write_samples(folder: Path) -> dict[str, Path]:
    """The test corpus: three clean documents and one trying to drive the terminal."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "hedged": folder / "vaccines-may-reduce-relapse.txt",
        "confident": folder / "breakthrough.md",
        "plain": folder / "cell-counts.txt",
        "hostile": folder / "hostile.txt",
    }
    files["hedged"].write_text(HEDGED, encoding="utf-8")
    files["confident"].write_text(CONFIDENT, encoding="utf-8")
    files["plain"].write_text(PLAIN, encoding="utf-8")
    files["hostile"].write_text(HOSTILE, encoding="utf-8")
    for path in files.values():
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return files


@pytest.fixture
def samples(tmp_path: Path) -> dict[str, Path]:
    return write_samples(tmp_path / "docs")


@pytest.fixture
def library(tmp_path: Path, samples: dict[str, Path]) -> Library:
    lib = Library(tmp_path / "library")
    report = lib.add([samples["hedged"].parent])
    assert not report.failed
    yield lib
    lib.close()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never read or write the real user's library, config or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("HEDGE_READER_LIBRARY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # A true-colour terminal, whatever TERM the tests run under (16 colours change the marks).
    monkeypatch.setenv("COLORTERM", "truecolor")


@pytest.fixture
def lib(tmp_path: Path, samples) -> Path:
    path = tmp_path / "cli-library"
    result = run("add", str(samples["hedged"].parent), library=path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def gate() -> Iterator[Gate]:
    server = Gate()
    yield server
    server.close()


@pytest.fixture
def snapshot_app() -> HedgeReaderApp:
    with fixture_folder():
        app = fixture_app()
        yield app
        app.library.close()


@pytest.fixture
def pair_library(tmp_path: Path) -> Library:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (RELEASE, SOURCE):
        shutil.copy(seeds_dir() / name, docs / name)
    (docs / "plain.txt").write_text("We met at noon. The room was cold.\n", encoding="utf-8")
    library = Library(tmp_path / "lib")
    library.add([docs])
    return library
