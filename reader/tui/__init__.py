"""The Textual app. Only this package (and the CLI that starts it) imports Textual."""

from __future__ import annotations

from pathlib import Path


def run(library_path: Path) -> int:
    from reader.library import Library
    from reader.resources import seeds_dir
    from reader.tui.app import HedgeReaderApp

    try:
        seeds: Path | None = seeds_dir()
    except FileNotFoundError:  # a broken install still opens the user's library
        seeds = None
    library = Library(library_path)
    try:
        HedgeReaderApp(library, seeds=seeds).run()
    finally:
        library.close()
    return 0
