"""Compare with…: mixed into ``HedgeReaderApp``.

``x`` (or the palette's "Compare with…") takes the open document as the release and asks
for its source: the search bar and the list work as usual, and Enter on a document opens
the compare screen (``screens.compare``) instead of reading it; Esc cancels.
"""

from __future__ import annotations

from typing import Any

from reader.safe_text import printable
from reader.tui.screens.compare import CompareScreen

#: App actions that work on the main screen only: on the compare screen they are off (and
#: out of the footer), as they would act on the hidden list and reading pane.
MAIN_SCREEN_ACTIONS = frozenset(
    {
        "focus_search",
        "cycle_sort",
        "find",
        "toggle_panels",
        "show_panel",
        "next_hit",
        "previous_hit",
        "toggle_bookmark",
        "next_bookmark",
        "history",
        "export",
        "copy_quote",
        "add_documents",
        "compare_with",
        "toggle_category",
        "next_hedge",
        "previous_hedge",
    }
)


class CompareActions:
    """The pick-a-source step of a comparison; needs ``App`` in the MRO."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app: Any = self
        if action in MAIN_SCREEN_ACTIONS and isinstance(app.screen, CompareScreen):
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]

    #: The release's path while the user picks a source, else None.
    compare_release: str | None = None

    def action_compare_with(self) -> None:
        from reader.tui.widgets.document_list import DocumentList
        from reader.tui.widgets.reading_pane import ReadingPane
        from reader.tui.widgets.search_bar import SearchBar

        app: Any = self
        if isinstance(app.screen, CompareScreen) or len(app.screen_stack) > 1:
            return
        document = app.query_one(ReadingPane).document
        if document is None:
            app.notify(
                "Open the press release first; then x picks the paper to compare it with.",
                severity="warning",
                timeout=4,
            )
            return
        self.compare_release = document.path
        hint = (
            f"Compare {printable(document.title)!r} with: pick the source "
            "(search as usual, Enter on it; Esc cancels)"
        )
        app.query_one(SearchBar).set_status(hint)
        # stays up while picking (searches rewrite the status line); cleared when done
        app.notify(hint, timeout=600, markup=False)
        pane = app.query_one(ReadingPane)
        if pane.side_open and app.screen.has_class("-narrow"):
            pane.close_side()  # it hides the list in a narrow terminal
        app.query_one(DocumentList).focus()

    def compare_picked(self, path: str) -> bool:
        """Enter on the list: open the compare screen if a source is being picked."""
        release = self.compare_release
        if release is None:
            return False
        app: Any = self
        if path == release:
            app.notify("That is the release itself: pick its source.", timeout=3)
            return True
        self.compare_release = None
        app.clear_notifications()  # the "pick the source" hint is done with
        app.push_screen(CompareScreen(app.library, release, path, set(app.hidden_categories)))
        return True

    def cancel_compare(self) -> bool:
        """Esc while picking: stop picking (True); False when there is nothing to cancel, or
        the search bar holds a query (Esc clears that first, as usual)."""
        from reader.tui.widgets.search_bar import SearchBar

        if self.compare_release is None:
            return False
        app: Any = self
        search = app.query_one(SearchBar)
        if app.focused is search.input and search.query_text:
            return False
        self.compare_release = None
        app.clear_notifications()
        app.notify("Compare cancelled", timeout=2)
        return True
