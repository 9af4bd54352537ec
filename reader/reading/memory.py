"""What the reader remembers between runs: where you were in each document, your
bookmarks there, and the documents you read in order (for back and forward).

One small JSON file in the user data dir, replaced atomically on save so a crash never
leaves half a file. Positions are character offsets, so they survive a different
terminal width. A damaged file is set aside (``.bad``) and reading starts afresh.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

MAX_DOCUMENTS = 2000  # least recently read are forgotten first
MAX_HISTORY = 200


def default_memory_path() -> Path:
    return user_data_path("hedge-reader", appauthor=False) / "reading-memory.json"


class Memory:
    """Positions, bookmarks and history; ``save()`` writes them if anything changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._documents: dict[str, dict[str, Any]] = {}
        self._history: list[str] = []
        self._index = -1
        self._dirty = False
        self.error: str | None = None  # the last load or save problem, for the user

    @classmethod
    def load(cls, path: Path | None = None) -> Memory:
        memory = cls(path or default_memory_path())
        try:
            raw = memory.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return memory
        except OSError as error:
            memory.error = f"{memory.path}: cannot read ({error.strerror})"
            return memory
        try:
            data = json.loads(raw)
            memory._documents = {
                str(path): {
                    "position": int(entry.get("position", 0)),
                    "bookmarks": sorted({int(b) for b in entry.get("bookmarks", [])}),
                    "seen": float(entry.get("seen", 0)),
                }
                for path, entry in dict(data.get("documents", {})).items()
            }
            memory._history = [str(p) for p in data.get("history", [])][-MAX_HISTORY:]
            memory._index = min(
                int(data.get("index", len(memory._history) - 1)), len(memory._history) - 1
            )
        except (ValueError, TypeError, AttributeError):
            bad = memory.path.with_suffix(memory.path.suffix + ".bad")
            with contextlib.suppress(OSError):
                memory.path.replace(bad)
            memory.error = f"{memory.path}: damaged, set aside as {bad.name}; starting afresh"
            memory._documents, memory._history, memory._index = {}, [], -1
        return memory

    # -- per document ----------------------------------------------------------------

    def position(self, path: str) -> int:
        return self._documents.get(path, {}).get("position", 0)

    def remember_position(self, path: str, offset: int) -> None:
        entry = self._entry(path)
        if entry["position"] != offset:
            entry["position"] = offset
            self._dirty = True

    def bookmarks(self, path: str) -> list[int]:
        return list(self._documents.get(path, {}).get("bookmarks", []))

    def toggle_bookmark(self, path: str, offset: int) -> bool:
        """Add a bookmark at ``offset``, or remove the one there; True if added."""
        entry = self._entry(path)
        marks: list[int] = entry["bookmarks"]
        self._dirty = True
        if offset in marks:
            marks.remove(offset)
            return False
        marks.append(offset)
        marks.sort()
        return True

    def _entry(self, path: str) -> dict[str, Any]:
        entry = self._documents.get(path)
        if entry is None:
            entry = self._documents[path] = {"position": 0, "bookmarks": [], "seen": 0.0}
        entry["seen"] = time.time()
        return entry

    # -- history ----------------------------------------------------------------------

    def visit(self, path: str) -> None:
        """The user opened ``path``: forward history is dropped, as in a browser."""
        if 0 <= self._index < len(self._history) and self._history[self._index] == path:
            return
        del self._history[self._index + 1 :]
        self._history.append(path)
        del self._history[:-MAX_HISTORY]
        self._index = len(self._history) - 1
        self._dirty = True

    def back(self) -> str | None:
        if self._index <= 0:
            return None
        self._index -= 1
        self._dirty = True
        return self._history[self._index]

    def forward(self) -> str | None:
        if self._index >= len(self._history) - 1:
            return None
        self._index += 1
        self._dirty = True
        return self._history[self._index]

    def undo_move(self, step: int) -> None:
        """Step the history index back after a back/forward to a document that is gone."""
        self._index = max(min(self._index - step, len(self._history) - 1), -1)

    def forget(self, path: str, step: int) -> None:
        """Drop ``path`` (gone from the library) from the history, which had just moved
        onto it by ``step``: the position goes back to where that move started."""
        index = self._index
        for at in reversed(range(len(self._history))):
            if self._history[at] != path:
                continue
            del self._history[at]
            if at < index or (at == index and step > 0):
                index -= 1
        self._index = max(min(index, len(self._history) - 1), -1)
        self._dirty = True

    @property
    def history(self) -> list[str]:
        return list(self._history)

    @property
    def current(self) -> str | None:
        """The document read last (where back/forward stand): reopened on the next start."""
        return self._history[self._index] if 0 <= self._index < len(self._history) else None

    # -- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Write the file if anything changed; False (and ``error`` set) if that failed."""
        if not self._dirty:
            return True
        recent = sorted(self._documents.items(), key=lambda item: item[1]["seen"])
        data = {
            "version": 1,
            "documents": dict(recent[-MAX_DOCUMENTS:]),
            "history": self._history,
            "index": self._index,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=".reading-memory-", suffix=".tmp", dir=self.path.parent
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(data, out)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            self.error = f"{self.path}: cannot save reading positions ({error.strerror})"
            return False
        self._dirty = False
        return True
