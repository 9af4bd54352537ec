"""The reading pane's features, driven with Pilot: legend and toggles, claims, outline,
find with n / N, bookmarks, history, and the small-terminal layout."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reader.hedging import CATEGORIES, find_hedges, sentence_spans
from reader.library import Library
from reader.reading.memory import Memory
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import CLAIM_KINDS, DocumentView
from reader.tui.widgets.legend import Legend
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.side_panel import BookmarkList, ClaimsList, OutlineList
from tests.conftest import HEDGED
from tests.helpers import SIZE, notice_texts, open_doc, settle, status, style_at, visible_text


async def test_legend_counts_each_category_and_keys_hide_and_show_it(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        view = pane.view
        await pilot.press("p")
        await pilot.pause()
        legend = app.query_one(Legend)
        expected = {c: 0 for c in CATEGORIES}
        for hedge in find_hedges(HEDGED):
            expected[hedge.category] += 1
        assert {row.kind: row.count for row in legend.rows if row.kind in CATEGORIES} == expected
        shown = visible_text(legend)
        assert "modal" in shown and "booster" in shown

        modal = next(m for m in view.marks("hedges") if m.kind == "modal")
        assert style_at(view, modal.start).underline
        await pilot.press("1")  # modal is the first category
        await pilot.pause()
        assert app.hidden_categories == {"modal"}
        assert not style_at(view, modal.start).underline  # the mark is gone at once
        assert "[ ] 1 modal" in visible_text(legend) and " off" in visible_text(legend)
        header = str(app.query_one("#reading-header").render())
        assert "modal 2 off" in header
        # ] never stops at a hidden category
        kinds = set()
        for _ in range(len(view.marks("hedges"))):
            await pilot.press("right_square_bracket")
            kinds.add(view.current.kind)
        assert "modal" not in kinds and kinds
        await pilot.press("1")
        await pilot.pause()
        assert app.hidden_categories == set()
        assert style_at(view, modal.start).underline


async def test_hiding_the_category_of_the_current_mark_clears_the_status_naming_it(
    library: Library,
):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        view = pane.view
        first = view.marks("hedges")[0]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.current == first and first.kind in status(app)
        key = str(list(CATEGORIES).index(first.kind) + 1)
        await pilot.press(key)
        await pilot.pause()
        assert view.current is None
        assert first.kind not in status(app) and "next / previous hedge" in status(app)


async def test_legend_rows_toggle_with_space_when_focused(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_doc(pilot, "breakthrough.md")
        await pilot.press("p")
        legend = app.query_one(Legend)
        legend.focus()
        await pilot.press("G")  # the last row, then up past the claim strengths to boosters
        await pilot.press(*["k"] * [row.kind for row in reversed(legend.rows)].index("booster"))
        await pilot.press("space")
        await pilot.pause()
        assert app.hidden_categories == {"booster"}
        claims = app.query_one(ClaimsList)
        assert all("booster" not in claim.categories for claim in claims.rows)


async def test_typing_digits_in_the_search_bar_toggles_nothing(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "1", "2", "f", "p")
        assert app.query_one("#search-input", Input).value == "12fp"
        assert app.hidden_categories == set()
        assert not app.query_one(ReadingPane).side_open


async def test_claims_list_every_hedged_sentence_and_enter_jumps_there(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        await pilot.press("c")
        await pilot.pause()
        claims = app.query_one(ClaimsList)
        assert app.focused is claims
        hedges = find_hedges(HEDGED)
        hedged = [
            (s, e) for s, e in sentence_spans(HEDGED) if any(s <= h.start < e for h in hedges)
        ]
        assert [(c.start, c.end) for c in claims.rows] == hedged
        rows = visible_text(claims)
        assert "Further studies are needed" in rows
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        target = claims.rows[2]
        assert app.focused is pane.view
        # the first mark of the sentence: its first hedge, or a claim cue before it
        assert target.start <= pane.view.current.start <= target.hedges[0].start
        assert pane.view.current.end <= target.end


async def test_outline_counts_hedges_per_section_and_jumps(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "breakthrough.md")
        await pilot.press("o")
        await pilot.pause()
        outline = app.query_one(OutlineList)
        assert app.focused is outline
        titles = [s.title for s in outline.rows]
        assert titles == ["A breakthrough that proves everything", "Claims", "Reality"]
        by_title = {s.title: s for s in outline.rows}
        assert by_title["Claims"].boosters >= 3  # miracle, breakthrough, proves
        assert by_title["Reality"].hedges >= 1 and by_title["Reality"].boosters == 0
        shown = visible_text(outline)
        assert "Claims" in shown and "+" in shown
        await pilot.press("G", "enter")
        await pilot.pause()
        assert app.focused is pane.view
        assert "section: Reality" in status(app)
        assert "Reality" in visible_text(pane.view)


async def test_outline_of_a_text_without_headings_is_in_tenths(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        await pilot.press("o")
        await pilot.pause()
        outline = app.query_one(OutlineList)
        assert "no headings" in str(outline.border_title)
        assert outline.rows[0].title.startswith(" 0%")
        assert sum(s.hedges + s.boosters for s in outline.rows) == len(find_hedges(HEDGED))


async def test_find_counts_matches_and_n_steps_through_them_then_hits(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"relapse", "enter")
        await settle(pilot)
        await pilot.press("enter")  # open the only result: search hits marked
        await settle(pilot)
        pane = app.query_one(ReadingPane)
        view = pane.view
        assert view.current is not None and view.current.kind == "hit"

        await pilot.press("f")
        assert app.focused is app.query_one("#find-input")
        await pilot.press(*"the")
        count = len([i for i in range(len(HEDGED)) if HEDGED.lower().startswith("the", i)])
        assert str(app.query_one("#find-count").render()) == f"1/{count}"
        assert view.current.kind == "find"
        await pilot.press("enter")
        assert app.focused is view
        await pilot.press("n")
        assert str(app.query_one("#find-count").render()) == f"2/{count}"
        await pilot.press("N", "N")
        assert str(app.query_one("#find-count").render()) == f"{count}/{count}"  # wraps round
        assert view.text[view.current.start : view.current.end].lower() == "the"

        await pilot.press("escape")  # clears the find
        assert not view.marks("find") and not pane.find_active
        await pilot.press("n")  # n is back to the search hits
        assert view.current.kind == "hit"


async def test_find_without_a_match_says_so_and_smart_case(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        await pilot.press("f", *"zebra")
        assert str(app.query_one("#find-count").render()) == "no match"
        assert pane.find("Vaccines") == 1  # a capital: case matters
        assert pane.find("vaccines") == 1
        assert pane.find("the") > pane.find("The")


async def test_bookmarks_and_position_survive_a_restart(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    filler = "The cells were counted again and the counts were recorded. " * 40
    body = "\n\n".join(f"Part {n}. {filler}" for n in range(12))
    (folder / "long.txt").write_text(f"Long report\n\n{body}\n\nIt may change.\n")
    library = Library(tmp_path / "lib")
    library.add([folder])
    memory_path = tmp_path / "data" / "memory.json"

    app = HedgeReaderApp(library, memory=Memory.load(memory_path))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_doc(pilot, "long.txt")
        view = pane.view
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.press("m")
        bookmark = view.top_offset()
        assert bookmark > 0 and "bookmark added" in status(app)
        assert "»" in visible_text(view).splitlines()[0]  # the line is flagged
        await pilot.press("pagedown", "pagedown")
        position = view.top_offset()
    assert memory_path.exists()

    app = HedgeReaderApp(library, memory=Memory.load(memory_path))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_doc(pilot, "long.txt")
        view = pane.view
        assert view.top_offset() == position
        await pilot.press("g", "apostrophe")
        assert view.top_offset() == bookmark
        await pilot.press("B")
        await pilot.pause()
        bookmarks = app.query_one(BookmarkList)
        assert app.focused is bookmarks
        assert [b.offset for b in bookmarks.rows] == [bookmark]
        await pilot.press("d")
        await pilot.pause()
        assert bookmarks.rows == [] and Memory.load(memory_path).bookmarks(pane.document.path) == []


async def test_back_and_forward_between_documents(library: Library, tmp_path: Path):
    memory_path = tmp_path / "memory.json"
    app = HedgeReaderApp(library, memory=Memory.load(memory_path))
    async with app.run_test(size=SIZE) as pilot:
        first = (await open_doc(pilot, "breakthrough.md")).document.path
        second = (await open_doc(pilot, "cell-counts.txt")).document.path
        pane = app.query_one(ReadingPane)
        await pilot.press("H")
        await settle(pilot)
        assert pane.document.path == first
        await pilot.press("L")
        await settle(pilot)
        assert pane.document.path == second
        await pilot.press("L")
        await settle(pilot)
        assert pane.document.path == second  # nothing further forward
    assert Memory.load(memory_path).history == [first, second]


async def test_a_damaged_memory_file_is_set_aside_with_a_warning(library: Library, tmp_path):
    memory_path = tmp_path / "memory.json"
    memory_path.write_text("{not json")
    memory = Memory.load(memory_path)
    assert memory.error and "memory.json" in memory.error
    assert (tmp_path / "memory.json.bad").read_text() == "{not json"
    app = HedgeReaderApp(library, memory=memory)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "breakthrough.md")
        assert pane.document is not None  # reading goes on


async def test_small_terminal_panel_takes_the_lists_place(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_doc(pilot, "breakthrough.md")
        listing = app.query_one(DocumentList)
        assert listing.region.width > 0
        await pilot.press("p")
        await pilot.pause()
        assert pane.side_open and listing.region.width == 0
        assert pane.view.region.width >= 36  # the text still has room
        assert "breakthrough" in visible_text(app.query_one(ClaimsList)).lower()
        await pilot.press("escape")  # from the text: panel closes, the list is back
        await pilot.pause()
        assert not pane.side_open and app.focused is listing and listing.region.width > 0


async def test_wide_terminal_keeps_the_list_beside_the_panel(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=(180, 40)) as pilot:
        pane = await open_doc(pilot, "breakthrough.md")
        await pilot.press("p")
        await pilot.pause()
        assert pane.side_open and app.query_one(DocumentList).region.width > 0


async def test_help_and_palette_list_the_reading_keys(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for description in (
            "Find",
            "Panels",
            "Claims: findings by strength, hedged sentences",
            "Outline",
            "Bookmarks",
            "Show / hide modal marks",
            "Back to the previous document",
        ):
            assert description in titles
        await pilot.press("question_mark")
        await pilot.pause()
        keys = visible_text(app.screen.query_one("#help-keys"))
        assert "Show / hide booster marks" in keys and "Find" in keys


async def test_no_feature_is_only_on_keys_terminals_confuse():
    from reader.tui.keys import key_groups
    from reader.tui.screens.main import MainScreen

    app = HedgeReaderApp.__new__(HedgeReaderApp)
    confusing = {"ctrl+h", "ctrl+i", "ctrl+m"}
    for group in key_groups(HedgeReaderApp, MainScreen):
        for binding in group.bindings:
            keys = set(binding.key.split(","))
            assert keys - confusing, f"{binding.action} is only on {keys}"
    del app


async def test_every_mark_including_find_is_distinguishable_without_colour(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(DocumentView)
        looks = {}
        for kind in (*CATEGORIES, *CLAIM_KINDS, "hit", "find"):
            style = view.mark_style(kind)
            looks[kind] = (style.bold, style.italic, style.underline, style.reverse)
            assert any(looks[kind]), f"{kind} relies on colour alone"
        assert len(set(looks.values())) == len(looks), looks


async def test_side_panel_and_find_bar_are_mounted_on_first_use(library: Library):
    """They are hidden at start; composing them then would only slow the start-up."""
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        assert not app.query(ClaimsList) and not app.query("#find-input")
        pane.set_bookmarks([0])  # remembered before the panel exists
        await pilot.press("c")
        claims = app.query_one(ClaimsList)
        assert app.focused is claims and claims.rows
        await pilot.press("B")
        assert [row.offset for row in app.query_one(BookmarkList).rows] == [0]
        await pilot.press("escape", "f")
        assert app.focused is app.query_one("#find-input")


async def test_a_legend_command_from_the_palette_works_before_the_panel_was_opened(
    library: Library,
):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
        assert not app.query(Legend)
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Show / hide this category"
        )
        await command.callback()
        await pilot.pause()
        assert app.query(Legend)  # mounted, and the command ran on it:
        assert app.hidden_categories == {next(iter(CATEGORIES))}  # its first row's category


async def test_back_skips_a_document_removed_from_the_library(library: Library, tmp_path: Path):
    memory_path = tmp_path / "memory.json"
    app = HedgeReaderApp(library, memory=Memory.load(memory_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        first = (await open_doc(pilot, "breakthrough.md")).document.path
        gone = (await open_doc(pilot, "cell-counts.txt")).document.path
        third = (await open_doc(pilot, "vaccines-may-reduce-relapse.txt")).document.path
        library.remove([gone])
        pane = app.query_one(ReadingPane)
        await pilot.press("H")
        await settle(pilot)
        assert pane.document.path == first  # skipped, with a notice saying so
        assert any("skipped" in n for n in notice_texts(app))
        await pilot.press("L")
        await settle(pilot)
        assert pane.document.path == third  # forward still works from there
    assert Memory.load(memory_path).history == [first, third]


async def test_claims_rows_are_redrawn_for_the_new_width_after_a_resize(library: Library):
    async def claims_after(*sizes: tuple[int, int]) -> list[str]:
        app = HedgeReaderApp(library)
        async with app.run_test(size=sizes[0]) as pilot:
            await open_doc(pilot, "vaccines-may-reduce-relapse.txt")
            await pilot.press("c")
            await pilot.pause()
            for size in sizes[1:]:
                await pilot.resize_terminal(*size)
                await settle(pilot)
            return visible_text(app.query_one(ClaimsList)).splitlines()

    assert await claims_after(SIZE, (80, 24)) == await claims_after((80, 24))
