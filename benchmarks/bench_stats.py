"""How fast the Library view opens on a 20,000-document library, against counting afresh.

    PYTHONPATH=. python benchmarks/bench_stats.py [--size 20000] [--repeat 5]

Uses the library ``bench_search.py`` builds (cached under ``benchmarks/.cache``; built here
if missing). Prints, best of ``--repeat``:

* view: the app running headless at 120x40 with the library open; from pressing ``S``
  until the view is on screen with its figures (from the saved ``stats.json``);
* saved figures: ``library_stats`` reading ``stats.json`` back;
* references in the same run: counting the figures again from every document's stored
  fields (what a stale or missing ``stats.json`` costs, done in a worker), the app's own
  first list page (``Library.search("", limit=500)``) and opening the help screen (``?``)
  the same way as the view.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_search import CACHE, build_project, corpus_files  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.library.stats import compute, library_stats  # noqa: E402

GOAL = 0.3  # seconds


async def view_seconds(library: Library, key: str = "S") -> float:
    """From pressing ``key`` to its screen drawn: ``S`` the Library view, ``?`` help."""
    from reader.tui.app import HedgeReaderApp
    from reader.tui.screens.help import HelpScreen
    from reader.tui.screens.stats import StatsScreen

    def shown(screen: object) -> bool:
        if key == "S":
            return isinstance(screen, StatsScreen) and screen.stats is not None
        return isinstance(screen, HelpScreen)

    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press(key)
        while not shown(app.screen):
            await asyncio.sleep(0.001)
        await pilot.pause()  # the frame with the figures drawn
        seconds = time.perf_counter() - started
        await pilot.press("escape")
    return seconds


def best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    path, _ = build_project(corpus_files(args.size), reindex=False)
    library = Library(path)
    library_stats(library)  # saved for the index as it is
    count = len(library)
    saved = best(lambda: library_stats(library), args.repeat)
    recount = best(lambda: compute(library.stored_fields()), max(1, args.repeat // 2))
    listing = best(lambda: library.search("", limit=500, snippets=0), args.repeat)
    view = min(asyncio.run(view_seconds(library)) for _ in range(args.repeat))
    help_screen = min(asyncio.run(view_seconds(library, "?")) for _ in range(args.repeat))
    library.close()
    print(f"{count:,} documents")
    print(f"  Library view open (S to figures on screen): {view * 1000:7.1f} ms  (goal {GOAL}s)")
    print(f"  saved figures read back:                    {saved * 1000:7.1f} ms")
    print(f"  reference: counting again from stored fields {recount * 1000:6.1f} ms")
    print(f"  reference: the list's first page (500 rows)  {listing * 1000:6.1f} ms")
    print(f"  reference: the help screen (? to drawn)      {help_screen * 1000:6.1f} ms")
    print(
        f"  ratios: view / recount {view / recount:.3f}, view / first page {view / listing:.2f},"
        f" view / help {view / help_screen:.2f}"
    )


if __name__ == "__main__":
    main()
