"""Claim figures the library stores, a library made before them, and the exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader.library.schema import make_schema
from whoosh import index as whoosh_index

import reader.library.library as library_module
from reader.export import analyse, to_html, to_markdown
from reader.library import Library, QueryError
from tests.helpers import COFFEE, write_claim_docs

CLAIM_FIELDS = ("claims", "causal", "claim_counts")


def test_each_document_stores_its_counts_and_the_causal_share(tmp_path: Path):
    write_claim_docs(tmp_path / "docs")
    library = Library(tmp_path / "library")
    library.add([tmp_path / "docs"])
    by_title = {s.title: s.claims for s in library.documents()}
    coffee = by_title["Coffee and liver cancer"]
    assert (coffee.findings, coffee.direct_causal, coffee.conditional_causal) == (3, 1, 1)
    assert coffee.correlational == 1 and round(coffee.causal_share, 2) == 0.33
    assert by_title["Green tea"].causal_share == 1.0
    assert by_title["Walking and mood"].direct_causal == 0
    assert library.documents(sort="causal")[0].title == "Green tea"
    assert library.search("claims:none").total == 0
    assert library.search("causal:[30 to 40]").hits[0].summary.title == "Coffee and liver cancer"
    with pytest.raises(QueryError, match="unknown claim strength"):
        library.search("claims:bold")
    library.close()


def test_a_library_made_before_claim_figures_reads_them_as_unknown_then_fills_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """An index with the old schema and documents without claim fields: it opens, lists
    (claims unknown, not zero), sorts and filters; the next add re-indexes them once."""
    old = make_schema()
    for name in CLAIM_FIELDS:
        old.remove(name)
    (tmp_path / "library" / "index").mkdir(parents=True)
    whoosh_index.create_in(str(tmp_path / "library" / "index"), old)
    index_fields = library_module._index_fields

    def without_claims(parsed, phrases=None):
        fields = index_fields(parsed, phrases)
        return {k: v for k, v in fields.items() if k not in CLAIM_FIELDS}

    write_claim_docs(tmp_path / "docs")
    monkeypatch.setattr(library_module, "_index_fields", without_claims)
    library = Library(tmp_path / "library")
    library.add([tmp_path / "docs"])
    library.close()
    monkeypatch.undo()

    library = Library(tmp_path / "library")
    summaries = library.documents(sort="causal")
    assert len(summaries) == 3 and all(s.claims is None for s in summaries)
    assert library.search("claims:causal").total == 0
    assert library.search("coffee").total == 1

    report = library.add([tmp_path / "docs"])
    assert len(report.updated) == 3 and not report.added
    assert library.search("claims:causal").total == 2
    assert library.documents(sort="causal")[0].title == "Green tea"
    again = library.add([tmp_path / "docs"])
    assert len(again.unchanged) == 3 and not again.updated
    library.close()


def test_html_and_markdown_exports_list_the_claims():
    document = analyse("coffee.txt", "Coffee", COFFEE)
    page = to_html(document)
    assert '<section id="claims">' in page
    assert '<tr data-claim="direct_causal">' in page
    assert '<mark class="claim-causal">reduces</mark>' in page
    assert "33% stated as a direct cause" in page
    markdown = to_markdown(document)
    assert "## Claims" in markdown
    assert "- **direct causal** (reduces): Drinking coffee reduces the risk" in markdown
    assert "- **correlational** (associated with): Tea drinking" in markdown
    assert "- Findings: 3 (33% stated as a direct cause)" in markdown


def test_exported_claims_are_escaped_text():
    document = analyse("x.txt", "X", "Coffee <b>reduces</b> *risk* [bold]x[/bold].\n")
    page = to_html(document)
    assert "<b>" not in page.split('<section id="claims">')[1].split("</section>")[0]
    assert "&lt;b&gt;" in page
    assert r"\*risk\*" in to_markdown(document)
