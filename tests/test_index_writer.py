"""The bulk writer writes the segments Whoosh's own writer would: search cannot tell them apart."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.fields import TEXT
from whoosh.qparser import QueryParser

from reader.library import codec
from reader.library.engine.codec import LeanCodec, merge_tiers
from reader.library.engine.schema import make_schema, pre_analysed, pre_indexed, text_analyzer
from reader.library.engine.tokens import text_postings
from reader.library.engine.writer import BulkWriter
from reader.library.indexing import Analysed, analyse
from tests.helpers import documents


def build(folder: Path, bulk: bool, docs: list[dict[str, Any]], deleted: set[str]) -> Any:
    """Commits of 30 documents with size-tier merging, then some deletions merged away."""
    folder.mkdir()
    index = whoosh_index.create_in(str(folder), make_schema())
    analysed = Analysed(pre_analysed(index.schema), pre_indexed(index.schema))
    for start in range(0, len(docs), 30):
        writer = BulkWriter(index) if bulk else index.writer(codec=LeanCodec(), compound=False)
        for fields in docs[start : start + 30]:
            writer.add_document(**(analyse(dict(fields), analysed) if bulk else fields))
        writer.commit(mergetype=merge_tiers)
    writer = BulkWriter(index) if bulk else index.writer(codec=LeanCodec(), compound=False)
    for path in sorted(deleted):
        writer.delete_by_term("path", path)
    writer.commit(optimize=True)
    return index


def segment_files(folder: Path) -> list[tuple[str, bytes]]:
    """Each file's kind and bytes, segment names (random) left out."""
    return sorted(
        (re.sub(r"_[a-z0-9]{16}", "_", path.name), path.read_bytes())
        for path in folder.iterdir()
        if not path.name.endswith(".toc")
    )


def test_with_whooshs_pickle_protocol_the_files_are_byte_for_byte_whooshs(tmp_path, monkeypatch):
    monkeypatch.setattr(codec, "PROTOCOL", 2)
    docs = documents(130)
    deleted = {docs[5]["path"], docs[77]["path"]}
    build(tmp_path / "whoosh", False, docs, deleted)
    build(tmp_path / "bulk", True, docs, deleted)
    theirs, ours = segment_files(tmp_path / "whoosh"), segment_files(tmp_path / "bulk")
    assert [name for name, _ in ours] == [name for name, _ in theirs]
    assert ours == theirs


@pytest.mark.parametrize(
    "query",
    [
        "vaccine",
        "patients OR mice",
        '"further studies"',
        "title:report",
        "prot*",
        "expression OR breakthrough",
        "ß",
    ],
)
def test_search_gives_the_same_hits_and_scores(tmp_path, query):
    docs = documents(130)
    deleted = {docs[5]["path"], docs[77]["path"]}
    whoosh = build(tmp_path / "whoosh", False, docs, deleted)
    bulk = build(tmp_path / "bulk", True, docs, deleted)
    parsed = QueryParser("body", whoosh.schema).parse(query)
    with whoosh.searcher() as theirs, bulk.searcher() as ours:
        expected = [(hit["path"], round(hit.score, 9)) for hit in theirs.search(parsed, limit=None)]
        found = [(hit["path"], round(hit.score, 9)) for hit in ours.search(parsed, limit=None)]
    assert expected and found == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_positions_for_a_library_made_before_array_positions_are_whooshs(text: str):
    """Libraries made before ``ArrayPositions`` keep Whoosh's ``Positions`` encoding."""
    field = TEXT(analyzer=text_analyzer(), field_boost=2.0)
    expected = sorted(field.index(text))
    assert sorted(text_postings(text, 2.0, arrays=False).postings) == expected
