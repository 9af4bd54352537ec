"""Where a search's matched terms occur in a text: marks for the reader and snippets for the list.

Both tokenise and stem the way the index does (``reader.library.indexing``), so
"vaccines" in a text is a hit for a search on "vaccine".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reader.library.documents import Snippet
from reader.library.indexing import WORD, stem_word

SNIPPET_CHARS = 180
_BEFORE = 60


def hit_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every word in ``text`` whose indexed form is one of ``terms``.

    ``terms`` are index terms as ``SearchResults.terms`` gives them (stemmed, lower case).
    """
    wanted = set(terms)
    if not wanted or not text:
        return []
    matches = _matcher(wanted)
    return [(m.start(), m.end()) for m in WORD.finditer(text) if matches(m.group())]


def snippet(body: str, terms: Iterable[str] | set[str], width: int = SNIPPET_CHARS) -> Snippet:
    """About ``width`` characters around the first hit, hits marked; the opening if none.

    Reads only as far as the first hit, so it costs little however long the body is.
    """
    wanted = terms if isinstance(terms, set) else set(terms)
    first = None
    matches = _matcher(wanted)
    if wanted:
        for match in WORD.finditer(body):
            if matches(match.group()):
                first = match
                break
    if first is None:
        return Snippet(text=lead(body, width))
    start = max(0, first.start() - _BEFORE)
    if start:
        space = body.find(" ", start, first.start())
        start = space + 1 if space >= 0 else first.start()
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", first.end(), end)
        end = space if space >= 0 else max(end, first.end())
    window = _flat(body[start:end])
    prefix = "… " if start else ""
    marks = tuple(
        (match.start() + len(prefix), match.end() + len(prefix))
        for match in WORD.finditer(window)
        if matches(match.group())
    )
    suffix = " …" if end < len(body) else ""
    return Snippet(text=prefix + window + suffix, marks=marks)


def _matcher(wanted: set[str]) -> Callable[[str], bool]:
    """A test for "this word stems to one of ``wanted``". Most words are ruled out by their
    first letter, which the stemmer never changes, before paying for the stemmer."""
    starts = {term[:1] for term in wanted}

    def matches(word: str) -> bool:
        lowered = word.lower()
        return lowered[:1] in starts and stem_word(lowered) in wanted

    return matches


def lead(body: str, width: int = SNIPPET_CHARS) -> str:
    """The opening of a text on one line, cut at ``width`` characters."""
    text = " ".join(body[: width * 2].split())
    return text[:width] + ("…" if len(text) > width else "")


def _flat(text: str) -> str:
    """Line breaks and tabs as spaces: same length, so offsets stay valid."""
    return text.translate(_FLAT)


_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})
