"""The compare screen: a press release (left) against its source (right), finding by finding.

Both texts show with their hedge, booster and claim cue marks in the reading pane's
``DocumentView``;
every release finding and the source sentence it was paired with are tinted by verdict
(same / exaggerates / downplays), the current pair more strongly. ``]`` / ``[`` step through
the pairs and scroll both sides to them; a line under the panes says the verdict, the match
score and the reasons; ``e`` / ``E`` export the comparison as a fact-check note; Esc returns.
Below 100 columns the two sides stack. The comparison runs in a thread worker that posts
``Ready`` or ``Failed``; a comparison that cannot be made is a notification, not a screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from reader.comparing import (
    CompareError,
    Comparison,
    Origin,
    Pair,
    compare_texts,
    comparison_filename,
    render_comparison,
)
from reader.hedging import Hedge
from reader.hedging.claims import LABEL_NAMES, find_claims
from reader.library import Document, Library, LibraryError
from reader.resources import styles_dir
from reader.safe_text import printable
from reader.tui import messages
from reader.tui.claims_marks import cue_spans
from reader.tui.widgets.document_view import DocumentView, Mark
from reader.tui.widgets.key_footer import KeyFooter

PAIR_KINDS = ("same", "exaggerates", "downplays", "current")


class PairView(DocumentView):
    """A ``DocumentView`` that also tints paired sentences (``pair-view--<verdict>``)."""

    COMPONENT_CLASSES = DocumentView.COMPONENT_CLASSES | {
        f"pair-view--{kind}" for kind in PAIR_KINDS
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._pair_styles: dict[str, Style] = {}

    def mark_style(self, kind: str) -> Style:
        if not kind.startswith("pair-"):
            return super().mark_style(kind)
        style = self._pair_styles.get(kind)
        if style is None:
            # The tint's background comes blended over this view's background (a partial
            # style drops the alpha of "$error 20%"); its text style and colour, if any, are
            # the partial style's, so the hedge marks inside a pair keep their own colours.
            name = f"pair-view--{kind[5:]}"
            blended = self.get_component_rich_style(name, partial=False)
            own = self.get_component_rich_style(name, partial=True)
            style = own + Style(bgcolor=blended.bgcolor)
            self._pair_styles[kind] = style
        return style

    def notify_style_update(self) -> None:
        self._pair_styles.clear()
        super().notify_style_update()


class CompareScreen(Screen[None]):
    """Release against source; built from two library paths, compared off the event loop."""

    CSS_PATH = styles_dir() / "compare.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (100, "-split")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "step(1)", "Next pair", id="compare.next"),
        Binding("left_square_bracket", "step(-1)", "Prev pair", id="compare.previous"),
        Binding("e", "export('html')", "Export note (HTML)", id="compare.export-html"),
        Binding("E", "export('md')", "Export note (Markdown)", show=False, id="compare.export-md"),
        Binding("escape", "close", "Back", id="compare.back"),
    ]

    class Ready(Message):
        """The comparison is done: the two documents and their pairs."""

        def __init__(
            self,
            release: Document,
            source: Document,
            comparison: Comparison,
            cues: tuple[list[Mark], list[Mark]] = ([], []),
        ) -> None:
            self.release = release
            self.source = source
            self.comparison = comparison
            #: Each side's claim cue marks (the reading pane's), release first.
            self.cues = cues
            super().__init__()

    class Failed(Message):
        """The two documents cannot be compared (or read): one line saying why."""

        def __init__(self, error: str) -> None:
            self.error = error
            super().__init__()

    def __init__(self, library: Library, release: str, source: str, hidden: set[str]) -> None:
        super().__init__()
        self.library = library
        self.release_path = release
        self.source_path = source
        self.hidden = frozenset(hidden)
        self.comparison: Comparison | None = None
        self.documents: tuple[Document, Document] | None = None
        self.index = -1

    def compose(self) -> ComposeResult:
        yield Static("Comparing…", id="compare-summary")
        with Container(id="compare-panes"):
            with Vertical(id="release-side", classes="compare-side"):
                yield Static("Release", id="release-title", classes="compare-title")
                yield PairView(id="release-view")
            with Vertical(id="source-side", classes="compare-side"):
                yield Static("Source", id="source-title", classes="compare-title")
                yield PairView(id="source-view")
        yield Static("", id="compare-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#release-view", PairView).focus()
        self.run_comparison()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def run_comparison(self) -> None:
        try:
            release = self.library.get(self.release_path)
            source = self.library.get(self.source_path)
        except LibraryError as error:
            self.post_message(self.Failed(str(error)))
            return
        for path, document in ((self.release_path, release), (self.source_path, source)):
            if document is None:
                self.post_message(self.Failed(f"{path}: no longer in the library"))
                return
        assert release is not None and source is not None
        try:
            comparison = compare_texts(release.body, source.body)
        except CompareError as error:
            self.post_message(
                self.Failed(f"Cannot compare {release.title!r} with {source.title!r}: {error}")
            )
            return
        cues = (
            _claim_marks(comparison.release_text, comparison.release_hedges),
            _claim_marks(comparison.source_text, comparison.source_hedges),
        )
        self.post_message(self.Ready(release, source, comparison, cues))

    def on_compare_screen_failed(self, message: Failed) -> None:
        self.app.notify(printable(message.error), severity="warning", markup=False, timeout=8)
        self.dismiss(None)

    def on_compare_screen_ready(self, message: Ready) -> None:
        self.comparison = message.comparison
        self.documents = (message.release, message.source)
        comparison = message.comparison
        release_view = self.query_one("#release-view", PairView)
        source_view = self.query_one("#source-view", PairView)
        for view, text, hedges, cues in (
            (release_view, comparison.release_text, comparison.release_hedges, message.cues[0]),
            (source_view, comparison.source_text, comparison.source_hedges, message.cues[1]),
        ):
            marks = [Mark(h.start, h.end, h.category) for h in hedges] + cues
            view.show(text, hedges=sorted(marks, key=lambda m: m.start), hits=[], headings=[])
            view.set_hidden(self.hidden)
        release_view.set_marks(
            "hits", [_tint(p.release.start, p.release.end, p) for p in comparison.pairs]
        )
        seen: dict[tuple[int, int], Mark] = {}
        for pair in comparison.pairs:
            span = (pair.source.start, pair.source.end)
            seen.setdefault(span, _tint(*span, pair))
        source_view.set_marks("hits", list(seen.values()))
        self.query_one("#release-title", Static).update(_title("Release", message.release))
        self.query_one("#source-title", Static).update(_title("Source", message.source))
        self.query_one("#compare-summary", Static).update(self.summary_text())
        self.call_after_refresh(self.go_to, comparison.top)

    def summary_text(self) -> Text:
        comparison = self.comparison
        assert comparison is not None
        line = Text("Verdict: ", style="bold")
        line.append(comparison.verdict, style="bold reverse")
        line.append(f"  ·  {comparison.summary()}")
        return line

    # -- pairs ---------------------------------------------------------------------------

    @property
    def pair(self) -> Pair | None:
        if self.comparison is None or not 0 <= self.index < len(self.comparison.pairs):
            return None
        return self.comparison.pairs[self.index]

    def go_to(self, index: int) -> None:
        """Make pair ``index`` current: tint it, scroll both sides to it, say why."""
        if self.comparison is None:
            return
        self.index = index % len(self.comparison.pairs)
        pair = self.comparison.pairs[self.index]
        for view, side in (
            (self.query_one("#release-view", PairView), pair.release),
            (self.query_one("#source-view", PairView), pair.source),
        ):
            view.set_marks("find", [Mark(side.start, side.end, "pair-current")])
            view.scroll_to_offset(side.start)
        self.query_one("#compare-detail", Static).update(self.detail_text(pair))

    def detail_text(self, pair: Pair) -> Text:
        total = len(self.comparison.pairs) if self.comparison else 0
        line = Text(f"Pair {self.index + 1}/{total}: ", style="bold")
        line.append(pair.verdict, style="bold reverse")
        line.append(
            f"  {LABEL_NAMES[pair.source.label]} in the source, "
            f"{LABEL_NAMES[pair.release.label]} in the release · match {pair.score:.2f}"
        )
        if pair.reasons:
            line.append("\n" + "; ".join(printable(r) for r in pair.reasons))
        return line

    def action_step(self, step: int) -> None:
        if self.comparison is None:
            self.app.notify("Still comparing…", timeout=2)
            return
        self.go_to(self.index + step if self.index >= 0 else 0)

    def action_close(self) -> None:
        self.dismiss(None)

    # -- export --------------------------------------------------------------------------

    def action_export(self, fmt: str) -> None:
        if self.comparison is None or self.documents is None:
            self.app.notify("Still comparing…", timeout=2)
            return
        self._render_note(self.comparison, *self.documents, fmt)

    @work(thread=True, exclusive=True, group="compare-export", exit_on_error=False)
    def _render_note(
        self, comparison: Comparison, release: Document, source: Document, fmt: str
    ) -> None:
        origins = Origin(release.title, release.path), Origin(source.title, source.path)
        text = render_comparison(comparison, fmt, *origins)
        app: Any = self.app
        app.post_message(messages.ExportReady(text, comparison_filename(origins[0], fmt), fmt))


def _claim_marks(text: str, hedges: Sequence[Hedge]) -> list[Mark]:
    """The claim cue marks the reading pane gives ``text``: each finding's cue words by
    its strength, where no hedge or booster holds them."""
    return [Mark(*span) for span in cue_spans(find_claims(text), hedges)]


def _tint(start: int, end: int, pair: Pair) -> Mark:
    return Mark(start, end, f"pair-{pair.verdict}")


def _title(role: str, document: Document) -> Text:
    title = Text(f"{role}: ", style="bold")
    title.append(printable(document.title))
    return title
