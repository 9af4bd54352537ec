"""Builders for one small file of each format, and broken variants, written in the test.

Shared by the ingest tests and ``benchmarks/bench_ingest.py``; nothing is downloaded.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

PARAGRAPHS = [
    "Early results suggest that the vaccine may reduce relapse in some patients.",
    "The effect appears modest, and it is possible that the benefit is smaller.",
    "Further studies are needed before any firm conclusion can be drawn.",
]


def article_html(
    title: str = "Vaccine may reduce relapse",
    author: str = "Jane Doe",
    date: str = "2024-03-05",
    paragraphs: list[str] | None = None,
) -> str:
    """A news page: navigation, an article with a heading, comments and a footer."""
    paragraphs = paragraphs or PARAGRAPHS
    body = "".join(f"<p>{html.escape(p)} {html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)} | Health News</title>
<meta name="author" content="{html.escape(author)}">
<meta property="article:published_time" content="{date}T09:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/about">About us</a> | Subscribe now</nav>
<div class="ad">BUY MIRACLE PILLS TODAY</div>
<article><h1>{html.escape(title)}</h1>{body}
<h2>What it means</h2><p>{html.escape(paragraphs[-1])} Researchers were cautious.</p></article>
<section id="comments"><p>Comment: first!</p></section>
<footer>Copyright 2024 Health News. All rights reserved.</footer></body></html>"""


def write_pdf(path: Path, pages: list[str], title: str = "", author: str = "") -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(datetime(2023, 6, 1, 12, 0, tzinfo=timezone.utc))
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path


def write_epub(
    path: Path,
    chapters: list[tuple[str, str]],
    title: str = "Doubt in Medicine",
    author: str = "A. Author",
) -> Path:
    """An EPUB whose chapters are ``(title, paragraph text)``, in this order."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("test-book")
    book.set_title(title)
    book.set_language("en")
    book.add_author(author)
    book.add_metadata("DC", "date", "2022-09-01")
    items = []
    for number, (heading, text) in enumerate(chapters, 1):
        item = epub.EpubHtml(title=heading, file_name=f"chap{number}.xhtml", lang="en")
        item.content = (
            f"<html><body><h1>{html.escape(heading)}</h1>"
            f"<p>{html.escape(text)}</p><script>var x = '<p>not text</p>';</script>"
            "</body></html>"
        )
        book.add_item(item)
        items.append(item)
    book.toc = tuple(items)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    epub.write_epub(str(path), book)
    return path


def rss_feed(items: list[dict[str, str]], title: str = "Health News") -> str:
    """An RSS 2.0 feed; each item has title, link, text and optionally author and date."""
    entries = []
    for item in items:
        date = datetime.fromisoformat(item.get("date", "2024-04-01T08:00:00+00:00"))
        entries.append(
            f"<item><title>{html.escape(item['title'])}</title>"
            f"<link>{html.escape(item['link'])}</link>"
            f"<guid>{html.escape(item['link'])}</guid>"
            f"<author>{html.escape(item.get('author', 'desk@example.org (News Desk)'))}</author>"
            f"<pubDate>{format_datetime(date)}</pubDate>"
            f"<description>{html.escape('<p>' + item['text'] + '</p>')}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.org/</link>"
        f"<description>News</description>{''.join(entries)}</channel></rss>"
    )


FEED_ITEMS = [
    {
        "title": "Coffee may protect the liver",
        "link": "http://example.org/coffee",
        "text": "A study suggests coffee might protect the liver.",
        "author": "ana@example.org (Ana Ruiz)",
        "date": "2024-04-02T10:00:00+00:00",
    },
    {
        "title": "Breakthrough drug proves effective",
        "link": "http://example.org/drug",
        "text": "This breakthrough proves the drug works, the company says.",
    },
]


def write_corpus(folder: Path) -> dict[str, Path]:
    """One good file of each format, a latin-1 text, and a broken variant of each."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "html": folder / "article.html",
        "pdf": folder / "paper.pdf",
        "epub": folder / "book.epub",
        "feed": folder / "news.rss",
        "latin1": folder / "latin1.txt",
    }
    files["html"].write_text(article_html(), encoding="utf-8")
    write_pdf(
        files["pdf"],
        [
            "Statins and memory\n\nWe found that statins may be associated with memory loss.",
            "Limitations\n\nThe sample was small; further studies are needed.",
            "Conclusion\n\nThe evidence is suggestive but not conclusive.",
        ],
        title="Statins and memory: a cohort study",
        author="R. Chen",
    )
    write_epub(
        files["epub"],
        [
            ("Chapter One: Uncertainty", "Doctors may disagree, and that is normal."),
            ("Chapter Two: Certainty", "Nothing proves a cure beyond doubt."),
        ],
    )
    files["feed"].write_text(rss_feed(FEED_ITEMS), encoding="utf-8")
    files["latin1"].write_bytes("Café crème may help the naïve reader.\n".encode("latin-1"))
    return files


def write_broken(folder: Path) -> dict[str, Path]:
    """A damaged file of each format, each with the right suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "pdf": folder / "broken.pdf",
        "epub": folder / "broken.epub",
        "html": folder / "broken.html",
        "feed": folder / "broken.rss",
        "binary": folder / "photo.txt",
    }
    files["pdf"].write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%")
    files["epub"].write_bytes(b"PK\x03\x04mimetypeapplication/epub+zip" + bytes(64))
    files["html"].write_bytes(b"\x00\x01\x02\xff\xfe<html>" + bytes(300))
    files["feed"].write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Cut off', encoding="utf-8"
    )
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    return files
