"""What every format parser takes and gives, and the helpers they share."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone

from reader.library.documents import Heading

TITLE_MAX = 160

# pypdf, trafilatura and friends log warnings about damaged input; with no handler
# configured Python would print them on stderr, in the middle of a progress bar.
_NOISY = ("pypdf", "trafilatura", "htmldate", "courlan", "justext", "ebooklib")
for _name in _NOISY:
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


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
class Raw:
    """Bytes read from a file or fetched from a URL, with what is known about them.

    ``name`` is the path or URL documents are filed under; ``source`` is what
    ``refresh`` re-reads (the same, except for a feed's entries).
    """

    name: str
    data: bytes
    format: str
    mtime: float
    source: str
    fetched: bool = False


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def looks_like_feed(data: bytes) -> bool:
    """RSS, Atom or RDF markers near the start of the bytes."""
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assemble(blocks: list[tuple[int, str]]) -> tuple[str, tuple[Heading, ...]]:
    """``(heading level or 0, text)`` blocks -> body with blank lines, and its outline."""
    parts: list[str] = []
    outline: list[Heading] = []
    position = 0
    for level, text in blocks:
        if level:
            outline.append(Heading(position, level, text[:TITLE_MAX]))
        parts.append(text)
        position += len(text) + 2
    return "\n\n".join(parts), tuple(outline)


def clean_title(value: object) -> str:
    """A metadata title on one line, or ``""`` when it is missing or boilerplate."""
    text = " ".join(str(value or "").split())
    if text.lower() in {"untitled", "untitled document", "none", "title", "document"}:
        return ""
    if text.lower().startswith("microsoft word - "):
        text = text[len("microsoft word - ") :].rsplit(".doc", 1)[0]
    return text[:TITLE_MAX]


def first_line_title(body: str) -> str:
    for line in body.split("\n"):
        line = line.strip()
        if line:
            return line[:TITLE_MAX] if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1] + "…"
    return ""


def parse_date(value: object) -> datetime | None:
    """An ISO-ish date string (``2024-03-05``, ``2024-03-05T10:00:00Z``) -> aware UTC."""
    text = str(value or "").strip()
    if not text:
        return None
    text = text.replace("Z", "+00:00")
    for candidate in (text, text[:10]):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    return None


def file_date(mtime: float) -> datetime:
    return datetime.fromtimestamp(mtime, tz=timezone.utc)
