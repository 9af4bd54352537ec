"""Context rules: the traps a reader must never see marked, and the uses that always hedge.

``judge(lemma, surface, ctx, scheme)`` returns True (mark it), False (never mark it) or None
(no rule applies: the learned model, or the lexicon default, decides). Each rule reads only the
candidate's small context window (see ``reader.hedging.features.Context``).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from reader.hedging.features import Context, words_before


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


BE = _words(
    "is are was were be been being am 's remains remain widely generally commonly long once "
    "previously originally also now traditionally often still largely usually frequently"
)
DETERMINERS = _words(
    "the a an its their our his her your my this these those that any each every no some "
    "recommended daily maximum manufacturer's"
)
NEGATORS = _words("not no never n't nor neither without cannot hardly none nothing")
MODALS = _words("may might could would can should will must")
NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions trillion half
    a-third a-quarter third quarter dozen dozens twice double triple percent"""
)
CURRENCY = _words("$ £ € ¥ ~ ±")
MONTH_PREV = _words(
    "in on since until till by during from of early late mid last next this through before "
    "after between to each every"
)
_NOT_AFTER_MODAL = _words(
    ", . ; : ) ' ’ and or of the a an in to day days issue month is was has had said says "
    "told who whose"
)
# Ability and perception verbs: "patients could walk", "we could detect no binding".
ABILITY = _words(
    """walk walked see hear read speak talk stand run swim climb move eat drink breathe sleep sit
    write drive return leave go recall remember recognize recognise detect distinguish perform
    complete resume tolerate afford reach attend dress feed lift grasp swallow identify observe
    find isolate measure obtain demonstrate show confirm reproduce visualize visualise
    discern"""
)
_PAST_INABILITY = _words("not n't never hardly barely no only")
# Who "could walk" or "could detect": people and animals whose past ability a sentence reports.
AGENTS = _words(
    """i we you they he she one who people patients participants subjects volunteers
    researchers scientists investigators authors doctors physicians nurses children kids adults
    women men mice rats animals users individuals players residents workers students survivors
    team teams group groups everyone nobody someone"""
)
# "the arrow indicates", "asterisks indicate": figure markers, not evidence.
MARKERS = _words(
    """arrow arrows arrowhead arrowheads asterisk asterisks bar bars line lines box boxes star
    stars symbol symbols dashed dotted numbers letters colors colours shading circles circle
    triangles triangle lanes lane brackets bracket labels label values value column columns
    row rows dots dot color colour error shaded dagger daggers icon icons"""
)
_APPEAR_LITERAL = _words(
    """in on at after before during within when as from between among with inside around only
    first again early late suddenly later then , . ; ) and or once"""
)
# "membrane potential", "action potential": physics and physiology, not possibility.
PHYSICAL = _words(
    """membrane action resting redox electrical electric evoked field zeta chemical water
    postsynaptic presynaptic synaptic osmotic oxidation reduction electrode threshold
    transmembrane mitochondrial surface electrochemical standard receptor end-plate endplate
    generator spike cortical motor auditory visual somatosensory brainstem excitatory
    inhibitory local equilibrium reversal nernst junction diffusion dipole graded plateau
    half-wave transepithelial full untapped true late-onset proliferative high-proliferative
    replicative metastatic malignant oncogenic differentiation developmental growth earning
    earnings"""
)
_PHYSICAL_AFTER = _words("difference differences energy gradient gradients well wells")
SUPERLATIVE = _words(
    """best worst lowest highest smallest largest greatest earliest latest least most all every
    maximum minimum shortest longest fastest widest"""
)
_DOSE = _words(
    """dose doses dosage dosages retail price prices reading readings use amount amounts serving
    servings intake daily regimen schedule"""
)
# "almost always", "nearly identical", "almost daily": near an absolute, so not quite it.
_NEAR_ALL = _words(
    "all every half twice double always everyone none never entirely identical daily "
    "exclusively completely universally invariably unchanged"
)
_TIME_UNITS = _words(
    "second seconds minute minutes hour hours day days week weeks month months "
    "year years decade decades"
)
_CONDITIONAL = _words("when if unless whether until once")
_CURE_HOPE = _words("potential possible promising future eventual hoped-for elusive")
_CURE_QUEST = _words(
    "for toward towards to seek seeking search searching find finding develop developing "
    "hope hoping quest race"
)
_BOOST_NOT = {
    "breakthrough": _words(
        "infection infections case cases bleeding pain seizure seizures symptoms varicella"
    ),
    "cure": _words("meat meats ham bacon pork salmon fish sausage resin rate rates"),
    "prove": _words(
        """to difficult useful challenging fatal costly elusive helpful hard impossible
        problematic valuable beneficial successful popular effective ineffective safe unsafe
        a an more less too very so quite highly extremely particularly especially remarkably
        surprisingly much far even equally rather
        superior inferior true false wrong right correct necessary sufficient insufficient
        crucial essential critical worthwhile invaluable lethal deadly toxic resistant"""
    ),
    "game-changer": _words("war wars guard army period"),
}


