"""Where the bundled sample library and styles live, installed or in a checkout.

In a wheel, ``seeds/`` and ``styles/`` are copied into ``reader/_data/``; in a source
checkout (or an editable install) they sit at the top of the tree.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``name`` (``"seeds"`` or ``"styles"``), wherever this install keeps it."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"hedge-reader: bundled folder {name!r} is missing from this install")


def seeds_dir() -> Path:
    return resource_dir("seeds")


def styles_dir() -> Path:
    return resource_dir("styles")
