"""The app's key flows, driven with Pilot as a keyboard user would."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import Input, ProgressBar

from reader.hedging import CATEGORIES
from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.claims_marks import kind_name
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import CLAIM_KINDS, DocumentView
from reader.tui.widgets.reading_pane import ReadingPane
from tests.helpers import SIZE, settle, visible_text


async def test_first_run_builds_the_library_from_seeds_and_lists_it(tmp_path: Path, samples):
    library = Library(tmp_path / "fresh")
    app = HedgeReaderApp(library, seeds=samples["hedged"].parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        assert len(listing.entries) == 4
        assert "4 documents in the library" in str(app.query_one("#search-status").render())
        assert library.exists()
        progress = app.query_one(ProgressBar)
        assert progress.total == 4 and progress.progress == 4  # progress was shown
        assert not progress.has_class("active")  # and hidden once the list is filled
        titles = visible_text(listing)
        assert "Vaccines may reduce relapse" in titles
        assert "hedges · " in titles and "boosters /1k" in titles
        # the first sample by file name opens by itself, so a new user sees marks at once
        first = sorted(samples.values())[0]
        assert app.query_one(ReadingPane).document.path == str(first.resolve())
        assert listing.selected.path == str(first.resolve())


async def test_first_run_scrolls_the_list_to_the_opened_sample(tmp_path: Path):
    """The sample opened on the first run is highlighted where the user can see it, even
    when it sorts below the fold (the list used to stay at the top, cursor off screen)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for number in range(30):
        (seeds / f"{number:02d}-sample.txt").write_text(
            f"Sample number {number} may suggest a trend in the data.\n", encoding="utf-8"
        )
    app = HedgeReaderApp(Library(tmp_path / "fresh"), seeds=seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        opened = app.query_one(ReadingPane).document
        assert opened is not None and listing.selected.path == opened.path
        assert opened.title in visible_text(listing)


async def test_an_existing_library_is_not_reseeded(tmp_path: Path, samples, library: Library):
    library.remove([samples["plain"]])
    app = HedgeReaderApp(library, seeds=samples["hedged"].parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.query_one(DocumentList).entries) == 3


async def test_search_open_and_walk_the_hedges(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"relapse", "enter")
        await settle(pilot)
        listing = app.query_one(DocumentList)
        assert app.focused is listing
        assert [e.summary.title for e in listing.entries] == ["Vaccines may reduce relapse"]
        assert listing.entries[0].snippet is not None

        await pilot.press("enter")
        await settle(pilot)
        pane = app.query_one(ReadingPane)
        view = app.query_one(DocumentView)
        assert app.focused is view
        assert pane.document is not None and pane.document.title == "Vaccines may reduce relapse"
        header = str(app.query_one("#reading-header").render())
        assert "hedges" in header and "per 1,000 words" in header
        assert "relapse" in {view.text[m.start : m.end].lower() for m in view.marks("hits")}

        hedges = view.marks("hedges")
        assert len(hedges) >= 4
        await pilot.press("right_square_bracket")
        first = view.current
        await pilot.press("right_square_bracket")
        second = view.current
        assert first in hedges and second in hedges and second.start > first.start
        status = str(app.query_one("#reading-status").render())
        assert f"{kind_name(second.kind)} 2/{len(hedges)}" in status
        assert repr(view.text[second.start : second.end]) in status
        await pilot.press("left_square_bracket")
        assert view.current == first


async def test_next_hedge_scrolls_it_into_view(tmp_path: Path):
    folder = tmp_path / "long"
    folder.mkdir()
    filler = "The cells were counted again and the counts were recorded. " * 60
    (folder / "long.txt").write_text(
        f"Long report\n\n{filler}\n\n{filler}\n\nThe result may change.\n", encoding="utf-8"
    )
    library = Library(tmp_path / "lib")
    library.add([folder])
    app = HedgeReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(DocumentView)
        assert view.scroll_y == 0
        await pilot.press("right_square_bracket")
        await pilot.pause()
        current = view.current
        assert current is not None and view.text[current.start : current.end] == "may"
        assert view.scroll_y > 0
        assert "may" in visible_text(view)


async def test_escape_clears_the_search_and_restores_the_library(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"breakthrough")
        await settle(pilot)  # results as you type, no Enter needed
        listing = app.query_one(DocumentList)
        assert len(listing.entries) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.query_one("#search-input", Input).value == ""
        assert len(listing.entries) == 4
        await pilot.press("escape")
        assert app.focused is listing


async def test_keys_move_the_cursor_and_tab_cycles_focus(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        assert listing.cursor == 0
        await pilot.press("j", "j", "down")
        assert listing.cursor == 3
        await pilot.press("k", "up")
        assert listing.cursor == 1
        await pilot.press("tab")
        assert app.focused is app.query_one(DocumentView)
        await pilot.press("tab")
        assert isinstance(app.focused, Input)


async def test_mouse_click_opens_a_document(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        second = listing.entries[1].summary
        await pilot.click(DocumentList, offset=(3, 1 + 2))  # border, then row 2's title
        await settle(pilot)
        assert app.query_one(ReadingPane).document.path == second.path


async def test_help_lists_the_real_bindings_and_closes(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = visible_text(app.screen.query_one("#help-keys"))
        for description in (
            "Search",
            "Next hedge/claim",
            "Prev hedge/claim",
            "Open",
            "Quit",
            "Next pane",
        ):
            assert description in keys
        assert "Search now, then go to the results" in keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_every_described_binding_is_in_the_command_palette(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for description in (
            "Search",
            "Next hedge/claim",
            "Prev hedge/claim",
            "Help",
            "Quit",
            "Open",
            "Sort",
        ):
            assert description in titles


async def test_q_quits(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_document_text_cannot_restyle_or_control_the_screen(library: Library, samples):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        target = next(
            i for i, e in enumerate(listing.entries) if e.summary.path.endswith("hostile.txt")
        )
        listing.cursor = target
        await pilot.press("enter")
        await settle(pilot)
        shown = visible_text(app.query_one(DocumentView))
        assert "[bold red]not markup[/bold red]" in shown
        assert "[link=http://x]a link[/link]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "␛[31mRED" in shown


async def test_every_mark_is_distinguishable_without_colour(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(DocumentView)
        looks = {}
        for kind in (*CATEGORIES, *CLAIM_KINDS, "hit"):
            style = view.get_component_rich_style(f"document-view--{kind}", partial=True)
            looks[kind] = (style.bold, style.italic, style.underline, style.reverse)
            assert any(looks[kind]), f"{kind} relies on colour alone"
        assert len(set(looks.values())) == len(looks), looks


async def test_the_current_search_hit_does_not_look_like_a_booster_without_colour(
    library: Library,
):
    """With NO_COLOR only bold/italic/underline/reverse tell marks apart: the hit that n/N
    (or opening a result) lands on must not take a booster's exact look."""
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"miracle", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(DocumentView)
        assert view.current is not None and view.current.kind == "hit"
        looks: dict[str, set[tuple]] = {"miracle": set(), "breakthrough": set()}
        for strip in view.render_lines(view.region.reset_offset):
            for segment in strip:
                word = segment.text.strip().lower()
                if word in looks and segment.style is not None:
                    style = segment.style
                    looks[word].add((style.bold, style.italic, style.underline, style.reverse))
        assert looks["miracle"] and looks["breakthrough"]
        assert not looks["miracle"] & looks["breakthrough"], looks


async def test_a_snippet_row_starts_on_a_whole_word_before_the_hit(tmp_path: Path):
    """The list's snippet line is cut to show the hit, but at a word, not mid-word."""
    body = (
        "Considerable methodological heterogeneity characterised observational "
        "epidemiological investigations preceding randomised zebrafish experiments here.\n"
    )
    (tmp_path / "long-words.txt").write_text("Long words\n\n" + body, encoding="utf-8")
    library = Library(tmp_path / "lib")
    library.add([tmp_path / "long-words.txt"])
    app = HedgeReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zebrafish", "enter")
        await settle(pilot)
        rows = visible_text(app.query_one(DocumentList)).splitlines()
        # the list is narrow at 80 columns: the whole match still shows
        snippet = next(row for row in rows if "zebrafish" in row).strip("│ ")
        assert snippet.startswith("…")
        first_word = snippet.lstrip("… ").split()[0]
        assert first_word in body.split(), f"snippet starts mid-word: {snippet!r}"
    library.close()


def test_no_two_app_wide_bindings_share_a_key():
    """Two features merged with the same key: only one of them would ever run."""
    keys = [
        key.strip()
        for binding in HedgeReaderApp.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    ]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
