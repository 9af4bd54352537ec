"""Search where users meet it: the CLI's errors and suggestions, the app's status line, the docs."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from reader.library import QUERY_HELP, Library
from reader.tui.app import HedgeReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from tests.helpers import SIZE, run, settle, visible_text

README = Path(__file__).resolve().parents[1] / "README.md"


def test_a_malformed_query_is_one_stderr_line_and_exit_2(lib: Path):
    for query in ('"further studies', "title:", "date:[2022 to 2019]", "hedges:>lots"):
        result = run("search", query, library=lib)
        assert result.returncode == 2, query
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith("hedge-reader: ") and repr(query) in line
        assert "Traceback" not in result.stderr


def test_no_match_suggests_a_correction_on_stderr_and_in_json(lib: Path):
    result = run("search", "vacine", "--json", library=lib)
    assert result.returncode == 1  # nothing matched, as grep says it
    payload = json.loads(result.stdout)
    assert payload["total"] == 0 and payload["results"] == []
    assert payload["suggestions"] == ["vaccine"]
    assert result.stderr.strip() == (
        "hedge-reader: nothing matches 'vacine'; did you mean: vaccine?"
    )
    table = run("search", "vacine", library=lib)
    assert "did you mean: vaccine?" in table.stderr
    assert table.stdout == "No documents match 'vacine'.\n"  # a plain line, not an empty table
    found = json.loads(run("search", "vaccine", "--json", library=lib).stdout)
    assert found["suggestions"] == [] and found["total"] == 1


def test_the_readme_and_the_help_screen_share_the_query_help():
    assert QUERY_HELP in README.read_text(encoding="utf-8")


async def test_the_help_screen_shows_the_query_language(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help-query").render())
        assert "vacine~" in shown and "published:<2020" in shown


async def test_a_malformed_query_gets_a_line_under_the_search_bar(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = [entry.summary.title for entry in app.query_one(DocumentList).entries]
        await pilot.press("slash", *'"may reduce')
        await settle(pilot)
        status = app.query_one("#search-status")
        assert "unbalanced quote" in str(status.render())
        assert status.has_class("error")
        # the list keeps what it showed; typing on fixes it
        assert [e.summary.title for e in app.query_one(DocumentList).entries] == before
        await pilot.press('"')
        await settle(pilot)
        assert not status.has_class("error")
        assert "1 result for '\"may reduce\"'" in str(status.render())


async def test_no_match_offers_a_correction_in_the_status_line(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"relaspe")
        await settle(pilot)
        assert "did you mean: relapse?" in str(app.query_one("#search-status").render())
        assert isinstance(app.focused, Input)


async def test_opening_a_result_scrolls_to_the_first_hit(tmp_path: Path):
    folder = tmp_path / "long"
    folder.mkdir()
    filler = "The cells were counted again and the counts were recorded. " * 60
    (folder / "long.txt").write_text(
        f"Long report\n\n{filler}\n\n{filler}\n\nThe zebrafish result may change.\n",
        encoding="utf-8",
    )
    library = Library(tmp_path / "lib")
    library.add([folder])
    app = HedgeReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zebrafish", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(DocumentView)
        [hit] = view.marks("hits")
        assert view.current == hit
        assert view.scroll_y > 0
        assert "zebrafish" in visible_text(view)
    library.close()
