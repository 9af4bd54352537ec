"""Claim strength: how strongly a finding sentence states a relation between two things.

The scale is the one the literature uses (Sumner et al. 2014; Yu et al. 2019, 2020), weakest
first: ``no_claim`` (no relation stated), ``correlational`` ("associated with", "linked to",
"predicts", group differences), ``conditional_causal`` (a causal verb under a hedge: "may
reduce", "could lead to") and ``direct_causal`` ("causes", "reduces", "prevents", "leads to";
negated too: "did not improve" states a cause, Yu's convention).

Public interface (pure Python, no Textual, nothing loaded from the network):

* ``label_sentence(sentence) -> (label, cues)``: the label of one sentence and the cue words
  behind it, offsets into ``sentence``; ``label_sentences(list)`` for many at once.
* ``find_claims(text) -> list[Claim]``: every sentence of ``text`` that states a finding
  (label other than ``no_claim``), in order, offsets into ``text``.
* ``claim_profile(text) -> ClaimProfile``: the per-document counts the library stores.
* ``LABELS`` (weakest first), ``STRENGTH`` (label -> 0..3), ``LABEL_NAMES`` (for people).

How: one prefix-factored regex finds every cue word (causal verbs and nouns, association and
risk phrases, comparisons, hedges, "not a finding" markers) in the lowercased text, so sentences
without a relation cue cost nothing beyond the scan. For a sentence with cues, context rules
(``rule_label``: "increased risk" is a risk, not a cause; "to improve" is a purpose; "may
reduce" is hedged; "should"/"further studies are needed" are not findings; "associated with"
outranks a causal word) give a first label, designed after Yu et al.'s conventions. A small
linear model (``data/claims_weights.json``, trained by ``scripts/train_claims.py`` on our own
labels in ``data/claims/labels.jsonl``, never on Yu's) over the cues, their neighbours, the
sentence's words and the rule label may then overrule the rules where it is
confident. The cues returned are the words that make the label.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from reader.hedging.lexicon import after_boundary, scan_after
from reader.hedging.model import Hedge
from reader.hedging.sentences import sentence_spans

__all__ = [
    "LABELS",
    "LABEL_NAMES",
    "MARK_KINDS",
    "STRENGTH",
    "Claim",
    "ClaimCue",
    "ClaimProfile",
    "claim_profile",
    "cue_phrases",
    "find_claims",
    "free_cues",
    "label_sentence",
    "label_sentences",
    "rule_label",
]

NO_CLAIM = "no_claim"
CORRELATIONAL = "correlational"
CONDITIONAL_CAUSAL = "conditional_causal"
DIRECT_CAUSAL = "direct_causal"
LABELS: tuple[str, ...] = (NO_CLAIM, CORRELATIONAL, CONDITIONAL_CAUSAL, DIRECT_CAUSAL)
STRENGTH: dict[str, int] = {label: i for i, label in enumerate(LABELS)}
LABEL_NAMES: dict[str, str] = {
    NO_CLAIM: "no claim",
    CORRELATIONAL: "correlational",
    CONDITIONAL_CAUSAL: "conditional causal",
    DIRECT_CAUSAL: "direct causal",
}
#: The mark kind of each finding label's cue words: the reading pane's component class
#: (``document-view--claim-causal``), and without ``claim-`` the name the config's
#: ``hidden_categories`` takes. ``no_claim`` marks nothing.
MARK_KINDS: dict[str, str] = {
    DIRECT_CAUSAL: "claim-causal",
    CONDITIONAL_CAUSAL: "claim-conditional",
    CORRELATIONAL: "claim-correlational",
}

# Cue kinds: what a cue word contributes to the label (the reading pane marks these).
CAUSAL = "causal"  # a causal verb or noun ("reduces", "leads to", "the effect of")
ASSOCIATION = "correlational"  # a relation without a direction ("associated with", "higher")
CONDITION = "condition"  # a hedge that turns a causal verb conditional ("may", "could")

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "claims_weights.json"


@dataclass(frozen=True, slots=True)
class ClaimCue:
    """One cue word or phrase behind a claim label; ``kind`` is one of the cue kinds above."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence that states a finding, with its strength and the cues that show it."""

    start: int
    end: int
    label: str
    cues: tuple[ClaimCue, ...]

    @property
    def strength(self) -> int:
        return STRENGTH[self.label]


@dataclass(frozen=True, slots=True)
class ClaimProfile:
    """Per-document claim counts; ``causal_share`` is the figure the library shows."""

    findings: int = 0
    correlational: int = 0
    conditional_causal: int = 0
    direct_causal: int = 0

    @property
    def causal_share(self) -> float:
        """Share of finding sentences stated as a direct cause (0 when there are none)."""
        return self.direct_causal / self.findings if self.findings else 0.0


