"""``hedge-reader claims``: how strongly each finding in a text is claimed.

Three forms, as ``hedges`` has: a readable table of the finding sentences with their
claim strength and cue words; ``--json`` for a file (every finding sentence, offsets into
the decoded text, and the counts); ``--jsonl`` for scripts: ``{"id", "text"}`` lines on
stdin, one ``{"id", "claim", "cues"}`` line out per line, in order, the whole text of a
line labelled as one sentence. A bad line gets ``{"id", "error"}`` and the run goes on.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.table import Table
from rich.text import Text

from reader.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from reader.cli.inputs import read_text, run_jsonl
from reader.export import claim_summary as profile_dict
from reader.hedging.claims import (
    LABEL_NAMES,
    LABELS,
    ClaimProfile,
    claim_profile,
    find_claims,
    label_sentence,
)
from reader.safe_text import printable

NO_CLAIM, CORRELATIONAL, CONDITIONAL_CAUSAL, DIRECT_CAUSAL = LABELS

#: One look per label for the table; each differs in more than colour (NO_COLOR).
CLAIM_STYLES: dict[str, str] = {
    DIRECT_CAUSAL: "reverse italic bold red",
    CONDITIONAL_CAUSAL: "reverse italic underline yellow",
    CORRELATIONAL: "reverse italic blue",
}


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``claims`` subcommand (called by ``reader.cli.main``)."""
    claims = sub.add_parser(
        "claims",
        parents=[common],
        help="label each finding sentence: correlational, conditional causal, direct causal",
    )
    claims.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    output = claims.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print each finding as JSON")
    output.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id", "text"} lines on stdin, write {"id", "claim", "cues"} lines',
    )


def run(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _jsonl()
    name = args.file
    text = read_text(name)
    if text is None:
        return EXIT_PARTIAL
    findings = find_claims(text)
    summary = claim_profile(text)
    if args.json:
        payload = {
            "path": name,
            "claims": [
                {
                    "start": f.start,
                    "end": f.end,
                    "text": text[f.start : f.end],
                    "claim": f.label,
                    "cues": [_cue(text, c.start, c.end, c.kind) for c in f.cues],
                }
                for f in findings
            ],
            "summary": profile_dict(summary),
        }
        print(json.dumps(payload))
        return EXIT_OK
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if findings:
        console.print(_table(text, findings))
    else:
        console.print(Text("No finding sentences: nothing here states a relation."))
    console.print(summary_line(summary))
    return EXIT_OK


def summary_line(summary: ClaimProfile) -> Text:
    line = Text(f"{summary.findings:,} finding sentence{'s' if summary.findings != 1 else ''}")
    for label in (DIRECT_CAUSAL, CONDITIONAL_CAUSAL, CORRELATIONAL):
        line.append(" · ")
        line.append(LABEL_NAMES[label], style=CLAIM_STYLES[label])
        line.append(f" {getattr(summary, label):,}")
    if summary.findings:
        line.append(f" · {summary.causal_share:.0%} stated causally")
    return line


def _table(text: str, findings: list[Any]) -> Table:
    table = Table(title="Finding sentences by claim strength")
    table.add_column("#", justify="right", style="dim")
    table.add_column("Claim", no_wrap=True)
    table.add_column("Sentence", ratio=1)
    for number, finding in enumerate(findings, 1):
        style = CLAIM_STYLES[finding.label]
        sentence = Text(printable(text[finding.start : finding.end]).replace("\n", " "))
        for cue in finding.cues:
            sentence.stylize(style, cue.start - finding.start, cue.end - finding.start)
        table.add_row(str(number), Text(LABEL_NAMES[finding.label], style=style), sentence)
    return table


def _cue(text: str, start: int, end: int, kind: str | None = None) -> dict[str, Any]:
    cue: dict[str, Any] = {"start": start, "end": end, "text": text[start:end]}
    if kind is not None:
        cue["kind"] = kind
    return cue


def _jsonl() -> int:
    # a blank line states no claim
    return run_jsonl(("text",), _labelled, {"id": None, "claim": "no_claim", "cues": []})


def _labelled(item: dict[str, Any], _number: int) -> dict[str, Any]:
    """The whole text of a line labelled as one sentence, with its cue words."""
    text = item["text"]
    label, cues = label_sentence(text)
    return {"claim": label, "cues": [_cue(text, c.start, c.end) for c in cues]}
