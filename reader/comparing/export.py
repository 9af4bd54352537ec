"""A comparison as a fact-check note: HTML, Markdown or JSON.

Each pair shows the release sentence and the source sentence side by side with their hedges
and boosters marked, the claim strength of each, the verdict and its reasons, and where both
texts came from. Escaping and the page style are ``reader.export``'s, so a note looks like a
document export and document text is data everywhere (HTML-escaped, Markdown-escaped, or a
JSON string).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from reader import __version__
from reader.comparing.compare import EXAGGERATES, Comparison, Pair, Side
from reader.export import _HTML_CSS, _html_text, _md_escape
from reader.hedging import BOOSTER
from reader.hedging.claims import LABEL_NAMES

COMPARE_FORMATS: dict[str, str] = {"html": ".html", "md": ".md", "json": ".json"}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where one side came from, for the note's sources."""

    title: str
    path: str


def render_comparison(comparison: Comparison, fmt: str, release: Origin, source: Origin) -> str:
    renderers: dict[str, Callable[[Comparison, Origin, Origin], str]] = {
        "html": to_html,
        "md": to_markdown,
        "json": to_json,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(COMPARE_FORMATS)}")
    return renderers[fmt](comparison, release, source)


def comparison_filename(release: Origin, fmt: str) -> str:
    """``coffee-cuts-cancer-risk.compare.html``: a safe name from the release's title."""
    stem = re.sub(r"[^\w]+", "-", release.title.lower(), flags=re.ASCII)[:60].strip("-")
    return f"{stem or 'comparison'}.compare{COMPARE_FORMATS[fmt]}"


def _strength(side: Side) -> str:
    return f"{LABEL_NAMES[side.label]} ({side.strength})"


# -- HTML ------------------------------------------------------------------------------

_COMPARE_CSS = """
.pair { border-top: 1px solid var(--muted); padding: 0.6rem 0 1rem; }
.pair h3 { font-size: 1rem; margin: 0.4rem 0; }
.verdict { font-weight: bold; padding: 0 0.3rem; border: 2px solid; border-radius: 3px; }
.verdict.exaggerates { border-style: solid; }
.verdict.downplays { border-style: dashed; }
.verdict.same { border-style: dotted; }
blockquote { margin: 0.3rem 0 0.3rem 1rem; padding-left: 0.6rem;
             border-left: 3px solid var(--muted); }
.label { color: var(--muted); font-size: 0.9rem; }
"""


def _html_sentence(side: Side) -> str:
    """The sentence with its hedges and boosters marked, escaped."""
    parts: list[str] = []
    at = side.start
    for hedge in side.hedges:
        if hedge.start < at or hedge.end > side.end:
            continue
        parts.append(_html_text(side.text[at - side.start : hedge.start - side.start]))
        title = "booster" if hedge.category == BOOSTER else f"{hedge.category} hedge"
        parts.append(
            f'<mark class="{hedge.category}" title="{title}">'
            f"{_html_text(side.text[hedge.start - side.start : hedge.end - side.start])}</mark>"
        )
        at = hedge.end
    parts.append(_html_text(side.text[at - side.start :]))
    return "".join(parts)


def _html_pair(number: int, pair: Pair) -> list[str]:
    reasons = "".join(f"<li>{_html_text(r)}</li>" for r in pair.reasons) or "<li>no change</li>"
    return [
        f'<section class="pair" id="pair-{number}">',
        f'<h3>{number}. <span class="verdict {pair.verdict}">{pair.verdict}</span> '
        f'<span class="label">match score {pair.score:.2f}</span></h3>',
        f'<p class="label">Release · {_html_text(_strength(pair.release))}</p>',
        f"<blockquote>{_html_sentence(pair.release)}</blockquote>",
        f'<p class="label">Source · {_html_text(_strength(pair.source))}</p>',
        f"<blockquote>{_html_sentence(pair.source)}</blockquote>",
        f"<ul>{reasons}</ul>",
        "</section>",
    ]


