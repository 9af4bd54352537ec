"""Paths and URLs -> sources, and a source's bytes.

Every way a file can be bad ends in an ``IngestError`` that names the file and says
why in one line; nothing here touches the index. Reading each format (text and
Markdown in ``formats.text``) lives in ``reader.library.formats``, which never imports
this module.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.library.documents import ParsedDocument
from reader.library.formats import SUFFIXES
from reader.library.formats.base import IngestError, Raw, is_url, looks_like_feed
from reader.library.formats.text import (
    decode,
    markdown_to_text,
    normalise_plain_text,
    parse_text,
)
from reader.library.vault import skipped_folders

#: Files larger than this are refused: a reader is not a log viewer.
MAX_FILE_BYTES = 50 * 1024 * 1024


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
                if path.suffix.lower() not in SUFFIXES:
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
    skipped = skipped_folders(folder)  # a note vault's attachments
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and Path(root) / d not in skipped)
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() not in SUFFIXES or (
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
    fmt = SUFFIXES[source.path.suffix.lower()]
    return parse_text(Raw(str(source.path), data, fmt, source.mtime, str(source.path)))


__all__ = [
    "MAX_FILE_BYTES",
    "IngestError",
    "PassedOver",
    "Source",
    "SourceFile",
    "UrlSource",
    "decode",
    "iter_sources",
    "markdown_to_text",
    "normalise_plain_text",
    "parse_document",
    "parse_text",
    "read_bytes",
]
