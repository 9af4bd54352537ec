"""The small window of context a candidate is judged by, and the learned model's features.

Everything here looks at a few dozen characters either side of a candidate, never at the
whole text, so the cost per candidate is constant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")
_WINDOW = 48
_WIDE = 150
_SENTENCE_PUNCT = frozenset(".!?:;")
_OPEN_QUOTES = frozenset("\"'“‘")
_CLOSE_QUOTES = frozenset("\"'”’")
# Words in a wider window that change how ambiguous cues (alternatives, conditions, "can",
# "could", "potential") read: another hedge nearby makes a speculative reading likelier.
_TRIGGER = re.compile(
    r"\b(either|whether|may|might|could|possibl[ey]|if|unknown|unclear|suggest\w*|likely|"
    r"propos\w*|hypothes\w*|determine|investigate\w*|examine\w*|test\w*|we|our|these|"
    r"results|data|findings|therefore|thus)\b"
)
WIDE_LEMMAS = frozenset(
    (
        "or",
        "if",
        "whether",
        "can",
        "could",
        "potential",
        "unclear",
        "putative",
        "would",
        "should",
        "apparent",
        "possibility",
        "hypothesis",
        "notion",
    )
)


class Context(NamedTuple):
    """Lowercased tokens around a candidate ("" where there is none) plus a few flags."""

    p3: str
    p2: str
    p1: str
    n1: str
    n2: str
    n3: str
    cap: bool  # candidate starts with a capital letter
    initial: bool  # candidate starts a sentence (or the text)
    p1_cap: bool  # the previous word starts with a capital
    n1_cap: bool  # the next word starts with a capital
    left: Sequence[str] = ()  # every token of the left window, as written (see words_before)
    quoted: bool = False  # a quotation mark touches the candidate on both sides


def context(text: str, start: int, end: int) -> Context:
    left = _TOKEN.findall(text, max(0, start - _WINDOW), start)
    right = _TOKEN.findall(text, end, end + _WINDOW)
    cut = start - _WINDOW
    if cut > 0 and left and text[cut - 1].isalnum() and text[cut].isalnum():
        left = left[1:]  # the first token is a cut-off word
    if len(left) < 3:
        left = ["", "", ""][len(left) :] + left
    if len(right) < 3:
        right = right + ["", "", ""][len(right) :]
    p3, p2, p1 = left[-3:]
    n1, n2, n3 = right[:3]
    initial = p1 == "" or p1 in _SENTENCE_PUNCT or (p1 in "\"'“‘(" and p2 in ("", ".", "!", "?"))
    if not initial and "\n\n" in text[max(0, start - 4) : start]:
        initial = True
    return Context(
        p3.lower(),
        p2.lower(),
        p1.lower(),
        n1.lower(),
        n2.lower(),
        n3.lower(),
        text[start].isupper(),
        initial,
        p1[:1].isupper(),
        n1[:1].isupper(),
        left,
        start > 0 and text[start - 1] in _OPEN_QUOTES and text[end : end + 1] in _CLOSE_QUOTES,
    )


def words_before(ctx: Context, count: int) -> list[str]:
    """The last ``count`` tokens before the candidate, lowercased (rules that look further)."""
    return [t.lower() for t in ctx.left[-count:] if t]


def shape(word: str) -> str:
    """Numbers collapse to one symbol so "40%" and "3.5 mg" look alike."""
    if word[:1].isdigit():
        return "<num>"
    return word


def features(lemma: str, surface: str, ctx: Context, text: str, start: int) -> list[str]:
    """String features for the averaged perceptron (see reader.hedging.training)."""
    p2, p1, n1, n2 = shape(ctx.p2), shape(ctx.p1), shape(ctx.n1), shape(ctx.n2)
    surface = " ".join(surface.lower().split())
    feats = [
        "b",
        "l=" + lemma,
        "w=" + surface,
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        "lp1=" + lemma + "|" + p1,
        "ln1=" + lemma + "|" + n1,
        "wn1=" + surface + "|" + n1,
        "wp1=" + surface + "|" + p1,
        "ln1s=" + lemma + "|" + n1[-2:],
        "ln12=" + lemma + "|" + n1 + "|" + n2,
        "ln2s=" + lemma + "|" + n1 + "|" + n2[-2:],
        "lp21=" + lemma + "|" + p2 + "|" + p1,
    ]
    if ctx.cap and not ctx.initial:
        feats.append("capmid=" + lemma)
    if ctx.initial:
        feats.append("init=" + lemma)
    if lemma in WIDE_LEMMAS:
        stop = min(len(text), start + _WIDE)
        cut = text.rfind(". ", max(0, start - _WIDE), start)
        left = text[max(0, start - _WIDE) if cut < 0 else cut + 2 : start].lower()
        end = text.find(". ", start, stop)
        right = text[start : stop if end < 0 else end].lower()
        for trigger in sorted(set(_TRIGGER.findall(left))):
            feats.append("wl=" + lemma + "|" + trigger)
        for trigger in sorted(set(_TRIGGER.findall(right))):
            feats.append("wr=" + lemma + "|" + trigger)
    return feats