def to_html(comparison: Comparison, release: Origin, source: Origin) -> str:
    """One self-contained page: inline CSS, no scripts, no external resources."""
    esc = _html_text
    top = comparison.pairs[comparison.top]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="hedge-reader {__version__}">',
        f"<title>Fact-check: {esc(release.title)}</title>",
        f"<style>{_HTML_CSS}{_COMPARE_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>Fact-check: {esc(release.title)}</h1>",
        f'<p>Verdict: <span class="verdict {comparison.verdict}">{comparison.verdict}</span> '
        f"(the strongest finding: {esc(_strength(top.source))} in the source, "
        f"{esc(_strength(top.release))} in the release)</p>",
        f"<p>{esc(comparison.summary())}</p>",
        "</header>",
        '<section id="sources">',
        "<h2>Sources</h2>",
        "<table>",
        f"<tr><th>Release</th><td>{esc(release.title)}<br><code>{esc(release.path)}</code>"
        "</td></tr>",
        f"<tr><th>Source</th><td>{esc(source.title)}<br><code>{esc(source.path)}</code></td></tr>",
        "</table>",
        "</section>",
        '<section id="pairs">',
        "<h2>Findings</h2>",
    ]
    for number, pair in enumerate(comparison.pairs, 1):
        parts += _html_pair(number, pair)
    parts += [
        "</section>",
        f"<footer><p>Compared by hedge-reader {__version__}: each release finding is paired "
        "with the source sentence whose words match it best (BM25), and the claim strengths "
        "and hedges are compared by rule. Wording, not truth: check the paper.</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


# -- Markdown --------------------------------------------------------------------------


def _md_sentence(side: Side) -> str:
    parts: list[str] = []
    at = side.start
    for hedge in side.hedges:
        if hedge.start < at or hedge.end > side.end:
            continue
        parts.append(_md_escape(side.text[at - side.start : hedge.start - side.start], False))
        delim = "**" if hedge.category == BOOSTER else "*"
        word = _md_escape(side.text[hedge.start - side.start : hedge.end - side.start], False)
        parts.append(f"{delim}{word}{delim}")
        at = hedge.end
    parts.append(_md_escape(side.text[at - side.start :], False))
    return " ".join("".join(parts).split())


def to_markdown(comparison: Comparison, release: Origin, source: Origin) -> str:
    """Hedges in *italics*, boosters in **bold**; one section per finding."""
    top = comparison.pairs[comparison.top]
    lines = [
        f"# Fact-check: {_md_escape(release.title, False)}",
        "",
        f"**Verdict: {comparison.verdict}** (the strongest finding: "
        f"{_strength(top.source)} in the source, {_strength(top.release)} in the release)",
        "",
        _md_escape(comparison.summary(), True),
        "",
        "## Sources",
        "",
        f"- Release: {_md_escape(release.title, False)} ({_md_escape(release.path, False)})",
        f"- Source: {_md_escape(source.title, False)} ({_md_escape(source.path, False)})",
        "",
        "## Findings",
        "",
    ]
    for number, pair in enumerate(comparison.pairs, 1):
        flag = " ⚠" if pair.verdict == EXAGGERATES else ""
        lines += [
            f"### {number}. {pair.verdict}{flag} (match score {pair.score:.2f})",
            "",
            f"Release, {_strength(pair.release)}:",
            "",
            f"> {_md_sentence(pair.release)}",
            "",
            f"Source, {_strength(pair.source)}:",
            "",
            f"> {_md_sentence(pair.source)}",
            "",
        ]
        lines += [f"- {_md_escape(r, False)}" for r in pair.reasons] or ["- no change"]
        lines.append("")
    lines += [
        f"Compared by hedge-reader {__version__}. Wording, not truth: check the paper.",
        "",
    ]
    return "\n".join(lines)


# -- JSON ------------------------------------------------------------------------------


def to_json(comparison: Comparison, release: Origin, source: Origin) -> str:
    """The shape of ``hedge-reader compare --json``."""
    payload = comparison.to_dict(release.path, source.path)
    payload["release_title"] = release.title
    payload["source_title"] = source.title
    payload["generator"] = f"hedge-reader {__version__}"
    return json.dumps(payload, ensure_ascii=False) + "\n"
