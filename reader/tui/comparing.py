"""Compare with…: mixed into ``MainScreen``.

``x`` (or the palette's "Compare with…") takes the open document as the release and asks
for its source: the search bar and the list work as usual, and Enter on a document opens
the compare screen (``screens.compare``) instead of reading it; Esc cancels. The keys are
the main screen's, so on the compare screen they are off (and out of the footer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.safe_text import printable
from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.library import Library

    _Base = Screen[None]
else:
    _Base = object


class CompareActions(_Base):
    """The pick-a-source step of a comparison; needs a screen with the list, the search
    bar and the reading pane."""

    library: Library
    hidden_categories: set[str]

    #: The release's path while the user picks a source, else None.
    compare_release: str | None = None

    def action_compare_with(self) -> None:

        document = self.query_one(ReadingPane).document
        if document is None:
            self.notify(
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
        self.query_one(SearchBar).set_status(hint)
        # stays up while picking (searches rewrite the status line); cleared when done
        self.notify(hint, timeout=600, markup=False)
        pane = self.query_one(ReadingPane)
        if pane.side_open and self.has_class("-narrow"):
            pane.close_side()  # it hides the list in a narrow terminal
        self.query_one(DocumentList).focus()

    def compare_picked(self, path: str) -> bool:
        """Enter on the list: open the compare screen if a source is being picked."""
        release = self.compare_release
        if release is None:
            return False
        if path == release:
            self.notify("That is the release itself: pick its source.", timeout=3)
            return True
        self.compare_release = None
        self.app.clear_notifications()  # the "pick the source" hint is done with
        self.app.push_screen(
            CompareScreen(self.library, release, path, set(self.hidden_categories))
        )
        return True

    def cancel_compare(self) -> bool:
        """Esc while picking: stop picking (True); False when there is nothing to cancel, or
        the search bar holds a query (Esc clears that first, as usual)."""

        if self.compare_release is None:
            return False
        search = self.query_one(SearchBar)
        if self.focused is search.input and search.query_text:
            return False
        self.compare_release = None
        self.app.clear_notifications()
        self.notify("Compare cancelled", timeout=2)
        return True
