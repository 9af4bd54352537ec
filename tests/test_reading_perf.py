"""Long documents: wrapping and chunked analysis agree with the simple ways, and a
megabyte opens without rendering more than the screen."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Config
from reader.hedging import find_hedges
from reader.hedging.claims import find_claims
from reader.library import Library
from reader.library.hits import hit_spans
from reader.reading import analysis_pool
from reader.reading import opening as opening_module
from reader.reading.analysis import analyse, chunk_bounds, merge
from reader.reading.analysis_pool import AnalysisPool, analyse_batch, batches
from reader.tui import wrap
from reader.tui.app import HedgeReaderApp
from reader.tui.claims_marks import is_claim_kind
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane
from tests.helpers import seed_text, settle, visible_text


def word_loop(text: str, width: int) -> list[tuple[int, int]]:
    """The plain word-by-word wrap the regex path must agree with."""
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.isascii() and len(line) <= width:
            lines.append((position, end))
        else:  # a list item or quote hangs: wrapped narrower, its first line from its start
            indent = len(wrap.hanging_prefix(line, width))
            first = len(lines)
            wrap._wrap_line(line, position, max(width - indent, 1), lines)
            if indent and len(lines) > first:
                lines[first] = (position, lines[first][1])
        position = end + 1
    return lines


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cd  ef\t-é,.’\n"), max_size=400),
    st.integers(min_value=1, max_value=30),
)
def test_regex_wrapping_matches_the_word_loop(text, width):
    assert wrap.wrap_offsets(text, width) == word_loop(text, width)


def test_chunked_analysis_finds_what_one_pass_finds():
    text = seed_text(120_000)
    terms = ("may", "cell", "vaccin")
    chunks = [analyse(text, start, end, terms) for start, end in chunk_bounds(text)]
    assert len(chunks) > 3
    whole = merge(chunks)
    assert whole.hedges == find_hedges(text)
    assert whole.hits == hit_spans(text, terms)
    assert whole.findings == find_claims(text)
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
        hedges = [m for m in view.marks("hedges") if not is_claim_kind(m.kind)]
        assert len(hedges) == len(find_hedges(text))
        assert pane.findings == find_claims(view.text)  # the body as the library stores it
        assert pane.view.text[pane.view.top_offset() :].strip()  # the end is on screen
    library.close()


PHRASE = "patients"  # a user's own phrase (config), frequent in the seeds


def test_batches_sent_to_the_process_find_what_one_pass_finds():
    """Each batch travels as its own slice with its offset; the marks still land right."""
    text = seed_text(400_000)
    terms = ("may", "cell", "vaccin")
    extra = {PHRASE: "tentative"}
    groups = batches(list(chunk_bounds(text)), size=50_000)
    assert len(groups) > 3
    whole = merge(
        [analyse_batch(text[g[0][0] : g[-1][1]], g[0][0], g, terms, extra) for g in groups]
    )
    assert whole.hedges == find_hedges(text, extra=extra)
    assert whole.hits == hit_spans(text, terms)
    assert whole.findings == find_claims(text)
    assert (whole.start, whole.end) == (0, len(text))


def open_long(tmp_path: Path, size: int) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    text = seed_text(size)
    (folder / "long.txt").write_text(text, encoding="utf-8")
    library = Library(tmp_path / "lib")
    library.add([folder])
    return library


def spy_on_thread_analysis(monkeypatch) -> list[int]:
    """Starts of the chunks the app analyses in its own thread (a spawned process does
    not see this patch)."""
    starts: list[int] = []

    def counted(text, start, end, *args, **kwargs):
        starts.append(start)
        return analyse(text, start, end, *args, **kwargs)

    monkeypatch.setattr(opening_module, "analyse", counted)
    return starts


async def read_all_marks(app: HedgeReaderApp) -> str:
    """Open the long document, wait for the analysis; check every mark; its text."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pane = app.query_one(ReadingPane)
        assert pane.analysed == 1.0
        text = pane.view.text  # the document's body as the library stores it
        assert len(text) > 300_000
        expected = find_hedges(text, extra={PHRASE: "tentative"})
        marks = [(m.start, m.end, m.kind) for m in pane.view.marks("hedges")]
        marks = [mark for mark in marks if not is_claim_kind(mark[2])]  # claim cues, apart
        assert marks == [(h.start, h.end, h.category) for h in expected]
        assert sum(1 for h in expected if text[h.start : h.end] == PHRASE) > 50
        return text


async def test_a_long_documents_rest_is_analysed_in_a_process_with_the_users_phrases(
    tmp_path: Path, monkeypatch
):
    library = open_long(tmp_path, 400_000)
    thread_chunks = spy_on_thread_analysis(monkeypatch)
    before = set(multiprocessing.active_children())
    app = HedgeReaderApp(library, config=Config(phrases={PHRASE: "tentative"}))
    await read_all_marks(app)
    assert thread_chunks == [0]  # only the first screen's chunk was analysed here
    assert not set(multiprocessing.active_children()) - before  # the process ended on exit
    library.close()


