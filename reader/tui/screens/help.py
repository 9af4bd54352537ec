"""The help screen, generated from the real key bindings and the hedge categories."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.hedging import BOOSTER, CATEGORIES
from reader.hedging.claims import LABEL_NAMES
from reader.library import QUERY_HELP
from reader.tui.claims_marks import CLAIM_KINDS, CLAIM_NOTES
from reader.tui.keys import KeyGroup, bound_keys, described
from reader.tui.widgets.document_view import DocumentView

QUERY_SYNTAX = QUERY_HELP  # one text, also in the README


class HelpScreen(ModalScreen[None]):
    """Keys by where they work, the query language, and what each mark means."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("c", "app.categories", "Hedge categories explained", id="help.categories"),
    ]

    def __init__(self, groups: list[KeyGroup]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._keys(), id="help-keys")
            yield Static(Text(QUERY_SYNTAX), id="help-query", classes="help-section")
            yield Static(self._legend(), id="help-legend", classes="help-section")
            yield Static(
                Text(
                    "c explains each hedge category. `hedge-reader serve` shows this app in a "
                    "web browser; it has no authentication, so keep it on 127.0.0.1."
                ),
                classes="help-section",
            )
            yield Static(Text("Esc closes this help.", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help-query").border_title = "Search queries"
        self.query_one("#help-legend").border_title = "What the marks mean"
        self.query_one("#help-body").border_title = "Hedge Reader: keys"

    def _keys(self) -> Group:
        tables = []
        for group in self._groups:
            table = Table(title=group.title, title_justify="left", show_header=False, box=None)
            table.add_column("Key", style="bold", min_width=14)
            table.add_column("Action")
            for binding in described(group):
                keymap = getattr(self.app, "keymap_overrides", None)
                keys = ", ".join(
                    self.app.get_key_display(Binding(k, "")) for k in bound_keys(binding, keymap)
                )
                table.add_row(keys, binding.description)
            tables.append(table)
        return Group(*tables)

    def _legend(self) -> Text:
        view = self.app.query_one(DocumentView)
        legend = Text()
        for category, label in CATEGORIES.items():
            style = view.get_component_rich_style(f"document-view--{category}", partial=True)
            legend.append("booster" if category == BOOSTER else category, style=style)
            legend.append(f"  {label}\n")
        for label, kind in CLAIM_KINDS.items():
            style = view.get_component_rich_style(f"document-view--{kind}", partial=True)
            legend.append(LABEL_NAMES[label], style=style)
            legend.append(f"  {CLAIM_NOTES[label]}\n")
        hit = view.get_component_rich_style("document-view--hit", partial=True)
        legend.append("search hit", style=hit)
        legend.append("  a word your search matched (n / N move between them)")
        return legend
