"""A leaner Whoosh codec for the library: same file format, cheaper to write and read.

Profiling ``Library.add`` showed most of a commit went to two things per posting:
a column lookup of the document's field length, and zlib on every posting block.
This codec reads each field's lengths once per segment flush, and stores blocks
uncompressed (the format records that per block, so any Whoosh reader reads them,
and queries skip the decompression too).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from operator import itemgetter
from typing import Any

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter

from reader.library.blocks import CompactBlockMatcher, CompactBlockWriter

_Posting = tuple[str, bytes, int, float, "bytes | None"]


class LeanCodec(W3Codec):
    def __init__(self, blocklimit: int = 128, compression: int = 0, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return CompactBlockMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _LeanFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _LeanPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class GroupingPool:
    """A writer's posting pool that groups postings by term as they arrive.

    Whoosh's pool sorts every posting at commit; documents (and merged segments) arrive
    in docnum order, so grouping by term and sorting only the terms gives the same
    stream for a fraction of the work. Set as ``writer.pool`` before adding anything.
    """

    def __init__(self) -> None:
        self._terms: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: _Posting) -> None:
        fieldname, btext, docnum, weight, value = item
        found = self._terms.get((fieldname, btext))
        if found is None:
            self.fieldnames.add(fieldname)
            self._terms[(fieldname, btext)] = [(docnum, weight, value)]
        else:
            found.append((docnum, weight, value))

    def iter_postings(self) -> Iterable[_Posting]:
        terms = self._terms
        for key in sorted(terms):
            fieldname, btext = key
            postings = terms[key]
            if any(a[0] > b[0] for a, b in pairwise(postings)):
                postings.sort(key=itemgetter(0))
            for docnum, weight, value in postings:
                yield fieldname, btext, docnum, weight, value

    def cleanup(self) -> None:
        self._terms.clear()


class _LeanPostingsWriter(CompactBlockWriter, W3PostingsWriter):
    def add_posting(
        self, id_: Any, weight: float, vbytes: bytes, length: int | None = None
    ) -> None:
        """Whoosh's ``add_posting`` without its per-posting type assertions."""
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length


class _LeanFieldWriter(W3FieldWriter):
    def add_postings(self, schema: Any, lengths: Any, items: Iterable[_Posting]) -> None:
        """``FieldWriter.add_postings`` with field lengths fetched once per field."""
        lastfn: str | None = None
        lasttext: bytes | None = None
        field_lengths: Any = None
        postwriter_add = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                field_lengths = _lengths(lengths, fieldname)
                lastfn, lasttext = fieldname, None
            if docnum == -1:  # a spelling-only word: Whoosh writes no posting for it
                continue
            if btext != lasttext:
                if lasttext is not None:
                    if btext < lasttext:
                        raise OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {btext!r}")
                    self.finish_term()
                self.start_term(btext)
                postwriter_add = self._postwriter.add_posting
                lasttext = btext
            assert postwriter_add is not None
            postwriter_add(docnum, weight, value or b"", field_lengths(docnum))
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()


def _lengths(lengths: Any, fieldname: str) -> Any:
    """docnum -> the field's length in that document, memoised for the segment flush."""
    if lengths is None:
        return lambda docnum: 0
    cache: dict[int, int] = {}

    def length(docnum: int) -> int:
        found = cache.get(docnum)
        if found is None:
            found = cache[docnum] = lengths.doc_field_length(docnum, fieldname)
        return found

    return length


#: Segments of a size tier merged together once this many pile up.
MERGE_FACTOR = 4
_TIER_BASE = 500


def merge_tiers(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy: merge a size tier once it holds ``MERGE_FACTOR`` segments.

    Committing every few hundred documents makes a segment each time, and every query
    (most of all prefix and fuzzy ones, which scan each segment's words) pays per segment.
    Whoosh's default policy rarely merges batches of that size; this keeps a 20,000-document
    library to a handful of segments, and each document is rewritten about log4(n) times.
    """
    from whoosh.reading import SegmentReader

    tiers: dict[int, list[Any]] = {}
    for segment in segments:
        tiers.setdefault(_tier(segment.doc_count_all()), []).append(segment)
    fresh = _tier(max(writer.docnum, 1))
    for tier in sorted(tiers):
        group = tiers[tier]
        pending = len(group) + (1 if tier == fresh else 0)
        if pending >= MERGE_FACTOR:
            for segment in group:
                reader = SegmentReader(writer.storage, writer.schema, segment)
                writer.add_reader(reader)
                reader.close()
            return [s for s in segments if s not in group]
    return segments


def _tier(docs: int) -> int:
    tier = 0
    while docs >= _TIER_BASE * MERGE_FACTOR ** (tier + 1):
        tier += 1
    return tier
