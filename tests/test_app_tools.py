"""The app's export, copy-quote, category page and settings, driven with Pilot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from reader.config import Config, ConfigError, load_config
from reader.guide import NOTES, category_guide, claim_guide
from reader.hedging import CATEGORIES, find_hedges
from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.screens.categories import CategoryScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane
from tests.helpers import SIZE, after, notice_texts, settle, visible_text

JURY = "the jury is still out"


async def open_first(pilot, title: str) -> None:
    """Search for ``title``'s words and open the first result in the reading pane."""
    await settle(pilot)
    await pilot.press("slash", *title, "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.query_one(ReadingPane).document is not None


def make_app(library: Library, tmp_path: Path, **config) -> HedgeReaderApp:
    settings = Config(path=tmp_path / "config.toml", export_dir=tmp_path / "exports", **config)
    return HedgeReaderApp(library, config=settings, state_file=tmp_path / "state.json")


async def test_export_delivers_html_through_deliver_text(library: Library, tmp_path, monkeypatch):
    app = make_app(library, tmp_path)
    calls = []
    original = HedgeReaderApp.deliver_text

    def spy(self, path_or_file, **kwargs):
        calls.append(kwargs)
        return original(self, path_or_file, **kwargs)

    monkeypatch.setattr(HedgeReaderApp, "deliver_text", spy)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first(pilot, "relapse")
        await pilot.press("e")
        await settle(pilot)
        await pilot.pause(0.3)
        assert len(calls) == 1
        assert calls[0]["mime_type"] == "text/html"
        saved = tmp_path / "exports" / "vaccines-may-reduce-relapse.hedges.html"
        page = saved.read_text(encoding="utf-8")
        assert '<mark class="modal"' in page and "Vaccines may reduce relapse" in page
        shown = notice_texts(app)
        assert any(f"HTML export saved to {saved}" in m for m in shown), shown
        # a second export never overwrites the first
        await pilot.press("E")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.pause(0.3)
        assert (tmp_path / "exports" / "vaccines-may-reduce-relapse-2.hedges.html").exists()
        assert (tmp_path / "exports" / "vaccines-may-reduce-relapse.hedges.md").exists()


async def test_json_export_from_the_palette_includes_user_phrases(tmp_path, samples):
    samples["hedged"].write_text(
        samples["hedged"].read_text(encoding="utf-8") + "\nThe jury is still out.\n",
        encoding="utf-8",
    )
    library = Library(tmp_path / "lib")
    library.add([samples["hedged"]])
    app = make_app(library, tmp_path, phrases={JURY: "tentative"})
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "relapse")
        assert (JURY, "tentative") in [
            (app.query_one(DocumentView).text[m.start : m.end].lower(), m.kind)
            for m in app.query_one(DocumentView).marks("hedges")
        ]
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Export as JSON")
        await pilot.pause(0.6)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        saved = tmp_path / "exports" / "vaccines-may-reduce-relapse.hedges.json"
        payload = json.loads(saved.read_text(encoding="utf-8"))
        assert ("The jury is still out", "tentative") in [
            (h["text"], h["category"]) for h in payload["hedges"]
        ]
    library.close()


async def test_copy_quotes_the_current_sentence_with_its_source(library: Library, tmp_path):
    app = make_app(library, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first(pilot, "relapse")
        view = app.query_one(DocumentView)
        # past the title's marks (its hedge, and its claim cue) to the next sentence's first
        while view.current is None or view.current.start < view.text.index("Early"):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.text[view.current.start : view.current.end] == "Early results"
        await pilot.press("y")
        await pilot.pause()
        document = app.query_one(ReadingPane).document
        assert app.clipboard == (
            "“Early results suggest that the vaccine may reduce relapse in some patients.”\n"
            f"— Vaccines may reduce relapse ({document.path})"
        )
        assert any("Copied the sentence (12 words)" in n for n in notice_texts(app))


async def test_copy_without_a_mark_quotes_the_top_line(library: Library, tmp_path):
    app = make_app(library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "relapse")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“Vaccines may reduce relapse”\n— Vaccines")


async def test_copy_with_no_document_says_so(library: Library, tmp_path):
    app = make_app(library, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert any("Open a document first" in n for n in notice_texts(app))


async def test_keymap_from_the_config_rebinds_keys(library: Library, tmp_path):
    app = make_app(library, tmp_path, keys={"app.copy-quote": "Y", "app.help": "f1"})
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "relapse")
        await pilot.press("y")  # no longer bound
        await pilot.pause()
        assert app.clipboard == ""
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard.startswith("“Vaccines may reduce relapse”")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = visible_text(app.screen.query_one("#help-keys", Static))
        assert "Copy quote" in keys
        line = next(row for row in keys.splitlines() if "Copy quote" in row)
        assert line.split()[0] == "Y"  # help shows the remapped key
        # the main screen's keys are in its palette, not the help screen's
        on_help = {c.title for c in app.get_system_commands(app.screen)}
        assert "Copy quote" not in on_help and "Help" in on_help
        palette = {c.title: c.help for c in app.get_system_commands(app.main)}
        assert palette["Copy quote"].endswith("key: Y")


async def test_theme_is_remembered_across_runs(library: Library, tmp_path):
    first = make_app(library, tmp_path, theme="nord")
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert first.theme == "nord"
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"theme")
        await pilot.pause(0.6)
        await pilot.press("enter")  # Textual's "Theme" command: a picker of every theme
        await pilot.pause(0.6)
        await pilot.press(*"gruvbox")
        await pilot.pause(0.6)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert first.theme == "gruvbox"
    second = make_app(library, tmp_path, theme="nord")
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.theme == "gruvbox"
    # the user then edits the config's theme: the file wins again
    third = make_app(library, tmp_path, theme="dracula")
    async with third.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert third.theme == "dracula"


