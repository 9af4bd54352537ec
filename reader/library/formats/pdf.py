"""PDF papers -> text in reading order, with pypdfium2 (PDFium).

PDFium gives each line of text as drawn with its position; ``pdf_layout`` puts them in
reading order (columns), drops running headers, footers and page numbers, joins soft
hyphens and finds the section headings. A paper with headings is outlined by them, with
its reference list as its own section that the hedge figures leave out; a PDF without
headings keeps a "Page N" line per page in the outline, as before. PDFium is several
times faster than pypdf and follows the layout rather than the content stream's order.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from reader.library.documents import Heading, ParsedDocument
from reader.library.formats.base import Raw, clean_title, file_date, first_line_title, sha256
from reader.library.formats.pdf_layout import Layout, PageRuns, Run, clean, layout

TITLE_MAX = 160


class NoText(ValueError):
    """A PDF with no text layer, or one that needs a password."""


def parse(raw: Raw) -> ParsedDocument:
    document = _open(raw.data)
    try:
        pages = [_page_runs(document, number) for number in range(len(document))]
        meta = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    if not any(page.runs for page in pages):
        raise NoText("no text layer (a scanned PDF?)")
    found = layout(pages)
    if not any(level == 1 for level, _ in found.blocks):
        found = _by_page(pages)
    body, outline, excluded = _assemble(found)
    if not body.strip():
        raise NoText("no text layer (a scanned PDF?)")
    text = next((text for level, text in found.blocks if not level), body)
    title = clean_title(meta.get("Title")) or _title_from_type(pages) or first_line_title(text)
    created = _pdf_date(meta.get("CreationDate", ""))
    return ParsedDocument(
        path=raw.name,
        title=title,
        body=body,
        format="pdf",
        date=created or file_date(raw.mtime),
        sha256=sha256(raw.data),
        size=len(raw.data),
        mtime=raw.mtime,
        outline=outline,
        author=clean_title(meta.get("Author")),
        source=raw.source,
        excluded=excluded,
    )


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise NoText("encrypted PDF (needs a password)") from None
        raise ValueError(f"corrupt or unreadable PDF ({_short(error)})") from None


def _short(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text.split(": ", 1)[-1][:100] or type(error).__name__


def _page_runs(document: pdfium.PdfDocument, number: int) -> PageRuns:
    page = document[number]
    try:
        width, height = page.get_size()
        text = page.get_textpage()
        try:
            runs = list(_runs(text, height))
        finally:
            text.close()
    finally:
        page.close()
    return PageRuns(width, height, tuple(runs))


def _runs(text: pdfium.PdfTextPage, height: float) -> Iterator[Run]:
    """PDFium's text rectangles (a line, or a line's piece in one column) with their text.

    PDFium's own lines (its whole text split at line breaks) may hold pieces of both
    columns when the PDF drew them side by side; each line's rectangles say where its
    pieces lie, and a binary search over character boxes says where one ends. Asking for
    text by area instead scans every character of the page each time.
    """
    whole = text.get_text_range()
    if len(whole) != text.count_chars():  # characters outside the BMP: slower but safe
        yield from _runs_by_area(text, height)
        return
    position = 0
    for line in whole.split("\r\n"):
        start, end = position, position + len(line)
        position = end + 2
        if not line.strip():
            continue
        rects = [text.get_rect(i) for i in range(text.count_rects(start, end - start))]
        cuts = [start]
        for before, after in pairwise(rects):
            cuts.append(_cut(text, whole, cuts[-1], end, before, after))
        cuts.append(end)
        for (left, bottom, right, top), a, b in zip(rects, cuts, cuts[1:], strict=False):
            piece = whole[a:b]
            if piece.strip():
                size = pdfium_raw.FPDFText_GetFontSize(text, a)
                yield Run(left, height - top, right, height - bottom, piece, size)


def _cut(
    text: pdfium.PdfTextPage,
    whole: str,
    low: int,
    high: int,
    before: tuple[float, float, float, float],
    after: tuple[float, float, float, float],
) -> int:
    """The first character index in ``low..high`` that lies in ``after``'s rectangle.

    Pieces of a line meet at a space nearly always: the spaces nearest to where the
    widths say the cut falls are tried first (two character boxes each), then a binary
    search over every character settles the rest.
    """
    left_to_right = after[0] >= before[2] - 0.5
    boundary = (before[2] + after[0]) / 2 if left_to_right else (after[2] + before[0]) / 2
    box = [ctypes.c_double() for _ in range(4)]
    pointers = [ctypes.byref(value) for value in box]  # left, right, bottom, top

    def side(index: int) -> bool | None:
        """Whether character ``index`` lies in ``after``; None for one with no box."""
        pdfium_raw.FPDFText_GetCharBox(text, index, *pointers)
        left, right = box[0].value, box[1].value
        if right <= left:
            return None
        middle = (left + right) / 2
        return middle > boundary if left_to_right else middle < boundary

    widths = (before[2] - before[0], after[2] - after[0])
    guess = low + round((high - low) * widths[0] / max(sum(widths), 1e-6))
    spaces = [i for i in range(low + 1, high - 1) if whole[i] == " "]
    for space in sorted(spaces, key=lambda i: abs(i - guess))[:4]:
        if side(space + 1) is True and side(space - 1) is False:
            return space + 1

    def in_after(index: int) -> bool:
        for probe in range(index, max(low, index - 4) - 1, -1):
            found = side(probe)
            if found is not None:  # generated spaces have no box: ask the one before
                return found
        return False

    while low < high:
        middle = (low + high) // 2
        if in_after(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _runs_by_area(text: pdfium.PdfTextPage, height: float) -> Iterator[Run]:
    for index in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(index)
        line = text.get_text_bounded(left, bottom, right, top)
        if line.strip():
            yield Run(left, height - top, right, height - bottom, line, 0.0)


def _by_page(pages: list[PageRuns]) -> Layout:
    """No section headings: each page's paragraphs under a "Page N" heading."""
    blocks: list[tuple[int, str]] = []
    for number, page in enumerate(pages, 1):
        found = layout([page]).blocks if page.runs else []
        if found:
            blocks.append((1, f"Page {number}"))
            blocks.extend(found)
    return Layout(blocks)


