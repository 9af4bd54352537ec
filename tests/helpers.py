"""Code the test modules share (fixtures are in ``conftest.py``): test modules never
import each other."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from reader.library import Library
from reader.resources import seeds_dir
from reader.tui.app import HedgeReaderApp
from reader.tui.screens.add import AddScreen
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane
from tests.format_fixtures import article_html

SIZE = (120, 40)
FIXED_MTIME = 1714651200


async def settle(pilot) -> None:
    """Let timers fire and workers finish, then let the screen catch up."""
    await pilot.pause(0.25)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, condition, timeout: float = 20.0) -> None:
    """Let the app run until ``condition()`` holds (a test fails, not hangs, if it never
    does): ordering by what happened, not by how long it usually takes."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {getattr(condition, '__name__', condition)}")
        await pilot.pause(0.01)


def visible_text(widget) -> str:
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))


def run(*args: str, library: Path | None = None, stdin: str | None = None, env=None):
    command = [sys.executable, "-m", "reader", *args]
    if library is not None:
        command += ["--library", str(library)]
    return subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def notices(app) -> list[tuple[str, str]]:
    """The notifications on screen now, oldest first: (text, severity) of each toast."""
    found = []
    for toast in app.screen.query("Toast"):
        severity = next((c[1:] for c in toast.classes if c.startswith("-")), "information")
        found.append((str(toast.render()), severity))
    return found


def notice_texts(app) -> list[str]:
    return [text for text, _ in notices(app)]


def record_notifications(app) -> list[str]:
    """Every notification's text from now on, through the public ``App.notify`` (toasts
    on screen time out, and a pushed screen hides the main screen's)."""
    sent: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        sent.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return sent


#: A plain progress line of ``add`` (one every 2 s when stderr is not a terminal).
_PROGRESS_LINE = re.compile(r"^(?:indexing|refreshing|updating figures) \d+/\d+ sources")


def error_lines(stderr: str) -> list[str]:
    """The lines of a command's stderr that are not progress: on a loaded machine an add
    of two files can take long enough to print a progress line too."""
    return [line for line in stderr.strip().splitlines() if not _PROGRESS_LINE.match(line)]


async def open_doc(pilot, ending: str) -> ReadingPane:
    """Put the list cursor on the document whose path ends with ``ending`` and open it."""
    app = pilot.app
    await settle(pilot)
    listing = app.query_one(DocumentList)
    listing.cursor = next(
        i for i, e in enumerate(listing.entries) if e.summary.path.endswith(ending)
    )
    listing.focus()
    await pilot.press("enter")
    await settle(pilot)
    return app.query_one(ReadingPane)


class Gate:
    """A local server whose ``/held`` page waits until ``release()``."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.released = threading.Event()
        gate = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                gate.arrived.set()
                gate.released.wait(60)
                body = article_html(title="Held article").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/held"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()


def as_from_a_shell() -> None:
    """Ctrl-C handled as in a terminal, whatever the test runner's own signal state: a full CI
    run once started the add with SIGINT not delivered, and the add waited out its URL."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_add(library: Path, *sources: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "add", "--library", str(library), *map(str, sources)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=as_from_a_shell,
    )


def run_add(library: Path, *sources: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", "add", "--library", str(library)]
    return subprocess.run(
        [*command, *map(str, sources)], capture_output=True, text=True, timeout=120
    )


def wait_for_gate(gate: Gate, process: subprocess.Popen[str]) -> None:
    if not gate.arrived.wait(90):
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"the add never reached the held URL: {out} {err}")


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
    from tests.conftest import write_samples  # conftest imports this module

    shutil.rmtree(FIXTURE_ROOT, ignore_errors=True)
    write_samples(FIXTURE_ROOT / "docs")
    library = Library(FIXTURE_ROOT / "library")
    library.add([FIXTURE_ROOT / "docs"])
    app = HedgeReaderApp(library)
    app.theme = "textual-dark"
    return app


async def loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def after(*keys: str):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.2)
            await loaded(pilot)

    return run_before


WORDS = [
    "vaccines",
    "may",
    "help",
    "patients",
    "the",
    "results",
    "suggest",
    "that",
    "further",
    "studies",
    "are",
    "needed",
    "cancer",
    "proteins",
    "expression",
    "in",
    "mice",
    "proves",
    "a",
    "breakthrough",
    "3.5",
    "mg*",
    "e.g.",
    "İstanbul",
    "ß",
]


