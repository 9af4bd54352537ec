"""Argument parsing and dispatch; each subcommand lives in ``reader.cli.commands``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.cli.exit_codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from reader.hedging import SCHEMES
from reader.library import SORTS, LibraryError, QueryError

#: ``--color``: styles on a terminal only (auto), always (for ``less -R``), or never.
_COLOR: dict = {
    "choices": ["auto", "always", "never"],
    "default": "auto",
    "help": "colour and styles: auto (on a terminal), always (pipes, less -R), never",
}


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help="library folder (default: $HEDGE_READER_LIBRARY or the user data dir)",
    )
    parser = argparse.ArgumentParser(
        prog="hedge-reader",
        description="Read science and health writing with every hedge marked.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"hedge-reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from reader.cli import sources

    sizing = argparse.ArgumentParser(add_help=False)
    sizing.add_argument(
        "--max-size",
        type=_positive_float,
        default=50.0,
        metavar="MB",
        help="refuse files and downloads larger than this many megabytes (default 50)",
    )
    add = sub.add_parser(
        "add",
        parents=[common, sizing],
        help="index files, folders and URLs (txt, md, html, pdf, epub, RSS/Atom feeds)",
    )
    add.add_argument("paths", nargs="*", metavar="PATH|URL")
    add.add_argument(
        "--prune", action="store_true", help="drop documents whose files under PATH are gone"
    )
    sources.add_arguments(add)
    refresh = sub.add_parser(
        "refresh",
        parents=[common, sizing],
        help="re-check every file, page and feed in the library and index what changed",
    )
    refresh.add_argument("--prune", action="store_true", help="drop documents whose files are gone")
    sources.refresh_arguments(refresh)

    search = sub.add_parser("search", parents=[common], help="search the library")
    search.add_argument("query", metavar="QUERY", help="keywords in Whoosh query syntax")
    search.add_argument("--limit", type=_positive_int, default=10, metavar="N")
    search.add_argument("--sort", choices=list(SORTS), default="relevance")
    search.add_argument("--json", action="store_true", help="print results as JSON")
    search.add_argument(
        "--reverse", action="store_true", help="turn the sort round (oldest, fewest first)"
    )
    search.add_argument("--color", **_COLOR)

    hedges = sub.add_parser("hedges", parents=[common], help="mark the hedges in a text")
    hedges.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    hedges.add_argument(
        "--scheme",
        choices=list(SCHEMES),
        default="reader",
        help="reader (what the app marks, the default) or bioscope (the CoNLL-2010 convention)",
    )
    output = hedges.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print spans and a summary as JSON")
    output.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id", "text"} lines on stdin, write one result line for each',
    )
    hedges.add_argument("--color", **_COLOR)

    listing = sub.add_parser("list", parents=[common], help="list the library's documents")
    listing.add_argument("--sort", choices=list(SORTS), default="date")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.add_argument(
        "--reverse", action="store_true", help="turn the sort round (oldest, fewest first)"
    )

    remove = sub.add_parser("remove", parents=[common], help="drop documents from the library")
    remove.add_argument("paths", nargs="+", metavar="PATH")

    from reader.cli import claims, compare, tools

    claims.add_parser(sub, common)
    tools.add_parsers(sub, common)
    compare.add_parser(sub, common)
    sources.add_parsers(sub, common)
    from reader.cli import stats

    stats.add_parser(sub, common)
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number < 1e9:
        raise argparse.ArgumentTypeError(f"must be more than 0 and finite: {value!r}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from reader.cli import claims, commands, compare, tools
    from reader.config import ConfigError

    handler = {
        None: commands.run_app,
        "add": commands.add,
        "refresh": commands.refresh,
        "search": commands.search,
        "hedges": commands.hedges,
        "claims": claims.run,
        "list": commands.list_documents,
        "remove": commands.remove,
        "export": tools.export,
        "serve": tools.serve,
        "compare": compare.run,
        "export-feeds": commands.export_feeds,
        "stats": commands.stats,
    }[args.command]
    try:
        return handler(args)
    except ConfigError as error:
        commands.error(str(error))
        return EXIT_USAGE
    except QueryError as error:
        commands.error(str(error))
        return EXIT_USAGE
    except LibraryError as error:
        commands.error(str(error))
        return EXIT_PARTIAL
    except KeyboardInterrupt:
        commands.error("interrupted; the library keeps what was saved")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
