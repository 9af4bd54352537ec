"""Whole queries scored in bulk, a posting block at a time, instead of a posting at a time.

Whoosh runs a query as a tree of matchers that make several Python calls per matching
document; on a 20,000-document library a two-word AND or a prefix touching thousands of
documents took 100-1,000 ms. Here each word's postings are read a block at a time
(document numbers, then frequencies, straight from the block), scored with the same BM25F
formula and the same global statistics as Whoosh, and combined with dict and set
operations: AND intersects, OR adds, NOT subtracts. The result is every match with its
score, so the count is exact and the top hits are a heap selection away.

Query types this module does not know (numeric and date ranges, for instance) fall back
to Whoosh's own matcher for that branch, so every query still works; tests compare the
ranking and counts with Whoosh's on the same library.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher, _lenfield
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from reader.library.phrase import FastPhrase, phrase_counts, phrase_scores

#: segment-local document number -> score
Scores = dict[int, float]

_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]


class Segment:
    """One segment's reader with the statistics scoring needs, read once per searcher."""

    def __init__(self, top: Any, searcher: Any) -> None:
        self.top = top
        self.searcher = searcher
        self.reader = searcher.reader()
        self.deleted: frozenset[int] = frozenset(self.reader._perdoc.deleted_docs())
        self._norms: dict[str, Callable[[int], float]] = {}

    def live(self, scores: Scores) -> Scores:
        if self.deleted:
            for docnum in self.deleted.intersection(scores):
                del scores[docnum]
        return scores

    def all_docs(self, score: float) -> Scores:
        deleted = self.deleted
        return {d: score for d in range(self.reader.doc_count_all()) if d not in deleted}

    def norm(self, field: str, weighting: BM25F) -> Callable[[int], float]:
        """docnum -> BM25's length normaliser ``K1 * (1 - B + B * length / average)``."""
        found = self._norms.get(field)
        if found is None:
            found = self._norms[field] = self._make_norm(field, weighting)
        return found

    def _make_norm(self, field: str, weighting: BM25F) -> Callable[[int], float]:
        k1 = weighting.K1
        b = weighting._field_B.get(field, weighting.B)
        average = self.top.avg_field_length(field) or 1
        by_byte = [
            k1 * ((1 - b) + b * (_BYTE_LENGTHS[n] if n else 1) / average) for n in range(256)
        ]
        lengths = _length_bytes(self.reader, field)
        default = by_byte[0]
        size = len(lengths)
        return lambda docnum: by_byte[lengths[docnum]] if docnum < size else default


def segments(searcher: Any) -> list[tuple[Segment, int]]:
    """(segment, document number offset) for every segment of an open searcher."""
    if searcher.is_atomic():
        return [(Segment(searcher, searcher), 0)]
    return [(Segment(searcher, sub), offset) for sub, offset in searcher.subsearchers]


def evaluate(node: Any, segment: Segment) -> Scores:
    """Every live document of the segment matching ``node``, with Whoosh's BM25F score."""
    return segment.live(_scores(node, segment))


def _scores(node: Any, segment: Segment) -> Scores:
    kind = type(node)
    if kind is wq.Term:
        return _term(node, segment)
    if kind is wq.Or and not node.minmatch and not node.scale:
        return _boosted(_union([_scores(q, segment) for q in node.subqueries]), node.boost)
    if kind is wq.And:
        return _boosted(_intersection(node.subqueries, segment), node.boost)
    if kind is wq.AndNot:
        found = _scores(node.a, segment)
        for docnum in _scores(node.b, segment).keys() & found.keys():
            del found[docnum]
        return found
    if kind is FastPhrase and node.slop == 1 and len(node.words) > 1:
        return _phrase(node, segment)
    if kind is wq.Every:
        return segment.all_docs(node.boost)
    if kind is wq.NullQuery or node is wq.NullQuery:
        return {}
    return _with_whoosh(node, segment)


