"""Journal PDFs read as a person reads them: column by column, without running heads or
page numbers, soft hyphens joined, sections in the outline, references left out of the
hedge figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.hedging import find_hedges, profile
from reader.library import Library
from reader.library.formats.pdf_layout import PageRuns, Run, drop_running_heads
from tests.paper_fixtures import UNICODE_FONT, Page, write_paper

PAPER = [
    Page(
        top=["Doubt and the Heart: a cohort study"],
        left=[
            "# Abstract",
            "Aspirin may reduce the risk of heart",
            "attacks in some immuno\u00ad",
            "compromised adults.",
            "",
            "# Methods",
            "We enrolled 200 patients in the COVID-",
            "19 cohort across a well-",
            "known network of clinics.",
        ],
        right=[
            "# Results",
            "The rate fell by about a third, which",
            "suggests a real effect in older",
            "patients.",
            "",
            "Side effects were rare and mild in",
            "every group we followed.",
        ],
    ),
    Page(
        left=[
            "# Discussion",
            "These findings are preliminary and",
            "further studies are needed.",
            "",
            "# Conclusions",
            "Aspirin might help some adults.",
        ],
        right=[
            "# References",
            "1. Smith J. Aspirin may possibly",
            "prevent everything. 2020.",
            "2. Lee K. Perhaps it could. 2019.",
        ],
    ),
]


@pytest.fixture
def paper(tmp_path: Path):
    path = write_paper(tmp_path / "paper.pdf", PAPER)
    library = Library(tmp_path / "lib")
    assert not library.add([path]).failed
    doc = library.get(str(path.resolve()))
    yield doc
    library.close()


def test_two_columns_are_read_one_after_the_other(paper):
    body = paper.body
    order = [
        "Aspirin may reduce the risk",
        "adults.",
        "We enrolled 200 patients",
        "The rate fell by about a third, which suggests a real effect in older patients.",
        "Side effects were rare and mild in every group we followed.",
        "These findings are preliminary and further studies are needed.",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)


def test_running_header_and_page_numbers_are_dropped(paper):
    assert "J. Cautious Med." not in paper.body
    paragraphs = paper.body.split("\n\n")
    assert "1" not in paragraphs and "2" not in paragraphs


def test_hard_hyphens_at_a_line_end_are_kept_and_joined(paper):
    assert "COVID-19 cohort across a well-known network of clinics." in paper.body


@pytest.mark.skipif(UNICODE_FONT is None, reason="needs a Unicode TrueType font for U+00AD")
def test_a_soft_hyphen_at_a_line_end_joins_the_word(paper):
    assert "heart attacks in some immunocompromised adults." in paper.body


def test_sections_are_the_outline_and_the_title_is_the_largest_type(paper):
    titles = [h.title for h in paper.outline]
    assert titles == ["Abstract", "Methods", "Results", "Discussion", "Conclusions", "References"]
    for heading in paper.outline:
        assert paper.body[heading.offset :].startswith(heading.title)
    assert paper.title == "Doubt and the Heart: a cohort study"


def test_references_are_their_own_section_and_out_of_the_hedge_figures(paper):
    start = next(h.offset for h in paper.outline if h.title == "References")
    references = paper.body[start:]
    assert "1. Smith J. Aspirin may possibly prevent everything. 2020." in references
    assert "\n\n2. Lee K. Perhaps it could. 2019." in references
    assert find_hedges(references), "the reference list must hold hedges for this test"
    counted = profile(paper.body[:start], find_hedges(paper.body[:start]))
    assert paper.summary.hedges == counted.hedges
    assert paper.summary.hedges_per_1k == pytest.approx(counted.hedges_per_1k, abs=0.001)


def test_a_footer_repeated_on_every_page_goes_but_the_same_words_in_the_text_stay():
    def page(number: int, text: str) -> PageRuns:
        return PageRuns(
            600,
            800,
            (
                Run(50, 100, 400, 110, text, 10),
                Run(50, 760, 300, 770, f"Preprint, not peer reviewed. Page {number} of 3", 8),
                Run(500, 20, 520, 30, str(number), 8),
            ),
        )

    pages = [page(n, "Preprint, not peer reviewed. Page 1 of 3") for n in (1, 2, 3)]
    kept = drop_running_heads(pages)
    assert [[run.text for run in p.runs] for p in kept] == [
        ["Preprint, not peer reviewed. Page 1 of 3"]
    ] * 3


def test_a_scanned_pdf_is_one_line_on_the_command_line(tmp_path: Path, capsys):
    from fpdf import FPDF

    from reader.cli.main import main

    blank = FPDF()
    blank.add_page()
    blank.rect(20, 20, 100, 100)
    blank.output(str(tmp_path / "scan.pdf"))
    status = main(["add", str(tmp_path / "scan.pdf"), "--library", str(tmp_path / "lib")])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err == [f"hedge-reader: skipped {tmp_path / 'scan.pdf'}: no text layer (a scanned PDF?)"]


def test_author_year_references_are_one_paragraph_each_by_their_hanging_indent():
    from reader.library.formats.pdf_layout import layout

    lines = [
        (50, "References"),
        (50, "Chen, R. (2021). Aspirin may help the"),
        (62, "heart. J. Cautious Med. 12, 1-9."),
        (50, "Khan, A. (2019). Perhaps not. Lancet 3,"),
        (62, "4-5."),
    ]
    runs = tuple(
        Run(x, 100 + 12 * n, 300, 110 + 12 * n, text, 10) for n, (x, text) in enumerate(lines)
    )
    found = layout([PageRuns(600, 800, runs)])
    assert found.blocks == [
        (1, "References"),
        (0, "Chen, R. (2021). Aspirin may help the heart. J. Cautious Med. 12, 1-9."),
        (0, "Khan, A. (2019). Perhaps not. Lancet 3, 4-5."),
    ]
    assert found.references == (0, 3)


def test_a_wide_caption_between_columns_ends_one_stretch_and_starts_the_next():
    from reader.library.formats.pdf_layout import reading_order

    def run(x0: float, x1: float, top: float, text: str) -> Run:
        return Run(x0, top, x1, top + 9, text, 9)

    drawn = [  # in the content stream: across the columns, line by line
        run(50, 550, 60, "A wide title"),
        *(run(50, 280, 100 + 12 * n, f"left one {n}") for n in range(3)),
        *(run(320, 550, 100 + 12 * n, f"right one {n}") for n in range(3)),
        run(50, 550, 150, "Figure 1: a caption across the page"),
        *(run(50, 280, 170 + 12 * n, f"left two {n}") for n in range(2)),
        *(run(320, 550, 170 + 12 * n, f"right two {n}") for n in range(2)),
    ]
    drawn.sort(key=lambda r: (r.top, r.x0))
    order = [r.text for stretch in reading_order(PageRuns(600, 800, tuple(drawn))) for r in stretch]
    assert order == [
        "A wide title",
        *(f"left one {n}" for n in range(3)),
        *(f"right one {n}" for n in range(3)),
        "Figure 1: a caption across the page",
        *(f"left two {n}" for n in range(2)),
        *(f"right two {n}" for n in range(2)),
    ]
