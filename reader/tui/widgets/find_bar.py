"""Find in the open document, as in ``less``: type, see "4/14", then n / N step through."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static


def find_spans(text: str, pattern: str) -> list[tuple[int, int]]:
    """Literal matches of ``pattern``; case matters only if it has a capital (smart case)."""
    if not pattern:
        return []
    flags = 0 if any(c.isupper() for c in pattern) else re.IGNORECASE
    return [m.span() for m in re.finditer(re.escape(pattern), text, flags)]


class FindInput(Input):
    """Enter keeps the matches and returns to the text; Escape clears them."""

    # priority: run as the app takes the key, before the keys queued after it reach the
    # field; a binding found as a key bubbles up runs after those were typed in.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "done", "Keep the matches, back to the text", id="find.done", priority=True
        ),
        Binding("escape", "close", "Clear the find", id="find.close", priority=True),
    ]

    class Done(Message):
        pass

    class Closed(Message):
        pass

    #: Where the keys go after Enter or Esc, moved at once: keys typed right after them
    #: (a paste, keys batched over SSH) are already queued and are not find text.
    return_to: Widget | None = None

    def action_done(self) -> None:
        self._leave()
        self.post_message(self.Done())

    def action_close(self) -> None:
        self._leave()
        self.post_message(self.Closed())

    def _leave(self) -> None:
        if self.return_to is not None and self.return_to.is_mounted:
            self.screen.set_focus(self.return_to)


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
