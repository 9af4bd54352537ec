"""'Did you mean …?': corrections drawn from the words the library itself contains.

The index holds stems ("vaccin"), which are no use to show, so each corrected stem is
turned back into a word as it is written in a document that contains it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh import query as wq

from reader.library.engine.tokens import WORD, stem_word

_FIELDS = ("body", "title")

TextLookup = Callable[[str], "str | None"]


def suggest(searcher: Any, parsed: Any, query: str, texts: TextLookup) -> tuple[str, ...]:
    """The query with each unknown word replaced by the closest known one; () if none."""
    reader = searcher.reader()
    fixes: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for node in _words(parsed):
        span = (node.startchar, node.endchar)
        if span in seen or any(reader.doc_frequency(f, node.text) for f in _FIELDS):
            continue
        seen.add(span)
        stem = _closest(reader, node.text)
        if stem is None:
            continue
        typed = query[span[0] : span[1]]
        word = _written_form(searcher, texts, stem, typed)
        if word is not None:
            fixes.append((span[0], span[1], word))
    if not fixes:
        return ()
    corrected = query
    for start, end, word in sorted(fixes, reverse=True):
        corrected = corrected[:start] + word + corrected[end:]
    return (corrected,)


def _words(parsed: Any) -> list[Any]:
    """Plain words of the query in the text fields, with where they were typed."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, wq.Not):
            return
        if type(node) is wq.Term:
            if node.fieldname in _FIELDS and getattr(node, "startchar", None) is not None:
                found.append(node)
            return
        if not node.is_leaf():
            for child in node.children():
                walk(child)

    walk(parsed)
    return found


def _closest(reader: Any, stem: str) -> str | None:
    """The most frequent known stem one edit away, else two; sharing the first letter."""
    if len(stem) < 3:
        return None
    for distance in (1, 2):
        candidates = {
            term
            for field in _FIELDS
            for term in reader.terms_within(field, stem, distance, prefix=1)
            if term != stem
        }
        if candidates:
            return max(
                sorted(candidates),
                key=lambda t: sum(reader.doc_frequency(f, t) for f in _FIELDS),
            )
    return None


def _written_form(searcher: Any, texts: TextLookup, stem: str, typed: str) -> str | None:
    """How a document writes a word with this stem, the form nearest what was typed."""
    for field in _FIELDS:
        hits = searcher.search(wq.Term(field, stem), limit=1)
        if not len(hits):
            continue
        fields = hits[0].fields()
        text = fields.get("title", "") if field == "title" else texts(fields["sha256"]) or ""
        forms = {m.group().lower() for m in WORD.finditer(text)}
        forms = {w for w in forms if stem_word(w) == stem}
        if forms:
            return min(sorted(forms), key=lambda w: (_distance(w, typed.lower()), len(w)))
    return None


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
