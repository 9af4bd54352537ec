"""Readable marks on every theme: text colours nudged until they contrast with their ground.

Marks are styled from the theme's colours (component classes), and no theme was made
for them: ``$text-muted`` is white on catppuccin-latte, a search hit's ``$accent``
background meets a heading's ``$accent`` text, greys melt into the background once
``NO_COLOR`` turns colours to grey. ``readable`` takes the style a cell ends up with and,
when its text and background contrast less than WCAG's 4.5:1 (in colour, and in the
grey ``NO_COLOR`` shows), blends the text colour towards black or white until they do.
The hue stays where it can, so themes still colour the marks.

``FEW_COLOURS`` are the marks' colours for 16-colour terminals (``TERM=xterm``), where a
theme's oranges and reds all round to the same bright red: one distinct ANSI colour
each, taken from the standard palette so that rounding keeps them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rich._palettes import STANDARD_PALETTE
from rich.color import Color
from rich.color_triplet import ColorTriplet
from rich.style import Style
from rich.terminal_theme import TerminalTheme

MINIMUM = 4.5  # WCAG 2 AA for body text
DIM_FACTOR = 0.66  # how far Textual's dim filter blends text towards its background

RGB = tuple[int, int, int]


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours, 1..21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def grey(rgb: RGB) -> RGB:
    """The grey Textual shows for a colour with ``NO_COLOR`` (its ``Monochrome`` filter)."""
    r, g, b = rgb
    value = round(r * 0.2126 + g * 0.7152 + b * 0.0722)
    return value, value, value


def both_ratios(fg: RGB, bg: RGB) -> float:
    """The lower of the contrast in colour and in ``NO_COLOR`` grey."""
    return min(ratio(fg, bg), ratio(grey(fg), grey(bg)))


def rgb_of(color: Color | None, theme: TerminalTheme, *, foreground: bool) -> RGB:
    """The colour a cell shows, ANSI and default colours through the terminal theme."""
    if color is None:
        color = Color.default()
    return tuple(color.get_truecolor(theme, foreground=foreground))  # type: ignore[return-value]


def shown_colours(style: Style, theme: TerminalTheme) -> tuple[RGB, RGB]:
    """(text, background) as a cell with ``style`` shows them: reverse swapped, dim blended."""
    fg = rgb_of(style.color, theme, foreground=True)
    bg = rgb_of(style.bgcolor, theme, foreground=False)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = _blend(bg, fg, DIM_FACTOR)
    return fg, bg


def _blend(a: RGB, b: RGB, share: float) -> RGB:
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def readable(style: Style, theme: TerminalTheme, minimum: float = MINIMUM) -> Style:
    """``style`` with its text colour changed, if need be, to contrast ``minimum``:1 with
    its background, in colour and in grey. ``style`` must carry both colours (a widget's
    base style plus the mark's)."""
    fg, bg = shown_colours(style, theme)
    if both_ratios(fg, bg) >= minimum:
        return style
    if style.dim:  # faint text on this ground cannot be read: drop the faintness first
        style = style + Style(dim=False)
        fg, bg = shown_colours(style, theme)
        if both_ratios(fg, bg) >= minimum:
            return style
    white, black = (255, 255, 255), (0, 0, 0)
    target = white if both_ratios(white, bg) >= both_ratios(black, bg) else black
    new_fg = _towards(fg, target, lambda c: both_ratios(c, bg) >= minimum)
    new_bg = bg
    if both_ratios(new_fg, bg) < minimum:
        # a mid-tone ground (a reversed mark's colour): move the ground away as well
        away = black if target == white else white
        new_bg = _towards(bg, away, lambda c: both_ratios(new_fg, c) >= minimum)
    fg_colour, bg_colour = Color.from_rgb(*new_fg), Color.from_rgb(*new_bg)
    if style.reverse:  # reverse shows the background colour as the text
        fg_colour, bg_colour = bg_colour, fg_colour
    return style + Style(color=fg_colour, bgcolor=bg_colour)


def _towards(colour: RGB, target: RGB, good: Callable[[RGB], bool]) -> RGB:
    """The first of ten steps from ``colour`` to ``target`` that is ``good`` (or ``target``)."""
    for step in range(1, 11):
        candidate = _blend(colour, target, step / 10)
        if good(candidate):
            return candidate
    return target


def few_colours(color_system: str | None) -> bool:
    """Whether the terminal shows only the 16 ANSI colours (``Console.color_system``)."""
    return color_system in ("standard", "windows")


def _ansi(number: int) -> Color:
    r, g, b = STANDARD_PALETTE[number]
    return Color.from_triplet(ColorTriplet(r, g, b))


#: One ANSI colour per mark kind in 16-colour terminals (indexes into the standard
#: palette), for dark and for light grounds; headings keep the default text colour.
FEW_COLOURS: dict[bool, dict[str, Color]] = {
    True: {  # dark ground
        "modal": _ansi(11),  # bright yellow
        "epistemic": _ansi(14),  # bright cyan
        "probability": _ansi(13),  # bright magenta
        "approximator": _ansi(7),  # light grey
        "tentative": _ansi(10),  # bright green
        "attribution": _ansi(2),  # green
        "booster": _ansi(9),  # bright red
        "heading": Color.default(),
    },
    False: {  # light ground
        "modal": _ansi(3),  # brown-yellow
        "epistemic": _ansi(5),  # magenta
        "probability": _ansi(4),  # blue
        "approximator": _ansi(8),  # dark grey
        "tentative": _ansi(12),  # bright blue
        "attribution": _ansi(2),  # green (nudged darker by readable)
        "booster": _ansi(1),  # red
        "heading": Color.default(),
    },
}
