"""What the text commands (``hedges``, ``claims``, ``compare``) read, and how they say so.

One place for the rules every form shares: errors are one line on stderr naming the file;
a FILE (or ``-``) is read as ``add`` would read it; ``--jsonl`` writes one record for every
line it reads, in order, a bad line an ``{"id", "error"}`` record, and goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from reader.library import IngestError, document_text
from reader.safe_text import printable

Record = dict[str, Any]


def error(message: str) -> None:
    """One line on stderr, safe to show whatever file name or query it quotes."""
    sys.stderr.write(f"hedge-reader: {printable(message)}\n")
    sys.stderr.flush()


def read_text(name: str) -> str | None:
    """The text a reader would see of FILE ``name`` (``-``: stdin), parsed as ``add``
    parses it; None after saying on stderr why it cannot be read."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        return document_text(name, data)
    except IngestError as failure:
        error(str(failure))
    except OSError as failure:
        error(f"{name}: {failure.strerror or failure}")
    return None


def run_jsonl(
    fields: tuple[str, ...],
    answer: Callable[[dict[str, Any], int], Record],
    blank: Record,
) -> int:
    """Each stdin line: a JSON object with string ``fields`` -> ``answer(item, number)``
    (a blank line -> ``blank``), one line out per line in; exit 1 if any line failed."""
    status = EXIT_OK
    for number, line in enumerate(sys.stdin, 1):
        record = _record(line, number, fields, answer) if line.strip() else blank
        status = EXIT_PARTIAL if "error" in record else status
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()
    return status


def _record(
    line: str, number: int, fields: tuple[str, ...], answer: Callable[[dict[str, Any], int], Record]
) -> Record:
    try:
        item = json.loads(line)
    except ValueError as failure:
        return {"id": None, "error": f"line {number}: not JSON ({failure})"}
    item_id = item.get("id") if isinstance(item, dict) else None
    if not isinstance(item, dict) or not all(isinstance(item.get(f), str) for f in fields):
        wanted = " and ".join(f'"{f}"' for f in fields)
        return {"id": item_id, "error": f"line {number}: expected an object with string {wanted}"}
    return {"id": item_id, **answer(item, number)}
