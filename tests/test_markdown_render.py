"""Markdown shown with its structure (tables, quotes, lists, emphasis, links, footnotes),
with hedge marks still on the text it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.hedging import find_hedges
from reader.library import Library
from reader.library.formats.markdown_render import render_markdown
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane
from tests.helpers import open_doc, status, style_at, visible_text

SOURCE = """# Trial notes

The drug **clearly works** in *some* patients, says [the paper](https://example.org/paper).[^1]

| Outcome | Effect |
|:--|--:|
| relapse | may fall by 10% |
| survival | unchanged |

> The effect may be small.
> > It is likely temporary.

- first point
  - NESTED
- second point

[^1]: The authors suggest caution.
""".replace(
    "NESTED",
    "a nested point that is long enough to wrap around the edge of a narrow reading pane, "
    "so its next line shows where it hangs",
)


def test_tables_become_aligned_rows_whose_cells_are_analysed():
    rendered = render_markdown(SOURCE)
    body = rendered.body
    rows = [line for line in body.split("\n") if "│" in line and not line.startswith("│")]
    assert len(rows) == 3  # head and two rows; the rule line uses ┼
    assert len({row.index("│") for row in rows}) == 1  # the column bar lines up
    assert any("┼" in line for line in body.split("\n"))
    assert "|" not in body and "**" not in body and "[^1]" not in body
    may = body.index("may fall")
    hedges = [(h.start, h.category) for h in find_hedges(body)]
    assert (may, "modal") in hedges  # the cell is analysed, offsets into the shown text


def test_quotes_lists_emphasis_links_and_footnotes():
    rendered = render_markdown(SOURCE)
    body = rendered.body
    lines = body.split("\n")
    assert "│ The effect may be small." in lines
    assert "│ │ It is likely temporary." in lines
    assert "• first point" in lines and "• second point" in lines
    assert any(line.startswith("  • a nested point") for line in lines)
    spans = {(body[s.start : s.end], s.kind, s.target) for s in rendered.spans}
    assert ("clearly works", "strong", "") in spans
    assert ("some", "em", "") in spans
    assert ("the paper", "link", "https://example.org/paper") in spans
    assert ("[1]", "footnote", "1") in spans
    assert "[1] The authors suggest caution." in lines  # the note, at the end
    assert rendered.outline[-1].title == "Notes"


@pytest.fixture
def markdown_library(tmp_path: Path) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "trial.md").write_text(SOURCE, encoding="utf-8")
    lib = Library(tmp_path / "library")
    assert not lib.add([folder]).failed
    yield lib
    lib.close()


def test_the_library_keeps_the_styles(markdown_library):
    [summary] = markdown_library.documents()
    document = markdown_library.get(summary.path)
    assert document.body == render_markdown(SOURCE).body
    assert document.styles == render_markdown(SOURCE).spans


async def test_the_reading_pane_shows_structure_and_opens_links(markdown_library, monkeypatch):
    app = HedgeReaderApp(markdown_library)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(90, 40)) as pilot:
        pane: ReadingPane = await open_doc(pilot, "trial.md")
        view = app.query_one(DocumentView)
        text = view.text
        shown = visible_text(view)
        assert "│ │ It is likely temporary." in shown
        assert style_at(view, text.index("clearly")).bold
        assert style_at(view, text.index("some")).italic
        assert style_at(view, text.index("may fall")).underline  # modal, in a table cell
        # the nested item's wrapped line hangs under its text, not under the bullet
        nested = next(line for line in shown.split("\n") if "• a nested point" in line)
        following = shown.split("\n")[shown.split("\n").index(nested) + 1]
        assert following.index(following.strip()[0]) == nested.index("a nested")
        await pilot.press("l")
        await pilot.pause()
        assert "https://example.org/paper" in status(app)
        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["https://example.org/paper"]
        await pilot.press("l", "enter")  # the footnote mark: Enter goes to the note
        await pilot.pause()
        assert "note [1]" in status(app)
        assert "[1] The authors suggest caution." in visible_text(view)
        assert pane.document is not None


def test_a_hard_break_in_a_quote_or_item_keeps_the_bar_and_the_spans():
    source = "> line one **bold**  \n> line *two* here\n\n- item  \n  next **b**\n"
    rendered = render_markdown(source)
    lines = rendered.body.split("\n")
    assert lines[:2] == ["│ line one bold", "│ line two here"]
    assert lines[-1] == "  next b"
    spans = [(rendered.body[s.start : s.end], s.kind) for s in rendered.spans]
    assert spans == [("bold", "strong"), ("two", "em"), ("b", "strong")]
