"""PDF reading speed: the pdfium reader (layout, headers, sections) against pypdf, same run.

    PYTHONPATH=. python benchmarks/bench_pdf.py [--papers 20] [--pages 8] [--repeat 3]

Draws two-column papers with fpdf2 (sentences from ``../shared/data/hedge/``, a running
header, page numbers, section headings) and reads every one with
``reader.library.formats.pdf.parse`` (pypdfium2 plus ``pdf_layout``) and with pypdf's
``page.extract_text()`` (what the reader used before), and PDFium's plain text with no
layout work, best of ``--repeat``; prints pages/s for each and the ratio to pypdf.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import sentences  # noqa: E402
from reader.library.formats import pdf  # noqa: E402
from reader.library.formats.base import Raw  # noqa: E402
from tests.paper_fixtures import Page, write_paper  # noqa: E402

SECTIONS = ["Abstract", "Introduction", "Methods", "Results", "Discussion", "Conclusions"]


def column_lines(rng: random.Random, pool: list[str], count: int) -> list[str]:
    words = " ".join(rng.choice(pool) for _ in range(count)).split()
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) > 48:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def make_papers(folder: Path, papers: int, pages: int) -> list[Path]:
    # sentences with C1 control characters (mis-decoded quotes) have no glyphs to draw
    pool = [s for s in sentences() if len(s) < 300 and not any("\x80" <= c < "\xa0" for c in s)]
    rng = random.Random(11)
    paths = []
    for number in range(papers):
        drawn = []
        for page_number in range(pages):
            left = [f"# {SECTIONS[page_number % len(SECTIONS)]}", *column_lines(rng, pool, 18)]
            right = column_lines(rng, pool, 20)
            drawn.append(Page(left=left[:48], right=right[:48]))
        paths.append(write_paper(folder / f"paper{number:03d}.pdf", drawn))
    return paths


def time_project(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        pdf.parse(Raw(str(path), path.read_bytes(), "pdf", 0.0, str(path)))
    return time.perf_counter() - started


def time_pdfium_plain(paths: list[Path]) -> float:
    """PDFium's own text in its own order, no layout work: the floor for the reader."""
    import pypdfium2 as pdfium

    started = time.perf_counter()
    for path in paths:
        document = pdfium.PdfDocument(path.read_bytes())
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    return time.perf_counter() - started


def time_pypdf(paths: list[Path]) -> float:
    import io

    from pypdf import PdfReader

    started = time.perf_counter()
    for path in paths:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        for page in reader.pages:
            page.extract_text()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20)
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = make_papers(Path(folder), args.papers, args.pages)
        total = args.papers * args.pages
        rounds = [  # interleaved, so a change in the machine's load touches all three
            (time_project(paths), time_pypdf(paths), time_pdfium_plain(paths))
            for _ in range(args.repeat)
        ]
        ours, theirs, plain = (min(times) for times in zip(*rounds, strict=True))
    print(f"{total} two-column pages, best of {args.repeat}")
    print(f"  pdfium reader (layout, heads, sections): {total / ours:8.1f} pages/s")
    print(f"  pypdf extract_text (reference):          {total / theirs:8.1f} pages/s")
    print(f"  pdfium text only, no layout (floor):     {total / plain:8.1f} pages/s")
    print(f"  ratio: {theirs / ours:.2f}x pypdf's speed")


if __name__ == "__main__":
    main()
