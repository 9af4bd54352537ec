"""One narrow door from bytes to documents: ``detect`` a format, then ``parse`` it.

Each format lives in its own module (``html``, ``pdf``, ``epub``, ``feeds``; text and
Markdown in ``reader.library.ingest``). Whatever a parser library raises on broken
input becomes an ``IngestError`` naming the file, in one line.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from reader.library.documents import ParsedDocument
from reader.library.formats.base import IngestError, Raw, looks_like_feed

#: File suffix -> format id. ``.xml`` is read as a feed when it looks like one.
SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".epub": "epub",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}

#: What a user calls each format in messages.
NAMES = {
    "txt": "text",
    "md": "Markdown",
    "html": "HTML",
    "pdf": "PDF",
    "epub": "EPUB",
    "feed": "feed",
}


def detect(name: str, data: bytes, hint: str = "") -> str | None:
    """The format of ``data``: the file's magic first, then a server's hint, then the suffix."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "epub" if b"application/epub+zip" in data[:100] else None
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) and hint != "feed":
        return "html"
    if looks_like_feed(head):
        return "feed"
    if hint:
        return hint
    path = urlsplit(name).path if "://" in name else name
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if "://" in name:
        return "html" if b"<" in head[:1] else "txt"
    return None


def parse(raw: Raw) -> list[ParsedDocument]:
    """``raw`` -> its documents (a feed has many, any other format one).

    Raises ``IngestError`` naming ``raw.name`` for anything unreadable.
    """
    from reader.library.formats.text import parse_text

    parsers: dict[str, Callable[[Raw], ParsedDocument | list[ParsedDocument]]] = {
        "txt": parse_text,
        "md": parse_text,
        "html": _lazy("html"),
        "pdf": _lazy("pdf"),
        "epub": _lazy("epub"),
        "feed": _lazy("feeds"),
    }
    parser = parsers.get(raw.format)
    if parser is None:
        raise IngestError(raw.name, f"unsupported format {raw.format!r}")
    try:
        result = parser(raw)
    except IngestError:
        raise
    except (MemoryError, RecursionError):
        reason = f"{NAMES[raw.format]} too large or too deeply nested to read"
        raise IngestError(raw.name, reason) from None
    except Exception as error:  # parser libraries raise anything on damaged files
        raise IngestError(raw.name, _describe(raw.format, error)) from None
    return result if isinstance(result, list) else [result]


def _lazy(module: str) -> Callable[[Raw], ParsedDocument | list[ParsedDocument]]:
    """Import a format's module on first use: pypdfium2 or trafilatura cost time to import."""

    def run(raw: Raw) -> ParsedDocument | list[ParsedDocument]:
        import importlib

        return importlib.import_module(f"reader.library.formats.{module}").parse(raw)

    return run


def _describe(fmt: str, error: Exception) -> str:
    name = NAMES.get(fmt, fmt)
    if isinstance(error, ValueError) and type(error).__module__.startswith("reader."):
        return str(error)
    detail = " ".join(str(error).split())[:100].strip("'\"")
    if isinstance(error, zipfile.BadZipFile) or detail.lower() == "bad zip file":
        return f"corrupt {name} (not a valid zip archive)"
    return f"corrupt or unreadable {name} ({detail or type(error).__name__})"
