"""The cue lexicon and the one compiled regex that finds every candidate.

Each entry is a lowercase phrase template, the *lemma* that groups its forms (the learned
model and the context rules key on it), a category id, and the schemes it belongs to:

* ``reader`` (the default): what a reader of science and health news wants marked. No
  bare "or", "either", "if", "whether", "can", "would", "should": they are BioScope cues but
  mark half of every news sentence. Adds approximators, tentative and limiting phrases,
  attribution shields and boosters.
* ``bioscope``: the BioScope / CoNLL-2010 convention for speculation cues, used to measure the
  detector against BioScope-style gold data. Alternatives ("or", "either", "whether",
  "and/or") are mapped to ``probability``; conditions ("if", "unless") to ``tentative``;
  "can", "would", "should" to ``modal``.

Templates expand ``(a|b|)`` groups (an empty branch makes the group optional); a space in a
phrase matches any run of whitespace. Candidates are matched on the lowercased text with a
prefix-factored (trie) regex, so the scan costs about as much as one bare word-list regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

READER = "reader"
BIOSCOPE = "bioscope"
SCHEMES = (READER, BIOSCOPE)

R = frozenset({READER})
B = frozenset({BIOSCOPE})
RB = frozenset({READER, BIOSCOPE})


@dataclass(frozen=True, slots=True)
class Entry:
    phrase: str
    lemma: str
    category: str
    schemes: frozenset[str]

    @property
    def kind(self) -> str:
        return "booster" if self.category == "booster" else "hedge"


# (templates, lemma, category, schemes). Lemmas group forms that behave alike.
_SPEC: list[tuple[str, str, str, frozenset[str]]] = [
    # --- modal -------------------------------------------------------------------------
    ("may", "may", "modal", RB),
    ("might", "might", "modal", RB),
    ("could", "could", "modal", RB),
    ("may or may not|might or might not|may well|might well", "may-or", "modal", R),
    ("may or may not|might or might not", "may-or", "modal", B),
    ("can|cannot|can't", "can", "modal", B),
    ("would", "would", "modal", B),
    ("should", "should", "modal", B),
    # Reader: only where they state a possible effect ("can boost", "would cut", "should help").
    ("can", "can", "modal", R),
    ("would", "would", "modal", R),
    ("should", "should", "modal", R),
    ("must", "must", "modal", B),
    # --- epistemic verbs and nouns -------------------------------------------------------
    ("suggest|suggests", "suggest", "epistemic", RB),
    ("suggested", "suggested", "epistemic", RB),
    ("suggesting", "suggesting", "epistemic", RB),
    ("suggestive|suggestion|suggestions", "suggestive", "epistemic", RB),
    ("indicate|indicates", "indicate", "epistemic", RB),
    ("indicated", "indicated", "epistemic", RB),
    ("indicating", "indicating", "epistemic", RB),
    ("indication|indicative", "indication", "epistemic", RB),
    ("appear|appears", "appear", "epistemic", RB),
    ("appeared|appearing", "appeared", "epistemic", RB),
    ("apparent", "apparent", "epistemic", RB),
    ("apparently", "apparently", "epistemic", RB),
    ("think|thinks|guess|suppose|supposes", "think", "epistemic", RB),
    ("seem|seems|seemed|seeming|seemingly", "seem", "epistemic", RB),
    ("imply|implies|implied|implying|implicate|implicating", "imply", "epistemic", RB),
    ("propose|proposes|proposed|proposal", "propose", "epistemic", RB),
    (
        "hypothesis|hypotheses|hypothesize|hypothesized|hypothesizes|hypothesise|hypothesised"
        "|hypothetical|hypothetically",
        "hypothesis",
        "epistemic",
        RB,
    ),
    (
        "speculate|speculated|speculates|speculation|speculative|speculatively",
        "speculate",
        "epistemic",
        RB,
    ),
    ("postulate|postulated|postulates", "postulate", "epistemic", RB),
    # Own lemma: the model learned "speculate" from BioScope, which has no "conjecture".
    ("conjecture|conjectures|conjectured|conjectural", "conjecture", "epistemic", R),
    # Authors softening their own claim: "we would argue that".
    ("(we|i) would (argue|suggest|say|contend|speculate)", "would-argue", "epistemic", R),
    ("infer|inferred|infers", "infer", "epistemic", RB),
    ("suspect|suspected|suspects", "suspect", "epistemic", RB),
    ("notion|idea", "notion", "epistemic", RB),
    ("predict|predicted|predicts", "predict", "epistemic", RB),
    ("expect|expected|expects", "expect", "epistemic", RB),
    ("assume|assumed|assumes|assumption|assuming", "assume", "epistemic", RB),
    ("estimate|estimates|estimated", "estimate", "epistemic", B),
    ("support|supports|supported", "support", "epistemic", B),
    (
        "(raise|raises|raised|raising) (the|an|a) (intriguing |interesting |)(possibility"
        "|hypothesis|question|questions)",
        "raise-possibility",
        "epistemic",
        RB,
    ),
    ("(cannot|can not|could not) be (excluded|ruled out)", "cannot-exclude", "epistemic", RB),
    (
        "(cannot|can not|can't|could not|couldn't|do not|don't|does not|doesn't|did not|didn't"
        "|not) (rule out|exclude)|(cannot|can not|can't|could not|couldn't) be (entirely |fully "
        "|completely |)(excluded|ruled out)",
        "cannot-exclude",
        "epistemic",
        R,
    ),
    ("not exclude|cannot exclude|can not exclude", "cannot-exclude", "epistemic", B),
    (
        "hint|hints|hinted|hinting",
        "hint",
        "epistemic",
        R,
    ),
    (
        "(lend|lends|lent|lending) (some |further |partial |modest |limited |strong |additional "
        "|more |)support",
        "lend-support",
        "epistemic",
        RB,
    ),
    (
        "forecast|forecasts|forecasted|forecasting|forecaster|forecasters",
        "forecast",
        "epistemic",
        R,
    ),
    ("estimate|estimates", "estimate", "approximator", R),
    ("can be deduced|can be inferred", "deduce", "epistemic", B),
    # --- probability -----------------------------------------------------------------------
    ("likely|unlikely", "likely", "probability", RB),
    ("possible|impossible", "possible", "probability", RB),
    ("possibly", "possibly", "probability", RB),
    ("possibility|possibilities", "possibility", "probability", RB),
    ("potential", "potential", "probability", RB),
    ("potentially", "potentially", "probability", RB),
    ("perhaps|maybe", "perhaps", "probability", RB),
    ("probably|probable", "probably", "probability", RB),
    ("probability", "probability", "probability", B),
    ("presumably|presumed|presume|presumes|presumptive", "presumably", "probability", RB),
    ("putative|putatively", "putative", "probability", RB),
    ("plausible|plausibly|conceivable|conceivably", "plausible", "probability", RB),
    ("almost certainly|most likely", "most-likely", "probability", R),
    ("arguably", "arguably", "probability", R),
    ("tend to|tends to|tended to|tending to", "tend-to", "epistemic", R),
    ("doubtful|debatable|questionable|open to question", "doubtful", "tentative", R),
    ("whether|whether or not", "whether", "probability", B),
    ("whether", "whether", "tentative", R),
    ("or|and/or|either", "or", "probability", B),
    # --- tentative / limiting ------------------------------------------------------------
    (
        "unclear|not clear|uncertain|uncertainty|unknown|not known|elusive",
        "unclear",
        "tentative",
        RB,
    ),
    (
        "not (yet |)(clear|clearly (understood|defined|delineated|established|known))"
        "|not (yet |)(fully |)(known|established|determined|elucidated)",
        "not-clear",
        "tentative",
        RB,
    ),
    ("if|if not|unless", "if", "tentative", B),
    (
        "(is|are|it's|it is|still) early days|early days yet|(still |)in (its|their) infancy"
        "|(the |)(evidence|data) (is|are|was|were|remains|remain|has been|have been) (still |)"
        "(limited|thin|weak|scant|sparse|scarce|mixed|inconclusive|lacking|patchy|insufficient"
        "|poor|conflicting|sketchy)|(thin|scant|weak|sparse|scarce|little|patchy|conflicting|sketchy"
        "|low-quality|low-certainty|poor-quality) evidence|(low|very low) (certainty|quality) "
        "(of |)(the |)evidence|(certainty|quality) of (the |)evidence (is|was|were|remains) "
        "(rated |judged |graded |considered |)(low|very low|limited|poor)",
        "thin-evidence",
        "tentative",
        R,
    ),
    (
        "(has|have|had) not (yet |)been peer(-| )reviewed|not (yet |)peer(-| )reviewed|yet to be "
        "peer(-| )reviewed|(not|yet to be) (yet |)published in a peer(-| )reviewed|awaiting peer"
        "(-| )review|non-peer-reviewed",
        "not-reviewed",
        "tentative",
        R,
    ),
    (
        "(interpreted|treated|viewed|taken|read|regarded|considered) with (caution|care|a grain of "
        "salt|a pinch of salt|some caution|great caution)|caution is (needed|warranted|advised"
        "|required|urged)|with a (grain|pinch) of salt",
        "with-caution",
        "tentative",
        R,
    ),
    (
        "remains to be (elucidated|determined|established|seen|clarified|investigated|explored"
        "|confirmed|proven|shown)|remain to be (elucidated|determined|established|seen|clarified"
        "|investigated|explored|confirmed|proven|shown)",
        "remains-to-be",
        "tentative",
        RB,
    ),
    (
        "(remain|remains|remained) (largely |)(unclear|unknown|uncertain|elusive|controversial"
        "|unexplained|unresolved|poorly understood|obscure|speculative)",
        "remains-unclear",
        "tentative",
        R,
    ),
    (
        "(is|are|was|were) (still |)(not |)(yet |)(fully|well|completely|entirely|clearly)"
        " understood|poorly understood|not (yet |)(fully|well|completely) understood",
        "not-understood",
        "tentative",
        R,
    ),
    (
        "it is (not |un)known (whether|if)|it is (not clear|unclear|uncertain) (whether|if)"
        "|it (remains|is still) (unclear|unknown|uncertain) (whether|if)",
        "not-known-whether",
        "tentative",
        R,
    ),
    ("little is known|much remains unknown|much is unknown", "little-known", "tentative", R),
    (
        "(further|more|additional|larger|future) (studies|study|research|work|trials|trial"
        "|investigation|investigations|experiments|data|evidence|analysis|analyses) "
        "(is|are|will be|would be|may be|) (needed|required|warranted|necessary)"
        "|needs to be (confirmed|replicated|validated)|need to be (confirmed|replicated|validated)",
        "further-needed",
        "tentative",
        R,
    ),
    ("preliminary|tentative|tentatively", "preliminary", "tentative", R),
    (
        "(initial|early|preliminary|first|early-stage) (findings|results|data|evidence|signs"
        "|indications|analysis|analyses|report|reports)",
        "initial-findings",
        "tentative",
        R,
    ),
    (
        "unproven|not (yet |)(proven|proved|confirmed|established)|unconfirmed|inconclusive"
        "|limited evidence|no evidence|insufficient evidence|mixed evidence|not conclusive",
        "unproven",
        "tentative",
        R,
    ),
    ("no evidence|not evident|not possible to ascertain", "no-evidence", "tentative", B),
    (
        "(only |)(just |)beginning to understand|only starting to understand",
        "beginning-to",
        "tentative",
        R,
    ),
    ("in theory|theoretically", "in-theory", "tentative", R),
    (
        "if (confirmed|replicated|validated|proven|borne out)|(too early|too soon) to (say|tell"
        "|know|draw conclusions)|(needs|need) (more|further) (research|study|studies|work"
        "|investigation|testing)|anecdotal (evidence|reports|accounts)|anecdotally"
        "|(small|pilot|limited) (study|trial|sample size)|pilot studies|small studies",
        "if-confirmed",
        "tentative",
        R,
    ),
    # --- attribution shields -------------------------------------------------------------
    ("thought|believed|believe|believes|considered|regarded", "believed", "attribution", RB),
    (
        "it is (believed|thought|assumed|suggested|claimed|speculated|hypothesized|proposed"
        "|presumed|argued|considered|estimated|expected|rumored|rumoured|said)"
        "|it has been (suggested|proposed|hypothesized|argued|claimed|speculated)",
        "it-is-believed",
        "attribution",
        R,
    ),
    (
        "(some|many|several|other) (experts|researchers|scientists|doctors|physicians|critics"
        "|observers|analysts|studies|people|authors|commentators) (say|said|believe|believed"
        "|think|thought|argue|argued|suggest|suggested|claim|claimed|speculate|speculated"
        "|worry|fear|contend|suspect|warn)",
        "some-experts",
        "attribution",
        R,
    ),
    (
        "(researchers|scientists|experts|doctors|investigators|authors) (believe|think|speculate"
        "|suspect|hypothesize|hypothesise|theorize|theorise|suggest|argue|say it is possible)",
        "researchers-believe",
        "attribution",
        R,
    ),
    (
        "according to some|some say|some believe|some argue|critics say|it is said|is said to",
        "some-say",
        "attribution",
        R,
    ),
    (
        "alleged|allegedly|reportedly|supposedly|purportedly|reputedly|rumored|rumoured"
        "|ostensibly|claimed|allege|alleges|alleging|allegation|allegations|rumor|rumors|rumour"
        "|rumours|unconfirmed reports",
        "allegedly",
        "attribution",
        R,
    ),
    ("accuse|accused|accuses|accusing|accusation|accusations", "accuse", "attribution", R),
    ("consider|considers", "consider", "attribution", R),
    (
        "(is|are|was|were|being|been|be) (widely |generally |often |increasingly |largely "
        "|commonly |still |now |sometimes |long |once |traditionally |historically |previously "
        "|mostly |rightly |wrongly |)(seen|viewed|perceived|regarded) as",
        "seen-as",
        "attribution",
        R,
    ),
    ("belief|beliefs|view|views", "belief", "attribution", R),
    ("doubt|doubts|doubted|doubting", "doubt", "tentative", R),
    (
        "(called|call|calls|calling|brought|bring|brings|bringing|thrown|throw|throws) into "
        "question|(cast|casts|casting) doubt|open question|open questions|questions remain",
        "into-question",
        "tentative",
        R,
    ),
    ("hope|hopes|hoped|hoping|hopefully", "hope", "tentative", R),
    (
        "anticipate|anticipated|anticipates|projected to|is projected|are projected",
        "anticipate",
        "epistemic",
        R,
    ),
    ("fear|fears|feared|fearing", "fear", "attribution", R),
    (
        "(anonymous|unnamed|some|several) sources (say|said|claim|claimed|suggest|suggested)"
        "|sources (say|said|claim|claimed) (that |)|according to (sources|reports|rumors|rumours)"
        "|reports (suggest|suggested|say|said|claim|claimed) (that|)",
        "sources-say",
        "attribution",
        R,
    ),
    # --- approximators (reader only; context decides "about", "around", "some") -----------
    (
        "approximately|roughly|an estimated|circa|approx.|more or less",
        "approximately",
        "approximator",
        R,
    ),
    (
        "about|around|some|nearly|almost|close to|up to|or so|estimated|at least",
        "about",
        "approximator",
        R,
    ),
    (
        "somewhat|to some extent|to some degree|to a certain extent|to a certain degree|partly"
        "|in part",
        "somewhat",
        "approximator",
        R,
    ),
    # Limited scope: true of part of the cases only. Degree words ("mostly", "relatively", "in
    # most cases") stay unmarked: they fill news stories (train parts: Pei +0.012, Szeged -0.013).
    (
        "in (some|certain) (cases|instances)|to a (lesser|limited) (extent|degree)",
        "somewhat",
        "approximator",
        R,
    ),
    # A quantity named vaguely: "dozens of larvae", "hundreds of millions of years".
    (
        "(dozens|hundreds|thousands|millions|billions|tens) of|a handful of",
        "vague-quantity",
        "approximator",
        R,
    ),
    # A bound, like "up to": "as much as 700 percent", "as low as 200 micromolar".
    ("as (much|many|high|low|few|little) as|ca.", "about", "approximator", R),
    # --- boosters ---------------------------------------------------------------------------
    ("breakthrough|breakthroughs", "breakthrough", "booster", R),
    ("prove|proves|proved|proven", "prove", "booster", R),
    ("cure|cures|cured", "cure", "booster", R),
    ("definitely|definitive|definitively|conclusively|conclusive", "definitely", "booster", R),
    (
        "certainly|undoubtedly|undeniably|unquestionably|indisputably|without a doubt|no doubt"
        "|beyond doubt",
        "undoubtedly",
        "booster",
        R,
    ),
    (
        "clearly (demonstrate|demonstrates|demonstrated|show|shows|showed|shown|prove|proves"
        "|proved|establish|establishes|established)",
        "clearly-demonstrates",
        "booster",
        R,
    ),
    ("miracle|miracles|miraculous", "miracle", "booster", R),
    (
        "wonder drug|magic bullet|silver bullet|holy grail|superfood|superfoods|groundbreaking"
        "|ground-breaking|irrefutable|indisputable|incontrovertible|conclusive proof"
        "|definitive proof|proof that",
        "wonder-drug",
        "booster",
        R,
    ),
    (
        "game-changer|game changer|game-changing|game changing|revolutionary|revolutionize"
        "|revolutionise|revolutionizes|transformative|paradigm shift|paradigm-shifting"
        "|paradigm shifting",
        "game-changer",
        "booster",
        R,
    ),
    ("world first|world's first|world-first|world’s first", "world-first", "booster", R),
    (
        "landmark (trial|trials|study|studies|paper|papers|discovery|discoveries|finding|findings"
        "|research|result|results|experiment|achievement)",
        "landmark",
        "booster",
        R,
    ),
    ("stunning|stunningly|astonishing|astounding", "stunning", "booster", R),
    (
        "once and for all|unequivocal|unequivocally|unequivocal proof|beyond (any |all |)doubt"
        "|beyond question",
        "unequivocal",
        "booster",
        R,
    ),
    (
        "guarantee|guarantees|guaranteed|foolproof|100% effective|completely safe|totally safe",
        "guaranteed",
        "booster",
        R,
    ),
]


def expand(template: str) -> list[str]:
    """Every phrase a template denotes: ``(a|b|)`` groups multiply out; top-level ``|`` splits."""
    out: list[str] = []
    for part in _split_top(template):
        out.extend(_expand_one(part))
    return sorted({" ".join(p.split()) for p in out if p.strip()})


def _split_top(template: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in template:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _expand_one(template: str) -> list[str]:
    start = template.find("(")
    if start < 0:
        return [template]
    depth = 0
    for i in range(start, len(template)):
        if template[i] == "(":
            depth += 1
        elif template[i] == ")":
            depth -= 1
            if depth == 0:
                end = i
                break
    else:  # unbalanced: treat literally
        return [template]
    head, body, tail = template[:start], template[start + 1 : end], template[end + 1 :]
    results = []
    for choice in _split_top(body):
        for rest in _expand_one(tail):
            for inner in _expand_one(choice):
                results.append(head + inner + rest)
    return results


def entries(scheme: str) -> dict[str, Entry]:
    """Normalised phrase -> entry for one scheme (later specs never override earlier ones)."""
    table: dict[str, Entry] = {}
    for template, lemma, category, schemes in _SPEC:
        if scheme not in schemes:
            continue
        for phrase in expand(template):
            table.setdefault(phrase, Entry(phrase, lemma, category, schemes))
    return table


def trie_pattern(
    phrases: Iterable[str], before: str = r"\b", after: str = r"(?!\w)", order: str = ""
) -> str:
    """A prefix-factored alternation; greedy optional tails make the longest phrase win.
    ``before`` / ``after``: what must hold at either end (word boundaries by default).
    ``order``: characters whose branches come first, in that order (the most frequent first:
    the regex engine tries a node's branches one by one; siblings start with different
    characters, so the order changes the speed, never the matches)."""
    rank = {ch: i for i, ch in enumerate(order)}
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts: list[str] = []
        optional = False
        for ch in sorted(node, key=lambda ch: (rank.get(ch, len(rank)), ch)):
            if ch == "":
                optional = True
                continue
            atom = r"\s+" if ch == " " else re.escape(ch)
            alts.append(atom + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            return ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body

    return before + build(root) + after


def normalise_phrase(phrase: str) -> str:
    """A user's phrase as the lexicon stores phrases: lowercase, single spaces."""
    return " ".join(phrase.lower().split())


