"""Markdown -> the text a reader sees, with its structure kept, and style spans over it.

Readers such as glow and frogmouth show a Markdown file's structure, not its markup, and
so does this: tables become aligned rows (cells apart by `` │ ``, a rule under the head),
block quotes get a bar per level (``│ ``), lists their bullets or numbers indented by
depth, footnote references a ``[1]`` with the notes listed at the end. Emphasis, code and
links are not written into the text but returned as ``Span``s (a link's keeps its URL).

The text is what gets indexed and analysed for hedges, so every hedge offset points into
exactly what is shown, table cells included; the spans only add looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from rich.cells import cell_len

from reader.library.documents import Heading, Span

_MARKDOWN = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
_INLINE_STYLES = {"strong_open": "strong", "em_open": "em", "s_open": "strike"}
QUOTE_BAR = "│ "
RULE = "─" * 24
NOTES_TITLE = "Notes"


@dataclass(frozen=True, slots=True)
class Rendered:
    body: str
    outline: tuple[Heading, ...]
    spans: tuple[Span, ...]


@dataclass
class _Inline:
    """One block's inline text and its spans (offsets into ``text``)."""

    text: str = ""
    spans: list[Span] = field(default_factory=list)


@dataclass
class _Container:
    kind: str  # "quote" or "item"
    marker: str = ""
    first: bool = True  # the item's first block gets the marker, later ones spaces


@dataclass
class _List:
    tight: bool
    number: int | None  # None: bullets


class _Out:
    """The body being written, block by block, with spans moved to body offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.position = 0
        self.spans: list[Span] = []
        self.outline: list[Heading] = []
        self.last_tight = False

    def block(self, prefix: str, inline: _Inline, *, tight: bool = False) -> int:
        """Write a block after a blank line (a newline between tight list items); return
        where its text (after ``prefix``) starts."""
        if self.parts:
            separator = "\n" if tight and self.last_tight else "\n\n"
            self.parts.append(separator)
            self.position += len(separator)
        self.last_tight = tight
        self.parts.append(prefix + inline.text)
        start = self.position + len(prefix)
        for span in inline.spans:
            self.spans.append(Span(span.start + start, span.end + start, span.kind, span.target))
        self.position += len(prefix) + len(inline.text)
        return start

    def text(self) -> str:
        return "".join(self.parts)


def render_markdown(source: str) -> Rendered:
    """Markdown (front matter already removed) -> text, outline and style spans."""
    tokens = _MARKDOWN.parse(source)
    out = _Out()
    containers: list[_Container] = []
    lists: list[_List] = []
    notes: list[tuple[str, list[Token]]] = []
    heading_level = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "footnote_block_open":  # the notes come last, after the text
            index = _collect_notes(tokens, index, notes)
            continue
        if kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "blockquote_open":
            containers.append(_Container("quote"))
        elif kind == "blockquote_close":
            containers.pop()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            tight = _is_tight(tokens, index)
            start = int(token.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else None
            lists.append(_List(tight, start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                out.last_tight = False  # the next list, or paragraph, after a blank line
        elif kind == "list_item_open":
            current = lists[-1]
            if current.number is None:
                marker = "• "
            else:
                marker = f"{current.number}. "
                current.number += 1
            containers.append(_Container("item", marker))
        elif kind == "list_item_close":
            containers.pop()
        elif kind == "inline":
            inline = _inline(token.children or [])
            tight = bool(lists) and lists[-1].tight and _in_item(containers)
            prefix = _prefix(containers)
            if prefix and "\n" in inline.text:  # a hard break: the next line is indented too
                inline = _indented(inline, _continuation(prefix))
            start = out.block(prefix, inline, tight=tight)
            if heading_level:
                out.outline.append(Heading(start, heading_level, inline.text[:160]))
                heading_level = 0
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            prefix = _prefix(containers)
            lines = code.split("\n")
            text = ("\n" + _continuation(prefix)).join(lines)
            start = out.block(prefix, _Inline(text))
            out.spans.append(Span(start, start + len(text), "code"))
        elif kind == "table_open":
            index = _table(tokens, index, out, _prefix(containers))
            continue
        elif kind == "hr":
            out.block(_prefix(containers), _Inline(RULE))
        index += 1
    if notes:
        start = out.block("", _Inline(NOTES_TITLE))
        out.outline.append(Heading(start, 2, NOTES_TITLE))
        for label, inline_tokens in notes:
            inline = _Inline()
            for inline_token in inline_tokens:
                part = _inline(inline_token.children or [])
                _append(inline, part, " " if inline.text else "")
            marker = f"[{label}] "
            out.block(marker, inline)
    return Rendered(out.text(), tuple(out.outline), tuple(out.spans))


def _prefix(containers: list[_Container]) -> str:
    """What a block starts with: a bar per quote, a bullet or number (or its width)."""
    parts: list[str] = []
    for container in containers:
        if container.kind == "quote":
            parts.append(QUOTE_BAR)
        elif container.first:
            parts.append(container.marker)
            container.first = False
        else:
            parts.append(" " * len(container.marker))
    return "".join(parts)


def _continuation(prefix: str) -> str:
    """The prefix for the following lines of a block: bars kept, bullets as spaces."""
    return "".join("│" if c == "│" else " " for c in prefix)


def _in_item(containers: list[_Container]) -> bool:
    return bool(containers) and containers[-1].kind == "item"


def _is_tight(tokens: list[Token], index: int) -> bool:
    """A list whose paragraphs markdown-it hides (no blank lines between its items)."""
    level = tokens[index].level
    for token in tokens[index + 1 :]:
        if token.type == "paragraph_open" and token.level == level + 2:
            return token.hidden
        if token.level == level and token.type.endswith("_list_close"):
            break
    return True


def _inline(children: list[Token]) -> _Inline:
    """Inline tokens -> text without markup, with strong/em/code/link/footnote spans."""
    result = _Inline()
    parts: list[str] = []
    length = 0
    open_spans: list[tuple[str, int, str]] = []

    def add(text: str) -> None:
        nonlocal length
        parts.append(text)
        length += len(text)

    for child in children:
        kind = child.type
        if kind == "text":
            add(child.content)
        elif kind == "code_inline":
            result.spans.append(Span(length, length + len(child.content), "code"))
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "image":
            add(child.content)
        elif kind in _INLINE_STYLES:
            open_spans.append((_INLINE_STYLES[kind], length, ""))
        elif kind == "link_open":
            open_spans.append(("link", length, str(child.attrs.get("href", ""))))
        elif kind in ("strong_close", "em_close", "s_close", "link_close") and open_spans:
            name, start, target = open_spans.pop()
            if length > start:
                result.spans.append(Span(start, length, name, target))
        elif kind == "footnote_ref":
            label = str(child.meta.get("label", ""))
            mark = f"[{label}]"
            result.spans.append(Span(length, length + len(mark), "footnote", label))
            add(mark)
    text = "".join(parts)
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    result.text = stripped.rstrip()
    result.spans = [
        Span(max(s.start - shift, 0), min(s.end - shift, len(result.text)), s.kind, s.target)
        for s in result.spans
        if min(s.end - shift, len(result.text)) > max(s.start - shift, 0)
    ]
    return result


def _indented(inline: _Inline, continuation: str) -> _Inline:
    """``inline`` with ``continuation`` after each newline, its spans moved along."""
    result = _Inline()
    base = 0  # where the line starts in ``inline.text``
    for number, line in enumerate(inline.text.split("\n")):
        if number:
            result.text += "\n" + continuation
        start = len(result.text)
        result.text += line
        for span in inline.spans:
            lo, hi = max(span.start, base), min(span.end, base + len(line))
            if hi > lo:
                result.spans.append(
                    Span(lo - base + start, hi - base + start, span.kind, span.target)
                )
        base += len(line) + 1
    return result


def _append(inline: _Inline, part: _Inline, gap: str) -> None:
    shift = len(inline.text) + len(gap)
    inline.text += gap + part.text
    inline.spans.extend(Span(s.start + shift, s.end + shift, s.kind, s.target) for s in part.spans)


def _collect_notes(tokens: list[Token], index: int, notes: list[tuple[str, list[Token]]]) -> int:
    """Gather each footnote's inline tokens; return the index after the footnote block."""
    label = ""
    while index < len(tokens) and tokens[index].type != "footnote_block_close":
        token = tokens[index]
        if token.type == "footnote_open":
            label = str(token.meta.get("label", ""))
            notes.append((label, []))
        elif token.type == "inline" and notes:
            notes[-1][1].append(token)
        index += 1
    return index + 1