async def test_without_a_process_the_thread_analyses_everything(tmp_path: Path, monkeypatch):
    library = open_long(tmp_path, 400_000)
    thread_chunks = spy_on_thread_analysis(monkeypatch)

    def cannot_start(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(analysis_pool, "ProcessPoolExecutor", cannot_start)
    app = HedgeReaderApp(library, config=Config(phrases={PHRASE: "tentative"}))
    text = await read_all_marks(app)
    assert len(thread_chunks) == len(list(chunk_bounds(text)))
    library.close()


async def test_if_the_process_dies_the_thread_finishes_the_analysis(tmp_path: Path, monkeypatch):
    library = open_long(tmp_path, 400_000)
    spy_on_thread_analysis(monkeypatch)

    def dead(self, *args, **kwargs):
        future: Future = Future()
        future.set_exception(BrokenProcessPool("killed"))
        return future

    monkeypatch.setattr(AnalysisPool, "submit", dead)
    app = HedgeReaderApp(library, config=Config(phrases={PHRASE: "tentative"}))
    await read_all_marks(app)
    library.close()


async def test_a_resize_of_a_megabyte_wraps_the_screen_first_and_keeps_the_place(
    tmp_path: Path,
):
    """Resizing must not rewrap a whole long text before the next paint: the lines
    around the top are wrapped at once, the rest in slices, and the top line stays."""
    library = open_long(tmp_path, 1_000_000)
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(DocumentView)
        text = view.text
        view.scroll_to(y=view.line_count // 2, animate=False, immediate=True)
        await pilot.pause()
        top = view.top_offset()
        before = visible_text(view).split("\n")[0]

        width = view.wrapped_width
        rendered = view.lines_rendered
        # hold the background wrap back, to check the first frame at the new width alone
        held: list[tuple] = []
        wrap_step = view._wrap_step
        view._wrap_step = lambda *step: held.append(step)
        await pilot.resize_terminal(80, 24)
        while view.wrapped_width == width:  # not yet laid out for 80 columns
            await pilot.pause(0.001)
        assert view.wrapped_width == view.wrap_width
        assert not view.wrap_complete
        assert view.last_sync_wrap < len(text) // 10
        assert view.lines_rendered - rendered <= 24  # the lines on screen, no more
        on_screen = visible_text(view)
        assert on_screen.split("\n")[0].strip() and before.strip()
        assert view.top_offset() <= top < view.top_offset() + view.wrap_width + 1

        view._wrap_step = wrap_step
        for step in held:
            wrap_step(*step)
        await pilot.pause()
        while not view.wrap_complete:
            await pilot.pause(0.01)
        await pilot.pause()
        assert view._lines.pairs() == wrap.wrap_offsets(text, view.wrap_width)
        assert view.lines_rendered - rendered <= 3 * 24  # the screen again when all is wrapped
        assert visible_text(view) == on_screen  # the rest arrived without a jump
        assert view.top_offset() <= top < view.top_offset() + view.wrap_width + 1
    library.close()


async def test_the_analysis_process_starts_when_the_library_lists_a_long_document(
    tmp_path: Path,
):
    """So the first long document of a session does not wait for the process to start."""
    library = open_long(tmp_path, 400_000)
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(100):  # started from a thread after the list is painted
            if app.analysis_pool.started:
                break
            await pilot.pause(0.01)
        assert app.analysis_pool.started
        assert app.query_one(ReadingPane).document is None  # nothing opened yet
    library.close()


async def test_no_analysis_process_for_a_library_of_short_documents(tmp_path: Path, samples):
    library = Library(tmp_path / "lib")
    library.add([samples["hedged"].parent])
    app = HedgeReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert not app.analysis_pool.started
    library.close()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_headers_category_line_fits_and_keeps_the_booster_count(tmp_path: Path, size):
    library = open_long(tmp_path, 200_000)
    app = HedgeReaderApp(library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pane = app.query_one(ReadingPane)
        while pane.analysed < 1.0:
            await pilot.pause(0.05)
        await pilot.pause()
        counts = {}
        for hedge in pane.hedges:
            counts[hedge.category] = counts.get(hedge.category, 0) + 1
        header = app.query_one("#reading-header")
        full = "  ".join(f"{category} {count:,}" for category, count in counts.items())
        assert len(counts) == 7 and len(full) > header.size.width  # unabridged, it is cut
        line = visible_text(header).splitlines()[-2 if size[1] > 30 else -1].rstrip()
        if not line.strip() or "─" in line:  # the border under the header
            line = visible_text(header).splitlines()[-2].rstrip()
        assert "…" not in line.replace("… ", "")  # nothing cut at the end
        assert line.endswith(f"{counts['booster']:,}"), line
        assert "modal" in line or "mod " in line
        assert len(line) <= header.size.width
    library.close()
