"""The fast body analysis gives exactly Whoosh's postings, so queries match what was indexed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library.engine.schema import PhraseText, text_analyzer
from reader.library.engine.tokens import text_postings

FIELD = PhraseText(analyzer=text_analyzer())  # Whoosh's own analysis, the index's format


def whoosh_postings(text: str) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(FIELD.index(text))


def test_a_sentence_gets_stemmed_terms_with_their_positions():
    text = "Vaccines may help; the vaccine suggests that 3.5 mg* of e.g. drug may work."
    assert sorted(text_postings(text).postings) == whoosh_postings(text)
    terms = {term for term, *_ in text_postings(text).postings}
    assert {b"vaccin", b"suggest", b"3.5", b"mg*", b"e.g"} <= terms


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_any_text_gets_the_same_postings_as_whoosh(text: str):
    assert sorted(text_postings(text).postings) == whoosh_postings(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["may", "Mays", "İstanbul", "ß", "x.y", "a*b", "..", "ǅ"]), max_size=40
    )
)
def test_tricky_words_get_the_same_postings_as_whoosh(words: list[str]):
    text = " ".join(words)
    assert sorted(text_postings(text).postings) == whoosh_postings(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Vaccines", "may", "‘help’", "—", "“MAY”", "…", "e.g.", "€5", "naïve", "ΣΑΣ", "ǅ"]
        ),
        max_size=30,
    )
)
def test_text_with_curly_quotes_and_dashes_gets_the_same_postings_as_whoosh(words: list[str]):
    """English text with typographic punctuation takes a faster path than other Unicode."""
    text = " ".join(words)
    assert sorted(text_postings(text).postings) == whoosh_postings(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_hits_are_the_words_the_analyzer_indexes_under_a_searched_term(text: str):
    from reader.library.hits import hit_spans

    # the analyzer reuses one token object: copy what it says as it goes
    tokens = [(t.text, t.startchar, t.endchar) for t in text_analyzer()(text, chars=True)]
    for term in {word for word, _, _ in tokens}:
        expected = [(start, end) for word, start, end in tokens if word == term]
        assert hit_spans(text, [term]) == expected


def test_the_process_pool_builds_the_same_library_as_indexing_inline(tmp_path, monkeypatch):
    from reader.library import Library, indexing

    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(24):
        text = f"Report {number}\n\nVaccines may help {number} patients; results suggest more."
        (folder / f"r{number:02d}.txt").write_text(text, encoding="utf-8")
    inline = Library(tmp_path / "inline")
    inline.add([folder])
    monkeypatch.setattr(indexing, "POOL_THRESHOLD", 4)
    pooled = Library(tmp_path / "pooled")
    report = pooled.add([folder])
    assert len(report.added) == 24 and not report.failed
    for query in ["vaccine", '"results suggest"', "patient*", "title:report", "hedges:>0"]:
        ours, theirs = pooled.search(query, limit=None), inline.search(query, limit=None)
        assert [h.summary.path for h in ours.hits] == [h.summary.path for h in theirs.hits]
        assert [h.snippet for h in ours.hits] == [h.snippet for h in theirs.hits]
    again = pooled.add([folder])
    assert len(again.unchanged) == 24 and not again.added
    inline.close()
    pooled.close()
