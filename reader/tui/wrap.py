"""Word-wrapping that keeps offsets: visual lines as (start, end) slices of the text.

The reading view renders only the lines on screen, so it needs to know where each
visual line starts in the document, and which line holds a given character.
Linear in the length of the text; lines of single-cell characters (nearly all prose)
are wrapped by one regular expression, so a megabyte wraps in a few milliseconds.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from itertools import chain
from operator import itemgetter

from rich.cells import cell_len

_WORD = re.compile(r"\S+")
# Characters that always take one cell: a line made only of these (and tabs) wraps by regex.
_NOT_SINGLE_CELL = re.compile(
    "[^\t\x20-\x7e\xa0-\u02ff\u0370-\u0482\u048a-\u052f"
    "\u2010-\u2027\u2030-\u205e\u2190-\u2319\u2500-\u25fc]"
)
_PATTERNS: dict[int, re.Pattern[str]] = {}


_NON_SPACE = re.compile(r"\S")
#: A line's lead that its wrapped lines line up under: quote bars, an indent, a bullet
#: or a number (as Markdown's renderer and most plain-text lists write them).
_HANGING = re.compile(r"(?:│ | )*(?:[•◦▪*-] |\d{1,3}[.)] )?")


def hanging_prefix(line: str, width: int) -> str:
    """What the wrapped lines of ``line`` start with: its quote bars kept, its indent,
    bullet or number as spaces ("" if none, or if it would take half the width)."""
    lead = _HANGING.match(line)
    if lead is None or not lead.end() or lead.end() * 2 > width or lead.end() == len(line):
        return ""
    if line[lead.end()].isspace():  # a tab after it: the first line's text does not start
        return ""  # where the wrapped lines are lined up, so they could not be measured
    return "".join("│" if char == "│" else " " for char in lead.group())


def _pattern(width: int) -> re.Pattern[str]:
    """A visual line: from a word start, at most ``width`` cells, ending at a word end."""
    found = _PATTERNS.get(width)
    if found is None:
        found = re.compile(rf"(?<!\S)\S(?:[^\n]{{0,{width - 2}}}\S)?(?=\s|$)")
        _PATTERNS[width] = found
    return found


def _wrap_by_regex(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> list[tuple[int, int]] | None:
    """Visual lines of ``text[start:end]``, or None when a word is wider than a line."""
    spans = [m.span() for m in pattern.finditer(text, start, end)]
    previous = start
    for span_start, span_end in spans:
        if _NON_SPACE.search(text, previous, span_start):
            return None  # a word the pattern could not place: it needs folding
        previous = span_end
    if _NON_SPACE.search(text, previous, end):
        return None
    return spans or [(start, start)]


def wrap_offsets(
    text: str, width: int, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Visual lines of ``text[start:end]`` at ``width`` cells; each source line starts a
    new one. ``start`` must begin a source line and ``end`` end one (a newline or the end
    of the text), so wrapping consecutive ranges gives the same lines as the whole text.

    Blank source lines become empty visual lines, so paragraphs stay apart.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    position = start
    pattern = _pattern(width) if width >= 2 else None
    for source_line in text[start:end].split("\n"):
        end_of_line = position + len(source_line)
        if source_line.isascii() and len(source_line) <= width:
            lines.append((position, end_of_line))
        else:
            # a list item or a quote: its following lines are indented (hanging_prefix)
            indent = len(hanging_prefix(source_line, width))
            line_width, line_pattern = width, pattern
            if indent:
                line_width = width - indent
                line_pattern = _pattern(line_width) if line_width >= 2 else None
            spans = None
            if line_pattern is not None and not _NOT_SINGLE_CELL.search(
                text, position, end_of_line
            ):
                spans = _wrap_by_regex(text, position, end_of_line, line_pattern)
            first = len(lines)
            if spans is None:
                _wrap_line(source_line, position, line_width, lines)
            else:
                lines.extend(spans)
            if indent and len(lines) > first:  # the first line keeps its lead (indent, bars)
                lines[first] = (position, lines[first][1])
        position = end_of_line + 1
    return lines


def estimate_offsets(
    text: str, width: int, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Stand-in lines for ``text[start:end]`` (same bounds as ``wrap_offsets``): about as
    many as wrapping gives, cut every few characters instead of at words. Several times
    quicker, for the part of a long text off screen until it is wrapped for real."""
    lines = Lines()
    lines.estimate(text, width, start, end)
    return lines.pairs()


