"""Indexing many files in worker processes that each write their own index segments.

Sending every document's postings back to one writer cost more than making them
(pickling, unpickling, then filing them a term at a time in the main process, on a
machine with two cores). Here, as in Whoosh's ``MpWriter`` with ``multisegment``, each
worker holds a segment writer (``Index.staging_writer``) on a private staging folder and files the
documents it prepares itself; the main process gets back only what it needs per
document (path, hash, size, mtime, packed text) and, at each commit, the finished
segments, which it moves into the index and adds to the next table of contents.

The files are cut into *rounds* of ``ROUND_FILES`` (a commit each) and each round into
one contiguous part per worker, so the index keeps the documents in source order and
results are reported in source order. Workers work up to a round ahead of what the main
process has reported, so they keep busy while it commits and merges.

Safety: worker segments live outside the index folder until the commit that refers to
them, so a kill leaves nothing in the index but the last commit (a leftover staging
folder is removed by the next ``add``); workers ignore Ctrl-C and stop on their own when
the main process is gone.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import shutil
import signal
import threading
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from reader.library.engine import (
    Index,
    Schema,
    Segment,
    Writer,
    segment_files_prefix,
    segment_size,
)
from reader.library.ingest import SourceFile
from reader.library.loader import Known

#: Files per round: a commit, with one new segment per worker, each this many files.
ROUND_FILES = 2000
#: Files per message to a worker (and per reply).
CHUNK_FILES = 16
#: Postings a worker's segment writer holds before it finishes that segment early.
WORKER_HOLD = 1_000_000

Job = tuple[SourceFile, Known]
Context = ForkContext | ForkServerContext | SpawnContext
#: One file's outcome (``indexing.Prepared`` or an ``IngestError``), opaque here.
Prepare = Callable[[Job], object]
#: To a worker: a chunk of files, "finish" (its segments, please), or None (stop).
Message = list[Job] | str | None
#: From a worker: (worker, "files" | "segments" | "error", outcomes | segments | reason).
Reply = tuple[int, str, object]


class WorkerFailed(Exception):
    """A worker could not write its segment (the message says why) or stopped."""


@dataclass(slots=True)
class Segments:
    """Finished worker segments ready for a commit, in document order, and their folder."""

    segments: list[Segment] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.segments)

    def doc_count(self) -> int:
        return sum(segment_size(segment) for segment in self.segments)

    def move_into(self, index_dir: Path) -> None:
        """Move the segments' files into the index folder (same file system: renames)."""
        for segment in self.segments:
            prefix = segment_files_prefix(segment)
            for folder in self.folders:
                for name in os.listdir(folder):
                    if name.startswith(prefix):
                        os.replace(folder / name, index_dir / name)


def staging_root(library: Path) -> Path:
    return library / "incoming"


def clear_staging(library: Path) -> None:
    """Remove what a killed ``add`` left in the staging folder (under the add lock)."""
    shutil.rmtree(staging_root(library), ignore_errors=True)


# -- the worker ------------------------------------------------------------------------------


@dataclass(slots=True)
class WorkerSetup:
    folder: Path
    schema: Schema
    prepare: Prepare
    parent: int
    #: Set when the main process stops early: chunks already sent are skipped.
    stop: Event
    hold: int = WORKER_HOLD