def _intersection(subqueries: list[Any], segment: Segment) -> Scores:
    positive = [q for q in subqueries if type(q) is not wq.Not]
    negative = [q.query for q in subqueries if type(q) is wq.Not]
    if not positive:  # NOT alone: Whoosh's inverse matcher, every other document
        return _with_whoosh(wq.And(subqueries), segment)
    found = [_scores(q, segment) for q in positive]
    found.sort(key=len)
    result = found[0]
    for other in found[1:]:
        result = {d: s + other[d] for d, s in result.items() if d in other}
        if not result:
            return result
    for query in negative:
        for docnum in _scores(query, segment).keys() & result.keys():
            del result[docnum]
    if negative:  # Whoosh's inverse matcher scores 1 for each NOT it passes
        result = {d: s + len(negative) for d, s in result.items()}
    return result


def _union(parts: list[Scores]) -> Scores:
    if not parts:
        return {}
    parts.sort(key=len, reverse=True)
    result = dict(parts[0])
    get = result.get
    for other in parts[1:]:
        for docnum, score in other.items():
            result[docnum] = get(docnum, 0.0) + score
    return result


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost != 1.0:
        return {d: s * boost for d, s in scores.items()}
    return scores


def _term(node: Any, segment: Segment) -> Scores:
    reader = segment.reader
    field = node.fieldname
    if field not in reader.schema:
        return {}
    word = reader.schema[field].to_bytes(node.text)
    if (field, word) not in reader:
        return {}
    weighting = segment.top.weighting
    fieldtype = reader.schema[field]
    if type(weighting) is not BM25F or not fieldtype.scorable:
        return _with_whoosh(node, segment)
    matcher = reader._terms.matcher(field, word, fieldtype.format)
    if not isinstance(matcher, W3LeafMatcher):
        return _with_whoosh(node, segment)
    idf = segment.top.idf(field, word) * node.boost
    k1 = weighting.K1 + 1
    norm = segment.norm(field, weighting)
    scores: Scores = {}
    for ids, weights in _blocks(matcher):
        scores.update(
            (d, idf * ((w * k1) / (w + norm(d)))) for d, w in zip(ids, weights, strict=True)
        )
    return scores


def _blocks(matcher: W3LeafMatcher) -> Any:
    """(document numbers, frequencies) per posting block."""
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        yield matcher._ids, matcher._weights
        matcher._next_block()


def _phrase(node: FastPhrase, segment: Segment) -> Scores:
    counts = phrase_counts(segment.reader, node.fieldname, node.words, segment.deleted)
    if not counts:
        return {}
    return phrase_scores(segment.reader, node.fieldname, counts, node.boost)


def _with_whoosh(node: Any, segment: Segment) -> Scores:
    """Whoosh's own matcher for a branch this module does not score itself."""
    scored = node.matcher(segment.searcher)
    found: Scores = {}
    while scored.is_active():
        found[scored.id()] = scored.score()
        scored.next()
    return found


def _length_bytes(reader: Any, field: str) -> bytes:
    """The segment's per-document length bytes for ``field``, read in one go."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    perdoc = reader._perdoc
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None:
        return b""
    return column._dbfile.get(column._basepos, column._count)


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
        total += len(found)
        if sort_field is None:
            items = [(score, -docnum) for docnum, score in found.items()]
            best = items if limit is None else heapq.nlargest(limit, items)
            chosen.extend((offset - negated, score) for score, negated in best)
        else:
            column = _column(segment.reader, sort_field)
            keyed = [(column(docnum), offset + docnum) for docnum in sorted(found)]
            chosen.extend((docnum, key) for key, docnum in keyed)
    if sort_field is None:
        chosen.sort(key=lambda item: (-item[1], item[0]))
    else:
        chosen.sort(key=lambda item: item[0])
        chosen.sort(key=lambda item: item[1], reverse=reverse)  # stable: ties stay in order
        chosen = [(docnum, 0.0) for docnum, _ in chosen]
    return (chosen if limit is None else chosen[:limit]), total


def _column(reader: Any, field: str) -> Callable[[int], Any]:
    if not reader.has_column(field):
        return lambda docnum: 0
    column = reader.column_reader(field)
    return column.__getitem__
