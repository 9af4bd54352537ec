"""Wrapping keeps every word, in order, within the width, with offsets into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.safe_text import printable
from reader.tui.wrap import line_of, wrap_offsets


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