# --- the cue lexicon ----------------------------------------------------------------------------
# Internal cue classes (finer than the three kinds shown to readers).
_C = "C"  # causal verb form
_CN = "CN"  # causal noun / adjective / phrase ("effect of", "effective", "due to")
_A = "A"  # association phrase
_R = "R"  # risk / odds wording ("higher risk of", "odds ratio")
_K = "K"  # comparison ("higher", "than", "differed")
_H = "H"  # hedge that conditions a cause ("may", "appears to")
_CAN = "CAN"  # "can": a stated capacity, not a hedge in Yu's scheme
_X = "X"  # not-a-finding marker ("should", "further research", "we aimed")
_V = "V"  # a relation verb that states a claim only when hedged ("may treat", "could explain")
_CB = "CB"  # a word that is a causal verb after a modal, else a comparison ("may lower", "lower")


def _words(words: str) -> list[str]:
    """Words separated by whitespace."""
    return words.split()


def _split(phrases: str) -> list[str]:
    """Phrases separated by "|" (line breaks are spaces)."""
    return [" ".join(p.split()) for p in phrases.split("|") if p.strip()]


_CAUSAL_VERBS = _split(
    """cause | reduce | increase | decrease | improve | prevent | lower | raise | boost | protect |
worsen | enhance | inhibit | induce | trigger | promote | elevate | diminish | alleviate |
eliminate | curb | slash | halve | double | triple | exacerbate | impair | benefit | harm |
damage | affect | influence | alter | restore | reverse | delay | slow | accelerate |
suppress | stimulate | activate | block | extend | shorten | ameliorate | attenuate |
mitigate | relieve | ease | heal | cure | kill | fuel | spur | hamper | hinder | undermine |
strengthen | weaken | minimize | minimise | maximize | maximise | contribute | produce |
generate | regulate | modulate | mediate | determine | shape | facilitate | enable | abolish
| abrogate | prolong | rescue | repress | downregulate | upregulate | down-regulate |
up-regulate | modify | counteract | combat | fight | avert | stop | halt | deplete | destroy
| disrupt | worsen | aggravate | reduce | predispose | confer | protect | impact | amplify |
dampen | lessen | deter | drive | enlarge | expand | shrink | stabilize | stabilise |
destabilize | augment | hasten | impede | interfere | prevent | raise | elicit | evoke |
provoke | safeguard | explain | encourage | discourage | motivate | save | heighten |
escalate | spark | eradicate | lengthen | transform | convert | abolish | accelerate |
retard | offset | outweigh | remove"""
)
_IRREGULAR = {
    "cut": ("cut", "cuts", "cutting"),
    "drive": ("drive", "drives", "drove", "driven", "driving"),
    "lead": ("leads to", "lead to", "led to", "leading to"),
    "result": ("results in", "result in", "resulted in", "resulting in"),
    "give": ("gives rise to", "give rise to", "gave rise to", "giving rise to"),
    "make": ("make", "makes"),
    "up": ("ups", "upped"),
    "help": ("help", "helps", "helped", "helping"),
    "spur": ("spur", "spurs", "spurred", "spurring"),
    "stop": ("stop", "stops", "stopped", "stopping"),
    "halt": ("halt", "halts", "halted", "halting"),
    "curb": ("curb", "curbs", "curbed", "curbing"),
    "fuel": ("fuel", "fuels", "fuelled", "fueled", "fuelling", "fueling"),
    "block": ("block", "blocks", "blocked", "blocking"),
    "slow": ("slows", "slowed", "slowing"),
    "benefit": ("benefits", "benefited", "benefitted", "benefiting"),
    "double": ("doubles", "doubled", "doubling"),
    "lower": ("lowers", "lowered", "lowering"),
    "clear": ("clears", "clearing"),  # not "clear" ("it is clear"), not "cleared" (for use)
}
_CAUSAL_PHRASES = _split(
    """due to | because of | responsible for | attributable to | attributed to | attribute to |
effect | effects | effect of | effects of | effect on | effects on | impact of | impact on |
impacts on | impacts of | effective | ineffective | efficacy | efficacious | effectiveness |
benefit of | benefits of | benefit from | benefit for | benefits for | beneficial | harmful
| detrimental | protective | protective effect | role in | role for | key role | major role
| causal role | causal | required for | essential for | necessary for | critical for |
crucial for | caused by | cause of | causes of | driver of | drivers of | consequence of |
consequences of | stave off | staves off | to blame | good for | bad for | fatal | deadly |
unhealthy | bearing on | provide relief | provides relief | successful in | success of | the
reason for | the reasons for | culprit | culprits | contributor to | contributors to |
contributing factor | key factor | major factor | main factor | important factor | factor in
| factors in | the result of | as a result of | thanks to | prevention of | treatment of |
safe and effective | works | worked | helpful | useful for | induced | mediated | dependent
on | depends on | depend on | sufficient to | insufficient to | superior to | inferior to |
non-inferior | noninferior | failed to | fails to | fail to | no effect | no benefit | no
impact | no significant effect"""
)
_ASSOC_PHRASES = _split(
    """associated with | associated | association | associations | associate with | associates with
| linked to | linked with | link between | links between | link to | link with | linked |
correlated | correlates | correlate | correlation | correlations | correlated with | related
to | relationship | relationships | relation between | relation to | relations between |
predicts | predict | predicted | predicting | predictor | predictors | predictive |
prediction | tied to | connected to | connection between | connected with | risk factor |
risk factors | marker of | markers of | biomarker | biomarkers | indicator of | coincided
with | accompanied by | paralleled | corresponded to | corresponds to | varied with | vary
with | varies with | in association with | inversely | positively associated | negatively
associated | dose-response | trend toward | tend to | tended to | tends to | common in |
prevalent in | more common | less common | more frequent | less frequent | more frequently |
less frequently | more prevalent | less prevalent"""
)
_RISK_PHRASES = _split(
    """risk of | risk for | risks of | higher risk | lower risk | increased risk | reduced risk |
greater risk | elevated risk | at risk | risk | risks | risk factor | risk factors |
prognostic factor | prognostic factors | protective factor | protective factors | prognostic
| odds | odds ratio | hazard ratio | relative risk | more likely | less likely | most likely
to | least likely | likelihood | times more likely | incidence of | rate of | rates of |
chance of | chances of | probability of"""
)
_COMPARE = _split(
    """seen in | evident in | as long as | as well as | down | high levels | low levels | higher
levels | lower levels | high rates | low rates | high in | low in | worse | reduction in |
reduction of | reductions in | improvement in | improvements in | increase in | increases in
| decrease in | decreases in | decline in | rise in | drop in | fall in | higher | lower |
greater | more than | less than | fewer | than | compared with | compared to | in comparison
with | versus | vs | differ | differs | differed | different | difference | differences |
differential | superior | inferior | better | worse | increased | decreased | reduced |
elevated | improved | lowest | highest | smaller | larger | shorter | longer | faster |
slower | stronger | weaker | poorer"""
)
_HEDGES = _split(
    """may | might | could | would | possibly | potentially | potential | probably | perhaps |
likely | unlikely | appear to | appears to | appeared to | appear | appears | appeared |
seem to | seems to | seemed to | seem | seems | seemed | is thought to | are thought to | is
believed to | is expected to | are expected to | expected to | possible | plausibly |
plausible | presumably | putative | if | hypothesized | hypothesised | hypothesis |
suspected | apparently | conceivably | may be | might be | could be | would be | promise |
promising | may have | might have | could have"""
)
_NEGATIONS = _split(
    """not | no | neither | nor | without | none | cannot | n't | never | absence of | lack of |
lack"""
)
_NOT_FINDING = _split(
    """should | must | need | needs | needed | is needed | are needed | warranted | warrant |
warrants | recommend | recommended | recommendation | recommendations | required to | is
required | are required | necessary to | is necessary | will be necessary | merits | merit |
worthwhile | further | deserves | deserve | necessary | attention | further research |
further studies | further study | more research | future research | future studies | future
study | further investigation | further investigations | additional research | additional
studies | larger studies | more studies | remains unclear | remain unclear | is unclear |
are unclear | unknown | aim | aimed | aims | objective | objectives | purpose | we
investigated | we examined | we assessed | we evaluated | we studied | we analyzed | we
analysed | we compared | we conducted | we performed | we describe | we explored | we
present | we propose | we report | we sought | we measured | we tested | were recruited |
were enrolled | were randomized | were randomised | was assessed | were assessed | was
measured | were measured | was performed | were included | to determine | to assess | to
evaluate | to investigate | to examine | to explore | to identify | to understand | to
establish | to elucidate | important to | essential to | crucial to | critical to | it is
important | efforts | planned | is planned | registration | registered | funded | copyright
| long been | previous studies | previous research | previous work | prior studies | prior
research | past research | earlier studies | for years"""
)


