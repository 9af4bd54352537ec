"""Claim strength as the app shows it, driven with Pilot: cue marks, the claims panel's
tags, the legend's counts and toggles, ]/[ stops, the causal sort and the query filter."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.config import load_config
from reader.hedging.claims import find_claims
from reader.library import Library
from reader.reading.analysis import FIRST_CHUNK
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.legend import Legend
from reader.tui.widgets.side_panel import ClaimsList
from tests.helpers import (
    COFFEE,
    SIZE,
    open_doc,
    settle,
    status,
    style_at,
    visible_text,
    write_claim_docs,
)

#: One finding of each strength, a hedge ("may") on the conditional one, and a sentence
#: that states no finding.
#: Three findings, all stated as causes.
#: Findings, none causal.


@pytest.fixture
def claims_library(tmp_path: Path) -> Library:
    write_claim_docs(tmp_path / "docs")
    library = Library(tmp_path / "library")
    assert not library.add([tmp_path / "docs"]).failed
    yield library
    library.close()


async def test_cue_words_are_marked_by_strength_and_never_over_a_hedge(claims_library):
    app = HedgeReaderApp(claims_library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "coffee-and-cancer.txt")
        view = pane.view
        marks = {view.text[m.start : m.end]: m.kind for m in view.marks("hedges")}
        assert marks["reduces"] == "claim-causal"
        assert marks["improve"] == "claim-conditional"
        assert marks["associated with"] == "claim-correlational"
        assert marks["may"] == "modal"  # the condition word keeps its hedge mark alone
        starts = sorted((m.start, m.end) for m in view.marks("hedges"))
        assert all(a_end <= b for (_, a_end), (b, _) in pairwise(starts))
        causal = style_at(view, COFFEE.index("reduces"))
        assert (causal.reverse, causal.italic, causal.bold) == (True, True, True)
        correlational = style_at(view, COFFEE.index("associated"))
        assert (correlational.reverse, correlational.italic) == (True, True)
        assert not correlational.bold and not correlational.underline
        plain = style_at(view, COFFEE.index("cohort"))  # a sentence that states no finding
        assert not (plain.reverse or plain.italic or plain.bold or plain.underline)


async def test_the_claims_panel_tags_each_finding_with_its_strength(claims_library):
    app = HedgeReaderApp(claims_library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "coffee-and-cancer.txt")
        await pilot.press("c")
        await pilot.pause()
        claims = app.query_one(ClaimsList)
        labels = [row.finding.label if row.finding else None for row in claims.rows]
        assert labels == ["direct_causal", "conditional_causal", "correlational"]
        assert not any("cohort" in COFFEE[r.start : r.end] for r in claims.rows)
        rows = visible_text(claims).splitlines()
        tagged = {tag: next(row for row in rows if tag in row) for tag in ("CAUSE", "cond?")}
        assert "reduces" in tagged["CAUSE"] and "modal" in tagged["cond?"]
        assert any("corr" in row and "Tea drinking" in row for row in rows)
        await pilot.press("enter")  # the first row: the direct causal sentence
        await pilot.pause()
        assert app.focused is pane.view
        current = pane.view.current
        assert pane.view.text[current.start : current.end] == "reduces"
        assert "direct causal claim" in status(app)


async def test_the_legend_counts_the_four_strengths_and_hides_their_marks(claims_library):
    app = HedgeReaderApp(claims_library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "coffee-and-cancer.txt")
        view = pane.view
        await pilot.press("p")
        await pilot.pause()
        legend = app.query_one(Legend)
        counts = {row.kind: row.count for row in legend.rows}
        assert counts["claim-causal"] == 1
        assert counts["claim-conditional"] == 1
        assert counts["claim-correlational"] == 1
        assert counts["claim-none"] == 2  # the title and the cohort sentence
        shown = visible_text(legend)
        for name in ("direct causal", "conditional causal", "correlational", "no claim"):
            assert name in shown
        assert "3 findings, 33% causal" in str(app.query_one("#reading-header").render())

        legend.focus()
        legend.cursor = [row.kind for row in legend.rows].index("claim-causal")
        await pilot.press("space")
        await pilot.pause()
        assert app.hidden_categories == {"claim-causal"}
        assert not style_at(view, COFFEE.index("reduces")).reverse
        assert "[ ] 8 direct causal" in visible_text(legend)
        claims = app.query_one(ClaimsList)
        assert all(r.finding is None or r.finding.label != "direct_causal" for r in claims.rows)
        view.focus()
        stops = set()
        for _ in range(len(view.marks("hedges"))):
            await pilot.press("right_square_bracket")
            stops.add(view.current.kind)
        assert "claim-causal" not in stops and "claim-correlational" in stops

        await pilot.press("8")  # every claim strength: some are shown, so hide them all
        await pilot.pause()
        assert {"claim-causal", "claim-conditional", "claim-correlational"} <= app.hidden_categories
        assert not style_at(view, COFFEE.index("associated")).reverse
        await pilot.press("8")
        await pilot.pause()
        assert app.hidden_categories == set()
        assert style_at(view, COFFEE.index("reduces")).reverse


async def test_brackets_stop_at_claim_cues_and_hedges_in_text_order(claims_library):
    app = HedgeReaderApp(claims_library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "coffee-and-cancer.txt")
        view = pane.view
        words = []
        for _ in range(4):
            await pilot.press("right_square_bracket")
            words.append(view.text[view.current.start : view.current.end])
        assert words == ["reduces", "may", "improve", "associated with"]
        assert "correlational claim 4/4" in status(app)
        await pilot.press("left_square_bracket")
        assert view.text[view.current.start : view.current.end] == "improve"
        assert "conditional causal claim 3/4" in status(app)


async def test_a_long_text_gets_the_claims_of_every_chunk(tmp_path: Path):
    """Claims are found in the same chunks as the hedges: the first one's after its paint,
    the rest as they come; together they are exactly the labeller's on the whole text."""
    paragraph = COFFEE.split("\n\n", 1)[1]
    text = "Many findings\n\n" + "\n".join([paragraph] * (3 * FIRST_CHUNK // len(paragraph)))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "long.txt").write_text(text, encoding="utf-8")
    library = Library(tmp_path / "library")
    library.add([tmp_path / "docs"])
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "long.txt")
        while pane.analysed < 1.0:
            await pilot.pause(0.05)
        await settle(pilot)
        expected = find_claims(pane.document.body)
        assert len(expected) > 30
        assert [(f.start, f.label) for f in pane.findings] == [(f.start, f.label) for f in expected]
        last = expected[-1].cues[-1]
        assert any(m.start == last.start for m in pane.view.marks("hedges"))
    library.close()


async def test_list_rows_show_the_causal_share_and_s_sorts_by_it(claims_library):
    app = HedgeReaderApp(claims_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        while app.main.sort != "causal":
            await pilot.press("s")
            await settle(pilot)
        listing = app.query_one(DocumentList)
        titles = [entry.summary.title for entry in listing.entries]
        assert titles == ["Green tea", "Coffee and liver cancer", "Walking and mood"]
        rows = visible_text(listing)
        assert "100% causal" in rows and "33% causal" in rows and "0% causal" in rows
        assert "sorted by causal" in str(app.query_one("#search-status").render())


async def test_the_search_bar_filters_by_claim_strength(claims_library):
    app = HedgeReaderApp(claims_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        async def search(query: str) -> list[str]:
            await pilot.press("slash")
            app.query_one("#search-input", Input).value = ""
            await pilot.press(*query, "enter")
            await settle(pilot)
            return sorted(e.summary.title for e in app.query_one(DocumentList).entries)

        assert await search("claims:causal") == ["Coffee and liver cancer", "Green tea"]
        assert await search("claims:correlational") == [
            "Coffee and liver cancer",
            "Walking and mood",
        ]
        assert await search("claims:conditional") == ["Coffee and liver cancer"]
        assert await search("causal:>50") == ["Green tea"]
        assert await search("tea NOT claims:conditional") == ["Green tea"]
        await search("claims:maybe")
        bar = str(app.query_one("#search-status").render())
        assert "unknown claim strength 'maybe'" in bar and "claims:causal" in bar


async def test_claim_marks_named_in_the_config_start_hidden(claims_library, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('hidden_categories = ["causal"]\n', encoding="utf-8")
    config = load_config(path)
    app = HedgeReaderApp(claims_library, config=config, state_file=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "coffee-and-cancer.txt")
        await pilot.press("p")
        await pilot.pause()
        assert not style_at(pane.view, COFFEE.index("reduces")).reverse
        assert style_at(pane.view, COFFEE.index("associated")).reverse
        legend = visible_text(app.query_one(Legend))
        assert "[ ] 8 direct causal" in legend
        assert "[x] 8 correlational" in legend
