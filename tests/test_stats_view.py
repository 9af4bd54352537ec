"""The Library view (`S`) and ``hedge-reader stats``: figures from the stored fields, every
bar a search, saved beside the index and counted again when the library changes."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli.main import main
from reader.library import Library
from reader.library.stats import cached_stats, library_stats
from reader.tui.app import HedgeReaderApp
from reader.tui.screens.stats import StatsList, StatsScreen
from tests.helpers import after as _after
from tests.helpers import fixture_app, fixture_folder


async def _settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.screen.workers.wait_for_complete()
    await pilot.pause()


def _prompts(screen: StatsScreen) -> list[str]:
    return screen.lines()


async def test_enter_on_a_bar_searches_that_slice(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("i")
        await _settled(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        prompts = _prompts(screen)
        assert prompts[0].startswith("Hedges per 1,000 words")
        summary = str(screen.query_one("#stats-summary").render())
        assert summary.startswith("4 documents")
        # the formats: two txt files, one Markdown and the hostile text
        wanted = next(i for i, p in enumerate(prompts) if p.startswith("md "))
        rows = screen.query_one(StatsList)
        assert rows.cursor == 1  # on the first bar, under the first title
        rows.cursor = wanted
        await pilot.press("enter")
        await _settled(pilot)
        await pilot.pause(0.3)
        await _settled(pilot)
        assert not isinstance(app.screen, StatsScreen)
        assert app.query_one("#search-input").value == "format:md"
        assert [hit.summary.format for hit in app.main.results.hits] == ["md"]


async def test_a_most_hedged_document_opens_from_the_view(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("i")
        await _settled(pilot)
        prompts = _prompts(app.screen)
        heading = prompts.index("Most hedged (per 1,000 words)")
        rows = app.screen.query_one(StatsList)
        await pilot.press("G")
        assert rows.cursor == len(prompts) - 1  # the last document
        await pilot.press("g")
        assert rows.cursor == 1  # the first bar, under the first title
        rows.cursor = heading - 1  # the gap above the title: the cursor skips both
        await pilot.press("j")
        assert rows.cursor == heading + 1
        top = library_stats(library).most_hedged[0]
        await pilot.press("enter")
        await _settled(pilot)
        await pilot.pause(0.3)
        await _settled(pilot)
        assert app.query_one("#reading-pane").document.path == top.path


async def test_figures_are_kept_and_counted_again_after_an_add(library: Library, tmp_path: Path):
    first = library_stats(library)
    assert first.fresh and first.documents == 4
    again = library_stats(library)
    assert not again.fresh and again.documents == 4 and again.histogram == first.histogram
    note = tmp_path / "more.txt"
    note.write_text("It may rain, and it might not, perhaps.", encoding="utf-8")
    library.add([note])
    assert cached_stats(library, library.generation()) is None  # stale now
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("i")
        await pilot.pause()
        await _settled(pilot)
        summary = str(app.screen.query_one("#stats-summary").render())
        assert summary.startswith("5 documents") and "updating" not in summary


def test_stats_on_the_command_line(library: Library, capsys):
    assert main(["stats", "--json", "--library", str(library.path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 4
    assert sum(bar["count"] for bar in data["histogram"]) == 4
    assert {bar["query"] for bar in data["formats"]} == {"format:txt", "format:md"}
    for bar in data["histogram"]:
        assert library.search(bar["query"], limit=None).total == bar["count"]
    for bar in data["months"] + data["sources"]:
        assert library.search(bar["query"], limit=None).total == bar["count"]
    assert main(["stats", "--library", str(library.path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 documents · ")
    assert "Hedges per 1,000 words" in out and "Most hedged" in out


def test_stats_on_a_missing_library_is_one_line(tmp_path: Path, capsys):
    assert main(["stats", "--library", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no library here" in err


def test_library_view_snapshot(snap_compare):
    with fixture_folder():
        app = fixture_app()
        try:
            assert snap_compare(app, terminal_size=(120, 40), run_before=_after("i"))
        finally:
            app.library.close()


def test_library_view_small_terminal_snapshot(snap_compare):
    with fixture_folder():
        app = fixture_app()
        try:
            assert snap_compare(app, terminal_size=(80, 24), run_before=_after("i"))
        finally:
            app.library.close()


def test_a_stored_figure_added_later_becomes_a_column_per_source():
    from datetime import datetime

    from reader.library.stats import compute

    def row(path: str, source: str, causal: float | None) -> dict:
        fields = {"path": path, "source": source, "format": "feed", "words": 300}
        fields.update(hedges=10.0, boosters=1.0, hedge_count=3, booster_count=0)
        fields["date"] = datetime(2024, 3, 5)
        if causal is not None:
            fields["causal_share"] = causal
        return fields

    feed = "https://news.example/feed"
    rows = [row("https://n/1", feed, 0.5), row("https://n/2", feed, 0.25)]
    rows.append(row("https://n/3", "https://other.example/rss", None))
    stats = compute(rows)
    assert stats.extras == ["causal_share"]
    by_label = {bar.label: bar for bar in stats.sources}
    assert by_label["feed news.example/feed"].extra == {"causal_share": 0.375}
    assert by_label["feed other.example/rss"].extra == {}
    assert compute(rows[2:]).extras == []  # no document has it: no column


def test_sources_are_feeds_sites_folders_and_a_zotero_library_as_one(tmp_path: Path):
    from reader.library.stats import compute

    def row(path: str, source: str = "", fmt: str = "pdf") -> dict:
        return {"path": path, "source": source or path, "format": fmt, "words": 200}

    rows = [
        row("/z/Zotero/storage/ABCD1234/a.pdf"),
        row("/z/Zotero/storage/WXYZ9876/b.pdf"),
        row("/notes/x.md", fmt="md"),
        row("https://n.example/e1", "https://n.example/feed.xml", "feed"),
        row("https://site.example/a/b", fmt="html"),
    ]
    sources = {bar.label: bar.query for bar in compute(rows).sources}
    assert sources == {
        "zotero /z/Zotero": "path:/z/Zotero/storage/*",
        "folder /notes": "path:/notes/*",
        "feed n.example/feed.xml": 'source:"https://n.example/feed.xml"',
        "web site.example": "path:https://site.example/*",
    }


async def test_a_click_on_a_bar_searches_it_and_a_click_on_a_title_does_nothing(library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=(100, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("i")
        await _settled(pilot)
        rows = app.screen.query_one(StatsList)
        await pilot.click(StatsList, offset=(2, 0))  # "Hedges per 1,000 words"
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen) and rows.cursor == 1
        query = rows.rows[2].choice.query
        await pilot.click(StatsList, offset=(2, 2))
        await _settled(pilot)
        assert not isinstance(app.screen, StatsScreen)
        assert app.query_one("#search-input").value == query
