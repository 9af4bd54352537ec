"""Words, stems and postings, as Whoosh's ``StemmingAnalyzer`` makes them, only faster.

Whoosh's own analysis runs one Python generator step per word and filter, which made it
the slowest part of adding a document. Here a text is tokenised with one regex pass and
a stem cache, into exactly the postings ``StemmingAnalyzer`` + ``Positions`` (or
``ArrayPositions``) would give; tests/test_search_indexing.py checks that.
"""

from __future__ import annotations

import re
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.lang.porter import stem
from whoosh.system import pack_uint

from reader.library.engine.positions import encode_positions
from reader.library.engine.writer import PreAnalyzed

#: Whoosh's default tokeniser pattern (``[\w\*]+(\.?[\w\*]+)*``) without the capture group.
WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
_STEM_CACHE_LIMIT = 200_000

#: The same pattern over ASCII bytes (where ``\w`` means the same), for the fast path.
_ASCII_WORD = re.compile(rb"[\w\*]+(?:\.?[\w\*]+)*")


class _StemCache(dict[str, str]):
    """Lower-cased word -> its stem, computed on first sight."""

    def __missing__(self, word: str) -> str:
        stemmed = self[word] = stem(word)
        return stemmed


class _TermCache(dict[Any, bytes]):
    """Lower-cased word (str, or ASCII bytes) -> its index term as UTF-8 bytes."""

    def __missing__(self, word: str | bytes) -> bytes:
        text = word.decode("ascii") if isinstance(word, bytes) else word
        term = self[word] = stem_word(text).encode("utf-8")
        return term


class _OnePosition(dict[int, bytes]):
    """Position -> the ``Positions`` encoding of a term seen once, there."""

    def __missing__(self, pos: int) -> bytes:
        encoded = self[pos] = _ONE + dumps([pos], 2)
        return encoded


class _OneArrayPosition(dict[int, bytes]):
    """Position -> the ``ArrayPositions`` encoding of a term seen once, there."""

    def __missing__(self, pos: int) -> bytes:
        encoded = self[pos] = encode_positions([pos])
        return encoded


_ONE = pack_uint(1)
_STEMS = _StemCache()
_TERMS = _TermCache()
_ONE_POSITION = _OnePosition()
_ONE_ARRAY_POSITION = _OneArrayPosition()


def stem_word(lowered: str) -> str:
    """The index form of one lower-cased word, cached."""
    if len(_STEMS) > _STEM_CACHE_LIMIT:
        _STEMS.clear()
    return _STEMS[lowered]


def _terms_of(text: str) -> list[bytes]:
    """The index terms of ``text``, in order, as UTF-8 bytes."""
    if len(_TERMS) > _STEM_CACHE_LIMIT:
        _TERMS.clear()
    if text.isascii() or _lowers_in_place(text):
        # no non-ASCII word characters: words are the ASCII ones in the UTF-8 bytes
        words: list[Any] = _ASCII_WORD.findall(text.lower().encode("utf-8"))
    else:
        words = [word.lower() for word in WORD.findall(text)]
    return list(map(_TERMS.__getitem__, words))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_CHAR = re.compile(r"[\w\*]")


def _lowers_in_place(text: str) -> bool:
    """Whether ``text``'s only non-ASCII characters (typically quotes and dashes) are not
    word characters and have no lower case: lower-casing it first then cannot move a word
    boundary, and its words are ASCII. Most English text is like that."""
    return not any(
        _WORD_CHAR.match(char) or char.lower() != char for char in set(_NON_ASCII.findall(text))
    )


def text_postings(text: str, field_boost: float = 1.0, arrays: bool = True) -> PreAnalyzed:
    """The postings Whoosh's stemming analyzer and the field's positions format give for
    ``text``: (term, frequency, weight, encoded positions) and the number of words.

    ``arrays``: positions as ``ArrayPositions`` stores them, else as Whoosh's ``Positions``.
    """
    terms = _terms_of(text)
    positions: dict[bytes, list[int]] = {}
    get = positions.get
    for pos, term in enumerate(terms):
        found = get(term)
        if found is None:
            positions[term] = [pos]
        else:
            found.append(pos)
    one = _ONE_ARRAY_POSITION if arrays else _ONE_POSITION
    if len(one) > _STEM_CACHE_LIMIT:
        one.clear()
    postings: list[tuple[bytes, int, float, bytes]] = []
    append = postings.append
    for term, poslist in positions.items():
        count = len(poslist)
        if count == 1:
            append((term, 1, field_boost, one[poslist[0]]))
        elif arrays:
            append((term, count, count * field_boost, encode_positions(poslist)))
        else:
            deltas = list(map(sub, poslist, [0, *poslist]))
            append((term, count, count * field_boost, pack_uint(count) + dumps(deltas, 2)))
    return PreAnalyzed(postings, len(terms))
