"""The Textual app. Only this package (and the CLI that starts it) imports Textual."""

from __future__ import annotations

from pathlib import Path


def run(library_path: Path) -> int:
    """Start the app; a bad config raises ``ConfigError`` (file:line) before anything opens."""
    from reader.config import load_config, state_path
    from reader.library import Library
    from reader.resources import seeds_dir
    from reader.tui.app import HedgeReaderApp
    from reader.tui.keys import key_groups
    from reader.tui.settings import binding_ids, check_config

    config = load_config()
    groups = key_groups(HedgeReaderApp.BINDINGS)
    check_config(config, binding_ids(groups), groups=groups)

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
