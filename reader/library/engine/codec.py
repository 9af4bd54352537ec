"""A leaner Whoosh codec for the library: same file format, much cheaper to write.

Whoosh's writer makes several Python calls per posting (pool, sort, block buffer, length
lookup). Here postings are kept grouped by field and term in compact arrays
(``BulkPool``) and each term's posting list is written a block at a time
(``_LeanFieldWriter.add_grouped``), producing byte for byte the blocks Whoosh's
``W3PostingsWriter`` would (uncompressed: the format records that per block, so any
Whoosh reader reads them, and queries skip the decompression too).
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterable, Iterator
from hashlib import md5
from pickle import dumps
from typing import Any

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from reader.library.engine.blocks import (
    CompactBlockMatcher,
    CompactBlockWriter,
    pack_array,
    pack_values,
    pack_weights,
)

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


class _Term:
    """One term's postings in a segment being written: docnums, weights, values."""

    __slots__ = ("ids", "values", "weights")

    def __init__(self) -> None:
        self.ids = array("I")
        self.weights = array("f")  # Whoosh keeps weights as 32-bit floats too
        self.values: list[bytes] = []


Grouped = tuple[str, bytes, "array[int]", "array[float]", list[bytes]]


class BulkPool:
    """A writer's posting pool holding postings grouped by field and term, in arrays.

    A document's postings for a field arrive together (``add_many``) and a merged
    segment's a block at a time (``extend``), so the writer makes no call per posting;
    Whoosh's own per-posting ``add`` still works for the fields it analyses itself.
    Arrays take about a third of the memory of Whoosh's posting tuples.
    """

    def __init__(self) -> None:
        self._fields: dict[str, dict[bytes, _Term]] = {}
        self.fieldnames: set[str] = set()

    def _terms(self, fieldname: str) -> dict[bytes, _Term]:
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add(self, item: _Posting) -> None:
        fieldname, btext, docnum, weight, value = item
        if docnum == -1:  # a spelling-only word: Whoosh writes no posting for it
            return
        terms = self._terms(fieldname)
        term = terms.get(btext)
        if term is None:
            term = terms[btext] = _Term()
        term.ids.append(docnum)
        term.weights.append(weight)
        term.values.append(value or b"")

    def add_many(
        self, fieldname: str, docnum: int, postings: Iterable[tuple[bytes, int, float, bytes]]
    ) -> None:
        """One document's postings for one field: (term, frequency, weight, value)."""
        terms = self._terms(fieldname)
        get = terms.get
        for btext, _, weight, value in postings:
            term = get(btext)
            if term is None:
                term = terms[btext] = _Term()
            term.ids.append(docnum)
            term.weights.append(weight)
            term.values.append(value)

    def extend(
        self,
        fieldname: str,
        btext: bytes,
        ids: Iterable[int],
        weights: Iterable[float],
        values: Iterable[bytes],
    ) -> None:
        """Postings of one term from a merged segment, in docnum order."""
        terms = self._terms(fieldname)
        term = terms.get(btext)
        if term is None:
            term = terms[btext] = _Term()
        term.ids.extend(ids)
        term.weights.extend(weights)
        term.values.extend(values)

    def grouped(self) -> Iterator[Grouped]:
        """(field, term, docnums, weights, values) in field and term order.

        Docnums are in order already: a writer numbers its documents as they come, and
        ``add_reader`` numbers a merged segment's after those.
        """
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for btext in sorted(terms):
                term = terms[btext]
                yield fieldname, btext, term.ids, term.weights, term.values

    def iter_postings(self) -> Iterator[_Posting]:
        """Whoosh's pool interface, a posting at a time (for Whoosh's own flush)."""
        for fieldname, btext, ids, weights, values in self.grouped():
            for docnum, weight, value in zip(ids, weights, values, strict=True):
                yield fieldname, btext, docnum, weight, value

    def cleanup(self) -> None:
        self._fields.clear()


