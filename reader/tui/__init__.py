"""The Textual app. Only this package (and the CLI that starts it) imports Textual."""

from __future__ import annotations

import os
import sys
from pathlib import Path


class NoTerminal(Exception):
    """stdin or stdout is not a terminal: the app would write escapes into a pipe and wait."""


def has_terminal() -> bool:
    """A terminal on stdin and stdout, or a driver of its own (``serve``'s web driver)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(library_path: Path) -> int:
    """Start the app; a bad config raises ``ConfigError`` (file:line) before anything opens,
    and no terminal ``NoTerminal``."""
    from reader.config import state_path
    from reader.library import Library
    from reader.resources import seeds_dir
    from reader.tui.app import HedgeReaderApp
    from reader.tui.settings import load_checked_config

    config = load_checked_config()
    if not has_terminal():
        raise NoTerminal(
            "the app needs a terminal (stdin and stdout are not one here); from scripts use "
            "search, list, hedges or export, and serve for a browser"
        )

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
