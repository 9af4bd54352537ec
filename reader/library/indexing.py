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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from whoosh.lang.porter import stem

from reader.library.documents import ParsedDocument
from reader.library.ingest import IngestError, Source, SourceFile
from reader.library.loader import Known, load
from reader.library.positions import encode_positions

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
        encoded = encode_positions(poslist)
        postings.append((term.encode("utf-8"), len(poslist), len(poslist) * field_boost, encoded))
    return PreAnalyzed(postings)


@dataclass(slots=True)
class Ready:
    """One document ready for the writer: its index fields and body text."""

    path: str
    fields: dict[str, Any]
    body: str
    sha256: str
    size: int
    mtime: float


@dataclass(slots=True)
class Prepared:
    """One source read and analysed: its new or changed documents, and those unchanged."""

    documents: list[Ready] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


FieldsOf = Callable[[ParsedDocument], dict[str, Any]]
Job = tuple[Source, Known]


def prepare(
    job: Job, *, fields_of: FieldsOf, max_bytes: int, pre_analyse: bool
) -> Prepared | IngestError:
    """Load one source and analyse its documents; runs in a worker process or inline."""
    source, known = job
    try:
        loaded = load(source, known, max_bytes)
    except IngestError as error:
        return error
    ready = []
    for parsed in loaded.documents:
        fields = fields_of(parsed)
        if pre_analyse:
            fields["body"] = body_postings(parsed.body)
        ready.append(
            Ready(parsed.path, fields, parsed.body, parsed.sha256, parsed.size, parsed.mtime)
        )
    return Prepared(ready, list(loaded.unchanged))


def prepared(
    sources: list[Source],
    known: Known,
    fields_of: FieldsOf,
    max_bytes: int,
    pre_analyse: bool,
) -> Iterator[Prepared | IngestError]:
    """Results in source order. Files go to a process pool when there are enough of them;
    URLs are fetched here, in turn, with what ``known`` says when their turn comes."""
    work = partial(prepare, fields_of=fields_of, max_bytes=max_bytes, pre_analyse=pre_analyse)
    files = [s for s in sources if isinstance(s, SourceFile)]
    workers = os.cpu_count() or 1
    if len(files) < POOL_THRESHOLD or workers < 2:
        for source in sources:
            yield work((source, _known_for(source, known)))
        return
    pool = _context().Pool(workers, initializer=_ignore_interrupts)
    try:
        jobs = [(s, _known_for(s, known)) for s in files]
        done = pool.imap(work, jobs, chunksize=4)
        for source in sources:
            if isinstance(source, SourceFile):
                yield next(done)
            else:
                yield work((source, known))
    finally:
        pool.terminate()
        pool.join()


def _known_for(source: Source, known: Known) -> Known:
    """What a worker needs of ``known`` for one file: its own entry, not the whole library."""
    if not isinstance(source, SourceFile):
        return known
    name = str(source.path)
    return {name: known[name]} if name in known else {}


def _context() -> Any:
    """Fork is cheapest, but forking a threaded process (the TUI) is unsafe."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _ignore_interrupts() -> None:
    """Ctrl-C is the main process's to handle: it commits what is done."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
