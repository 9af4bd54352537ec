"""PDF papers -> text page by page, with pypdf.

Each page starts with a "Page N" line that is also an outline heading, so the reading
pane's outline jumps between pages. The title comes from the metadata when it is a
real title, else from the first line of the first page.
"""

from __future__ import annotations

import io
import re
from datetime import timezone

from pypdf import PdfReader

from reader.library.documents import Heading, ParsedDocument
from reader.library.formats.base import Raw, clean_title, file_date, first_line_title, sha256


class NoText(ValueError):
    """A PDF with no text layer."""


_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def parse(raw: Raw) -> ParsedDocument:
    from reader.library.formats.text import normalise_plain_text

    reader = PdfReader(io.BytesIO(raw.data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise NoText("encrypted PDF (needs a password)")
    parts: list[str] = []
    outline: list[Heading] = []
    position = 0
    first_page_text = ""
    for number, page in enumerate(reader.pages, 1):
        extracted = page.extract_text() or ""
        text = normalise_plain_text(_HYPHEN_BREAK.sub(r"\1\2", extracted))
        if not text.strip():
            continue
        first_page_text = first_page_text or extracted
        marker = f"Page {number}"
        outline.append(Heading(position, 1, marker))
        parts.append(f"{marker}\n\n{text}")
        position += len(parts[-1]) + 2
    if not parts:
        raise NoText("no text layer (a scanned PDF?)")
    body = "\n\n".join(parts)
    meta = reader.metadata
    title = clean_title(meta.title if meta else "") or first_line_title(first_page_text)
    created = meta.creation_date if meta else None
    date = created.astimezone(timezone.utc) if created else file_date(raw.mtime)
    if created is not None and created.tzinfo is None:
        date = created.replace(tzinfo=timezone.utc)
    return ParsedDocument(
        path=raw.name,
        title=title,
        body=body,
        format="pdf",
        date=date,
        sha256=sha256(raw.data),
        size=len(raw.data),
        mtime=raw.mtime,
        outline=tuple(outline),
        author=clean_title(meta.author if meta else ""),
        source=raw.source,
    )
