"""Preparing documents for the index in parallel: parse, hedge analysis and body postings.

Whoosh's own analysis runs one Python generator step per word and filter, which made it
the slowest part of adding a document. Here the body is tokenised with one regex pass and
a stem cache, into exactly the postings ``StemmingAnalyzer`` + ``Positions`` would give
(tests/test_search_indexing.py checks that), and the work for many files is spread over a
process pool. The main process only feeds the writer, so index writes stay single-writer
and keep Whoosh's atomic commits.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pickle import dumps
from typing import Any

from whoosh.lang.porter import stem
from whoosh.system import pack_uint

from reader.library.documents import ParsedDocument
from reader.library.ingest import (
    IngestError,
    SourceFile,
    content_hash,
    parse_document,
    read_bytes,
)

#: Whoosh's default tokeniser pattern (``[\w\*]+(\.?[\w\*]+)*``) without the capture group.
WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
_STEMS: dict[str, str] = {}
_STEM_CACHE_LIMIT = 200_000

#: Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 150


class PreAnalyzed:
    """Body postings computed in a worker: (term bytes, frequency, weight, encoded positions)."""

    __slots__ = ("postings",)

    def __init__(self, postings: list[tuple[bytes, int, float, bytes]]) -> None:
        self.postings = postings

    def __getstate__(self) -> list[tuple[bytes, int, float, bytes]]:
        return self.postings

    def __setstate__(self, state: list[tuple[bytes, int, float, bytes]]) -> None:
        self.postings = state


def stem_word(lowered: str) -> str:
    """The index form of one lower-cased word, cached."""
    stemmed = _STEMS.get(lowered)
    if stemmed is None:
        if len(_STEMS) > _STEM_CACHE_LIMIT:
            _STEMS.clear()
        stemmed = _STEMS[lowered] = stem(lowered)
    return stemmed


def body_postings(text: str, field_boost: float = 1.0) -> PreAnalyzed:
    """The postings Whoosh's stemming analyzer and ``Positions`` format give for ``text``."""
    stems = _STEMS
    positions: dict[str, list[int]] = {}
    for pos, word in enumerate(WORD.findall(text)):
        lowered = word.lower()
        stemmed = stems.get(lowered)
        if stemmed is None:
            if len(stems) > _STEM_CACHE_LIMIT:
                stems.clear()
            stemmed = stems[lowered] = stem(lowered)
        found = positions.get(stemmed)
        if found is None:
            positions[stemmed] = [pos]
        else:
            found.append(pos)
    postings = []
    for term, poslist in positions.items():
        deltas = [poslist[0]]
        deltas.extend(b - a for a, b in pairwise(poslist))
        encoded = pack_uint(len(deltas)) + dumps(deltas, 2)
        postings.append((term.encode("utf-8"), len(poslist), len(poslist) * field_boost, encoded))
    return PreAnalyzed(postings)


@dataclass(slots=True)
class Prepared:
    """One file ready for the writer: its outcome, index fields and body text."""

    source: SourceFile
    outcome: str  # "added", "updated" or "unchanged"
    fields: dict[str, Any] | None = None
    body: str = ""
    sha256: str = ""


FieldsOf = Callable[[ParsedDocument], dict[str, Any]]
Job = tuple[SourceFile, "tuple[str, int, float] | None"]


def prepare(
    job: Job, *, fields_of: FieldsOf, max_bytes: int, pre_analyse: bool
) -> Prepared | IngestError:
    """Read, parse and analyse one file; runs in a worker process or inline."""
    source, known = job
    if known is not None and known[1] == source.size and known[2] == source.mtime:
        return Prepared(source, "unchanged")
    try:
        data = read_bytes(source, max_bytes)
        if known is not None and known[0] == content_hash(data):
            return Prepared(source, "unchanged")
        parsed = parse_document(source, data)
    except IngestError as error:
        return error
    fields = fields_of(parsed)
    if pre_analyse:
        fields["body"] = body_postings(parsed.body)
    outcome = "added" if known is None else "updated"
    return Prepared(source, outcome, fields, parsed.body, parsed.sha256)


def prepared(
    jobs: list[Job], fields_of: FieldsOf, max_bytes: int, pre_analyse: bool
) -> Iterator[Prepared | IngestError]:
    """Results in job order; a process pool does the work when there is enough of it."""
    work = partial(prepare, fields_of=fields_of, max_bytes=max_bytes, pre_analyse=pre_analyse)
    workers = os.cpu_count() or 1
    if len(jobs) < POOL_THRESHOLD or workers < 2:
        yield from map(work, jobs)
        return
    pool = _context().Pool(workers, initializer=_ignore_interrupts)
    try:
        yield from pool.imap(work, jobs, chunksize=4)
    finally:
        pool.terminate()
        pool.join()


def _context() -> Any:
    """Fork is cheapest, but forking a threaded process (the TUI) is unsafe."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _ignore_interrupts() -> None:
    """Ctrl-C is the main process's to handle: it commits what is done."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def jobs_for(sources: Iterable[SourceFile], known: dict[str, tuple[str, int, float]]) -> list[Job]:
    return [(source, known.get(str(source.path))) for source in sources]
