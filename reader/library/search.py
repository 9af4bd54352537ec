"""Queries -> ranked ``SearchResults`` with snippets, over an engine searcher.

The language is in ``reader.library.engine.query``. Snippets come from the text store for the
top hits only, cut around the first hit without running Whoosh's highlighter over whole
bodies; that and one reused searcher keep a query on a large library to a few
milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.library.documents import SearchHit, SearchResults, Snippet, summary_from_fields
from reader.library.engine import BadQuery, Searcher
from reader.library.errors import QueryError
from reader.library.hits import snippet as make_snippet

#: A document's text by its sha256 (None if the store lacks it).
TextLookup = Callable[[str], "str | None"]

#: Sort orders a user can pick: name -> (sort field or None for relevance, descending).
SORTS: dict[str, tuple[str | None, bool]] = {
    "relevance": (None, False),
    "date": ("date", True),
    "title": ("title_sort", False),
    "hedges": ("hedges", True),
    "boosters": ("boosters", True),
    "causal": ("causal", True),  # share of findings stated as a direct cause
}


def check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}")


def run_search(
    searcher: Searcher,
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
    sortedby, descending = SORTS[sort]
    if sortedby is None and not query.strip():
        sortedby, descending = SORTS["date"]
    reverse = descending != reverse if sortedby is not None else False
    wanted_top = None if limit is None else offset + limit
    try:
        found = searcher.ranked(query, wanted_top, sortedby, reverse, texts)
    except BadQuery as error:
        raise QueryError(str(error)) from None
    top = found.top[offset:]
    wanted = len(top) if snippets is None else snippets
    hits = []
    for rank, (docnum, score) in enumerate(top):
        fields = searcher.stored_fields(docnum)
        snippet = Snippet(text="")
        if rank < wanted:
            snippet = make_snippet(texts(fields["sha256"]) or "", found.terms)
        hits.append(SearchHit(summary=summary_from_fields(fields), score=score, snippet=snippet))
    return SearchResults(
        query=query,
        total=found.total,
        hits=hits,
        terms=tuple(sorted(found.terms)),
        suggestions=found.suggestions,
    )
