"""REFERENCE ONLY: a frozen copy of ``reader/hedging/sentences.py`` before the speed work of
issue 12 (commit a9d1a9f), used by ``tests/frozen_claims.py``. Never edit it.

Sentence boundaries in one linear pass (no backtracking over the text, no re-slicing)."""

from __future__ import annotations

import re

# A boundary: sentence-final punctuation (plus closing quotes/brackets) followed by whitespace
# and something that can start a sentence; or a blank line; or a line break before a bullet.
# The punctuation is matched, not looked behind for: a pattern starting with a character
# set lets the regex engine skip ahead to candidates (twice as fast on running text).
_BOUNDARY = re.compile(
    r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n[ \t]*\n\s*|\n(?=[ \t]*[-*•][ \t])"""
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words whose trailing period does not end a sentence.
_ABBREVIATIONS = _words(
    """al e.g i.e etc fig figs vs cf dr mr mrs ms prof st no nos vol approx ca et eq eqs ref refs
    sp spp jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp jr sr u.s dept
    est ph.d m.d b.c a.d p.m a.m"""
)
_LAST_WORD = re.compile(r"([\w.]+)\.[\"'”’)\]]*$")
_NONBLANK = re.compile(r"\S")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as ``(start, end)`` offsets, whitespace-trimmed, in linear time."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        cut = match.start() + (text[match.start()] in ".!?")  # the cut follows the punctuation
        if text[cut - 1 : cut] == "." or text[cut - 1 : cut] in "\"'”’)]":
            # Look only at a short window before the boundary: O(1) per boundary.
            tail = _LAST_WORD.search(text, max(start, cut - 24), cut)
            if tail and "\n" not in match.group() and _is_abbreviation(tail.group(1)):
                continue
        _append(text, start, cut, spans)
        start = match.end()
    _append(text, start, len(text), spans)
    return spans


def _is_abbreviation(word: str) -> bool:
    lowered = word.lower()
    if lowered in _ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and dotted abbreviations ("U.S.").
    if len(word) == 1:
        return word.isalpha() and word.isupper()
    return "." in word and len(word) <= 8 and word.replace(".", "").isalpha()


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    first = _NONBLANK.search(text, start, end)
    if first is None:
        return
    while end > first.start() and text[end - 1].isspace():
        end -= 1
    spans.append((first.start(), end))
