"""Open, scroll and resize times of the reading pane, headless (run by hand).

    python benchmarks/bench_reader.py [--sizes 10000,200000,1000000] [--repeat 3] [--choosing 2]

Documents are built from the bundled seeds, repeated to size; search terms are chosen
so the 1 MB text carries about 20,000 marks (hedges plus search hits). "all marks" is the
time until every mark is found, "stall" the longest the event loop could not run (so
nothing was painted, no key handled) meanwhile. "resize" is the time from the terminal's
Resize event to the first frame with the text laid out for the new width; "resize
settled" until the app is idle again (a long text's remaining lines wrapped), "resize
stall" the worst stall from the Resize event until then; "resize 80x24", "80x24 settled"
and "80x24 stall" the same between 120x40 and 80x24 (the short layout, with its
three-line header, comes and goes). "scroll stall" is the worst stall while page down and
down are held (30 and 60 key repeats a second), up, then the mouse wheel both ways, and
"scroll lag" the time from the last of those events to the screen caught up. "page down"
is the time per page down to its frame. The first open comes ``--choosing`` seconds after
the list shows (0: at once). Each figure is printed with its ratio to a reference
measured in the same run: Textual's own ``Log`` widget holding the same text
(line-based, renders only what is on screen, but no wrapping and no marks), driven
through the same Pilot calls.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from textual._wait import wait_for_idle
from textual.app import App, ComposeResult
from textual.events import Key, MouseScrollDown, MouseScrollUp, Resize
from textual.geometry import Offset, Size
from textual.pilot import _get_mouse_message_arguments
from textual.widgets import Log

from reader.hedging import find_hedges
from reader.library import Library
from reader.library.engine.tokens import WORD, stem_word
from reader.reading.memory import Memory
from reader.resources import seeds_dir
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane

SIZE = (120, 40)
PAGES = 30  # page-downs timed per run
MARKS_AT_1MB = 20_000
CHOOSING = 0.0  # seconds from the list shown to the first open (--choosing)


def build_text(size: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().iterdir()) if p.is_file()]
    base = "\n\n".join(parts)
    text = (base * (size // len(base) + 1))[:size]
    return text[: text.rfind("\n\n")] + "\n" if "\n\n" in text[size // 2 :] else text


def pick_terms(text: str) -> tuple[str, ...]:
    """Frequent index terms whose hits bring a 1 MB text to about 20,000 marks."""
    counts = Counter(stem_word(m.group().lower()) for m in WORD.finditer(text))
    wanted = MARKS_AT_1MB * len(text) / 1_000_000 - len(find_hedges(text))
    terms, total = [], 0
    for term, count in counts.most_common():
        if total >= wanted:
            break
        terms.append(term)
        total += count
    return tuple(terms)


class LogApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Log(id="log")


async def painted(app: App) -> None:
    """Wait until the screen has been refreshed after what was just done.

    (``pilot.pause()`` waits for the whole process to be idle, which would count the
    background analysis of a long document as part of opening it.)
    """
    done = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


async def worst_stall(stop: asyncio.Event, tick: float = 0.005) -> float:
    """The longest the event loop could not run (beyond ``tick``) until ``stop``: a
    screen refresh, a key or a scroll waits at least that long while marks are found."""
    worst = 0.0
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(tick)
        now = time.perf_counter()
        worst = max(worst, now - last - tick)
        last = now
    return worst


async def bench_log(text: str) -> dict[str, float]:
    app = LogApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        log = app.query_one(Log)
        log.focus()
        started = time.perf_counter()
        log.write(text, scroll_end=False)
        await painted(app)
        opened = time.perf_counter() - started
        await pilot.pause()
        return {"open": opened, **await _scroll_and_resize(pilot, log, lambda: True)}


async def bench_reader(text: str, terms: tuple[str, ...], root: Path) -> dict[str, float]:
    folder = root / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "long.txt").write_text(text, encoding="utf-8")
    library = Library(root / "library")
    library.add([folder])
    app = HedgeReaderApp(library, memory=Memory(root / "memory.json"))
    try:
        async with app.run_test(size=SIZE) as pilot:
            listing = app.query_one(DocumentList)
            while not listing.entries:
                await asyncio.sleep(0.005)
            await pilot.pause()
            await asyncio.sleep(CHOOSING)  # the user picks the document
            pane = app.query_one(ReadingPane)
            view = app.query_one(DocumentView)
            path = listing.entries[0].summary.path

            async def open_and_analyse() -> tuple[float, float, float]:
                """Seconds to the first screen painted and to every mark found; worst stall."""
                started = time.perf_counter()
                app.main.open_document(path, terms)  # as Enter on the list does
                while not app.main.document_painted.is_set():  # text and first marks painted
                    await asyncio.sleep(0.001)
                opened = time.perf_counter() - started
                stop = asyncio.Event()
                stalls = asyncio.create_task(worst_stall(stop))
                while pane.analysed < 1.0:
                    await asyncio.sleep(0.002)
                await painted(app)
                analysed = time.perf_counter() - started
                stop.set()
                return opened, analysed, await stalls

            opened, analysed, stall = await open_and_analyse()
            first_screen_marks = sum(
                1 for m in view.marks("hedges") if m.start < view.text.find("\n", 6000)
            )
            rendered_on_open = view.lines_rendered
            await pilot.pause()
            # Again in the same app: the analysis process (if any) is already running.
            _, analysed_again, stall_again = await open_and_analyse()
            await pilot.pause()
            view.focus()
            marks = len(view.marks("hedges")) + len(view.marks("hits"))
            figures = await _scroll_and_resize(
                pilot, view, lambda: view.wrapped_width == view.wrap_width
            )
            return {
                "open": opened,
                "all marks": analysed,
                "stall": stall,
                "all marks again": analysed_again,
                "stall again": stall_again,
                **figures,
                "marks": marks,
                "first marks": first_screen_marks,
                "lines": view.line_count,
                "rendered": rendered_on_open,
            }
    finally:
        library.close()


async def resize_to(app: App, width: int, ready, height: int = 0) -> tuple[float, float, float]:
    """Resize the terminal as a terminal does (a ``Resize`` event) and time it.

    Returns seconds to the first frame sent once ``ready()`` holds (the text laid out
    for the new width: what the user waits for), seconds until the app is idle again
    (any work left after that frame included), and the worst event-loop stall meanwhile.
    """
    size = Size(width, height or SIZE[1])
    driver = app._driver
    first: list[float] = []
    display = app._display  # where a frame goes to the terminal (headless: nowhere)

    def timed_display(screen, update) -> None:
        if not first and update is not None and app.screen.size == size and ready():
            first.append(time.perf_counter())
        display(screen, update)

    app._display = timed_display
    stop = asyncio.Event()
    stalls = asyncio.create_task(worst_stall(stop))
    await asyncio.sleep(0)
    try:
        driver._size = size
        started = time.perf_counter()
        app.post_message(Resize(size, size))
        while not first:
            await asyncio.sleep(0.001)
        await wait_for_idle(0)
        settled = time.perf_counter() - started
    finally:
        del app._display
        stop.set()
    return first[0] - started, settled, await stalls


async def held_keys_and_wheel(app: App, widget) -> tuple[float, float]:
    """Page down and down held (keys at a terminal's repeat rate), then the wheel turned
    both ways over the text, as a terminal sends them: the worst event-loop stall
    meanwhile, and the time from the last event until the screen caught up."""
    driver = app._driver
    stop = asyncio.Event()
    stalls = asyncio.create_task(worst_stall(stop))
    for key, count, gap in (("pagedown", 30, 1 / 30), ("down", 60, 1 / 60), ("up", 30, 1 / 60)):
        for _ in range(count):
            driver.send_message(Key(key, None))
            await asyncio.sleep(gap)
    where = _get_mouse_message_arguments(widget, Offset(5, 5))
    for wheel in (MouseScrollDown, MouseScrollUp):
        for _ in range(30):
            app.mouse_position = Offset(where["x"], where["y"])
            app.screen._forward_event(wheel(**where))
            await asyncio.sleep(1 / 60)
    last = time.perf_counter()
    await painted(app)
    lag = time.perf_counter() - last
    stop.set()
    return await stalls, lag


async def _scroll_and_resize(pilot, widget, ready) -> dict[str, float]:
    app = pilot.app
    widget.scroll_home(animate=False)
    await painted(app)
    started = time.perf_counter()
    for _ in range(PAGES):
        widget.scroll_page_down(animate=False)
        await painted(app)
    scroll = (time.perf_counter() - started) / PAGES
    started = time.perf_counter()
    widget.scroll_end(animate=False)
    await painted(app)
    end = time.perf_counter() - started
    widget.scroll_to(y=widget.max_scroll_y // 3, animate=False)
    await pilot.pause()
    scroll_stall, scroll_lag = await held_keys_and_wheel(app, widget)
    await pilot.pause()
    widget.scroll_to(y=widget.max_scroll_y // 2, animate=False)  # mid-text: the hard case
    await pilot.pause()
    runs = []
    for width in (100, 80, 120, 100, 80, 120):
        runs.append(await resize_to(app, width, ready))
        await pilot.pause()
    short = []
    for width, height in ((80, 24), SIZE, (80, 24), SIZE):
        short.append(await resize_to(app, width, ready, height))
        await pilot.pause()
    return {
        "page down": scroll,
        "to end": end,
        "scroll stall": scroll_stall,
        "scroll lag": scroll_lag,
        "resize": statistics.median(r[0] for r in runs),
        "resize settled": statistics.median(r[1] for r in runs),
        "resize stall": max(r[2] for r in runs),
        "resize 80x24": statistics.median(r[0] for r in short),
        "80x24 settled": statistics.median(r[1] for r in short),
        "80x24 stall": max(r[2] for r in short),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,200000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--choosing",
        type=float,
        default=0.0,
        help="seconds between the list showing and the first open (a user choosing)",
    )
    args = parser.parse_args()
    global CHOOSING
    CHOOSING = args.choosing
    sizes = [int(s) for s in args.sizes.split(",")]
    terms = pick_terms(build_text(1_000_000))
    print(f"search terms: {len(terms)} ({', '.join(terms[:8])}…); terminal {SIZE[0]}x{SIZE[1]}")
    print("median of", args.repeat, "runs; ratio = reader / Textual Log with the same text")
    print(f"first open {CHOOSING:.1f} s after the list shows\n")
    for size in sizes:
        text = build_text(size)
        ours: list[dict[str, float]] = []
        reference: list[dict[str, float]] = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as root:
                ours.append(asyncio.run(bench_reader(text, terms, Path(root))))
            reference.append(asyncio.run(bench_log(text)))
        med = {k: statistics.median(r[k] for r in ours) for k in ours[0]}
        ref = {k: statistics.median(r[k] for r in reference) for k in reference[0]}
        print(
            f"{len(text) / 1000:,.0f} KB: {int(med['marks']):,} marks, "
            f"{int(med['lines']):,} wrapped lines, {int(med['rendered']):,} rendered on open"
        )
        for key in (
            *("open", "page down", "to end", "scroll stall", "scroll lag"),
            *("resize", "resize settled", "resize stall"),
            *("resize 80x24", "80x24 settled", "80x24 stall"),
        ):
            print(
                f"  {key:<14} {med[key] * 1000:8.1f} ms   Log {ref[key] * 1000:8.1f} ms"
                f"   ratio {med[key] / ref[key]:5.2f}"
            )
        for key, what in (
            ("all marks", "every mark found, first open"),
            ("stall", "worst event-loop stall meanwhile"),
            ("all marks again", "every mark found, opened again"),
            ("stall again", "worst stall meanwhile"),
        ):
            print(f"  {key:<15} {med[key] * 1000:8.1f} ms   ({what})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
