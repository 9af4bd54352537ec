"""``compare``: a press release against its source, finding by finding.

RELEASE and SOURCE resolve as ``export``'s DOC does (a library document's path, a file in
any format ``add`` reads, or a URL). ``--jsonl`` compares many short pairs from stdin.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.exit_codes import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from reader.cli.inputs import error, run_jsonl
from reader.safe_text import printable

if TYPE_CHECKING:  # the parser is built on every run: the comparing code loads when used
    from rich.table import Table
    from rich.text import Text

    from reader.comparing import Comparison, Origin, Side

VERDICT_STYLES = {"exaggerates": "bold reverse red", "downplays": "bold underline", "same": "dim"}


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``compare`` subcommand (called by ``reader.cli.main``)."""
    parser = sub.add_parser(
        "compare",
        parents=[common],
        help="where a press release claims more (or less) than its source",
        description="Pair each finding of RELEASE with the sentence of SOURCE that matches it "
        "best and say whether the release states it the same, exaggerates or downplays it, "
        "and why. RELEASE and SOURCE are library documents (their paths), files or URLs. "
        'With --jsonl, read {"id", "release", "source"} lines on stdin instead.',
    )
    parser.add_argument("release", nargs="?", metavar="RELEASE")
    parser.add_argument("source", nargs="?", metavar="SOURCE")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the pairs as JSON")
    output.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id", "release", "source"} lines on stdin, write a verdict per line',
    )
    parser.add_argument("--html", metavar="FILE", type=Path, help="write a fact-check note (HTML)")
    parser.add_argument(
        "--markdown", metavar="FILE", type=Path, help="write a fact-check note (Markdown)"
    )


def run(args: argparse.Namespace) -> int:
    if args.jsonl:
        if args.release or args.source:
            error("compare --jsonl reads stdin; give no RELEASE or SOURCE")
            return EXIT_USAGE
        return _jsonl()
    if not args.release or not args.source:
        error("compare needs a RELEASE and a SOURCE (or --jsonl)")
        return EXIT_USAGE
    from rich.console import Console

    from reader.cli.tools import find_document
    from reader.comparing import CompareError, Origin, compare_texts, render_comparison
    from reader.library import IngestError, default_library_path

    library = getattr(args, "library", None) or default_library_path()
    sides: list[tuple[Origin, str]] = []
    for name in (args.release, args.source):
        try:
            path, title, body, _ = find_document(name, library)
        except IngestError as failure:
            error(str(failure))
            return EXIT_PARTIAL
        sides.append((Origin(title, path), body))
    (release, release_text), (source, source_text) = sides
    try:
        comparison = compare_texts(release_text, source_text)
    except CompareError as failure:
        error(f"cannot compare {args.release} with {args.source}: {failure}")
        return EXIT_PARTIAL
    for fmt, target in (("html", args.html), ("md", args.markdown)):
        if target is not None and not _write(
            target, render_comparison(comparison, fmt, release, source)
        ):
            return EXIT_PARTIAL
    if args.json:
        sys.stdout.write(render_comparison(comparison, "json", release, source))
    elif args.html is None and args.markdown is None:
        Console(highlight=False, soft_wrap=False).print(table(comparison, release, source))
    return EXIT_OK


def _write(target: Path, text: str) -> bool:
    try:
        target.expanduser().write_text(text, encoding="utf-8")
    except OSError as failure:
        error(f"{target}: {failure.strerror or failure}")
        return False
    sys.stderr.write(f"Wrote {printable(str(target))}\n")
    return True


def _marked(side: Side) -> Text:
    from rich.text import Text

    from reader.cli.render import CATEGORY_STYLES
    from reader.hedging.claims import LABEL_NAMES

    text = Text(printable(side.text))
    for hedge in side.hedges:
        text.stylize(
            CATEGORY_STYLES.get(hedge.category, "underline"),
            hedge.start - side.start,
            hedge.end - side.start,
        )
    text.append(f"\n{LABEL_NAMES[side.label]}", style="dim italic")
    return text


def table(comparison: Comparison, release: Origin, source: Origin) -> Table:
    """Pairs as rows: release sentence, source sentence, score, verdict and reasons."""
    from rich.table import Table
    from rich.text import Text

    title = Text(f"{printable(release.title)}  vs  {printable(source.title)}\n", style="bold")
    title.append(f"verdict: {comparison.verdict} · {comparison.summary()}", style="not bold")
    grid = Table(title=title, show_lines=True)
    grid.add_column("#", justify="right", style="dim")
    grid.add_column("Release", ratio=3)
    grid.add_column("Source", ratio=3)
    grid.add_column("Score", justify="right", style="dim")
    grid.add_column("Verdict", ratio=2)
    for number, pair in enumerate(comparison.pairs, 1):
        verdict = Text(pair.verdict, style=VERDICT_STYLES[pair.verdict])
        for reason in pair.reasons:
            verdict.append(f"\n{printable(reason)}", style="default")
        grid.add_row(
            str(number), _marked(pair.release), _marked(pair.source), f"{pair.score:.2f}", verdict
        )
    return grid


def _jsonl() -> int:
    # a blank line holds no pair to compare
    blank = {"id": None, "error": 'empty line: expected {"id", "release", "source"}'}
    return run_jsonl(("release", "source"), _verdict, blank)


def _verdict(item: dict[str, Any], number: int) -> dict[str, Any]:
    """One pair of short texts -> its verdict and both sides' strengths, or an error."""
    from reader.comparing import CompareError, compare_claims

    try:
        verdict, release_strength, source_strength = compare_claims(item["release"], item["source"])
    except CompareError as failure:
        return {"error": f"line {number}: {failure}"}
    return {
        "verdict": verdict,
        "release_strength": release_strength,
        "source_strength": source_strength,
    }
