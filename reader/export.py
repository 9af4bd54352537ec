"""A document with its marks, legend and figures, as HTML, Markdown or JSON.

Pure functions, no Textual: the CLI (``hedge-reader export``) and the app's export action
share them. Document text is data everywhere: HTML-escaped (control characters made
visible first), Markdown-escaped, or a JSON string.

Claim strength (``reader.hedging.claims``) comes with every format: the finding sentences
with their labels and cue words, and the share of them stated as a direct cause.

The figures are computed from the marks in the file (the built-in lexicon plus the
user's own phrases), so the legend's counts always match what is marked, and they are
the library's stored figures too: those are made with the same phrases (one analysis,
``reader.library.figures``).
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol, TypeVar

from reader import __version__
from reader.guide import CLAIM_NOTES, NOTES
from reader.hedging import (
    BOOSTER,
    CATEGORIES,
    Hedge,
    HedgeProfile,
    find_hedges,
    profile,
    sentence_spans,
)
from reader.hedging.claims import (
    LABEL_NAMES,
    LABELS,
    Claim,
    ClaimProfile,
    find_claims,
    free_cues,
)
from reader.safe_text import printable

FORMATS: dict[str, str] = {"html": ".html", "md": ".md", "json": ".json"}


class HeadingLike(Protocol):
    @property
    def offset(self) -> int: ...
    @property
    def level(self) -> int: ...
    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class MarkedDocument:
    """Everything an export shows: the text, its marks, its figures."""

    path: str
    title: str
    body: str
    hedges: Sequence[Hedge]
    profile: HedgeProfile
    outline: Sequence[HeadingLike] = ()
    #: Finding sentences with their claim strength and cues, in text order.
    claims: Sequence[Claim] = ()

    def claim_profile(self) -> ClaimProfile:
        """The claims' counts per label (as ``claim_profile(body)`` gives them)."""
        by_label = Counter(claim.label for claim in self.claims)
        return ClaimProfile(
            findings=len(self.claims),
            correlational=by_label[LABELS[1]],
            conditional_causal=by_label[LABELS[2]],
            direct_causal=by_label[LABELS[3]],
        )

    def counts(self) -> dict[str, int]:
        """Marks per category, every category present (zero when none)."""
        found = Counter(hedge.category for hedge in self.hedges)
        return {category: found.get(category, 0) for category in CATEGORIES}


def analyse(
    path: str,
    title: str,
    body: str,
    outline: Sequence[HeadingLike] = (),
    extra: Mapping[str, str] | None = None,
) -> MarkedDocument:
    """Mark ``body`` (with the user's ``extra`` phrases) and compute its figures."""
    hedges = find_hedges(body, extra=extra)
    return MarkedDocument(
        path, title, body, hedges, profile(body, hedges), tuple(outline), find_claims(body)
    )


def claim_summary(profile: ClaimProfile | None) -> dict[str, float | int] | None:
    """Counts per label and the share stated as a direct cause, for JSON; None when
    unknown (a library document indexed before claim strength was stored)."""
    if profile is None:
        return None
    return {
        "findings": profile.findings,
        "correlational": profile.correlational,
        "conditional_causal": profile.conditional_causal,
        "direct_causal": profile.direct_causal,
        "causal_share": round(profile.causal_share, 4),
    }


def _claim_dict(body: str, claim: Claim) -> dict[str, object]:
    return {
        "start": claim.start,
        "end": claim.end,
        "text": body[claim.start : claim.end],
        "claim": claim.label,
        "cues": [
            {"start": c.start, "end": c.end, "text": body[c.start : c.end], "kind": c.kind}
            for c in claim.cues
        ],
    }


#: Claim labels, strongest first, as the claims sections list them.
_CLAIM_ORDER = tuple(reversed(LABELS[1:]))
_CLAIM_CLASS = {
    LABELS[3]: "claim-causal",
    LABELS[2]: "claim-conditional",
    LABELS[1]: "claim-correlational",
}
#: What the Markdown export writes after a claim cue: ⟦reduces⟧⟨causal⟩ (the config's names).
_CLAIM_SHORT = {
    LABELS[3]: "causal",
    LABELS[2]: "conditional",
    LABELS[1]: "correlational",
}


