"""Rich renderables for the CLI: documents with hedges marked, result tables.

All document text goes through ``printable`` and into ``Text`` objects, never markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from reader.hedging import CATEGORIES, Hedge, HedgeProfile
from reader.library import DocumentSummary, SearchResults
from reader.safe_text import printable

#: One style per category; each differs in more than colour so NO_COLOR still tells them apart.
CATEGORY_STYLES: dict[str, str] = {
    "modal": "underline yellow",
    "epistemic": "italic underline cyan",
    "probability": "underline magenta",
    "approximator": "underline dim",
    "tentative": "bold underline blue",
    "attribution": "italic bold green",
    "booster": "reverse bold red",
}
HIT_STYLE = "reverse"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def marked_text(text: str, hedges: list[Hedge]) -> Text:
    rendered = Text(printable(text))
    for hedge in hedges:
        rendered.stylize(CATEGORY_STYLES.get(hedge.category, "underline"), hedge.start, hedge.end)
    return rendered


def profile_line(figures: HedgeProfile) -> Text:
    parts = [
        f"{figures.words:,} words",
        f"{_plural(figures.hedges, 'hedge')} ({figures.hedges_per_1k:.1f} per 1,000 words)",
        f"{_plural(figures.boosters, 'booster')} ({figures.boosters_per_1k:.1f} per 1,000 words)",
        f"{figures.hedged_share:.0%} of sentences hedged",
    ]
    line = Text(" · ".join(parts), style="bold")
    if figures.by_category:
        line.append("\n")
        for category in CATEGORIES:
            count = figures.by_category.get(category)
            if count:
                line.append(category, style=CATEGORY_STYLES[category])
                line.append(f" {count}  ")
    return line


def results_table(results: SearchResults) -> Table:
    table = Table(title=Text(f"{results.total} result(s) for {printable(results.query)!r}"))
    table.add_column("#", justify="right", style="dim")
    table.add_column("Document", ratio=3)
    table.add_column("Hedges/1k", justify="right")
    table.add_column("Score", justify="right", style="dim")
    for rank, hit in enumerate(results.hits, 1):
        cell = Text(printable(hit.summary.title), style="bold")
        cell.append("\n")
        snippet = Text(printable(hit.snippet.text), style="default")
        for start, end in hit.snippet.marks:
            snippet.stylize(HIT_STYLE, start, end)
        cell.append_text(snippet)
        cell.append("\n")
        cell.append(printable(hit.summary.path), style="dim")
        table.add_row(str(rank), cell, f"{hit.summary.hedges_per_1k:.1f}", f"{hit.score:.2f}")
    return table


def documents_table(documents: list[DocumentSummary]) -> Table:
    table = Table(title=f"{len(documents)} document(s)")
    table.add_column("Title", ratio=3)
    table.add_column("Hedges/1k", justify="right")
    table.add_column("Boosters/1k", justify="right")
    table.add_column("Causal", justify="right")
    table.add_column("Words", justify="right")
    table.add_column("Date")
    for doc in documents:
        claims = doc.claims
        causal = f"{claims.causal_share:.0%}" if claims and claims.findings else "–"
        title = Text(printable(doc.title))
        title.append("\n" + printable(doc.path), style="dim")
        table.add_row(
            title,
            f"{doc.hedges_per_1k:.1f}",
            f"{doc.boosters_per_1k:.1f}",
            causal,
            f"{doc.words:,}",
            doc.date.strftime("%Y-%m-%d"),
        )
    return table
