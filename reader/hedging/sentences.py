"""Sentence boundaries in one linear pass (no backtracking over the text, no re-slicing)."""

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
_CLOSERS = "\"'”’)]"
_NONBLANK = re.compile(r"\S")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as ``(start, end)`` offsets, whitespace-trimmed, in linear time."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        at = match.start()
        cut = at + (text[at] in ".!?")  # the cut follows the punctuation
        before = text[cut - 1 : cut]
        if (before == "." or before in _CLOSERS) and "\n" not in match.group():
            # Look only at a short window before the boundary: O(1) per boundary.
            word = _last_word(text, max(start, cut - 24), cut)
            if word and _is_abbreviation(word):
                continue
        _append(text, start, cut, spans)
        start = match.end()
    _append(text, start, len(text), spans)
    return spans


def _last_word(text: str, low: int, cut: int) -> str:
    """The word before the final period of ``text[low:cut]`` (closing quotes or brackets may
    follow the period), or "" if it does not end so: the longest run of word characters and
    dots before that period, found from the end (a regex search for it backtracked)."""
    end = cut
    while end > low and text[end - 1] in _CLOSERS:
        end -= 1
    end -= 1  # the period
    if end <= low or text[end] != ".":
        return ""
    first = end
    while first > low and (text[first - 1].isalnum() or text[first - 1] in "_."):
        first -= 1
    return text[first:end]


def _is_abbreviation(word: str) -> bool:
    lowered = word.lower()
    if lowered in _ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and dotted abbreviations ("U.S.").
    if len(word) == 1:
        return word.isalpha() and word.isupper()
    return "." in word and len(word) <= 8 and word.replace(".", "").isalpha()


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    if start < end and not text[start].isspace():  # the usual case: no search needed
        first = start
    else:
        found = _NONBLANK.search(text, start, end)
        if found is None:
            return
        first = found.start()
    while end > first and text[end - 1].isspace():
        end -= 1
    spans.append((first, end))
