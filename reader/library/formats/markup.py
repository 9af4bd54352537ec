"""HTML fragments (EPUB chapters, feed entries) -> paragraphs and headings, with lxml.

Not trafilatura: its boilerplate filter is meant for whole web pages and drops short
fragments. Here every block element becomes a paragraph and ``h1``-``h6`` become outline
headings; scripts, styles and tags are gone, entities decoded.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_BLOCKS = frozenset(
    {
        *("p", "div", "section", "article", "aside", "blockquote", "li", "dt", "dd", "pre"),
        *("figcaption", "caption", "tr", "table", "ul", "ol", "dl", "header", "footer"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "main", "nav", "br", "hr", "body", "td", "th"),
    }
)
_SKIP = frozenset(
    {"script", "style", "head", "noscript", "template", "svg", "math", "iframe", "object"}
)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def html_to_blocks(markup: str | bytes) -> list[tuple[int, str]]:
    """Text blocks in document order as ``(heading level or 0, text)``."""
    markup = markup.strip()
    if not markup:
        return []
    root = lxml.html.fromstring(markup) if isinstance(markup, str) else _parse_bytes(markup)
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    level = 0

    def flush() -> None:
        nonlocal level
        text = _SPACES.sub(" ", "".join(current)).strip()
        if text:
            blocks.append((level, text))
        current.clear()
        level = 0

    def walk(element: lxml.etree._Element) -> None:
        nonlocal level
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in _SKIP or not isinstance(element.tag, str):
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
            if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                level = int(tag[1])
            if tag == "li":
                current.append("• ")
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(root)
    flush()
    return blocks


def _parse_bytes(data: bytes) -> lxml.etree._Element:
    """XHTML (EPUB) parsed as HTML so namespaces and entities never trip the parser."""
    parser = lxml.html.HTMLParser(encoding=_declared_encoding(data))
    root = lxml.html.fromstring(data, parser=parser)
    if root is None:
        raise ValueError("no HTML content")
    return root


def _declared_encoding(data: bytes) -> str:
    match = re.search(rb"""encoding=["']([A-Za-z0-9_.:-]+)["']""", data[:200])
    if match:
        return match.group(1).decode("ascii")
    match = re.search(rb"""charset=["']?([A-Za-z0-9_.:-]+)""", data[:2048])
    return match.group(1).decode("ascii") if match else "utf-8"


def html_to_text(markup: str | bytes) -> str:
    """Plain paragraphs separated by blank lines."""
    return "\n\n".join(text for _, text in html_to_blocks(markup))
