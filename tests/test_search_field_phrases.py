"""Fields take phrases: author:"Maria Chen", title:"very long review"."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library, QueryError


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    docs = {
        "review.md": ("A very long review of trials", "Maria Chen", "It may work."),
        "other.md": ("A review, very long and of trials", "Chen Maria", "Maybe."),
        "third.md": ("Short note", "Maria Lopez", "A note by Chen."),
    }
    for name, (title, author, text) in docs.items():
        note = f"---\ntitle: {title}\nauthor: {author}\n---\n\n{text}\n"
        (folder / name).write_text(note, encoding="utf-8")
    library = Library(tmp_path / "library")
    assert not library.add([folder]).failed
    yield library
    library.close()


def titles(results) -> list[str]:
    return sorted(hit.summary.title for hit in results.hits)


def test_a_field_takes_a_phrase(lib: Library):
    assert titles(lib.search('author:"Maria Chen"')) == ["A very long review of trials"]
    assert titles(lib.search('title:"very long review"')) == ["A very long review of trials"]
    assert titles(lib.search("author:chen")) == [
        "A review, very long and of trials",
        "A very long review of trials",
    ]


def test_an_empty_field_is_still_refused(lib: Library):
    with pytest.raises(QueryError, match="nothing after author:"):
        lib.search('author: "Maria Chen"')
