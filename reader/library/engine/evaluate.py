"""Whole queries scored in bulk with array operations, instead of a posting at a time.

Whoosh runs a query as a tree of matchers that make several Python calls per matching
document; on a 20,000-document library a two-word AND took ~150 ms, a prefix ~500 ms
and a phrase of common words ("may be") ~250 ms. Here each node of the query becomes,
per segment, a mask of matching documents and an array of scores: a word's postings are
read a block at a time straight into arrays (``reader.library.blocks``) and scored with
the same BM25F formula and global statistics as Whoosh; AND multiplies masks, OR adds
scores, NOT clears; a phrase is one sorted-array intersection of (document, position)
keys. The count is exact and the top hits are one partial sort away.

Query types this module does not know (numeric and date ranges, for instance) fall back
to Whoosh's own matcher for that branch, so every query still works. Tests compare the
ranking, scores and counts with Whoosh's on a library with several segments and deletions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from reader.library.engine.blocks import block_arrays
from reader.library.engine.internals import length_column_name
from reader.library.engine.phrase import FastPhrase, phrase_counts, phrase_scorer
from reader.library.engine.positions import ArrayPositions

_BYTE_LENGTHS = np.array([byte_to_length(b) if b else 1 for b in range(256)], dtype=np.float64)


class Match:
    """Which documents of a segment match, and with what score (0 where they do not)."""

    __slots__ = ("mask", "scores")

    def __init__(self, mask: np.ndarray, scores: np.ndarray) -> None:
        self.mask = mask
        self.scores = scores


class Segment:
    """One segment's reader with the statistics scoring needs."""

    def __init__(self, top: Any, searcher: Any) -> None:
        self.top = top
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        deleted = list(self.reader._perdoc.deleted_docs())
        if deleted:
            self.live[np.array(deleted, dtype=np.int64)] = False
        self._lengths: dict[str, np.ndarray] = {}

    def nothing(self) -> Match:
        return Match(np.zeros(self.size, dtype=bool), np.zeros(self.size))

    def lengths(self, field: str) -> np.ndarray:
        """Each document's length in ``field`` (1 where unknown), as Whoosh's scorer sees it."""
        found = self._lengths.get(field)
        if found is None:
            codes = np.zeros(self.size, dtype=np.uint8)
            stored = _length_bytes(self.reader, field)[: self.size]
            codes[: len(stored)] = np.frombuffer(stored, dtype=np.uint8)
            found = self._lengths[field] = _BYTE_LENGTHS[codes]
        return found


def segments(searcher: Any) -> list[tuple[Segment, int]]:
    """(segment, document number offset) for every segment of an open searcher."""
    if searcher.is_atomic():
        return [(Segment(searcher, searcher), 0)]
    return [(Segment(searcher, sub), offset) for sub, offset in searcher.subsearchers]


def evaluate(node: Any, segment: Segment) -> Match:
    """The segment's live documents matching ``node``, with Whoosh's BM25F scores."""
    found = _match(node, segment)
    mask = found.mask & segment.live
    return Match(mask, np.where(mask, found.scores, 0.0))


def ranked(
    searcher: Any, node: Any, limit: int | None, sort_field: str | None, reverse: bool
) -> tuple[list[tuple[int, float]], int]:
    """The top ``limit`` matches (all if None) as (document number, score), and the count.

    By score (ties: the earlier document first, as Whoosh does) when ``sort_field`` is None,
    else by that column's value (ties: the earlier document first either way round).
    """
    chosen: list[tuple[int, float]] = []
    total = 0
    for segment, offset in segments(searcher):
        found = evaluate(node, segment)
        docs = np.flatnonzero(found.mask)
        total += len(docs)
        if sort_field is None:
            scores = found.scores[docs]
            if limit is not None and len(docs) > limit:
                keep = np.argpartition(-scores, limit - 1)[:limit]
                threshold = scores[keep].min()
                keep = np.flatnonzero(scores >= threshold)  # every tie at the cut stays
                docs, scores = docs[keep], scores[keep]
            chosen.extend(zip((docs + offset).tolist(), scores.tolist(), strict=True))
        else:
            column = _column(segment.reader, sort_field)
            chosen.extend((offset + docnum, column(docnum)) for docnum in docs.tolist())
    if sort_field is None:
        chosen.sort(key=lambda item: (-item[1], item[0]))
    else:
        chosen.sort(key=lambda item: item[1], reverse=reverse)  # stable: ties stay in order
        chosen = [(docnum, 0.0) for docnum, _ in chosen]
    return (chosen if limit is None else chosen[:limit]), total


