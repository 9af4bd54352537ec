"""Plain text and Markdown -> ``ParsedDocument``: decoding, paragraphs, headings, a title."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from charset_normalizer import from_bytes
from markdown_it import MarkdownIt

from reader.library.documents import Heading, ParsedDocument, Span
from reader.library.formats.base import (
    TITLE_MAX,
    IngestError,
    Raw,
    clean_title,
    file_date,
    sha256,
)
from reader.library.formats.byline import byline
from reader.library.formats.front_matter import FrontMatter, split_front_matter
from reader.library.formats.markdown_render import render_markdown
from reader.library.vault import plain_links


def parse_text(raw: Raw) -> ParsedDocument:
    """Plain text or Markdown -> readable paragraphs (and headings for Markdown)."""
    text = decode(raw.name, raw.data)
    meta = FrontMatter()
    styles: tuple[Span, ...] = ()
    if raw.format == "md":
        meta, text = split_front_matter(text)
        rendered = render_markdown(_unify_newlines(plain_links(text)))
        body, outline, styles = rendered.body, rendered.outline, rendered.spans
    else:
        body, outline = normalise_plain_text(text), ()
        author, date = byline(text)  # "By Jane Doe", "Published 2019-10-01" lines
        meta = FrontMatter(author=author, date=date)
    if not body.strip():
        raise IngestError(raw.name, "empty file (no text to read)")
    title = clean_title(meta.title) or _title(body, outline, Path(raw.name.rstrip("/")))
    if meta.tags:
        body, outline, styles = _with_tags_line(body, outline, styles, meta.tags)
    return ParsedDocument(
        path=raw.name,
        title=title,
        body=body,
        format=raw.format,
        date=meta.date or file_date(raw.mtime),
        sha256=sha256(raw.data),
        size=len(raw.data),
        mtime=raw.mtime,
        outline=outline,
        author=clean_title(meta.author),
        source=raw.source,
        styles=styles,
    )


def _with_tags_line(
    body: str, outline: tuple[Heading, ...], styles: tuple[Span, ...], tags: tuple[str, ...]
) -> tuple[str, tuple[Heading, ...], tuple[Span, ...]]:
    """A note's front-matter tags as a plain first line; headings and styled stretches
    move down with the text."""
    line = "Tags: " + ", ".join(tags) + "\n\n"
    shift = len(line)
    moved = tuple(Heading(h.offset + shift, h.level, h.title) for h in outline)
    spans = tuple(replace(s, start=s.start + shift, end=s.end + shift) for s in styles)
    return line + body, moved, spans


def decode(path: str | os.PathLike[str], data: bytes) -> str:
    """Bytes -> str: UTF-8 when it is, otherwise the detected encoding; binary is refused."""
    if not data.strip():
        raise IngestError(path, "empty file (no text to read)")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = _detect_encoding(data)
    if encoding is None:
        raise IngestError(path, "binary file or unknown text encoding")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise IngestError(path, f"could not decode as {encoding}") from None


#: Where several encodings read the bytes equally well, the one English text most likely used.
_PREFERRED = "cp1252"


def _detect_encoding(data: bytes) -> str | None:
    matches = list(from_bytes(data[:262144]))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos == least_chaos and _PREFERRED in match.could_be_from_charset:
            return _PREFERRED
    best = matches[0]
    return best.encoding


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_HARD_WRAP_MAX = 100


def normalise_plain_text(text: str) -> str:
    """Readable paragraphs separated by one blank line; offsets refer to the result.

    Hard-wrapped paragraphs (short lines) are joined so they reflow to any width;
    a text with one long line per paragraph gets a blank line between them. Lines
    that look like list items keep their own line.
    """
    text = _unify_newlines(text)
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text.strip("\n")):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) > 1 and all(len(line) > _HARD_WRAP_MAX for line in lines[:-1]):
            paragraphs.extend(lines)
        elif len(lines) > 1 and not any(_LIST_ITEM.match(line) for line in lines):
            paragraphs.append(" ".join(line.strip() for line in lines))
        else:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _unify_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)


_MARKDOWN = MarkdownIt("commonmark")


def markdown_to_text(source: str) -> tuple[str, tuple[Heading, ...]]:
    """Markdown -> readable paragraphs without markup, plus the headings' positions."""
    tokens = _MARKDOWN.parse(_unify_newlines(source))
    blocks: list[str] = []
    headings: list[tuple[int, int]] = []  # (block index, level)
    prefix: list[str] = []
    heading_level = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "bullet_list_open":
            prefix.append("• ")
        elif token.type == "ordered_list_open":
            prefix.append("")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            prefix.pop()
        elif token.type == "list_item_open" and prefix and prefix[-1] == "":
            prefix[-1] = f"{token.info or '1'}. "
        elif token.type == "inline":
            text = _inline_text(token)
            if heading_level:
                headings.append((len(blocks), heading_level))
                heading_level = 0
            elif prefix and token.level >= 2:
                marker = prefix[-1] if prefix[-1] else ""
                text = "  " * (len(prefix) - 1) + marker + text
                if prefix[-1] and prefix[-1][0].isdigit():
                    prefix[-1] = ""
            blocks.append(text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    body_parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for block in blocks:
        offsets.append(position)
        body_parts.append(block)
        position += len(block) + 2
    outline = tuple(
        Heading(offset=offsets[index], level=level, title=blocks[index])
        for index, level in headings
    )
    return "\n\n".join(body_parts), outline


def _inline_text(token: object) -> str:
    parts: list[str] = []
    for child in getattr(token, "children", None) or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


def _title(body: str, outline: tuple[Heading, ...], path: Path) -> str:
    if outline and outline[0].offset == 0:
        return outline[0].title[:TITLE_MAX]
    first = body.lstrip().split("\n", 1)[0].strip()
    if 0 < len(first) <= TITLE_MAX and not first.endswith((".", ",", ";", ":")):
        return first
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name
