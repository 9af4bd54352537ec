"""A paper's pages as positioned lines -> text in reading order, with its sections.

Pure functions over ``Run`` lists (no PDF library), so each step is testable alone:

* a page with a clear gutter is read a column at a time, between full-width bands
  (a title block, a wide figure caption), whatever order the content stream drew it in;
* lines in the top or bottom tenth of a page that repeat across pages (digits aside) are
  running headers and footers, and a lone number there is a page number: both are dropped;
* a line ending in a soft hyphen (U+00AD) joins the next with the hyphen removed; a hard
  hyphen (``-``, or the mark pdfium leaves for one at a line break) is kept, joined
  without a space ("COVID-19", "well-known");
* a line that is a section name (Abstract, Methods, Results, …, optionally numbered) is a
  heading; the reference list becomes its own section, reported as ``excluded`` so the
  hedge figures leave it out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

#: pdfium's marks for a hyphen it saw at a line break: not telling soft from hard.
_PDFIUM_HYPHENS = ("\x02", "\ufffe")
SOFT_HYPHEN = "\u00ad"

SECTION_NAMES = frozenset(
    {
        *("abstract", "summary", "background", "introduction", "methods", "method"),
        *("materials and methods", "methods and materials", "patients and methods"),
        *("study design", "results", "findings", "discussion", "results and discussion"),
        *("conclusion", "conclusions", "limitations", "strengths and limitations"),
        *("acknowledgements", "acknowledgments", "funding", "conflicts of interest"),
        *("competing interests", "author contributions", "data availability"),
        *("references", "bibliography", "literature cited", "works cited", "appendix"),
        *("supplementary material", "supplementary information", "keywords"),
    }
)
REFERENCE_NAMES = frozenset({"references", "bibliography", "literature cited", "works cited"})

_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d+|[ivxlc]+)\s*[-–—]?(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE
)
_REFERENCE_ENTRY = re.compile(r"^(?:\[\d+\]|\d+\.)\s")
_EDGE = 0.1  # share of the page height at top and bottom where running heads live


@dataclass(frozen=True, slots=True)
class Run:
    """One line of text as drawn, in points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float = 0.0


@dataclass(frozen=True, slots=True)
class PageRuns:
    width: float
    height: float
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """``(heading level or 0, text)`` blocks in reading order; which block starts the
    reference list (or -1) and which ends it (exclusive)."""

    blocks: list[tuple[int, str]]
    references: tuple[int, int] = (-1, -1)


