"""Wrapping keeps every word, in order, within the width, with offsets into the text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.safe_text import printable
from reader.tui.wrap import estimate_offsets, line_bounds, line_of, wrap_offsets


def test_paragraphs_stay_apart_and_words_are_not_split():
    text = "One two three four five.\n\nSix seven."
    lines = [text[s:e] for s, e in wrap_offsets(text, 10)]
    assert lines == ["One two", "three four", "five.", "", "Six seven."]


def test_a_word_longer_than_the_line_is_folded():
    lines = [s for s in wrap_offsets("a " + "x" * 25, 10)]
    assert [e - s for s, e in lines] == [1, 10, 10, 5]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cd\n日本\t-é"), max_size=300),
    st.integers(min_value=1, max_value=40),
)
@example(" \t a", 2)  # an indent, then a tab: the first line was 3 cells wide
def test_wrapping_covers_all_words_within_width(text, width):
    lines = wrap_offsets(text, width)
    assert len(lines) >= text.count("\n") + 1
    previous_end = 0
    for start, end in lines:
        assert previous_end <= start <= end <= len(text)
        assert cell_len(text[start:end]) <= max(width, 2)
        previous_end = end
    covered = "".join(text[s:e] for s, e in lines)
    assert "".join(covered.split()) == "".join(text.split())
    starts = [s for s, _ in lines]
    for index, (start, end) in enumerate(lines):
        if end > start:
            assert line_of(lines, starts, start) == index


def test_printable_maps_controls_one_for_one():
    raw = "a\x1b[31mb\x07c\x9bd\x7fe\tf\ng"
    shown = printable(raw)
    assert len(shown) == len(raw)
    assert not any(c in shown for c in "\x1b\x07\x9b\x7f")
    assert "\t" in shown and "\n" in shown


def test_printable_defuses_bidi_overrides():
    """A right-to-left override (the "Trojan Source" trick) would make the terminal show
    text in another order than it is read, analysed and quoted; it shows as a stand-in."""
    raw = "it is \u202eeffective\u202c and \u2067x\u2069 may work"
    shown = printable(raw)
    assert len(shown) == len(raw)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "effective" in shown and "may work" in shown


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cd\n日本\t-é"), max_size=300),
    st.integers(min_value=1, max_value=40),
    st.lists(st.integers(min_value=0, max_value=300), max_size=4),
)
def test_wrapping_consecutive_ranges_gives_the_whole_texts_lines(text, width, cuts):
    """The reading view wraps a long text in slices; they must join up exactly."""
    bounds = sorted({min(c, len(text)) for c in cuts})
    lines, start = [], 0
    for cut in bounds:
        end = text.find("\n", cut)
        if end < 0 or end < start:
            continue
        lines.extend(wrap_offsets(text, width, start, end))
        start = end + 1
    lines.extend(wrap_offsets(text, width, start, len(text)))
    assert lines == wrap_offsets(text, width)


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cd\nxyz  "), max_size=300),
    st.integers(min_value=1, max_value=40),
)
def test_stand_in_lines_cover_the_text_within_width(text, width):
    lines = estimate_offsets(text, width)
    assert len(lines) == len(text.split("\n")) or len(lines) > text.count("\n")
    assert "".join(text[s:e] for s, e in lines) == text.replace("\n", "")
    assert all(e - s <= max(width, 1) for s, e in lines)


def test_stand_in_lines_are_about_as_many_as_wrapped_ones():
    """So the scrollbar barely moves when the real lines replace them."""
    from tests.helpers import seed_text

    text = seed_text(200_000)
    for width in (40, 79, 119):
        real, stand_in = len(wrap_offsets(text, width)), len(estimate_offsets(text, width))
        assert abs(stand_in - real) / real < 0.1


def test_line_bounds_are_whole_lines_around_a_position():
    text = "aaa\nbbb ccc\nddd\neee"
    start, end = line_bounds(text, text.index("ccc"), 0, 0)
    assert text[start:end] == "bbb ccc"
    start, end = line_bounds(text, text.index("ccc"), 5, 6)
    assert text[start:end] == "aaa\nbbb ccc\nddd"
    assert line_bounds(text, len(text), 0, 100) == (text.rindex("\n") + 1, len(text))
