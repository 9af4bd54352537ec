"""Config checks that need Textual (theme names, binding ids), and applying the settings.

``reader.config`` validates what it can without Textual; this module finishes the job
before the app starts, so a typo in a theme or binding id is the same one-line
``file:line`` error as any other config mistake.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from reader.config import Config
from reader.tui.keys import KeyGroup, bound_keys


def load_checked_config() -> Config:
    """The config file, checked as the app checks it (theme, binding ids, key clashes), so
    every command that reads it (the app, ``hedges``, ``export``, ``serve``) refuses the
    same mistakes with the same line. Raises ``ConfigError``."""
    from reader.config import load_config

    config = load_config()
    if config.theme is not None or config.keys:  # only these need the app's bindings
        from reader.tui.app import HedgeReaderApp
        from reader.tui.keys import key_groups
        from reader.tui.screens.main import MainScreen

        groups = key_groups(HedgeReaderApp, MainScreen)
        check_config(config, binding_ids(groups), groups=groups)
    return config


def binding_ids(groups: Iterable[KeyGroup], extra: Iterable[BindingType] = ()) -> set[str]:
    """Every binding id the keymap may name: the key groups', ``extra``, and those of every
    widget and screen class the app defines (so a new screen's keys are remappable at once)."""
    bindings = [b for group in groups for b in group.bindings] + list(extra)
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("reader."):
            bindings.extend(cls.__dict__.get("BINDINGS", []))
    return {b.id for b in bindings if isinstance(b, Binding) and b.id}


def check_config(
    config: Config,
    known_ids: set[str],
    themes: Iterable[str] = (),
    groups: Iterable[KeyGroup] = (),
) -> None:
    """Raise ``ConfigError`` (file:line) for an unknown theme or binding id, or for a remap
    that gives one key two jobs in the same place (``groups``: where keys work)."""
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
    groups = list(groups)
    # the app's own keys (target None) work on every screen, beside each screen's
    everywhere = [b for group in groups if group.target is None for b in group.bindings]
    for group in groups:
        on_a_screen = isinstance(group.target, type) and issubclass(group.target, Screen)
        _check_clashes(config, group, everywhere if on_a_screen else [])


def _check_clashes(config: Config, group: KeyGroup, beside: list[BindingType]) -> None:
    """No key with two jobs among ``group``'s bindings and the ``beside`` ones that are
    active with them."""
    owner: dict[str, str] = {}
    for binding in [*group.bindings, *beside]:
        if not isinstance(binding, Binding) or not binding.id:
            continue
        for key in bound_keys(binding, config.keys):
            other = owner.setdefault(_normal(key), binding.id)
            if other != binding.id:
                remapped = binding.id if binding.id in config.keys else other
                taken = other if remapped == binding.id else binding.id
                raise config.error(
                    "keys",
                    remapped,
                    f"{key} would do two things in {group.title.lower()}: {remapped} and "
                    f"{taken}; choose another key or remap {taken} too",
                )


def _normal(key: str) -> str:
    """``?`` and ``question_mark`` are one key, as Textual's keymap treats them."""
    return _character_to_key(key) if len(key) == 1 else key