def _assemble(
    found: Layout,
) -> tuple[str, tuple[Heading, ...], tuple[tuple[int, int], ...]]:
    parts: list[str] = []
    outline: list[Heading] = []
    starts: list[int] = []
    position = 0
    for level, text in found.blocks:
        starts.append(position)
        if level:
            outline.append(Heading(position, level, text[:TITLE_MAX]))
        parts.append(text)
        position += len(text) + 2
    body = "\n\n".join(parts)
    first, end = found.references
    excluded: tuple[tuple[int, int], ...] = ()
    if first >= 0:
        stop = starts[end] if end < len(starts) else len(body)
        excluded = ((starts[first], stop),)
    return body, tuple(outline), excluded


def _title_from_type(pages: list[PageRuns]) -> str:
    """The first page's largest type in its upper half (wrapped titles joined)."""
    if not pages or not pages[0].runs:
        return ""
    first = pages[0]
    sizes = sorted(run.size for run in first.runs if run.size)
    if not sizes:
        return ""
    body = sizes[len(sizes) // 2]
    upper = [run for run in first.runs if run.top < first.height / 2 and run.size]
    largest = max((run.size for run in upper), default=0.0)
    if largest < body * 1.3:
        return ""
    lines = [clean(run.text.strip()) for run in sorted(upper, key=lambda r: r.top)]
    picked = [
        line
        for run, line in zip(sorted(upper, key=lambda r: r.top), lines, strict=True)
        if run.size >= largest * 0.95
    ]
    return " ".join(" ".join(picked).split())[:TITLE_MAX]


_PDF_DATE = re.compile(
    r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?"
)


def _pdf_date(value: str) -> datetime | None:
    """A PDF date string (``D:20240305120000+01'00'``) -> aware UTC."""
    found = _PDF_DATE.match(value.strip())
    if not found:
        return None
    year, month, day, hour, minute, second, sign, tz_hour, tz_minute = found.groups()
    try:
        moment = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=timezone.utc,
        )
    except ValueError:
        return None
    if sign in ("+", "-") and tz_hour:
        offset = timedelta(hours=int(tz_hour), minutes=int(tz_minute or 0))
        moment = moment - offset if sign == "+" else moment + offset
    return moment
