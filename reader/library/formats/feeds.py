"""RSS and Atom feeds -> one document per entry, with feedparser.

An entry is filed under its link (else its id), so reading the feed again updates
entries instead of duplicating them; its hash covers what it shows, so an unchanged
entry is skipped.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timezone

import feedparser

from reader.library.documents import Heading, ParsedDocument
from reader.library.formats.base import (
    Raw,
    clean_title,
    file_date,
    first_line_title,
    is_url,
    sha256,
)
from reader.library.formats.byline import person_name
from reader.library.formats.markup import html_to_text


class BadFeed(ValueError):
    """Not a feed, or a feed too broken to read any entry from."""


def parse(raw: Raw) -> list[ParsedDocument]:
    feed = feedparser.parse(raw.data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries and not feed.bozo and not feed.get("version"):
        raise BadFeed("not an RSS or Atom feed")
    feed_author = _author(feed.feed)
    documents: list[ParsedDocument] = []
    seen: set[str] = set()
    for number, entry in enumerate(feed.entries, 1):
        key = _key(entry, raw.name, number)
        if key in seen:
            continue
        seen.add(key)
        title = clean_title(entry.get("title", ""))
        text = _entry_text(entry)
        if not (text or title).strip():
            continue
        shown = f"{title}\n{key}\n{text}".encode()
        # the headline is text the reader reads (and is analysed): the entry's heading
        body, outline = (f"{title}\n\n{text}", (Heading(0, 1, title),)) if title else (text, ())
        if not text:
            body = title
        documents.append(
            ParsedDocument(
                path=key,
                title=title or first_line_title(text),
                body=body,
                outline=outline,
                format="feed",
                date=_entry_date(entry) or file_date(raw.mtime),
                sha256=sha256(shown),
                size=len(shown),
                mtime=raw.mtime,
                author=_author(entry) or feed_author,
                source=raw.source,
            )
        )
    if not documents and feed.bozo:
        # A damaged feed that still yields entries is read; one that yields none is not.
        reason = " ".join(str(feed.get("bozo_exception", "")).split())[:120]
        line = re.match(r"<unknown>:(\d+):(\d+): (.*)", reason)
        if line:
            reason = f"line {line[1]}, column {line[2]}: {line[3]}"
        raise BadFeed(f"not a readable feed ({reason or 'malformed XML'})")
    if not documents:
        # said, not silent: the summary would read "0 added" with no reason, and the feed
        # would not be known to `refresh` until it has an entry
        kind = "no entries with text" if feed.entries else "no entries"
        raise BadFeed(f"the feed has {kind} yet; nothing added (add it again once it has)")
    return documents


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="")
    if len(html) < len(entry.get("summary", "")):
        html = entry.get("summary", "")
    return html_to_text(html) if html.strip() else ""


def _key(entry: feedparser.FeedParserDict, feed: str, number: int) -> str:
    """Where an entry is filed: its web link; never a local path a feed could overwrite."""
    for candidate in (entry.get("link"), entry.get("id")):
        if candidate and is_url(candidate):
            return candidate
    ident = " ".join(str(entry.get("id") or "").split())[:200]
    return f"{feed}#{ident or number}"


def _author(item: feedparser.FeedParserDict) -> str:
    """The author's name: RSS writes "mail@example.org (Name)"; feedparser splits only
    some of those, so the name is taken from what the feed wrote."""
    detail = item.get("author_detail") or {}
    return clean_title(person_name(item.get("author") or detail.get("name") or ""))


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    return None
