"""Journal-style PDFs for the PDF reader's tests, drawn with fpdf2.

Two columns whose lines are written to the content stream interleaved (left line,
right line, left line…), so only a reader that follows the layout gets the sentences
back in order; a running header and a footer with the page number on every page; words
broken at a column edge with a soft hyphen (U+00AD) or a hard one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
#: A Unicode TrueType font, so a soft hyphen is written as U+00AD (the core fonts'
#: encoding maps it to a plain hyphen); None where the system has none.
UNICODE_FONT = _DEJAVU if (_DEJAVU / "DejaVuSans.ttf").exists() else None


@dataclass
class Page:
    #: Lines of the left and right columns, top to bottom; a line starting with "# " is a
    #: section heading drawn in bold.
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    #: Lines across the whole width above the columns (a title block).
    top: list[str] = field(default_factory=list)


def write_paper(
    path: Path,
    pages: list[Page],
    header: str = "J. Cautious Med. 12 (2024)",
    title: str = "",
    author: str = "",
) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    family = "helvetica"
    if UNICODE_FONT is not None:
        pdf.add_font("body", fname=str(UNICODE_FONT / "DejaVuSans.ttf"))
        pdf.add_font("body", "B", fname=str(UNICODE_FONT / "DejaVuSans-Bold.ttf"))
        family = "body"
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(datetime(2024, 3, 5, 12, 0, tzinfo=timezone.utc))
    for number, page in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font(family, size=8)
        pdf.set_xy(15, 8)
        pdf.cell(text=header)
        y = 22.0
        for line in page.top:
            pdf.set_font(family, "B", size=16)
            pdf.set_xy(15, y)
            pdf.cell(text=line)
            y += 9
        rows = max(len(page.left), len(page.right))
        for row in range(rows):
            for x, column in ((15.0, page.left), (110.0, page.right)):
                if row < len(column) and column[row]:
                    _draw(pdf, family, x, y + row * 5.2, column[row])
        pdf.set_font(family, size=8)
        pdf.set_xy(100, 285)
        pdf.cell(text=str(number))
    pdf.output(str(path))
    return path


def _draw(pdf: object, family: str, x: float, y: float, line: str) -> None:
    heading = line.startswith("# ")
    pdf.set_font(family, "B" if heading else "", size=12 if heading else 9)  # type: ignore[attr-defined]
    pdf.set_xy(x, y)  # type: ignore[attr-defined]
    pdf.cell(text=line[2:] if heading else line)  # type: ignore[attr-defined]
