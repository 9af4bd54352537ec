"""The library as its users meet it through ``Library``: add, search, get, remove."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.library import Library, LibraryError, QueryError


def test_add_indexes_documents_with_titles_and_hedge_figures(library: Library, samples):
    assert len(library) == 4
    hedged = library.get(str(samples["hedged"].resolve()))
    assert hedged is not None
    assert hedged.title == "Vaccines may reduce relapse"
    assert hedged.summary.hedges >= 4
    assert hedged.summary.hedges_per_1k > 50
    assert 0 < hedged.summary.hedged_share <= 1
    plain = library.get(str(samples["plain"].resolve()))
    assert plain is not None and plain.summary.hedges == 0


def test_markdown_becomes_readable_text_with_an_outline(library: Library, samples):
    doc = library.get(str(samples["confident"].resolve()))
    assert doc is not None
    assert doc.title == "A breakthrough that proves everything"
    assert "#" not in doc.body
    assert [h.title for h in doc.outline] == [
        "A breakthrough that proves everything",
        "Claims",
        "Reality",
    ]
    for heading in doc.outline:
        assert doc.body[heading.offset : heading.offset + len(heading.title)] == heading.title
    assert doc.summary.boosters >= 3


def test_readding_skips_unchanged_and_reindexes_changed(library: Library, samples):
    again = library.add([samples["hedged"].parent])
    assert len(again.unchanged) == 4 and not again.added and not again.updated

    samples["plain"].write_text("Counts\n\nThe counts might be wrong.\n", encoding="utf-8")
    os.utime(samples["plain"], (2_000_000_000, 2_000_000_000))
    changed = library.add([samples["plain"]])
    assert changed.updated == [str(samples["plain"].resolve())]
    assert len(library) == 4
    assert library.search("wrong").total == 1
    assert library.search("medium").total == 0


def test_bad_inputs_get_one_line_each_and_the_rest_is_indexed(tmp_path: Path, samples):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n", encoding="utf-8")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (bad / "latin1.txt").write_bytes("Café au lait may help the naïve.\n".encode("latin-1"))
    (bad / "notes.toml").write_text("x = 1\n", encoding="utf-8")
    lib = Library(tmp_path / "lib")
    report = lib.add([bad, tmp_path / "missing.txt", bad / "notes.toml"])
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert "unsupported" in reasons["notes.toml"]
    assert all("\n" not in str(f) for f in report.failed)
    doc = lib.get(str((bad / "latin1.txt").resolve()))
    assert doc is not None and "Café au lait" in doc.body and "naïve" in doc.body


def test_a_failure_mid_add_keeps_what_the_library_had(library: Library, tmp_path: Path):
    more = tmp_path / "more"
    more.mkdir()
    for number in range(5):
        (more / f"doc{number}.txt").write_text(f"Document {number} may matter.\n", encoding="utf-8")

    def explode(step):
        if step.done == 3:
            raise OSError(28, "No space left on device")

    with pytest.raises(LibraryError, match="No space left on device"):
        library.add([more], progress=explode)
    reopened = Library(library.path)
    assert len(reopened) == 4
    assert reopened.search("vaccine").total == 1
    assert reopened.add([more]).added  # and the next add completes
    assert len(reopened) == 9


def test_search_stems_ranks_titles_and_lists_everything_when_empty(library: Library):
    assert library.search("vaccines").total == 1
    assert library.search("suggesting").total == 1  # stemmed: the text says "suggest"
    assert library.search("").total == 4
    results = library.search("breakthrough")
    assert results.hits[0].summary.title.startswith("A breakthrough")
    snippet = results.hits[0].snippet
    assert snippet.marks
    start, end = snippet.marks[0]
    assert snippet.text[start:end].lower().startswith("breakthrough")


def test_hedge_words_are_searchable_and_figures_are_queryable(library: Library):
    assert library.search("may").total >= 2  # no stop list
    dense = library.search("hedges:>50")
    assert {hit.summary.title for hit in dense.hits} >= {"Vaccines may reduce relapse"}
    assert all(hit.summary.hedges_per_1k > 50 for hit in dense.hits)


def test_sorts(library: Library):
    by_hedges = [hit.summary.hedges_per_1k for hit in library.search("", sort="hedges").hits]
    assert by_hedges == sorted(by_hedges, reverse=True)
    titles = [hit.summary.title.casefold() for hit in library.search("", sort="title").hits]
    assert titles == sorted(titles)
    with pytest.raises(QueryError):
        library.search("x", sort="sideways")


def test_remove_by_file_and_by_folder(library: Library, samples):
    removed = library.remove([samples["plain"]])
    assert removed == [str(samples["plain"].resolve())]
    assert len(library) == 3
    assert library.get(str(samples["plain"].resolve())) is None
    assert len(library.remove([samples["plain"].parent])) == 3
    assert len(library) == 0


def test_a_library_that_does_not_exist_is_empty_and_not_created(tmp_path: Path):
    lib = Library(tmp_path / "nowhere")
    assert not lib.exists()
    assert len(lib) == 0
    assert lib.search("anything").total == 0
    assert lib.get("/x") is None
    assert not (tmp_path / "nowhere").exists()


def test_a_damaged_index_is_a_clear_error_not_a_traceback(tmp_path: Path):
    lib = Library(tmp_path / "lib")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("It may rain.\n", encoding="utf-8")
    lib.add([folder])
    lib.close()
    for toc in (tmp_path / "lib" / "index").glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(LibraryError, match="cannot open the library"):
        len(Library(tmp_path / "lib"))


def test_a_library_made_before_a_new_field_keeps_working(tmp_path):
    """An index from an older release (no ``author`` field) opens, searches and takes new files."""
    from whoosh import index as whoosh_index

    from reader.library.engine.schema import make_schema

    old_schema = make_schema()
    old_schema.remove("author")
    (tmp_path / "lib" / "index").mkdir(parents=True)
    whoosh_index.create_in(str(tmp_path / "lib" / "index"), old_schema)
    source = tmp_path / "note.txt"
    source.write_text("The treatment may help some patients.\n", encoding="utf-8")
    library = Library(tmp_path / "lib")
    report = library.add([source])
    assert report.added == [str(source.resolve())]
    assert [hit.summary.title for hit in library.search("treatment").hits] == ["note"]
