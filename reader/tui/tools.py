"""The user's settings and delivering exports: mixed into ``HedgeReaderApp``.

* Delivery: an export rendered by a screen (``ExportReady``) goes to ``App.deliver_text``:
  a file in the export folder in a terminal, a browser download when served with
  ``hedge-reader serve``.
* The category page (``C``), on every screen.
* Settings: key remaps (``App.set_keymap``), the theme (the palette's last choice is
  remembered in the state file), hidden categories, the user's own phrases.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from rich.style import Style
from textual import events
from textual.theme import Theme

from reader.config import Config, load_state, remembered_theme, save_state
from reader.hedging import CATEGORIES
from reader.tui import messages
from reader.tui.claims_marks import CLAIM_KINDS
from reader.tui.screens.categories import CategoryScreen

if TYPE_CHECKING:
    pass

FORMAT_NAMES = {"html": "HTML", "md": "Markdown", "json": "JSON"}
MIME_TYPES = {"html": "text/html", "md": "text/markdown", "json": "application/json"}


class ToolActions:
    """Settings, export delivery and the category page; needs ``App`` in the MRO."""

    config: Config
    state_file: Path | None
    hidden_categories: set[str]
    extra_phrases: dict[str, str]
    keymap_overrides: dict[str, str]

    def init_tools(self, config: Config | None, state_file: Path | None) -> None:
        """From ``__init__``: keep the settings; nothing touches the screen yet."""
        self.config = config or Config()
        self.state_file = state_file
        self.hidden_categories = set(self.config.hidden_categories)
        self.extra_phrases = dict(self.config.phrases)
        self.keymap_overrides = dict(self.config.keys)
        self._saved_theme: str | None = None

    def mount_tools(self) -> None:
        """From ``on_mount``: apply keys and theme, then remember palette theme changes."""
        app: Any = self
        # set again here in case __init__ code after ``init_tools`` reset it
        self.hidden_categories.update(self.config.hidden_categories)
        if self.keymap_overrides:
            app.set_keymap(self.keymap_overrides)
        state = load_state(self.state_file) if self.state_file is not None else {}
        theme = remembered_theme(self.config, state)
        if theme and theme in app.available_themes:
            app.theme = theme
        self._saved_theme = app.theme
        app.theme_changed_signal.subscribe(app, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if self.state_file is None or theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        try:
            save_state({"theme": theme.name, "config_theme": self.config.theme}, self.state_file)
        except OSError as error:
            self._notify(f"Could not remember the theme: {error.strerror or error}", "warning")

    # -- helpers ---------------------------------------------------------------------

    def _notify(self, message: str, severity: str = "information", timeout: float = 6) -> None:
        app: Any = self
        app.notify(message, severity=severity, timeout=timeout, markup=False)

    # -- delivering an export -------------------------------------------------------------

    def on_export_ready(self, message: messages.ExportReady) -> None:
        app: Any = self
        folder = None
        name = message.filename
        if not app.is_web:
            folder = self._export_folder()
            if folder is None:
                return
            name = _unused_name(folder, name)
        app.deliver_text(
            io.StringIO(message.text),
            save_directory=folder,
            save_filename=name,
            mime_type=MIME_TYPES[message.fmt],
            encoding="utf-8",
            name=FORMAT_NAMES[message.fmt],
        )

    def _export_folder(self) -> Path | None:
        folder = self.config.export_dir or platformdirs.user_downloads_path()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._notify(f"Cannot export to {folder}: {error.strerror or error}", "error")
            return None
        return folder

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        what = event.name or "Export"
        if event.path is not None:
            self._notify(f"{what} export saved to {event.path}")
        else:
            self._notify(f"{what} export sent to your browser")

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        self._notify(f"Export failed: {event.exception}", "error")

    # -- the category page ---------------------------------------------------------------

    def action_categories(self) -> None:
        from reader.tui.widgets.document_view import DocumentView

        app: Any = self
        if isinstance(app.screen, CategoryScreen):
            return
        view = app.screen_stack[0].query_one(DocumentView)
        kinds = [*CATEGORIES, *CLAIM_KINDS.values()]
        styles: dict[str, Style] = {kind: view.mark_style(kind) for kind in kinds}
        path = str(self.config.path) if self.config.path else ""
        app.push_screen(CategoryScreen(styles, self.extra_phrases, self.hidden_categories, path))


def _unused_name(folder: Path, name: str) -> str:
    """``name``, or ``stem-2.ext`` ... so an export never overwrites an earlier one."""
    if not (folder / name).exists():
        return name
    stem, dot, suffix = name.partition(".")
    for number in range(2, 10_000):
        candidate = f"{stem}-{number}{dot}{suffix}"
        if not (folder / candidate).exists():
            return candidate
    return name
