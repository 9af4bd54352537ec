"""``hedge-reader stats [--json]``: the library at a glance, as bars in the terminal.

The same figures as the app's Library view (``reader.library.stats``), drawn with Rich;
``--json`` prints them with each bar's search, for scripts.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.library import (
    EXTRA_FIGURES,
    Bar,
    LibraryStats,
    Ranked,
    bar_text,
    library_stats,
)
from reader.safe_text import printable

BAR_WIDTH = 30


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    stats = sub.add_parser(
        "stats",
        parents=[common],
        help="the library at a glance: hedge density, sources, months, most hedged",
    )
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(library: Any, args: argparse.Namespace) -> int:
    stats = library_stats(library)
    if args.json:
        print(json.dumps(stats.to_json(), default=str))
        return 0
    console = Console(highlight=False, soft_wrap=False)
    for number, part in enumerate(renderables(stats)):
        if number:
            console.print()
        console.print(part)
    return 0


def renderables(stats: LibraryStats) -> list[Any]:
    """The summary line, each chart as a table, the ranked lists."""
    parts: list[Any] = [
        Text(
            f"{stats.documents:,} document{'' if stats.documents == 1 else 's'} · "
            f"{stats.words:,} words · "
            f"{stats.hedges_per_1k:.1f} hedges and {stats.boosters_per_1k:.1f} boosters "
            "per 1,000 words"
        )
    ]
    if not stats.documents:
        return parts
    parts.append(chart("Hedges per 1,000 words (documents)", stats.histogram, []))
    parts.append(chart("Formats", stats.formats, stats.extras, figures=True))
    parts.append(chart("Sources", stats.sources, stats.extras, figures=True))
    if stats.months:
        parts.append(chart("Months (date written)", stats.months, []))
    parts.append(ranked("Most hedged (per 1,000 words)", stats.most_hedged))
    if stats.most_boosted:
        parts.append(ranked("Most boosted (per 1,000 words)", stats.most_boosted))
    return parts


def chart(title: str, bars: list[Bar], extras: list[str], figures: bool = False) -> Table:
    table = Table(title=title, title_justify="left", box=None, pad_edge=False)
    table.add_column("", no_wrap=True, max_width=44)
    table.add_column("", no_wrap=True)
    table.add_column("docs", justify="right")
    if figures:
        table.add_column("hedges", justify="right")
        table.add_column("boosters", justify="right")
        for name in extras:
            table.add_column(EXTRA_FIGURES[name], justify="right")
    largest = max((bar.count for bar in bars), default=0) or 1
    for bar in bars:
        cells: list[Any] = [
            Text(printable(bar.label)),
            Text(bar_text(bar.count, largest, BAR_WIDTH)),
            f"{bar.count:,}",
        ]
        if figures:
            cells += [f"{bar.hedges:.1f}", f"{bar.boosters:.1f}"]
            cells += [_share(bar.extra.get(name)) for name in extras]
        table.add_row(*cells)
    return table


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def ranked(title: str, items: list[Ranked]) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        box=None,
        pad_edge=False,
        show_header=False,
        min_width=len(title),
    )
    table.add_column("", justify="right")
    table.add_column("", no_wrap=True, max_width=70)
    for item in items:
        table.add_row(f"{item.value:.1f}", Text(printable(item.title)))
    return table
