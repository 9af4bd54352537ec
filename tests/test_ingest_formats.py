"""Every format a researcher reads becomes a document with clean text and real metadata;
every broken file costs one line naming it, and the rest of the run goes on."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from reader.library import Library
from tests.format_fixtures import FEED_ITEMS, rss_feed, write_broken, write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def lib(tmp_path: Path, corpus) -> Library:
    library = Library(tmp_path / "lib")
    report = library.add([corpus["html"].parent])
    assert not report.failed, [str(f) for f in report.failed]
    yield library
    library.close()


def test_html_keeps_the_article_and_drops_navigation_ads_and_comments(lib: Library, corpus):
    doc = lib.get(str(corpus["html"].resolve()))
    assert doc is not None
    assert doc.summary.format == "html"
    assert doc.title == "Vaccine may reduce relapse"
    assert doc.summary.author == "Jane Doe"
    assert doc.summary.date.date().isoformat() == "2024-03-05"
    assert "vaccine may reduce relapse in some patients" in doc.body
    for noise in ("About us", "MIRACLE PILLS", "first!", "All rights reserved", "<p>"):
        assert noise not in doc.body
    assert [h.title for h in doc.outline] == ["Vaccine may reduce relapse", "What it means"]
    for heading in doc.outline:
        assert doc.body[heading.offset :].startswith(heading.title)


def test_pdf_text_in_page_order_with_metadata_and_sections_in_the_outline(lib: Library, corpus):
    doc = lib.get(str(corpus["pdf"].resolve()))
    assert doc is not None
    assert doc.summary.format == "pdf"
    assert doc.title == "Statins and memory: a cohort study"
    assert doc.summary.author == "R. Chen"
    assert doc.summary.date == datetime(2023, 6, 1, 12, 0, tzinfo=timezone.utc)
    body = doc.body
    assert body.index("statins may be associated") < body.index("further studies are needed")
    assert body.index("further studies are needed") < body.index("suggestive but not conclusive")
    assert [h.title for h in doc.outline] == ["Limitations", "Conclusion"]
    limitations, conclusion = doc.outline[0].offset, doc.outline[1].offset
    assert "further studies are needed" in body[limitations:conclusion]
    assert "Page 1" not in body
    assert doc.summary.hedges >= 2


def test_a_pdf_without_section_headings_is_outlined_by_page(tmp_path: Path):
    from tests.format_fixtures import write_pdf

    path = write_pdf(tmp_path / "notes.pdf", ["First it may rain.", "Then it might not."])
    lib = Library(tmp_path / "lib")
    assert not lib.add([path]).failed
    doc = lib.get(str(path.resolve()))
    assert [h.title for h in doc.outline] == ["Page 1", "Page 2"]
    assert doc.body[doc.outline[1].offset :].startswith("Page 2\n\nThen it might not.")


def test_pdf_title_falls_back_to_the_first_line(tmp_path: Path):
    from tests.format_fixtures import write_pdf

    path = write_pdf(tmp_path / "untitled.pdf", ["Aspirin and the heart\n\nIt may help."])
    lib = Library(tmp_path / "lib")
    assert not lib.add([path]).failed
    assert lib.get(str(path.resolve())).title.startswith("Aspirin and the heart")


def test_epub_chapters_in_order_with_titles_in_the_outline(lib: Library, corpus):
    doc = lib.get(str(corpus["epub"].resolve()))
    assert doc is not None
    assert doc.summary.format == "epub"
    assert doc.title == "Doubt in Medicine"
    assert doc.summary.author == "A. Author"
    assert [h.title for h in doc.outline] == ["Chapter One: Uncertainty", "Chapter Two: Certainty"]
    assert doc.body.startswith("Chapter One: Uncertainty")
    assert doc.body.index("Doctors may disagree") < doc.body.index("Nothing proves a cure")
    assert "not text" not in doc.body and "<" not in doc.body  # scripts and tags are gone


def test_each_feed_entry_is_a_document_with_link_date_and_author(lib: Library, corpus):
    coffee = lib.get("http://example.org/coffee")
    drug = lib.get("http://example.org/drug")
    assert coffee is not None and drug is not None
    assert coffee.title == "Coffee may protect the liver"
    assert coffee.summary.author == "Ana Ruiz"
    assert coffee.summary.date == datetime(2024, 4, 2, 10, 0, tzinfo=timezone.utc)
    assert coffee.summary.format == "feed"
    assert coffee.summary.source == str(corpus["feed"].resolve())
    assert "might protect the liver" in coffee.body
    assert drug.summary.boosters >= 2


def test_a_latin1_text_is_decoded(lib: Library, corpus):
    doc = lib.get(str(corpus["latin1"].resolve()))
    assert doc is not None and "Café crème may help the naïve reader." in doc.body


def test_metadata_is_searchable_by_author_and_format(lib: Library):
    assert [hit.summary.format for hit in lib.search("author:chen").hits] == ["pdf"]
    assert lib.search("author:jane").hits[0].summary.title == "Vaccine may reduce relapse"
    assert lib.search("format:epub").total == 1
    assert lib.search("format:feed").total == 2
    assert lib.search("liver format:feed").total == 1


def test_a_feed_read_again_adds_only_new_entries(tmp_path: Path, lib: Library, corpus):
    again = lib.add([corpus["feed"]])
    assert sorted(again.unchanged) == ["http://example.org/coffee", "http://example.org/drug"]
    assert not again.added and not again.updated
    newer = {
        "title": "Sleep might matter",
        "link": "http://example.org/sleep",
        "text": "Sleep could perhaps help memory.",
    }
    changed = dict(FEED_ITEMS[1], text="The company now says the drug may work.")
    corpus["feed"].write_text(rss_feed([FEED_ITEMS[0], changed, newer]), encoding="utf-8")
    report = lib.add([corpus["feed"]])
    assert report.added == ["http://example.org/sleep"]
    assert report.updated == ["http://example.org/drug"]
    assert report.unchanged == ["http://example.org/coffee"]
    assert lib.search("format:feed").total == 3
    assert "may work" in lib.get("http://example.org/drug").body


def test_unchanged_content_is_skipped_by_hash_even_when_touched(lib: Library, corpus):
    os.utime(corpus["pdf"], (2_000_000_000, 2_000_000_000))
    report = lib.add([corpus["pdf"]])
    assert report.unchanged == [str(corpus["pdf"].resolve())] and not report.updated


def test_broken_files_get_one_line_each_naming_them(tmp_path: Path, corpus):
    broken = write_broken(tmp_path / "broken")
    lib = Library(tmp_path / "lib2")
    report = lib.add([corpus["html"].parent, broken["pdf"].parent])
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert set(reasons) == {"broken.pdf", "broken.epub", "broken.html", "broken.rss", "photo.txt"}
    assert "PDF" in reasons["broken.pdf"]
    assert "EPUB" in reasons["broken.epub"]
    assert "binary" in reasons["broken.html"]
    assert "feed" in reasons["broken.rss"]
    assert "binary" in reasons["photo.txt"]
    for failure in report.failed:
        line = str(failure)
        assert "\n" not in line and line.startswith(failure.path) and "Traceback" not in line
    assert len(report.added) == 6  # html, pdf, epub, two feed entries, latin-1 text


def test_a_pdf_without_text_and_an_xml_file_that_is_no_feed(tmp_path: Path):
    from fpdf import FPDF

    blank = FPDF()
    blank.add_page()
    blank.output(str(tmp_path / "scan.pdf"))
    (tmp_path / "config.xml").write_text("<config><a>1</a></config>", encoding="utf-8")
    report = Library(tmp_path / "lib").add([tmp_path / "scan.pdf", tmp_path / "config.xml"])
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert "no text" in reasons["scan.pdf"]
    assert "not an RSS or Atom feed" in reasons["config.xml"]
    # inside a folder, XML that is not a feed is passed over like any other data file
    (tmp_path / "feed.xml").write_text(rss_feed(FEED_ITEMS), encoding="utf-8")
    walked = Library(tmp_path / "lib2").add([tmp_path])
    assert [Path(f.path).name for f in walked.failed] == ["scan.pdf"]
    assert len(walked.added) == 2  # the feed's entries


def test_a_feed_with_no_entries_is_reported_not_silently_added(tmp_path: Path):
    (tmp_path / "empty.rss").write_text(rss_feed([]), encoding="utf-8")
    untitled = [{"title": "", "link": "http://example.org/blank", "text": " "}]
    (tmp_path / "blank.rss").write_text(rss_feed(untitled), encoding="utf-8")
    report = Library(tmp_path / "lib").add([tmp_path / "empty.rss", tmp_path / "blank.rss"])
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert "has no entries yet" in reasons["empty.rss"]
    assert "no entries with text" in reasons["blank.rss"]
    assert not report.added


def test_files_over_the_size_limit_are_refused_unless_raised(tmp_path: Path, corpus):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.truncate(51 * 1024 * 1024)
    lib = Library(tmp_path / "lib")
    report = lib.add([big])
    assert "51.0 MB, over the 50.0 MB limit" in report.failed[0].reason
    small = lib.add([corpus["html"]], max_bytes=1000)
    assert "over the 0.0 MB limit" in small.failed[0].reason
    assert lib.add([corpus["html"]], max_bytes=10_000_000).added


def test_symlink_loops_and_broken_links_are_reported_not_followed(tmp_path: Path, corpus):
    folder = corpus["html"].parent
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)  # a folder loop: not followed by the walk
    lib = Library(tmp_path / "lib")
    report = lib.add([folder, folder / "loop-a.txt"])
    reasons = [f.reason for f in report.failed if "loop-a" in f.path]
    assert reasons and all("loop" in reason for reason in reasons)
    assert len(report.added) == 6


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_files_are_a_permission_error(tmp_path: Path, corpus):
    corpus["pdf"].chmod(0)
    try:
        report = Library(tmp_path / "lib").add([corpus["pdf"]])
    finally:
        corpus["pdf"].chmod(0o644)
    assert "Permission denied" in report.failed[0].reason


def test_a_permission_error_reading_is_one_line(tmp_path: Path, corpus, monkeypatch):
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "paper.pdf":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    report = Library(tmp_path / "lib").add([corpus["pdf"].parent])
    assert [(Path(f.path).name, f.reason) for f in report.failed] == [
        ("paper.pdf", "Permission denied")
    ]
    assert len(report.added) == 5


def test_prune_drops_documents_whose_files_are_gone(lib: Library, corpus):
    corpus["epub"].unlink()
    corpus["feed"].unlink()
    report = lib.add([corpus["html"].parent], prune=True)
    assert sorted(report.removed) == sorted(
        [str(corpus["epub"].resolve()), "http://example.org/coffee", "http://example.org/drug"]
    )
    assert lib.search("format:epub").total == 0 and lib.search("format:feed").total == 0
    assert len(lib) == 3


def test_refresh_rechecks_every_source(lib: Library, corpus):
    corpus["latin1"].write_text("A new text that could change things.\n", encoding="utf-8")
    corpus["epub"].unlink()
    report = lib.refresh()
    assert report.updated == [str(corpus["latin1"].resolve())]
    assert [(f.path, "no longer exists" in f.reason) for f in report.failed] == [
        (str(corpus["epub"].resolve()), True)
    ]
    assert len(report.unchanged) == 4  # html, pdf and the two feed entries
    assert lib.get(str(corpus["epub"].resolve())) is not None  # kept without --prune
    pruned = lib.refresh(prune=True)
    assert pruned.removed == [str(corpus["epub"].resolve())] and not pruned.failed


def test_truncated_pdf_and_epub_and_an_empty_page_are_one_line_each(tmp_path: Path, corpus):
    cut = tmp_path / "cut"
    cut.mkdir()
    for name in ("pdf", "epub"):
        data = corpus[name].read_bytes()
        (cut / f"half.{name}").write_bytes(data[: len(data) // 2])
    app_shell = "<html><body><div id=app></div><script>render()</script></body></html>"
    (cut / "empty.html").write_text(app_shell, encoding="utf-8")
    report = Library(tmp_path / "lib").add([cut])
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert reasons["half.pdf"].startswith("corrupt or unreadable PDF (")
    assert reasons["half.epub"] == "corrupt EPUB (not a valid zip archive)"
    assert reasons["empty.html"] == "no readable text in the page"
    assert not report.added


def test_a_change_that_keeps_size_and_mtime_is_still_seen(lib: Library, corpus):
    path = corpus["latin1"]
    stat = path.stat()
    original = path.read_bytes()
    path.write_bytes(original.replace(b"may help", b"can help"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime == stat.st_mtime
    report = lib.add([path])
    assert report.updated == [str(path.resolve())]
    assert "can help" in lib.get(str(path.resolve())).body


def test_a_feed_cannot_overwrite_a_local_document(lib: Library, corpus, tmp_path: Path):
    target = str(corpus["pdf"].resolve())
    hostile = tmp_path / "hostile.rss"
    hostile.write_text(
        rss_feed([{"title": "Gotcha", "link": target, "text": "Replaced text."}]), encoding="utf-8"
    )
    report = lib.add([hostile])
    assert report.added == [f"{hostile.resolve()}#{target}"]
    assert lib.get(target).title == "Statins and memory: a cohort study"


def test_other_files_in_folders_are_passed_over_and_counted(tmp_path: Path, corpus):
    folder = corpus["html"].parent
    (folder / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    (folder / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "table.CSV").write_text("c\n", encoding="utf-8")
    report = Library(tmp_path / "lib").add([folder])
    assert not report.failed and len(report.added) == 6
    assert sorted(Path(p).name for p in report.passed_over) == [
        "data.csv",
        "figure.png",
        "table.CSV",
    ]
    assert report.summary().endswith("; 3 other files passed over (.csv ×2, .png ×1)")


def test_atom_feeds_work_too(tmp_path: Path):
    atom = tmp_path / "journal.atom"
    atom.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Journal</title><id>urn:j</id>
<updated>2024-05-01T00:00:00Z</updated><author><name>Editors</name></author>
<entry><title>Salt intake and blood pressure</title><id>urn:j:1</id>
<link href="https://journal.example/salt"/><updated>2024-05-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;Lower salt &lt;b&gt;may&lt;/b&gt; lower pressure.&lt;/p&gt;</content>
</entry></feed>""",
        encoding="utf-8",
    )
    lib = Library(tmp_path / "lib")
    assert lib.add([atom]).added == ["https://journal.example/salt"]
    doc = lib.get("https://journal.example/salt")
    # the headline leads the entry's text (it is read and analysed too)
    assert doc.body == "Salt intake and blood pressure\n\nLower salt may lower pressure."
    assert doc.summary.author == "Editors"  # the feed's author when the entry has none
    assert doc.summary.date == datetime(2024, 5, 1, tzinfo=timezone.utc)