def render(document: MarkedDocument, fmt: str) -> str:
    renderers: dict[str, Callable[[MarkedDocument], str]] = {
        "html": to_html,
        "md": to_markdown,
        "json": to_json,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderers[fmt](document)


def export_filename(document: MarkedDocument, fmt: str) -> str:
    """A safe file name from the title: ``vaccines-may-reduce-relapse.hedges.html``."""
    stem = re.sub(r"[^\w]+", "-", document.title.lower(), flags=re.ASCII)[:60].strip("-")
    return f"{stem or 'document'}.hedges{FORMATS[fmt]}"


def _label(category: str) -> str:
    return "booster" if category == BOOSTER else category


def _title_of(category: str) -> str:
    return "booster" if category == BOOSTER else f"{category} hedge"


def _kind(category: str) -> str:
    return "booster" if category == BOOSTER else "hedge"


# -- segments: the body cut at every mark and heading boundary -----------------------


_S = TypeVar("_S", bound=tuple)


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    hedge: Hedge | None
    heading: HeadingLike | None
    #: A claim cue no hedge holds: (start, end, label).
    claim: tuple[int, int, str] | None = None


def _covering(spans: Sequence[_S], start: int, index: int) -> tuple[_S | None, int]:
    """The span of ``spans`` (sorted, not overlapping) that covers ``start``, if any, and
    the index to start from next time (starts only grow)."""
    while index < len(spans) and spans[index][1] <= start:
        index += 1
    if index < len(spans) and spans[index][0] <= start:
        return spans[index], index
    return None, index


def _segments(document: MarkedDocument) -> Iterator[_Segment]:
    """Consecutive pieces of the body, each with the mark (a hedge or a claim cue no hedge
    holds, as the reading pane marks them) and heading covering it."""
    body = document.body
    headings = [h for h in document.outline if 0 <= h.offset < len(body)]
    heading_spans = sorted(
        ((h.offset, min(h.offset + len(h.title), len(body)), h) for h in headings),
        key=lambda item: item[0],
    )
    hedges = list(document.hedges)
    hedge_spans = [(h.start, h.end, h) for h in hedges]
    claim_spans = free_cues(document.claims, hedges)
    cuts = {0, len(body)}
    for spans in (hedge_spans, heading_spans, claim_spans):
        for span in spans:
            cuts.update((span[0], span[1]))
    points = sorted(cut for cut in cuts if 0 <= cut <= len(body))
    h_index = s_index = c_index = 0
    for start, end in pairwise(points):
        hedge, h_index = _covering(hedge_spans, start, h_index)
        heading, s_index = _covering(heading_spans, start, s_index)
        claim, c_index = _covering(claim_spans, start, c_index)
        yield _Segment(
            start,
            end,
            hedge[2] if hedge else None,
            heading[2] if heading else None,
            None if hedge else claim,
        )


# -- HTML ----------------------------------------------------------------------------

#: Each category differs by decoration as well as colour, so print and colour-blind
#: readers can tell them apart; the legend shows every style.
_HTML_CSS = """
:root { color-scheme: light dark; --ink: #1b1b1b; --paper: #fdfdfb; --muted: #5b5b5b; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e8e6e3; --paper: #1d1f21; --muted: #a8a8a8; }
}
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: var(--ink);
       background: var(--paper); max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
header p, footer { color: var(--muted); font-size: 0.9rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.1rem; margin-top: 2rem; }
code { font-size: 0.85em; word-break: break-all; }
table { border-collapse: collapse; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.2rem 0.8rem 0.2rem 0; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.text { white-space: pre-wrap; overflow-wrap: break-word; }
.heading { font-weight: bold; font-size: 1.1em; }
mark { color: inherit; background: none; text-decoration-thickness: 2px;
       text-underline-offset: 3px; border-radius: 2px; }
mark.modal { text-decoration-line: underline; text-decoration-style: solid;
             background: rgba(66, 133, 244, 0.16); }
mark.epistemic { text-decoration-line: underline; text-decoration-style: dotted;
                 background: rgba(52, 168, 83, 0.16); }
mark.probability { text-decoration-line: underline; text-decoration-style: dashed;
                   background: rgba(0, 172, 193, 0.18); }
mark.approximator { text-decoration-line: underline; text-decoration-style: wavy;
                    background: rgba(158, 158, 158, 0.22); }
mark.tentative { text-decoration-line: underline; text-decoration-style: double;
                 background: rgba(251, 188, 4, 0.22); }
mark.attribution { font-style: italic; text-decoration-line: overline;
                   background: rgba(171, 71, 188, 0.16); }
mark.booster { font-weight: bold; outline: 2px solid rgba(234, 67, 53, 0.85);
               background: rgba(234, 67, 53, 0.14); }
mark.claim-causal { font-weight: bold; font-style: italic; border-bottom: 3px solid #c62828; }
mark.claim-conditional { font-style: italic; border-bottom: 3px dotted #b26a00; }
mark.claim-correlational { font-style: italic; border-bottom: 1px solid #1565c0; }
td.claim { white-space: nowrap; }
@media print { mark { background: none !important; } }
"""


def to_html(document: MarkedDocument) -> str:
    """One self-contained page: inline CSS, no scripts, no external resources."""
    esc = _html_text
    counts = document.counts()
    figures = document.profile
    claims = document.claim_profile()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="hedge-reader {__version__}">',
        f"<title>{esc(document.title)} · hedges marked</title>",
        f"<style>{_HTML_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(document.title)}</h1>",
        f"<p>Source: <code>{esc(document.path)}</code></p>",
        "</header>",
        '<section id="summary">',
        "<h2>Summary</h2>",
        "<table>",
        f'<tr><th>Words</th><td class="n">{figures.words:,}</td></tr>',
        f'<tr><th>Hedges</th><td class="n">{figures.hedges:,}</td>'
        f"<td>{figures.hedges_per_1k:.1f} per 1,000 words</td></tr>",
        f'<tr><th>Boosters</th><td class="n">{figures.boosters:,}</td>'
        f"<td>{figures.boosters_per_1k:.1f} per 1,000 words</td></tr>",
        f'<tr><th>Sentences hedged</th><td class="n">{figures.hedged_share:.0%}</td>'
        f"<td>{figures.hedged_sentences:,} of {figures.sentences:,}</td></tr>",
        f'<tr><th>Findings</th><td class="n">{claims.findings:,}</td>'
        f"<td>{claims.causal_share:.0%} stated as a direct cause</td></tr>",
        "</table>",
        "</section>",
        '<section id="legend">',
        "<h2>Legend</h2>",
        "<table>",
        "<tr><th>Mark</th><th>Count</th><th>Category</th></tr>",
    ]
    for category, label in CATEGORIES.items():
        note = NOTES.get(category, ("", ""))[0]
        parts.append(
            f'<tr id="legend-{category}"><td><mark class="{category}" data-category="{category}">'
            f'{_label(category)}</mark></td><td class="n">{counts[category]:,}</td>'
            f"<td>{esc(label)}<br><small>{esc(note)}</small></td></tr>"
        )
    parts += _html_claim_legend(document)
    parts += ["</table>", "</section>", *_html_claims(document), '<section id="text">']
    parts.append("<h2>Text</h2>")
    parts.append('<div class="text">' + "".join(_html_body(document)) + "</div>")
    parts += [
        "</section>",
        f"<footer><p>Marked by hedge-reader {__version__}. Marks show wording, not truth: "
        "a hedged claim can be sound and a bold one wrong.</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _html_claim_legend(document: MarkedDocument) -> list[str]:
    """Legend rows for the claim cues: their marks in the text, finding sentences counted."""
    counts = document.claim_profile()
    rows = []
    for label in _CLAIM_ORDER:
        rows.append(
            f'<tr id="legend-{_CLAIM_CLASS[label]}"><td>{_html_claim_open(label)}'
            f'{_CLAIM_SHORT[label]}</mark></td><td class="n">{getattr(counts, label):,}</td>'
            f"<td>{_html_text(LABEL_NAMES[label])} claim (finding sentences)<br>"
            f"<small>{_html_text(CLAIM_NOTES[label][0])}</small></td></tr>"
        )
    return rows


def _html_claims(document: MarkedDocument) -> list[str]:
    """The claims section: each finding sentence with its strength, cue words marked."""
    counts = document.claim_profile()
    parts = [
        '<section id="claims">',
        "<h2>Claims</h2>",
        "<p>"
        + " · ".join(f"{LABEL_NAMES[label]}: {getattr(counts, label):,}" for label in _CLAIM_ORDER)
        + "</p>",
        "<table>",
    ]
    body = document.body
    for claim in document.claims:
        kind = _CLAIM_CLASS[claim.label]
        pieces, at = [], claim.start
        for cue in claim.cues:
            if cue.start < at:
                continue
            pieces.append(_html_text(body[at : cue.start]))
            pieces.append(f'<mark class="{kind}">{_html_text(body[cue.start : cue.end])}</mark>')
            at = cue.end
        pieces.append(_html_text(body[at : claim.end]))
        parts.append(
            f'<tr data-claim="{claim.label}"><td class="claim">{LABEL_NAMES[claim.label]}</td>'
            f"<td>{''.join(pieces)}</td></tr>"
        )
    parts += ["</table>", "</section>"]
    return parts


def _html_text(text: str) -> str:
    return html.escape(printable(text), quote=True)


def _html_body(document: MarkedDocument) -> Iterable[str]:
    body = document.body
    open_mark: object = None  # the hedge or claim cue whose <mark> is open
    open_heading: HeadingLike | None = None
    for segment in _segments(document):
        mark = segment.hedge or segment.claim
        if mark is not open_mark or segment.heading is not open_heading:
            if open_mark is not None:
                yield "</mark>"
            if segment.heading is not open_heading:
                if open_heading is not None:
                    yield "</span>"
                if segment.heading is not None:
                    yield f'<span class="heading h{segment.heading.level}">'
                open_heading = segment.heading
            if segment.hedge is not None:
                hedge = segment.hedge
                yield (
                    f'<mark class="{hedge.category}" data-category="{hedge.category}" '
                    f'title="{_title_of(hedge.category)}">'
                )
            elif segment.claim is not None:
                yield _html_claim_open(segment.claim[2])
            open_mark = mark
        yield _html_text(body[segment.start : segment.end])
    if open_mark is not None:
        yield "</mark>"
    if open_heading is not None:
        yield "</span>"


def _html_claim_open(label: str) -> str:
    return (
        f'<mark class="{_CLAIM_CLASS[label]}" data-claim="{label}" '
        f'title="{LABEL_NAMES[label]} claim">'
    )


# -- Markdown --------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_BLOCK = re.compile(r"^[ \t]*(?:([#>+=\-])|(\d+)([.)]))", re.MULTILINE)


def _md_escape(text: str, at_line_start: bool) -> str:
    """Escape what Markdown would read as markup; lines lose their indentation."""
    text = _MD_INLINE.sub(r"\\\1", printable(text))

    def block(match: re.Match[str]) -> str:
        if match.start() == 0 and not at_line_start:
            return match.group(0)
        if match.group(1):
            return "\\" + match.group(1)
        return match.group(2) + "\\" + match.group(3)

    text = _MD_BLOCK.sub(block, text)
    if at_line_start:
        text = text.lstrip(" \t")
    return re.sub(r"\n[ \t]+", "\n", text)


def _md_mark(hedge_text: str, category: str, at_line_start: bool) -> str:
    delim = "**" if category == BOOSTER else "*"
    pieces = [p for p in re.split(r"\n\s*\n", hedge_text) if p.strip()]
    marked = "\n\n".join(
        f"{delim}{_md_escape(piece.strip(), at_line_start or i > 0)}{delim}"
        for i, piece in enumerate(pieces)
    )
    return f"{marked}⟨{_label(category)}⟩"


def to_markdown(document: MarkedDocument) -> str:
    """Hedges in *italics*, boosters in **bold**, each followed by its category: ⟨modal⟩;
    claim cues in ⟦brackets⟧ followed by their strength: ⟦reduces⟧⟨causal⟩."""
    counts = document.counts()
    figures = document.profile
    claims = document.claim_profile()
    lines = [
        f"# {_md_escape(document.title, True)}",
        "",
        f"Source: {_md_escape(document.path, False)}",
        "",
        "## Summary",
        "",
        f"- Words: {figures.words:,}",
        f"- Hedges: {figures.hedges:,} ({figures.hedges_per_1k:.1f} per 1,000 words)",
        f"- Boosters: {figures.boosters:,} ({figures.boosters_per_1k:.1f} per 1,000 words)",
        f"- Sentences hedged: {figures.hedged_share:.0%} "
        f"({figures.hedged_sentences:,} of {figures.sentences:,})",
        f"- Findings: {claims.findings:,} ({claims.causal_share:.0%} stated as a direct cause)",
        "",
        "## Legend",
        "",
        "Hedges are in *italics* and boosters in **bold**, each followed by its category. "
        "A finding sentence's claim cue words are in ⟦double brackets⟧, followed by the "
        "sentence's claim strength (counted in finding sentences).",
        "",
        "| Mark | Count | Category |",
        "|---|--:|---|",
    ]
    for category, label in CATEGORIES.items():
        sample = _md_mark(_label(category), category, False)
        lines.append(f"| {sample} | {counts[category]:,} | {_md_escape(label, False)} |")
    for claim_label in _CLAIM_ORDER:
        sample = _md_claim("cue", claim_label, False)
        count = getattr(claims, claim_label)
        lines.append(f"| {sample} | {count:,} | {LABEL_NAMES[claim_label]} claim |")
    lines += ["", "## Claims", ""]
    for claim in document.claims:
        cues = ", ".join(_md_escape(document.body[c.start : c.end], False) for c in claim.cues)
        sentence = _md_escape(" ".join(document.body[claim.start : claim.end].split()), False)
        lines.append(f"- **{LABEL_NAMES[claim.label]}** ({cues}): {sentence}")
    if not document.claims:
        lines.append("No finding sentences.")
    lines += ["", "## Text", "", "".join(_md_body(document)).strip("\n"), ""]
    return "\n".join(lines)


def _md_body(document: MarkedDocument) -> Iterable[str]:
    body = document.body
    done: set[int] = set()
    for segment in _segments(document):
        at_line_start = segment.start == 0 or body[segment.start - 1] == "\n"
        heading = segment.heading
        if heading is not None and segment.start == heading.offset and at_line_start:
            yield "#" * min(heading.level + 1, 6) + " "
            at_line_start = False
        hedge = segment.hedge
        claim = segment.claim
        if hedge is None and claim is None:
            yield _md_escape(body[segment.start : segment.end], at_line_start)
        elif hedge is not None and id(hedge) not in done:
            # a mark cut by a heading boundary is still written once, whole
            done.add(id(hedge))
            yield _md_mark(body[hedge.start : hedge.end], hedge.category, at_line_start)
        elif claim is not None and id(claim) not in done:
            done.add(id(claim))
            yield _md_claim(body[claim[0] : claim[1]], claim[2], at_line_start)


def _md_claim(cue_text: str, label: str, at_line_start: bool) -> str:
    """A claim cue: ⟦reduces⟧⟨causal⟩, brackets that mean nothing to Markdown, so it never
    reads as the hedges' emphasis."""
    return f"⟦{_md_escape(' '.join(cue_text.split()), at_line_start)}⟧⟨{_CLAIM_SHORT[label]}⟩"


# -- JSON ----------------------------------------------------------------------------


def to_json(document: MarkedDocument) -> str:
    """The shape of ``hedge-reader hedges --json`` plus title, text, legend and outline."""
    counts = document.counts()
    payload = {
        "path": document.path,
        "title": document.title,
        "summary": document.profile.to_dict(),
        "legend": [
            {"category": c, "label": label, "kind": _kind(c), "count": counts[c]}
            for c, label in CATEGORIES.items()
        ],
        "hedges": [hedge.to_dict() for hedge in document.hedges],
        "claims": [_claim_dict(document.body, claim) for claim in document.claims],
        "claim_summary": claim_summary(document.claim_profile()),
        "outline": [
            {"offset": h.offset, "level": h.level, "title": h.title} for h in document.outline
        ],
        "text": document.body,
        "generator": f"hedge-reader {__version__}",
    }
    return json.dumps(payload, ensure_ascii=False) + "\n"


# -- quotes ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def format_quote(text: str, title: str, source: str, author: str = "") -> str:
    """A passage as a quotation with its source, ready to paste into notes or an article."""
    passage = " ".join(_CONTROL.sub("", text).split())
    origin = ", ".join(" ".join(_CONTROL.sub("", part).split()) for part in (author, title) if part)
    where = _CONTROL.sub("", source)
    attribution = f"{origin} ({where})" if origin and where else origin or where
    return f"“{passage}”\n— {attribution}"


def sentence_at(text: str, offset: int, window: int = 4000) -> str:
    """The sentence holding character ``offset``, splitting only ``window`` characters
    either side (a copy on a 1 MB document stays instant; longer sentences are cut)."""
    if not text:
        return ""
    offset = min(max(offset, 0), len(text) - 1)
    start = max(offset - window, 0)
    piece = text[start : offset + window]
    spans = sentence_spans(piece)
    if not spans:
        return ""
    local = offset - start
    index = max(bisect_right([s for s, _ in spans], local) - 1, 0)
    begin, end = spans[index]
    return piece[begin:end]
