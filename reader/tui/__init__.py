"""The Textual app. Only this package (and the CLI that starts it) imports Textual."""

from __future__ import annotations

from pathlib import Path


def run(library_path: Path) -> int:
    from reader.library import Library
    from reader.tui.app import HedgeReaderApp

    library = Library(library_path)
    try:
        HedgeReaderApp(library).run()
    finally:
        library.close()
    return 0
