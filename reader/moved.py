"""Module paths from before ``reader.library.engine`` and ``reader.reading``, kept importable.

An index pickles the classes it was made with (``reader.library.codec.LeanCodec``, the
schema's field types, ``reader.library.positions.ArrayPositions``), so a library written
by an older release names these paths; code written against the old paths keeps working
too. An old name is the new module itself (not a copy), imported when first asked for.
Installed by ``reader/__init__.py``, so any ``reader`` import has it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

_ENGINE = (
    "blocks",
    "codec",
    "evaluate",
    "phrase",
    "positions",
    "query",
    "schema",
    "segments",
    "suggest",
    "vocabulary",
    "writer",
)
_READING = ("analysis", "analysis_pool", "memory")

#: Old path -> where the module lives now.
MOVED = {
    **{f"reader.library.{name}": f"reader.library.engine.{name}" for name in _ENGINE},
    **{f"reader.tui.{name}": f"reader.reading.{name}" for name in _READING},
}


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        new = MOVED.get(fullname)
        return None if new is None else importlib.util.spec_from_loader(fullname, _Alias(new))


class _Alias(importlib.abc.Loader):
    """Loads an old path as the module at its new one."""

    def __init__(self, new: str) -> None:
        self._new = new
        self._spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(self._new)
        self._spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        module.__spec__ = self._spec  # the import set the old path's: it stays what it is


def install() -> None:
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())
