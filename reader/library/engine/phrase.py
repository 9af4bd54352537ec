"""Exact phrases matched a posting block at a time, not a posting at a time.

Whoosh checks a phrase with span matchers that make several Python calls per posting
and per position; on a phrase of common words ("may be") that was the slowest query by
far. Here each word's postings are read a block at a time into a dict, the documents
holding every word are found with one set intersection, and only those documents'
positions are decoded and compared. Scores are BM25 with the phrase count as frequency.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import repeat
from operator import sub
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher, NullMatcher

from reader.library.engine.positions import positions_reader

_K1, _B = 1.2, 0.75


class FastPhrase(wq.Phrase):
    """A ``Phrase`` of adjacent words (no slop) with a block-at-a-time matcher."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        field = self.fieldname
        if field not in reader.schema or len(self.words) < 2:
            return super().matcher(searcher, context)
        deleted = frozenset(reader._perdoc.deleted_docs()) if reader.has_deletions() else ()
        counts = phrase_counts(reader, field, self.words, deleted)
        if not counts:
            return NullMatcher()
        scores = phrase_scores(reader, field, counts, self.boost)
        ids = sorted(scores)
        return ListMatcher(ids, weights=[scores[docnum] for docnum in ids])

    def __hash__(self) -> int:  # Phrase defines __eq__; keep queries hashable
        return super().__hash__()


def phrase_counts(reader: Any, field: str, words: list[str], deleted: Any = ()) -> dict[int, int]:
    """docnum -> how often the words occur in this order, for one segment's live documents."""
    encoded = [reader.schema[field].to_bytes(word) for word in words]
    if not all((field, word) in reader for word in encoded):
        return {}
    by_word = [_postings(reader, field, word) for word in encoded]
    rarest = sorted(by_word, key=len)
    common = set(rarest[0])
    for other in rarest[1:]:
        common.intersection_update(other)
    common.difference_update(deleted)
    positions = positions_reader(reader.schema[field].format)
    first, later = by_word[0], list(enumerate(by_word[1:], 1))
    counts: dict[int, int] = {}
    for docnum in common:
        starts = set(positions(first[docnum]))
        for offset, found in later:
            starts.intersection_update(map(sub, positions(found[docnum]), repeat(offset)))
            if not starts:
                break
        if starts:
            counts[docnum] = len(starts)
    return counts


def _postings(reader: Any, field: str, word: bytes) -> dict[int, bytes]:
    """docnum -> encoded positions for one word, read a block at a time when possible."""
    matcher = reader._terms.matcher(field, word, reader.schema[field].format)
    found: dict[int, bytes] = {}
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_values()
            found.update(zip(matcher._ids, matcher._values, strict=False))
            matcher._next_block()
        return found
    while matcher.is_active():
        found[matcher.id()] = matcher.value()
        matcher.next()
    return found


def phrase_scores(
    reader: Any, field: str, counts: dict[int, int], boost: float
) -> dict[int, float]:
    """Documents with their phrase counts -> BM25 scores (the segment's own statistics)."""
    score = phrase_scorer(reader, field, len(counts), boost)
    return {
        docnum: score(count, reader.doc_field_length(docnum, field, 1) or 1)
        for docnum, count in counts.items()
    }


def phrase_scorer(reader: Any, field: str, matched: int, boost: float) -> Callable[[Any, Any], Any]:
    """(phrase count, field length) -> BM25 score, with the phrase count as the frequency and
    the segment's statistics; works on numbers and on numpy arrays alike."""
    docs = reader.doc_count_all()
    average = ((reader.field_length(field) / docs) if docs else 1.0) or 1.0
    idf = math.log(1 + (docs - matched + 0.5) / (matched + 0.5))
    field_boost = reader.schema[field].format.field_boost

    def score(count: Any, length: Any) -> Any:
        frequency = count * field_boost
        norm = _K1 * (1 - _B + _B * length / average)
        return boost * idf * frequency * (_K1 + 1) / (frequency + norm)

    return score
