"""How a document's metadata (format, author, published date, source) reads on screen.

Plain text and Markdown files carry none (their date is the file's), so they show
exactly as before; web pages, PDFs, books and feed entries say what they are.
"""

from __future__ import annotations

from pathlib import Path

from reader.library import DocumentSummary
from reader.safe_text import printable

_LABELS = {"html": "Web page", "pdf": "PDF", "epub": "EPUB", "feed": "Feed entry"}


def has_metadata(summary: DocumentSummary) -> bool:
    return summary.format in _LABELS or bool(summary.author)


def format_label(summary: DocumentSummary) -> str:
    return _LABELS.get(summary.format, summary.format)


def row_suffix(summary: DocumentSummary) -> str:
    """What a list row adds after its figures: `` · PDF · R. Chen``."""
    if not has_metadata(summary):
        return ""
    parts = [format_label(summary)] + ([summary.author] if summary.author else [])
    return " · " + " · ".join(printable(part) for part in parts)


def causal_figure(summary: DocumentSummary) -> str:
    """`` · 40% causal``: the share of finding sentences stated as a direct cause; nothing
    for a text with no findings, or one indexed before the library stored them."""
    claims = summary.claims
    if claims is None or not claims.findings:
        return ""
    return f" · {claims.causal_share:.0%} causal"


def source_line(summary: DocumentSummary, width: int) -> str:
    """The header's second line: metadata, then the path or URL, shortened at the left."""
    where = _home_relative(summary.path)
    if has_metadata(summary):
        parts = [format_label(summary)]
        if summary.author:
            parts.append(f"by {summary.author}")
        parts.append(f"published {summary.date:%Y-%m-%d}")
        if summary.source and summary.source != summary.path:
            parts.append(f"from {_home_relative(summary.source)}")
        prefix = printable(" · ".join(parts)) + " · "
    else:
        prefix = ""
    room = max(width - len(prefix), 12)
    return prefix + _left_truncate(printable(where), room)


def _home_relative(path: str) -> str:
    home = str(Path.home())
    return "~" + path[len(home) :] if path.startswith(home + "/") else path


def _left_truncate(text: str, width: int) -> str:
    """Keep the end of a long path: the file name matters more than the folders."""
    return text if len(text) <= width else "…" + text[-(width - 1) :]
