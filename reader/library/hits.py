"""Where a search's matched terms occur in a document's text, for marking in the reader."""

from __future__ import annotations

from collections.abc import Iterable

from reader.library.schema import text_analyzer

_ANALYZER = text_analyzer()


def hit_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every word in ``text`` whose indexed form is one of ``terms``.

    ``terms`` are index terms as ``SearchResults.terms`` gives them (stemmed, lower case),
    so "vaccines" in the text is a hit for a search on "vaccine".
    """
    wanted = set(terms)
    if not wanted or not text:
        return []
    return [
        (token.startchar, token.endchar)
        for token in _ANALYZER(text, chars=True, mode="query")
        if token.text in wanted
    ]
