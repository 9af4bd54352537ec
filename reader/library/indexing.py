"""Preparing documents for the index in parallel: parse, hedge analysis and body postings.

Bodies are tokenised into postings by ``reader.library.engine.tokens`` (exactly what
Whoosh's own analysis would give, much faster), and the work for many files is spread over
worker processes that also file the documents in index segments of their own
(``reader.library.parallel``); the main process commits them, so every write is still one
atomic Whoosh commit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from reader.library.documents import ParsedDocument
from reader.library.engine import Field, Fields, PreAnalyzed, Schema, text_postings
from reader.library.ingest import IngestError, Source, SourceFile
from reader.library.loader import Known, load
from reader.library.parallel import Segments, SegmentWorkers, context
from reader.library.textstore import pack

#: Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 150


@dataclass(slots=True)
class Ready:
    """One document ready for the writer: its index fields and body text."""

    path: str
    #: None once a worker has filed the document in a segment of its own.
    fields: Fields | None
    #: The body as the text store keeps it (``TextStore.pack``), packed in the worker.
    packed: bytes
    sha256: str
    size: int
    mtime: float


@dataclass(slots=True)
class Prepared:
    """One source read and analysed: its new or changed documents, and those unchanged."""

    documents: list[Ready] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


FieldsOf = Callable[[ParsedDocument], Fields]
Job = tuple[Source, Known]


@dataclass(slots=True)
class Analysed:
    """What a worker indexes ahead: text fields (name -> (field boost, array positions?)) through
    ``text_postings``, and other indexed fields (name -> the index's field) through the
    field's own ``index``. The writer then only files the postings."""

    text: dict[str, tuple[float, bool]] = field(default_factory=dict)
    other: dict[str, Field] = field(default_factory=dict)


def analyse(fields: Fields, pre_analyse: Analysed) -> Fields:
    """``fields`` with those in ``pre_analyse`` as ``PreAnalyzed`` postings, their values
    (for stored fields and columns) under ``_stored_<field>``."""
    for name, (boost, arrays) in pre_analyse.text.items():
        text = fields.get(name)
        if isinstance(text, str):
            fields[name] = text_postings(text, boost, arrays)
            if name != "body":
                fields[f"_stored_{name}"] = text
    for name, indexed in pre_analyse.other.items():
        value = fields.get(name)
        if value is not None:
            postings = list(indexed.index(value))
            length = sum(freq for _, freq, _, _ in postings) if indexed.scorable else 0
            fields[name] = PreAnalyzed(postings, length)
            fields[f"_stored_{name}"] = value
    return fields


def prepare(
    job: Job, *, fields_of: FieldsOf, max_bytes: int, pre_analyse: Analysed
) -> Prepared | IngestError:
    """Load one source and analyse its documents; runs in a worker process or inline."""
    source, known = job
    try:
        loaded = load(source, known, max_bytes)
    except IngestError as error:
        return error
    ready = []
    for parsed in loaded.documents:
        fields = analyse(fields_of(parsed), pre_analyse)
        packed = pack(parsed.body)
        ready.append(Ready(parsed.path, fields, packed, parsed.sha256, parsed.size, parsed.mtime))
    return Prepared(ready, list(loaded.unchanged))


class Preparing:
    """Outcomes of ``sources`` one at a time, in order (``next``).

    Many files go to ``reader.library.parallel``'s workers, which file their documents in
    segments of their own: ``take`` then gives each round's finished segments for a commit.
    Few files, and every URL, are prepared here, with what ``known`` says when their turn
    comes (a feed's entries are checked against the library as it is by then).
    """

    def __init__(
        self,
        sources: list[Source],
        known: Known,
        fields_of: FieldsOf,
        max_bytes: int,
        pre_analyse: Analysed,
        *,
        library: Path,
        schema: Schema,
    ) -> None:
        self._known = known
        self._work = partial(
            prepare, fields_of=fields_of, max_bytes=max_bytes, pre_analyse=pre_analyse
        )
        files = [s for s in sources if isinstance(s, SourceFile)]
        count = os.cpu_count() or 1
        self.workers: SegmentWorkers | None = None
        if len(files) >= POOL_THRESHOLD and count >= 2:
            jobs = [(s, _known_for(s, known)) for s in files]
            self.workers = SegmentWorkers(jobs, count, library, schema, self._work, context())

    def next(self, source: Source) -> Prepared | IngestError:
        if self.workers is not None and isinstance(source, SourceFile):
            return cast("Prepared | IngestError", self.workers.next())
        return self._work((source, _known_for(source, self._known)))

    def take(self) -> Segments | None:
        """Worker segments due for a commit now, if any."""
        return self.workers.take() if self.workers is not None else None

    def interrupt(self) -> tuple[Segments | None, list[Prepared | IngestError]]:
        """Stopping early: the workers' segments so far, and the outcomes of the documents
        in them not given out by ``next``."""
        if self.workers is None:
            return None, []
        segments, rest = self.workers.interrupt()
        return segments, cast("list[Prepared | IngestError]", rest)

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()


def _known_for(source: Source, known: Known) -> Known:
    """What a worker needs of ``known`` for one file: its own entry, not the whole library."""
    if not isinstance(source, SourceFile):
        return known
    name = str(source.path)
    return {name: known[name]} if name in known else {}
