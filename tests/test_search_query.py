"""The query language on a small library: each form, sorts, suggestions and malformed queries."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import QUERY_HELP, Library, QueryError
from reader.library.engine.query import parse
from reader.library.engine.schema import make_schema
from reader.library.hits import hit_spans

DOCS = {
    # name: (year written, text)
    "vaccine-trial.txt": (
        2019,
        "Vaccine trial results\n\nThe vaccines may protect older adults. Further studies "
        "are needed, suggesting caution about immunotherapy claims.",
    ),
    "mouse-vaccine.txt": (
        2021,
        "Mouse model\n\nA vaccine tested in a mouse model proves a breakthrough in immunology.",
    ),
    "studies-further.md": (
        2022,
        "# Reviews of studies\n\nStudies further the case; more studies needed. Word order "
        "differs from the phrase on purpose.",
    ),
    "diet.txt": (
        2023,
        "Diet and sleep\n\nSleep and diet were measured for a year in a cohort of adults.",
    ),
}


def _stamp(year: int) -> float:
    return datetime(year, 6, 15, tzinfo=timezone.utc).timestamp()


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("query")
    folder = root / "docs"
    folder.mkdir()
    for name, (year, text) in DOCS.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, (_stamp(year), _stamp(year)))
    library = Library(root / "library")
    assert not library.add([folder]).failed
    yield library
    library.close()


def names(library: Library, query: str, **kwargs) -> list[str]:
    return [Path(hit.summary.path).name for hit in library.search(query, **kwargs).hits]


def same(library: Library, query: str) -> set[str]:
    return set(names(library, query, limit=None))


def test_words_are_stemmed_both_ways(lib: Library):
    assert (
        same(lib, "vaccines")
        == same(lib, "vaccine")
        == {
            "vaccine-trial.txt",
            "mouse-vaccine.txt",
        }
    )
    assert same(lib, "suggest") == {"vaccine-trial.txt"}  # the text says "suggesting"


def test_and_or_not_and_grouping(lib: Library):
    assert same(lib, "vaccine mouse") == {"mouse-vaccine.txt"}
    assert same(lib, "vaccine AND mouse") == {"mouse-vaccine.txt"}
    assert same(lib, "mouse OR sleep") == {"mouse-vaccine.txt", "diet.txt"}
    assert same(lib, "vaccine NOT mouse") == {"vaccine-trial.txt"}
    assert same(lib, "(mouse OR sleep) adults") == {"diet.txt"}


def test_a_phrase_keeps_its_word_order(lib: Library):
    assert same(lib, '"further studies"') == {"vaccine-trial.txt"}
    assert same(lib, '"studies further"') == {"studies-further.md"}
    assert same(lib, "further studies") == {"vaccine-trial.txt", "studies-further.md"}


def test_fields(lib: Library):
    assert same(lib, "title:mouse") == {"mouse-vaccine.txt"}
    assert same(lib, "title:vaccine") == {"vaccine-trial.txt"}
    assert same(lib, "format:md") == {"studies-further.md"}
    assert same(lib, "path:*diet*") == {"diet.txt"}
    parsed = parse(make_schema(), "author:Smith")
    assert (parsed.fieldname, parsed.text) == ("author", "smith")


def test_prefix_and_fuzzy(lib: Library):
    assert same(lib, "immuno*") == {"vaccine-trial.txt", "mouse-vaccine.txt"}
    assert same(lib, "vacine~") == same(lib, "vaccine")
    assert same(lib, "vacine") == set()


def test_dates_written_and_added(lib: Library):
    assert same(lib, "date:2021") == {"mouse-vaccine.txt"}
    assert same(lib, "date:[2019 to 2021]") == {"vaccine-trial.txt", "mouse-vaccine.txt"}
    assert same(lib, "published:>2021") == {"studies-further.md", "diet.txt"}
    assert same(lib, "published:<2020") == {"vaccine-trial.txt"}
    assert len(same(lib, "added:>2000-01-01")) == len(DOCS)
    assert same(lib, "added:<2000-01-01") == set()
    assert same(lib, "vaccine date:2019") == {"vaccine-trial.txt"}


def test_hedge_figures_and_word_counts_as_numbers(lib: Library):
    everything = {hit.summary.path: hit.summary for hit in lib.search("", limit=None).hits}
    boosted = {Path(p).name for p, s in everything.items() if s.boosters_per_1k > 0}
    hedged = {Path(p).name for p, s in everything.items() if s.hedges_per_1k > 20}
    assert boosted and boosted != set(DOCS)
    assert same(lib, "boosters:>0") == boosted
    assert same(lib, "hedges:>20") == hedged
    longest = max(s.words for s in everything.values())
    short = {Path(p).name for p, s in everything.items() if s.words < longest}
    assert short and short != set(DOCS)
    assert same(lib, f"words:<{longest}") == short


def test_titles_weigh_more_than_body_text(lib: Library):
    # both documents say "vaccine" once in the body; only one has it in its title
    assert names(lib, "vaccine")[0] == "vaccine-trial.txt"
    assert names(lib, "studies")[0] == "studies-further.md"


def test_an_empty_query_lists_the_whole_library_newest_first(lib: Library):
    assert names(lib, "", limit=None) == [
        "diet.txt",
        "studies-further.md",
        "mouse-vaccine.txt",
        "vaccine-trial.txt",
    ]
    assert names(lib, "   ", limit=None) == names(lib, "", limit=None)


def test_sort_orders(lib: Library):
    assert names(lib, "adults OR vaccine", sort="date", limit=None) == [
        "diet.txt",
        "mouse-vaccine.txt",
        "vaccine-trial.txt",
    ]
    titles = [h.summary.title for h in lib.search("", sort="title", limit=None).hits]
    assert titles == sorted(titles, key=str.casefold)
    dense = [h.summary.hedges_per_1k for h in lib.search("", sort="hedges", limit=None).hits]
    assert dense == sorted(dense, reverse=True)
    with pytest.raises(QueryError, match="unknown sort 'size'"):
        lib.search("vaccine", sort="size")


def test_snippets_mark_the_matched_words_in_their_stemmed_forms(lib: Library):
    [hit] = lib.search("vaccine protect").hits
    marked = [hit.snippet.text[a:b] for a, b in hit.snippet.marks]
    assert marked == ["Vaccine", "vaccines", "protect"]


def test_a_phrase_is_marked_where_it_occurs_not_word_by_word(lib: Library):
    results = lib.search('"further studies" OR "word order"', limit=None)
    assert sorted(results.terms) == ["further studi", "word order"]
    for hit in results.hits:
        marked = [hit.snippet.text[a:b].lower() for a, b in hit.snippet.marks]
        assert set(marked) <= {"further studies", "word order"}, marked
    text = "Studies further the case. Further studies, and further\nstudies, are needed."
    spans = hit_spans(text, results.terms)
    assert [text[a:b] for a, b in spans] == ["Further studies", "further\nstudies"]
    assert hit_spans(text, ["studi", "further studi"]) == [(0, 7), *spans]


def test_nothing_matching_suggests_words_the_library_has(lib: Library):
    results = lib.search("vacine")
    assert results.total == 0
    assert results.suggestions == ("vaccine",)
    assert lib.search("older vacine").suggestions == ("older vaccine",)
    assert lib.search("title:mous").suggestions == ("title:mouse",)
    assert lib.search("vaccine").suggestions == ()
    assert lib.search("qqqqzzzz").suggestions == ()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"further studies', "unbalanced quote"),
        ("title:", "nothing after title:"),
        ("title: vaccine", "nothing after title:"),
        ("hedges:>", "nothing after hedges:"),
        ("hedges:>", "like hedges:>20"),
        ("published:", "like published:2021"),
        ("date:[2020 to", "unclosed range"),
        ("added:{2020 to 2022", "unclosed range"),
        ("(vaccine OR mouse", "unbalanced parenthesis"),
        ("vaccine)", "unbalanced parenthesis"),
        ("date:[2022 to banana]", "a date it cannot read"),
        ("hedges:>lots", "not a valid number"),
        ("date:[2022 to 2019]", "range runs backwards"),
        ("hedges:[20 to 5]", "range runs backwards"),
    ],
)
def test_a_malformed_query_is_one_line_naming_it(lib: Library, query: str, message: str):
    with pytest.raises(QueryError) as caught:
        lib.search(query)
    text = str(caught.value)
    assert message in text
    assert repr(query) in text
    assert "\n" not in text


def test_words_that_look_like_fields_are_just_words(lib: Library):
    assert lib.search("ratio 3:1").total == 0  # no error: not a field
    assert same(lib, "sleep and diet:") == {"diet.txt"}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=st.sampled_from(list('abcvx "*~:()[]<>-+^\\/OR AND NOT to title date 20 ')),
        max_size=30,
    )
    | st.text(max_size=30)
)
def test_any_string_gives_results_or_a_clean_query_error(lib: Library, query: str):
    try:
        results = lib.search(query)
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert results.total >= len(results.hits)


def test_the_help_text_covers_every_form():
    for form in ("AND", "OR", "NOT", '"', "title:", "path:", "format:", "author:", "*", "~"):
        assert form in QUERY_HELP
    for form in ("date:", "published:", "added:", "hedges:>", "boosters:", "words:<"):
        assert form in QUERY_HELP
