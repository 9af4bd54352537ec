"""``hedge-reader export`` through the real entry point, and the renderers the app shares."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.export import analyse, export_filename, format_quote, to_html, to_markdown
from reader.hedging import CATEGORIES, find_hedges
from tests.helpers import run

SCRIPTED = """Results <script>alert("x")</script> & more

The drug may help some patients. This <b>breakthrough</b> proves *nothing* [at all].

# Not a heading: the trial was small

The jury is still out.
"""


class _Page(HTMLParser):
    """Collects what a browser would see: elements, marks, text, and any script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._mark: tuple[str, list[str]] | None = None
        self.in_text_div = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "div" and attributes.get("class") == "text":
            self.in_text_div = True
        if tag == "mark" and self.in_text_div:
            kind = attributes.get("data-category") or "claim:" + attributes["data-claim"]
            self._mark = (kind, [])
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark[0], "".join(self._mark[1])))
            self._mark = None
        if tag == "div":
            self.in_text_div = False

    def handle_data(self, data):
        if self.in_text_div:
            self.text.append(data)
            if self._mark is not None:
                self._mark[1].append(data)


@pytest.fixture
def scripted(tmp_path: Path) -> Path:
    path = tmp_path / "scripted.txt"
    path.write_text(SCRIPTED, encoding="utf-8")
    return path


