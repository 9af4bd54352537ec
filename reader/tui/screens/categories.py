"""A page explaining each hedge category, built from the detector's own data.

Every example sentence is marked by ``find_hedges`` as it is shown, with the reading
pane's own styles, so the page shows exactly what the reader will see.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.guide import CLAIM_LIMITS, CLAIM_WHY, category_guide, claim_guide
from reader.hedging import find_hedges
from reader.safe_text import printable
from reader.tui.claims_marks import CLAIM_KINDS, cue_spans
from reader.tui.contrast import readable


class CategoryScreen(ModalScreen[None]):
    """What each category does to a claim, its cues, an example, and the user's phrases."""

    BINDINGS = [
        Binding("escape,q,C", "dismiss", "Close", id="categories.close"),
    ]

    def __init__(
        self,
        styles: Mapping[str, Style],
        extra: Mapping[str, str] | None = None,
        hidden: Collection[str] = (),
        config_path: str = "",
    ) -> None:
        super().__init__()
        self._styles = dict(styles)
        self._extra = dict(extra or {})
        self._hidden = set(hidden)
        self._config_path = config_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="categories-body"):
            yield Static(self._page(), id="categories-text")
            yield Static(Text("Esc closes this page.", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#categories-body").border_title = "Hedge categories and claim strength"
        # the marks again, now that the page's ground is known: readable on it
        page = self.query_one("#categories-text", Static)
        theme = self.app.ansi_theme
        self._styles = {
            kind: readable(page.rich_style + style, theme) for kind, style in self._styles.items()
        }
        page.update(self._page())

    def _page(self) -> Text:
        page = Text()
        page.append(
            "A hedge weakens a claim; a booster inflates it. Marks show wording, not truth: "
            "a hedged claim can be sound and a bold one wrong. Each category below is marked "
            "in the text the way its name is here.\n"
        )
        for item in category_guide(self._extra):
            style = self._styles.get(item.category, Style())
            page.append("\n")
            page.append(item.category, style=style)
            page.append(f"  {item.label}", style="bold")
            page.append(f"  · {item.kind}")
            if item.category in self._hidden:
                page.append("  · hidden in the reading pane", style="italic")
            page.append(f"\n{item.explanation}\n")
            page.append("Example: ", style="dim")
            page.append_text(self._marked(item.example, item.example_marks))
            page.append("\n")
            page.append("Cues: ", style="dim")
            page.append(", ".join(item.cues))
            page.append(f" … ({item.cue_count:,} forms in the lexicon)\n")
            if item.user_phrases:
                page.append("Your phrases: ", style="dim")
                page.append(printable(", ".join(item.user_phrases)) + "\n")
        self._claims(page)
        page.append(
            "\nAdd phrases of your own under [phrases] in the config file"
            + (f" ({self._config_path})" if self._config_path else "")
            + ', e.g.  tentative = ["the jury is still out"]',
            style="dim",
        )
        return page

    def _claims(self, page: Text) -> None:
        """The four claim strengths: meaning, an example marked as the reading pane marks
        it, the labeller's own cue words, why it matters and its limits."""
        page.append("\nClaim strength", style="bold underline")
        page.append(
            "\nEach finding sentence's cue words are marked by how strongly it states a "
            "relation (8 hides them all; in config hidden_categories: causal, conditional, "
            "correlational, claims).\n"
        )
        for item in claim_guide():
            kind = CLAIM_KINDS.get(item.label, "")
            page.append("\n")
            page.append(item.name, style=self._styles.get(kind, Style(bold=True)))
            if kind in self._hidden:
                page.append("  · hidden in the reading pane", style="italic")
            page.append(f"\n{item.explanation}\n")
            page.append("Example: ", style="dim")
            page.append_text(self._claim_marked(item.example, item.example_claims))
            page.append("\n")
            if item.cues:
                page.append("Cues: ", style="dim")
                page.append(", ".join(item.cues))
                page.append(f" … ({item.cue_count:,} in the labeller's lexicon)\n")
        page.append(f"\n{CLAIM_WHY}\n")
        page.append(f"{CLAIM_LIMITS}\n", style="dim")

    def _claim_marked(self, sentence: str, findings) -> Text:
        """``sentence`` with its hedges and the claim cues no hedge holds, as in the text."""
        hedges = find_hedges(sentence, extra=self._extra)
        text = self._marked(sentence, hedges)
        for start, end, kind in cue_spans(findings, hedges):
            text.stylize(self._styles.get(kind, Style(bold=True)), start, end)
        return text

    def _marked(self, sentence: str, marks) -> Text:
        text = Text(printable(sentence))
        for mark in marks:
            text.stylize(self._styles.get(mark.category, Style(bold=True)), mark.start, mark.end)
        return text
