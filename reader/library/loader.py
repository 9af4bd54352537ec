"""One source (a file or a URL) -> the documents that are new or changed in it.

Unchanged sources are recognised without parsing: a file whose bytes hash the same as
when it was indexed is skipped, whatever its mtime says (an edit that keeps size and
time, a ``cp -p``, is still seen); feed entries are compared one by one by hash, so
re-reading a feed adds only what is new.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.library.documents import ParsedDocument
from reader.library.formats import NAMES, detect, parse
from reader.library.formats.base import Raw
from reader.library.ingest import (
    IngestError,
    Source,
    UrlSource,
    content_hash,
    read_bytes,
)

#: Indexed path -> (content hash, size, mtime).
Known = Mapping[str, tuple[str, int, float]]


@dataclass(slots=True)
class Loaded:
    documents: list[ParsedDocument] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def load(source: Source, known: Known, max_bytes: int) -> Loaded:
    """Read, detect and parse ``source``; raises ``IngestError`` naming it on any failure."""
    if isinstance(source, UrlSource):
        raw = _fetch(source.url, max_bytes)
    else:
        name = str(source.path)
        old = known.get(name)
        data = read_bytes(source, max_bytes)
        if old is not None and old[0] == content_hash(data):
            return Loaded(unchanged=[name])
        fmt = detect(name, data)
        if fmt is None:
            raise IngestError(name, "unsupported file type")
        raw = Raw(name, data, fmt, source.mtime, name)
    if raw.format != "feed":
        old = known.get(raw.name)
        if old is not None and old[0] == content_hash(raw.data):
            return Loaded(unchanged=[raw.name])
    loaded = Loaded()
    for document in parse(raw):
        old = known.get(document.path)
        if old is not None and old[0] == document.sha256:
            loaded.unchanged.append(document.path)
        else:
            loaded.documents.append(document)
    return loaded


def _fetch(url: str, max_bytes: int) -> Raw:
    from reader.library.formats.fetch import FetchError, fetch

    try:
        fetched = fetch(url, max_bytes)
    except FetchError as error:
        raise IngestError(url, str(error)) from None
    fmt = detect(url, fetched.data, fetched.format_hint)
    if fmt is None or fmt not in NAMES:
        kind = fetched.content_type or "unknown content type"
        raise IngestError(url, f"not a document hedge-reader can read ({kind})")
    if not fetched.data.strip():
        raise IngestError(url, "empty response")
    return Raw(url, fetched.data, fmt, time.time(), url, fetched=True)
