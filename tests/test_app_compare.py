"""Compare with… in the app, driven with Pilot: pick a source, read the pairs, step, export."""

from __future__ import annotations

from reader.tui.app import HedgeReaderApp
from reader.tui.screens.compare import CompareScreen, PairView
from reader.tui.widgets.document_list import DocumentList
from tests.helpers import (
    RELEASE,
    SOURCE,
    open_comparison,
    open_doc,
    pick,
    record_notifications,
    settle,
    style_at,
    visible_text,
)


def text_of(widget) -> str:
    return str(widget.render())


async def test_x_then_a_source_opens_the_split_screen_with_pairs_and_a_summary(pair_library):
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_doc(pilot, RELEASE)
        await pilot.press("x")
        assert "pick the source" in text_of(app.query_one("#search-status"))
        await pick(pilot, SOURCE)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison is not None
        summary = text_of(screen.query_one("#compare-summary"))
        assert "Verdict: exaggerates" in summary
        counts = screen.comparison.counts()
        assert f"{counts['exaggerates']} exaggerate" in summary
        release_view = screen.query_one("#release-view", PairView)
        source_view = screen.query_one("#source-view", PairView)
        assert release_view.text.startswith("Evening walks halve dementia risk")
        assert source_view.text.startswith("Evening physical activity")
        # both sides carry their hedge marks, and the pairs are tinted
        assert any(m.kind == "booster" for m in release_view.marks("hedges"))
        assert any(m.kind == "modal" for m in source_view.marks("hedges"))
        assert {m.kind for m in release_view.marks("hits")} >= {"pair-exaggerates"}
        # split side by side at 120 columns
        assert screen.has_class("-split")
        left = screen.query_one("#release-side").region
        right = screen.query_one("#source-side").region
        assert left.x < right.x and left.y == right.y


async def test_brackets_step_through_pairs_and_scroll_both_sides(pair_library):
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_comparison(pilot)
        total = len(screen.comparison.pairs)
        first = screen.index
        assert first == screen.comparison.top
        seen = []
        for _ in range(total):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(screen.index)
            pair = screen.pair
            assert pair is not None
            detail = text_of(screen.query_one("#compare-detail"))
            assert f"Pair {screen.index + 1}/{total}: {pair.verdict}" in detail
            for reason in pair.reasons:
                assert reason in detail
            for view, side in (
                (screen.query_one("#release-view", PairView), pair.release),
                (screen.query_one("#source-view", PairView), pair.source),
            ):
                assert view.marks("find") and view.marks("find")[0].start == side.start
                top, height = int(view.scroll_y), view.scrollable_content_region.height
                line = view._lines.line_of(side.start)
                assert top <= line < top + height
        assert sorted(seen) == list(range(total))  # every pair once, wrapping round
        await pilot.press("left_square_bracket")
        assert screen.index == (seen[-1] - 1) % total
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)


async def test_small_terminal_stacks_the_sides(pair_library):
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_doc(pilot, RELEASE)
        await pilot.press("x")
        await pick(pilot, SOURCE)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.has_class("-stacked")
        top = screen.query_one("#release-side").region
        bottom = screen.query_one("#source-side").region
        assert top.y < bottom.y and top.x == bottom.x
        assert top.height >= 4 and bottom.height >= 4


async def test_without_an_open_document_x_says_what_to_do(pair_library):
    app = HedgeReaderApp(pair_library)
    sent = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert any("Open the press release first" in note for note in sent)
        assert not isinstance(app.screen, CompareScreen)


async def test_the_search_bar_finds_the_source_and_esc_cancels_picking(pair_library):
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_doc(pilot, RELEASE)
        await pilot.press("x")
        await pilot.press("slash", *"cohort")
        await settle(pilot)
        listing = app.query_one(DocumentList)
        assert [e.summary.path.endswith(SOURCE) for e in listing.entries] == [True]
        await pilot.press("escape")  # clears the query first, still picking
        await settle(pilot)
        assert app.main.compare_release is not None
        listing.focus()
        await pilot.press("escape")  # now cancels
        await pick(pilot, SOURCE)
        assert not isinstance(app.screen, CompareScreen)
        assert pane.document is not None and pane.document.path.endswith(SOURCE)


