"""Where reading comes from: ``add`` with Zotero and OPML lists, ``export-feeds``, and
``refresh --full-text``.

``add`` hands plain paths and URLs to ``Library.add`` as before; an ``.opml`` file among
them is replaced by the feeds it lists, and ``--zotero [DIR]`` adds a Zotero data
folder's attachments with Zotero's metadata. Every unreadable list, dead feed or
missing attachment is one line on stderr; the rest is added.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.ingest import EXIT_OK, EXIT_PARTIAL, finish, progress_display
from reader.library import ZOTERO_FOLDER as DEFAULT_FOLDER
from reader.library import (
    AddReport,
    Feed,
    Library,
    LibraryError,
    expand_lists,
    import_zotero,
    write_opml,
)

EXIT_USAGE = 2


def add_arguments(add: argparse.ArgumentParser) -> None:
    """``add``'s ``--zotero``; its paths become optional when it is given."""
    add.add_argument(
        "--zotero",
        nargs="?",
        const=str(DEFAULT_FOLDER),
        default=None,
        metavar="DIR",
        help="add a Zotero data folder's PDF/HTML/EPUB attachments with their metadata "
        f"(default {DEFAULT_FOLDER})",
    )


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export-feeds",
        parents=[common],
        help="write the library's feeds as an OPML list (for other feed readers)",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write here (default: stdout)"
    )


def add(library: Library, args: argparse.Namespace, error: Any) -> int:
    if not args.paths and args.zotero is None:
        error("add: give a PATH, a URL, an .opml list or --zotero [DIR]")
        return EXIT_USAGE
    max_bytes = int(args.max_size * 1024 * 1024)
    paths, failed = expand_lists(list(args.paths))
    report = AddReport()
    with progress_display("Indexing") as show:
        if paths:
            report = library.add(paths, progress=show, max_bytes=max_bytes, prune=args.prune)
        if args.zotero is not None:
            zotero = import_zotero(
                library, args.zotero, progress=show, max_bytes=max_bytes, prune=args.prune
            )
            _merge(report, zotero)
    report.failed[:0] = failed
    return finish(library, report, error)


def refresh_arguments(refresh: argparse.ArgumentParser) -> None:
    refresh.add_argument(
        "--full-text",
        action="store_true",
        help="fetch the article behind each feed entry not fetched yet (trafilatura)",
    )


def refresh(library: Library, args: argparse.Namespace, error: Any) -> int:
    from reader.library import fetch_articles

    max_bytes = int(args.max_size * 1024 * 1024)
    with progress_display("Refreshing") as show:
        report = library.refresh(progress=show, max_bytes=max_bytes, prune=args.prune)
    if args.full_text:
        with progress_display("Fetching articles") as show:
            articles = fetch_articles(library, progress=show, max_bytes=max_bytes)
        counted = {*report.added, *report.updated}
        fetched = [path for path in articles.updated if path not in counted]
        report.unchanged = [path for path in report.unchanged if path not in set(fetched)]
        report.updated += fetched
        report.failed += articles.failed
    return finish(library, report, error)


def _merge(into: AddReport, other: AddReport) -> None:
    into.added += other.added
    into.updated += other.updated
    into.unchanged += other.unchanged
    into.failed += other.failed
    into.removed += other.removed
    into.passed_over += other.passed_over


def library_feeds(library: Library) -> list[Feed]:
    """Every web feed the library's entries came from, once each, sorted."""
    results = library.search("format:feed", limit=None, snippets=0)
    urls = {hit.summary.source for hit in results.hits if "://" in hit.summary.source}
    return [Feed(url) for url in sorted(urls)]


def export_feeds(library: Library, args: argparse.Namespace, error: Any) -> int:
    if not library.exists():
        raise LibraryError(
            f"{library.path}: no library here (create one with: hedge-reader add PATH...)"
        )
    text = write_opml(library_feeds(library))
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.expanduser().write_text(text, encoding="utf-8")
    except OSError as problem:
        error(f"{args.output}: cannot write ({problem.strerror or problem})")
        return EXIT_PARTIAL
    return EXIT_OK
