"""Opening a document for reading, as a sequence of typed steps: no Textual here.

The reading pane wants the text at once with the first screen's marks, then the rest's
marks as they are found, without the analysis ever holding the GIL through a paint.
``open_steps`` is that pipeline as a generator: the TUI's worker posts each step as a
message, the export and the tests can run it as a plain loop.

1. ``Opened``: the text and the first chunk's hedges (quicker here than a round trip to
   a process), wrapped for the pane's width off the UI thread.
2. (after ``painted`` is set, or 2 s) ``Marks``: the first chunk's claim strength.
3. ``Marks`` for the rest: a long rest in ``AnalysisPool``'s process, batch by batch in
   text order, else here in this thread, stepping aside between chunks for the UI.

``Failed`` instead of all that when the document cannot be read or is gone.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass

from reader.library import Document, Library, LibraryError
from reader.reading.analysis import Chunk, analyse, chunk_bounds, claims_of, merge
from reader.reading.analysis_pool import AnalysisPool, batches

MARKS_INTERVAL = 0.3  # seconds between batches of marks posted while analysing here
ANALYSIS_YIELD = 1.0  # in-thread analysis sleeps this share of its working time, for the UI
POOL_MIN = 64_000  # characters left after the first screen worth an analysis process
PAINT_WAIT = 2.0  # seconds to wait for the first paint before analysing on regardless

#: Visual lines of ``text`` at a width: ``(start, end)`` offsets (the TUI's wrapper).
Wrapper = Callable[[str, int], list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class Opened:
    """The document's text with the first chunk's marks (``None``: an empty text)."""

    document: Document
    first: Chunk | None
    done: float  # share of the text analysed, 0..1
    wrapped: tuple[int, list[tuple[int, int]]] | None = None  # (width, visual lines)


@dataclass(frozen=True, slots=True)
class Marks:
    """Marks for one more stretch of the open document (offsets into the whole text)."""

    chunk: Chunk
    done: float


@dataclass(frozen=True, slots=True)
class Failed:
    """The document could not be opened; ``gone``: its path, when it left the library."""

    error: str
    gone: str | None = None


Step = Opened | Marks | Failed


@dataclass(frozen=True, slots=True)
class Opening:
    """What one opening needs besides the path: the search terms to mark, the user's
    phrases, the pane's width and wrapper, and who says when to go on or stop."""

    terms: tuple[str, ...] = ()
    phrases: Mapping[str, str] | None = None
    width: int = 0
    wrap: Wrapper | None = None
    #: Set once the first marks are on screen; the rest waits for it.
    painted: threading.Event | None = None
    #: True once the caller no longer wants the steps (a newer document was opened).
    cancelled: Callable[[], bool] = lambda: False


def open_steps(
    library: Library, path: str, opening: Opening, pool: AnalysisPool | None = None
) -> Iterator[Step]:
    """The steps of opening ``path`` (see the module docstring); stops early when
    ``opening.cancelled()``."""
    try:
        document = library.get(path)
    except LibraryError as error:
        yield Failed(str(error))
        return
    if document is None:
        yield Failed(f"{path}: no longer in the library", gone=path)
        return
    text = document.body
    if not text:
        yield Opened(document, None, 1.0)
        return
    bounds = list(chunk_bounds(text))
    start, end = bounds[0]
    # the first screen's claim strength follows its paint: it costs as much again
    first = analyse(text, start, end, opening.terms, opening.phrases, with_claims=False)
    wrapped = (opening.width, opening.wrap(text, opening.width)) if opening.wrap else None
    yield Opened(document, first, end / len(text), wrapped)
    if opening.painted is not None:
        opening.painted.wait(timeout=PAINT_WAIT)
    if opening.cancelled():
        return
    yield Marks(claims_of(text, start, end), end / len(text))
    yield from _rest(text, bounds[1:], opening, pool)


def _rest(
    text: str, rest: list[tuple[int, int]], opening: Opening, pool: AnalysisPool | None
) -> Iterator[Marks]:
    """The rest's marks: in the pool's process when long (handed over only now, as
    starting and feeding it competes with the first paint for the CPU), else here."""
    long_rest = bool(rest) and len(text) - rest[0][0] >= POOL_MIN
    groups = batches(rest) if pool is not None and long_rest else []
    submitted = (
        [pool.submit(text, g, opening.terms, opening.phrases) for g in groups] if pool else []
    )
    futures = [future for future in submitted if future is not None]
    if pool is not None and groups and len(futures) == len(groups):
        yield from _collect(text, groups, futures, opening, pool)
        return
    for future in futures:  # a short text, or no process could start
        future.cancel()
    yield from _analyse_here(text, rest, opening)


def _collect(
    text: str,
    groups: list[list[tuple[int, int]]],
    futures: list[Future[Chunk]],
    opening: Opening,
    pool: AnalysisPool,
) -> Iterator[Marks]:
    """Each batch's marks as the process finishes it, in text order; if the process
    breaks, what is left is analysed here."""
    for index, future in enumerate(futures):
        while True:
            if opening.cancelled():
                for pending in futures[index:]:
                    pending.cancel()
                return
            try:
                chunk = future.result(timeout=0.05)  # waiting releases the GIL
            except concurrent.futures.TimeoutError:
                continue
            except CancelledError:  # the app is closing
                return
            except Exception:  # the process died: carry on in this thread
                pool.broken()
                left = [bounds for group in groups[index:] for bounds in group]
                yield from _analyse_here(text, left, opening)
                return
            break
        yield Marks(chunk, chunk.end / len(text))


def _analyse_here(text: str, bounds: list[tuple[int, int]], opening: Opening) -> Iterator[Marks]:
    """Analyse ``bounds`` in this thread, merging chunks into one step per
    ``MARKS_INTERVAL`` and stepping aside between chunks: a thread doing pure-Python work
    starves the UI of the GIL."""
    pending: list[Chunk] = []
    last_step = time.monotonic()
    for start, end in bounds:
        if opening.cancelled():
            return
        began = time.perf_counter()
        pending.append(analyse(text, start, end, opening.terms, opening.phrases))
        if end == len(text) or time.monotonic() - last_step >= MARKS_INTERVAL:
            yield Marks(merge(pending), end / len(text))
            pending, last_step = [], time.monotonic()
        time.sleep(min((time.perf_counter() - began) * ANALYSIS_YIELD, 0.05))