def _serve(number: int, setup: WorkerSetup, jobs: Queue[Message], results: Queue[Reply]) -> None:
    """A worker's loop: file chunks in, per-file outcomes out; on ``finish``, the segments."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's
    parent = os.getppid()  # the main process, or the fork server that started us
    writer: Writer | None = None
    done: list[Segment] = []
    try:
        staging = Index.create(setup.folder, setup.schema)
        while True:
            try:
                message = jobs.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent or not _alive(setup.parent):
                    results.cancel_join_thread()  # nobody is left to read them
                    return
                continue
            if message is None:
                results.cancel_join_thread()
                return
            if isinstance(message, str):  # "finish"
                if writer is not None:
                    done.append(writer.finish_segment())
                    writer = None
                results.put((number, "segments", done))
                done = []
                continue
            outcomes = []
            for job in message:
                if setup.stop.is_set():
                    break
                outcome = setup.prepare(job)
                for ready in getattr(outcome, "documents", ()):
                    if ready.path != str(job[0].path):
                        continue  # a feed's entries: checked and filed by the main process
                    if writer is None:
                        writer = staging.staging_writer()
                    writer.add(ready.fields)
                    ready.fields = None
                    if writer.held >= setup.hold:
                        done.append(writer.finish_segment())
                        writer = None
                outcomes.append(outcome)
            results.put((number, "files", outcomes))
    except BaseException as error:  # reported to the main process, which stops
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        results.put((number, "error", reason))
    finally:
        if writer is not None:
            writer.cancel()


def _alive(pid: int) -> bool:
    """Whether the main process still runs (a killed ``add`` leaves its workers behind;
    they are given another parent at once, but a killed process lingers until reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- the main process's side -----------------------------------------------------------------


class SegmentWorkers:
    """Outcomes of ``files`` in order (``next``), with each round's segments (``take``)."""

    def __init__(
        self,
        files: list[Job],
        count: int,
        library: Path,
        schema: Schema,
        prepare: Prepare,
        context: Context,
    ) -> None:
        self._folder = staging_root(library) / uuid.uuid4().hex[:12]
        self._results = context.Queue()
        self._jobs = [context.Queue() for _ in range(count)]
        self._stop = context.Event()
        self._folders = [self._folder / f"w{n}" for n in range(count)]
        self._processes = []
        for number in range(count):
            own = WorkerSetup(self._folders[number], schema, prepare, os.getpid(), self._stop)
            process = context.Process(
                target=_serve, args=(number, own, self._jobs[number], self._results), daemon=True
            )
            process.start()
            self._processes.append(process)
        #: Per worker: messages not sent yet (chunks, "finish"), and chunk replies pending.
        self._outbox: list[deque[list[Job] | str]] = [deque() for _ in range(count)]
        self._in_flight = [0] * count
        #: Per worker: replies received and not used yet.
        self._files: list[deque[list[object]]] = [deque() for _ in range(count)]
        self._segments: list[deque[list[Segment]]] = [deque() for _ in range(count)]
        self._finishes_sent = [0] * count
        self._finishes_taken = [0] * count
        #: In order: (worker, files in that chunk) for every chunk, and round ends.
        self._order: deque[tuple[int, int] | None] = deque()
        self._plan(files, count)
        self._window = max(4, ROUND_FILES // (CHUNK_FILES * count) * 3 // 2)
        self._current: deque[object] = deque()
        #: Outcomes received and not handed out yet, by id: what ``interrupt`` returns.
        self._pending: dict[int, object] = {}
        self._round_done = False
        self._closed = False
        for number in range(count):
            self._pump(number)

    def _plan(self, files: list[tuple[SourceFile, Known]], count: int) -> None:
        for start in range(0, len(files), ROUND_FILES):
            batch = files[start : start + ROUND_FILES]
            for number, part in enumerate(_parts(batch, count)):
                for first in range(0, len(part), CHUNK_FILES):
                    chunk = part[first : first + CHUNK_FILES]
                    self._outbox[number].append(chunk)
                    self._order.append((number, len(chunk)))
                self._outbox[number].append("finish")
            self._order.append(None)

    def _pump(self, number: int) -> None:
        """Send a worker what it may have: chunks up to the window, and finishes."""
        outbox = self._outbox[number]
        while outbox and (outbox[0] == "finish" or self._in_flight[number] < self._window):
            message = outbox.popleft()
            if message == "finish":
                self._finishes_sent[number] += 1
            else:
                self._in_flight[number] += 1
            self._jobs[number].put(message)

    def _receive(self) -> None:
        """Wait for one reply from any worker and file it."""
        while True:
            try:
                number, kind, payload = self._results.get(timeout=1.0)
                break
            except queue.Empty:
                for process in self._processes:
                    if not process.is_alive():
                        raise WorkerFailed(
                            f"an indexing worker stopped (exit status {process.exitcode})"
                        ) from None
        if kind == "error":
            raise WorkerFailed(payload)
        if kind == "files":
            self._in_flight[number] -= 1
            self._files[number].append(payload)
            self._pending.update((id(outcome), outcome) for outcome in payload)
            self._pump(number)
        else:
            self._segments[number].append(payload)

    def next(self) -> object:
        """The next file's outcome, in source order."""
        while not self._current:
            head = self._order[0]
            assert head is not None, "a round's end is taken with its last file"
            number, _ = head
            while not self._files[number]:
                self._receive()
            self._order.popleft()
            self._current.extend(self._files[number].popleft())
        self._maybe_round_end()
        outcome = self._current.popleft()
        del self._pending[id(outcome)]
        return outcome

    def _maybe_round_end(self) -> None:
        if len(self._current) == 1 and self._order and self._order[0] is None:
            self._order.popleft()
            self._round_done = True

    def take(self) -> Segments | None:
        """After the last file of a round has been handed out: that round's segments."""
        if not self._round_done or self._current:
            return None
        self._round_done = False
        return self._collect(everything=False)

    def _collect(self, everything: bool) -> Segments:
        """Wait for each worker's segments of the oldest round not taken (a worker may be
        a round ahead), or with ``everything`` of every finish sent so far."""
        found = Segments(folders=list(self._folders))
        for number in range(len(self._processes)):
            wanted = self._finishes_sent[number] if everything else self._finishes_taken[number] + 1
            while self._finishes_taken[number] < wanted:
                while not self._segments[number]:
                    self._receive()
                found.segments.extend(self._segments[number].popleft())
                self._finishes_taken[number] += 1
        return found

    def interrupt(self) -> tuple[Segments, list[object]]:
        """Stop early (Ctrl-C): every worker finishes the segment it has; those segments,
        and the outcomes of the documents in them not handed out yet. Chunks sent and not
        started are skipped."""
        self._stop.set()
        for number in range(len(self._processes)):
            self._outbox[number] = deque(["finish"])
            self._pump(number)
        segments = self._collect(everything=True)
        rest = list(self._pending.values())
        self._pending.clear()
        self._order.clear()
        return segments, rest

    def close(self) -> None:
        """Stop the workers and remove their staging folders."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        for jobs in self._jobs:
            jobs.put(None)
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
        for jobs in [*self._jobs, self._results]:
            jobs.cancel_join_thread()
            jobs.close()
        shutil.rmtree(self._folder, ignore_errors=True)
        with contextlib.suppress(OSError):  # gone unless another run's folder is there
            self._folder.parent.rmdir()


def _parts(files: list[Job], count: int) -> list[list[Job]]:
    """``files`` cut into ``count`` contiguous parts of about the same number of bytes."""
    total = sum(source.size for source, _ in files) or 1
    parts: list[list[Job]] = [[] for _ in range(count)]
    running = 0
    for job in files:
        number = min(count - 1, running * count // total)
        parts[number].append(job)
        running += job[0].size
    return parts


def context() -> Context:
    """Fork is cheapest, but forking a threaded process (the TUI) is unsafe."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")
