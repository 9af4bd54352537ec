"""Exact match counts for one-word queries without scoring every match.

Ranking the top ten can skip posting blocks that cannot beat them (Whoosh's block-max
optimisation), but then Whoosh's own count re-runs the query. For the commonest query,
one word (searched in titles and bodies), the count is the size of the union of the
word's document lists, read a block at a time.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher


def one_word(parsed: Any) -> bool:
    """A word, or the same search spread over fields: ``Or`` of plain terms."""
    if type(parsed) is wq.Term:
        return True
    return type(parsed) is wq.Or and all(type(c) is wq.Term for c in parsed.subqueries)


def count(searcher: Any, parsed: Any) -> int:
    """How many live documents hold any of the terms of a ``one_word`` query."""
    leaves = [parsed] if type(parsed) is wq.Term else list(parsed.subqueries)
    subsearchers = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
    total = 0
    for subsearcher, _ in subsearchers:
        reader = subsearcher.reader()
        docs: set[int] = set()
        for leaf in leaves:
            field = leaf.fieldname
            if field not in reader.schema:
                continue
            word = reader.schema[field].to_bytes(leaf.text)
            if (field, word) in reader:
                docs.update(_ids(reader.postings(field, word)))
        if reader.has_deletions():
            docs = {doc for doc in docs if not reader.is_deleted(doc)}
        total += len(docs)
    return total


def _ids(matcher: Any) -> list[int]:
    found: list[int] = []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            found.extend(matcher._ids)
            matcher._next_block()
        return found
    while matcher.is_active():
        found.append(matcher.id())
        matcher.next()
    return found
