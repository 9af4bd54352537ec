"""Config checks that need Textual (theme names, binding ids), and applying the settings.

``reader.config`` validates what it can without Textual; this module finishes the job
before the app starts, so a typo in a theme or binding id is the same one-line
``file:line`` error as any other config mistake.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.theme import BUILTIN_THEMES

from reader.config import Config
from reader.tui.keys import KeyGroup


def binding_ids(groups: Iterable[KeyGroup], extra: Iterable[BindingType] = ()) -> set[str]:
    """Every binding id the keymap may name."""
    ids = set()
    for binding in [b for group in groups for b in group.bindings] + list(extra):
        if isinstance(binding, Binding) and binding.id:
            ids.add(binding.id)
    return ids


def check_config(config: Config, known_ids: set[str], themes: Iterable[str] = ()) -> None:
    """Raise ``ConfigError`` (file:line) for an unknown theme or binding id."""
    names = set(BUILTIN_THEMES) | set(themes)
    if config.theme is not None and config.theme not in names:
        raise config.error(
            None,
            "theme",
            f"unknown theme {config.theme!r}; expected one of {', '.join(sorted(names))}",
        )
    for binding_id in config.keys:
        if binding_id not in known_ids:
            raise config.error(
                "keys",
                binding_id,
                f"unknown binding id {binding_id!r} under [keys]; "
                f"expected one of {', '.join(sorted(known_ids))}",
            )
