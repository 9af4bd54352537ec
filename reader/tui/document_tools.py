"""Getting a document out of the main screen: mixed into ``MainScreen``.

* Export (``e`` HTML, ``E`` Markdown, JSON from the palette) renders in a thread worker
  and posts ``ExportReady`` to the app, which delivers it (``ToolActions``): a file in the
  export folder in a terminal, a browser download when served with ``hedge-reader serve``.
* Copy a quote (``y``): the selection, else the sentence at the current mark or at the
  top of the reading pane, with its source, through ``App.copy_to_clipboard`` (OSC 52,
  which works over SSH).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.notifications import SeverityLevel

from reader.export import FORMATS, analyse, export_filename, format_quote, render, sentence_at
from reader.library import Document
from reader.tui import messages
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


class DocumentTools(_Base):
    """Export and copy-a-quote of the open document; needs a screen with the reading pane."""

    extra_phrases: dict[str, str]

    def _notify(
        self, message: str, severity: SeverityLevel = "information", timeout: float = 6
    ) -> None:
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    def _open_document(self) -> Document | None:
        document = self.query_one(ReadingPane).document
        if document is None:
            self._notify("Open a document first (Enter on the list).", "warning", 3)
        return document

    # -- export ------------------------------------------------------------------------

    def action_export(self, fmt: str = "html") -> None:
        document = self._open_document()
        if document is not None and fmt in FORMATS:
            self._render_export(document, fmt)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _render_export(self, document: Document, fmt: str) -> None:
        marked = analyse(
            document.path, document.title, document.body, document.outline, self.extra_phrases
        )
        self.app.post_message(  # the app delivers it: a file, or a browser download
            messages.ExportReady(render(marked, fmt), export_filename(marked, fmt), fmt)
        )

    # -- copy a quote ---------------------------------------------------------------------

    def action_copy_quote(self) -> None:
        document = self._open_document()
        if document is None:
            return
        selected = self.get_selected_text()
        passage = selected if selected and selected.strip() else self._current_sentence()
        if not passage.strip():
            self._notify("Nothing to copy here.", "warning", 3)
            return
        quote = format_quote(passage, document.title, document.path, document.summary.author)
        self.app.copy_to_clipboard(quote)
        words = len(passage.split())
        what = "selection" if selected and selected.strip() else "sentence"
        self._notify(f"Copied the {what} ({words} words) with its source to the clipboard.")

    def _current_sentence(self) -> str:
        view = self.query_one(DocumentView)
        text = view.text
        offset = view.top_offset()
        current = view.current
        # the current mark, when it is on screen; else the top visible line
        if current is not None and offset <= current.start < offset + view.size.area:
            offset = current.start
        return sentence_at(text, offset)