# -- the query tree ---------------------------------------------------------------------------


def _match(node: Any, segment: Segment) -> Match:
    kind = type(node)
    if kind is wq.Term:
        return _term(node, segment)
    if kind is wq.Or and not node.minmatch and not node.scale:
        return _boosted(_union([_match(q, segment) for q in node.subqueries], segment), node)
    if kind is wq.And:
        return _boosted(_intersection(node.subqueries, segment), node)
    if kind is wq.AndNot:
        found = _match(node.a, segment)
        found.mask &= ~_match(node.b, segment).mask
        return found
    if kind is FastPhrase and node.slop == 1 and len(node.words) > 1:
        return _phrase(node, segment)
    if kind is wq.Every:
        return Match(segment.live.copy(), np.full(segment.size, float(node.boost)))
    if kind is wq.NullQuery or node is wq.NullQuery:
        return segment.nothing()
    return _with_whoosh(node, segment)


def _intersection(subqueries: list[Any], segment: Segment) -> Match:
    positive = [q for q in subqueries if type(q) is not wq.Not]
    negative = [q.query for q in subqueries if type(q) is wq.Not]
    if not positive:  # NOT alone: Whoosh's inverse matcher, every other document
        return _with_whoosh(wq.And(subqueries), segment)
    parts = [_match(q, segment) for q in positive]
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        mask &= part.mask
    for query in negative:
        mask &= ~_match(query, segment).mask
    scores = np.sum([part.scores for part in parts], axis=0) if len(parts) > 1 else parts[0].scores
    if negative:  # Whoosh's inverse matcher scores 1 for each NOT it passes
        scores = scores + len(negative)
    return Match(mask, np.where(mask, scores, 0.0))


def _union(parts: list[Match], segment: Segment) -> Match:
    if not parts:
        return segment.nothing()
    mask = parts[0].mask.copy()
    scores = parts[0].scores.copy()
    for part in parts[1:]:
        mask |= part.mask
        scores += part.scores
    return Match(mask, scores)


def _boosted(found: Match, node: Any) -> Match:
    if node.boost != 1.0:
        found.scores = found.scores * node.boost
    return found


def _term(node: Any, segment: Segment) -> Match:
    reader = segment.reader
    field = node.fieldname
    if field not in reader.schema:
        return segment.nothing()
    fieldtype = reader.schema[field]
    word = fieldtype.to_bytes(node.text)
    if (field, word) not in reader:
        return segment.nothing()
    weighting = segment.top.weighting
    if type(weighting) is not BM25F or not fieldtype.scorable:
        return _with_whoosh(node, segment)
    matcher = reader._terms.matcher(field, word, fieldtype.format)
    if not isinstance(matcher, W3LeafMatcher):  # a word in one document: inlined postings
        return _with_whoosh(node, segment)
    ids, weights = _postings(matcher)
    k1 = weighting.K1
    b = weighting._field_B.get(field, weighting.B)
    average = segment.top.avg_field_length(field) or 1
    norms = k1 * ((1 - b) + b * segment.lengths(field)[ids] / average)
    idf = segment.top.idf(field, word)
    found = segment.nothing()
    found.mask[ids] = True
    found.scores[ids] = idf * ((weights * (k1 + 1)) / (weights + norms)) * node.boost
    return found


