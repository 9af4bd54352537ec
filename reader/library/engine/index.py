"""The engine's face: an index folder, its writer and its searcher.

``Library`` and the indexing workers use only these (through ``reader.library.engine``);
everything Whoosh (its objects, its exceptions, its private state) stays behind them.
A commit replaces the table of contents atomically: a crash, a kill or a full disk
mid-write leaves the last committed index readable.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.reading import ReaderClosed, SegmentReader

from reader.library.engine.codec import merge_tiers
from reader.library.engine.query import BadQuery, expand, parse, positive_terms
from reader.library.engine.schema import make_schema, pre_analysed, pre_indexed
from reader.library.engine.suggest import suggest
from reader.library.engine.writer import BulkWriter

#: Stored fields of one document: field name -> value.
Fields = dict[str, Any]
#: The engine's objects the rest of the library only passes along (``Any`` stays here):
#: a schema (picklable), one of its fields, a finished segment.
Schema = Any
Field = Any
Segment = Any


class IndexLocked(Exception):
    """Another writer holds the index's write lock."""


class Index:
    """An index folder (``open``, ``create``), with the schema of ``schema.make_schema``."""

    def __init__(self, whoosh: Any) -> None:
        self._index = whoosh

    @staticmethod
    def exists(folder: Path) -> bool:
        return bool(whoosh_index.exists_in(str(folder)))

    @classmethod
    def open(cls, folder: Path) -> Index:
        """The index in ``folder``, with fields a newer release added (documents indexed
        before have no value there until they are re-indexed)."""
        index = whoosh_index.open_dir(str(folder))
        current = make_schema()
        missing = [name for name in current.names() if name not in index.schema]
        if missing:
            writer = index.writer(timeout=5.0)
            for name in missing:
                writer.add_field(name, current[name])
            writer.commit()
            index = index.refresh()
        return cls(index)

    @classmethod
    def create(cls, folder: Path, schema: Schema = None) -> Index:
        """A new empty index in ``folder`` (made if missing); ``schema``: another index's."""
        folder.mkdir(parents=True, exist_ok=True)
        return cls(whoosh_index.create_in(str(folder), schema or make_schema()))

    @property
    def schema(self) -> Schema:
        """The schema (picklable: workers create their staging indexes with it)."""
        return self._index.schema

    def text_fields(self) -> dict[str, tuple[float, bool]]:
        """Text fields a worker can analyse ahead (``schema.pre_analysed``)."""
        return pre_analysed(self._index.schema)

    def other_fields(self) -> dict[str, Field]:
        """Other indexed fields a worker can index ahead (``schema.pre_indexed``)."""
        return pre_indexed(self._index.schema)

    def writer(self, timeout: float = 5.0) -> Writer:
        """A writer holding the index's lock; raises ``IndexLocked`` after ``timeout``."""
        try:
            return Writer(BulkWriter(self._index, timeout=timeout))
        except LockError:
            raise IndexLocked(str(self._index.storage)) from None

    def staging_writer(self) -> Writer:
        """A writer whose segments go to another index (``Writer.finish_segment``), on a
        private folder no one else writes: no lock."""
        return Writer(BulkWriter(self._index, _lk=False))

    def searcher(self) -> Searcher:
        return Searcher(self._index.searcher())

    def generation(self) -> int:
        """The number of the last commit (-1 before the first)."""
        return int(self._index.latest_generation())

    def close(self) -> None:
        self._index.close()


