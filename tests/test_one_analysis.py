"""One analysis per document: with the user's phrases set, the list row, the reading
header, the legend, an export and ``search --json`` give the same figures, and figures
stored by another analysis are made again from the stored texts."""

from __future__ import annotations

import json
from pathlib import Path

from reader.config import Config
from reader.export import analyse
from reader.hedging import CATEGORIES
from reader.library import Library
from reader.library.figures import fingerprint
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.legend import Legend
from tests.helpers import SIZE, open_doc, run, settle, until

#: Phrases the built-in lexicon does not mark, in the plain sample ("Cell counts in culture").
PHRASES = {"counted every day": "tentative", "the medium was changed": "attribution"}


def _plain(library: Library):
    return next(s for s in library.documents() if s.title == "Cell counts in culture")


def test_figures_count_the_users_phrases_and_follow_when_they_change(tmp_path, samples):
    folder = samples["plain"].parent
    with_phrases = Library(tmp_path / "lib", phrases=PHRASES)
    with_phrases.add([folder])
    plain = _plain(with_phrases)
    assert plain.hedges == 2 and plain.by_category == {"tentative": 1, "attribution": 1}
    assert with_phrases.stale() == 0
    marked = analyse(plain.path, plain.title, with_phrases.get(plain.path).body, (), PHRASES)
    assert (plain.hedges, plain.hedges_per_1k) == (
        marked.profile.hedges,
        round(marked.profile.hedges_per_1k, 3),
    )
    with_phrases.close()

    without = Library(tmp_path / "lib")  # the phrases removed from the config
    assert without.stale() == 4
    assert without.reanalyse() == 4
    assert without.stale() == 0
    assert _plain(without).hedges == 0 and _plain(without).by_category == {}
    assert "Cell counts in culture" not in {
        hit.summary.title for hit in without.search("hedges:>0", limit=None).hits
    }
    before = {s.path: (s.title, s.words, s.added) for s in without.documents()}
    assert len(without) == 4 and "Counts rose" in without.get(plain.path).body
    without.close()
    again = Library(tmp_path / "lib", phrases=PHRASES)
    assert again.reanalyse() == 4 and _plain(again).hedges == 2
    assert {s.path: (s.title, s.words, s.added) for s in again.documents()} == before
    assert again.search('"counted every day"').total == 1  # the index itself is intact
    again.close()


def test_a_library_from_before_fingerprints_is_brought_up_to_date(tmp_path, samples):
    library = Library(tmp_path / "lib")
    library.add([samples["hedged"].parent])
    assert library.stale() == 0
    assert fingerprint({}) != fingerprint(PHRASES)
    library.phrases = dict(PHRASES)
    assert library.stale() == 4
    library.close()


async def test_list_row_header_and_legend_agree_with_phrases_set(tmp_path, samples):
    library = Library(tmp_path / "lib")  # figures stored without the phrases
    library.add([samples["plain"].parent])
    app = HedgeReaderApp(library, config=Config(phrases=PHRASES))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: library.stale() == 0)  # re-analysed in the background
        await settle(pilot)
        listing = app.query_one(DocumentList)
        row = next(e.summary for e in listing.entries if e.summary.title.startswith("Cell"))
        assert row.hedges == 2
        await open_doc(pilot, "cell-counts.txt")
        header = str(app.query_one("#reading-header").render())
        assert "2 hedges" in header
        await pilot.press("p")
        await pilot.pause()
        rows = app.query_one(Legend).rows  # hedge categories; the claim rows follow them
        counts = {r.kind: r.count for r in rows if r.count and r.kind in CATEGORIES}
        assert counts == {"tentative": 1, "attribution": 1} == row.by_category
    library.close()


def test_search_json_counts_the_phrases_of_the_config_file(tmp_path, samples, monkeypatch):
    lib = tmp_path / "lib"
    assert run("add", str(samples["plain"].parent), library=lib).returncode == 0
    config = tmp_path / "config.toml"
    config.write_text(
        '[phrases]\ntentative = ["counted every day"]\nattribution = ["the medium was changed"]\n'
    )
    monkeypatch.setenv("HEDGE_READER_CONFIG", str(config))
    found = run("search", "--json", "cells", library=lib)
    assert found.returncode == 0, found.stderr
    (hit,) = json.loads(found.stdout)["results"]
    assert hit["hedges_per_1k"] > 0
    listed = json.loads(run("list", "--json", library=lib).stdout)["documents"]
    plain = next(d for d in listed if d["title"] == "Cell counts in culture")
    assert Path(plain["path"]).name == "cell-counts.txt"
    assert plain["hedges_per_1k"] == hit["hedges_per_1k"]
