"""OPML subscription lists in and out: what newsboat, NetNewsWire, Feedly and most feed
readers export and import.

Reading takes every ``outline`` with an ``xmlUrl`` (nested folders too) and nothing
else; the XML is parsed without entities or network access, so a list cannot make the
reader fetch or expand anything. Writing lists the library's feed URLs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import quoteattr

import lxml.etree

from reader.library.formats.base import is_url
from reader.library.ingest import IngestError

#: Suffixes read as subscription lists by ``add``.
SUFFIXES = (".opml",)


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    title: str = ""


def is_opml(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def read_opml(path: str | Path) -> list[Feed]:
    """The feeds listed in ``path``, in order, each once; raises ``IngestError`` naming it."""
    source = Path(path).expanduser()
    try:
        data = source.read_bytes()
    except OSError as error:
        raise IngestError(source, error.strerror or str(error)) from None
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except lxml.etree.XMLSyntaxError as error:
        raise IngestError(source, f"not a readable OPML file ({error})") from None
    if root is None or lxml.etree.QName(root).localname.lower() != "opml":
        raise IngestError(source, "not an OPML file (no <opml> element)")
    feeds: list[Feed] = []
    seen: set[str] = set()
    for outline in root.iter("{*}outline", "outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = " ".join((outline.get("title") or outline.get("text") or "").split())
        feeds.append(Feed(url, title))
    if not feeds:
        raise IngestError(source, "the OPML file lists no feeds (no outline with an xmlUrl)")
    return feeds


def feed_urls(feeds: list[Feed]) -> tuple[list[str], list[IngestError]]:
    """Web feeds to add, and one error per entry that is not an http(s) address."""
    good = [feed.url for feed in feeds if is_url(feed.url)]
    bad = [
        IngestError(feed.url, "not an http(s) feed address in the OPML list")
        for feed in feeds
        if not is_url(feed.url)
    ]
    return good, bad


def expand_lists(paths: list[str]) -> tuple[list[str], list[IngestError]]:
    """``paths`` with each ``.opml`` file replaced by the feed URLs it lists, and one error
    per list that cannot be read or entry that is not a web address."""
    expanded: list[str] = []
    failed: list[IngestError] = []
    for path in paths:
        if not (is_opml(path) and Path(path).expanduser().is_file()):
            expanded.append(path)
            continue
        try:
            urls, bad = feed_urls(read_opml(path))
        except IngestError as problem:
            failed.append(problem)
            continue
        expanded.extend(urls)
        failed.extend(bad)
    return expanded, failed


def write_opml(feeds: list[Feed], title: str = "Hedge Reader feeds") -> str:
    """An OPML 2.0 document listing ``feeds``."""
    created = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{created}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for feed in feeds:
        name = quoteattr(feed.title or feed.url)
        lines.append(
            f'    <outline type="rss" text={name} title={name} xmlUrl={quoteattr(feed.url)}/>'
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