def test_html_export_of_a_library_document_is_a_self_contained_page(tmp_path: Path, samples):
    library = tmp_path / "lib"
    assert run("add", str(samples["confident"]), library=library).returncode == 0
    out = tmp_path / "out.html"
    result = run(
        "export", str(samples["confident"]), "--format", "html", "-o", str(out), library=library
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stderr and result.stdout == ""
    page_text = out.read_text(encoding="utf-8")
    page = _Page()
    page.feed(page_text)
    page.close()
    assert page.stack == []  # every element closed, properly nested
    assert "script" not in page.tags and "link" not in page.tags  # nothing to fetch or run
    assert "http" not in page_text.split("<footer>")[0].split("<style>")[1]  # no remote CSS
    # the library's cleaned text (Markdown headings without #), every mark with its category
    body = "".join(page.text)
    assert body.startswith("A breakthrough that proves everything")
    assert ("booster", "breakthrough") in page.marks
    assert ("approximator", "Roughly") in page.marks
    # summary and legend with counts
    assert "Sentences hedged" in page_text and "per 1,000 words" in page_text
    for category in CATEGORIES:
        assert f'id="legend-{category}"' in page_text
    boosters = sum(1 for category, _ in page.marks if category == "booster")
    assert boosters == 5  # breakthrough, proves (title); miracle, breakthrough, proves
    legend_row = page_text.split('id="legend-booster"')[1].split("</tr>")[0]
    assert f'<td class="n">{boosters}</td>' in legend_row


def test_html_export_escapes_document_text(scripted: Path, tmp_path: Path):
    result = run("export", str(scripted), "--format", "html", library=tmp_path / "none")
    assert result.returncode == 0, result.stderr
    page = _Page()
    page.feed(result.stdout)
    assert "script" not in page.tags and "b" not in page.tags
    assert '<script>alert("x")</script>' in "".join(page.text)  # shown as text
    assert "&lt;script&gt;" in result.stdout
    assert ("booster", "breakthrough") in page.marks and ("modal", "may") in page.marks


def test_markdown_export_marks_spans_and_escapes_markup(scripted: Path, tmp_path: Path):
    result = run("export", str(scripted), "--format", "md", library=tmp_path / "none")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "*may*⟨modal⟩" in text
    assert "**breakthrough**⟨booster⟩" in text
    assert "\\*nothing\\*" in text and "\\[at all\\]" in text
    assert "\\# Not a heading" in text
    assert "| **booster**⟨booster⟩ | 2 |" in text
    # rendered, the document's own markup stays text and only our marks are emphasis
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "<em>may</em>⟨modal⟩" in rendered
    assert "<strong>breakthrough</strong>⟨booster⟩" in rendered
    assert "<em>nothing</em>" not in rendered
    assert "<h1>Not a heading" not in rendered


def test_json_export_offsets_match_the_text_and_the_hedges_command(scripted: Path, tmp_path):
    result = run("export", str(scripted), "--format", "json", library=tmp_path / "none")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["path"] == str(scripted.resolve())
    assert payload["title"].startswith("Results <script>")
    text = payload["text"]
    assert payload["hedges"], "expected marks"
    for hedge in payload["hedges"]:
        assert text[hedge["start"] : hedge["end"]] == hedge["text"]
        assert hedge["kind"] == ("booster" if hedge["category"] == "booster" else "hedge")
    legend = {item["category"]: item["count"] for item in payload["legend"]}
    assert set(legend) == set(CATEGORIES)
    assert sum(legend.values()) == len(payload["hedges"])
    # the same record shape and figures as `hedge-reader hedges --json` on the same text
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    hedges = json.loads(run("hedges", "--json", str(plain)).stdout)
    assert hedges["hedges"] == payload["hedges"]
    assert hedges["summary"] == payload["summary"]


def test_export_marks_the_users_own_phrases(scripted: Path, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('[phrases]\ntentative = ["the jury is still out"]\n', encoding="utf-8")
    env = {"HEDGE_READER_CONFIG": str(config)}
    result = run("export", str(scripted), "--format", "json", library=tmp_path / "x", env=env)
    assert result.returncode == 0, result.stderr
    marked = [(h["text"], h["category"]) for h in json.loads(result.stdout)["hedges"]]
    assert ("The jury is still out", "tentative") in marked
    without = run("export", str(scripted), "--format", "json", library=tmp_path / "x")
    assert "The jury is still out" not in [h["text"] for h in json.loads(without.stdout)["hedges"]]


def test_export_reads_any_format_add_reads(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Coffee and lifespan</title></head><body><article>"
        "<h1>Coffee and lifespan</h1><p>Drinking coffee may extend life, a small study "
        "suggests, but the findings are preliminary and further studies are needed before "
        "anyone changes their habits. Researchers caution that the effect could be due to "
        "other factors such as income and exercise.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run("export", str(page), "--format", "json", library=tmp_path / "none")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert "<p>" not in payload["text"] and "may extend life" in payload["text"]
    assert ("may", "modal") in [(h["text"], h["category"]) for h in payload["hedges"]]


def test_export_errors_are_one_line(tmp_path: Path):
    missing = run("export", str(tmp_path / "missing.txt"), library=tmp_path / "lib")
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "missing.txt" in missing.stderr
    assert "not in the library" in missing.stderr
    docx = tmp_path / "paper.docx"
    docx.write_bytes(b"PK\x03\x04")
    unsupported = run("export", str(docx), library=tmp_path / "lib")
    assert unsupported.returncode == 1 and "unsupported file type" in unsupported.stderr
    broken = tmp_path / "paper.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    corrupt = run("export", str(broken), library=tmp_path / "lib")
    assert corrupt.returncode == 1 and corrupt.stderr.count("\n") == 1
    assert "paper.pdf" in corrupt.stderr and "Traceback" not in corrupt.stderr
    odd = tmp_path / "table.xyz"
    odd.write_text("It may rain.\n", encoding="utf-8")
    unknown = run("export", str(odd), library=tmp_path / "lib")
    assert unknown.returncode == 1 and "table.xyz" in unknown.stderr
    (tmp_path / "doc.txt").write_text("It may rain.\n", encoding="utf-8")
    bad_out = run("export", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "no" / "x.html"))
    assert bad_out.returncode == 1 and "x.html" in bad_out.stderr
    usage = run("export", str(tmp_path / "doc.txt"), "--format", "pdf")
    assert usage.returncode == 2


def test_a_mark_inside_a_heading_nests_properly():
    document = analyse("p", "Title", "Breakthrough may help\n\nText.", outline=[_Heading(0, 1)])
    page = _Page()
    page.feed(to_html(document))
    assert page.stack == []
    assert ("booster", "Breakthrough") in page.marks and ("modal", "may") in page.marks
    heading = "## **Breakthrough**⟨booster⟩ *may*⟨modal⟩ ⟦help⟧⟨conditional⟩\n"
    assert heading in to_markdown(document)
    assert ("claim:conditional_causal", "help") in page.marks  # a cue inside a heading too


def test_export_file_names_are_safe():
    document = analyse("/x/y.txt", "../../etc: «Cures»?", "It may.")
    assert export_filename(document, "html") == "etc-cures.hedges.html"
    assert export_filename(analyse("p", "", "x"), "json") == "document.hedges.json"
    long = analyse("p", "Robotic exoskeleton helped older patients walk sooner after surgery", "x")
    assert export_filename(long, "md") == (
        "robotic-exoskeleton-helped-older-patients-walk-sooner-after.hedges.md"
    )
    assert find_hedges("It may.")  # sanity: the fixture text is marked


class _Heading:
    def __init__(self, offset: int, level: int) -> None:
        self.offset = offset
        self.level = level
        self.title = "Breakthrough may help"


def test_quotes_carry_their_source_and_no_control_characters():
    quote = format_quote("It  may\nwork.\x1b[31m", "Title", "/docs/a.txt")
    assert quote == "“It may work.[31m”\n— Title (/docs/a.txt)"
    by = format_quote("It may.", "Coffee", "https://example.org/a", author="J. Chen")
    assert by == "“It may.”\n— J. Chen, Coffee (https://example.org/a)"


def test_html_categories_differ_without_colour():
    import re

    from reader.export import _HTML_CSS

    looks = {}
    for category in CATEGORIES:
        (rule,) = re.findall(rf"mark\.{category} \{{(.*?)\}}", _HTML_CSS, re.S)
        decl = dict(
            (name.strip(), value.strip())
            for name, value in (item.split(":", 1) for item in rule.split(";") if ":" in item)
        )
        looks[category] = tuple(
            decl.get(name)
            for name in (
                "text-decoration-line",
                "text-decoration-style",
                "font-style",
                "font-weight",
                "outline",
            )
        )
    assert len(set(looks.values())) == len(CATEGORIES), looks


def test_the_sentence_at_an_offset_even_deep_in_a_long_text():
    from reader.export import sentence_at

    filler = "Plain words here. " * 20_000  # 360 KB
    text = filler + "This one may matter. " + filler
    where = len(filler) + text[len(filler) :].index("may")
    assert sentence_at(text, where) == "This one may matter."
    assert sentence_at(text, 0) == "Plain words here."
    assert sentence_at(text, len(text) + 5) == "Plain words here."
    assert sentence_at("", 3) == ""


CLAIMED = (
    "Drinking coffee reduces the risk of liver cancer. Coffee may improve liver function. "
    "Coffee intake was associated with lower mortality in a cohort of adults."
)


def test_html_export_marks_claim_cues_in_the_text_with_a_legend():
    document = analyse("p", "Coffee", CLAIMED)
    page = _Page()
    html_text = to_html(document)
    page.feed(html_text)
    assert page.stack == []
    assert ("claim:direct_causal", "reduces") in page.marks
    assert ("modal", "may") in page.marks  # the hedge keeps its mark; the verb gets the claim's
    assert ("claim:conditional_causal", "improve") in page.marks
    assert ("claim:correlational", "associated with") in page.marks
    assert not any(kind.startswith("claim") and text == "may" for kind, text in page.marks)
    assert "".join(page.text) == CLAIMED  # marks add no text
    for kind in ("claim-causal", "claim-conditional", "claim-correlational"):
        assert f'<tr id="legend-{kind}"><td><mark class="{kind}"' in html_text


def test_html_claim_marks_differ_from_each_other_and_every_category_without_colour():
    import re

    from reader.export import _HTML_CSS

    looks = {}
    for kind in (*CATEGORIES, "claim-causal", "claim-conditional", "claim-correlational"):
        (rule,) = re.findall(rf"mark\.{kind} \{{(.*?)\}}", _HTML_CSS, re.S)
        decl = dict(
            (name.strip(), value.strip())
            for name, value in (item.split(":", 1) for item in rule.split(";") if ":" in item)
        )
        border = decl.get("border-bottom", "").split()
        looks[kind] = (
            decl.get("text-decoration-line"),
            decl.get("text-decoration-style"),
            decl.get("font-style"),
            decl.get("font-weight"),
            decl.get("outline"),
            tuple(border[:2]),  # width and style, not the colour
        )
    assert len(set(looks.values())) == len(looks), looks
    printed = re.findall(r"@media print \{(.*?)\}\s*\}", _HTML_CSS, re.S)
    assert not any("border" in rule for rule in printed)  # the claim marks print


def test_markdown_export_marks_claim_cues_apart_from_the_hedges():
    text = to_markdown(analyse("p", "Coffee", CLAIMED))
    body = text.split("## Text", 1)[1]
    assert "Drinking coffee ⟦reduces⟧⟨causal⟩ the risk" in body
    assert "Coffee *may*⟨modal⟩ ⟦improve⟧⟨conditional⟩ liver" in body
    assert "was ⟦associated with⟧⟨correlational⟩ lower" in body
    assert "⟦double brackets⟧" in text.split("## Claims", 1)[0]  # the legend explains it
    rendered = MarkdownIt().render(body)
    assert "<em>may</em>" in rendered and "<em>reduces</em>" not in rendered
    assert "⟦reduces⟧" in rendered
