"""Queries -> ranked ``SearchResults`` with snippets, over an open Whoosh searcher.

The language is in ``reader.library.query``. Snippets come from the text store for the
top hits only, cut around the first hit without running Whoosh's highlighter over whole
bodies; that and one reused searcher keep a query on a large library to a few
milliseconds.
"""

from __future__ import annotations

from typing import Any

from reader.library.documents import SearchHit, SearchResults, Snippet, summary_from_fields
from reader.library.errors import QueryError
from reader.library.hits import snippet as make_snippet
from reader.library.query import expand, parse, positive_terms
from reader.library.suggest import TextLookup, suggest

#: Sort orders a user can pick: name -> (sort field or None for relevance, descending).
SORTS: dict[str, tuple[str | None, bool]] = {
    "relevance": (None, False),
    "date": ("date", True),
    "title": ("title_sort", False),
    "hedges": ("hedges", True),
    "boosters": ("boosters", True),
}


def check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}")


def parse_query(schema: Any, query: str) -> Any:
    return parse(schema, query)


def run_search(
    searcher: Any,
    texts: TextLookup,
    query: str,
    limit: int | None = 10,
    sort: str = "relevance",
    snippets: int | None = None,
    offset: int = 0,
    reverse: bool = False,
) -> SearchResults:
    """``snippets``: how many of the hits get a snippet (None: all); each costs a text read.

    ``offset`` skips that many top hits, for a list that fetches a page at a time;
    ``reverse`` turns a sort by date, title, hedges or boosters round (oldest first...).
    """
    check_sort(sort)
    parsed = parse(searcher.schema, query)
    sortedby, descending = SORTS[sort]
    if sortedby is None and not query.strip():
        sortedby, descending = SORTS["date"]
    reverse = descending != reverse if sortedby is not None else False
    from reader.library.evaluate import ranked  # numpy: loaded by the first search, not at start

    try:
        parsed = expand(parsed, searcher.reader())
        wanted_top = None if limit is None else offset + limit
        top, total = ranked(searcher, parsed, wanted_top, sortedby, reverse)
        top = top[offset:]
        terms = positive_terms(parsed, searcher.reader(), "body") if query.strip() else set()
    except QueryError:
        raise
    except Exception as error:  # whoosh raises bare errors for odd queries
        raise QueryError(f"cannot run the query {query!r}: {error}") from None
    wanted = len(top) if snippets is None else snippets
    hits = []
    for rank, (docnum, score) in enumerate(top):
        fields = searcher.stored_fields(docnum)
        found = Snippet(text="")
        if rank < wanted:
            found = make_snippet(texts(fields["sha256"]) or "", terms)
        hits.append(SearchHit(summary=summary_from_fields(fields), score=score, snippet=found))
    suggestions: tuple[str, ...] = ()
    if not total and query.strip():
        suggestions = suggest(searcher, parsed, query, texts)
    return SearchResults(
        query=query,
        total=total,
        hits=hits,
        terms=tuple(sorted(terms)),
        suggestions=suggestions,
    )
