"""People and dates written as text: an RSS author's "mail (Name)", a plain-text byline.

Articles saved as plain text often open with "By Jane Doe" and "Published 2019-10-01"
lines; they are the author and date a reader sees, better than the file's own date.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from reader.library.formats.base import parse_date

_ADDRESS = r"[^\s@()<>]+@[^\s@()<>]+"
_MAIL_THEN_NAME = re.compile(rf"<?{_ADDRESS}>?\s*\((?P<name>[^()]+)\)")
_NAME_THEN_MAIL = re.compile(rf"(?P<name>[^<>()]+?)\s*[<(]{_ADDRESS}[>)]")
_MAIL_ONLY = re.compile(rf"<?{_ADDRESS}>?")

#: How many of a text's first lines may hold its byline.
BYLINE_LINES = 8
_NAME_WORD = r"[A-Z][\w.'’-]*"
_BY = re.compile(
    r"(?i:by|written by|words by)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|da|di|le|la)){{0,4}})"
    r"\s*(?P<rest>[,|·–—-].*)?"
)
_DATE_LINE = re.compile(
    r"(?:published|posted|updated|first published|date)\s*(?:on\s*)?[:\s]\s*(?P<date>.+?)\.?",
    re.IGNORECASE,
)
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d.%m.%Y")


def person_name(value: object) -> str:
    """A name from "mail@x.org (Name)", "Name <mail@x.org>" or "Name"; "" for an address
    alone."""
    text = " ".join(str(value or "").split())
    for pattern in (_MAIL_THEN_NAME, _NAME_THEN_MAIL):
        match = pattern.fullmatch(text)
        if match:
            return match["name"].strip()
    return "" if _MAIL_ONLY.fullmatch(text) else text


def text_date(value: str) -> datetime | None:
    """ "2019-10-01", "1 October 2019", "October 1, 2019" -> a UTC date, else None."""
    value = " ".join(value.split()).rstrip(".")
    found = parse_date(value)
    if found is not None:
        return found
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def byline(text: str) -> tuple[str, datetime | None]:
    """(author, date) from "By …" and "Published …" lines among a text's first lines."""
    author, date = "", None
    for line in text.strip().split("\n")[:BYLINE_LINES]:
        line = line.strip()
        if not line or len(line) > 120:
            continue
        if not author and (match := _BY.fullmatch(line)):
            author = match["name"].strip()
            for part in re.split(r"[,|·–—]", match["rest"] or ""):  # "By X | 3 October 2019"
                date = date or text_date(part)
        elif date is None and (match := _DATE_LINE.fullmatch(line)):
            date = text_date(match["date"])
    return author, date
