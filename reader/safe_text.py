"""Document text is data: make it impossible for it to drive the terminal.

Every control character (C0 except newline and tab, DEL, C1, and the bidi embedding,
override and isolate marks) becomes a visible
stand-in of the same length, so offsets computed on the original text still apply.
Rich markup is never parsed from document text: callers build ``rich.text.Text``
objects from plain strings, and this module only handles what Rich would pass through.
"""

from __future__ import annotations

_TABLE = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_TABLE[0x7F] = 0x2421  # ␡
_TABLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})
# Bidi embeddings, overrides and isolates reorder what the terminal shows (Trojan Source).
_TABLE.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def printable(text: str) -> str:
    """``text`` with control characters replaced one-for-one by visible symbols."""
    return text.translate(_TABLE)
