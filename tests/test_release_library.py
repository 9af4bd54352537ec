"""A library written by a release opens, answers as it did, and takes new documents.

Its index pickles module paths (``reader.library.codec.LeanCodec``, the schema's field
types, ``reader.library.positions.ArrayPositions``); ``tests/data/make_release_library.py``
wrote it and what it answered then.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.library import Library

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "release-library.json").read_text())


@pytest.fixture
def released(tmp_path: Path) -> Library:
    """A copy of the release's library (tests never write into the tree)."""
    shutil.copytree(DATA / "release-library" / "library", tmp_path / "library")
    library = Library(tmp_path / "library")
    yield library
    library.close()


def _names(results) -> list[str]:
    return [Path(hit.summary.path).name for hit in results.hits]


def test_release_library_lists_its_documents_with_their_figures(released: Library) -> None:
    found = [
        {
            "name": Path(s.path).name,
            "title": s.title,
            "words": s.words,
            "hedges_per_1k": s.hedges_per_1k,
            "hedges": s.hedges,
        }
        for s in released.documents(sort="title")
    ]
    assert found == EXPECTED["documents"]


@pytest.mark.parametrize("query", sorted(EXPECTED["searches"]))
def test_release_library_answers_queries_as_it_did(released: Library, query: str) -> None:
    assert _names(released.search(query, limit=None)) == EXPECTED["searches"][query]


def test_release_library_gives_back_texts_and_takes_new_documents(
    released: Library, tmp_path: Path
) -> None:
    summary = next(s for s in released.documents() if s.title == "Vaccines may reduce relapse")
    document = released.get(summary.path)
    assert document is not None and "Further studies are needed" in document.body
    new = tmp_path / "new.txt"
    new.write_text("Lithium may slow decline\n\nThe vaccine could perhaps help.\n")
    report = released.add([new])
    assert report.added == [str(new.resolve())]
    assert sorted(_names(released.search("vaccine", limit=None))) == [
        "new.txt",
        "vaccines-may-reduce-relapse.txt",
    ]
    released.close()
    reopened = Library(tmp_path / "library")
    assert len(reopened) == 4
    assert _names(reopened.search('"slow decline"')) == ["new.txt"]
    reopened.close()


def test_old_module_paths_name_the_moved_modules() -> None:
    import importlib

    from reader.moved import MOVED

    for old, new in MOVED.items():
        assert importlib.import_module(old) is importlib.import_module(new), old
    from reader.library.codec import LeanCodec
    from reader.library.positions import ArrayPositions
    from reader.library.schema import FLOAT, BodyText, PhraseText

    assert LeanCodec.__module__ == "reader.library.engine.codec"
    assert {FLOAT.__module__, BodyText.__module__, PhraseText.__module__} == {
        "reader.library.engine.schema"
    }
    assert ArrayPositions.__module__ == "reader.library.engine.positions"
