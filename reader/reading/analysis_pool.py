"""The rest of a long document analysed in a second process, off the app's GIL.

The detector is pure Python. In a thread, a megabyte of it holds the GIL for most of a
second and starves Textual's event loop (frames of 100+ ms), and sleeping between pieces
to make room for the UI triples the time. A process has its own GIL: the app's thread
only waits on futures (which releases the GIL) and takes back the unpickled marks
(~30 ms per megabyte, in small batches).

One worker process, started as soon as the library lists a long document (or on first
need) and reused, so the detector loads its weights
and the library modules are imported once; started with "spawn" because forking a
process that runs threads (Textual's) can deadlock, and spawn is what Windows and macOS
use anyway. If no process can start, ``submit`` says so and the caller analyses in its
own thread as before. No Textual here.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from reader.hedging import find_hedges
from reader.reading.analysis import Chunk, analyse, merge

BATCH = 128_000  # characters per task: ~80 ms of detector work, one MarksFound each


def analyse_batch(
    piece: str,
    offset: int,
    bounds: Sequence[tuple[int, int]],
    terms: Sequence[str],
    extra: Mapping[str, str] | None,
) -> Chunk:
    """Marks for the chunks ``bounds`` (whole-text offsets) of ``piece``, which starts at
    ``offset`` of the text: only the piece travels to the process, not the whole text."""
    return merge([analyse(piece, s - offset, e - offset, terms, extra, offset) for s, e in bounds])


def batches(bounds: Sequence[tuple[int, int]], size: int = BATCH) -> list[list[tuple[int, int]]]:
    """Consecutive chunk bounds grouped into about ``size`` characters each."""
    groups: list[list[tuple[int, int]]] = []
    for start, end in bounds:
        if not groups or groups[-1][-1][1] - groups[-1][0][0] >= size:
            groups.append([])
        groups[-1].append((start, end))
    return groups


def _warm_up() -> int:
    """Load the detector's weights while the first screen is being painted."""
    return len(find_hedges("These results may suggest a breakthrough."))


def _start_resource_tracker() -> bool:
    """Start multiprocessing's helper process now, while ``sys.stderr`` is the terminal.

    It is started on first use and handed ``sys.stderr.fileno()``; once Textual runs,
    ``sys.stderr`` is a capture object without a real file descriptor and the start fails
    ("bad value(s) in fds_to_keep"). It is one small process per Python process, reused.
    """
    if os.name != "posix":
        return True  # no resource tracker there
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except (OSError, ValueError, RuntimeError):
        return False
    return True


class AnalysisPool:
    """A lazily started, reused one-process executor for ``analyse_batch``."""

    def __init__(self) -> None:
        """Call before the app runs: see ``_start_resource_tracker``."""
        self._executor: ProcessPoolExecutor | None = None
        self._unavailable = not _start_resource_tracker()
        self._lock = threading.Lock()

    def start_soon(self) -> None:
        """Start the process now, from a thread, so the first long document opened does
        not wait for it (spawning and importing take a second or more)."""
        threading.Thread(target=self._warm, name="analysis-pool-start", daemon=True).start()

    def _warm(self) -> None:
        with self._lock:
            self._start()

    @property
    def started(self) -> bool:
        """Whether the process has been asked to start (and has not failed)."""
        return self._executor is not None

    def submit(
        self,
        text: str,
        bounds: Sequence[tuple[int, int]],
        terms: Sequence[str],
        extra: Mapping[str, str] | None,
    ) -> Future[Chunk] | None:
        """Analyse ``bounds`` of ``text`` in the process; None if there is no process
        (it could not start, broke, or the pool is shut down)."""
        with self._lock:
            executor = self._start()
            if executor is None:
                return None
            start, end = bounds[0][0], bounds[-1][1]
            try:
                return executor.submit(
                    analyse_batch, text[start:end], start, list(bounds), tuple(terms), extra
                )
            except (BrokenProcessPool, RuntimeError, OSError):
                self._give_up()
                return None

    def broken(self) -> None:
        """A task failed with the process (killed, out of memory): stop using it."""
        with self._lock:
            self._give_up()

    def shutdown(self) -> None:
        """Stop the process (the app is closing); queued tasks are dropped."""
        with self._lock:
            self._unavailable = True
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
                self._executor = None

    def _start(self) -> ProcessPoolExecutor | None:
        if self._executor is None and not self._unavailable:
            try:
                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn")
                )
                self._executor.submit(_warm_up)
            except (OSError, RuntimeError, ValueError, ImportError):
                self._give_up()
        return self._executor

    def _give_up(self) -> None:
        self._unavailable = True
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