def test_a_pdf_locked_only_against_editing_is_read(tmp_path: Path, corpus):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(corpus["pdf"]).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    with (tmp_path / "journal.pdf").open("wb") as handle:
        writer.write(handle)
    lib = Library(tmp_path / "lib")
    assert not lib.add([tmp_path / "journal.pdf"]).failed
    doc = lib.get(str((tmp_path / "journal.pdf").resolve()))
    assert doc.title == "Statins and memory"  # no metadata: the first line of page 1
    assert "further studies are needed" in doc.body


def test_a_password_protected_pdf_and_a_drm_epub_say_so(tmp_path: Path, corpus):
    import zipfile

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(corpus["pdf"]).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with (tmp_path / "locked.pdf").open("wb") as handle:
        writer.write(handle)
    drm = tmp_path / "drm.epub"
    with zipfile.ZipFile(corpus["epub"]) as source, zipfile.ZipFile(drm, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("META-INF/encryption.xml", "<encryption/>")
    report = Library(tmp_path / "lib").add([tmp_path / "locked.pdf", drm])
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert reasons == {
        "locked.pdf": "encrypted PDF (needs a password)",
        "drm.epub": "DRM-protected EPUB (its chapters are encrypted)",
    }


def test_markdown_front_matter_gives_title_date_and_author(tmp_path: Path):
    """A note from Obsidian/Jekyll/Hugo: its metadata block is read, not shown as text."""
    (tmp_path / "note.md").write_text(
        "---\n"
        'title: "Statins and memory: a cautious review"\n'
        "date: 2021-03-04\n"
        "author: Dana Reyes\n"
        "tags:\n  - statins\n  - memory\n"
        "---\n\n"
        "## Findings\n\nStatins may slightly affect memory in older adults.\n",
        encoding="utf-8",
    )
    (tmp_path / "odd.md").write_text(
        "---\ndate: sometime in spring\n---\n\nA note that might be undated.\n", encoding="utf-8"
    )
    (tmp_path / "rule.md").write_text(
        "---\n\nJust a rule above a paragraph that may matter.\n", encoding="utf-8"
    )
    lib = Library(tmp_path / "lib")
    report = lib.add([tmp_path])
    assert not report.failed and len(report.added) == 3
    note = lib.get(str((tmp_path / "note.md").resolve()))
    assert note.title == "Statins and memory: a cautious review"
    assert note.summary.author == "Dana Reyes"
    assert note.summary.date.year == 2021 and note.summary.date.month == 3
    assert "title:" not in note.body and "tags:" not in note.body
    assert note.body.startswith("Tags: statins, memory\n\nFindings")  # as plain text
    assert [h.title for h in note.outline] == ["Findings"]
    assert [h.summary.path for h in lib.search("date:2021").hits] == [note.path]
    assert [h.summary.path for h in lib.search("author:reyes").hits] == [note.path]
    odd = lib.get(str((tmp_path / "odd.md").resolve()))
    assert odd.title == "odd" and odd.summary.date.year >= 2024
    rule = lib.get(str((tmp_path / "rule.md").resolve()))
    assert "rule above a paragraph" in rule.body
