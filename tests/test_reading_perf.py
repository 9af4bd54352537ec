"""Long documents: wrapping and chunked analysis agree with the simple ways, and a
megabyte opens without rendering more than the screen."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.hedging import find_hedges
from reader.library import Library
from reader.library.hits import hit_spans
from reader.resources import seeds_dir
from reader.tui import wrap
from reader.tui.analysis import analyse, chunk_bounds, merge
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane
from tests.test_app import settle


def word_loop(text: str, width: int) -> list[tuple[int, int]]:
    """The plain word-by-word wrap the regex path must agree with."""
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.isascii() and len(line) <= width:
            lines.append((position, end))
        else:
            wrap._wrap_line(line, position, max(width, 1), lines)
        position = end + 1
    return lines


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cd  ef\t-é,.’\n"), max_size=400),
    st.integers(min_value=1, max_value=30),
)
def test_regex_wrapping_matches_the_word_loop(text, width):
    assert wrap.wrap_offsets(text, width) == word_loop(text, width)


def seed_text(size: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().iterdir()) if p.is_file()]
    base = "\n\n".join(parts)
    return (base * (size // len(base) + 1))[:size]


def test_chunked_analysis_finds_what_one_pass_finds():
    text = seed_text(120_000)
    terms = ("may", "cell", "vaccin")
    chunks = [analyse(text, start, end, terms) for start, end in chunk_bounds(text)]
    assert len(chunks) > 3
    whole = merge(chunks)
    assert whole.hedges == find_hedges(text)
    assert whole.hits == hit_spans(text, terms)
    assert (whole.start, whole.end) == (0, len(text))


async def test_a_megabyte_opens_without_rendering_all_of_it(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = seed_text(1_000_000)
    (folder / "big.txt").write_text(text, encoding="utf-8")
    library = Library(tmp_path / "lib")
    library.add([folder])
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pane = app.query_one(ReadingPane)
        view = app.query_one(DocumentView)
        assert pane.analysed == 1.0
        assert view.line_count > 10_000
        height = view.size.height
        assert 0 < view.lines_rendered <= 3 * height  # only what was on screen
        await pilot.press("G")
        await pilot.pause()
        assert view.lines_rendered <= 5 * height
        assert len(view.marks("hedges")) == len(find_hedges(text))
        assert pane.view.text[pane.view.top_offset() :].strip()  # the end is on screen
    library.close()
