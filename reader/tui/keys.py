"""The app's key bindings as data, grouped by where they work.

Help and the command palette are generated from these groups, so a new binding
shows up in both without further work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.search_bar import SearchInput


@dataclass(frozen=True, slots=True)
class KeyGroup:
    title: str
    bindings: list[BindingType]
    target: type[DOMNode] | None  # None: the app itself


def key_groups(app_bindings: list[BindingType]) -> list[KeyGroup]:
    return [
        KeyGroup("Anywhere", app_bindings, None),
        KeyGroup("Search bar", SearchInput.BINDINGS, SearchInput),
        KeyGroup("Library list", DocumentList.BINDINGS, DocumentList),
        KeyGroup("Reading pane", DocumentView.BINDINGS, DocumentView),
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
