"""EPUB books -> chapters in reading (spine) order, with ebooklib and lxml.

Each chapter's title (from the table of contents, else its first heading) is an
outline heading at the chapter's start.
"""

from __future__ import annotations

import io
import posixpath
import warnings
import zipfile

import ebooklib
from ebooklib import epub

from reader.library.documents import Heading, ParsedDocument
from reader.library.formats.base import (
    TITLE_MAX,
    Raw,
    clean_title,
    file_date,
    first_line_title,
    parse_date,
    sha256,
)
from reader.library.formats.markup import html_to_blocks


class NoChapters(ValueError):
    """An EPUB whose spine holds no readable text."""


def parse(raw: Raw) -> ParsedDocument:
    with zipfile.ZipFile(io.BytesIO(raw.data)) as archive:
        if "META-INF/encryption.xml" in archive.namelist():
            raise NoChapters("DRM-protected EPUB (its chapters are encrypted)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = epub.read_epub(io.BytesIO(raw.data), options={"ignore_ncx": False})
    toc = _toc_titles(book.toc)
    parts: list[str] = []
    outline: list[Heading] = []
    position = 0
    for idref, *_ in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT or _is_nav(item):
            continue
        blocks = html_to_blocks(item.get_content())
        if not blocks:
            continue
        name = posixpath.basename(item.get_name())
        title = toc.get(name) or next((text for level, text in blocks if level), "")
        if title and blocks[0][1] != title:
            blocks.insert(0, (1, title))
        for index, (level, text) in enumerate(blocks):
            if index == 0 and title:
                outline.append(Heading(position, 1, title[:TITLE_MAX]))
            elif level:
                outline.append(Heading(position, min(level + 1, 6), text[:TITLE_MAX]))
            parts.append(text)
            position += len(text) + 2
    if not parts:
        raise NoChapters("no readable chapters")
    body = "\n\n".join(parts)
    return ParsedDocument(
        path=raw.name,
        title=clean_title(_meta(book, "title")) or first_line_title(body),
        body=body,
        format="epub",
        date=parse_date(_meta(book, "date")) or file_date(raw.mtime),
        sha256=sha256(raw.data),
        size=len(raw.data),
        mtime=raw.mtime,
        outline=tuple(outline),
        author=clean_title(", ".join(v for v, _ in book.get_metadata("DC", "creator"))),
        source=raw.source,
    )


def _is_nav(item: object) -> bool:
    """The EPUB 3 table of contents page: the outline already shows it."""
    return isinstance(item, epub.EpubNav) or "nav" in (getattr(item, "properties", None) or [])


def _meta(book: epub.EpubBook, name: str) -> str:
    values = book.get_metadata("DC", name)
    return str(values[0][0]) if values else ""


def _toc_titles(toc: object) -> dict[str, str]:
    """Chapter file name -> its title in the table of contents (first entry wins)."""
    titles: dict[str, str] = {}

    def visit(entries: object) -> None:
        for entry in entries if isinstance(entries, list | tuple) else [entries]:
            if isinstance(entry, tuple) and len(entry) == 2:
                visit(entry[0])
                visit(entry[1])
            elif isinstance(entry, epub.Link | epub.Section):
                href = getattr(entry, "href", "") or ""
                name = posixpath.basename(href.split("#", 1)[0])
                if name and entry.title:
                    titles.setdefault(name, " ".join(entry.title.split()))

    visit(toc)
    return titles