# Words before an -ed causal form that make it an adjective ("with increased risk").
_ADJECTIVAL_BEFORE = frozenset(
    _words("""with of a an the and in to for by or at from as their its his her our than""")
)
# Words before "to" that keep the following verb a claim ("helps to reduce", "shown to reduce").
_RAISING = frozenset(
    _words(
        """help helps helped helping able shown found seem seems seemed appear appears appeared
        likely unlikely tend tends tended serve serves served go goes went failed fail fails
        act acts acted proved proven continue continues known reported thought believed
        expected said used worked works work"""
    )
)


_RELATION_VERBS = _split(
    """treat | treats | provide | provides | offer | offers | face | faces | pose | poses | signal
| signals | put | puts | hold the key | holds the key | hold promise | holds promise | be
the key | be key | be prone | be responsible | be involved | be linked | serve | serves |
aid | aids | assist | assists | account for | accounts for | accounted for | translate |
translates | create | creates | expose | exposes | subject | mean | means"""
)
_CAUSAL_BASES = ("lower", "slow", "double", "benefit")
_REPORTING_BEFORE_THAT = frozenset(
    _words("""found find finds suggest suggests suggested show shows showed shown indicate indicates
    indicated demonstrate demonstrates demonstrated conclude concluded reveal reveals revealed
    confirm confirms confirmed report reports reported evidence say says said believe
    hypothesis""")
)
# What a finding "may help", "may provide" or "could improve" when it is not a health claim
# but a use of the result ("may improve the understanding of", "may aid in counseling").
_UTILITY_OBJECTS = frozenset(
    _words(
        """understanding insight insights implication implications alternative alternatives option
        options utility identification identify identifying precision staging selection
        counseling counselling knowledge awareness guidance framework tool tools basis
        opportunity opportunities clinicians clinician physicians surgeons researchers
        interpretation pointer step"""
    )
)
_RELATIVE = frozenset(("that", "which", "who"))
_WEAK_NOUNS = frozenset(("efficacy", "effectiveness", "efficacious"))
_NOT_PLURAL_SUBJECT = frozenset(
    _words("this thus less was does has his plus versus its as is hers ours yours always perhaps")
)
_AFTER_COMPARATIVE = frozenset(
    _words("than risk risks rate rates level levels odds incidence in among for of")
)
_PARTICIPLES = ("associated", "linked", "related", "tied", "connected", "correlated")
_BEFORE_PREDICATE = frozenset(
    _words("""is are was were be been being strongly significantly independently positively
    negatively inversely not also consistently closely directly more less often weakly
    highly and or only mostly largely partly partially each both n't""")
)
_NEGATION_WORDS = frozenset(_NEGATIONS)
_MODALS = frozenset(_words("may might could can will would to does do did not n't cannot must"))


