"""Every mark readable on every built-in theme, apart without colour, apart in 16 colours.

Contrast is computed here from the styles the widgets draw (WCAG 2, 4.5:1 for text), in
colour and in the grey ``NO_COLOR`` shows, independently of ``reader.tui.contrast``."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorSystem
from rich.style import Style

from reader.hedging import CATEGORIES
from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.side_panel import ClaimsList
from tests.helpers import SIZE, settle, style_at

TEXT = """# Results may suggest a likely, roughly preliminary breakthrough, it is believed

It may work. We suggest this. It is likely. Roughly 40 took part. The results are
preliminary. It is believed to be a breakthrough.
"""
HEADING_END = TEXT.index("\n")


@pytest.fixture
def marked_library(tmp_path: Path) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "every-mark.md").write_text(TEXT, encoding="utf-8")
    (folder / "other.txt").write_text("Results of another kind may differ.\n", encoding="utf-8")
    lib = Library(tmp_path / "library")
    assert not lib.add([folder]).failed
    yield lib
    lib.close()


def _luminance(rgb) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])


def _contrast(a, b) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _grey(rgb):
    value = round(rgb[0] * 0.2126 + rgb[1] * 0.7152 + rgb[2] * 0.0722)  # Textual's Monochrome
    return value, value, value


def _shown(style: Style, theme):
    from rich.color import Color

    fg = tuple((style.color or Color.default()).get_truecolor(theme, foreground=True))
    bg = tuple((style.bgcolor or Color.default()).get_truecolor(theme, foreground=False))
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple(round(b + (f - b) * 0.66) for f, b in zip(fg, bg, strict=True))
    return fg, bg


def _low_contrast(widget, where: str) -> list[str]:
    """Every run of text ``widget`` draws whose contrast is under 4.5:1 (colour or grey)."""
    theme = widget.app.ansi_theme
    found = []
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            if not segment.text.strip() or segment.style is None:
                continue
            fg, bg = _shown(segment.style, theme)
            worst = min(_contrast(fg, bg), _contrast(_grey(fg), _grey(bg)))
            if worst < 4.5:
                found.append(f"{where} {segment.text.strip()!r} {fg} on {bg}: {worst:.2f}")
    return found


async def test_every_mark_and_row_is_readable_on_every_builtin_theme(marked_library):
    app = HedgeReaderApp(marked_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"results", "enter")
        await settle(pilot)
        listing = app.query_one(DocumentList)
        listing.cursor = next(
            i for i, e in enumerate(listing.entries) if e.summary.path.endswith("every-mark.md")
        )
        await pilot.press("enter")
        await settle(pilot)
        pane = app.query_one(ReadingPane)
        view = pane.view
        view.jump_from("hits", 0)  # the current hit: "Results", inside the heading
        await pilot.pause()
        assert view.current is not None and view.current.end <= HEADING_END
        await pilot.press("c")  # the claims list, its cursor row on the first claim
        await settle(pilot)
        claims = app.query_one(ClaimsList)
        problems: list[str] = []
        themes = sorted(app.available_themes)
        assert len(themes) >= 20 and {"textual-light", "catppuccin-latte"} <= set(themes)
        for name in themes:
            app.theme = name
            await pilot.pause()
            claims.focus()
            await pilot.pause()
            problems += _low_contrast(view, f"{name} text:")
            problems += _low_contrast(claims, f"{name} claims:")
            problems += _low_contrast(listing, f"{name} list (unfocused):")
            listing.focus()
            await pilot.pause()
            problems += _low_contrast(listing, f"{name} list (focused):")
            view.focus()
            await pilot.pause()
            problems += _low_contrast(view, f"{name} text (focused):")
            problems += _low_contrast(app.query_one("#reading-header"), f"{name} header:")
        assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"


async def test_without_colour_every_category_looks_different_also_in_a_heading(
    marked_library, monkeypatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = HedgeReaderApp(marked_library)
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        await settle(pilot)
        listing = app.query_one(DocumentList)
        listing.cursor = next(
            i for i, e in enumerate(listing.entries) if e.summary.path.endswith("every-mark.md")
        )
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(DocumentView)

        def attributes(offset: int) -> tuple:
            style = style_at(view, offset)
            return tuple(
                bool(getattr(style, name))
                for name in ("bold", "italic", "underline", "reverse", "strike", "dim")
            )

        for inside_heading in (True, False):
            looks = {}
            for mark in view.marks("hedges"):
                if (mark.start < HEADING_END) == inside_heading:
                    looks.setdefault(mark.kind, attributes(mark.start))
            assert set(looks) == set(CATEGORIES)
            assert len(set(looks.values())) == len(CATEGORIES), looks
            plain = attributes(0 if inside_heading else TEXT.index("work"))
            assert plain not in looks.values()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_in_16_colours_every_category_and_headings_have_their_own_colour(
    marked_library, monkeypatch, theme
):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = HedgeReaderApp(marked_library)
    async with app.run_test(size=SIZE) as pilot:
        assert app.console.color_system == "standard"
        app.theme = theme
        await settle(pilot)
        listing = app.query_one(DocumentList)
        listing.cursor = next(
            i for i, e in enumerate(listing.entries) if e.summary.path.endswith("every-mark.md")
        )
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(DocumentView)
        body = TEXT.index("It may")

        def ansi(offset: int) -> int | None:
            color = style_at(view, offset).color
            if color is None or color.is_default:
                return None
            return color.downgrade(ColorSystem.STANDARD).number

        colours = {}
        for mark in view.marks("hedges"):
            if mark.start > body:
                colours.setdefault(mark.kind, ansi(mark.start))
        colours["heading"] = ansi(0)
        assert len(colours) == len(CATEGORIES) + 1
        assert len(set(colours.values())) == len(colours), colours  # all apart
        assert ansi(body) not in [colours[c] for c in CATEGORIES]  # and from the text


async def test_a_theme_change_restyles_the_headers_category_line_at_once(marked_library):
    app = HedgeReaderApp(marked_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        listing.cursor = next(
            i for i, e in enumerate(listing.entries) if e.summary.path.endswith("every-mark.md")
        )
        await pilot.press("enter")
        await settle(pilot)
        header = app.query_one("#reading-header")

        def modal_label_colour():
            for y in range(header.size.height):
                for segment in header.render_line(y):
                    if segment.text.strip().startswith("modal"):
                        return segment.style.color
            raise AssertionError("no modal count in the header")

        view = app.query_one(DocumentView)
        before = modal_label_colour()
        assert before == style_at(view, TEXT.index("may", HEADING_END)).color
        app.theme = "catppuccin-latte"  # as the palette's theme list sets it
        await settle(pilot)
        after = modal_label_colour()
        assert after != before
        assert after == style_at(view, TEXT.index("may", HEADING_END)).color


async def test_the_compare_panes_are_readable_on_every_builtin_theme(pair_library):
    """Verdict tints, the current pair and the claim cues inside them, on every theme."""
    from reader.tui.screens.compare import PairView
    from tests.helpers import open_comparison

    app = HedgeReaderApp(pair_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_comparison(pilot)
        views = [screen.query_one(name, PairView) for name in ("#release-view", "#source-view")]
        kinds = {m.kind for view in views for m in view.marks("hits")}
        assert {"pair-same", "pair-exaggerates"} <= kinds
        assert any("claim" in m.kind for view in views for m in view.marks("hedges"))
        problems: list[str] = []
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            for view in views:
                problems += _low_contrast(view, f"{name} {view.id}:")
        assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"
