"""The Textual app. Only this package (and the CLI that starts it) imports Textual."""

from __future__ import annotations

from pathlib import Path


def run(library_path: Path) -> int:
    """Start the app; a bad config raises ``ConfigError`` (file:line) before anything opens."""
    from reader.config import state_path
    from reader.library import Library
    from reader.resources import seeds_dir
    from reader.tui.app import HedgeReaderApp
    from reader.tui.settings import load_checked_config

    config = load_checked_config()

    try:
        seeds: Path | None = seeds_dir()
    except FileNotFoundError:  # a broken install still opens the user's library
        seeds = None
    library = Library(library_path)
    try:
        HedgeReaderApp(library, seeds=seeds, config=config, state_file=state_path()).run()
    finally:
        library.close()
    return 0
