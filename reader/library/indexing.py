"""Preparing documents for the index in parallel: parse, hedge analysis and body postings.

Whoosh's own analysis runs one Python generator step per word and filter, which made it
the slowest part of adding a document. Here the body is tokenised with one regex pass and
a stem cache, into exactly the postings ``StemmingAnalyzer`` + ``Positions`` would give
(tests/test_search_indexing.py checks that), and the work for many files is spread over
worker processes that also file the documents in index segments of their own
(``reader.library.parallel``); the main process commits them, so every write is still one
atomic Whoosh commit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import sub
from pathlib import Path
from pickle import dumps
from typing import Any

from whoosh.lang.porter import stem
from whoosh.system import pack_uint

from reader.library.documents import ParsedDocument
from reader.library.engine.positions import encode_positions
from reader.library.engine.writer import PreAnalyzed
from reader.library.ingest import IngestError, Source, SourceFile
from reader.library.loader import Known, load
from reader.library.parallel import Segments, SegmentWorkers, context
from reader.library.textstore import pack

#: Whoosh's default tokeniser pattern (``[\w\*]+(\.?[\w\*]+)*``) without the capture group.
WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
_STEM_CACHE_LIMIT = 200_000

#: Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 150


#: The same pattern over ASCII bytes (where ``\w`` means the same), for the fast path.
_ASCII_WORD = re.compile(rb"[\w\*]+(?:\.?[\w\*]+)*")


class _StemCache(dict[str, str]):
    """Lower-cased word -> its stem, computed on first sight."""

    def __missing__(self, word: str) -> str:
        stemmed = self[word] = stem(word)
        return stemmed


class _TermCache(dict[Any, bytes]):
    """Lower-cased word (str, or ASCII bytes) -> its index term as UTF-8 bytes."""

    def __missing__(self, word: str | bytes) -> bytes:
        text = word.decode("ascii") if isinstance(word, bytes) else word
        term = self[word] = stem_word(text).encode("utf-8")
        return term


class _OnePosition(dict[int, bytes]):
    """Position -> the ``Positions`` encoding of a term seen once, there."""

    def __missing__(self, pos: int) -> bytes:
        encoded = self[pos] = _ONE + dumps([pos], 2)
        return encoded


class _OneArrayPosition(dict[int, bytes]):
    """Position -> the ``ArrayPositions`` encoding of a term seen once, there."""

    def __missing__(self, pos: int) -> bytes:
        encoded = self[pos] = encode_positions([pos])
        return encoded


_ONE = pack_uint(1)
_STEMS = _StemCache()
_TERMS = _TermCache()
_ONE_POSITION = _OnePosition()
_ONE_ARRAY_POSITION = _OneArrayPosition()


def stem_word(lowered: str) -> str:
    """The index form of one lower-cased word, cached."""
    if len(_STEMS) > _STEM_CACHE_LIMIT:
        _STEMS.clear()
    return _STEMS[lowered]


def _terms_of(text: str) -> list[bytes]:
    """The index terms of ``text``, in order, as UTF-8 bytes."""
    if len(_TERMS) > _STEM_CACHE_LIMIT:
        _TERMS.clear()
    if text.isascii() or _lowers_in_place(text):
        # no non-ASCII word characters: words are the ASCII ones in the UTF-8 bytes
        words: list[Any] = _ASCII_WORD.findall(text.lower().encode("utf-8"))
    else:
        words = [word.lower() for word in WORD.findall(text)]
    return list(map(_TERMS.__getitem__, words))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_CHAR = re.compile(r"[\w\*]")


def _lowers_in_place(text: str) -> bool:
    """Whether ``text``'s only non-ASCII characters (typically quotes and dashes) are not
    word characters and have no lower case: lower-casing it first then cannot move a word
    boundary, and its words are ASCII. Most English text is like that."""
    return not any(
        _WORD_CHAR.match(char) or char.lower() != char for char in set(_NON_ASCII.findall(text))
    )


def text_postings(text: str, field_boost: float = 1.0, arrays: bool = True) -> PreAnalyzed:
    """The postings Whoosh's stemming analyzer and the field's positions format give for
    ``text``: (term, frequency, weight, encoded positions) and the number of words.

    ``arrays``: positions as ``ArrayPositions`` stores them, else as Whoosh's ``Positions``.
    """
    terms = _terms_of(text)
    positions: dict[bytes, list[int]] = {}
    get = positions.get
    for pos, term in enumerate(terms):
        found = get(term)
        if found is None:
            positions[term] = [pos]
        else:
            found.append(pos)
    one = _ONE_ARRAY_POSITION if arrays else _ONE_POSITION
    if len(one) > _STEM_CACHE_LIMIT:
        one.clear()
    postings = []
    append = postings.append
    for term, poslist in positions.items():
        count = len(poslist)
        if count == 1:
            append((term, 1, field_boost, one[poslist[0]]))
        elif arrays:
            append((term, count, count * field_boost, encode_positions(poslist)))
        else:
            deltas = list(map(sub, poslist, [0, *poslist]))
            append((term, count, count * field_boost, pack_uint(count) + dumps(deltas, 2)))
    return PreAnalyzed(postings, len(terms))


@dataclass(slots=True)
class Ready:
    """One document ready for the writer: its index fields and body text."""

    path: str
    #: None once a worker has filed the document in a segment of its own.
    fields: dict[str, Any] | None
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


FieldsOf = Callable[[ParsedDocument], dict[str, Any]]
Job = tuple[Source, Known]


@dataclass(slots=True)
class Analysed:
    """What a worker indexes ahead: text fields (name -> (field boost, array positions?)) through
    ``text_postings``, and other indexed fields (name -> the index's field) through the
    field's own ``index``. The writer then only files the postings."""

    text: dict[str, tuple[float, bool]] = field(default_factory=dict)
    other: dict[str, Any] = field(default_factory=dict)


def analyse(fields: dict[str, Any], pre_analyse: Analysed) -> dict[str, Any]:
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
        schema: Any,
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
            outcome: Prepared | IngestError = self.workers.next()
            return outcome
        return self._work((source, _known_for(source, self._known)))

    def take(self) -> Segments | None:
        """Worker segments due for a commit now, if any."""
        return self.workers.take() if self.workers is not None else None

    def interrupt(self) -> tuple[Segments | None, list[Prepared | IngestError]]:
        """Stopping early: the workers' segments so far, and the outcomes of the documents
        in them not given out by ``next``."""
        if self.workers is None:
            return None, []
        return self.workers.interrupt()

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()


def _known_for(source: Source, known: Known) -> Known:
    """What a worker needs of ``known`` for one file: its own entry, not the whole library."""
    if not isinstance(source, SourceFile):
        return known
    name = str(source.path)
    return {name: known[name]} if name in known else {}
