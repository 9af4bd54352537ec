"""The index writer ``Library.add`` uses: Whoosh's segment writer with bulk postings.

Whoosh's ``SegmentWriter`` keeps its commit (a new table of contents written atomically,
so a kill or a full disk leaves the last commit readable), deletions and per-document
files; what changes is the postings. Text fields arrive analysed in a worker process
(``PreAnalyzed``) and go into a ``BulkPool`` a document and field at a time; a segment
being merged in is read a posting block at a time; and the segment is written a term at
a time. That took the writer from most of ``Library.add``'s time to a small part of it.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.writing import SegmentWriter

from reader.library.codec import BulkPool, LeanCodec


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
        #: Postings held for the segment being written (new and merged), a memory gauge.
        self.held = 0

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

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        """A merged segment's postings, a block at a time, renumbered; deleted ones dropped."""
        schema = self.schema
        pool = self.pool
        terms = reader._terms
        lastfn = None
        fmt: Any = None
        fixedsize: int | None = None
        for fieldname, btext in reader.all_terms():
            if fieldname not in schema:
                continue
            if fieldname != lastfn:
                fmt = schema[fieldname].format
                fixedsize = fmt.fixed_value_size()
                lastfn = fieldname
            matcher = terms.matcher(fieldname, btext, fmt)
            for ids, weights, values in _blocks(matcher, fixedsize):
                if docmap is not None:
                    kept = [i for i, d in enumerate(ids) if d in docmap]
                    if len(kept) < len(ids):
                        weights = [weights[i] for i in kept]
                        values = [values[i] for i in kept]
                    ids = [docmap[ids[i]] for i in kept]
                else:
                    ids = [startdoc + d for d in ids]
                if ids:
                    pool.extend(fieldname, btext, ids, weights, values)
                    self.held += len(ids)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        self.fieldwriter.add_grouped(self.schema, lengths, self.docnum, self.pool.grouped())
        self.fieldwriter.close()
        lengths.close()


def _blocks(matcher: Any, fixedsize: int | None) -> Any:
    """(docnums, weights, values) of a term's postings, a block at a time when possible."""
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids = matcher._ids
            if fixedsize == 0:  # the format keeps no values
                values: Any = [b""] * len(ids)
            else:
                matcher._read_values()
                values = matcher._values
            yield ids, matcher._weights, values
            matcher._next_block()
        return
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value() or b"")
        matcher.next()
    yield ids, weights, values