async def test_a_source_that_cannot_be_compared_is_a_notification(pair_library):
    app = HedgeReaderApp(pair_library)
    sent = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_doc(pilot, "plain.txt")
        await pilot.press("x")
        await pick(pilot, SOURCE)
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)
        assert any("states no finding" in note for note in sent)


async def test_the_palette_offers_compare_with(pair_library):
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Compare with…" in titles


async def test_e_exports_the_fact_check_note(pair_library, tmp_path, monkeypatch):
    from reader.config import Config

    folder = tmp_path / "exports"
    app = HedgeReaderApp(pair_library, config=Config(export_dir=folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_doc(pilot, RELEASE)
        await pilot.press("x")
        await pick(pilot, SOURCE)
        await pilot.press("e")
        await settle(pilot)
        await pilot.pause(0.5)
        notes = list(folder.glob("*.compare.html"))
        assert len(notes) == 1
        page = notes[0].read_text(encoding="utf-8")
        assert "Fact-check: Evening walks halve dementia risk" in page
        assert "dropped: in mice" in page


async def test_main_screen_keys_are_off_on_the_compare_screen_and_help_lists_its_keys(
    pair_library,
):
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_doc(pilot, RELEASE)
        await pilot.press("x")
        await pick(pilot, SOURCE)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        sort_before = app.main.sort
        await pilot.press("s")  # would re-sort the hidden list
        await pilot.pause()
        assert app.main.sort == sort_before
        footer_keys = {b.action for _, b, _, _ in screen.active_bindings.values() if b.show}
        assert "cycle_sort" not in footer_keys and "step(1)" in footer_keys
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = visible_text(app.screen.query_one("#help-keys"))
        assert "Compare screen" in help_text and "Next pair" in help_text
        assert "Compare with…" in help_text


async def test_in_a_small_terminal_picking_brings_the_list_back_from_behind_the_panel(
    pair_library,
):
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_doc(pilot, RELEASE)
        await pilot.press("p")  # the side panel takes the list's place
        await settle(pilot)
        assert app.query_one("#list-column").region.width == 0
        await pilot.press("x")
        await settle(pilot)
        listing = app.query_one(DocumentList)
        assert listing.has_focus and listing.region.width > 0
        await pick(pilot, SOURCE)
        assert isinstance(app.screen, CompareScreen)


async def test_claim_cues_are_marked_in_both_panes_as_in_the_reading_pane(pair_library):
    from reader.hedging import find_hedges
    from reader.hedging.claims import find_claims
    from reader.tui.claims_marks import cue_spans

    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_comparison(pilot)
        for name in ("#release-view", "#source-view"):
            view = screen.query_one(name, PairView)
            text = view.text
            expected = cue_spans(find_claims(text), find_hedges(text))
            shown = [(m.start, m.end, m.kind) for m in view.marks("hedges") if "claim" in m.kind]
            assert shown == expected and shown, name
        source = screen.query_one("#source-view", PairView)
        at = source.text.index("associated with")
        assert {m.kind for m in source.marks("hedges") if m.start == at} == {"claim-correlational"}
        release = screen.query_one("#release-view", PairView)
        style = style_at(release, release.text.index("cuts"))
        assert style.reverse and style.italic and style.bold  # the direct causal look


async def test_every_verdict_has_a_text_style_without_colour(pair_library, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_comparison(pilot)
        assert app.no_color
        looks = {}
        for name in ("#release-view", "#source-view"):
            view = screen.query_one(name, PairView)
            current = view.marks("find")[0]
            for mark in view.marks("hits"):
                # a plain word of the pair (not a hedge or claim cue, not the current pair)
                if current.start <= mark.start < current.end:
                    continue
                marked = [(m.start, m.end) for m in view.marks("hedges")]
                at = next(
                    i
                    for i in range(mark.start, mark.end)
                    if view.text[i].isalpha() and not any(s <= i < e for s, e in marked)
                )
                style = style_at(view, at)
                looks[mark.kind] = tuple(
                    bool(getattr(style, name))
                    for name in ("bold", "italic", "underline", "overline")
                )
        assert "pair-same" in looks and "pair-exaggerates" in looks
        plain = (False, False, False, False)
        assert all(look != plain for look in looks.values()), looks
        assert len(set(looks.values())) == len(looks), looks