def _table(tokens: list[Token], index: int, out: _Out, prefix: str) -> int:
    """Write a table as aligned rows; return the index after ``table_close``."""
    rows: list[list[_Inline]] = []
    aligns: list[str] = []
    head_rows = 0
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            rows.append([])
            head_rows += in_head
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrs.get("style", ""))
            if len(rows) == 1:
                aligns.append(style.removeprefix("text-align:"))
        elif token.type == "inline":
            rows[-1].append(_inline(token.children or []))
        index += 1
    columns = max((len(row) for row in rows), default=0)
    widths = [
        max((cell_len(row[c].text) for row in rows if c < len(row)), default=0)
        for c in range(columns)
    ]
    gap = " │ "
    continuation = _continuation(prefix)
    lines = _Inline()
    for number, row in enumerate(rows):
        line = _Inline()
        for column in range(columns):
            cell = row[column] if column < len(row) else _Inline()
            room = widths[column] - cell_len(cell.text)
            align = aligns[column] if column < len(aligns) else ""
            left = room if align == "right" else room // 2 if align == "center" else 0
            padded = _Inline(" " * left + cell.text + " " * (room - left))
            padded.spans = [
                Span(s.start + left, s.end + left, s.kind, s.target) for s in cell.spans
            ]
            if number < head_rows and cell.text:
                padded.spans.append(Span(left, left + len(cell.text), "strong"))
            _append(line, padded, gap if column else "")
        line.text = line.text.rstrip()
        line.spans = [s for s in line.spans if s.start < len(line.text)]
        _append(lines, line, "\n" + continuation if number else "")
        if number == head_rows - 1:
            rule = "─┼─".join("─" * width for width in widths)
            _append(lines, _Inline(rule), "\n" + continuation)
    out.block(prefix, lines)
    return index + 1
