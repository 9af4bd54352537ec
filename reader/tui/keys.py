"""The app's key bindings as data, grouped by where they work.

Help and the command palette are generated from these groups, so a new binding
shows up in both without further work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

from reader.hedging import CATEGORIES
from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.find_bar import FindInput
from reader.tui.widgets.legend import CLAIMS_KEY, TOGGLE_KEYS, Legend, short_label
from reader.tui.widgets.search_bar import SearchInput
from reader.tui.widgets.side_panel import BookmarkList, ClaimsList


@dataclass(frozen=True, slots=True)
class KeyGroup:
    title: str
    bindings: list[BindingType]
    target: type[Widget] | None  # None: the app itself


def reading_bindings() -> list[Binding]:
    """The main screen's reading keys: they work from the list, the text and the panels."""
    toggles = [
        Binding(
            key,
            f"toggle_category('{category}')",
            f"Show / hide {short_label(category)} marks",
            show=False,
            id=f"reading.toggle-{category}",
        )
        for category, key in TOGGLE_KEYS.items()
        if category in CATEGORIES
    ]
    return [
        Binding("f,ctrl+f", "find", "Find", id="reading.find", priority=True),  # as `/`
        Binding("p", "toggle_panels", "Panels", id="reading.panels"),
        Binding(
            "c",
            "show_panel('claims')",
            "Claims: findings by strength, hedged sentences",
            show=False,
            id="reading.claims",
        ),
        Binding("o", "show_panel('outline')", "Outline", show=False, id="reading.outline"),
        Binding("B", "show_panel('bookmarks')", "Bookmarks", show=False, id="reading.bookmarks"),
        Binding("m", "toggle_bookmark", "Bookmark the top line", show=False, id="reading.mark"),
        Binding("apostrophe", "next_bookmark", "Next bookmark", show=False, id="reading.next-mark"),
        Binding("H", "history(-1)", "Back to the previous document", show=False, id="reading.back"),
        Binding("L", "history(1)", "Forward in history", show=False, id="reading.forward"),
        *toggles,
        Binding(
            CLAIMS_KEY,
            "toggle_claims",
            "Show / hide claim marks",
            show=False,
            id="reading.toggle-claims",
        ),
    ]


def _is_reading(binding: BindingType) -> bool:
    return isinstance(binding, Binding) and (binding.id or "").startswith("reading.")


def key_groups(app: type[App[None]], main: type[Screen[None]]) -> list[KeyGroup]:
    """Where keys work, in the order help lists them: the main screen's (``main``), each
    widget's and screen's own, then the app's, which work on every screen."""
    return [
        KeyGroup("Anywhere", [b for b in main.BINDINGS if not _is_reading(b)], main),
        KeyGroup("Search bar", SearchInput.BINDINGS, SearchInput),
        KeyGroup("Library list", DocumentList.BINDINGS, DocumentList),
        KeyGroup("Reading pane", DocumentView.BINDINGS, DocumentView),
        KeyGroup("Reading (from anywhere)", [b for b in main.BINDINGS if _is_reading(b)], main),
        KeyGroup("Find bar", FindInput.BINDINGS, FindInput),
        KeyGroup("Legend", Legend.BINDINGS, Legend),
        KeyGroup("Claims, outline, bookmarks", ClaimsList.BINDINGS, ClaimsList),
        KeyGroup("Bookmarks", BookmarkList.BINDINGS[-1:], BookmarkList),
        KeyGroup("Compare screen", CompareScreen.BINDINGS, CompareScreen),
        KeyGroup("On every screen", list(app.BINDINGS), None),
    ]


def described(group: KeyGroup) -> Iterator[Binding]:
    """The group's bindings that have a description, as ``Binding`` objects."""
    for binding in group.bindings:
        if isinstance(binding, Binding) and binding.description:
            yield binding


def bound_keys(binding: Binding, keymap: Mapping[str, str] | None = None) -> list[str]:
    """The keys that trigger ``binding`` now: the user's remap (by binding id) or its own."""
    keys = binding.key
    if keymap and binding.id and binding.id in keymap:
        keys = keymap[binding.id]
    return [key.strip() for key in keys.split(",") if key.strip()]
