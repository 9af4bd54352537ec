"""The ``a`` dialog: one line for a file, a folder or an http(s) URL to add.

The dialog only asks; the app indexes in a thread worker, so reading goes on.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

HINT = "Files and folders: .txt .md .html .pdf .epub .rss .atom · or a page or feed URL"


class AddScreen(ModalScreen[str | None]):
    """Returns what the user typed (stripped), or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog"):
            yield Static(Text("Add documents", style="bold"), id="add-title")
            yield Input(placeholder="~/papers/  or  https://example.org/feed.xml", id="add-input")
            yield Static(HINT, id="add-hint")
            yield Static(Text("Enter adds · Escape cancels"), id="add-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        target = message.value.strip()
        if target:
            self.dismiss(target)
        else:
            self.query_one("#add-hint", Static).update(
                Text("Type a path or a URL first (Escape cancels).", style="bold")
            )

    def action_cancel(self) -> None:
        self.dismiss(None)
