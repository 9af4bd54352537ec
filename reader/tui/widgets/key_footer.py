"""The footer of keys, rebuilt only when the keys it shows change.

Textual's ``Footer`` removes and remounts every key button whenever the bindings might
have changed: each focus change, each mount. Most of those leave the same keys showing
(seven rebuilds of ten buttons at start-up, about 90 ms headless), so this one compares
what it would show first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

#: One shown key: its binding (label, key display, group), enabled, tooltip.
Shown = tuple[Binding, bool, str]


def shown_keys(screen: Screen) -> tuple[Shown, ...]:
    """What a ``Footer`` on ``screen`` would show (its ``compose`` reads the same)."""
    return tuple(
        (binding, enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.key == screen.app.COMMAND_PALETTE_BINDING
    )


class KeyFooter(Footer):
    """A ``Footer`` that skips rebuilding when the same keys would show."""

    _shown: tuple[Shown, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = shown_keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
