"""Reading a whole segment's postings in term order, fast, for merging it into another.

Whoosh reads a term's postings by looking the term up in the hash file (an md5, a
bucket probe, several small reads) and building a matcher; merging a segment that way
cost about ten times as much as writing it. Here the term file's records are read in
one pass, in the order they are stored (field, then term), and each term's posting
bytes are decoded directly from the array layout ``reader.library.blocks`` writes.
Anything else (Whoosh's own block layout, compressed or inlined postings) is read
through Whoosh's matcher for that term, so any segment still merges correctly.
"""

from __future__ import annotations

import io
import struct
from array import array
from collections.abc import Iterator
from pickle import load
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo

from reader.library.engine.blocks import _unpack

#: (field, term, docnums, weights, values): one term's postings, as ``BulkPool.grouped``.
Grouped = tuple[str, bytes, "array[int]", "array[float]", list[bytes]]

_LENGTHS = struct.Struct("!ii").unpack_from
_INT = struct.Struct("!i").unpack_from
_TERMINFO = W3TermInfo._struct
_POINTER = struct.Struct("!qi").unpack_from  # W3TermInfo's (offset, length) after the stats


def segment_terms(schema: Any, reader: Any, startdoc: int, docmap: Any) -> Iterator[Grouped]:
    """A segment's postings a term at a time, in field and term order, renumbered for the
    segment being written (``startdoc +`` docnum, or through ``docmap`` when the segment
    has deletions: deleted documents' postings are dropped)."""
    terms = reader._terms
    tindex = terms._tindex
    fieldmap: dict[str, int] = terms._fieldmap
    unmap = terms._fieldunmap
    if [unmap[n] for n in sorted(fieldmap.values())] != sorted(fieldmap):
        yield from _slow_terms(schema, reader, startdoc, docmap)  # field ids not in name order
        return
    records = tindex.dbfile.get(tindex.startofdata, tindex.endofdata - tindex.startofdata)
    postfile = terms._postfile
    pos, end = 0, len(records)
    fieldid = -1
    fieldname = ""
    fmt: Any = None
    wanted = False
    while pos < end:
        keylen, datalen = _LENGTHS(records, pos)
        keypos = pos + 8
        datapos = keypos + keylen
        pos = datapos + datalen
        fid = records[keypos] << 8 | records[keypos + 1]
        if fid != fieldid:
            fieldid = fid
            fieldname = unmap[fid]
            wanted = fieldname in schema
            fmt = schema[fieldname].format if wanted else None
        if not wanted:
            continue
        btext = records[keypos + 2 : datapos]
        flags = records[datapos]
        found = None
        if not flags:
            offset, length = _POINTER(records, datapos + _TERMINFO.size)
            found = _decode(postfile.get(offset, length))
        if found is None:  # inlined, or not the array layout: Whoosh reads it
            ids, weights, values = _matcher_postings(terms.matcher(fieldname, btext, fmt))
        else:
            ids, weights, values = found
        if docmap is not None:
            kept = [i for i, d in enumerate(ids) if d in docmap]
            if len(kept) < len(ids):
                weights = array("f", [weights[i] for i in kept])
                values = [values[i] for i in kept]
            ids = array("I", [docmap[ids[i]] for i in kept])
        elif startdoc:
            ids = array("I", [startdoc + d for d in ids])
        if ids:
            yield fieldname, btext, ids, weights, values


def _decode(data: bytes) -> tuple[array[int], array[float], list[bytes]] | None:
    """A term's posting list in the array layout -> (docnums, weights, values); None when a
    block is in another layout or compressed."""
    if data[:4] != WHOOSH3_HEADER_MAGIC:
        return None
    stream = io.BytesIO(data)
    pos = 4
    ids: array[int] = array("I")
    weights: array[float] = array("f")
    values: list[bytes] = []
    while True:
        (length,) = _INT(data, pos)
        stream.seek(pos + 4)
        info = load(stream)
        count, compression = info[0], info[3]
        if compression:
            return None
        ids_part, weights_part, values_part = load(stream)
        if not isinstance(ids_part, bytes):
            return None
        ids.extend(_unpack("I", ids_part))
        if weights_part is None:
            weights.extend([1.0] * count)
        elif isinstance(weights_part, float):
            weights.extend([weights_part] * count)
        else:
            weights.extend(_unpack("f", weights_part))
        if values_part is None:
            values.extend([b""] * count)
        elif isinstance(values_part, tuple) and len(values_part) == 2:
            ends = _unpack("I", values_part[0])
            blob = values_part[1]
            start = 0
            for stop in ends:
                values.append(blob[start:stop])
                start = stop
        else:
            return None
        if length < 0:
            return ids, weights, values
        pos += 4 + length


def _matcher_postings(matcher: Any) -> tuple[array[int], array[float], list[bytes]]:
    ids: array[int] = array("I")
    weights: array[float] = array("f")
    values: list[bytes] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value() or b"")
        matcher.next()
    return ids, weights, values


def _slow_terms(schema: Any, reader: Any, startdoc: int, docmap: Any) -> Iterator[Grouped]:
    """``segment_terms`` through Whoosh's term lookups and matchers."""
    terms = reader._terms
    for fieldname in sorted(reader.indexed_field_names()):
        if fieldname not in schema:
            continue
        fmt = schema[fieldname].format
        for btext in reader.lexicon(fieldname):
            ids, weights, values = _matcher_postings(terms.matcher(fieldname, btext, fmt))
            if docmap is not None:
                kept = [i for i, d in enumerate(ids) if d in docmap]
                weights = array("f", [weights[i] for i in kept])
                values = [values[i] for i in kept]
                ids = array("I", [docmap[ids[i]] for i in kept])
            else:
                ids = array("I", [startdoc + d for d in ids])
            if ids:
                yield fieldname, btext, ids, weights, values
