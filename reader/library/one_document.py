"""One document read from a file, a URL or bytes, without adding it to the library.

For the CLI's ``hedges`` and ``export`` of a file that is not in the library: the same
parsers as ``Library.add``, so a reader sees the same text either way.
"""

from __future__ import annotations

from pathlib import Path

from reader.library.documents import ParsedDocument
from reader.library.formats import detect, parse
from reader.library.formats.base import IngestError, Raw, is_url
from reader.library.formats.text import decode
from reader.library.ingest import MAX_FILE_BYTES, PassedOver, iter_sources
from reader.library.loader import load


def document_text(name: str, data: bytes) -> str:
    """The text a reader would see of ``data`` (named ``name``, "-" for stdin): every file
    goes through the parser ``add`` uses, so the marks are those the app and ``export``
    show (Markdown without its front matter and markup, HTML as its article); stdin is
    decoded as it is. Raises ``IngestError``."""
    fmt = detect(name, data) if name != "-" else None
    if fmt in {"txt", "md", "html", "pdf", "epub", "feed"}:  # as the app and export read it
        documents = parse(Raw(name, data, fmt, 0.0, name))
        if len(documents) != 1:
            raise IngestError(name, f"holds {len(documents)} documents (a feed?); add it instead")
        return documents[0].body
    return decode(name, data) if data.strip() else data.decode("utf-8", "replace")


def read_document(doc: str) -> ParsedDocument:
    """The one document of a file or URL ``doc``; raises ``IngestError`` for a folder, a
    feed (many documents) or anything unreadable."""
    target = Path(doc).expanduser()
    url = is_url(doc)
    if not url and not target.exists():
        raise IngestError(doc, "not in the library, and no such file")
    if not url and target.is_dir():
        raise IngestError(doc, "is a folder; export takes one document")
    (source,) = list(iter_sources([doc if url else target]))
    if isinstance(source, IngestError):
        raise source
    if isinstance(source, PassedOver):
        raise IngestError(doc, "not a format add reads")
    documents = load(source, {}, MAX_FILE_BYTES).documents
    if len(documents) != 1:
        raise IngestError(
            doc, f"holds {len(documents)} documents (a feed?); add it, then export one entry"
        )
    return documents[0]
