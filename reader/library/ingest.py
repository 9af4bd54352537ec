"""Paths and URLs -> sources; text and Markdown -> ``ParsedDocument``.

Every way a file can be bad ends in an ``IngestError`` that names the file and says
why in one line; nothing here touches the index. Other formats live in
``reader.library.formats``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes
from markdown_it import MarkdownIt

from reader.library.documents import Heading, ParsedDocument, Span
from reader.library.formats import SUFFIXES
from reader.library.formats.base import Raw, clean_title, file_date, is_url, looks_like_feed
from reader.library.formats.byline import byline
from reader.library.formats.front_matter import FrontMatter, split_front_matter
from reader.library.formats.markdown_render import render_markdown

#: File suffix -> format id stored in the index.
FORMATS: dict[str, str] = SUFFIXES

#: Files larger than this are refused: a reader is not a log viewer.
MAX_FILE_BYTES = 50 * 1024 * 1024

_TITLE_MAX = 160


class IngestError(Exception):
    """A source that could not be read; ``str()`` is the one line shown to the user."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Pickled as its two parts: it comes back from worker processes."""
        return IngestError, (self.path, self.reason)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    size: int
    mtime: float


@dataclass(frozen=True, slots=True)
class UrlSource:
    """An ``http(s)://`` address: an article, a PDF, a feed… whatever it turns out to be."""

    url: str

    @property
    def path(self) -> str:
        return self.url


Source = SourceFile | UrlSource


def iter_sources(
    paths: Iterable[str | os.PathLike[str]],
) -> Iterator[Source | IngestError | PassedOver]:
    """Every supported file under ``paths`` (folders recursively) and every URL, or an
    error per bad path.

    Files inside folders with other suffixes are passed over (and counted); a file named
    explicitly with an unsupported suffix is an error.
    """
    seen: set[Path] = set()
    urls: set[str] = set()
    for raw in paths:
        if isinstance(raw, str) and is_url(raw):
            if raw not in urls:
                urls.add(raw)
                yield UrlSource(raw)
            continue
        scheme = str(raw).partition("://")[0]
        if "://" in str(raw) and scheme.isalpha() and not Path(raw).exists():
            yield IngestError(str(raw), f"unsupported URL scheme {scheme}:// (http and https only)")
            continue
        path = Path(raw).expanduser()
        try:
            if path.is_symlink() and not path.exists():
                yield IngestError(path, "broken symbolic link or symlink loop")
            elif path.is_dir():
                yield from _walk(path, seen)
            elif path.exists():
                if path.suffix.lower() not in FORMATS:
                    yield IngestError(path, f"unsupported file type {path.suffix or '(none)'!r}")
                else:
                    yield from _source(path, seen)
            else:
                yield IngestError(path, "no such file or folder")
        except OSError as error:
            yield IngestError(path, error.strerror or str(error))


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A file in a folder that is not a document (an image, a spreadsheet, a data XML)."""

    path: Path


def _walk(folder: Path, seen: set[Path]) -> Iterator[SourceFile | IngestError | PassedOver]:
    def on_error(error: OSError) -> None:
        errors.append(IngestError(error.filename or folder, error.strerror or str(error)))

    errors: list[IngestError] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() not in FORMATS or (
                # data files, JATS papers…: only feeds are read from a folder
                name.lower().endswith(".xml") and not _looks_like_feed(Path(root) / name)
            ):
                yield PassedOver(Path(root) / name)
                continue
            yield from _source(Path(root) / name, seen)
        yield from errors
        errors.clear()


def _looks_like_feed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return looks_like_feed(handle.read(2048))
    except OSError:
        return True  # let reading it report the error


def _source(path: Path, seen: set[Path]) -> Iterator[SourceFile | IngestError]:
    try:
        resolved = path.resolve()
        stat = resolved.stat()
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        yield IngestError(path, "symlink loop")
        return
    except OSError as error:
        yield IngestError(path, _os_reason(error))
        return
    if not resolved.is_file():
        yield IngestError(path, "not a regular file")
        return
    if resolved in seen:
        return
    seen.add(resolved)
    yield SourceFile(resolved, stat.st_size, stat.st_mtime)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _os_reason(error: OSError) -> str:
    if error.errno == 40:  # ELOOP
        return "symlink loop"
    return error.strerror or str(error)


def read_bytes(source: SourceFile, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    if source.size > max_bytes:
        mb = 1024 * 1024
        raise IngestError(
            source.path,
            f"file is {source.size / mb:.1f} MB, over the {max_bytes / mb:.1f} MB limit "
            "(see --max-size)",
        )
    try:
        return source.path.read_bytes()
    except OSError as error:
        raise IngestError(source.path, _os_reason(error)) from None


def parse_document(source: SourceFile, data: bytes) -> ParsedDocument:
    """Decode and clean one text or Markdown file's bytes into readable text with a title."""
    fmt = FORMATS[source.path.suffix.lower()]
    return parse_text(Raw(str(source.path), data, fmt, source.mtime, str(source.path)))


def parse_text(raw: Raw) -> ParsedDocument:
    """Plain text or Markdown -> readable paragraphs (and headings for Markdown)."""
    text = decode(raw.name, raw.data)
    meta = FrontMatter()
    styles: tuple[Span, ...] = ()
    if raw.format == "md":
        meta, text = split_front_matter(text)
        rendered = render_markdown(_unify_newlines(text))
        body, outline, styles = rendered.body, rendered.outline, rendered.spans
    else:
        body, outline = normalise_plain_text(text), ()
        author, date = byline(text)  # "By Jane Doe", "Published 2019-10-01" lines
        meta = FrontMatter(author=author, date=date)
    if not body.strip():
        raise IngestError(raw.name, "empty file (no text to read)")
    return ParsedDocument(
        path=raw.name,
        title=clean_title(meta.title) or _title(body, outline, Path(raw.name.rstrip("/"))),
        body=body,
        format=raw.format,
        date=meta.date or file_date(raw.mtime),
        sha256=content_hash(raw.data),
        size=len(raw.data),
        mtime=raw.mtime,
        outline=outline,
        author=clean_title(meta.author),
        source=raw.source,
        styles=styles,
    )


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
        return outline[0].title[:_TITLE_MAX]
    first = body.lstrip().split("\n", 1)[0].strip()
    if 0 < len(first) <= _TITLE_MAX and not first.endswith((".", ",", ";", ":")):
        return first
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name