def _postings(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """All document numbers and frequencies of one word in one segment."""
    ids, weights = [], []
    while matcher.is_active():
        block_ids, block_weights, _, _ = block_arrays(matcher, values=False)
        ids.append(block_ids)
        weights.append(block_weights)
        matcher._next_block()
    return np.concatenate(ids).astype(np.int64), np.concatenate(weights).astype(np.float64)


def _phrase(node: FastPhrase, segment: Segment) -> Match:
    reader = segment.reader
    field = node.fieldname
    if field not in reader.schema:
        return segment.nothing()
    fieldtype = reader.schema[field]
    if isinstance(fieldtype.format, ArrayPositions):
        docs, counts = _phrase_counts(reader, field, node.words)
    else:  # a library from before the array encoding
        found = phrase_counts(reader, field, node.words)
        docs = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
        counts = np.fromiter(found.values(), dtype=np.float64, count=len(found))
    result = segment.nothing()
    if not len(docs):
        return result
    matched = int(np.count_nonzero(segment.live[docs]))
    score = phrase_scorer(reader, field, matched, node.boost)
    result.mask[docs] = True
    result.scores[docs] = score(counts, segment.lengths(field)[docs])
    return result


def _phrase_counts(reader: Any, field: str, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(documents, how often the words occur there in this order).

    Each occurrence is a key ``document << 32 | position``, shifted back by the word's
    place in the phrase; the rarest word's keys are looked up in each other word's sorted
    keys, read only from the blocks holding a document still in the running.
    """
    fieldtype = reader.schema[field]
    encoded = [(place, fieldtype.to_bytes(text)) for place, text in enumerate(words)]
    if not all((field, word) in reader for _, word in encoded):
        return np.zeros(0, np.int64), np.zeros(0)
    encoded.sort(key=lambda item: reader.doc_frequency(field, item[1]))
    starts: np.ndarray | None = None
    for place, word in encoded:
        wanted = None if starts is None else np.unique(starts >> 32)
        keys = _position_keys(reader, field, word, wanted) - place
        if starts is None:
            starts = keys
        elif len(keys):
            at = np.searchsorted(keys, starts)
            at[at == len(keys)] = 0
            starts = starts[keys[at] == starts]
        else:
            starts = keys
        if not len(starts):
            return np.zeros(0, np.int64), np.zeros(0)
    assert starts is not None
    docs, counts = np.unique(starts >> 32, return_counts=True)
    return docs, counts.astype(np.float64)


def _position_keys(reader: Any, field: str, word: bytes, wanted: np.ndarray | None) -> np.ndarray:
    """``document << 32 | position`` for each occurrence of a word, ascending; only from
    blocks that hold one of the ``wanted`` documents (sorted) when that is given."""
    matcher = reader._terms.matcher(field, word, reader.schema[field].format)
    keys = []
    if not isinstance(matcher, W3LeafMatcher):  # inlined: one posting
        while matcher.is_active():
            positions = np.frombuffer(matcher.value(), dtype="<u4").astype(np.int64)
            keys.append((matcher.id() << 32) | positions)
            matcher.next()
    lowest = 0
    while isinstance(matcher, W3LeafMatcher) and matcher.is_active():
        highest = matcher._maxid
        if wanted is not None:
            at = int(np.searchsorted(wanted, lowest))
            if at == len(wanted) or wanted[at] > highest:
                lowest = highest + 1
                matcher._next_block()
                continue
        ids, _, ends, blob = block_arrays(matcher, values=True)
        assert ends is not None and blob is not None
        per_doc = np.empty_like(ends)
        per_doc[0] = ends[0]
        np.subtract(ends[1:], ends[:-1], out=per_doc[1:])
        positions = np.frombuffer(blob, dtype="<u4").astype(np.int64)
        docs = np.repeat(ids.astype(np.int64), per_doc >> 2)
        keys.append((docs << 32) | positions)
        lowest = highest + 1
        matcher._next_block()
    return np.concatenate(keys) if keys else np.zeros(0, np.int64)


def _with_whoosh(node: Any, segment: Segment) -> Match:
    """Whoosh's own matcher for a branch this module does not score itself."""
    found = segment.nothing()
    matcher = node.matcher(segment.searcher)
    ids, scores = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        scores.append(matcher.score())
        matcher.next()
    if ids:
        where = np.array(ids, dtype=np.int64)
        found.mask[where] = True
        found.scores[where] = scores
    return found


def _length_bytes(reader: Any, field: str) -> bytes:
    """The segment's per-document length bytes for ``field``, read in one go."""
    column = reader._perdoc._cached_reader(length_column_name(field), LENGTHS_COLUMN)
    if column is None:
        return b""
    return column._dbfile.get(column._basepos, column._count)


def _column(reader: Any, field: str) -> Callable[[int], Any]:
    if not reader.has_column(field):
        return lambda docnum: 0
    column = reader.column_reader(field)
    return column.__getitem__
