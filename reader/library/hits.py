"""Where a search's matched terms occur in a text: marks for the reader and snippets for the list.

Both tokenise and stem the way the index does (``reader.library.indexing``), so
"vaccines" in a text is a hit for a search on "vaccine".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from reader.library.documents import Snippet
from reader.library.engine import WORD, stem_word

SNIPPET_CHARS = 180
_BEFORE = 60


def hit_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every hit in ``text``: a word whose indexed form is one of ``terms``,
    or a run of words matching a phrase term (index words joined by spaces).

    ``terms`` are index terms as ``SearchResults.terms`` gives them (stemmed, lower case).
    """
    if not text:
        return []
    return list(_spans(text, set(terms)))


def _spans(text: str, wanted: set[str]) -> Iterator[tuple[int, int]]:
    """Hits in text order (see ``hit_spans``), found lazily."""
    words = {term for term in wanted if " " not in term}
    phrases = [tuple(term.split()) for term in wanted if " " in term]
    if not words and not phrases:
        return
    matches = _matcher(words)
    if not phrases:
        for match in WORD.finditer(text):
            if matches(match.group()):
                yield match.start(), match.end()
        return
    firsts = _matcher({phrase[0] for phrase in phrases})
    tokens = WORD.finditer(text)
    ahead: list[re.Match[str]] = []  # tokens read past the current one
    while True:
        current = ahead.pop(0) if ahead else next(tokens, None)
        if current is None:
            return
        word = current.group()
        if firsts(word):
            longest = 0
            for phrase in phrases:
                while len(ahead) < len(phrase) - 1:
                    following = next(tokens, None)
                    if following is None:
                        break
                    ahead.append(following)
                rest = ahead[: len(phrase) - 1]
                if len(rest) == len(phrase) - 1 and all(
                    stem_word(token.group().lower()) == part
                    for token, part in zip((current, *rest), phrase, strict=True)
                ):
                    longest = max(longest, len(phrase))
            if longest:
                end = ahead[longest - 2].end() if longest > 1 else current.end()
                yield current.start(), end
                del ahead[: longest - 1]
                continue
        if matches(word):
            yield current.start(), current.end()


def snippet(body: str, terms: Iterable[str] | set[str], width: int = SNIPPET_CHARS) -> Snippet:
    """About ``width`` characters around the first hit, hits marked; the opening if none.

    Reads only as far as the first hit, so it costs little however long the body is.
    """
    wanted = terms if isinstance(terms, set) else set(terms)
    first = next(_spans(body, wanted), None)
    if first is None:
        return Snippet(text=lead(body, width))
    first_start, first_end = first
    start = max(0, first_start - _BEFORE)
    if start:
        space = body.find(" ", start, first_start)
        start = space + 1 if space >= 0 else first_start
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", first_end, end)
        end = space if space >= 0 else max(end, first_end)
    window = _flat(body[start:end])
    prefix = "… " if start else ""
    marks = tuple((a + len(prefix), b + len(prefix)) for a, b in _spans(window, wanted))
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
