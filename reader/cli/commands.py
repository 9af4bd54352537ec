"""One function per subcommand: arguments in, exit status out."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console

from reader.cli.claims import profile_dict
from reader.cli.exit_codes import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from reader.cli.inputs import error, read_text, run_jsonl
from reader.hedging import find_hedges, profile
from reader.library import (
    DocumentSummary,
    Library,
    LibraryError,
    default_library_path,
)
from reader.safe_text import printable


def _library(args: argparse.Namespace) -> Library:
    """The library, counting the user's own phrases (config file) in its figures."""
    from reader.config import load_config

    path = getattr(args, "library", None) or default_library_path()
    return Library(path, phrases=load_config().phrases)


def _with_current_figures(library: Library) -> Library:
    """Figures made by another analysis (a new detector, changed phrases) made again
    first, with progress on stderr, so what is printed is what the reader shows."""
    if library.stale():
        from reader.cli.ingest import progress_display

        with progress_display("Updating figures") as show:
            library.reanalyse(progress=show)
    return library


def _existing_library(args: argparse.Namespace) -> Library:
    """The library to read from; a mistyped ``--library`` is an error, not an empty result."""
    library = _library(args)
    if not library.exists():
        raise LibraryError(
            f"{library.path}: no library here (create one with: hedge-reader add PATH...)"
        )
    return library


def _config() -> Any:
    """The config file, checked as the app checks it (the same mistakes refused, exit 2)."""
    from reader.tui.settings import load_checked_config

    return load_checked_config()


def _stdout(color: str = "auto") -> Console:
    """stdout; ``color`` auto: styled on a terminal only, always: also into a pipe, never."""
    if color == "always":
        return Console(highlight=False, soft_wrap=False, force_terminal=True)
    if color == "never":
        return Console(highlight=False, soft_wrap=False, force_terminal=False, no_color=True)
    return Console(highlight=False, soft_wrap=False)


def run_app(args: argparse.Namespace) -> int:
    from reader.tui import NoTerminal, run

    try:
        return run(getattr(args, "library", None) or default_library_path())
    except NoTerminal as problem:
        error(str(problem))
        return EXIT_USAGE


def add(args: argparse.Namespace) -> int:
    from reader.cli.sources import add as run_add

    return run_add(_library(args), args, error)


def stats(args: argparse.Namespace) -> int:
    from reader.cli.stats import run

    return run(_existing_library(args), args)


def export_feeds(args: argparse.Namespace) -> int:
    from reader.cli.sources import export_feeds as run_export

    return run_export(_library(args), args, error)


def refresh(args: argparse.Namespace) -> int:
    from reader.cli.sources import refresh as run_refresh

    return run_refresh(_library(args), args, error)


def search(args: argparse.Namespace) -> int:
    library = _with_current_figures(_existing_library(args))
    results = library.search(args.query, limit=args.limit, sort=args.sort, reverse=args.reverse)
    if args.json:
        payload = {
            "query": results.query,
            "total": results.total,
            "results": [
                {
                    **_summary_dict(hit.summary),  # the fields ``list --json`` has
                    "score": round(hit.score, 4),
                    "snippet": hit.snippet.text,
                }
                for hit in results.hits
            ],
            "suggestions": list(results.suggestions),
        }
        print(json.dumps(payload))
    elif results.hits:
        from reader.cli.render import results_table

        _stdout(args.color).print(results_table(results))
    else:
        print(f"No documents match {printable(results.query)!r}.")
    if results.suggestions:
        error(f"nothing matches {results.query!r}; did you mean: {results.suggestions[0]}?")
    # as grep: 1 when nothing matched, so scripts can tell (a bad query is 2)
    return EXIT_OK if results.total else EXIT_PARTIAL


def hedges(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _hedges_jsonl(args.scheme)
    name = args.file
    text = read_text(name)
    if text is None:
        return EXIT_PARTIAL
    found = find_hedges(text, scheme=args.scheme, extra=_config().phrases)
    figures = profile(text, found)
    if args.json:
        payload = {
            "path": name,
            "hedges": [hedge.to_dict() for hedge in found],
            "summary": figures.to_dict(),
        }
        print(json.dumps(payload))
    else:
        from reader.cli.render import marked_text, profile_line

        console = _stdout(args.color)
        console.print(marked_text(text, found))
        console.rule()
        console.print(profile_line(figures))
    return EXIT_OK


def _hedges_jsonl(scheme: str = "reader") -> int:
    extra = _config().phrases

    def marked(item: dict[str, Any], _number: int) -> dict[str, Any]:
        found = find_hedges(item["text"], scheme=scheme, extra=extra)
        return {"hedges": [hedge.to_dict() for hedge in found]}

    # a blank line has nothing to mark
    return run_jsonl(("text",), marked, {"id": None, "hedges": []})


def list_documents(args: argparse.Namespace) -> int:
    library = _with_current_figures(_existing_library(args))
    documents = library.documents(sort=args.sort, reverse=args.reverse)
    if args.json:
        print(json.dumps({"documents": [_summary_dict(doc) for doc in documents]}))
    else:
        from reader.cli.render import documents_table

        _stdout().print(documents_table(documents))
    return EXIT_OK


def _summary_dict(doc: DocumentSummary) -> dict[str, Any]:
    return {
        "path": doc.path,
        "title": doc.title,
        "format": doc.format,
        "date": doc.date.isoformat(),
        "added": doc.added.isoformat(),
        "words": doc.words,
        "hedges": doc.hedges,
        "boosters": doc.boosters,
        "hedges_per_1k": round(doc.hedges_per_1k, 2),
        "boosters_per_1k": round(doc.boosters_per_1k, 2),
        "hedged_share": round(doc.hedged_share, 4),
        "by_category": doc.by_category,
        "author": doc.author,
        "source": doc.source,
        "claims": profile_dict(doc.claims),
    }


def remove(args: argparse.Namespace) -> int:
    library = _existing_library(args)
    removed: list[str] = []
    status = EXIT_OK
    for path in args.paths:
        gone = library.remove([path])
        if not gone:
            error(f"{path}: not in the library")
            status = EXIT_PARTIAL
        removed.extend(gone)
    print(f"{len(removed)} removed ({len(library)} documents in {library.path})")
    return status
