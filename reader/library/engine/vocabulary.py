"""The words of a searcher's index, grouped by first letter, for fast fuzzy expansion.

Whoosh expands ``vacine~`` by walking each segment's term table with a Levenshtein
automaton, a few Python calls per step; on a large library that made fuzzy queries the
slowest kind. The words are read once per searcher (the library reuses one until the
next write) and a fuzzy word is compared only with words of its first letter and a
near length.
"""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_CACHE: dict[int, tuple[Any, dict[str, dict[str, list[str]]]]] = {}


def near_words(reader: Any, field: str, word: str, maxdist: int, prefix: int) -> list[str]:
    """Index words in ``field`` within ``maxdist`` edits of ``word``, sharing ``prefix``
    leading letters (at least the first)."""
    if not word:
        return []
    words = _vocabulary(reader, field).get(word[0], [])
    start = word[: max(prefix, 1)]
    low, high = len(word) - maxdist, len(word) + maxdist
    return [
        w
        for w in words
        if low <= len(w) <= high and w.startswith(start) and _within(w, word, maxdist)
    ]


def _vocabulary(reader: Any, field: str) -> dict[str, list[str]]:
    with _LOCK:
        found = _CACHE.get(id(reader))
        if found is None or found[0] is not reader:
            _CACHE.clear()  # one reader at a time: the library's current searcher
            found = _CACHE[id(reader)] = (reader, {})
        fields = found[1]
        if field not in fields:
            grouped: dict[str, list[str]] = {}
            for term in reader.lexicon(field):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                grouped.setdefault(text[:1], []).append(text)
            fields[field] = grouped
        return fields[field]


def _within(a: str, b: str, maxdist: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` is at most ``maxdist``.

    The shared start and end hold no edit, so they are cut off first; what is left of two
    near words is a letter or two, compared with the banded table only if still needed.
    """
    shorter = min(len(a), len(b))
    start = 0
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if max(len(a), len(b)) <= maxdist:
        return True
    if abs(len(a) - len(b)) > maxdist or maxdist == 1:
        return False  # one edit cannot differ at both ends of two letters or more
    return _table_within(a, b, maxdist)


def _table_within(a: str, b: str, maxdist: int) -> bool:
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        best = i
        for j, other in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            current.append(value)
            best = min(best, value)
        if best > maxdist:
            return False
        previous = current
    return previous[-1] <= maxdist