class _LeanPostingsWriter(CompactBlockWriter, W3PostingsWriter):
    _maxweight: float
    _minlength: int | None
    _maxlength: int

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

    def add_grouped(self, schema: Any, lengths: Any, docs: int, items: Iterable[Grouped]) -> None:
        """Write a pool's postings a whole term at a time (see ``BulkPool.grouped``).

        Terms are added to the term index as ``OrderedHashWriter.add`` does, with the file
        positions counted here rather than asked of the files each time.
        """
        blocklimit = self._codec._blocklimit
        postfile = self._postfile
        offset = postfile.tell()
        tindex = self._tindex
        tfile = tindex.dbfile
        tpos = tfile.tell()
        buckets = tindex.buckets
        positions = tindex.index
        lastkey = tindex.lastkey
        lastfn: str | None = None
        fieldid = b""
        fixedsize: int | None = None
        field_lengths: list[int] | None = None
        posts: list[bytes] = []
        terms: list[bytes] = []
        for fieldname, btext, ids, weights, values in items:
            if fieldname != lastfn:
                if lastfn is not None:
                    self.finish_field()
                fieldobj = schema[fieldname]
                self.start_field(fieldname, fieldobj)
                fieldid = pack_ushort(self._fieldid)
                fixedsize = fieldobj.format.fixed_value_size()
                field_lengths = _field_lengths(lengths, fieldobj, fieldname, docs)
                lastfn = fieldname
            if not ids:
                continue
            data, terminfo = _write_term(
                offset, fixedsize, blocklimit, ids, weights, values, field_lengths
            )
            posts.append(data)
            offset += len(data)
            key = fieldid + btext
            if key <= lastkey:
                raise OutOfOrderError(f"Keys must increase: {lastkey!r}..{key!r}")
            lastkey = key
            positions.append(tpos)
            record = _KEY_VALUE(len(key), len(terminfo)) + key + terminfo
            terms.append(record)
            digest = int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")
            buckets[digest & 255].append((digest, tpos))
            tpos += len(record)
            if len(posts) >= 512:
                postfile.write(b"".join(posts))
                tfile.write(b"".join(terms))
                posts.clear()
                terms.clear()
        postfile.write(b"".join(posts))
        tfile.write(b"".join(terms))
        tindex.lastkey = lastkey
        if lastfn is not None:
            self.finish_field()


def _field_lengths(lengths: Any, fieldobj: Any, fieldname: str, docs: int) -> list[int] | None:
    """Every document's (byte-rounded) length in a scorable field, as Whoosh reads it back."""
    if lengths is None or not fieldobj.scorable:
        return None
    length = lengths.doc_field_length
    return [length(docnum, fieldname) for docnum in range(docs)]


_TERMINFO = W3TermInfo._struct.pack
_KEY_VALUE = struct.Struct("!ii").pack  # a term index record's key and value lengths
#: The pickle protocol of posting blocks (Whoosh's writer uses 2; see ``_write_term``).
PROTOCOL = 3


def _mini_values(fixedsize: int | None, values: list[bytes], count: int) -> Any:
    """A block's values as ``CompactBlockWriter`` stores them: an array of end offsets and
    the values joined when every posting has one, else Whoosh's own way."""
    present = values if all(values) else list(filter(None, values))
    if len(present) == count:
        return pack_values(present)
    if fixedsize is None or fixedsize < 0:
        return tuple(present)
    if fixedsize == 0:
        return None
    return b"".join(present)