def _numeric(word: str) -> bool:
    return word[:1].isdigit() or word in NUMBER_WORDS


# Permission, not possibility: "users may download the client", "guests may log in".
_PERMITTED = _words(
    """download apply choose opt request submit enter log access purchase buy borrow join attend
    check contact visit keep bring park register vote reproduce redistribute copy modify
    distribute use"""
)
_PERMITTEES = _words(
    """you users visitors guests members students applicants customers players readers
    employees candidates subscribers licensees passengers"""
)


def _may(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.p1 in _PERMITTEES and (
        ctx.n1 in _PERMITTED
        or ctx.n1 == "not"
        or (ctx.n1 in ("also", "always", "now") and ctx.n2 in _PERMITTED)
    ):
        return False  # deontic "may": "members may not attack one another", "you may download"
    if not ctx.cap:
        return True
    # Capital "May": a month ("in May 2021"), a name ("May Smith", "Theresa May said") or the modal.
    if _numeric(ctx.n1) or ctx.p1 in MONTH_PREV or ctx.n1 in _NOT_AFTER_MODAL:
        return False
    if ctx.n1.endswith(("ed", "'s", "’s")):
        return False  # "May resigned", "May's government": a modal takes the bare verb
    if ctx.n1.endswith("s") and not ctx.n1.endswith(("ss", "us", "is")):
        return False  # "Brian May plays": a verb in -s after a name
    if ctx.n1_cap and not ctx.p1_cap:
        return False  # a name: "May Smith", "patient May Jones" ("Vaccines May Help" stays)
    if ctx.initial:
        return True
    return None if ctx.p1_cap else False


def _might(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "with all his might", "military might": the noun.
    return ctx.p1 not in ("his", "her", "their", "its", "all", "military", "full", "with")


def _so_that(before: list[str]) -> bool:
    return any(a == "so" and b == "that" for a, b in pairwise(before))


def _could(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.n1 in _PAST_INABILITY:
        return False
    ability = ctx.n1 in ABILITY or (ctx.n1 in ("also", "still", "then") and ctx.n2 in ABILITY)
    if ability:
        # "patients could walk", "we could detect no binding": what someone managed. A test or a
        # method that "could identify cancer with 90% accuracy" is a claim about what it may do.
        return scheme == "reader" and not (
            ctx.p1 in AGENTS or ctx.p2 in AGENTS or ctx.p1 in ("so", "that")
        )
    if ctx.p1 == "so" or _so_that(words_before(ctx, 5)):
        return False  # "moved so that his father could work": purpose, not a guess
    if ctx.n1 == "be" and ctx.n2 in (
        "detected",
        "observed",
        "found",
        "seen",
        "identified",
        "demonstrated",
        "isolated",
        "measured",
        "obtained",
    ):
        return False  # "no binding could be detected": what the experiment managed
    # Past ability is ruled out above; in science news the rest of "could" speculates.
    return True if scheme == "reader" else None


def _suggested(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.n1 in _DOSE or ctx.p1 in DETERMINERS:
        return False  # "the suggested dose"
    if _advice(ctx):
        return False
    return None


_PERSONAL = _words("i you he she we they someone somebody everyone")
_ADDRESSEES = _words("we you i us they he she")
_ADVISERS = _words("doctor gp friend friends wife husband mother father colleague teacher coach")


def _advice(ctx: Context) -> bool:
    """ "She suggested we meet", "he suggested that you call": a proposal to someone, not a
    claim about the evidence."""
    if ctx.n1.endswith("ing") and ctx.n1 not in ("something", "nothing", "king"):
        return True  # "doctors suggest taking it with food"
    person = (
        ctx.p1 in _PERSONAL
        or ctx.p1 in AGENTS
        or ctx.p1 in _ADVISERS
        or (ctx.p1_cap and not ctx.initial and ctx.p1 not in ("i",))
    )
    return person and (
        ctx.n1 in _ADDRESSEES or (ctx.n1 == "that" and ctx.n2 in _ADDRESSEES and ctx.n3 != "are")
    )


def _suggest(surface: str, ctx: Context, scheme: str) -> bool | None:
    if _advice(ctx):
        return False
    return None


def _indicate(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.p1 in MARKERS or ctx.p2 in MARKERS:
        return False  # "the arrow indicates", "dashed lines indicate"
    if surface == "indicated":
        if ctx.p1 in ("as", "the", "at", "where", "when", "otherwise") and ctx.n1 != "that":
            return False  # "as indicated", "at the indicated times"
        if ctx.n1 in ("for", "in", "concentrations", "times", "doses", "amounts", "time"):
            return False  # "indicated for adults", "indicated in Fig. 2"
    if ctx.n1 == "that":
        return True
    return None


def _indication(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.n1 == "for" or ctx.p1 in ("approved", "new", "clinical", "primary", "main", "other"):
        return False  # medical indications
    return None


def _appear(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.n1 in ("to", "that"):
        return True
    if ctx.n1 in _APPEAR_LITERAL or ctx.n1 == "" or ctx.p1 == "first":
        return False  # "symptoms appear after", "appeared in Nature"
    return None


def _potential(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.n1 in ("of", "(", "=") and _numeric(ctx.n2):
        return False  # "a potential of 1.2 V": a quantity
    if ctx.p1 in PHYSICAL or ctx.n1 in _PHYSICAL_AFTER or ctx.p1.endswith("-evoked"):
        return False  # "membrane potential", "action potential", "potential difference"
    if ctx.n1 == "to" and ctx.p1 in ("the", "a"):
        return True  # "has the potential to"
    # BioScope often leaves "potential binding sites" unmarked; a news reader wants every
    # "potential benefit" marked, so outside the traps the reader scheme always marks it.
    return True if scheme == "reader" else None


_COMPARATIVE = _words("more less times twice as equally")


def _likely(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "women were 15% more likely to": a measured risk, not a hedge
    return not (scheme == "reader" and ctx.p1 in _COMPARATIVE and ctx.n1 == "to")


_PART_AFTER = _words(
    "because due explains explain explained responsible attributable reflects reflect reflected "
    "owing accounts account accounted from to through via"
)
_PART_BEFORE = _words(
    "explained explains explain due least driven caused mediated regulated accounted "
    "attributable responsible reflects reflected"
)


def _somewhat(surface: str, ctx: Context, scheme: str) -> bool | None:
    if surface in ("in part", "partly"):
        # "partly because", "explained in part by": a limited claim. "partly funded by",
        # "in part 2": plain facts.
        return (
            ctx.n1 in _PART_AFTER
            or ctx.p1 in _PART_BEFORE
            or (
                ctx.n1 == "by"
                and ctx.p1.endswith("ed")
                and ctx.p1 not in ("funded", "paid", "owned")
            )
        )
    return True


def _suspect(surface: str, ctx: Context, scheme: str) -> bool | None:
    if scheme != "reader":
        return None
    if surface == "suspected":
        # "patients with suspected appendicitis": a working diagnosis
        if ctx.p1 in ("with", "of", "for", "or"):
            return False
        # "suspected of fraud", "the suspected gunman": a charge not proven
        return True if ctx.n1 == "of" or ctx.p1 in ("the", "a", "an") else None
    # "we suspect that" hedges; "the suspect was arrested" is a person.
    return ctx.p1 in SUBJECTS or ctx.n1 == "that"


def _reader_only_before_that(surface: str, ctx: Context, scheme: str) -> bool | None:
    """ "the idea that", "the suggestion that" hedge; "a good idea", "send suggestions" do not."""
    if scheme != "reader":
        return None
    return ctx.n1 == "that" if surface != "suggestive" else None


def _propose(surface: str, ctx: Context, scheme: str) -> bool | None:
    if scheme == "reader" and surface == "proposed" and ctx.p1 in DETERMINERS:
        return False  # "the proposed law", "a proposed merger"
    return None


def _expect(surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.p1 in ("than", "as", "unexpected") or ctx.p2 == "than" or ctx.p1 in DETERMINERS:
        return False  # "better than expected", "as expected", "an expected increase"
    if ctx.n1 == "by" and ctx.n2 == "chance":
        return False  # "more often than expected by chance": a statistical baseline
    if surface in ("expected", "predicted") and (ctx.p1 in BE or ctx.p1 == "be"):
        if ctx.n1 == "that" and ctx.p2 == "it":
            return True  # "it is expected that"
        if scheme == "reader" or ctx.n1 == "to":
            return ctx.n1 == "to"  # "is expected to rise": a forecast, hedged
    return None


def _estimate(surface: str, ctx: Context, scheme: str) -> bool | None:
    """Reader: every estimate but the aim "to estimate X". BioScope marks an estimate offered
    as a claim ("it has been estimated that", "is estimated to be"), not a computed quantity
    ("the estimated rate", "to estimate X")."""
    if scheme == "reader":
        return ctx.p1 not in ("to", "not")
    if ctx.n1 in ("that", "to") and ctx.p1 != "to":
        return True
    return ctx.p1 in ("been", "we", "i", "they") or (ctx.p1 in BE and ctx.n1 in ("at", "recently"))


# Verbs of a conclusion, not an obligation: "this effect must involve another mechanism".
_MUST_INFER = _words(
    "involve involves play reflect represent exist arise lie account depend result act occur "
    "operate derive originate contribute"
)


# What a modal says a cause may do: "exercise can boost mood", "the tax would cut demand", "this
# should help". Not ability ("the device can store 1 GB") or obligation ("you should rest").
EFFECTS = _words(
    """boost boosts help reduce increase lead cause prevent improve lower raise trigger protect
    damage harm affect cut curb slow speed delay allow enable provide yield result facilitate
    promote contribute worsen alter influence benefit extend save transform bring avoid mean
    open pave ease relieve prolong shorten spur fuel drive hurt weaken strengthen block halt
    reverse predispose accelerate"""
)


_MODAL_LEAD = _words("also even potentially actually still be")
# "would" before these states a hypothetical outcome: "the oceans would have frozen", "it would
# require a leak below 1.4%", "a war would not change the total".
_HYPOTHETICAL = _words("be have not still require mean need probably likely")
# "would later become", "would go on to": what happened next in a life story, not a guess.
_FUTURE_IN_PAST = _words("later eventually go become never often soon")
# "The company would not comment": a refusal, not a hedge.
_REFUSED = _words(
    "comment say confirm disclose reveal discuss elaborate specify name answer respond identify"
)


def _effect_next(word: str) -> bool:
    return word in EFFECTS or word in _MODAL_LEAD


def _would_next(word: str) -> bool:
    return _effect_next(word) or word in _HYPOTHETICAL


def _quantity_next(word: str) -> bool:
    return _numeric(word) or word in CURRENCY or word in ("a", "an", "one")


#: Reader-scheme candidates (by phrase) that only certain next words can make a hedge: the
#: detector looks at the next word (lowercased) before building any context, since "can",
#: "would", "about" and "some" are among the commonest words of English.
NEXT_WORD_GATES: dict[str, Callable[[str], bool]] = {
    "can": _effect_next,
    "would": _would_next,
    "should": _effect_next,
    **{p: _quantity_next for p in ("about", "around", "some", "close to", "up to", "at least")},
    **{f"as {w} as": _quantity_next for w in ("much", "many", "high", "low", "few", "little")},
}


def _effect_modal(surface: str, ctx: Context, scheme: str) -> bool | None:
    if scheme != "reader":
        return None  # the BioScope convention: the learned model decides
    if ctx.p1 in AGENTS or ctx.p1 in _PERMITTEES or ctx.p1 in ("who", "that", "which"):
        return False  # "patients should avoid", "people who can afford it"
    verb = ctx.n2 if ctx.n1 in _MODAL_LEAD and ctx.n1 != "be" else ctx.n1
    if verb == "be" and (ctx.n2 == "able" or ctx.n3 == "able"):
        return True  # "should be able to cling"
    if surface == "would" and verb in _HYPOTHETICAL:
        return _hypothetical_would(ctx)
    return verb in EFFECTS


def _hypothetical_would(ctx: Context) -> bool:
    """ "The oceans would have frozen", "it would require": an outcome under a condition a
    reader should see as modelled, not observed. Not "would later become" (what happened next)
    nor "would not comment" (a refusal)."""
    if ctx.n2 in _FUTURE_IN_PAST or ctx.n1 in _FUTURE_IN_PAST:
        return False
    if ctx.p1 in ("example", "instance"):
        return False  # "an example would be": a polite "is", not a guess
    return not (ctx.n1 == "not" and ctx.n2 in _REFUSED)


def _hope(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "researchers hope to confirm", "the hope that": what is not yet so. "Hope Street", "no hope".
    if surface == "hopefully":
        return True
    return ctx.n1 in ("to", "that") and not (ctx.cap and not ctx.initial) and ctx.p1 != "no"


# Verbs and adjectives that leave a "whether" open: "tests whether", "it is unknown whether".
_OPEN_WHETHER = _words(
    """test tests tested testing examine examines examined examining investigate investigates
    investigated investigating study studies studied studying determine determines determined
    determining assess assesses assessed assessing explore explores explored exploring
    establish established check checks checked checking evaluate evaluates evaluated
    evaluating see know knows known unknown ask asks asked asking wonder wonders wondered
    wondering question questions questioned debate debated debating clear unclear uncertain
    decide decided investigation investigations tell confirm confirmed show shown whether"""
)


def _whether(surface: str, ctx: Context, scheme: str) -> bool | None:
    """Reader: a question left open ("now testing whether the drug works", "the question is
    whether"); not "regardless of whether" or a choice ("whether you walk or cycle")."""
    if scheme != "reader":
        return None
    if ctx.p1 in ("of", "regardless", "irrespective", "no matter"):
        return False
    return (
        ctx.p1 in _OPEN_WHETHER
        or ctx.p2 in _OPEN_WHETHER
        or (ctx.p1 == "is" and ctx.p2 in ("question", "issue"))
    )


def _must(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "must be performed", "proteins must be co-localized": a requirement (deontic), not a guess.
    return ctx.n1 in _MUST_INFER or (ctx.n1 in ("also", "therefore") and ctx.n2 in _MUST_INFER)


def _hint(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "hinted at a link", "results hint that": a weak claim; "a hint of lemon": a small amount.
    return ctx.n1 in ("at", "that") or (surface in ("hinted", "hinting") and ctx.n1 != "by")


_FEAR_RAISE = _words(
    "amid amidst raising raised raise raises sparked spark sparking fuelling fueling fuelled "
    "fueled allay allayed growing mounting renewed prompting prompted stoked stoking over"
)


def _fear(surface: str, ctx: Context, scheme: str) -> bool | None:
    """ "fears that", "is feared dead", "amid fears of a recession": a worry offered as a
    possibility. "fear of flying", "without fear": an emotion."""
    if ctx.n1 in ("that", "dead", "lost", "missing", "killed"):
        return True
    if ctx.n1 == "to" and ctx.p1 in BE:
        return True  # "are feared to have"
    if ctx.p1 in BE and ctx.p2 == "it":
        return True  # "it is feared"
    return ctx.p1 in _FEAR_RAISE and surface in ("fears", "fear")


def _accuse(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "the accused": the person in court; "accused of fraud", "accusations of": a charge, unproven.
    return not (surface == "accused" and ctx.p1 in DETERMINERS and ctx.n1 != "of")


def _apparently(surface: str, ctx: Context, scheme: str) -> bool | None:
    return ctx.n1 not in ("healthy", "normal")  # "apparently healthy volunteers": a clinical term


def _always(surface: str, ctx: Context, scheme: str) -> bool | None:
    return True


def _putative(surface: str, ctx: Context, scheme: str) -> bool | None:
    return True if scheme == "reader" else None


def _possible(surface: str, ctx: Context, scheme: str) -> bool | None:
    if surface == "possible":
        if ctx.p1 == "as" or ctx.p1 in SUPERLATIVE:
            return False  # "as soon as possible", "the best possible care"
        if ctx.p1 in ("whenever", "wherever", "where", "if", "when") and ctx.n1 in (
            "",
            ",",
            ".",
            ")",
            ";",
        ):
            return False  # "if possible", "where possible"
        if ctx.p1 == "made" or ctx.p2 in ("make", "makes", "made", "making"):
            return False  # "made possible", "makes it possible"
        if scheme == "reader" and ctx.n1 == "to" and "it" in (ctx.p2, ctx.p3):
            return False  # "it is possible to measure": ability
        if ctx.p2 in SUPERLATIVE and ctx.p1.endswith("ly"):
            return False  # "all theoretically possible sequences"
        if ctx.n1 in _CLOSE and ctx.p1 not in BE and "most" in (ctx.p2, ctx.p3):
            return False  # "the most relevant comparison possible": a superlative's tail
        if ctx.p1 == "of" and ctx.p2 in _ENUMERATION:
            return False  # "the range of possible values": every value, not a guess
        if ctx.n1 == "that":
            return True
    return None


_CLOSE = _words(", . ; : ) for in")
_ENUMERATION = _words("range set number space list combinations all each every")


def _approx(surface: str, ctx: Context, scheme: str) -> bool | None:
    n1, n2 = ctx.n1, ctx.n2
    numeric = (
        _numeric(n1)
        or (n1 in CURRENCY and _numeric(n2))
        or (
            n1 in ("a", "an", "one")
            and n2 in ("third", "quarter", "half", "fifth", "dozen", "tenth")
        )
    )
    if surface == "ca.":
        return not ctx.cap  # "ca. 1500 BC"; "Ca." ends a sentence about calcium
    if surface == "or so":
        return _numeric(ctx.p1) or ctx.p1 in _TIME_UNITS
    if surface in ("nearly", "almost"):
        return numeric or n1 in _NEAR_ALL
    if surface == "estimated":
        return numeric or n1 in ("to", "that")
    if surface == "some" and n1 in ("of",):
        return False
    if surface == "about" and ctx.p1 in _ABOUT_TOPIC:
        return False  # "what is special about 10", "a story about 40 patients"
    return numeric


SUBJECTS = _words(
    "i we you they he she people experts researchers scientists doctors some many most others "
    "authors investigators n't not also still really honestly personally"
)
_THINK_NOT = _words("about of through back twice ahead outside tank big positive again up over")


def _think(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "I think", "researchers think", "we suppose": opinion. "think about", "to think": not.
    return ctx.p1 in SUBJECTS and ctx.n1 not in _THINK_NOT


_ABOUT_TOPIC = _words(
    "special talk talked talking think thought thinking know knew worry worried care cares "
    "something anything nothing everything what how story stories question questions concerns "
    "information article book learn learned read wrote write said say"
)


_DELIBERATION = _words(
    "from in for when during with under at on separately together individually jointly first "
    "carefully"
)


def _believed(surface: str, ctx: Context, scheme: str) -> bool | None:
    if surface == "thought":
        if (
            ctx.p1 in DETERMINERS
            or ctx.p1 in ("for", "of")
            or ctx.n1
            in (
                "experiment",
                "experiments",
                "of",
                "process",
                "processes",
                "leader",
                "leaders",
                "about",
                "through",
                "out",
            )
        ):
            return False  # "food for thought", "a thought experiment", "thought about it"
        if "than" in (ctx.p1, ctx.p2):
            return False  # "more common than previously thought": a comparison, not a shield
        if ctx.p1 in BE or ctx.n1 in ("to", "that"):
            return True
        if scheme == "reader" and (ctx.p1 in HOLDERS or ctx.p1 in SUBJECTS):
            return True  # "some thought the game was tasteless", "I thought it would"
        return None
    if surface in ("considered", "regarded"):
        passive = ctx.p1 in BE or ctx.p1.endswith("ly")
        if scheme == "reader" and (
            ctx.p1 in HOLDERS
            or (passive and ctx.n1 in ("the", "by", "one", "among", "a", "an", "as"))
            or (ctx.p1 == "," and ctx.n1 in ("a", "an", "one", "by", "to", "among", "the"))
        ):
            return True  # "many considered him", "is widely considered the best", ", considered a"
        if ctx.n1 in (
            "significant",
            "statistically",
            "positive",
            "negative",
            "abnormal",
            "eligible",
            "elevated",
            "present",
            "whether",
            "how",
            "the",
            "all",
            "for",
        ):
            return False  # "p < 0.05 was considered significant", "we considered whether"
        if ctx.p1 == "be" and ctx.p2 in MODALS:
            return False  # "should be considered": advice, not attribution
        if ctx.n1 in _DELIBERATION:
            return False  # "were considered from a new angle", "considered in the analysis"
        if ctx.p1 in ("highly", "well", "favourably", "favorably", "poorly", "carefully"):
            return False  # "highly regarded": praise; "carefully considered": deliberation
        if not passive:
            return False
        return True if scheme == "reader" else None  # "is considered", "widely regarded"
    # "hard to believe", "reason to believe" read as emphasis
    return not (surface == "believe" and ctx.p1 in ("to", "reason", "cannot", "can't"))


# Who holds a view a sentence reports: "many consider", "critics regarded", "some thought".
HOLDERS = _words(
    """many some most others critics historians scholars experts analysts fans observers
    commentators people economists officials skeptics sceptics supporters opponents
    proponents"""
)


def _consider(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "many consider X a", "critics consider it" hold a view; "we consider the following", "to
    # consider whether": deliberation.
    return ctx.p1 in HOLDERS or (
        ctx.p1 in ("also", "still", "generally", "often") and ctx.p2 in HOLDERS
    )


def _seen_as(surface: str, ctx: Context, scheme: str) -> bool | None:
    return True


def _that_clause(surface: str, ctx: Context, scheme: str) -> bool | None:
    """ "the belief that", "the view that", "doubts that": a held view; "a view of the sea".
    "Contrary to popular belief" corrects the view instead of holding it."""
    if (ctx.p2 == "to" and ctx.p3 == "contrary") or (ctx.p1 == "to" and ctx.p2 == "contrary"):
        return False
    return ctx.n1 == "that" or ctx.p1 in ("popular", "common", "widespread", "mistaken", "widely")


def _doubt(surface: str, ctx: Context, scheme: str) -> bool | None:
    # "no doubt", "beyond doubt", "little doubt": certainty (the booster phrases); "cast doubt on",
    # "doubts about", "doubted that": uncertainty.
    return ctx.p1 not in ("no", "little", "without", "beyond", "not") and ctx.p2 != "without"


def _allegedly(surface: str, ctx: Context, scheme: str) -> bool | None:
    if surface == "claimed":
        return ctx.n1 in ("to", "that") and ctx.p1 not in ("he", "she", "they", "it", "who")
    return True


def _no_evidence(surface: str, ctx: Context, scheme: str) -> bool | None:
    if surface == "no evidence":
        return ctx.n1 in ("that", "to", "yet")
    return True


def _negated(ctx: Context) -> bool:
    """A negation among the three words before: "not a cure", "has not been proven"."""
    before = (ctx.p3, ctx.p2, ctx.p1)
    for i, word in enumerate(before):
        if word in NEGATORS:
            after = before[i + 1 :]
            # "not only a breakthrough", "nothing short of a miracle" affirm.
            return not (after[:1] == ("only",) or after[:1] == ("short",))
    # "yet to be proven", "has yet to prove": not yet true.
    return "yet" in before and "to" in before[before.index("yet") :]


_FUNCTION = _words("in of for on as at to with and or the a an by from into over after")
# Verbs that name a label rather than apply it: "describe a mouse study as a cure".
_LABELLING = _words(
    """describe describes described describing call calls called calling label labels labelled
    labeled labelling labeling term terms termed dub dubs dubbed brand brands branded
    characterise characterize characterised characterized present presented presenting
    portray portrays portrayed frame framed framing refer refers referred"""
)
_MENTION = _words("word words term terms phrase phrases label labels language buzzword buzzwords")


def _mentioned(ctx: Context) -> bool:
    """The word is talked about, not used: "describe a mouse study as a cure", "words like
    'breakthrough'", "the term miracle"."""
    before = words_before(ctx, 8)
    if "as" in before[-4:] and any(word in _LABELLING for word in before):
        return True
    return (
        ctx.p1 in _MENTION
        or (ctx.p1 in ("like", "as", "such") and ctx.p2 in _MENTION)
        or (ctx.p2 in _MENTION and ctx.p1 in ("such", "as", "like"))
    )


def _booster(surface: str, ctx: Context, scheme: str, lemma: str) -> bool | None:
    if ctx.cap and not ctx.initial and ctx.n1_cap and ctx.n1 not in _FUNCTION:
        return False  # part of a name: "The Breakthrough Prize", "Miracle Whip"
    if _mentioned(ctx):
        return False
    if _negated(ctx):
        return False  # "not a cure", "does not prove", "has not been proven", "no cure"
    if "far" in (ctx.p3, ctx.p2) and "from" in (ctx.p2, ctx.p1):
        return False  # "far from a cure"
    if lemma == "prove" and (ctx.p1 in MODALS or ctx.p1 in _CONDITIONAL):
        return False  # "may prove useful": already hedged; "when a therapy proves effective"
    if lemma == "prove" and ctx.p1 == "to":
        return False  # "set out to prove": an aim, not a claim
    if lemma == "cure" and (ctx.p1 in _CURE_HOPE or ctx.p2 in _CURE_QUEST or ctx.p1 in _CURE_QUEST):
        return False  # "the search for a cure", "a potential cure", "closer to a cure": a goal
    blocked = _BOOST_NOT.get(lemma)
    return not (blocked and ctx.n1 in blocked)


_RULES: dict[str, Callable[[str, Context, str], bool | None]] = {
    "may": _may,
    "might": _might,
    "could": _could,
    "suggested": _suggested,
    "suggest": _suggest,
    "indicate": _indicate,
    "indicated": _indicate,
    "indicating": _indicate,
    "indication": _indication,
    "appear": _appear,
    "appeared": _appear,
    "potential": _potential,
    "possible": _possible,
    "likely": _likely,
    "suspect": _suspect,
    "notion": _reader_only_before_that,
    "suggestive": _reader_only_before_that,
    "propose": _propose,
    "expect": _expect,
    "predict": _expect,
    "estimate": _estimate,
    "hint": _hint,
    "fear": _fear,
    "accuse": _accuse,
    "can": _effect_modal,
    "would": _effect_modal,
    "should": _effect_modal,
    "hope": _hope,
    "whether": _whether,
    "consider": _consider,
    "seen-as": _seen_as,
    "belief": _that_clause,
    "doubt": _doubt,
    "must": _must,
    "somewhat": _somewhat,
    "putative": _putative,
    "probably": _always,
    "possibly": _always,
    "perhaps": _always,
    "apparently": _apparently,
    "seem": _always,
    "about": _approx,
    "think": _think,
    "believed": _believed,
    "allegedly": _allegedly,
    "unproven": _no_evidence,
}
BOOSTER_LEMMAS = _words(
    "breakthrough prove cure definitely undoubtedly clearly-demonstrates miracle game-changer "
    "guaranteed wonder-drug world-first landmark stunning unequivocal"
)


# Verbs of belief that, after "than", measure a surprise rather than hedge: "weaker than you
# think", "more common than previously believed".
_COMPARED = _words("think believed expect predict assume suggest suggested estimate imagine")


def judge(lemma: str, surface: str, ctx: Context, scheme: str) -> bool | None:
    if ctx.quoted:
        return False  # a word mentioned, not used: 'described as "possible"', 'the word "cure"'
    if lemma in _COMPARED and "than" in (ctx.p1, ctx.p2, ctx.p3):
        return False
    if lemma in BOOSTER_LEMMAS:
        return _booster(surface, ctx, scheme, lemma)
    rule = _RULES.get(lemma)
    if rule is None:
        return None
    return rule(surface, ctx, scheme)
