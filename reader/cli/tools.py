"""``export`` and ``serve``: getting documents and the app out of the terminal."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

from reader.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from reader.cli.inputs import error as _error
from reader.export import FORMATS, MarkedDocument, analyse, render
from reader.library import IngestError, Library, default_library_path, read_document
from reader.safe_text import printable

NO_AUTH_WARNING = (
    "hedge-reader serve has no authentication: anyone who can reach this address can use "
    "the app and read your library."
)


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``export`` and ``serve`` subcommands (called by ``reader.cli.main``)."""
    export = sub.add_parser(
        "export",
        parents=[common],
        help="write a document with its marks, legend and figures (html, md, json)",
        description="Write a document with its hedges and boosters marked, a legend with "
        "counts per category and a summary. DOC is a document in the library (its path) or "
        "any .txt/.md file, analysed directly. Your own phrases from the config file are "
        "marked too.",
    )
    export.add_argument("doc", metavar="DOC", help="a library document's path, or a file")
    export.add_argument("--format", choices=list(FORMATS), default="html")
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write here (default: stdout)"
    )

    serve = sub.add_parser(
        "serve",
        parents=[common],
        help="serve the app to a web browser (no authentication)",
        description="Serve the reader to a web browser with textual-serve. "
        + NO_AUTH_WARNING
        + " It listens on 127.0.0.1 (this machine only) unless you pass --host.",
    )
    serve.add_argument("--port", type=_port, default=8000, metavar="N", help="default 8000")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="H",
        help="address to listen on (default 127.0.0.1; 0.0.0.0 exposes it to the network)",
    )


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535: {value!r}")
    return number


def _library_path(args: argparse.Namespace) -> Path:
    return getattr(args, "library", None) or default_library_path()


def find_document(doc: str, library_path: Path) -> tuple[str, str, str, tuple[Any, ...]]:
    """(path, title, body, outline) from the library, else read from the file (any format
    ``add`` reads) or URL itself.

    Raises ``IngestError`` when it is in neither (or the file cannot be read).
    """
    target = Path(doc).expanduser()
    library = Library(library_path)
    try:
        if library.exists():
            for key in dict.fromkeys((str(target.resolve()), doc)):
                found = library.get(key)
                if found is not None:
                    return found.path, found.title, found.body, tuple(found.outline)
    finally:
        library.close()
    parsed = read_document(doc)
    return parsed.path, parsed.title, parsed.body, parsed.outline


def export(args: argparse.Namespace) -> int:
    from reader.tui.settings import load_checked_config

    config = load_checked_config()
    try:
        path, title, body, outline = find_document(args.doc, _library_path(args))
    except IngestError as failure:
        _error(str(failure))
        return EXIT_PARTIAL
    document: MarkedDocument = analyse(path, title, body, outline, extra=config.phrases)
    text = render(document, args.format)
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    try:
        args.output.expanduser().write_text(text, encoding="utf-8")
    except OSError as failure:
        _error(f"{args.output}: {failure.strerror or failure}")
        return EXIT_PARTIAL
    sys.stderr.write(
        f"Wrote {printable(str(args.output))} ({len(document.hedges)} marks, {args.format})\n"
    )
    return EXIT_OK


def serve_command(library_path: Path) -> str:
    """The shell command textual-serve runs for each browser session."""
    return shlex.join([sys.executable, "-m", "reader", "--library", str(library_path)])


def build_server(args: argparse.Namespace) -> Any:
    """A textual-serve ``Server`` for the app on this library (not started)."""
    from reader.cli.serving import ReaderServer

    return ReaderServer(
        serve_command(_library_path(args)),
        host=args.host,
        port=args.port,
        title="Hedge Reader",
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(args: argparse.Namespace) -> int:
    from reader.tui.settings import load_checked_config

    load_checked_config()  # a broken config fails here, once, not in every browser session
    server = build_server(args)
    sys.stderr.write(f"Serving Hedge Reader at http://{args.host}:{args.port}  (Ctrl+C stops)\n")
    sys.stderr.write(NO_AUTH_WARNING + "\n")
    if not _is_loopback(args.host):
        sys.stderr.write(
            f"Warning: {printable(args.host)} is not this machine only; other computers "
            "on the network can open the app.\n"
        )
    sys.stderr.flush()
    server.serve()
    return EXIT_OK
