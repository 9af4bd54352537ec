"""The footer shows the focused widget's keys, and is not rebuilt when they stay the same."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.key_footer import KeyFooter

SIZE = (120, 40)


def footer_labels(app: HedgeReaderApp) -> list[str]:
    return [key.description for key in app.query_one(KeyFooter).query(FooterKey)]


async def test_footer_follows_focus_and_keeps_its_buttons_when_nothing_changes(
    library: Library,
) -> None:
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        while not app.query_one(DocumentList).entries:
            await pilot.pause(0.01)
        await pilot.pause()
        assert app.focused is app.query_one(DocumentList)
        assert "Open" in footer_labels(app)  # Enter opens the document under the cursor

        buttons = list(app.query_one(KeyFooter).query(FooterKey))
        app.screen.refresh_bindings()  # what every focus change and mount does
        await pilot.pause()
        assert list(app.query_one(KeyFooter).query(FooterKey)) == buttons
        assert all(button.is_attached for button in buttons)

        await pilot.press("slash")  # to the search field: the list's keys leave the footer
        await pilot.pause()
        assert "Open" not in footer_labels(app)
        await pilot.press("escape")
        app.query_one(DocumentList).focus()
        await pilot.pause()
        assert "Open" in footer_labels(app)
