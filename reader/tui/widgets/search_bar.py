"""The search bar and the line under it that says what the list shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from reader.safe_text import printable


class SearchInput(Input):
    """The query field; Enter runs the search at once (the app then moves to the results)."""

    BINDINGS = [
        Binding("enter", "submit", "Search now, then go to the results", id="search.submit"),
    ]


class SearchBar(Vertical):
    """An ``Input`` for queries plus a status line (counts, errors, suggestions)."""

    def compose(self) -> ComposeResult:
        yield SearchInput(
            placeholder='Search: words, "a phrase", title:vaccine, immuno*, hedges:>20  (press /)',
            id="search-input",
        )
        yield Static("", id="search-status")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def query_text(self) -> str:
        return self.input.value

    def clear(self) -> None:
        self.input.value = ""

    def set_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.set_class(error, "error")
        status.update(Text(printable(message)))
