"""The Textual app: settings, keys, themes and the command palette around the main screen.

The app holds what outlives a screen: the user's config (key remaps, theme, hidden
categories, phrases), the reading memory and the heap keeper. Everything about the
library and the open document is the main screen's (``screens.main``), which the app
shows first (``get_default_screen``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

from reader.config import Config
from reader.library import Library
from reader.reading.analysis_pool import AnalysisPool
from reader.reading.memory import Memory
from reader.resources import styles_dir
from reader.tui.heap import HeapKeeper
from reader.tui.keys import bound_keys, described, key_groups
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.tools import ToolActions
from reader.tui.widgets.reading_pane import ReadingPane


class HedgeReaderApp(ToolActions, App[None]):
    TITLE = "Hedge Reader"
    CSS_PATH = [styles_dir() / "app.tcss"]
    # Below 160 columns, opening the side panel hides the library list (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (160, "-wide")]
    # Below 32 rows the side panel leaves the legend to the header line: reading_pane.SHORT_ROWS.

    #: Keys on every screen; the library's and the reading pane's are ``MainScreen``'s.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("C", "categories", "Hedge categories explained", show=False, id="app.categories"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        seeds: Path | None = None,
        config: Config | None = None,
        state_file: Path | None = None,
        memory: Memory | None = None,
    ) -> None:
        """``seeds``: a folder to build the library from when it does not exist yet;
        ``config``: the user's settings; ``state_file``: where to remember the theme;
        ``memory``: reading positions, bookmarks and history (default: the user data dir)."""
        super().__init__()
        self.memory = memory if memory is not None else Memory.load()
        #: Hedge categories (and "booster", and claim strengths) whose marks are hidden;
        #: toggled on the main screen, first set from the config by ``init_tools``.
        self.hidden_categories: set[str] = set()
        self.init_tools(config, state_file)
        #: Full garbage collections in the user's pauses, not mid-resize (heap.py).
        self.heap = HeapKeeper()
        #: Analyses the rest of long documents in a second process; made before the app
        #: runs, while stderr is still the terminal (see ``analysis_pool``).
        self.analysis_pool = AnalysisPool()
        self.library = library
        #: One analysis: the list's and the header's figures count the user's phrases too.
        self.library.phrases = dict(self.extra_phrases)
        self.seeds = seeds

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.library,
            memory=self.memory,
            heap=self.heap,
            pool=self.analysis_pool,
            hidden=self.hidden_categories,
            phrases=self.extra_phrases,
            seeds=self.seeds,
        )

    @property
    def main(self) -> MainScreen:
        """The main screen (the bottom of the screen stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        self.mount_tools()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.InputEvent, events.Resize)):
            self.heap.busy()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.memory.save()  # the main screen saved it on its way out: this is a no-op then
        self.analysis_pool.shutdown()
        self.heap.stop()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_groups(type(self), MainScreen)))

    # -- command palette: every described binding, plus Textual's own commands -----------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):  # with no key of its own
            yield SystemCommand(
                "Export as JSON",
                "The document's marks, figures and text as JSON",
                partial(self.run_action, "export('json')", screen),
            )
        for group in key_groups(type(self), MainScreen):
            target = group.target
            if target is not None and _screen_only(target) and not isinstance(screen, target):
                continue  # a screen's own keys, offered only on that screen
            for binding in described(group):
                keys = ", ".join(
                    self.get_key_display(Binding(k, ""))
                    for k in bound_keys(binding, self.keymap_overrides)
                )
                yield SystemCommand(
                    binding.description,
                    f"{group.title} · key: {keys}",
                    partial(self._run_command, binding.action, group.target),
                )

    async def _run_command(self, action: str, target: type[Widget] | None) -> None:
        """Run a palette command on its widget (the side panel's are mounted on first use)."""
        if _screen_only(target):
            await self.run_action(action, self.screen)
            return
        if target is not None and not self.query(target):
            await self.query_one(ReadingPane).build_side()
        await self.run_action(action, None if target is None else self.query_one(target))


def _screen_only(target: type[Widget] | None) -> bool:
    return isinstance(target, type) and issubclass(target, Screen)
