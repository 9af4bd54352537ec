"""The index writer ``Library.add`` uses: Whoosh's segment writer with bulk postings.

Whoosh's ``SegmentWriter`` keeps its commit (a new table of contents written atomically,
so a kill or a full disk leaves the last commit readable), deletions and per-document
files; what changes is the postings. Text fields arrive analysed in a worker process
(``PreAnalyzed``) and go into a ``BulkPool`` a document and field at a time; a segment
being merged in streams in a term at a time (never held whole in memory); and the
segment is written a term at a time. That took the writer from most of ``Library.add``'s
time to a small part of it.
"""

from __future__ import annotations

import contextlib
import heapq
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from whoosh import columns
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from reader.library.engine.codec import BulkPool, Grouped, LeanCodec
from reader.library.engine.segments import segment_terms


class PreAnalyzed:
    """A text field analysed ahead: (term bytes, frequency, weight, encoded positions),
    and the field length (the number of words) Whoosh would record."""

    __slots__ = ("length", "postings")

    def __init__(self, postings: list[tuple[bytes, int, float, bytes]], length: int) -> None:
        self.postings = postings
        self.length = length

    def __getstate__(self) -> tuple[list[tuple[bytes, int, float, bytes]], int]:
        return self.postings, self.length

    def __setstate__(self, state: tuple[list[tuple[bytes, int, float, bytes]], int]) -> None:
        self.postings, self.length = state


class BulkWriter(SegmentWriter):
    """A ``SegmentWriter`` that takes ``PreAnalyzed`` field values and writes postings in bulk.

    The schema's fields have no term vectors, separate spelling or per-field boosts given
    with the document; this writer supports none of those.
    """

    def __init__(self, index: Any, **kwargs: Any) -> None:
        # compound=False: Whoosh reads a compound segment by copying it all into memory,
        # which made opening a large library slow
        super().__init__(index, codec=LeanCodec(), compound=False, **kwargs)
        self.pool = BulkPool()
        #: Postings held for the documents added, a memory gauge.
        self.held = 0
        #: Segments being merged in: (reader, first new docnum, docnum map or None).
        self._merging: list[tuple[Any, int, Any]] = []
        self._toc_started = False

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``add_document``, with ``PreAnalyzed`` values added a field at a time."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if isinstance(value, PreAnalyzed):
                    self.pool.add_many(fieldname, docnum, value.postings)
                    self.held += len(value.postings)
                    length = value.length if field.scorable else 0
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        add_post((fieldname, tbytes, docnum, weight, vbytes))
                        self.held += 1
                stored = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
                column = field.column_type
                if column and stored is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(stored))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def write_per_doc(self, fieldnames: set[str], reader: Any) -> dict[int, int] | None:
        """Whoosh's ``write_per_doc`` (a merged segment's stored fields, lengths and
        columns), without asking the file system, per document and field, whether a
        length column exists: only scorable fields have lengths. Fields go in the order
        Whoosh's loop takes them, so the files stay byte for byte Whoosh's."""
        schema = self.schema
        docmap: dict[int, int] | None = {} if reader.has_deletions() else None
        pdw = self.perdocwriter
        cols = {}
        for fieldname in fieldnames:
            coltype = schema[fieldname].column_type
            if coltype and reader.has_column(fieldname):
                creader = reader.column_reader(fieldname, coltype)
                if isinstance(creader, columns.TranslatingColumnReader):
                    creader = creader.raw_column()
                cols[fieldname] = creader
        if any(schema[name].vector for name in fieldnames):  # not this schema's
            return super().write_per_doc(fieldnames, reader)  # type: ignore[no-any-return,unused-ignore]
        length = reader.doc_field_length
        orders: dict[tuple[str, ...], list[tuple[str, Any, bool, Any]]] = {}
        for docnum, stored in reader.iter_docs():
            if docmap is not None:
                docmap[docnum] = self.docnum
            key = tuple(stored)
            order = orders.get(key)
            if order is None:
                names = fieldnames | {s for s in stored if s in schema}
                order = orders[key] = [
                    (name, schema[name], schema[name].scorable, cols.get(name)) for name in names
                ]
            pdw.start_doc(self.docnum)
            for fieldname, fieldobj, scorable, column in order:
                flength = length(docnum, fieldname) if scorable else 0
                pdw.add_field(fieldname, fieldobj, stored.get(fieldname), flength)
                if column is not None:
                    pdw.add_column_value(fieldname, fieldobj.column_type, column[docnum])
            pdw.finish_doc()
            self.docnum += 1
        return docmap

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        """Remember a merged segment; its postings stream into the new one at the flush.

        Whoosh pools every merged posting in memory first, which took a 20,000-document
        merge to gigabytes; here only one term's postings are held at a time.
        """
        # a reader of our own: merge policies close theirs once ``add_reader`` returns
        own = SegmentReader(self.storage, self.schema, reader.segment())
        self._merging.append((own, startdoc, docmap))

    def finish_segment(self) -> Any:
        """Write the segment out and close this writer without a commit: the segment, for
        another writer to add to its index (``reader.library.parallel``)."""
        segment = self._finalize_segment()
        self._finish()
        return segment

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        streams = [self.pool.grouped()]
        streams.extend(
            segment_terms(self.schema, reader, startdoc, docmap)
            for reader, startdoc, docmap in self._merging
        )
        items = streams[0] if len(streams) == 1 else _merged(streams)
        self.fieldwriter.add_grouped(self.schema, lengths, self.docnum, items)
        self.fieldwriter.close()
        lengths.close()

    def _close_segment(self) -> None:
        super()._close_segment()
        self._close_merged()

    def cancel(self) -> None:
        """Whoosh's ``cancel``, and the files of the segment it was writing go too (Whoosh
        leaves them for the next commit to remove)."""
        try:
            super().cancel()
        finally:
            self._close_merged()
            if not self._toc_started:  # else a commit may refer to the segment: keep it
                prefix = self.newsegment.segment_id() + "."
                for name in list(self.storage.list()):
                    if name.startswith(prefix):
                        with contextlib.suppress(OSError):
                            self.storage.delete_file(name)

    def _commit_toc(self, segments: list[Any]) -> None:
        self._toc_started = True
        super()._commit_toc(segments)

    def _close_merged(self) -> None:
        for reader, _, _ in self._merging:
            reader.close()
        self._merging.clear()


def _merged(streams: list[Iterator[Grouped]]) -> Iterator[Grouped]:
    """Term streams in (field, term) order joined into one; a term's postings are
    concatenated in stream order, which is docnum order."""
    current: Grouped | None = None
    for item in heapq.merge(*streams, key=itemgetter(0, 1)):
        if current is not None and item[0] == current[0] and item[1] == current[1]:
            fieldname, btext, ids, weights, values = current
            current = (fieldname, btext, ids + item[2], weights + item[3], values + item[4])
            continue
        if current is not None:
            yield current
        current = item
    if current is not None:
        yield current