def after_boundary(
    phrases: Iterable[str], word: str = "0-9A-Z_a-z", after: str = r"(?!\w)", order: str = ""
) -> re.Pattern[str]:
    """``trie_pattern`` matched with the character before the phrase, one outside the ASCII
    ``word`` class: the pattern starts with a character class, so the regex engine skips
    ahead to candidates by a bitmap test, about twice as fast as a ``\b`` or look-behind
    tested by Unicode categories at every character. Read its matches with ``scan_after``."""
    return re.compile(f"[^{word}]" + trie_pattern(phrases, before="", after=after, order=order))


def scan_after(pattern: re.Pattern[str], low: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every match of an ``after_boundary`` pattern in ``low``, as a
    ``\b`` scan finds them. The text gets a space in front, so a phrase at its very start
    has a character before it too; a match right after a letter or digit beyond ASCII (which
    the class lets through) is stepped over and the scan goes on from the next character."""
    found: list[tuple[int, int, str]] = []
    padded = " " + low
    at = 0
    while at >= 0:
        at = _scan_from(pattern, padded, at, found)
    return found


def _scan_from(
    pattern: re.Pattern[str], padded: str, at: int, found: list[tuple[int, int, str]]
) -> int:
    """Adds the matches from ``at`` on (offsets into ``padded[1:]``); where to go on after a
    match it steps over, or -1 at the end of the text."""
    append = found.append
    for match in pattern.finditer(padded, at):
        key = match.group()
        before = key[0]
        if before > "\x7f" and (before.isalnum() or before == "_"):
            return match.start() + 1
        append((match.start(), match.end() - 1, key[1:]))
    return -1


def phrase_problem(phrase: str) -> str | None:
    """Why ``phrase`` cannot be a user cue, or None when it can."""
    norm = normalise_phrase(phrase)
    if not norm:
        return "empty phrase"
    if not (norm[0].isalnum() or norm[0] == "_") or not (norm[-1].isalnum() or norm[-1] == "_"):
        return f"phrase {phrase!r} must start and end with a letter or digit"
    if len(norm) > 200:
        return f"phrase {phrase[:40]!r}… is longer than 200 characters"
    return None


def compile_scheme(
    scheme: str, flags: int = 0, extra: tuple[tuple[str, str], ...] = ()
) -> tuple[re.Pattern[str], dict[str, Entry]]:
    """The scheme's regex and phrase table, plus ``extra`` (phrase, category) user cues."""
    table = scheme_table(scheme, extra)
    return re.compile(trie_pattern(sorted(table)), flags), table


def scheme_table(scheme: str, extra: tuple[tuple[str, str], ...] = ()) -> dict[str, Entry]:
    """The scheme's phrase table, plus ``extra`` (phrase, category) user cues.

    A user phrase the lexicon already has keeps its built-in entry (category and rules);
    new ones get the lemma ``user:<phrase>``, which no rule or model knows, so they are
    always marked.
    """
    table = entries(scheme)
    for phrase, category in extra:
        norm = normalise_phrase(phrase)
        table.setdefault(norm, Entry(norm, f"user:{norm}", category, frozenset({scheme})))
    return table