def documents(count: int) -> list[dict[str, Any]]:
    found = []
    for number in range(count):
        words = [
            WORDS[(number * 7 + i * (number % 5 + 1)) % len(WORDS)] for i in range(40 + number)
        ]
        found.append(
            {
                "path": f"/docs/d{number:03d}.txt",
                "title": f"Report {number} on {words[0]} and {words[1]}",
                "body": " ".join(words),
                "author": "A. Writer" if number % 3 else "",
                "format": "txt",
                "date": datetime(2020, 1, 1 + number % 28),
                "added": datetime(2021, 1, 1),
                "title_sort": f"report {number}",
                "words": len(words),
                "hedges": float(number % 4),
                "boosters": 0.5,
                "hedged_share": 0.25,
                "categories": "modal,evidence" if number % 2 else "",
                "sha256": f"{number:064x}",
                "source": f"/docs/d{number:03d}.txt",
            }
        )
    return found


def seed_text(size: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().iterdir()) if p.is_file()]
    base = "\n\n".join(parts)
    return (base * (size // len(base) + 1))[:size]


def status(app) -> str:
    return str(app.query_one("#reading-status").render())


def style_at(view: DocumentView, offset: int):
    """The style the screen shows for the character at ``offset`` of the text."""
    view.scroll_to_offset(offset)
    for y in range(view.size.height):
        index = int(view.scroll_y) + y
        if index >= view.line_count:
            break
        start, end = view._lines[index]
        if start <= offset < end:
            strip = view.render_line(y)
            column = 1 + offset - start  # one column of gutter
            for segment in strip:
                if column < len(segment.text):
                    return segment.style
                column -= len(segment.text)
    raise AssertionError(f"offset {offset} not on screen")


def write_claim_docs(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "coffee": folder / "coffee-and-cancer.txt",
        "bold": folder / "green-tea.txt",
        "linked": folder / "walking.txt",
    }
    for key, text in (("coffee", COFFEE), ("bold", BOLD), ("linked", LINKED)):
        files[key].write_text(text, encoding="utf-8")
        os.utime(files[key], (FIXED_MTIME, FIXED_MTIME))
    return files


COFFEE = """Coffee and liver cancer

Drinking coffee reduces the risk of liver cancer. Caffeine may improve attention in older adults.

Tea drinking is associated with calm. The cohort included 3,000 adults from four cities.
"""


def reading_after(ending: str, *keys: str):
    """Open the document whose path ends with ``ending`` (waiting for its analysis), then
    press ``keys`` one by one, letting the screen settle after each."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await loaded(pilot)
        listing = app.query_one(DocumentList)
        while not listing.entries:
            await asyncio.sleep(0.01)
        paths = [entry.summary.path for entry in listing.entries]
        listing.cursor = next(i for i, p in enumerate(paths) if p.endswith(ending))
        app.main.open_document(paths[listing.cursor], ())
        pane = app.query_one(ReadingPane)
        while pane.document is None or pane.analysed < 1.0:
            await asyncio.sleep(0.01)
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.2)
            await loaded(pilot)

    return run_before


async def pick(pilot, ending: str) -> None:
    """With the pick step on, put the cursor on ``ending`` and press Enter."""
    listing = pilot.app.query_one(DocumentList)
    listing.cursor = next(
        i for i, e in enumerate(listing.entries) if e.summary.path.endswith(ending)
    )
    listing.focus()
    await pilot.press("enter")
    await settle(pilot)


SOURCE = "compare-2-source-evening-activity-and-dementia-abstract.md"


async def open_comparison(pilot):
    """The sample release read, ``x``, its source picked: the compare screen, compared."""
    from reader.tui.screens.compare import CompareScreen

    await open_doc(pilot, RELEASE)
    await pilot.press("x")
    await pick(pilot, SOURCE)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen) and screen.comparison is not None
    return screen


RELEASE = "compare-1-release-evening-walks-halve-dementia-risk.md"


async def type_and_submit(pilot, text: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AddScreen)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")


LINKED = """Walking and mood

Walking is linked to better mood. Runners were more likely to sleep well.
"""


BOLD = """Green tea

Green tea prevents colds. Green tea lowers blood pressure. Green tea causes calm.
"""


def queue_keys(app: HedgeReaderApp, *keys: tuple[str, str] | str) -> None:
    """Post key presses all at once, as a fast typist, a paste or a slow SSH link delivers
    them: every one is queued before the first is handled (Pilot waits between keys)."""
    for key in keys:
        name, char = key if isinstance(key, tuple) else (key, key)
        app.post_message(events.Key(name, char))