class Writer:
    """Adds, replaces and deletes documents, and takes finished segments; then ``commit``
    (one new table of contents) or ``cancel`` (the index as it was)."""

    def __init__(self, bulk: BulkWriter) -> None:
        self._bulk = bulk

    @property
    def held(self) -> int:
        """Postings held for the documents added, a memory gauge."""
        return self._bulk.held

    def add(self, fields: Fields) -> None:
        self._bulk.add_document(**fields)

    def replace(self, fields: Fields) -> None:
        """Add ``fields``, deleting the document with the same unique ``path`` first."""
        self._bulk.update_document(**fields)

    def delete(self, field: str, value: str) -> None:
        self._bulk.delete_by_term(field, value)

    def add_segments(self, segments: Sequence[Segment], rewrite: bool) -> None:
        """Segments another writer finished (``finish_segment``), their files already in
        the index's folder: with ``rewrite`` copied into this writer's own segment (a
        small add then searches as one made inline), else listed as they are."""
        bulk = self._bulk
        if rewrite:
            for segment in segments:
                reader = SegmentReader(bulk.storage, bulk.schema, segment)
                bulk.add_reader(reader)
                reader.close()
        else:
            bulk.segments.extend(segments)
            bulk._setup_doc_offsets()

    def finish_segment(self) -> Segment:
        """Write the segment out and close without a commit, for ``add_segments``."""
        return self._bulk.finish_segment()

    def commit(self) -> None:
        self._bulk.commit(mergetype=merge_tiers)

    def cancel(self) -> None:
        self._bulk.cancel()


def segment_files_prefix(segment: Segment) -> str:
    """The start of the names of a finished segment's files."""
    return str(segment.segment_id()) + "."


def segment_size(segment: Segment) -> int:
    """Documents in a finished segment (deleted ones included)."""
    return int(segment.doc_count_all())


@dataclass(frozen=True, slots=True)
class Ranked:
    """A query's top documents (docnum, score), how many match in all, the body terms a
    hit may contain (to mark), and corrected queries when nothing matched."""

    top: list[tuple[int, float]]
    total: int
    terms: frozenset[str]
    suggestions: tuple[str, ...] = ()


class Searcher:
    """A view of the index as of one commit; ``up_to_date`` says whether one came since."""

    def __init__(self, whoosh: Any) -> None:
        self._searcher = whoosh
        #: The Whoosh searcher under it, for the engine's tests against stock Whoosh.
        self.whoosh = whoosh

    def up_to_date(self) -> bool:
        return bool(self._searcher.up_to_date())

    def close(self) -> None:
        with contextlib.suppress(ReaderClosed):  # its readers were closed already
            self._searcher.close()

    def doc_count(self) -> int:
        return int(self._searcher.doc_count())

    def all_fields(self) -> Iterator[Fields]:
        """Every live document's stored fields."""
        return iter(self._searcher.all_stored_fields())

    def document(self, **term: str) -> Fields | None:
        """The stored fields of the document with this unique field value, if any."""
        found: Fields | None = self._searcher.document(**term)
        return found

    def stored_fields(self, docnum: int) -> Fields:
        found: Fields = self._searcher.stored_fields(docnum)
        return found

    def ranked(
        self,
        query: str,
        limit: int | None,
        sortedby: str | None,
        reverse: bool,
        texts: Callable[[str], str | None] | None = None,
    ) -> Ranked:
        """``query`` in the query language, ranked by BM25F or sorted by a field; raises
        ``BadQuery`` with one line to show. With ``texts`` (a text by its sha256) and no
        match, corrections from the index's own words."""
        from reader.library.engine.evaluate import ranked  # numpy: loaded at the first search

        searcher = self._searcher
        parsed = parse(searcher.schema, query)
        try:
            parsed = expand(parsed, searcher.reader())
            top, total = ranked(searcher, parsed, limit, sortedby, reverse)
            terms = positive_terms(parsed, searcher.reader(), "body") if query.strip() else set()
        except BadQuery:
            raise
        except Exception as error:  # whoosh raises bare errors for odd queries
            raise BadQuery(f"cannot run the query {query!r}: {error}") from None
        suggestions: tuple[str, ...] = ()
        if not total and query.strip() and texts is not None:
            suggestions = suggest(searcher, parsed, query, texts)
        return Ranked(top, total, frozenset(terms), suggestions)
