"""The document types that flow from ingest through the index to the screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from reader.hedging.claims import ClaimProfile
from reader.library.engine import Fields


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading: where it starts in the body, its level and its text."""

    offset: int
    level: int
    title: str


@dataclass(frozen=True, slots=True)
class Span:
    """A styled stretch of the body: Markdown's emphasis, code, links (``target``: the URL)
    and footnote marks (``target``: the note's label)."""

    start: int
    end: int
    kind: str
    target: str = ""


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A source file turned into readable plain text, before hedge analysis."""

    path: str
    title: str
    body: str
    format: str
    date: datetime
    sha256: str
    size: int
    mtime: float
    outline: tuple[Heading, ...] = ()
    author: str = ""
    #: What ``refresh`` re-reads to update this document: its file, URL or feed.
    source: str = ""
    #: ``(start, end)`` stretches of ``body`` the hedge figures leave out (a paper's
    #: reference list: its titles' hedges are other papers' claims).
    excluded: tuple[tuple[int, int], ...] = ()
    styles: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a reference manager knows about a file better than the file does (Zotero)."""

    title: str = ""
    author: str = ""
    date: datetime | None = None
    doi: str = ""
    collections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What a list row and a reading-pane header show: no body text."""

    path: str
    title: str
    format: str
    date: datetime
    added: datetime
    words: int
    hedges: int
    boosters: int
    hedges_per_1k: float
    boosters_per_1k: float
    hedged_share: float
    by_category: dict[str, int] = field(default_factory=dict)
    author: str = ""
    source: str = ""
    #: Finding sentences by claim strength; None for a document indexed before the
    #: library stored them (unknown, not zero).
    claims: ClaimProfile | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document: its summary, its text and its section outline."""

    summary: DocumentSummary
    body: str
    outline: tuple[Heading, ...] = ()
    styles: tuple[Span, ...] = ()

    @property
    def path(self) -> str:
        return self.summary.path

    @property
    def title(self) -> str:
        return self.summary.title


@dataclass(frozen=True, slots=True)
class Snippet:
    """A short excerpt of a matching document; ``marks`` are the matched words' offsets."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    summary: DocumentSummary
    score: float
    snippet: Snippet


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit]
    terms: tuple[str, ...] = ()
    #: Corrected queries to offer when nothing matched ("did you mean …?").
    suggestions: tuple[str, ...] = ()


def summary_from_fields(fields: Fields) -> DocumentSummary:
    """Stored index fields -> the summary a list row shows."""
    epoch = datetime(1970, 1, 1)
    return DocumentSummary(
        path=fields["path"],
        title=fields.get("title") or Path(fields["path"]).name,
        format=fields.get("format", ""),
        date=(fields.get("date") or epoch).replace(tzinfo=timezone.utc),
        added=(fields.get("added") or epoch).replace(tzinfo=timezone.utc),
        words=int(fields.get("words") or 0),
        hedges=int(fields.get("hedge_count") or 0),
        boosters=int(fields.get("booster_count") or 0),
        hedges_per_1k=float(fields.get("hedges") or 0.0),
        boosters_per_1k=float(fields.get("boosters") or 0.0),
        hedged_share=float(fields.get("hedged_share") or 0.0),
        by_category=dict(fields.get("by_category") or {}),
        author=fields.get("author") or "",
        source=fields.get("source") or fields["path"],
        claims=claims_from_fields(fields),
    )


#: The words ``claims:`` takes, per label (``reader.library.query``): short ones to type,
#: and the labels themselves.
CLAIM_WORDS: dict[str, tuple[str, ...]] = {
    "correlational": ("correlational",),
    "conditional_causal": ("conditional", "conditional_causal"),
    "direct_causal": ("causal", "direct_causal"),
}


def claim_fields(profile: ClaimProfile) -> Fields:
    """A document's claim counts -> the index fields that store them."""
    counts = {
        "correlational": profile.correlational,
        "conditional_causal": profile.conditional_causal,
        "direct_causal": profile.direct_causal,
    }
    words = [word for label, n in counts.items() if n for word in CLAIM_WORDS[label]]
    return {
        "claims": ",".join(words or ["none"]),
        "causal": round(100.0 * profile.causal_share, 2),
        "claim_counts": counts,
    }


def claims_from_fields(fields: Fields) -> ClaimProfile | None:
    counts = fields.get("claim_counts")
    if not isinstance(counts, dict):
        return None
    values = {key: int(counts.get(key) or 0) for key in CLAIM_WORDS}
    return ClaimProfile(findings=sum(values.values()), **values)
