"""Web pages -> the article's main text, title, author and date, with trafilatura.

trafilatura is the field's standard for main-content extraction (navigation, ads and
comments dropped). It gives Markdown-style headings, which the Markdown reader turns
into the outline.
"""

from __future__ import annotations

import trafilatura
from trafilatura.xml import xmltotxt

from reader.library.documents import Heading, ParsedDocument
from reader.library.formats.base import (
    Raw,
    clean_title,
    file_date,
    first_line_title,
    parse_date,
    sha256,
)
from reader.library.formats.markup import html_to_text


class NoArticle(ValueError):
    """The page parsed but has no readable text."""


def parse(raw: Raw) -> ParsedDocument:
    from reader.library.formats.text import decode, markdown_to_text

    text = decode(raw.name, raw.data)
    extracted = trafilatura.bare_extraction(
        text,
        url=raw.name if raw.fetched else None,
        with_metadata=True,
        include_formatting=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        include_tables=True,
        favor_recall=True,
    )
    body: str = ""
    outline: tuple[Heading, ...] = ()
    found = getattr(extracted, "body", None)  # a Document (trafilatura types it loosely)
    if found is not None:
        body, outline = markdown_to_text(xmltotxt(found, True) or "")
    if len(body.strip()) < 40:
        # A short page (a note, a stub) is below trafilatura's article threshold: keep
        # its visible text rather than refusing it.
        body, outline = html_to_text(text), ()
    if not body.strip():
        raise NoArticle("no readable text in the page")
    title = clean_title(getattr(extracted, "title", "")) or (outline[0].title if outline else "")
    title = title or first_line_title(body)
    author = clean_title(getattr(extracted, "author", ""))
    # A fetched page's bytes change with every visit (ads, tokens, timestamps); what it
    # shows is what decides whether ``refresh`` counts it as updated.
    shown = f"{title}\n{author}\n{body}".encode() if raw.fetched else raw.data
    return ParsedDocument(
        path=raw.name,
        title=title,
        body=body,
        format="html",
        date=parse_date(getattr(extracted, "date", "")) or file_date(raw.mtime),
        sha256=sha256(shown),
        size=len(raw.data),
        mtime=raw.mtime,
        outline=outline,
        author=author,
        source=raw.source,
    )
