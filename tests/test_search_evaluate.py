"""Bulk scoring gives Whoosh's own ranking, scores and counts, on every query shape a user types."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.library import Library
from reader.library.engine.evaluate import ranked
from reader.library.engine.query import expand, parse

WORDS = [
    "may",
    "be",
    "the",
    "vaccine",
    "further",
    "studies",
    "are",
    "needed",
    "cancer",
    "patients",
    "suggest",
    "mice",
]
QUERIES = [
    "vaccine",
    "may be",
    "vaccine AND cancer",
    "vaccine OR mice",
    "vaccine NOT cancer",
    "(vaccine OR mice) patients",
    '"may be"',
    '"further studies are"',
    "vacc*",
    "studes~",
    "title:cancer",
    "cancer NOT title:cancer",
    "words:<30 may",
    "hedges:>0",
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """Three batches (so several segments) and re-indexed files (so deletions)."""
    root = tmp_path_factory.mktemp("evaluate")
    rng = random.Random(11)
    folder = root / "docs"
    folder.mkdir()
    library = Library(root / "lib")
    patch = pytest.MonkeyPatch()
    patch.setattr("reader.library.engine.codec.MERGE_FACTOR", 100)  # keep every batch's segment
    for batch in range(3):
        for number in range(batch * 40, batch * 40 + 40):
            title = " ".join(rng.choice(WORDS) for _ in range(3))
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 80)))
            (folder / f"d{number:03d}.txt").write_text(f"{title}\n\n{body}", "utf-8")
        library.add([folder])
    for number in range(0, 120, 7):
        (folder / f"d{number:03d}.txt").write_text("Changed\n\nmay be the vaccine", "utf-8")
    library.add([folder])
    patch.undo()
    return library


def whoosh_top(searcher, parsed, limit):
    collector = searcher.collector(limit=limit, optimize=False)
    collector.replace = 0
    searcher.search_with_collector(parsed, collector)
    results = collector.results()
    return [(hit.docnum, round(hit.score, 6)) for hit in results], len(results)


@pytest.mark.parametrize("query", QUERIES)
def test_same_top_hits_scores_and_count_as_whoosh(library: Library, query: str):
    searcher = library._get_searcher().whoosh
    assert not searcher.is_atomic() and searcher.reader().has_deletions()
    parsed = expand(parse(searcher.schema, query), searcher.reader())
    top, total = ranked(searcher, parsed, 10, None, False)
    theirs, their_total = whoosh_top(searcher, parsed, 10)
    assert total == their_total
    assert [(docnum, round(score, 6)) for docnum, score in top] == theirs
    assert total > 0  # every query above matches something: the comparison is not vacuous


def test_not_alone_gives_every_live_document_without_the_word(library: Library):
    # (Whoosh's own inverse matcher lets a deleted last document of a segment through)
    everything = {h.summary.path for h in library.search("", limit=None).hits}
    with_word = {h.summary.path for h in library.search("vaccine", limit=None).hits}
    found = library.search("NOT vaccine", limit=None)
    assert found.total == len(found.hits)
    assert {h.summary.path for h in found.hits} == everything - with_word
    assert found.total > 0


@pytest.mark.parametrize("sort", ["date", "title", "hedges"])
def test_sorted_results_hold_the_same_documents_in_the_field_order(library: Library, sort):
    everything = library.search("may", limit=None, sort=sort)
    relevance = library.search("may", limit=None)
    assert {h.summary.path for h in everything.hits} == {h.summary.path for h in relevance.hits}
    keys = {
        "date": lambda h: h.summary.date,
        "title": lambda h: h.summary.title.casefold(),
        "hedges": lambda h: h.summary.hedges_per_1k,
    }[sort]
    values = [keys(h) for h in everything.hits]
    ordered = sorted(values, reverse=sort != "title")
    assert values == ordered


def test_a_library_from_before_the_array_layouts_still_searches_the_same(tmp_path: Path):
    """Blocks and positions written by an earlier release read alongside new ones."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(30):
        (folder / f"o{number:02d}.txt").write_text(
            f"Old {number}\n\nthe vaccine may be safe and may be useful {number}", "utf-8"
        )
    (tmp_path / "lib" / "index").mkdir(parents=True)
    # build the empty index with Whoosh's plain Positions format, as older releases made it
    from whoosh.fields import TEXT

    from reader.library.engine.schema import make_schema, text_analyzer

    schema = make_schema()
    schema.remove("body")
    schema.remove("title")
    schema.add("title", TEXT(stored=True, analyzer=text_analyzer(), field_boost=2.0))
    from reader.library.engine.schema import BodyText

    old_body = BodyText(analyzer=text_analyzer())
    from whoosh.formats import Positions

    old_body.format = Positions()
    schema.add("body", old_body)
    whoosh_index.create_in(str(tmp_path / "lib" / "index"), schema)
    library = Library(tmp_path / "lib")
    library.add([folder])
    assert type(library._get_searcher().whoosh.schema["body"].format) is Positions
    found = library.search('"may be safe"', limit=None)
    assert found.total == 30
    assert library.search("vaccine AND useful", limit=5).total == 30
    library.close()
