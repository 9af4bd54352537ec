"""Launch-to-list and open-a-document times of the app, headless (run by hand).

    python benchmarks/bench_app.py [--docs 2000]

Prints each figure with its ratio to a reference measured in the same run: a bare
Textual app that shows one Static (the floor any Textual app pays to start).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus  # benchmarks/ is on sys.path when run as a script
from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.library import Library
from reader.resources import seeds_dir
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.reading_pane import ReadingPane

SIZE = (120, 40)


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("reference")


async def bare_start() -> float:
    started = time.perf_counter()
    async with BareApp().run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - started


async def launch_to_list(library_path: Path, seeds: Path | None) -> float:
    """Seconds from creating the app to the list filled on screen."""
    started = time.perf_counter()
    app = HedgeReaderApp(Library(library_path), seeds=seeds)
    async with app.run_test(size=SIZE) as pilot:
        while not app.query_one(DocumentList).entries:
            await asyncio.sleep(0.002)
        await pilot.pause()
        elapsed = time.perf_counter() - started
    app.library.close()
    return elapsed


async def open_document(library_path: Path, title_start: str) -> float:
    """Seconds from Enter on a document to its text and marks on screen."""
    app = HedgeReaderApp(Library(library_path))
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(DocumentList)
        while not listing.entries:
            await asyncio.sleep(0.002)
        listing.cursor = next(
            i for i, e in enumerate(listing.entries) if e.summary.title.startswith(title_start)
        )
        await pilot.pause()
        pane = app.query_one(ReadingPane)
        started = time.perf_counter()
        await pilot.press("enter")
        while pane.document is None:
            await asyncio.sleep(0.001)
        await pilot.pause()
        elapsed = time.perf_counter() - started
    app.library.close()
    return elapsed


def import_seconds() -> float:
    code = (
        "import time; t = time.perf_counter(); import reader.tui.app;print(time.perf_counter() - t)"
    )
    runs = [float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(3)]
    return min(runs)


def median(values: list[float]) -> float:
    return statistics.median(values)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hedge-bench-"))

    reference = median([await bare_start() for _ in range(args.repeat)])
    rows: list[tuple[str, float]] = [
        ("import reader.tui.app (fresh interpreter)", import_seconds())
    ]

    first_runs = []
    for run in range(args.repeat):
        first_runs.append(await launch_to_list(work / f"seeded{run}", seeds_dir()))
    rows.append(("bundled library, first run (builds it)", median(first_runs)))
    rows.append(
        (
            "bundled library, built",
            median([await launch_to_list(work / "seeded0", None) for _ in range(args.repeat)]),
        )
    )

    corpus = work / "corpus"
    write_corpus(corpus, args.docs)
    big = work / "big"
    started = time.perf_counter()
    Library(big).add([corpus])
    index_seconds = time.perf_counter() - started
    rows.append(
        (
            f"{args.docs:,}-document library",
            median([await launch_to_list(big, None) for _ in range(args.repeat)]),
        )
    )
    rows.append(
        (
            "open the seed article",
            median([await open_document(work / "seeded0", "mRNA") for _ in range(args.repeat)]),
        )
    )

    print(f"reference: bare Textual app to first screen  {reference * 1000:8.1f} ms")
    for label, seconds in rows:
        print(f"{label:<44} {seconds * 1000:8.1f} ms   {seconds / reference:5.2f}x reference")
    print(
        f"(indexing the {args.docs:,} documents took {index_seconds:.1f} s, "
        f"{args.docs / index_seconds:.0f} docs/s; not part of the launch figures)"
    )


if __name__ == "__main__":
    asyncio.run(main())
