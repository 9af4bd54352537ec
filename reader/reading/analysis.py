"""Analysing a document for the reading pane, in pieces, and what the side panels list.

A megabyte takes the detector about a second, so the worker analyses the text in
paragraph-aligned chunks, first one small enough to mark the first screen at once;
the text shows before any of it. Claim strength (``reader.hedging.claims``) is found in
the same chunks, after the hedges: the first chunk's claims follow its first paint.
The claims panel and outline are computed from the marks.
No Textual here: these are plain functions over offsets.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from reader.hedging import BOOSTER, Hedge, find_hedges, sentence_spans
from reader.hedging.claims import Claim as Finding
from reader.hedging.claims import find_claims
from reader.library import Heading, hit_spans

FIRST_CHUNK = 8_000  # characters: about two screens, marked before anything else
CHUNK = 16_000  # small, so the worker can step aside for the UI between chunks


@dataclass(frozen=True, slots=True)
class Chunk:
    """The marks found in ``text[start:end]``, with offsets into the whole text."""

    start: int
    end: int
    hedges: list[Hedge]
    hits: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    #: Finding sentences with their claim strength (``reader.hedging.claims``).
    findings: list[Finding] = field(default_factory=list)


def chunk_bounds(
    text: str, first: int = FIRST_CHUNK, size: int = CHUNK
) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of ``text`` that end at a blank line (sentences never cross one)."""
    start, want = 0, first
    while start < len(text):
        cut = text.find("\n\n", start + want)
        end = len(text) if cut < 0 else cut + 2
        yield start, end
        start, want = end, size


def analyse(
    text: str,
    start: int,
    end: int,
    terms: Sequence[str],
    extra: Mapping[str, str] | None = None,
    offset: int = 0,
    *,
    with_claims: bool = True,
) -> Chunk:
    """Marks for ``text[start:end]``; ``extra`` are the user's own phrases (phrase -> category).

    ``offset``: where ``text`` begins in the whole document, when it is only a piece of it
    (as sent to the analysis process); the marks' offsets are into the whole document.
    ``with_claims=False`` leaves claim strength out (``claims_of`` adds it later).
    """
    piece = text[start:end]
    at = start + offset
    sentences = sentence_spans(piece)
    return Chunk(
        at,
        end + offset,
        [replace(h, start=h.start + at, end=h.end + at) for h in find_hedges(piece, extra=extra)],
        [(a + at, b + at) for a, b in hit_spans(piece, terms)] if terms else [],
        [(a + at, b + at) for a, b in sentences],
        _findings(piece, at, sentences) if with_claims else [],
    )


def claims_of(text: str, start: int, end: int) -> Chunk:
    """Only the claim strength of ``text[start:end]``: the first chunk's, after its paint."""
    return Chunk(start, end, [], [], [], _findings(text[start:end], start))


def _findings(piece: str, at: int, sentences: list[tuple[int, int]] | None = None) -> list[Finding]:
    """``find_claims(piece)`` moved by ``at``; ``sentences``: the piece's, if split already."""
    return [
        replace(
            f,
            start=f.start + at,
            end=f.end + at,
            cues=tuple(replace(c, start=c.start + at, end=c.end + at) for c in f.cues),
        )
        for f in find_claims(piece, sentences)
    ]


def merge(chunks: Sequence[Chunk]) -> Chunk:
    """Consecutive chunks as one (fewer messages, fewer repaints)."""
    return Chunk(
        chunks[0].start,
        chunks[-1].end,
        [h for c in chunks for h in c.hedges],
        [s for c in chunks for s in c.hits],
        [s for c in chunks for s in c.sentences],
        [f for c in chunks for f in c.findings],
    )


@dataclass(frozen=True, slots=True)
class PanelSentence:
    """A row of the claims panel: a sentence with a shown hedge or booster, or a finding
    stated with a shown claim strength (``finding``), or both."""

    start: int
    end: int
    hedges: tuple[Hedge, ...]
    finding: Finding | None = None

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(h.category for h in self.hedges))

    @property
    def first_mark(self) -> int:
        """Where the row's first mark starts: its first hedge, else its first claim cue."""
        starts = [h.start for h in self.hedges[:1]]
        if self.finding is not None and self.finding.cues:
            starts.append(self.finding.cues[0].start)
        return min(starts, default=self.start)


def panel_sentences(
    sentences: Sequence[tuple[int, int]],
    hedges: Sequence[Hedge],
    hidden: frozenset[str],
    findings: Sequence[Finding] = (),
    hidden_labels: frozenset[str] = frozenset(),
) -> list[PanelSentence]:
    """Every sentence holding a shown hedge or booster or a finding whose label is not in
    ``hidden_labels``, in text order."""
    shown = [h for h in hedges if h.category not in hidden]
    starts = [h.start for h in shown]
    stated = [f for f in findings if f.label not in hidden_labels]
    stated_starts = [f.start for f in stated]
    found: list[PanelSentence] = []
    for start, end in sentences:
        first = bisect_left(starts, start)
        last = bisect_left(starts, end, first)
        at = bisect_left(stated_starts, start)
        finding = stated[at] if at < len(stated) and stated[at].start < end else None
        if last > first or finding is not None:
            found.append(PanelSentence(start, end, tuple(shown[first:last]), finding))
    return found


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of the text: a heading's section, or a tenth of a text without headings."""

    start: int
    end: int
    level: int
    title: str
    words: int
    hedges: int
    boosters: int

    @property
    def hedges_per_1k(self) -> float:
        return 1000.0 * self.hedges / self.words if self.words else 0.0


@dataclass(frozen=True, slots=True)
class Stretch:
    """Where a section lies and how many words it has; counted once per document."""

    start: int
    end: int
    level: int
    title: str
    words: int


def stretches(text: str, outline: Sequence[Heading]) -> list[Stretch]:
    """The outline's sections; without headings, the text in tenths."""
    if outline:
        bounds = [(h.offset, h.level, h.title) for h in sorted(outline, key=lambda h: h.offset)]
        if bounds[0][0] > 0 and text[: bounds[0][0]].strip():
            bounds.insert(0, (0, 1, "(before the first heading)"))
    else:
        step = max(len(text) // 10, 1)
        bounds = []
        for tenth in range(10):
            offset = _word_start(text, tenth * step)
            if offset < len(text) and (not bounds or offset > bounds[-1][0]):
                bounds.append((offset, 1, f"{tenth * 10:>2}% {_first_words(text, offset)}"))
    found = []
    for index, (start, level, title) in enumerate(bounds):
        end = bounds[index + 1][0] if index + 1 < len(bounds) else len(text)
        found.append(Stretch(start, end, level, title, len(text[start:end].split())))
    return found


def sections(
    parts: Sequence[Stretch], hedges: Sequence[Hedge], hidden: frozenset[str]
) -> list[Section]:
    """Each stretch with the shown hedges and boosters in it."""
    shown = [h for h in hedges if h.category not in hidden]
    starts = [h.start for h in shown]
    found: list[Section] = []
    for part in parts:
        inside = shown[bisect_left(starts, part.start) : bisect_left(starts, part.end)]
        boosters = sum(1 for h in inside if h.category == BOOSTER)
        found.append(
            Section(
                part.start,
                part.end,
                part.level,
                part.title,
                part.words,
                len(inside) - boosters,
                boosters,
            )
        )
    return found


def _word_start(text: str, offset: int) -> int:
    while 0 < offset < len(text) and not text[offset - 1].isspace():
        offset += 1
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _first_words(text: str, offset: int, count: int = 6) -> str:
    words = text[offset : offset + 200].split()[:count]
    return " ".join(words) + "…"
