"""Exact phrases matched a posting block at a time, not a posting at a time.

Whoosh checks a phrase with span matchers that make several Python calls per posting
and per position; on a phrase of common words ("may be") that was the slowest query by
far. Here each word's postings are read a block at a time into a dict, the documents
holding every word are found with one set intersection, and only those documents'
positions are decoded and compared. Scores are BM25 with the phrase count as frequency.
"""

from __future__ import annotations

import math
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher, NullMatcher

_K1, _B = 1.2, 0.75


class FastPhrase(wq.Phrase):
    """A ``Phrase`` of adjacent words (no slop) with a block-at-a-time matcher."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        field = self.fieldname
        if field not in reader.schema or len(self.words) < 2:
            return super().matcher(searcher, context)
        words = [reader.schema[field].to_bytes(word) for word in self.words]
        if not all((field, word) in reader for word in words):
            return NullMatcher()
        by_word = [_postings(reader, field, word) for word in words]
        rarest = sorted(by_word, key=len)
        common = set(rarest[0])
        for other in rarest[1:]:
            common.intersection_update(other)
        if not common:
            return NullMatcher()
        deleted = reader.has_deletions()
        counts: dict[int, int] = {}
        for docnum in common:
            if deleted and reader.is_deleted(docnum):
                continue
            starts = set(_positions(by_word[0][docnum]))
            for offset, found in enumerate(by_word[1:], 1):
                later = {p - offset for p in _positions(found[docnum])}
                starts &= later
                if not starts:
                    break
            if starts:
                counts[docnum] = len(starts)
        if not counts:
            return NullMatcher()
        return _scored(reader, field, counts, self.boost)

    def __hash__(self) -> int:  # Phrase defines __eq__; keep queries hashable
        return super().__hash__()


def _postings(reader: Any, field: str, word: bytes) -> dict[int, bytes]:
    """docnum -> encoded positions for one word, read a block at a time when possible."""
    matcher = reader.postings(field, word)
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


def _positions(encoded: bytes) -> list[int]:
    """Whoosh's ``Positions`` encoding: a 4-byte count, then pickled position deltas."""
    return list(accumulate(loads(encoded[4:])))


def _scored(reader: Any, field: str, counts: dict[int, int], boost: float) -> ListMatcher:
    docs = reader.doc_count_all()
    average = (reader.field_length(field) / docs) if docs else 1.0
    idf = math.log(1 + (docs - len(counts) + 0.5) / (len(counts) + 0.5))
    field_boost = reader.schema[field].format.field_boost
    ids = sorted(counts)
    scores = []
    for docnum in ids:
        frequency = counts[docnum] * field_boost
        length = reader.doc_field_length(docnum, field, 1) or 1
        norm = _K1 * (1 - _B + _B * length / (average or 1.0))
        scores.append(boost * idf * frequency * (_K1 + 1) / (frequency + norm))
    return ListMatcher(ids, weights=scores)