def _verb_forms(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base.endswith("e"):
        return base, base + "s", base + "d", base[:-1] + "ing"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base, base + "es", base + "ed", base + "ing"
    return base, base + "s", base + "ed", base + "ing"


def _phrases(items: Iterable[str]) -> list[str]:
    return [" ".join(p.split()) for p in items if p.strip()]


def _lexicon() -> dict[str, str]:
    """Every cue phrase (lowercase, single spaces) -> its internal class. Later entries win."""
    table: dict[str, str] = {}
    for phrase in _phrases(_NOT_FINDING):
        table[phrase] = _X
    for phrase in _phrases(_COMPARE):
        table[phrase] = _K
    for phrase in _phrases(_HEDGES):
        table[phrase] = _H
    table["can"] = _CAN
    for base in list(dict.fromkeys(_CAUSAL_VERBS)) + list(_IRREGULAR):
        for form in _verb_forms(base):
            table[form] = _C
    for phrase in _RELATION_VERBS:
        table[phrase] = _V
    for base in _CAUSAL_BASES:
        table[base] = _CB
    for phrase in _phrases(_CAUSAL_PHRASES):
        table[phrase] = _CN
    for phrase in _phrases(_RISK_PHRASES):
        table[phrase] = _R
    for phrase in _phrases(_ASSOC_PHRASES):
        table[phrase] = _A
    return table


# English letters, most frequent first: the cue regex tries a node's branches in this order.
_LETTER_ORDER = "etaoinsrhldcumfpgwybvkxjqz"


_TABLE = _lexicon()


def cue_phrases(kind: str) -> tuple[str, ...]:
    """Every phrase of the labeller's lexicon that is a cue of ``kind`` (``CAUSAL``,
    ``ASSOCIATION`` or ``CONDITION``), in lexicon order: what the category page shows, so
    it cannot drift from what the labeller reads. Verbs before nouns, associations before
    risk wording."""
    classes = {CAUSAL: (_C, _CB, _CN), ASSOCIATION: (_A, _R), CONDITION: (_H,)}.get(kind, ())
    return tuple(p for wanted in classes for p, found in _TABLE.items() if found == wanted)


# The detector's trie, with hyphens counted as part of a word at either end, read with the
# detector's quick scan (``lexicon.scan_after``).
_CUE_RE = after_boundary(_TABLE, word="0-9A-Z_a-z-", after=r"(?![\w-])", order=_LETTER_ORDER)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z][a-z'-]*|\d+")
_HEDGE_REACH = 6  # a hedge this many words before a causal cue conditions it
_KIND_OF = {_C: CAUSAL, _CN: CAUSAL, _A: ASSOCIATION, _R: ASSOCIATION, _K: ASSOCIATION}
# The kind readers see for each internal class (a hedge conditions; the rest count as causal).
_CUE_KIND = {
    cls: CONDITION if cls == _H else _KIND_OF.get(cls, CAUSAL)
    for cls in (_C, _CN, _A, _R, _K, _H, _CAN, _X, _V, _CB)
}


# --- one sentence: cues, rules, features ------------------------------------------------------
class _Cue:
    """A cue match inside one sentence: offsets (into the scanned text), class, and how many
    words of its sentence come before it (set by ``_sentence_words``)."""

    __slots__ = ("cls", "end", "start", "text", "word_index")

    def __init__(self, start: int, end: int, cls: str, text: str) -> None:
        self.start = start
        self.end = end
        self.cls = cls
        self.text = text
        self.word_index = 0


def _scan(low: str) -> list[_Cue]:
    """Every cue match of ``low``, in order (any whitespace inside a phrase counts as one
    space, so phrases spanning line breaks are found too)."""
    cues: list[_Cue] = []
    append = cues.append
    table = _TABLE
    for start, end, text in scan_after(_CUE_RE, low):
        cls = table.get(text)
        if cls is None:
            text = _SPACES.sub(" ", text)
            cls = table.get(text)
            if cls is None:
                continue
        append(_Cue(start, end, cls, text))
    return cues


_PREDICATIVE_BEFORE = frozenset(_words("was were is are be been being remained remain"))
_PURPOSE_NOUNS = frozenset(
    _words(
        """strategies strategy approach approaches interventions intervention importance need
        needs methods method ways way options option target targets goal goals efforts
        effort aim aimed programs programmes measures"""
    )
)
_STRONG_X = frozenset(
    _split(
        """should | must | need | needs | needed | is needed | are needed | warranted | warrant |
warrants | recommend | recommended | recommendation | recommendations | required to | is
required | are required | necessary to | is necessary | will be necessary | necessary |
merits | merit | worthwhile | further | deserves | deserve | long been | previous studies |
previous research | previous work | prior studies | prior research | past research | earlier
studies | for years"""
    )
)
_INTRANSITIVE_NEXT = frozenset(
    _words(
        """in from after over during across among since between within until throughout at $
        and or but significantly markedly slightly substantially steadily dramatically
        sharply further over time"""
    )
)
_CHANGE_VERBS = frozenset(
    f
    for base in _words("""increase decrease decline improve worsen double triple halve reduce lower
    raise elevate expand shrink extend shorten slow accelerate rise drop fall grow""")
    for f in (base, base + "s", base + "d", base + "ed", base[:-1] + "ing", base + "ing")
) | {"rose", "risen", "fell", "fallen", "dropped", "grew", "grown", "doubled", "tripled", "halved"}
_WEAK_COMPARE = frozenset({"significantly"})


def _sentence_words(low: str, start: int, end: int, cues: list[_Cue]) -> list[str]:
    """The words of ``low[start:end]``; sets each cue's ``word_index`` (words before it).

    The words are found piece by piece between the cues, so the sentence is read once. A cue
    can begin inside a word only after an apostrophe ("o'causes"); there the pieces would
    split that word, so ``_counted_words`` keeps the labeller's original count.
    """
    findall = _WORD.findall
    words: list[str] = []
    at = start
    for cue in cues:
        if cue.start > start and low[cue.start - 1] == "'":
            return _counted_words(low, start, end, cues)
        words += findall(low, at, cue.start)
        cue.word_index = len(words)
        at = cue.start
    words += findall(low, at, end)
    return words


def _counted_words(low: str, start: int, end: int, cues: list[_Cue]) -> list[str]:
    """``_sentence_words`` the original way: the sentence's words, and each cue's index counted
    over the pieces between cues (one more where a cue splits a word: the model's view)."""
    index, counted = 0, start
    for cue in cues:
        index += len(_WORD.findall(low, counted, cue.start))
        counted = cue.start
        cue.word_index = index
    return _WORD.findall(low, start, end)


def _analyse(low: str, start: int, end: int, cues: list[_Cue]) -> tuple[str, list[str], list]:
    """(rule label, model features, [cues that make the label, cue groups]) of one sentence.

    ``low[start:end]`` is the lowercased sentence and ``cues`` its cue matches, in order.
    """
    words = _sentence_words(low, start, end, cues)
    feats: list[str] = ["BIAS"]
    if words:
        feats.append("first0=" + words[0])
        if len(words) > 1:
            feats.append("first1=" + words[1])
    if not _NEGATION_WORDS.isdisjoint(words) or low.find("n't", start, end) >= 0:
        feats.append("NEG")

    causal: list[_Cue] = []  # causal verbs used as verbs, causal nouns and phrases
    weak: list[_Cue] = []  # causal words as adjectives ("increased risk") or purposes
    links: list[_Cue] = []  # association and risk wording
    compare: list[_Cue] = []  # group differences
    hedges: list[_Cue] = []
    cans: list[_Cue] = []
    not_finding: list[_Cue] = []
    relations: list[_Cue] = []  # "may treat": claims only when hedged
    modifiers: list[_Cue] = []  # association participles after a noun
    count = len(words)
    for cue in cues:
        cls = cue.cls
        index = cue.word_index
        # clamped: where an apostrophe splits a word before a cue (``_counted_words``) a
        # cue can count one word more than the sentence has ("a'reduces b'causes")
        prev = words[min(index, count) - 1] if index > 0 and count else "^"
        prev2 = words[min(index - 1, count) - 1] if index > 1 and count else "^"
        after = index + cue.text.count(" ") + 1
        nxt = words[after] if after < count else "$"
        feats.extend((f"{cls}:{cue.text}", f"{cls}<{prev}", f"{cls}>{nxt}"))
        if cls == _C:
            form = "ed" if cue.text.endswith("ed") else "ing" if cue.text.endswith("ing") else "v"
            if form == "ed" and (prev in _ADJECTIVAL_BEFORE or prev == "^"):
                feats.append("C_adjectival")
                weak.append(cue)
            elif form == "ed" and prev in _PREDICATIVE_BEFORE and nxt != "by":
                feats.append("C_predicative")  # "levels were increased in patients"
                compare.append(cue)
            elif nxt in _INTRANSITIVE_NEXT and cue.text in _CHANGE_VERBS:
                feats.append("C_intransitive")  # "rates increased from 2009", "fell after"
                compare.append(cue)
            elif (prev in _RELATIVE and prev2 not in _REPORTING_BEFORE_THAT) or (
                prev2 in _RELATIVE and prev.endswith("ly") and prev2 != "that"
            ):
                feats.append("C_relative")  # "a disease that causes pain": background
                weak.append(cue)
            elif prev in ("the", "a", "an", "this", "these", "its", "their") and form != "ed":
                feats.append("C_adjectival")  # "the decreasing trends"
                weak.append(cue)
            elif (prev == "to" and prev2 not in _RAISING and " " not in cue.text) or (
                form == "ing"
                and prev in ("for", "of", "in", "at", "on")
                and prev2 in _PURPOSE_NOUNS
            ):
                feats.append("C_purpose")  # "strategies to reduce", "efforts for improving"
                weak.append(cue)
            else:
                feats.append("C_verbal_" + form)
                causal.append(cue)
        elif cls == _CN:
            if cue.text in _WEAK_NOUNS:
                feats.append("CN_weak")  # "the efficacy and safety of X was consistent"
                weak.append(cue)
            else:
                causal.append(cue)
        elif cls == _CB:
            if prev in _MODALS or (
                len(prev) > 3
                and prev.endswith("s")
                and prev not in _NOT_PLURAL_SUBJECT
                and nxt not in _AFTER_COMPARATIVE
            ):
                feats.append("CB_verb")
                causal.append(cue)
            else:
                compare.append(cue)
        elif cls == _V:
            relations.append(cue)
        elif cls == _A:
            if cue.text.startswith(_PARTICIPLES) and prev not in _BEFORE_PREDICATE:
                feats.append("A_modifier")  # "the risk of limitation associated with OA"
                modifiers.append(cue)
            links.append(cue)
        elif cls == _R:
            links.append(cue)
        elif cls == _K:
            if cue.text not in _WEAK_COMPARE:
                compare.append(cue)
        elif cls == _H:
            if cue.text == "likely" and prev in ("more", "less", "most", "least", "as"):
                links.append(cue)
            else:
                hedges.append(cue)
        elif cls == _CAN:
            cans.append(cue)
        elif cls == _X and prev not in ("the", "a", "an", "of", "with", "than", "and", "as"):
            not_finding.append(cue)  # not "the recommended therapies"
    if causal or relations:
        utility = [
            c
            for c in causal + relations
            if not _UTILITY_OBJECTS.isdisjoint(words[c.word_index + 1 : c.word_index + 5])
        ]
        if utility:
            feats.append("C_utility")  # "may improve the understanding of", "aid surgeons"
            causal = [c for c in causal if c not in utility]
            relations = [c for c in relations if c not in utility]
            weak.extend(utility)
    # Most sentences have no hedge: the hedge tests below then cost nothing.
    conditioned: list[_Cue] = []
    hedged_links: list[_Cue] = []
    if hedges:
        hedged_relations = [
            r
            for r in relations
            if any(0 <= r.word_index - h.word_index <= 3 for h in hedges if h.text != "if")
        ]
        if hedged_relations:  # causal is in text order until these join it
            causal.extend(hedged_relations)
            causal.sort(key=_start_of)
        conditioned = _hedging(hedges, causal)
        hedged_links = _hedging(hedges, links)
    off = bool(not_finding) and _not_a_finding(not_finding, causal, links, compare, end)
    if conditioned:
        feats.append("H>C")
        feats.extend("H>C:" + h.text for h in conditioned)
    if hedged_links:
        feats.append("H>A")
    if hedges and not conditioned:
        feats.append("H_free")
    if cans and any(0 <= c.word_index - k.word_index <= 3 for k in cans for c in causal):
        feats.append("CAN>C")
    if not_finding:
        feats.append("X_first" if off else "X_later")
    if causal:
        feats.append("HAS_C")
    if weak:
        feats.append("HAS_Cweak")
    if links:
        feats.append("HAS_A")
    if compare:
        feats.append("HAS_K")

    # The rules: the label a careful reader gives from the cues alone.
    if off:  # "further studies are needed to determine whether X reduces Y"
        label, why = NO_CLAIM, []
    elif links and (
        any(c.cls == _A and c not in modifiers for c in links)
        or not causal
        or (links[0].start < causal[0].start and not conditioned)
    ):
        label, why = CORRELATIONAL, links + hedged_links
    elif causal:
        if conditioned:
            label, why = CONDITIONAL_CAUSAL, causal + conditioned
        else:
            label, why = DIRECT_CAUSAL, causal
    elif compare:
        label, why = CORRELATIONAL, compare
    else:
        label, why = NO_CLAIM, []
    feats.append("RULE=" + label)
    return label, feats, [why, (causal, weak, links, compare, hedges, relations), words]


def _start_of(cue: _Cue) -> int:
    return cue.start


def _hedging(hedges: list[_Cue], cues: list[_Cue]) -> list[_Cue]:
    """The hedges that condition one of ``cues``: at most ``_HEDGE_REACH`` words before it."""
    if not cues:
        return []
    return [
        h for h in hedges if any(0 <= c.word_index - h.word_index <= _HEDGE_REACH for c in cues)
    ]


def _not_a_finding(
    not_finding: list[_Cue], causal: list[_Cue], links: list[_Cue], compare: list[_Cue], end: int
) -> bool:
    """The sentence is not a finding: a marker ("we aimed", "should") comes before its first
    relation cue, or a strong one ("further studies are needed") has no causal verb before it.
    """
    first_relation = min((g[0].start for g in (causal, links, compare) if g), default=end)
    return not_finding[0].start < first_relation or any(
        " ".join(x.text.split()) in _STRONG_X
        and not any(c.start < x.start and c.cls == _C for c in causal)
        for x in not_finding
    )


# --- the learned model --------------------------------------------------------------------------
_SCALE = 10_000  # weights are stored with 4 decimals: exact as integers
_BITS = 48  # one label's score per 48-bit field of a packed integer
_MASK = (1 << _BITS) - 1
_HALF = 1 << (_BITS - 1)


def _pack(vector: Sequence[float]) -> int:
    return sum(round(w * _SCALE) << (_BITS * k) for k, w in enumerate(vector))


# Added to a packed sum, this makes every field non-negative (each label's score is in
# [-_HALF, _HALF)), so the fields read back with a shift and a mask, no borrows.
_OFFSET = sum(_HALF << (_BITS * k) for k in range(len(LABELS)))
_SHIFTS = tuple(_BITS * k for k in range(len(LABELS)))


def _unpack(total: int) -> list[float]:
    """The per-label scores of a packed sum (``_pack``'s inverse, summed)."""
    total += _OFFSET
    return [(((total >> shift) & _MASK) - _HALF) / _SCALE for shift in _SHIFTS]


class _Model:
    """Linear scores per label; ``prior`` is added to the rules' label, so the model overrides
    the rules only where it is confident (the rules follow Yu et al.'s conventions closely).

    Each feature's four weights are packed into one integer (4-decimal fixed point, 48 bits a
    label), so a sentence is scored exactly by two C-level sums over dict lookups (its other
    features and its words), without building strings for its words. (Word pairs were tried:
    no better on any of the three measures, and 15% slower.)
    """

    __slots__ = ("other", "prior", "words")

    def __init__(self, weights: dict[str, list[float]], prior: float = 0.0) -> None:
        self.prior = prior
        self.other: dict[str, int] = {}
        self.words: dict[str, int] = {}
        for feature, vector in weights.items():
            if feature.startswith("w="):
                self.words[feature[2:]] = _pack(vector)
            else:
                self.other[feature] = _pack(vector)

    def scores(self, feats: Sequence[str], words: Sequence[str]) -> list[float]:
        zeros = repeat(0)
        return _unpack(
            sum(map(self.words.get, words, zeros), sum(map(self.other.get, feats, zeros)))
        )


def _training_features(feats: list[str], words: list[str]) -> list[str]:
    """The model's features as strings (what ``scripts/train_claims.py`` learns on)."""
    out = list(feats)
    out.extend("w=" + w for w in words)
    return out


_model: _Model | None = None
_model_loaded = False


def _load_model() -> _Model | None:
    """The shipped weights, read once; ``None`` when they are missing (rules alone then)."""
    global _model, _model_loaded
    if not _model_loaded:
        _model_loaded = True
        try:
            data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
            assert tuple(data["labels"]) == LABELS
            weights = {f: list(map(float, w)) for f, w in data["weights"].items()}
            _model = _Model(weights, float(data.get("rule_prior", 0.0)))
        except (OSError, ValueError, KeyError, AssertionError):
            _model = None
    return _model


def _decide(label: str, feats: list[str], info: list, model: _Model | None) -> tuple[str, list]:
    """The model's label (the rule's without a model) and the cues that make it.

    The model may overrule the rules only where the sentence has a cue word to show for the
    label it gives, so every claim the reading pane marks has its words marked.
    """
    why = info[0]
    if model is None:
        return label, why
    scores = model.scores(feats, info[2])
    scores[STRENGTH[label]] += model.prior
    decided = LABELS[scores.index(max(scores))]  # the first of equal scores, as max() keeps
    if decided == label:  # the usual case
        return label, why
    causal, weak, links, compare, hedges, relations = info[1]
    if decided == NO_CLAIM:
        return decided, []
    verbs = causal or weak or relations
    if decided == DIRECT_CAUSAL:
        shown = verbs
    elif decided == CONDITIONAL_CAUSAL:
        near = [
            h
            for h in hedges
            if any(0 <= c.word_index - h.word_index <= _HEDGE_REACH for c in verbs)
        ]
        shown = verbs + (near or hedges) if verbs else []
    else:
        shown = links or compare or verbs
    return (decided, shown) if shown else (label, why)


def _cue_tuple(cues: list[_Cue], shift: int) -> tuple[ClaimCue, ...]:
    """The cues in text order, each span once, as readers see them (offsets minus ``shift``)."""
    if len(cues) == 1:  # the usual case
        cue = cues[0]
        return (ClaimCue(cue.start - shift, cue.end - shift, _CUE_KIND[cue.cls]),)
    seen: set[tuple[int, int]] = set()
    out: list[ClaimCue] = []
    for cue in sorted(cues, key=_span_of):
        key = (cue.start, cue.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(ClaimCue(cue.start - shift, cue.end - shift, _CUE_KIND[cue.cls]))
    return tuple(out)


def _span_of(cue: _Cue) -> tuple[int, int]:
    return cue.start, cue.end


def _lowered(text: str) -> str:
    """``text.lower()`` with the same length (a letter whose lowercase is longer stays as is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


_NOT_RELATION = (_X, _CAN)  # cues that state no relation: "should", "we aimed", "can"


def _has_relation(cues: list[_Cue]) -> bool:
    return any(c.cls not in _NOT_RELATION for c in cues)


# --- public interface ---------------------------------------------------------------------------
def rule_label(sentence: str) -> tuple[str, tuple[ClaimCue, ...]]:
    """The rules' label and cues alone, without the learned model (for measuring)."""
    return _label_one(sentence, None)


def label_sentence(sentence: str) -> tuple[str, tuple[ClaimCue, ...]]:
    """The claim label of one sentence and its cues (offsets into ``sentence``)."""
    return _label_one(sentence, _load_model())


def label_sentences(sentences: Iterable[str]) -> list[tuple[str, tuple[ClaimCue, ...]]]:
    """``label_sentence`` for many sentences (the model is looked up once)."""
    model = _load_model()
    return [_label_one(s, model) for s in sentences]


def _label_one(sentence: str, model: _Model | None) -> tuple[str, tuple[ClaimCue, ...]]:
    low = _lowered(sentence)
    cues = _scan(low)
    if not _has_relation(cues):
        return NO_CLAIM, ()
    label, feats, info = _analyse(low, 0, len(low), cues)
    decided, why = _decide(label, feats, info, model)
    return decided, _cue_tuple(why, 0)


def sentence_features(sentence: str) -> tuple[str, list[str]]:
    """(rule label, model features) of one sentence: what ``scripts/train_claims.py`` learns on.

    A sentence without a relation cue has no features: it is ``no_claim`` whatever the model.
    """
    low = _lowered(sentence)
    cues = _scan(low)
    if not _has_relation(cues):
        return NO_CLAIM, []
    label, feats, info = _analyse(low, 0, len(low), cues)
    return label, _training_features(feats, info[2])


def find_claims(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[Claim]:
    """Every finding sentence of ``text`` with its label and cues, offsets into ``text``.

    ``sentences``: ``sentence_spans(text)`` when the caller has it already (the reading pane
    splits each piece for its own use), so the text is not split twice.
    """
    low = _lowered(text)
    cues = _scan(low)
    if not _has_relation(cues):  # no sentence of the text can state a relation
        return []
    model = _load_model()
    claims: list[Claim] = []
    k = 0
    n = len(cues)
    for start, end in sentence_spans(text) if sentences is None else sentences:
        while k < n and cues[k].start < start:
            k += 1
        first = k
        while k < n and cues[k].start < end:
            k += 1
        if first == k:
            continue
        here = cues[first:k]
        for cue in here:
            if cue.cls not in _NOT_RELATION:
                break
        else:
            continue  # no relation cue ("we aimed", "should" alone)
        rule, feats, info = _analyse(low, start, end, here)
        label, why = _decide(rule, feats, info, model)
        if label != NO_CLAIM:
            claims.append(Claim(start, end, label, _cue_tuple(why, 0)))
    return claims


def free_cues(findings: Iterable[Claim], hedges: Sequence[Hedge]) -> list[tuple[int, int, str]]:
    """(start, end, label) for every cue of ``findings`` that no hedge or booster overlaps;
    ``hedges`` sorted by start and not overlapping each other. The reading pane and the
    exports mark these, so a cue that is a hedge ("may") keeps its hedge mark alone."""
    starts = [h.start for h in hedges]
    spans: list[tuple[int, int, str]] = []
    last_end = -1
    for finding in findings:
        if finding.label == NO_CLAIM:
            continue
        for cue in finding.cues:
            if cue.start < last_end or cue.end <= cue.start:
                continue  # overlapping cues of one sentence: the first wins
            at = bisect_left(starts, cue.end)
            if at and hedges[at - 1].end > cue.start:
                continue  # a hedge or booster holds it already
            spans.append((cue.start, cue.end, finding.label))
            last_end = cue.end
    return spans


def claim_profile(text: str) -> ClaimProfile:
    """Counts of finding sentences by label: what the library stores per document."""
    counts = dict.fromkeys(LABELS, 0)
    for claim in find_claims(text):
        counts[claim.label] += 1
    return ClaimProfile(
        findings=counts[CORRELATIONAL] + counts[CONDITIONAL_CAUSAL] + counts[DIRECT_CAUSAL],
        correlational=counts[CORRELATIONAL],
        conditional_causal=counts[CONDITIONAL_CAUSAL],
        direct_causal=counts[DIRECT_CAUSAL],
    )


def document_of(record_id: str) -> str:
    """The document a labelled sentence belongs to (BioScope: its PMID; Pei: the sentence)."""
    if record_id.startswith("bio-abs-"):
        return record_id.rsplit("-", 1)[0]
    return record_id


def split_of(record_id: str) -> str:
    """ "train" or "dev" for our own labels: one document in five (by SHA-1) is dev."""
    digest = hashlib.sha1(document_of(record_id).encode("utf-8")).hexdigest()
    return "dev" if int(digest[:8], 16) % 5 == 0 else "train"
