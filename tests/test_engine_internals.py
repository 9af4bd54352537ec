"""Canary: the private Whoosh names the engine relies on exist in the installed release."""

from __future__ import annotations

import importlib
import inspect
import re

import whoosh

from reader.library.engine import internals


def _owner(path: str) -> type:
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):  # the longest importable module prefix
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        assert isinstance(found, type), path
        return found
    raise AssertionError(f"{path}: no such module")


def _has(cls: type, name: str) -> bool:
    """A class attribute or method, or an attribute its own methods set on ``self``."""
    if hasattr(cls, name):
        return True
    pattern = re.compile(rf"self\.{re.escape(name)}\s*(?:[:=]|,.*=)")
    for klass in cls.__mro__:
        try:
            source = inspect.getsource(klass)
        except (OSError, TypeError):
            continue
        if pattern.search(source):
            return True
    return False


def test_whoosh_is_the_release_the_engine_was_written_against() -> None:
    assert whoosh.versionstring() == internals.PINNED


def test_every_private_name_the_engine_uses_exists_in_whoosh() -> None:
    missing = [
        f"{path}.{name} (used in {where})"
        for path, names in internals.ATTRIBUTES.items()
        for name, where in names
        if not _has(_owner(path), name)
    ]
    assert missing == []


def test_the_canary_would_notice_a_renamed_name() -> None:
    from whoosh.writing import SegmentWriter

    assert not _has(SegmentWriter, "_setup_doc_offsets_renamed")
    assert _has(SegmentWriter, "_setup_doc_offsets")


def test_the_length_column_name_is_whooshs() -> None:
    assert internals.length_column_name("body") == "_body_len"