def _write_term(
    startoffset: int,
    fixedsize: int | None,
    blocklimit: int,
    ids: array[int],
    weights: array[float],
    values: list[bytes],
    lengths: list[int] | None,
) -> tuple[bytes, bytes]:
    """One term's posting list as ``_LeanPostingsWriter`` lays it out at ``startoffset`` in
    the postings file, and its term info: (posting bytes, term info bytes).

    Blocks are pickled with protocol 3, not 2: Whoosh reads them with ``pickle.loads``,
    and protocol 2 pickles each ``bytes`` through ``codecs.encode``.
    """
    total = len(ids)
    if total == 1:  # most terms: one posting, one block
        return _one_posting(startoffset, fixedsize, ids[0], weights[0], values[0], lengths)
    chunks = [WHOOSH3_HEADER_MAGIC]
    minlength_all: int | None = None
    maxlength_all = 0
    maxweight_all: float = 0
    weight_sum = 0.0
    for start in range(0, total, blocklimit):
        end = start + blocklimit
        if total <= blocklimit:
            bids, bweights, bvalues = ids, weights, values
        else:
            bids, bweights, bvalues = ids[start:end], weights[start:end], values[start:end]
        count = len(bids)
        data = (
            pack_array("I", bids),
            pack_weights(bweights),
            _mini_values(fixedsize, bvalues, count),
        )
        databytes = dumps(data, PROTOCOL)
        maxweight = max(bweights)
        if maxweight < 0:
            maxweight = 0
        if lengths is None:
            minlength = None
            maxlength = 0
        else:
            blengths = [lengths[d] for d in bids]
            maxlength = max(blengths)
            minlength = min(blengths) or (min(filter(None, blengths), default=None))
        infobytes = dumps(
            (count, bids[-1], maxweight, 0, _BYTE[minlength], _BYTE[maxlength]), PROTOCOL
        )
        blocklength = len(infobytes) + len(databytes)
        chunks.append(pack_int(-blocklength if end >= total else blocklength))
        chunks.append(infobytes)
        chunks.append(databytes)
        weight_sum += sum(bweights)
        if minlength_all is None or (minlength is not None and minlength < minlength_all):
            minlength_all = minlength
        if maxlength > maxlength_all:
            maxlength_all = maxlength
        if maxweight > maxweight_all:
            maxweight_all = maxweight
    posted = b"".join(chunks)
    info = _TERMINFO(
        False,
        weight_sum,
        total,
        0 if minlength_all is None else _BYTE[minlength_all],
        _BYTE[maxlength_all],
        maxweight_all,
        ids[0],
        ids[-1],
    )
    return posted, info + pack_long(startoffset) + pack_int(len(posted))


def _one_posting(
    startoffset: int,
    fixedsize: int | None,
    docnum: int,
    weight: float,
    value: bytes,
    lengths: list[int] | None,
) -> tuple[bytes, bytes]:
    """``_write_term`` for a term with a single posting."""
    if value:
        mini_values: Any = (_pack_one(len(value)), value)
    else:
        mini_values = _mini_values(fixedsize, [], 1)
    data = (_pack_one(docnum), None if weight == 1.0 else weight, mini_values)
    databytes = dumps(data, PROTOCOL)
    length = _BYTE[lengths[docnum]] if lengths is not None else 0
    maxweight = weight if weight > 0 else 0
    infobytes = dumps((1, docnum, maxweight, 0, length, length), PROTOCOL)
    posted = b"".join(
        (WHOOSH3_HEADER_MAGIC, pack_int(-len(infobytes) - len(databytes)), infobytes, databytes)
    )
    info = _TERMINFO(False, weight, 1, length, length, maxweight, docnum, docnum)
    return posted, info + pack_long(startoffset) + pack_int(len(posted))


def _pack_one(number: int) -> bytes:
    """``pack_array("I", [number])``."""
    return pack_array("I", (number,))


class _LengthBytes(dict[Any, int]):
    """``length_to_byte``, memoised (lengths repeat a lot)."""

    def __missing__(self, length: int | None) -> int:
        found = self[length] = length_to_byte(length)
        return found


_BYTE = _LengthBytes()


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
    fresh = _tier(writer.docnum) if writer.docnum else None  # the segment this commit adds
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
