"""Find in the open document, as in ``less``: type, see "4/14", then n / N step through."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import AwaitMount
from textual.widgets import Input, Static


def find_spans(text: str, pattern: str) -> list[tuple[int, int]]:
    """Literal matches of ``pattern``; case matters only if it has a capital (smart case)."""
    if not pattern:
        return []
    flags = 0 if any(c.isupper() for c in pattern) else re.IGNORECASE
    return [m.span() for m in re.finditer(re.escape(pattern), text, flags)]


class FindInput(Input):
    """Enter keeps the matches and returns to the text; Escape clears them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Keep the matches, back to the text", id="find.done"),
        Binding("escape", "close", "Clear the find", id="find.close"),
    ]

    class Done(Message):
        pass

    class Closed(Message):
        pass

    def action_done(self) -> None:
        self.post_message(self.Done())

    def action_close(self) -> None:
        self.post_message(self.Closed())


class FindBar(Horizontal):
    """The find field and its match counter, docked under the text while a find is on.

    Mounted on first use (``build``), not at start-up: most sessions never find."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.input = FindInput(
            placeholder="words in this document (Enter: done, Esc: clear)", id="find-input"
        )
        self._count = Static("", id="find-count")
        self._mounting: AwaitMount | None = None

    async def build(self) -> None:
        if self._mounting is None:
            self._mounting = self.mount(Static("Find:", id="find-label"), self.input, self._count)
        await self._mounting

    def set_count(self, text: str) -> None:
        self._count.update(text)
