"""URLs and feed URLs, served from 127.0.0.1 only: fetched with limits, then read as
whatever they turn out to be; every way a server can fail is one line."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from werkzeug import Request, Response

from reader.library import Library
from reader.library.formats import fetch as fetch_module
from tests.format_fixtures import FEED_ITEMS, article_html, rss_feed, write_epub, write_pdf


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib")
    yield library
    library.close()


def test_an_article_url_is_fetched_and_read_as_html(httpserver, lib: Library):
    httpserver.expect_request("/news/vaccine").respond_with_data(
        article_html(), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/news/vaccine")
    report = lib.add([url])
    assert report.added == [url]
    doc = lib.get(url)
    assert doc is not None and doc.summary.format == "html"
    assert doc.title == "Vaccine may reduce relapse" and doc.summary.author == "Jane Doe"
    assert doc.summary.source == url
    assert "MIRACLE PILLS" not in doc.body
    assert lib.add([url]).unchanged == [url]  # same bytes: skipped by hash


def test_redirects_are_followed_and_the_type_is_sniffed(httpserver, lib: Library, tmp_path):
    pdf = write_pdf(tmp_path / "p.pdf", ["Masks\n\nMasks may reduce spread."], title="Masks")
    epub = write_epub(tmp_path / "b.epub", [("One", "It might rain.")], title="Weather")
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/paper")}
    )
    httpserver.expect_request("/paper").respond_with_data(
        pdf.read_bytes(), content_type="application/octet-stream"
    )
    httpserver.expect_request("/book").respond_with_data(
        epub.read_bytes(), content_type="application/epub+zip"
    )
    report = lib.add([httpserver.url_for("/old"), httpserver.url_for("/book")])
    assert not report.failed, [str(f) for f in report.failed]
    assert lib.get(httpserver.url_for("/old")).title == "Masks"
    assert lib.get(httpserver.url_for("/book")).summary.format == "epub"


def test_a_feed_url_adds_its_entries_once_and_refresh_picks_up_new_ones(httpserver, lib):
    feed = httpserver.url_for("/feed.xml")
    items = list(FEED_ITEMS)
    httpserver.expect_request("/feed.xml").respond_with_handler(
        lambda request: Response(rss_feed(items), content_type="application/rss+xml")
    )
    first = lib.add([feed])
    assert sorted(first.added) == ["http://example.org/coffee", "http://example.org/drug"]
    assert lib.get("http://example.org/coffee").summary.source == feed
    assert lib.add([feed]).added == []  # no duplicates on the next run
    items.append({"title": "New", "link": "http://example.org/new", "text": "It may help."})
    refreshed = lib.refresh()
    assert refreshed.added == ["http://example.org/new"]
    assert len(refreshed.unchanged) == 2
    assert len(lib) == 3
    assert lib.sources() == ([], [feed])


def test_dead_urls_and_bad_answers_are_one_line_each(httpserver, lib: Library):
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    httpserver.expect_request("/image").respond_with_data(b"\x89PNG", content_type="image/png")
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    httpserver.expect_request("/huge").respond_with_data("x" * 5000, content_type="text/plain")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/article"
    urls = {name: httpserver.url_for(f"/{name}") for name in ("gone", "image", "loop", "huge")}
    report = lib.add([*urls.values(), closed], max_bytes=1000)
    reasons = {f.path: f.reason for f in report.failed}
    assert reasons[urls["gone"]] == "HTTP 404 NOT FOUND"
    assert "unsupported content type 'image/png'" in reasons[urls["image"]]
    assert "too many redirects" in reasons[urls["loop"]]
    assert "limit" in reasons[urls["huge"]]
    assert "could not connect" in reasons[closed]
    assert all("\n" not in str(f) for f in report.failed)
    assert len(lib) == 0


def test_a_url_of_another_scheme_is_named_as_such(lib: Library):
    """``ftp://host/x`` used to be read as a path (``ftp:/host/x: no such file``)."""
    report = lib.add(["ftp://example.org/paper.pdf"])
    (failure,) = report.failed
    assert str(failure.path) == "ftp://example.org/paper.pdf"
    assert "unsupported URL scheme ftp://" in failure.reason


def test_a_slow_server_times_out(httpserver, lib: Library, monkeypatch):
    import httpx

    monkeypatch.setattr(fetch_module, "TIMEOUT", httpx.Timeout(0.5))

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(article_html(), content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    httpserver.expect_request("/fast").respond_with_data(article_html(), content_type="text/html")
    report = lib.add([httpserver.url_for("/fast"), httpserver.url_for("/slow")])
    assert [(f.path, f.reason) for f in report.failed] == [
        (httpserver.url_for("/slow"), "timed out (no answer within 0.5 s)")
    ]
    assert report.added == [httpserver.url_for("/fast")]


def test_a_page_whose_bytes_change_but_text_does_not_is_unchanged(httpserver, lib: Library):
    visits = []

    def page(request: Request) -> Response:
        visits.append(1)
        token = f"<script>var token = {len(visits)};</script>"
        return Response(
            article_html().replace("</body>", token + "</body>"), content_type="text/html"
        )

    httpserver.expect_request("/page").respond_with_handler(page)
    url = httpserver.url_for("/page")
    assert lib.add([url]).added == [url]
    again = lib.refresh()
    assert again.unchanged == [url] and not again.updated
    assert len(visits) == 2