def drop_running_heads(pages: list[PageRuns]) -> list[PageRuns]:
    """Without the lines repeated at the top or bottom of the pages, and page numbers."""

    def edge(page: PageRuns, run: Run) -> bool:
        return run.bottom <= page.height * _EDGE or run.top >= page.height * (1 - _EDGE)

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_signature(run.text) for run in page.runs if edge(page, run)})
    repeated = max(2, (len(pages) + 1) // 2)
    kept = []
    for page in pages:
        runs = tuple(
            run
            for run in page.runs
            if not edge(page, run)
            or not (seen[_signature(run.text)] >= repeated or _PAGE_NUMBER.match(run.text.strip()))
        )
        kept.append(PageRuns(page.width, page.height, runs))
    return kept


def _signature(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def reading_order(page: PageRuns) -> list[list[Run]]:
    """The page's lines grouped by column stretch, each in reading order."""
    lines = _merge_same_line(sorted(page.runs, key=lambda r: (round(r.top), r.x0)))
    gutter = _gutter(page, lines)
    if gutter is None:
        return [lines] if lines else []
    stretches: list[list[Run]] = []
    left: list[Run] = []
    right: list[Run] = []

    def flush() -> None:
        for column in (left, right):
            if column:
                stretches.append(sorted(column, key=lambda r: (r.top, r.x0)))
                column.clear()

    for run in lines:
        if run.x1 <= gutter:
            left.append(run)
        elif run.x0 >= gutter:
            right.append(run)
        else:  # across both columns: ends the stretch above it
            flush()
            stretches.append([run])
    flush()
    return stretches


def _merge_same_line(runs: list[Run]) -> list[Run]:
    """Pieces of one line (a bold word, a font change) as one run, columns kept apart."""
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        height = max(run.bottom - run.top, 1.0)
        if (
            last is not None
            and abs(last.top - run.top) < height * 0.5
            and 0 <= run.x0 - last.x1 < max(run.size, height) * 1.0
        ):
            glue = "" if last.text.endswith(" ") or run.text.startswith(" ") else " "
            merged[-1] = Run(
                last.x0,
                min(last.top, run.top),
                run.x1,
                max(last.bottom, run.bottom),
                last.text + glue + run.text,
                max(last.size, run.size),
            )
        else:
            merged.append(run)
    return merged


def _gutter(page: PageRuns, lines: list[Run]) -> float | None:
    """An x between the columns that few lines cross, or None for a one-column page."""
    if len(lines) < 4:
        return None
    step = max(page.width / 100, 1.0)
    count = int(page.width * 0.4 / step) + 1
    xs = [page.width * 0.3 + number * step for number in range(count)]
    # lines crossing each candidate x, by a difference array over the candidates
    changes = [0] * (count + 1)
    for run in lines:
        first, last = bisect_right(xs, run.x0), bisect_left(xs, run.x1)
        if first < last:
            changes[first] += 1
            changes[last] -= 1
    middle = page.width / 2
    best: tuple[int, float, float] | None = None
    crossing = 0
    for x, change in zip(xs, changes, strict=False):
        crossing += change
        candidate = (crossing, abs(x - middle), x)
        if best is None or candidate < best:
            best = candidate
    assert best is not None
    crossing, _, gutter = best
    left = sum(1 for r in lines if r.x1 <= gutter)
    right = sum(1 for r in lines if r.x0 >= gutter)
    if left < 2 or right < 2 or crossing > 0.25 * len(lines):
        return None
    return gutter


def heading_name(text: str) -> str:
    """The section name a line is, lower-cased, or ``""``."""
    line = " ".join(text.split())
    if not line or len(line) > 60:
        return ""
    name = _NUMBERING.sub("", line).rstrip(":.").strip().casefold()
    return name if name in SECTION_NAMES else ""


def layout(pages: list[PageRuns]) -> Layout:
    """All pages -> paragraphs and headings in reading order."""
    pages = drop_running_heads(pages)
    sizes = [run.size for page in pages for run in page.runs if run.size]
    body_size = median(sizes) if sizes else 0.0
    blocks: list[tuple[int, str]] = []
    paragraph: list[str] = []
    in_references = False
    references = [-1, -1]

    def flush() -> None:
        if paragraph:
            text = _join(paragraph)
            if text.strip():
                blocks.append((0, text))
            paragraph.clear()

    for page in pages:
        for stretch in reading_order(page):
            previous: Run | None = None
            pitch = _pitch(stretch)
            for run in stretch:
                text = run.text.strip()
                if not text:
                    continue
                name = heading_name(text)
                if name or _numbered_heading(run, text, body_size):
                    flush()
                    if in_references and name and name not in REFERENCE_NAMES:
                        in_references = False
                        references[1] = len(blocks)
                    if name in REFERENCE_NAMES and not in_references:
                        in_references = True
                        references = [len(blocks), -1]
                    blocks.append((1 if name else 2, " ".join(text.split())))
                    previous = run
                    continue
                if previous is None:
                    # a new column or page continues a sentence that did not end
                    if paragraph and (_ended(paragraph[-1]) or not text[:1].islower()):
                        flush()
                elif _gap(previous, run, pitch) or (in_references and _new_entry(previous, run)):
                    flush()
                paragraph.append(text)
                previous = run
            if paragraph and in_references:
                flush()
    flush()
    if references[0] >= 0 and references[1] < 0:
        references[1] = len(blocks)
    return Layout(blocks, (references[0], references[1]))


def _new_entry(previous: Run, run: Run) -> bool:
    """A reference list's next entry: numbered ("12." or "[12]"), or outdented as a
    hanging indent sets each author-year entry's first line."""
    return bool(_REFERENCE_ENTRY.match(run.text.strip())) or run.x0 < previous.x0 - 3


def _numbered_heading(run: Run, text: str, body_size: float) -> bool:
    """ "2.1 Study population" in a larger type than the body text."""
    return (
        bool(_NUMBERING.match(text))
        and body_size > 0
        and run.size >= body_size * 1.15
        and len(text) <= 80
        and not text.endswith(".")
    )


def _pitch(stretch: list[Run]) -> float:
    """The usual distance from one line's top to the next's in a column stretch."""
    steps = [b.top - a.top for a, b in pairwise(stretch) if b.top - a.top > 0.5]
    if len(steps) >= 2:
        return median(steps)
    sizes = [run.size or (run.bottom - run.top) for run in stretch]
    return (median(sizes) if sizes else 10.0) * 1.25


def _gap(above: Run, below: Run, pitch: float) -> bool:
    """More space than the usual line pitch: a new paragraph (or a jump back up)."""
    step = below.top - above.top
    return step > pitch * 1.3 + 0.5 or step < -(above.bottom - above.top)


def _ended(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":"))


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line: soft hyphens joined away, hard ones kept."""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith(SOFT_HYPHEN):
            out = out[:-1] + line
        elif out.endswith(_PDFIUM_HYPHENS):
            out = out[:-1] + "-" + line
        elif out.endswith("-") and out[-2:-1].isalnum():
            out += line
        else:
            out += " " + line
    return clean(out)


def clean(text: str) -> str:
    """pdfium's hyphen marks inside a line are hyphens; stray soft hyphens go."""
    for mark in _PDFIUM_HYPHENS:
        text = text.replace(mark, "-")
    return text.replace(SOFT_HYPHEN, "")