async def test_hidden_categories_start_from_the_config(library: Library, tmp_path):
    app = make_app(library, tmp_path, hidden_categories=frozenset({"approximator"}))
    assert app.hidden_categories == {"approximator"}
    app.hidden_categories = set()  # as code that resets it after init_tools would
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.hidden_categories == {"approximator"}
    assert HedgeReaderApp(library).hidden_categories == set()


async def test_category_page_explains_every_category_with_live_examples(library, tmp_path):
    app = make_app(library, tmp_path, phrases={JURY: "tentative"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CategoryScreen)
        page = app.screen.query_one("#categories-text", Static).render()
        text = str(page)
        for category, label in CATEGORIES.items():
            assert label in text
            assert NOTES[category][1] in text
        assert f"Your phrases: {JURY}" in text
        # each example's marked word carries the reading pane's style for its category
        view = app.screen_stack[0].query_one(DocumentView)
        modal = view.get_component_rich_style("document-view--modal", partial=True)
        start = text.index("The new drug may lower") + len("The new drug ")
        styled = [span for span in page.spans if span.start == start and span.end == start + 3]
        assert styled and styled[0].style.underline and modal.underline
        assert styled[0].style.foreground.rgb == tuple(modal.color.triplet)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # back where it was opened from
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, CategoryScreen)


def test_every_example_sentence_carries_its_own_category():
    for item in category_guide():
        assert item.category in [h.category for h in find_hedges(item.example)], item.example
        assert item.cues and item.cue_count >= len(item.cues)


