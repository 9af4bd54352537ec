"""Queries -> ranked ``SearchResults`` with snippets, over an open Whoosh searcher.

The query language is Whoosh's: AND/OR/NOT, "phrases", ``field:value``, ``prefix*``,
``fuzzy~``, ranges, ``hedges:>20``. An empty query lists everything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.highlight import ContextFragmenter, Formatter, Highlighter
from whoosh.qparser import AndGroup, FuzzyTermPlugin, GtLtPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import Every

from reader.library.documents import SearchHit, SearchResults, Snippet, summary_from_fields
from reader.library.errors import QueryError

#: Sort orders a user can pick: name -> (sort field or None for relevance, descending).
SORTS: dict[str, tuple[str | None, bool]] = {
    "relevance": (None, False),
    "date": ("date", True),
    "title": ("title_sort", False),
    "hedges": ("hedges", True),
}

_SNIPPET_CHARS = 180

TextLookup = Callable[[str], "str | None"]


def check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}")


def parse_query(schema: Any, query: str) -> Any:
    if not query.strip():
        return Every()
    parser = MultifieldParser(["title", "body"], schema, group=AndGroup)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    try:
        return parser.parse(query)
    except Exception as error:  # whoosh raises assorted errors for odd input
        raise QueryError(f"cannot parse query {query!r}: {error}") from None


def run_search(
    searcher: Any,
    texts: TextLookup,
    query: str,
    limit: int | None = 10,
    sort: str = "relevance",
    snippets: int | None = None,
) -> SearchResults:
    """``snippets``: how many of the top hits get a snippet (None: all); each costs a text read."""
    check_sort(sort)
    parsed = parse_query(searcher.schema, query)
    sortedby, reverse = SORTS[sort]
    if sortedby is None and not query.strip():
        sortedby, reverse = SORTS["date"]
    try:
        results = searcher.search(
            parsed, limit=limit, sortedby=sortedby, reverse=reverse, terms=True
        )
    except Exception as error:  # whoosh raises bare errors for odd queries
        raise QueryError(f"cannot run query {query!r}: {error}") from None
    results.highlighter = Highlighter(
        fragmenter=ContextFragmenter(maxchars=_SNIPPET_CHARS, surround=60),
        formatter=_SnippetFormatter(),
    )
    wanted = len(results) if snippets is None else snippets
    hits = [
        _hit(hit, texts, ranked=sortedby is None, snippet=rank < wanted)
        for rank, hit in enumerate(results)
    ]
    terms = tuple(sorted({_term_text(t) for _, t in results.matched_terms()}))
    return SearchResults(query=query, total=len(results), hits=hits, terms=terms)


def _hit(hit: Any, texts: TextLookup, ranked: bool, snippet: bool) -> SearchHit:
    found: Any = None
    if snippet:
        body = texts(hit["sha256"]) or ""
        found = hit.highlights("body", text=body, top=2) if body else None
        if not isinstance(found, Snippet) or not found.text:
            found = Snippet(text=_lead(body))
    score = float(hit.score or 0.0) if ranked else 0.0  # sorted hits carry sort keys
    summary = summary_from_fields(hit.fields())
    return SearchHit(summary=summary, score=score, snippet=found or Snippet(text=""))


class _SnippetFormatter(Formatter):
    """Builds a plain-text ``Snippet`` with match offsets instead of marked-up text."""

    between = " … "

    def format(self, fragments: list[Any], replace: bool = False) -> Snippet:  # type: ignore[override]
        parts: list[str] = []
        marks: list[tuple[int, int]] = []
        length = 0
        for number, fragment in enumerate(fragments):
            if number:
                parts.append(self.between)
                length += len(self.between)
            text = fragment.text
            start = fragment.startchar
            for token in sorted(fragment.matches, key=lambda t: t.startchar):
                if token.startchar is None or token.startchar < start:
                    continue
                piece = text[start : token.startchar]
                parts.append(piece)
                length += len(piece)
                word = text[token.startchar : token.endchar]
                marks.append((length, length + len(word)))
                parts.append(word)
                length += len(word)
                start = token.endchar
            tail = text[start : fragment.endchar]
            parts.append(tail)
            length += len(tail)
        joined = "".join(parts)
        cleaned = joined.replace("\n", " ")
        return Snippet(text=cleaned, marks=tuple(marks))


def _term_text(term: bytes | str) -> str:
    return term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)


def _lead(body: str) -> str:
    lead = " ".join(body[: _SNIPPET_CHARS * 2].split())
    return lead[:_SNIPPET_CHARS] + ("…" if len(lead) > _SNIPPET_CHARS else "")


def _term_text(term: bytes | str) -> str:
    return term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)


def _lead(body: str) -> str:
    lead = " ".join(body[: _SNIPPET_CHARS * 2].split())
    return lead[:_SNIPPET_CHARS] + ("…" if len(lead) > _SNIPPET_CHARS else "")
