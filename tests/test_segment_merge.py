"""Merging segments reads them term by term in stored order; whatever wrote them, the
merged library answers every query as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from reader.library.engine.schema import make_schema, pre_analysed, pre_indexed
from reader.library.engine.writer import BulkWriter
from reader.library.indexing import Analysed, analyse
from tests.helpers import documents

QUERIES = ["vaccines", "may", '"further studies"', "categories:modal", "hedges:[1 TO 2]", "mg*"]


def hits(index: object) -> dict[str, list[tuple[str, float]]]:
    found = {}
    with index.searcher() as searcher:  # type: ignore[attr-defined]
        parser = QueryParser("body", index.schema)  # type: ignore[attr-defined]
        for text in QUERIES:
            results = searcher.search(parser.parse(text), limit=None)
            found[text] = sorted((hit["path"], round(hit.score, 4)) for hit in results)
    return found


@pytest.mark.parametrize("whoosh_layout", [True, False])
def test_a_merge_keeps_every_hit_and_score(tmp_path: Path, whoosh_layout: bool):
    index = whoosh_index.create_in(str(tmp_path), make_schema())
    analysed = Analysed(pre_analysed(index.schema), pre_indexed(index.schema))
    docs = documents(90)
    for start in range(0, 90, 30):
        # Whoosh's own writer and codec (pickled tuples, compressed blocks, inlined
        # postings) or the bulk writer's array layout
        writer = index.writer() if whoosh_layout else BulkWriter(index)
        for fields in docs[start : start + 30]:
            writer.add_document(**(fields if whoosh_layout else analyse(dict(fields), analysed)))
        writer.commit(merge=False)
    before = hits(index)
    assert all(before.values())
    writer = BulkWriter(index)
    writer.commit(optimize=True)
    index = index.refresh()
    assert len(index._segments()) == 1
    merged = hits(index)
    # scores move by under 1%: a merge totals the stored (byte-rounded) field lengths,
    # as Whoosh's own merge does, where the writer had totalled the exact ones
    merged = {t: [(p, pytest.approx(s, rel=0.01)) for p, s in v] for t, v in merged.items()}
    assert merged == before
    # a merge drops deleted documents' postings (scores move: the field averages change)
    writer = BulkWriter(index)
    writer.delete_by_term("path", "/docs/d007.txt")
    writer.commit(merge=False)
    writer = BulkWriter(index)
    writer.commit(optimize=True)
    index = index.refresh()
    assert index.doc_count_all() == 89
    after = hits(index)
    for text, found in before.items():
        assert [p for p, _ in after[text]] == [p for p, _ in found if p != "/docs/d007.txt"]
