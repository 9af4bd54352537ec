"""``refresh --full-text``: feed entries that carry only a summary get their article.

Each feed entry not fetched yet is fetched from its link (as any URL: timeouts, size cap,
content-type check) and read as what it is, a web page through trafilatura or a PDF;
when that gives more words than the feed did, the article replaces the entry's text
(hedge figures counted again) and the entry stays filed under its feed. The entry keeps
its feed hash, so the next refresh sees it unchanged and does not fetch it again; an
entry the feed changes is read from the feed again, and fetched again. A page that
cannot be fetched is one line; its entry keeps the summary and is tried next time.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from reader.library.formats import parse
from reader.library.formats.base import is_url
from reader.library.ingest import MAX_FILE_BYTES, IngestError
from reader.library.library import AddProgress, AddReport, Library
from reader.library.loader import _fetch

#: Pages fetched at once: a few, to be kind to sites and to this machine.
PARALLEL = 4


@dataclass(frozen=True, slots=True)
class Article:
    path: str
    body: str
    outline: tuple


def pending(library: Library) -> list[tuple[str, int]]:
    """(link, words) of every web feed entry whose article was never fetched."""
    return [
        (fields["path"], int(fields.get("words") or 0))
        for fields in library.stored_fields()
        if fields.get("format") == "feed" and is_url(fields["path"]) and not fields.get("full_text")
    ]


def fetch_articles(
    library: Library,
    *,
    progress: Callable[[AddProgress], None] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> AddReport:
    """Fetch and file the articles of pending entries: updated ones and failures."""
    report = AddReport()
    entries = pending(library)
    done = 0

    def one(entry: tuple[str, int]) -> Article | IngestError | None:
        link, words = entry
        try:
            raw = _fetch(link, max_bytes)
            documents = parse(raw)
        except IngestError as error:
            return IngestError(link, f"full text not fetched: {error.reason}")
        page = documents[0] if len(documents) == 1 and documents[0].format != "feed" else None
        if page is None or len(page.body.split()) <= words:
            return None  # the feed's text was as long: it is kept, and not fetched again
        return Article(link, page.body, page.outline)

    articles: dict[str, tuple[str, tuple] | None] = {}
    with ThreadPoolExecutor(PARALLEL) as pool:
        for entry, outcome in zip(entries, pool.map(one, entries), strict=True):
            done += 1
            if progress is not None:
                progress(AddProgress(done, len(entries), entry[0]))
            if isinstance(outcome, IngestError):
                report.failed.append(outcome)
            elif outcome is None:
                articles[entry[0]] = None
            else:
                articles[outcome.path] = (outcome.body, outcome.outline)
    if articles:
        report.updated.extend(library.set_texts(articles))
    return report
