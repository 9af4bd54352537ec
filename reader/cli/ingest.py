"""``add`` and ``refresh`` output (``reader.cli.sources`` runs them): a progress bar on a
terminal, plain lines when piped, a summary.

On a terminal the bar shows files done out of the total, the rate and the current
file; piped, a line every few seconds says the same, so logs stay readable.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from reader.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from reader.library import AddProgress, AddReport, Library
from reader.safe_text import printable

PLAIN_EVERY = 2.0  # seconds between progress lines when stderr is not a terminal

Show = Callable[[AddProgress], None]


def finish(library: Library, report: AddReport, error: Callable[[str], None]) -> int:
    for failure in report.failed:
        error(f"skipped {failure}")
    print(f"{report.summary()} ({len(library)} documents in {library.path})")
    return EXIT_PARTIAL if report.failed else EXIT_OK


@contextmanager
def progress_display(verb: str) -> Iterator[Show]:
    """A callback for ``Library.add`` that draws progress where the user can see it."""
    stderr = Console(stderr=True, highlight=False)
    if not stderr.is_terminal:
        yield _plain_lines(verb)
        return
    columns = (
        TextColumn(verb),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
    )
    started = time.monotonic()
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(verb, total=None, current="", rate="")

        def show(step: AddProgress) -> None:
            name = printable(_short(step.current)) if step.current else ""
            bar.update(
                task,
                completed=step.done,
                total=step.total,
                current=name,
                rate=_rate(step.done, time.monotonic() - started),
            )

        yield show


def _plain_lines(verb: str) -> Show:
    started = last = time.monotonic()

    def show(step: AddProgress) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < PLAIN_EVERY or step.done == step.total:
            return
        last = now
        sys.stderr.write(
            f"{verb.lower()} {step.done}/{step.total} sources"
            f" ({_rate(step.done, now - started)}): {printable(_short(step.current))}\n"
        )
        sys.stderr.flush()

    return show


def _rate(done: int, seconds: float) -> str:
    return f"{done / seconds:.1f}/s" if seconds > 0.2 and done else ""


def _short(current: str) -> str:
    return current if "://" in current else Path(current).name
