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
import sys
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from reader.export import claim_summary as profile_dict
from reader.hedging.claims import (
    LABEL_NAMES,
    LABELS,
    ClaimProfile,
    claim_profile,
    find_claims,
    label_sentence,
)
from reader.library import IngestError
from reader.safe_text import printable

EXIT_OK, EXIT_PARTIAL = 0, 1
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


def run(args: argparse.Namespace, error: Any) -> int:
    if args.jsonl:
        return _jsonl()
    from reader.cli.commands import _document_text

    name = args.file
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        text = _document_text(name, data)
    except IngestError as failure:
        error(str(failure))
        return EXIT_PARTIAL
    except OSError as failure:
        error(f"{name}: {failure.strerror or failure}")
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
    status = EXIT_OK
    for number, line in enumerate(sys.stdin, 1):
        if line.strip():
            record = record_for(line, number)
            status = EXIT_PARTIAL if "error" in record else status
            sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()
    return status


def record_for(line: str, number: int) -> dict[str, Any]:
    """One ``{"id", "text"}`` line -> ``{"id", "claim", "cues"}``, or ``{"id", "error"}``."""
    try:
        item = json.loads(line)
    except ValueError as failure:
        return {"id": None, "error": f"line {number}: not JSON ({failure})"}
    item_id = item.get("id") if isinstance(item, dict) else None
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"id": item_id, "error": f'line {number}: expected an object with a string "text"'}
    text = item["text"]
    label, cues = label_sentence(text)
    return {"id": item_id, "claim": label, "cues": [_cue(text, c.start, c.end) for c in cues]}