_SLACK = 6  # cells a word-wrapped line of prose leaves empty on average


def line_bounds(text: str, around: int, before: int, after: int) -> tuple[int, int]:
    """A range of whole source lines holding ``around``: from ``before`` characters
    earlier to ``after`` characters later, widened to line boundaries (the bounds
    ``wrap_offsets`` takes)."""
    start = text.rfind("\n", 0, max(around - before, 0)) + 1
    end = text.find("\n", min(around + after, len(text)))
    return start, len(text) if end < 0 else end


def _wrap_line(line: str, offset: int, width: int, out: list[tuple[int, int]]) -> None:
    ascii_only = line.isascii()
    start: int | None = None  # where the current visual line starts, relative to ``line``
    end = 0
    used = 0
    for match in _WORD.finditer(line):
        word_start, word_end = match.span()
        word_cells = (word_end - word_start) if ascii_only else cell_len(match.group())
        if start is None:
            start, end, used = word_start, word_start, 0
        gap = word_start - end if used else 0
        if used and used + gap + word_cells > width:
            out.append((offset + start, offset + end))
            start, used = word_start, 0
            gap = 0
        if word_cells > width:  # a word longer than a line: fold it
            word_start, used = _fold(line, offset, word_start, word_end, width, used, start, out)
            start = word_start
            end = word_end
            continue
        used += gap + word_cells
        end = word_end
    if start is None:
        out.append((offset, offset))  # a blank or whitespace-only line
    else:
        out.append((offset + start, offset + end))


def _fold(
    line: str,
    offset: int,
    word_start: int,
    word_end: int,
    width: int,
    used: int,
    start: int,
    out: list[tuple[int, int]],
) -> tuple[int, int]:
    if used:
        out.append((offset + start, offset + word_start))
    piece_start, cells = word_start, 0
    for index in range(word_start, word_end):
        char_cells = cell_len(line[index])
        if cells + char_cells > width and index > piece_start:
            out.append((offset + piece_start, offset + index))
            piece_start, cells = index, 0
        cells += char_cells
    return piece_start, cells


def line_of(lines: list[tuple[int, int]], starts: list[int], offset: int) -> int:
    """Index of the visual line holding character ``offset`` (``starts`` = line starts)."""
    return max(bisect_right(starts, offset) - 1, 0) if lines else 0


class Lines:
    """Visual lines as two arrays of offsets, ``starts`` and ``ends``.

    A megabyte has some 20,000 lines, laid out anew at each resize. As arrays they are
    built and dropped in C and are no work for the garbage collector, where a list of
    tuples costs a Python object per line (and a longer full collection).
    """

    __slots__ = ("ends", "starts")

    def __init__(self, pairs: Iterable[tuple[int, int]] = ()) -> None:
        self.starts = array("q")
        self.ends = array("q")
        if pairs:
            self.add(pairs)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def add(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Append lines given as (start, end) pairs (``wrap_offsets``'s result)."""
        pairs = pairs if isinstance(pairs, list) else list(pairs)
        self.starts.extend(map(itemgetter(0), pairs))
        self.ends.extend(map(itemgetter(1), pairs))

    def extend(self, other: Lines) -> None:
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)

    def estimate(self, text: str, width: int, start: int = 0, end: int | None = None) -> None:
        """Append ``estimate_offsets(text, width, start, end)``, built range by range."""
        step = max(width - _SLACK, 1)
        starts, ends = self.starts, self.ends
        end = len(text) if end is None else end
        position = start
        while True:
            end_of_line = text.find("\n", position, end)
            if end_of_line < 0:
                end_of_line = end
            if end_of_line - position <= width:
                starts.append(position)
                ends.append(end_of_line)
            else:
                starts.extend(range(position, end_of_line, step))
                ends.extend(chain(range(position + step, end_of_line, step), (end_of_line,)))
            if end_of_line >= end:
                return
            position = end_of_line + 1

    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))

    def line_of(self, offset: int) -> int:
        """Index of the line holding character ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0) if self.starts else 0