def test_unknown_theme_or_binding_id_is_a_config_error_with_a_line(tmp_path):
    from reader.tui import settings
    from reader.tui.keys import key_groups
    from reader.tui.screens.main import MainScreen

    known = settings.binding_ids(key_groups(HedgeReaderApp, MainScreen))
    assert {"app.export-html", "app.copy-quote", "app.categories", "help.close"} <= known
    assert {"categories.close", "add.cancel", "list.open", "reader.page-down"} <= known
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n\n[keys]\n"app.serch" = "f"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config.toml:4: unknown binding id 'app.serch'"):
        settings.check_config(load_config(path), known)
    groups = key_groups(HedgeReaderApp, MainScreen)
    path.write_text('[keys]\n"app.categories" = "c"\n"app.search" = "q"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config.toml:3: q would do two things in anywhere: "):
        settings.check_config(load_config(path), known, groups=groups)
    path.write_text('[keys]\n"app.search" = "?"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"app.search and app.help; .* remap app.help too"):
        settings.check_config(load_config(path), known, groups=groups)
    path.write_text('[keys]\n"app.search" = "?"\n"app.help" = "f1"\n', encoding="utf-8")
    settings.check_config(load_config(path), known, groups=groups)  # a swap is fine
    path.write_text('# look\ntheme = "nope"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config.toml:2: unknown theme 'nope'"):
        settings.check_config(load_config(path), known)


def test_the_app_command_exits_2_on_a_bad_theme(tmp_path):
    from tests.helpers import run

    config = tmp_path / "config.toml"
    config.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    result = run(library=tmp_path / "lib", env={"HEDGE_READER_CONFIG": str(config)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"hedge-reader: {config}:1: unknown theme 'no-such-theme'")
    assert not (tmp_path / "lib").exists()  # nothing opened or created


def test_category_page_snapshot_80x24(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(80, 24), run_before=after("C"))


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def test_category_page_snapshot_no_color(snap_compare, no_color, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(120, 40), run_before=after("C"))


def test_no_feature_lives_only_on_keys_terminals_confuse():
    from reader.config import CONFUSED_KEYS
    from reader.tui.keys import bound_keys, described, key_groups
    from reader.tui.screens.main import MainScreen

    groups = key_groups(HedgeReaderApp, MainScreen)
    bindings = [b for g in groups for b in described(g)]
    bindings += [*HelpScreen.BINDINGS, *CategoryScreen.BINDINGS]
    for binding in bindings:
        keys = bound_keys(binding)
        assert any(key not in CONFUSED_KEYS for key in keys), binding


async def test_served_export_goes_to_the_browser(library: Library, tmp_path, monkeypatch):
    from textual import events

    app = make_app(library, tmp_path)
    calls = []
    monkeypatch.setattr(HedgeReaderApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(
        HedgeReaderApp, "deliver_text", lambda self, file, **kwargs: calls.append(kwargs)
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first(pilot, "relapse")
        await pilot.press("e")
        await settle(pilot)
        (kwargs,) = calls
        assert kwargs["save_directory"] is None  # the browser decides where it goes
        assert kwargs["save_filename"] == "vaccines-may-reduce-relapse.hedges.html"
        assert not (tmp_path / "exports").exists()
        app.post_message(events.DeliveryComplete(key="k", path=None, name="HTML"))
        await pilot.pause()
        assert any("HTML export sent to your browser" in n for n in notice_texts(app))


async def test_copy_prefers_the_selected_text(library: Library, tmp_path):
    from textual.geometry import Offset
    from textual.selection import Selection

    app = make_app(library, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first(pilot, "relapse")
        header = app.query_one("#reading-header", Static)
        # what dragging the mouse over the header's first words does
        app.screen.selections = {header: Selection(Offset(0, 0), Offset(16, 0))}
        await pilot.press("y")
        await pilot.pause()
        document = app.query_one(ReadingPane).document
        source = f"— Vaccines may reduce relapse ({document.path})"
        assert app.clipboard == f"“Vaccines may red”\n{source}"
        assert any("Copied the selection (3 words)" in n for n in notice_texts(app))


async def test_a_mouse_drag_over_the_text_selects_it_and_y_quotes_it_unwrapped(
    library: Library, tmp_path
):
    app = make_app(library, tmp_path)
    async with app.run_test(size=(60, 30)) as pilot:
        await open_first(pilot, "relapse")
        view = app.query_one(ReadingPane).view
        await pilot.pause()
        # find the rows showing the body's first paragraph, then drag across two of them
        body = app.query_one(ReadingPane).document.body
        first_row = next(
            y for y in range(view.size.height) if view.render_line(y).text.strip()[:5] in body
        )
        await pilot.mouse_down(view, offset=(1, first_row))
        await pilot.hover(view, offset=(6, first_row + 1))
        await pilot.mouse_up(view, offset=(6, first_row + 1))
        await pilot.pause()
        selected = app.screen.get_selected_text()
        assert selected and "\n" not in selected.strip()  # wrapped lines join as in the text
        assert selected in body
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith(f"“{selected.strip()}”")


def test_every_claim_example_is_labelled_with_its_own_strength():
    from reader.hedging.claims import NO_CLAIM, cue_phrases

    for item in claim_guide():
        labels = [claim.label for claim in item.example_claims]
        assert labels == ([] if item.label == NO_CLAIM else [item.label]), item.example
        assert item.cue_count >= len(item.cues)
        for cue in item.cues:  # from the labeller's lexicon, not a list kept by hand
            assert any(
                cue in cue_phrases(kind) for kind in ("causal", "correlational", "condition")
            )


async def test_category_page_explains_the_claim_strengths_marked_as_in_the_text(library, tmp_path):
    app = make_app(library, tmp_path, hidden_categories=frozenset({"claim-correlational"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        page = app.screen.query_one("#categories-text", Static).render()
        text = str(page)
        for item in claim_guide():
            assert item.name in text and item.example in text
            assert ", ".join(item.cues) in text
        assert "Sumner et al. (BMJ 2014)" in text and "Limits:" in text
        view = app.screen_stack[0].query_one(DocumentView)
        causal = view.mark_style("claim-causal")
        start = text.index("Drinking coffee reduces") + len("Drinking coffee ")
        styled = [s for s in page.spans if s.start == start and s.end == start + len("reduces")]
        assert styled and styled[-1].style.reverse and causal.reverse
        assert styled[-1].style.bold == causal.bold and styled[-1].style.italic
        # "may" of the conditional example keeps its hedge mark, "improve" the claim's
        may = text.index("A daily walk may") + len("A daily walk ")
        assert not any(s.start == may and s.style.reverse for s in page.spans)
        assert "\ncorrelational  · hidden in the reading pane\n" in text
        assert "\ndirect causal\n" in text  # shown: no such note


def test_category_page_claims_snapshot_120x40(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(120, 40), run_before=after("C", "end"))
