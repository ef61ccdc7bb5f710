"""Stance of a text toward a target drug, with every decision traced to evidence spans.

The method is a transparent cue lexicon (`data/stance_cues.csv`) plus modifier rules
(`data/stance_modifiers.csv`): each cue match becomes an evidence row whose weight is the lexicon
weight times the modifiers that applied (negation flips, hedges and hearsay weaken, the clause after
"but" weighs more, hypotheticals and off-target clauses count zero). Side-effect cues come from
`analysis.effects.find_effects` when that module is importable. See docs/codebook.md.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import stance_model
from .drugs import (
    SWITCH_AWAY,
    DrugTarget,
    names_pattern,
    other_drug_follows,
    other_drugs_pattern,
)
from .paths import PACKAGE_DATA
from .prefilter import Needles, haystack, may_match, required_literals

if TYPE_CHECKING:
    from .model import PageTables

CUES_FILE = PACKAGE_DATA / "stance_cues.csv"
MODIFIERS_FILE = PACKAGE_DATA / "stance_modifiers.csv"

LABELS = ("favor", "against", "mixed", "neutral")
LEARNED = "learned"  # evidence category of the learned model's n-grams (analysis.stance_model)
TOP_K = 5  # learned n-grams reported per text (every rule cue is reported)
# why the model's n-grams are shown but not counted when the blend finds no stance
NO_STANCE_REASON = "neutral:too_little_evidence"
MIN_MODEL_FEATURES = 10  # the model speaks only after reading this many distinct known n-grams
# (about two sentences; 99% of the Druglib dev reviews it was trained on have more)
RULES_ONLY_CATEGORIES = frozenset({"evidence_scepticism", "dismissal", "distrust", "comparison"})
# The commenter's own critique: a reported claim inside it is what is being criticised.
CRITIQUE_CATEGORIES = frozenset({"evidence_scepticism", "dismissal", "distrust"})

# Decision parameters. MIN_EVIDENCE and MIXED_BAND were chosen on the dev half of the Druglib
# split (benchmarks/druglib_stance.py) and are reported on the held-out half only.
MIN_EVIDENCE = 0.5  # below this total cue weight the text takes no stance
# rule evidence (total cue weight, all one way) at or above which the blend may not label the text
# the other way: the conflict is labelled mixed (benchmarks/train_stance_model.py chooses the
# thresholds with it; adopted in session 9 on the Druglib dev half, +0.009 three-class)
CONFLICT_EVIDENCE = 1.0
MIXED_BAND = 0.10  # |balance| below this (balance = (favor-against)/(favor+against)) is mixed
CATEGORY_CAP = 3.0  # a category's total per direction saturates toward this: a list of ten side
# effects is not ten independent reasons (contribution = CAP * (1 - exp(-sum / CAP)))
SCORE_SMOOTHING = 1.0  # stance_score = (favor - against) / (favor + against + smoothing)

HARM_WEIGHT = 0.35  # an affirmed side effect from analysis.effects (dev grid: 0.6 -> 0.35)
HARM_NEGATED_WEIGHT = 0.2  # "no drowsiness": weak evidence in favour
# A side effect an article or section says the drug may cause ("can cause drowsiness") is evidence
# against it at half weight: a real risk the writer sets out, but not one anybody reports having.
# In comments and reviews a hypothetical effect ("if I get drowsy") still counts for nothing.
PROSE_POSSIBLE_HARM = 0.5
EXPERIENCER_FACTOR = {"self": 1.0, "other": 0.4, "general": 0.7}
CONTRAST_BEFORE, CONTRAST_AFTER = 0.7, 1.4
# cues about a first attempt that the writer has since retried ("First time I gave up after 3
# weeks... This time it's been different"): the later go is the writer's current experience
EARLIER_ATTEMPT = 0.3
# a side effect the writer says went away ("the nausea went away after a week", "which subsided")
# was real but passed: it weighs this fraction of a lasting one
PASSED_HARM = 0.3
# a stop the writer tells only as the test that the drug worked ("stopped it and the anxiety came
# back within weeks"): the stop was real, but its story speaks for the drug
STOP_BEFORE_RELAPSE = 0.3
QUESTION_FACTOR = 0.3
# Words that make a sentence in an article about a drug speak of that drug's harms, named or not
_HARM_TALK = re.compile(
    r"\b(?:side[- ]?effects?|adverse\s+(?:effects?|events?|reactions?)|(?:can|may|might)\s+cause)\b",
    re.IGNORECASE,
)
_PAUSE = re.compile(r"[,;:]")  # punctuation ending a negation's scope before the cue
SALIENCE_WINDOW = 2  # sentences after a naming sentence that are still about the drug (prose)

# Words that refer to the drug once the text is about it.
_ANAPHORA = (
    r"it|this|these|"
    r"(?:this|that|the|these|those)\s+(?:drug|meds?|medications?|medicines?|stuff|pills?|tablets?"
    r"|treatment|capsules?|injections?|shots?|jabs?)"
)
# Symptoms a treatment aims to remove, for the cue lexicon's {SYMPTOM}: one list for every wording
# of relief ("acne was gone", "the cough subsided", "a reduction in seizures"). Functions and
# measures that a side effect also lowers (appetite, libido, energy, blood pressure) stay out.
_SYMPTOM = (
    r"pain|aches?|symptoms?|anxiety|depression|acne|spasms?|cramps?|headaches?|migraines?"
    r"|heartburn|reflux|rash(?:es)?|itch(?:ing)?|hives|cough(?:ing)?|infections?|insomnia|nausea"
    r"|vomiting|swelling|inflammation|fever|sore\s+throat|fistula|breakouts?|spots|pimples|cysts"
    r"|lesions|congestion|allerg(?:y|ies)|panic\s+attacks?|hot\s+flashes|hot\s+flushes|flushes"
    r"|(?:night\s+)?sweats|cravings?|seizures?|tremors?|psoriasis|eczema|fungus|blemishes|dread"
    r"|low\s+mood|brain\s+fog|urges?|restlessness|intrusive\s+thoughts|wheez(?:e|ing)|bloating"
    r"|outbreaks?|cold\s+sores?|flares?|flare-ups?|attacks|episodes|shedding|hair\s+loss|stiffness"
    r"|irritability|aggression|agitation|mood\s+swings|urgency|cholesterol|ldl|triglycerides"
)
_CONTRAST = re.compile(r"\b(?:but|however|yet|whereas|except that)\b", re.IGNORECASE)
_CONCESSIVE = re.compile(r"\b(?:even though|although|though)\b|^\s*while\b", re.IGNORECASE)
_WORD = re.compile(r"[\w']+")
_IMPROVED = re.compile(r"\b(?:better|improv\w*|back|return\w*|normal|sharper|stronger)\b", re.I)
_SWITCHED_TO = re.compile(rf"\b{SWITCH_AWAY.pattern}([\w-]+)", re.IGNORECASE)
# a take/prescribe verb, then "to" right before an efficacy cue: the purpose of taking it
_PURPOSE = re.compile(
    r"\b(?:took|take|takes|taking|prescribed|prescribes|given|gave\s+(?:me|her|him|them)|"
    r"put\s+(?:(?:me|her|him|them|us)\s+)?on|"
    r"using|use|used|tried|trying|something|anything)\s+"
    # the words between may not open another clause or say how long it took ("took weeks to work")
    r"(?:(?!(?:seems?|seemed|appears?|appeared|began|begin|started|and|but|which|then|while|so|"
    r"months?|weeks?|days?|hours?|minutes?|years?|time|ages|forever|long)\b)[\w'-]+\s+){0,8}?"
    r"['\"\u2018\u201c]?to\s+$",  # 'to help her settle': a quoted purpose
    re.IGNORECASE,
)
# a sentence that opens the way questions do is asked even when the "?" was left off ("and how
# long does it usually take before it starts working"); openings that also start statements
# with the subject left out ("Did nothing for me", "Was on it for years") are not listed
_QUESTION_OPENING = re.compile(
    r"\W*(?:(?:and|so|also|but|ok|okay|just\s+wondering|quick\s+question)[\s,:]+)?"
    r"(?:how\s+(?:long|much|many|often|soon|quickly|do|does|did|is|are|can|should|would|will)|"
    r"why\s+(?:would|do|does|did|is|are|should|has|have)|does\s+(?:it|this|that|anyone|anybody)|"
    r"is\s+(?:it|this|that|there)|are\s+(?:there|these|they)|will\s+(?:it|this|i)|"
    r"can\s+(?:i|you|it|anyone|anybody|we)|should\s+(?:i|we)|has\s+(?:anyone|anybody)|"
    r"have\s+(?:you|any\s+of\s+you)|anyone\s+(?:else|know|tried)|do\s+(?:you|i|they|any))\b",
    re.IGNORECASE,
)
# modifiers read right after a cue of the category (stance_modifiers.csv), not in the whole clause
_TAIL_MODIFIERS = {"discontinuation": "course_over", "recommendation": "subgroup"}
# the subject of an advice that limits how the drug is used, not whether
_USE_LIMIT = re.compile(
    r"\b(?:extended|long[- ]term|longer[- ]term|prolonged|continuous|continued|routine|chronic)\s+"
    r"(?:use|usage|treatment|therapy)\b",
    re.IGNORECASE,
)
# modifiers read in the words right before a cue of the category ("my doctor recommended it")
_LEAD_MODIFIERS = {"recommendation": "others_advice"}
_BACK_TO_END = re.compile(r"\bback\s+(?:on|to)\s*$")  # "asked to go back on" + another drug
# "once I got off [the|my] Requip": the word before another drug's name after "off"
_OFF_OBJECT_LEAD = re.compile(r"\s+(?:the|my|taking|using)\b")
_NOT_A_DRUG_AFTER_SWITCH = frozenset(
    [
        "a",
        "an",
        "the",
        "another",
        "this",
        "that",
        "it",
        "them",
        "night",
        "nights",
        "morning",
        "mornings",
        "evening",
        "bedtime",
        "once",
        "twice",
        "daily",
        "weekly",
        "half",
        "taking",
        "using",
    ]
)
_OFF_DRUG = re.compile(
    r"\b(?:once|after|since|when|now\s+that)\s+(?:i\s+|i've\s+|we\s+|he\s+|she\s+)?(?:got|get|"
    r"came|come|went|go|was|am|been|being|have\s+been|had\s+been|weaned|tapered)\s+"
    r"(?:myself\s+)?off\b|"
    r"\b(?:once|after|since|when|now\s+that)\s+i'm\s+(?:fully\s+|completely\s+)?off\b|"
    r"\b(?:after|since)\s+(?:stopping|quitting|discontinuing|coming\s+off|getting\s+off)\b|"
    r"\b(?:since|after|once|when)\s+(?:i|we|he|she)\s+(?:stopped|quit|discontinued)\b"
    r"(?!\s+(?!taking\b|using\b)\w+ing\b)|"  # not "once I stopped smoking"
    # "I weaned off in January and I feel like a person again" (not "went off it since it failed")
    r"\b(?:i|we|he|she)\s+(?:weaned|tapered|came|got|went|am|'m|have\s+been)\s+(?:myself\s+)?off\b"
    r"[^.;!?]*?\band\s+(?:now\s+|since\s+(?:then\s+)?)?(?:i|my|i'm|i've)\b",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r",?\s*\b(?:and|then|&)\b|;", re.IGNORECASE)
# words just before another drug's name that make it the object of a stop: "I've come off
# gliclazide", "no longer need my Ventolin" (a benefit reported of the target, not a new subject)
_STOPPED_OTHER = re.compile(
    r"\b(?:(?:come|came|coming|got|get|getting|been|be|go|went|taken|took)\s+(?:me\s+)?off|"
    r"(?:stop|stopped|drop|dropped|quit)\s+(?:taking\s+|using\s+|needing\s+)?|"
    r"no\s+longer\s+(?:need|needs|take|takes|on|use|using|taking|needing)|"
    r"(?:don'?t|do\s+not|doesn'?t)\s+need)\s+(?:my\s+|the\s+|any\s+more\s+|any\s+)?$",
    re.IGNORECASE,
)
# Other medicines named by number or class, not by name: "two SSRIs", "the other meds", "my old pills"
_OTHER_MEDS = re.compile(
    r"\b(?:two|three|four|five|six|several|many|other|previous|earlier|older|different|"
    r"the\s+other|all\s+the\s+other|my\s+(?:old|previous|other|last))\s+(?:\w+\s+)?"
    r"(?:ssris|snris|meds|medications|medicines|drugs|pills|tablets|antidepressants|"
    r"treatments|statins|painkillers|inhalers|antibiotics|creams)\b",
    re.IGNORECASE,
)
# An efficacy cue right after a relative pronoun is about the pronoun's antecedent: "my doctor
# switched me to physical therapy, which actually helped" says nothing of the drug. Only adverbs or
# auxiliaries may stand between the pronoun and the cue ("that it helped" is a complement clause).
_RELATIVE = re.compile(
    r"([\w-]+)\s*,?\s+(?:which|that|who)\s+(?:(?:actually|really|finally|also|just|truly|"
    r"definitely|always|never|ever|still|has|have|had|did|does|do|seems?\s+to|seemed\s+to)\s+){0,2}$",
    re.IGNORECASE,
)
# Other remedies, as the subject of an efficacy cue a few words later ("the magnesium helps my
# sleep", "now I do yoga and it helps way more"): their success is not the drug's.
_OTHER_REMEDY = re.compile(
    r"\b(?:magnesium|iron|melatonin|cbd|supplements?|vitamins?(?:\s+\w)?|essential oils?|yoga|"
    r"stretch(?:ing|es)|massages?|acupuncture|physio(?:therapy)?|physical therapy|chiropract\w+|"
    r"therapy|therapist|counsel(?:l)?ing|cbt|meditation|mindfulness|exercis(?:e|es|ing)|running|"
    r"walking|swimming|diet|fasting|heat(?:ing pad)?|ice|hot baths?|warm baths?|epsom salts?|"
    r"compression socks|herbs|herbal\s+\w+|turmeric|quinine|tonic water|b-?12|zinc|fish oil|"
    r"omega[- ]?3s?|probiotics?|folic acid|ginger|peppermint oil|chamomile|valerian|ashwagandha|"
    r"glucosamine|cannabis)\b",
    re.IGNORECASE,
)
OTHER_REMEDY_WORDS = 6  # how many words before an efficacy cue its remedy subject may stand

# A measure "from 190 to 70" fell, which is what treatment aims at for every measure the rule
# names (LDL, A1c, blood pressure, pain score); a rise reads as the drug failing.
MEASURE_CHANGE_RULE = "eff_measure_change"
# Cue flags (the `flags` column of stance_cues.csv, ";"-separated), read by this module and by
# analysis.experience: what a cue means beyond its category and polarity.
# over_effects: the cue says more than the effect mention inside it, so it wins the overlap: what
# the drug reduced (the symptom is the treated condition, not a harm), "the acne came back" (the
# treated condition returning), "the seizure risks are real" (a risk asserted, where the mention
# alone reads as hypothetical), "don't let them talk you out of it" (no drowsiness).
OVER_EFFECTS = "over_effects"
PARTIAL = "partial"  # its very wording is a partial effect ("takes the edge off")
TOLD_TO_STOP = "told_to_stop"  # a stop with the prescriber as subject ("my doctor took me off it")
WORSE = "worse"  # the drug made the condition worse
DISTRUST = "distrust"  # also a sign of distrust (frames): "trials paid for by the maker"
NOT_STARTED = "not_started"  # the writer has not begun the drug: "starting it next week"
# counts only in a clause about another drug: "switched to Wegovy and I've done better on it"
OTHER_DRUG_CLAUSE = "other_drug_clause"
OTHER_DRUG_NOTE = "off_target:other_drug"  # the target note of a clause about another drug
CUE_FLAGS = frozenset(
    {OVER_EFFECTS, PARTIAL, TOLD_TO_STOP, WORSE, DISTRUST, NOT_STARTED, OTHER_DRUG_CLAUSE}
)
_MEASURE_NUMBERS = re.compile(r"\d+(?:\.\d+)?")
_OUT_OF_TEN = re.compile(r"\s*(?:/\s*10|out\s+of\s+10)\b", re.IGNORECASE)
# "…which did more": a relative clause whose antecedent decides which remedy did better.
RELATIVE_MORE_RULE = "cmp_more_than"
RECOMMEND_OTHER_RULE = "rec_other"  # recommending another treatment; its own class is no other
BACK_ON_OTHER_RULE = "cmp_back_on_other"  # "back on X": counts only when X is another drug
# Notes on a cue whose wording needs another drug that is not there: it says nothing, not even a
# frame ("back on my feet", comparative praise outside another drug's clause)
NO_OTHER_DRUG, NOT_ABOUT_OTHER_DRUG = "no_other_drug", "not_about_other_drug"
NEEDS_OTHER_DRUG = (NO_OTHER_DRUG, NOT_ABOUT_OTHER_DRUG)
_RELATIVE_MORE = re.compile(r"\b(?:which|that)\b", re.IGNORECASE)


def _measure_rose(span: str) -> bool:
    """Return True when the last two numbers of a "from X to Y" span rise (Y > X)."""
    span = _OUT_OF_TEN.sub("", span)  # "from 9/10 to 2": the scale is not a reading
    numbers = [float(n) for n in _MEASURE_NUMBERS.findall(span)[-2:]]
    return len(numbers) == 2 and numbers[1] > numbers[0]


# Antecedents that are the drug in other words: its dose or a generic name for a medicine.
_DRUG_ANTECEDENT = re.compile(
    r"(?:doses?|dosages?|dosing|regimens?|formulations?|generics?|amounts?|mg|pills?|tablets?|"
    r"capsules?|meds?|medications?|medicines?|"
    r"drugs?|prescriptions?|one|thing|something|it|this)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """One piece of evidence: a span of the text, its category, direction and counted weight."""

    category: str
    polarity: int  # +1 favours the drug, -1 opposes it (after negation)
    text: str
    start: int
    end: int
    weight: float  # contribution after modifiers; 0 = found but not counted (see modifiers)
    rule: str
    modifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class StanceResult:
    """Stance label, score in [-1, 1], and the evidence behind them."""

    label: str
    score: float
    evidence: tuple[Cue, ...] = field(default_factory=tuple)
    favor_weight: float = 0.0
    against_weight: float = 0.0


@dataclass(frozen=True)
class _Rule:
    id: str
    category: str
    polarity: int
    weight: float
    negatable: bool
    pattern: str
    flags: frozenset[str] = frozenset()


@cache
def load_rules(path: Path = CUES_FILE) -> tuple[_Rule, ...]:
    """Return the cue lexicon rows (ValueError on a repeated id: evidence names rules by id)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rules = tuple(
            _Rule(
                row["id"],
                row["category"],
                int(row["polarity"]),
                float(row["weight"]),
                row["negatable"].strip() == "1",
                row["pattern"],
                _flags(row.get("flags") or "", row["id"]),
            )
            for row in csv.DictReader(handle)
        )
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ValueError(f"{path}: cue id {rule.id!r} is used twice")
        seen.add(rule.id)
    return rules


def _flags(cell: str, rule_id: str) -> frozenset[str]:
    """Return the flags of a cue row, refusing unknown ones (a typo would silently do nothing)."""
    flags = frozenset(f.strip() for f in cell.split(";") if f.strip())
    unknown = flags - CUE_FLAGS
    if unknown:
        raise ValueError(f"stance cue {rule_id}: unknown flags {sorted(unknown)}")
    return flags


@cache
def rule_flags(rule_id: str) -> frozenset[str]:
    """Return the flags of the cue rule `rule_id` (empty for effect mentions and unknown ids)."""
    return next((r.flags for r in load_rules() if r.id == rule_id), frozenset())


@cache
def load_modifiers(path: Path = MODIFIERS_FILE) -> dict[str, tuple[float, re.Pattern[str]]]:
    """Return modifier kind -> (factor, compiled trigger pattern)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["kind"]: (float(row["factor"]), re.compile(row["pattern"], re.IGNORECASE))
            for row in csv.DictReader(handle)
        }


def _names_regex(drug: DrugTarget) -> str:
    return "|".join(re.escape(n) for n in drug.names)


@cache
def reference_pattern(drug: DrugTarget) -> re.Pattern[str]:
    """Return a regex matching the drug's names or an anaphoric reference to it."""
    return re.compile(
        rf"(?<![\w-])(?:{_names_regex(drug)}|{_ANAPHORA})(?![\w-])",
        re.IGNORECASE,
    )


@cache
def _compiled_rules(drug: DrugTarget) -> tuple[tuple[_Rule, re.Pattern[str], Needles], ...]:
    """Return the lexicon with {NAME}/{REF}/{SYMPTOM} filled for this drug, each with its needed literals."""
    names = _names_regex(drug)
    refs = f"{names}|{_ANAPHORA}"
    out = []
    for rule in load_rules():
        pattern = (
            rule.pattern.replace("{NAME}", f"(?:{names})")
            .replace("{REF}", f"(?:{refs})")
            .replace("{SYMPTOM}", f"(?:{_SYMPTOM})")
        )
        out.append((rule, re.compile(pattern, re.IGNORECASE), required_literals(pattern)))
    return tuple(out)


def _normalise(text: str) -> str:
    """Return text with curly apostrophes straightened (same length, so offsets are kept)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    factor: float
    label: str
    sentence_start: int
    sentence_end: int
    question: bool
    on_target: bool
    target_note: str


def _split_clauses(text: str, s_start: int, s_end: int) -> list[tuple[int, int, float, str]]:
    """Return (start, end, contrast factor, note) for the clauses of one sentence."""
    sentence = text[s_start:s_end]
    cuts: list[tuple[int, str]] = []
    for m in _CONTRAST.finditer(sentence):
        cuts.append((m.start(), "after"))
    for m in _CONCESSIVE.finditer(sentence):
        cuts.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), "concessive"))
        comma = sentence.find(",", m.end())
        if comma > 0:
            cuts.append((comma + 1, "main"))
    cuts.sort()
    bounds = [0] + [c for c, _ in cuts] + [len(sentence)]
    kinds = ["start"] + [k for _, k in cuts]
    clauses = []
    for i in range(len(bounds) - 1):
        clauses.append([bounds[i], bounds[i + 1], 1.0, ""])
    for i, kind in enumerate(kinds):
        if kind == "after":
            clauses[i][2] *= CONTRAST_AFTER
            clauses[i][3] = "contrast:after"
            for j in range(i - 1, -1, -1):
                clauses[j][2] *= CONTRAST_BEFORE
                clauses[j][3] = "contrast:before"
                if kinds[j] != "start":
                    break
        elif kind == "concessive":
            clauses[i][2] *= CONTRAST_BEFORE
            clauses[i][3] = "contrast:concessive"
        elif kind == "main" and i > 0 and kinds[i - 1] == "concessive":
            clauses[i][2] *= CONTRAST_AFTER
            clauses[i][3] = "contrast:after"
    return [(s_start + a, s_start + b, f, n) for a, b, f, n in clauses if b > a]


def _clauses(text: str, drug: DrugTarget, focused: bool) -> list[_Clause]:
    """Return the clauses of `text` with contrast factors and whether they are about the drug."""
    from .sentences import split_sentences

    names = drug.pattern()
    refs = reference_pattern(drug)
    others = other_drugs_pattern(drug)
    out: list[_Clause] = []
    last_named = -(10**6)
    for i, sentence in enumerate(split_sentences(text)):
        s_text = text[sentence.start : sentence.end]
        named = bool(names.search(s_text))
        if named:
            last_named = i
        # expository prose keeps its topic for a sentence or two after naming the drug, with or
        # without "it" ("About a third lost 20 percent or more.")
        if focused or named or i - last_named <= SALIENCE_WINDOW:
            on_target, note = True, ""
        else:
            on_target, note = False, "off_target:drug_not_salient"
        question = s_text.rstrip().endswith("?") or bool(_QUESTION_OPENING.match(s_text))
        for c_start, c_end, factor, label in _split_clauses(text, sentence.start, sentence.end):
            parts = [(c_start, c_end, on_target, note)]
            c_text = text[c_start:c_end]
            other = others.search(c_text) if others is not None else None
            own = names.search(c_text)
            meds = _OTHER_MEDS.search(c_text)
            if (
                other is None
                and meds is not None
                and (own is not None or not c_text[: meds.start()].strip())
            ):
                other = meds  # unnamed others count before the drug's name or as the subject
            if other is not None and own is not None and other.start() < own.start():
                # "Two SSRIs did nothing for me and by the time I got to venlafaxine ...": the
                # part before the coordination that leads to the drug is about the others
                cut = _coordination_before(c_text, own.start())
                if cut and cut > other.end():
                    parts = [
                        (c_start, c_start + cut, False, OTHER_DRUG_NOTE),
                        (c_start + cut, c_end, on_target, note),
                    ]
            elif other is not None and own is None:
                # "I stopped taking it and switched to Requip": what comes before the coordination
                # is about the drug the text refers to; only the other drug's part is off target
                cut = _coordination_before(c_text, other.start())
                # "my sugars are the best they've been and I've come off gliclazide": the other
                # drug is what the target let the writer stop, so the praise before stays the target's
                stopped = _STOPPED_OTHER.search(c_text, 0, other.start())
                if cut and (refs.search(c_text, 0, cut) or (focused and stopped)):
                    parts = [
                        (c_start, c_start + cut, on_target, note),
                        (c_start + cut, c_end, False, OTHER_DRUG_NOTE),
                    ]
                else:
                    parts = [(c_start, c_end, False, OTHER_DRUG_NOTE)]
            for p_start, p_end, p_on, p_note in parts:
                out.append(
                    _Clause(
                        p_start,
                        p_end,
                        factor,
                        label,
                        sentence.start,
                        sentence.end,
                        question,
                        p_on,
                        p_note,
                    )
                )
    return out


def _coordination_before(clause: str, pos: int) -> int | None:
    """Return where the last "and" / "then" / ";" before `pos` starts in `clause`, or None."""
    cuts = [m.start() for m in _COORDINATION.finditer(clause, 0, pos)]
    return cuts[-1] if cuts else None


def _clause_at(clauses: Sequence[_Clause], pos: int) -> _Clause | None:
    """Return the clause containing character `pos`, or None."""
    for clause in clauses:
        if clause.start <= pos < clause.end:
            return clause
    return None


def _last_words(text: str, start: int, end: int, n: int) -> tuple[int, str]:
    """Return (offset, text) of the last `n` words of text[start:end]."""
    words = list(_WORD.finditer(text, start, end))[-n:]
    if not words:
        return end, ""
    return words[0].start(), text[words[0].start() : end]


def _raw_matches(norm: str, drug: DrugTarget) -> list[tuple[_Rule, int, int]]:
    """Return non-overlapping lexicon matches, longer matches winning."""
    found = []
    lowered = haystack(norm)
    for rule, regex, needles in _compiled_rules(drug):
        if not may_match(needles, lowered):
            continue
        for m in regex.finditer(norm):
            if m.end() > m.start():
                found.append((rule, m.start(), m.end()))
    found.sort(key=lambda f: (-(f[2] - f[1]), f[1]))
    kept: list[tuple[_Rule, int, int]] = []
    for item in found:
        if all(item[2] <= k[1] or item[1] >= k[2] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f[1])


def _distrust_about_drug(norm: str, clause: _Clause, drug: DrugTarget) -> bool:
    """Return True when the sentence of a distrust cue refers to the drug or names its class
    ("PPIs are the biggest money machine in pharma history", "they hand out steroids like candy").
    """
    start, end = clause.sentence_start, clause.sentence_end
    if reference_pattern(drug).search(norm, start, end):
        return True
    terms = class_pattern(drug)
    return bool(terms and terms.search(norm, start, end))


def class_pattern(drug: DrugTarget) -> re.Pattern[str] | None:
    """Return a regex of the words for the drug's class, or None when its class is unknown."""
    return names_pattern(drug.class_terms) if drug.class_terms else None


def _apply_context(
    norm: str,
    clause: _Clause | None,
    start: int,
    category: str,
    drug: DrugTarget,
    kinds: tuple[str, ...] = ("hedge", "hearsay", "diminisher"),
) -> tuple[float, list[str]]:
    """Return the weight factor and modifier notes from the clause around a cue."""
    if clause is None:
        return 0.0, ["outside_sentences"]
    mods = load_modifiers()
    factor, notes = clause.factor, [clause.label] if clause.label else []
    if not clause.on_target and category != "comparison":
        return 0.0, [*notes, clause.target_note]
    if category == "distrust" and not _distrust_about_drug(norm, clause, drug):
        # distrust of institutions bears on the drug only when it is said about the drug
        return 0.0, [*notes, "off_target:distrust_not_about_drug"]
    clause_text = norm[clause.start : clause.end]
    # an if-clause ends at its comma: "If you take it at night, it works great" counts
    scope_start = max(clause.start, norm.rfind(",", clause.start, start) + 1)
    hyp = mods["hypothetical"][1].search(norm, scope_start, start)
    if hyp:
        return 0.0, [*notes, f"hypothetical:{hyp.group(0).lower()}"]
    if category not in CRITIQUE_CATEGORIES and "reported" in mods:
        kinds = (*kinds, "reported")  # "the article says it works": a claim, not the writer's view
    for kind in kinds:
        k_factor, k_regex = mods[kind]
        m = k_regex.search(clause_text)
        if m:
            factor *= k_factor
            notes.append(f"{kind}:{m.group(0).lower()}")
    w_start, window = _last_words(norm, clause.start, start, 3)
    k_factor, k_regex = mods["intensifier"]
    m = k_regex.search(window)
    if m:
        factor *= k_factor
        notes.append(f"intensifier:{m.group(0).lower()}")
    lead = _LEAD_MODIFIERS.get(category)
    m = mods[lead][1].search(window) if lead in mods else None
    if m:
        factor *= mods[lead][0]
        notes.append(f"{lead}:{m.group(0).strip().lower()}")
    if clause.question and category != "dismissal":
        factor *= QUESTION_FACTOR
        notes.append("question")
    return factor, notes


def _lexicon_cues(text: str, norm: str, drug: DrugTarget, clauses: Sequence[_Clause]) -> list[Cue]:
    """Return cues from the lexicon with negation, hedging, hearsay and contrast applied."""
    negation = load_modifiers()["negation"][1]
    cues = []
    for rule, start, end in _raw_matches(norm, drug):
        clause = _clause_at(clauses, start)
        polarity, cue_start, notes = rule.polarity, start, []
        if rule.negatable and clause is not None:
            w_start, window = _last_words(norm, clause.start, start, 3)
            neg = None
            for m in negation.finditer(window):
                neg = m
            # "my rheumatologist said absolutely not, stay on it": a reply, not the cue's scope
            if neg is not None and _PAUSE.search(norm, w_start + neg.end(), start):
                neg = None
            if neg is not None:
                polarity = -polarity
                cue_start = w_start + neg.start()
                notes.append(f"negated:{neg.group(0).lower()}")
        factor, context_notes = _apply_context(norm, clause, start, rule.category, drug)
        if OTHER_DRUG_CLAUSE in rule.flags and (
            clause is None or clause.target_note != OTHER_DRUG_NOTE
        ):
            # comparative praise with no "than" says which drug only through its clause
            factor, context_notes = 0.0, [*context_notes, NOT_ABOUT_OTHER_DRUG]
        antecedent = (
            _relative_antecedent(norm, clause, cue_start) if rule.category == "efficacy" else ""
        )
        if antecedent and not _names_the_drug(antecedent, drug):
            factor, context_notes = (
                0.0,
                [*context_notes, f"off_target:relative_clause:{antecedent}"],
            )
        if rule.id == MEASURE_CHANGE_RULE and _measure_rose(norm[start:end]):
            polarity, notes = -polarity, [*notes, "direction:rose"]
        subject = (
            _relative_in_cue(norm, clause, start, end) if rule.id == RELATIVE_MORE_RULE else ""
        )
        if subject and _names_the_drug(subject, drug):
            # "switched to baclofen, which works way better": the drug is the better one
            polarity, notes = -polarity, [*notes, f"antecedent:{subject}"]
        remedy = (
            _remedy_subject(norm, clause, cue_start, drug) if rule.category == "efficacy" else ""
        )
        if remedy and factor:
            factor, context_notes = 0.0, [*context_notes, f"off_target:other_remedy:{remedy}"]
        switched = (
            _switched_to_other(norm, clause, cue_start, drug) if rule.category == "efficacy" else ""
        )
        if switched and factor:
            # "switched me to Trelegy and it's night and day": the praise is the new drug's
            factor, context_notes = 0.0, [*context_notes, f"off_target:switched_to:{switched}"]
        if (
            rule.category == "efficacy"
            and polarity > 0
            and factor
            and clause is not None
            and _PURPOSE.search(norm, clause.start, cue_start)
        ):
            # "prescribed it to help my legs": what it was taken for, not how it went
            factor, context_notes = 0.0, [*context_notes, "purpose"]
        off_drug = (
            _off_the_drug(norm, clause, cue_start, drug) if rule.category == "efficacy" else ""
        )
        if off_drug:
            # "once I got off it my memory improved": how things went without the drug
            polarity, notes = -polarity, [*notes, f"off_drug:{off_drug}"]
        tail = _TAIL_MODIFIERS.get(rule.category)
        over = load_modifiers()[tail][1].match(norm, end, clause.end) if tail and clause else None
        if over and factor:
            # "stopped it once the pollen count dropped" (course_over), "avoid it if you have heart
            # disease" (subgroup): the words after the cue limit what it says about the drug
            factor *= load_modifiers()[tail][0]
            context_notes = [*context_notes, f"{tail}:{over.group(0).strip().lower()}"]
        if (
            rule.category == "recommendation"
            and factor
            and clause is not None
            and _USE_LIMIT.search(norm, clause.sentence_start, start)
        ):
            # "Extended use is not recommended": a limit on how long, not a verdict on the drug
            factor *= load_modifiers()["subgroup"][0]
            context_notes = [*context_notes, "subgroup:use_limit"]
        if rule.id == BACK_ON_OTHER_RULE and not other_drug_follows(norm, end, drug):
            # "back on my feet", "back on it": only going back to another drug is a comparison
            factor, context_notes = 0.0, [*context_notes, NO_OTHER_DRUG]
        own_class = class_pattern(drug) if rule.id == RECOMMEND_OTHER_RULE else None
        if own_class is not None and own_class.search(norm, start, end):
            # "guidelines recommend a bisphosphonate as the first choice" on alendronate: its class
            polarity, notes = -polarity, [*notes, "own_class"]
        if rule.category == "discontinuation" and other_drug_follows(norm, end, drug):
            if _switched_away(norm, clause, start, end, drug):
                # "I switched to Lexapro after 2 months": leaving the target for another drug
                factor, context_notes = _apply_context(norm, clause, start, "comparison", drug)
            else:
                # "came off ropinirole and started baclofen": the drug stopped is another one
                factor, context_notes = 0.0, [*context_notes, "off_target:other_drug_object"]
        cues.append(
            Cue(
                rule.category,
                polarity,
                text[cue_start:end],
                cue_start,
                end,
                round(rule.weight * factor, 4),
                rule.id,
                tuple(notes + context_notes),
            )
        )
    return cues


def _switched_to_other(norm: str, clause: _Clause | None, start: int, drug: DrugTarget) -> str:
    """Return the drug switched to before `start` in the sentence when it is not the target, or ""."""
    if clause is None:
        return ""
    found = ""
    for m in _SWITCHED_TO.finditer(norm, clause.sentence_start, start):
        target = m.group(1)
        named = drug.pattern().match(norm, m.start(1)) or reference_pattern(drug).match(
            norm, m.start(1)
        )
        found = "" if named or target.lower() in _NOT_A_DRUG_AFTER_SWITCH else target.lower()
    return found


def _off_the_drug(norm: str, clause: _Clause | None, start: int, drug: DrugTarget) -> str:
    """Return the words saying the sentence is about time off the drug before `start`, or "".

    "Once I got off it", "since stopping", "after I quit": an outcome after stopping tells the
    opposite of the drug's effect (relief off it is against it, a relapse off it is for it).
    """
    if clause is None:
        return ""
    for m in _OFF_DRUG.finditer(norm, clause.sentence_start, start):
        article = _OFF_OBJECT_LEAD.match(norm, m.end())
        if not other_drug_follows(norm, article.end() if article else m.end(), drug):
            return m.group(0).lower()
    return ""


def _remedy_subject(norm: str, clause: _Clause | None, start: int, drug: DrugTarget) -> str:
    """Return another remedy named just before an efficacy cue with no drug name after it, or ""."""
    if clause is None:
        return ""
    words = list(_WORD.finditer(norm, clause.sentence_start, start))[-OTHER_REMEDY_WORDS:]
    if not words:
        return ""
    window_start = words[0].start()
    found = None
    for match in _OTHER_REMEDY.finditer(norm, window_start, start):
        found = match  # the last remedy named before the cue
    if found is None or drug.pattern().search(norm, found.end(), start):
        return ""
    return found.group(0).lower()


def _switched_away(
    norm: str, clause: _Clause | None, start: int, end: int, drug: DrugTarget
) -> bool:
    """Return True for "switched to" / "went back on" <another drug>, no other drug named before it.

    ("I was on Paxil and switched to Lexapro" moves between two other drugs.)
    """
    cue = norm[start:end]
    if clause is None or not (SWITCH_AWAY.fullmatch(cue) or _BACK_TO_END.search(cue)):
        return False
    others = other_drugs_pattern(drug)
    return others is None or not others.search(norm, clause.sentence_start, start)


def _relative_in_cue(norm: str, clause: _Clause | None, start: int, end: int) -> str:
    """Return the antecedent of a "which"/"that" inside the cue norm[start:end], or ""."""
    pronoun = _RELATIVE_MORE.search(norm, start, end)
    if pronoun is None:
        return ""
    after = pronoun.end() + len(norm[pronoun.end() : end]) - len(norm[pronoun.end() : end].lstrip())
    return _relative_antecedent(norm, clause, after)


def _names_the_drug(word: str, drug: DrugTarget) -> bool:
    """Return True when an antecedent is the drug: its name, a dose or a word for a medicine."""
    return bool(_DRUG_ANTECEDENT.fullmatch(word) or drug.pattern().fullmatch(word))


def _relative_antecedent(norm: str, clause: _Clause | None, start: int) -> str:
    """Return the word a relative pronoun right before `start` refers to ("" if there is none)."""
    if clause is None:
        return ""
    m = _RELATIVE.search(norm, max(clause.sentence_start, start - 80), start)
    return m.group(1).lower() if m else ""


def _effects_available() -> bool:
    """Return True when analysis.effects (side-effect extraction) can be imported."""
    try:
        from . import effects  # noqa: F401
    except ImportError:
        return False
    return hasattr(effects, "find_effects")


def _effect_mentions(text: str, default_experiencer: str) -> list:
    """Return analysis.effects mentions for `text`, or [] (with a warning) if effects is unusable."""
    if not _effects_available():
        return []
    import warnings

    from .effects import find_effects

    try:
        return list(find_effects(text, default_experiencer=default_experiencer))
    except (OSError, LookupError, ValueError) as error:
        # effects.py is developed in parallel; a half-installed lexicon must not sink stance
        warnings.warn(f"side-effect cues unavailable: {error}", RuntimeWarning, stacklevel=2)
        return []


def _treated_symptom(norm: str, start: int, end: int) -> str:
    """Return the word showing the symptom at norm[start:end] was relieved, or "" if none.

    "reduction of hot flashes", "itching stopped", "helped my insomnia": the drug's target, not harm.
    """
    regex = load_modifiers()["treated"][1]
    _, before = _last_words(norm, max(0, start - 60), start, 3)
    after = " ".join(_WORD.findall(norm[end : end + 40])[:3])
    m = regex.search(before)
    if m is None:
        m = regex.search(after)
        if m is not None and load_modifiers()["negation"][1].search(after, 0, m.start()):
            return ""  # "the tiredness still hadn't subsided": it went on
    return m.group(0).lower() if m else ""


def _function_relief(norm: str, start: int, end: int) -> str:
    """Return the word saying the bare function at norm[start:end] improved or came back, or ""."""
    _, before = _last_words(norm, max(0, start - 60), start, 3)
    after = " ".join(_WORD.findall(norm[end : end + 40])[:3])
    m = _IMPROVED.search(before) or _IMPROVED.search(after)
    return m.group(0).lower() if m else ""


def condition_effects(text: str, drug: DrugTarget | None = None) -> frozenset[str]:
    """Return the terms of the treated condition in `text` (a title or condition field).

    These are the effect names analysis.effects finds there, plus its condition words
    (analysis.effects.condition_words: "sciatica"), so "my sciatica pain" is no harm either.
    """
    if not _effects_available():
        return frozenset()
    from . import effects

    found = frozenset(effects.title_condition_effects(text or ""))
    return found | effects.condition_words(text or "", drug)


def _names_condition(text: str, start: int, condition: frozenset[str]) -> bool:
    """Return True when the mention at `start` is the condition by its words (effects' rule)."""
    from .effects import names_condition

    return bool(condition) and names_condition(text, start, condition)


# Sleepiness is the aim of a drug taken for insomnia, unless it lasts into the day or is grogginess.
_DAYTIME = re.compile(
    r"\b(?:mornings?|next\s+day|all\s+day|during\s+the\s+day|day\s*time|at\s+work|afternoons?|"
    r"hung\s*over|hangover|(?:till|until)\s+(?:noon|lunch(?:time)?|midday)|groggy|grogginess|"
    r"drive|driving)\b",
    re.IGNORECASE,
)


def _intended_sedation(
    norm: str, mention, clause: _Clause | None, condition: frozenset[str]
) -> bool:
    """Return True when a drowsiness mention on a drug for insomnia has no daytime in its clause."""
    if "insomnia" not in condition or mention.effect != "drowsiness" or clause is None:
        return False
    return not _DAYTIME.search(norm, clause.start, clause.end)


def _harm_cues(
    text: str,
    norm: str,
    drug: DrugTarget,
    clauses: Sequence[_Clause],
    focused: bool,
    condition: frozenset[str],
) -> list[Cue]:
    """Return harm cues from analysis.effects.find_effects, or none if that module is absent."""
    if not _effects_available():
        return []
    from .effects import BARE_FUNCTIONS

    cues = []
    for mention in _effect_mentions(text, "self" if focused else "general"):
        start, end = int(mention.start), int(mention.end)
        if mention.effect in condition or _names_condition(text, start, condition):
            continue  # the condition being treated is not a side effect of the drug
        if _intended_sedation(norm, mention, _clause_at(clauses, start), condition):
            continue  # "100mg knocked me out" on a sleeping drug is what it is taken for
        if norm[start:end].lower() in BARE_FUNCTIONS:
            # analysis.effects read a bare function's direction: its fall is the effect ("my sex
            # drive has vanished"), an intact one is a denied effect ("still the same"), and only
            # its return or improvement ("memory retention better") is relief
            treated = (
                _function_relief(norm, start, end) if getattr(mention, "negated", False) else ""
            )
        else:
            treated = _treated_symptom(norm, start, end)
        if treated:
            factor, notes = 0.0, [f"treated_symptom:{treated}"]
        elif getattr(mention, "hypothetical", False):
            factor, notes = (0.0 if focused else PROSE_POSSIBLE_HARM), ["hypothetical"]
            clause = _clause_at(clauses, start)
            if factor and (
                clause is None
                or not (
                    clause.on_target
                    or _HARM_TALK.search(norm, clause.sentence_start, clause.sentence_end)
                )
            ):
                # "Fatigue, joint pain and rashes are common" in a section about the disease,
                # not the drug: symptoms of the condition, not the drug's possible harms (a
                # sentence listing "side effects" is the article drug's, named or not)
                factor = 0.0
                notes.append(clause.target_note if clause is not None else "outside_sentences")
        else:
            # effects reports its own experiencer and uncertainty, so skip hearsay and hedges here
            clause = _clause_at(clauses, start)
            factor, notes = _apply_context(norm, clause, start, "harm", drug, ("diminisher",))
            experiencer = getattr(mention, "experiencer", "self") or "self"
            factor *= EXPERIENCER_FACTOR.get(experiencer, 1.0)
            notes.append(f"experiencer:{experiencer}")
            if getattr(mention, "uncertain", False):
                factor *= load_modifiers()["hedge"][0]
                notes.append("uncertain")
        negated = bool(getattr(mention, "negated", False))
        base = HARM_NEGATED_WEIGHT if negated else HARM_WEIGHT
        if negated:
            notes.insert(0, "negated")
        cues.append(
            Cue(
                "harm",
                1 if negated else -1,
                text[start:end],
                start,
                end,
                round(base * factor, 4),
                f"effects:{getattr(mention, 'concept_id', '') or mention.effect}",
                tuple(notes),
            )
        )
    return cues


@lru_cache(maxsize=256)  # the cue rules and the model's view both read the same clauses
def _prepare(
    text: str, drug: DrugTarget, about_drug: bool | None
) -> tuple[str, bool, tuple[_Clause, ...]]:
    """Return the normalised text, whether it is wholly about the drug, and its clauses."""
    norm = _normalise(text)
    focused = bool(about_drug)
    if about_drug is None and not drug.pattern().search(norm):
        focused = False
    return norm, focused, tuple(_clauses(norm, drug, focused))


def find_cues(
    text: str,
    drug: DrugTarget,
    about_drug: bool | None = None,
    condition: frozenset[str] = frozenset(),
) -> list[Cue]:
    """Return every stance cue in `text`, counted or not, ordered by position.

    about_drug=True treats the whole text as being about the drug (a comment under an article on it,
    a review of it); None decides per sentence: a sentence counts if it names the drug, or refers to
    it ("it", "the pills") within a few sentences of a naming one. `condition` names effects (as
    analysis.effects spells them, see condition_effects) that are the treated condition, not harms.
    """
    text = text or ""
    norm, focused, clauses = _prepare(text, drug, about_drug)
    lexical = _lexicon_cues(text, norm, drug, clauses)
    harms = _harm_cues(text, norm, drug, clauses, focused, condition)
    winners = [c for c in lexical if OVER_EFFECTS in rule_flags(c.rule)]
    harms = [h for h in harms if all(h.end <= m.start or h.start >= m.end for m in winners)]
    # an effect mention is more specific than an overlapping generic lexicon cue, unless it is
    # the symptom the drug relieved ("it cleared my acne": the efficacy cue stands)
    lexical = [
        c
        for c in lexical
        if all(c.end <= h.start or c.start >= h.end for h in harms if not _treated(h))
    ]
    cues = sorted(lexical + harms, key=lambda c: (c.start, c.end))
    cues = _better_since_stop(norm, _recovery_after_stop(norm, cues, clauses, drug), clauses, drug)
    cues = _passed_harms(norm, _no_rise_in_harm(norm, _denied_any(norm, cues)), clauses)
    cues = _retracted(norm, _quoted(norm, cues), clauses)
    return _earlier_attempt(norm, _concessions(norm, cues, clauses), clauses)


def _treated(cue: Cue) -> bool:
    """Return True for a harm cue that is the relieved symptom, not a harm (weight 0)."""
    return any(m.startswith("treated_symptom:") for m in cue.modifiers)


_FIRST_GO = re.compile(
    r"\b(?:(?:the\s+|my\s+)?first\s+(?:time|go|attempt|try|round|course)|"
    r"(?:the\s+|my\s+)?(?:last|previous)\s+(?:time|go|attempt|try|course)|"
    r"back\s+in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_LATER_GO = re.compile(
    r"\b(?:this\s+time|(?:the\s+|my\s+)?second\s+(?:time|go|attempt|try|round|course)|"
    r"(?:tried|took|started|restarted)\s+(?:it\s+|them\s+)?again|"
    r"gave\s+(?:it|them)\s+(?:another|a\s+second)\s+(?:go|try|chance|shot))\b",
    re.IGNORECASE,
)


def _earlier_attempt(norm: str, cues: list[Cue], clauses: Sequence[_Clause]) -> list[Cue]:
    """Return the cues with those about a first attempt, later retried, weighted EARLIER_ATTEMPT.

    The span runs from the sentence naming the first go ("First time back in 2016 I lasted 3
    weeks") to the words naming the later one ("This time", "tried it again").
    """
    first = _FIRST_GO.search(norm)
    later = _LATER_GO.search(norm, first.end()) if first else None
    clause = _clause_at(clauses, first.start()) if first else None
    if later is None or clause is None:
        return cues
    start, end = clause.sentence_start, later.start()
    note = f"earlier_attempt:{first.group(0).lower()}"
    return [
        replace(c, weight=round(c.weight * EARLIER_ATTEMPT, 4), modifiers=(*c.modifiers, note))
        if start <= c.start < end and c.weight > 0
        else c
        for c in cues
    ]


# "not a cure", "no miracle drug", "isn't a magic bullet": what the drug is not, said to set up a "but"
_CONCESSION = re.compile(
    r"\b(?:not|isn'?t|is\s+not|wasn'?t|was\s+not|no|never)\s+(?:a\s+|an\s+|the\s+|any\s+)?"
    r"(?:miracle|magic|wonder|cure\b|cure-all|panacea|silver\s+bullet|quick\s+fix|fix-all)",
    re.IGNORECASE,
)


def _concessions(norm: str, cues: list[Cue], clauses: Sequence[_Clause]) -> list[Cue]:
    """Return the cues with a conceded limit ("not a cure, but it helps") weighing nothing.

    "It's not a cure, but my sugars are the best they've been": the writer grants what the drug
    is not to praise what it does; the limit is no dismissal when a favouring cue follows a
    contrast later in the same sentence.
    """

    def conceded(cue: Cue) -> bool:
        clause = _clause_at(clauses, cue.start)
        if cue.polarity >= 0 or cue.weight == 0 or clause is None:
            return False
        if not _CONCESSION.search(norm, cue.start, cue.end + 1):
            return False
        turn = _CONTRAST.search(norm, cue.end, clause.sentence_end)
        return turn is not None and any(
            c.polarity > 0 and c.weight > 0 and turn.end() <= c.start < clause.sentence_end
            for c in cues
        )

    return [
        replace(c, weight=0.0, modifiers=(*c.modifiers, "concession")) if conceded(c) else c
        for c in cues
    ]


QUOTE_SPAN = 80  # characters: a longer stretch between quote marks is a passage, not a phrase
_QUOTE_MARK = re.compile(r'["\u201c\u201d]')


def _quoted(norm: str, cues: list[Cue]) -> list[Cue]:
    """Return the cues inside a short double-quoted phrase weighing nothing.

    'oh great another "well tolerated" pill', '"Not habit forming", "safe"': the writer quotes
    the label or the leaflet to mock it, not to say it; hearsay handles reported speech.
    """
    marks = [m.start() for m in _QUOTE_MARK.finditer(norm)]
    spans = [(a, b) for a, b in zip(marks[::2], marks[1::2], strict=False) if b - a <= QUOTE_SPAN]
    if not spans:
        return cues
    return [
        replace(c, weight=0.0, modifiers=(*c.modifiers, "quoted"))
        if c.weight > 0 and any(a < c.start and c.end <= b for a, b in spans)
        else c
        for c in cues
    ]


# a retraction at the end of a sentence: "would definitely recommend (not)", "great stuff /s"
_RETRACTION = re.compile(r"\((?i:\s*not\s*)\)|(?<=\s)/s\b|\bNOT\s*!")


def _retracted(norm: str, cues: list[Cue], clauses: Sequence[_Clause]) -> list[Cue]:
    """Return the cues of a sentence the writer retracts ("... would recommend (not)") flipped."""
    marks = [m.start() for m in _RETRACTION.finditer(norm)]
    if not marks:
        return cues

    def retracted(cue: Cue) -> bool:
        clause = _clause_at(clauses, cue.start)
        return clause is not None and any(
            cue.end <= at <= clause.sentence_end + 8 and at >= clause.sentence_start for at in marks
        )

    return [
        replace(c, polarity=-c.polarity, modifiers=(*c.modifiers, "retracted"))
        if c.weight > 0 and c.polarity and retracted(c)
        else c
        for c in cues
    ]


# "I don't believe I had any side effects", "never had any problems or side effects": a negator
# earlier in the sentence governs "any ..." however far back it stands (no pause or turn between)
_ANY_BEFORE = re.compile(r"\bany\s+(?:[\w-]+\s+(?:or|and|/)\s+|[\w-]+\s+){0,3}$", re.IGNORECASE)
DENIAL_REACH = 60  # characters from the negator to "any"
_DENIAL_BREAK = re.compile(
    r"[.;:!?]|\b(?:but|though|although|however|except|until|yet)\b", re.IGNORECASE
)


def _denied_any(norm: str, cues: list[Cue]) -> list[Cue]:
    """Return the cues with a harm after "not ... any" denied, as the lexicon's negation would.

    The lexicon's negation looks three words back; "I did not seem to have any side effects"
    puts the "not" six words before the harm, and "any" says it is still in its scope.
    """
    negation = load_modifiers()["negation"][1]

    def denied(cue: Cue) -> bool:
        if cue.category != "harm" or cue.polarity > 0 or cue.weight == 0:
            return False
        lead = _ANY_BEFORE.search(norm, max(0, cue.start - 40), cue.start)
        if lead is None:
            return False
        negators = list(negation.finditer(norm, max(0, lead.start() - DENIAL_REACH), lead.start()))
        return bool(negators) and not _DENIAL_BREAK.search(norm, negators[-1].start(), cue.start)

    return [
        replace(c, polarity=1, modifiers=(*c.modifiers, "negated:any")) if denied(c) else c
        for c in cues
    ]


# words saying an effect ended: "went away", "wore off", "subsided", "settled down", "was gone"
_PASSING = re.compile(
    r"\b(?:(?:went|go|goes|going|gone)\s+away|wore\s+off|wears?\s+off|wearing\s+off|"
    r"subsid(?:ed|es|e|ing)|disappear(?:ed|s)?|faded|fades|dissipated|diminished|lessened|"
    r"settled(?:\s+down)?|eased\s+(?:off|up)|resolved|cleared\s+up|calmed\s+down|"
    r"(?:was|were|is|are)\s+(?:all\s+)?gone|passed\s+(?:after|within|in|quickly|soon)|"
    r"decreased\s+over\s+time|(?:only|just)\s+lasted|lasted\s+(?:only|just)|"
    r"didn'?t\s+last\s+(?:long|more\s+than))\b",
    re.IGNORECASE,
)
PASSING_WINDOW = 100  # characters from a side effect to the words saying it ended
# between the effect and "went away", a possessive names what went away: "my migraines went away"
# is the condition, not the side effect named before
_OWN_THING = re.compile(r"\b(?:my|his|her|our|their)\s+(?!side\b)", re.IGNORECASE)


def _passed_harms(norm: str, cues: list[Cue], clauses: Sequence[_Clause]) -> list[Cue]:
    """Return the cues with side effects the writer says went away weighted PASSED_HARM.

    "Headaches for the first week, but they went away", "a burning sensation, which decreased
    over time", "most side effects disappeared": in the effect's sentence or the next one, within
    PASSING_WINDOW characters, with no cue of efficacy and no "my <thing>" between them.
    """

    from .effects import BARE_FUNCTIONS

    negation = load_modifiers()["negation"][1]

    def passed(cue: Cue) -> bool:
        if not (cue.category == "harm" and cue.polarity < 0 and cue.weight > 0):
            return False
        clause = _clause_at(clauses, cue.start)
        if clause is None:
            return False
        following = [c.sentence_end for c in clauses if c.sentence_start >= clause.sentence_end]
        limit = min(min(following, default=clause.sentence_end), cue.end + PASSING_WINDOW)
        ended = _PASSING.search(norm, cue.end, max(limit, cue.end))
        if ended is None or _OWN_THING.search(norm, cue.end, ended.start()):
            return False
        if cue.text.lower() in BARE_FUNCTIONS:
            return False  # "my libido was gone": a lost function is the side effect itself
        _, words = _last_words(norm, cue.end, ended.start(), 3)
        if negation.search(words):
            return False  # "the tiredness still hadn't subsided"

        return not any(c.category == "efficacy" and cue.end <= c.start < ended.end() for c in cues)

    return [
        replace(c, weight=round(c.weight * PASSED_HARM, 4), modifiers=(*c.modifiers, "passed"))
        if passed(c)
        else c
        for c in cues
    ]


# "no (significant) increase in", "no higher rate of": a harm said not to rise, however many words
# stand between the "no" and the harm (beyond the three-word negation window)
_NO_RISE_BEFORE = re.compile(
    r"\bno\s+(?:[\w-]+\s+){0,3}?(?:increase|increases|rise|excess|difference|higher\s+(?:rates?|risk))"
    r"\s+(?:in|of)\s+(?:the\s+)?(?:(?:rates?|risk|number|incidence)\s+of\s+)?$",
    re.IGNORECASE,
)


def _no_rise_in_harm(norm: str, cues: list[Cue]) -> list[Cue]:
    """Return the cues with a harm that is said not to rise negated, and that "no rise" no efficacy.

    "no significant increase in side effects", "no increase in headaches": good news about harms,
    not a harm and not a failed treatment (the efficacy cue "no significant increase" is about
    the harm that follows it).
    """
    out = list(cues)
    for i, cue in enumerate(cues):
        if cue.category != "harm":
            continue
        lead = _NO_RISE_BEFORE.search(norm, max(0, cue.start - 80), cue.start)
        if lead is None:
            continue
        for j, other in enumerate(cues):
            if other.category == "efficacy" and lead.start() <= other.start < cue.start:
                out[j] = replace(other, weight=0.0, modifiers=(*other.modifiers, "about_harm"))
        if cue.polarity < 0:
            # as the lexicon's negation does: the flipped cue keeps its weight
            out[i] = replace(cue, polarity=1, modifiers=(*cue.modifiers, "negated:no_rise"))
    return out


SINCE_STOP_REACH = 40  # characters from an improvement to the "since I stopped" after it
_STOP_OBJECT_LEAD = re.compile(r"(?:\s+(?:taking|of))?\s+")


def _better_since_stop(
    norm: str, cues: list[Cue], clauses: Sequence[_Clause], drug: DrugTarget
) -> list[Cue]:
    """Return the cues with an improvement dated from the writer's stop turned against the drug.

    "I feel so much better since I stopped it", "my head is clearer now that I'm off it": the
    improvement came with the stop, so the drug was the trouble (the mirror of
    _recovery_after_stop, where the stop is told first). The stop must be of the drug (a name or
    a reference right after it), in the same sentence as the improvement.
    """
    refs = reference_pattern(drug)

    def dated_from_stop(cue: Cue) -> bool:
        if not (cue.category == "efficacy" and cue.polarity > 0 and cue.weight > 0):
            return False
        clause = _clause_at(clauses, cue.start)
        # the same stop wordings as _off_the_drug, told after the improvement
        stop = _OFF_DRUG.search(norm, cue.end, clause.sentence_end if clause else len(norm))
        if stop is None or stop.start() - cue.end > SINCE_STOP_REACH:
            return False
        lead = _STOP_OBJECT_LEAD.match(norm, stop.end())
        return lead is not None and refs.match(norm, lead.end()) is not None

    return [
        replace(c, polarity=-1, modifiers=(*c.modifiers, "since_stop")) if dated_from_stop(c) else c
        for c in cues
    ]


# between a stop and an improvement, taking it up again (the improvement is the drug's again) or
# a reason or a turn (the improvement is not the stop's outcome)
_NO_RECOVERY = re.compile(
    r"\b(?:restart\w*|start(?:ed)?\s+(?:it\s+|them\s+)?again|back\s+on|went\s+back|put\s+(?:me\s+)?back|"
    r"switch\w*|tried|changed|instead|new\s+(?:med|drug|pill|doctor)|this\s+time|"
    # the improvement as the reason or time of the stop, or a turn: "went off it once I felt
    # better", "weaned off to help my weight", "wanted to stop but gave it time and felt better"
    # ("still not sleeping but at least I can think again" keeps the writer's off-drug account)
    r"once|when|because|since|as\s+soon\s+as|in\s+order|to\s+help|but(?!\s+at\s+least)|though)\b",
    re.IGNORECASE,
)
RECOVERY_WINDOW = 120  # characters from the end of the stop to the improvement
RELAPSE_RULE = "eff_relapse"  # "the pain came back"
_NO_RELAPSE = re.compile(
    r"\b(?:restart\w*|start(?:ed)?\s+(?:it\s+|them\s+)?again|back\s+on|went\s+back|"
    r"switch\w*|new\s+(?:med|drug|pill))\b",
    re.IGNORECASE,
)


def _recovery_after_stop(
    norm: str, cues: list[Cue], clauses: Sequence[_Clause], drug: DrugTarget
) -> list[Cue]:
    """Return the cues with an improvement after the writer's stop turned against the drug, and
    the condition's return after it (eff_relapse) turned for it.

    "quit, and it took about 6 weeks to feel like myself again", "stopped and the depression
    lifted": getting better after stopping says the drug was the trouble, not the help. Only a
    counted stop in the same sentence, or in the one before when the improvement's sentence does
    not refer to the drug ("Off it 6 months now. I can think again."), within RECOVERY_WINDOW
    characters, and no restart, switch or later attempt in between.
    """
    # a switch names what came next, so the improvement after it is that drug's
    stops = [
        c
        for c in cues
        if c.category == "discontinuation"
        and c.polarity < 0  # "I never quit taking it" is no stop
        and c.weight > 0
        and "switch" not in c.text.lower()
    ]
    # a stop for a reason outside the drug (a move, the season's end) still ends its effect
    any_stops = stops + [
        c
        for c in cues
        if c.category == "discontinuation"
        and c.polarity < 0
        and any(m.startswith("course_over") for m in c.modifiers)
    ]
    if not any_stops:
        return cues

    refs = reference_pattern(drug)

    def previous_start(clause: _Clause) -> int:
        earlier = [c.sentence_start for c in clauses if c.sentence_end <= clause.sentence_start]
        return max(earlier, default=clause.sentence_start)

    def recovered(cue: Cue) -> bool:
        if not (cue.category == "efficacy" and cue.polarity > 0 and cue.weight > 0):
            return False
        clause = _clause_at(clauses, cue.start)
        return (
            clause is not None
            and not any(m.startswith("off_drug") for m in cue.modifiers)
            and any(
                # the stop's sentence, or the one before when the improvement's sentence does
                # not refer to the drug: "Off it 6 months now. I can think again."
                (
                    clause.sentence_start <= stop.start
                    or (
                        previous_start(clause) <= stop.start
                        and not refs.search(norm, clause.sentence_start, cue.start)
                    )
                )
                and stop.end <= cue.start <= stop.end + RECOVERY_WINDOW
                and not _NO_RECOVERY.search(norm, stop.end, cue.start)
                for stop in stops
            )
        )

    def stops_before_relapse(cue: Cue) -> list[Cue]:
        # "stopped taking it and the pain came back": the condition's return after the writer's
        # stop speaks for the drug, whatever the reason for the stop (only a restart or a switch
        # in between gives the return to something else)
        # ("when I stopped taking it my anxiety came back" was already turned by its off-drug scope)
        turned = any(str(m).startswith("off_drug") for m in cue.modifiers)
        if not (cue.rule == RELAPSE_RULE and (cue.polarity < 0 or turned) and cue.weight > 0):
            return []
        clause = _clause_at(clauses, cue.start)
        if clause is None:
            return []
        return [
            stop
            for stop in any_stops
            if previous_start(clause) <= stop.start
            and stop.end <= cue.start <= stop.end + RECOVERY_WINDOW
            and not _NO_RELAPSE.search(norm, stop.end, cue.start)
        ]

    relapses = {id(c): stops_before_relapse(c) for c in cues}
    # a return the writer plays down ("the eczema came back, but at least I can see") makes the
    # stop no test that the drug worked: it keeps its weight
    tested = {
        id(stop) for c in cues if "contrast:before" not in c.modifiers for stop in relapses[id(c)]
    }

    def turned(c: Cue) -> Cue:
        if recovered(c):
            return replace(c, polarity=-1, modifiers=(*c.modifiers, "after_stop"))
        if relapses[id(c)]:
            return replace(c, polarity=1, modifiers=(*c.modifiers, "relapse_after_stop"))
        if id(c) in tested:
            weight = c.weight * STOP_BEFORE_RELAPSE
            return replace(c, weight=weight, modifiers=(*c.modifiers, "before_relapse"))
        return c

    return [turned(c) for c in cues]


def _saturate(weight: float) -> float:
    """Return a category total with diminishing returns, approaching CATEGORY_CAP."""
    return CATEGORY_CAP * (1.0 - math.exp(-weight / CATEGORY_CAP))


def decide(cues: list[Cue] | tuple[Cue, ...]) -> tuple[str, float, float, float]:
    """Return (label, score, favor weight, against weight) from counted cues."""
    totals: dict[tuple[str, int], float] = {}
    for cue in cues:
        if cue.weight > 0 and cue.category != LEARNED:
            key = (cue.category, cue.polarity)
            totals[key] = totals.get(key, 0.0) + cue.weight
    # ambivalence ("still undecided", "mixed feelings") has no direction: it weighs on both sides
    favor = sum(_saturate(w) for (_, p), w in totals.items() if p >= 0)
    against = sum(_saturate(w) for (_, p), w in totals.items() if p <= 0)
    total = favor + against
    score = (favor - against) / (total + SCORE_SMOOTHING)
    if total < MIN_EVIDENCE:
        return "neutral", round(score, 4), favor, against
    balance = (favor - against) / total
    if balance >= MIXED_BAND:
        label = "favor"
    elif balance <= -MIXED_BAND:
        label = "against"
    else:
        label = "mixed"
    if declared_mixed(cues):
        label = "mixed"
    return label, round(score, 4), favor, against


def article_label(section_labels: Sequence[str], whole_label: str) -> str:
    """Return the article's label: `mixed` when its sections take both sides, else the whole text's.

    The codebook's `mixed` article sets promise out in one section and harms in another; read as
    one text, the longer side can drown the other. Sections that are only mixed or neutral (at
    least one mixed) also make it mixed.
    """
    labels = set(section_labels)
    if {"favor", "against"} <= labels or ("mixed" in labels and labels <= {"mixed", "neutral"}):
        return "mixed"
    return whole_label


def declared_mixed(cues: list[Cue] | tuple[Cue, ...]) -> bool:
    """Return True when the writer says they are of two minds and gives points on both sides.

    The codebook's `mixed` ("it helped my legs but the brain fog is not worth it for me, I honestly
    can't decide"): a counted ambivalence cue ("mixed feelings", "love/hate", "jury's still out")
    decides between favor and against when counted cues point both ways; without points on both
    sides it only weighs in the balance.
    """
    counted = [c for c in cues if c.weight > 0 and c.category != LEARNED]
    if not any(c.category == "ambivalence" and not about_another(c) for c in counted):
        return False
    polarities = {c.polarity for c in counted if c.category != "ambivalence"}
    return {1, -1} <= polarities


def about_another(cue) -> bool:
    """Return True when a cue reports someone else (hearsay, or an effect in another person):
    "my son had nightmares every night", "it worked for her"."""
    return any(str(m) == "experiencer:other" or str(m).startswith("hearsay") for m in cue.modifiers)


def model_view(
    text: str, drug: DrugTarget, about_drug: bool | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return (regions, drug name spans): the parts of `text` the learned model may read.

    The model reads the same clauses the cue rules count: clauses about the drug (see find_cues),
    minus questions ("does it work?", "can I still have coffee with it?": asked, not asserted)
    and hypothetical scopes ("if it worked, ..." up to the comma or clause end). Training
    (benchmarks/train_stance_model.py) and scoring both use this view.
    """
    text = text or ""
    norm, _, clauses = _prepare(text, drug, about_drug)
    hypothetical = load_modifiers()["hypothetical"][1]
    regions = []
    for clause in clauses:
        if not clause.on_target or clause.question:
            continue
        cursor = clause.start
        for m in hypothetical.finditer(norm, clause.start, clause.end):
            if m.start() < cursor:
                continue
            if m.start() > cursor:
                regions.append((cursor, m.start()))
            comma = norm.find(",", m.end(), clause.end)
            cursor = clause.end if comma < 0 else comma + 1
        if cursor < clause.end:
            regions.append((cursor, clause.end))
    names = [m.span() for m in drug.pattern().finditer(norm)]
    return regions, names


def model_score(
    text: str,
    drug: DrugTarget,
    about_drug: bool | None = None,
    model: stance_model.LinearModel | None = None,
) -> stance_model.ModelScore | None:
    """Return the learned model's (default: the shipped one) score for `text`'s drug parts, or None."""
    if model is None:
        if not stance_model.model_available():
            return None
        model = stance_model.load_model()
    regions, names = model_view(text, drug, about_drug)
    found = stance_model.features(text or "", regions, names, model.ngram_max)
    return stance_model.score_features(found, model)


def learned_cues(
    text: str, scored: stance_model.ModelScore | None, top_k: int = TOP_K, not_counted: str = ""
) -> list[Cue]:
    """Return the top_k n-grams that moved the model's favor-minus-against logit most, as cues.

    weight = |TF-IDF value x (favor coefficient - against coefficient)|; polarity is its sign.
    With `not_counted` (a reason, see rules_decide) the weight is 0: shown, not counted.
    """
    if scored is None:
        return []
    return [
        Cue(
            LEARNED,
            1 if c.value > 0 else -1,
            text[c.start : c.end],
            c.start,
            c.end,
            0.0 if not_counted else round(abs(c.value), 4),
            f"model:{c.feature}",
            (not_counted,) if not_counted else (),
        )
        for c in scored.contributions[:top_k]
        if c.value != 0
    ]


@cache
def blend_settings() -> dict[str, float]:
    """Return the blend weight and thresholds (stance_model.json; thresholds chosen on Druglib dev)."""
    import json

    meta = json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in meta["blend"].items()}


def rules_decide(
    cues: list[Cue] | tuple[Cue, ...], scored: stance_model.ModelScore | None = None
) -> str:
    """Return why the rules decide alone ("" when the model takes part).

    The model was trained on patient reviews of some length. Scepticism about the evidence,
    dismissal, distrust and comparisons with other remedies are rare there, so where the rules
    found any of them (RULES_ONLY_CATEGORIES) they decide alone; so they do when the model has read
    fewer than MIN_MODEL_FEATURES distinct n-grams it knows (a one-liner: its probabilities then
    rest on a handful of words).
    """
    found = sorted(
        {c.category for c in cues if c.weight > 0 and c.category in RULES_ONLY_CATEGORIES}
    )
    if found:
        return "rules_decide:" + "+".join(found)
    if scored is None or scored.n_features < MIN_MODEL_FEATURES:
        return "rules_decide:short_text"
    return ""


def combine(
    cues: list[Cue] | tuple[Cue, ...], scored: stance_model.ModelScore
) -> tuple[str, float]:
    """Return (label, score) from the rule cues and the model score.

    score = rule_weight * rule score + (1 - rule_weight) * (P(favor) - P(against)); favor at or
    above favor_threshold, against at or below against_threshold, otherwise mixed, or neutral when
    the rules found too little evidence (< MIN_EVIDENCE) and the model read nothing or stays in the
    band, or its label comes from its class prior while the n-grams it read point the other way;
    mixed when the label opposes one-sided rule evidence (against_the_rules). The weight and
    thresholds come from stance_model.json, written by
    benchmarks/train_stance_model.py (the weight fixed there, the thresholds chosen on out-of-fold
    Druglib dev scores). See rules_decide for when the rules decide alone.
    """
    label, rule_score, favor, against = decide(cues)
    if rules_decide(cues, scored):
        return label, rule_score
    settings = blend_settings()
    weight = settings["rule_weight"]
    score = weight * rule_score + (1.0 - weight) * scored.score
    if score >= settings["favor_threshold"]:
        label = "favor"
    elif score <= settings["against_threshold"]:
        label = "against"
    else:
        label = "mixed"
    if favor + against < MIN_EVIDENCE and (
        scored.n_features == 0
        or label == "mixed"
        or not _model_read_it(scored, label)
        or not_started(cues)
    ):
        label = "neutral"
    elif declared_mixed(cues) or against_the_rules(label, favor, against):
        label = "mixed"
    elif label == "mixed" and stopped_with_nothing_good(cues, favor, against):
        label = "against"
    return label, round(score, 4)


def against_the_rules(label: str, favor: float, against: float) -> bool:
    """Return True when `label` opposes rule evidence that is all one way and at least CONFLICT_EVIDENCE.

    Why: on "my hair fell out in clumps, crying every day, stopped it" the n-gram model (trained on
    reviews that praise a drug despite its side effects) may still say favor; a text whose every
    cue is against and the model's favor disagree, and that disagreement is what mixed means.
    """
    if label == "favor":
        return favor == 0 and against >= CONFLICT_EVIDENCE
    if label == "against":
        return against == 0 and favor >= CONFLICT_EVIDENCE
    return False


def stopped_with_nothing_good(
    cues: list[Cue] | tuple[Cue, ...], favor: float, against: float
) -> bool:
    """Return True when the writer stopped the drug and the rules found nothing in its favour.

    Why: "lasted a fortnight. mouth like the bottom of a birdcage, couldn't poo for 5 days" has
    only cues against, the writer's own stop among them; the model's lean toward favor (its
    training reviews mostly praise) must not pull such a text into the mixed band.
    """
    own_stop = any(
        c.category == "discontinuation" and c.polarity < 0 and c.weight > 0 and not about_another(c)
        for c in cues
    )
    return own_stop and favor == 0 and against >= MIN_EVIDENCE


def not_started(cues: list[Cue] | tuple[Cue, ...]) -> bool:
    """Return True when the writer says they have not begun the drug (a plan, a new prescription).

    The model learned from reviews written after use; on "Just been prescribed it, will it show
    up on my records?" its favour is the reviews' prior, not the writer's view.
    """
    return any(NOT_STARTED in rule_flags(c.rule) for c in cues)


def _model_read_it(scored: stance_model.ModelScore, label: str) -> bool:
    """Return True when the n-grams the model read point the label's way (not its prior alone)."""
    evidence = sum(c.value for c in scored.contributions)
    return evidence > 0 if label == "favor" else evidence < 0


def stance_of(
    text: str,
    drug: DrugTarget,
    about_drug: bool | None = None,
    condition: frozenset[str] = frozenset(),
    method: str = "blend",
) -> StanceResult:
    """Return the stance of `text` toward `drug` with the evidence behind it (see find_cues).

    method="blend" (default) combines the cue rules with the learned model (see combine) for units
    wholly about the drug (about_drug=True: comments, reviews; other units keep the rules), "rules"
    uses the cue rules alone, "model" the learned model alone (evidence: its top n-grams).
    Blend evidence is every rule cue plus the model's top TOP_K n-grams (category `learned`).
    """
    if method not in {"blend", "rules", "model"}:
        raise ValueError(f"unknown method {method!r}")
    cues = find_cues(text, drug, about_drug, condition) if method != "model" else []
    label, score, favor, against = decide(cues)
    scored = model_score(text, drug, about_drug) if method != "rules" else None
    if method == "model":
        if scored is None:
            raise FileNotFoundError(stance_model.WEIGHTS_FILE)
        label, score = _model_only(scored) if scored.n_features else ("neutral", 0.0)
    elif scored is not None and about_drug:
        label, score = combine(cues, scored)
    not_counted = ""
    if method == "blend" and scored is not None:
        # the model learned from reviews (texts wholly about the drug); in article prose, where
        # about_drug is not given, the rules decide alone
        not_counted = (
            rules_decide(cues, scored) if about_drug else "rules_decide:not_about_drug_unit"
        )
        if not not_counted and label == "neutral":
            not_counted = NO_STANCE_REASON
    learned = learned_cues(text or "", scored, not_counted=not_counted)
    evidence = sorted([*cues, *learned], key=lambda c: (c.start, c.end))
    return StanceResult(label, score, tuple(evidence), round(favor, 4), round(against, 4))


def _model_only(scored: stance_model.ModelScore) -> tuple[str, float]:
    """Return (label, score) from the model alone: its most probable class, P(favor)-P(against)."""
    probs = scored.probabilities
    return max(probs, key=lambda c: probs[c]), round(scored.score, 4)


EVIDENCE_COLUMNS = [
    "article_id",
    "source",
    "comment_id",
    "section_no",
    "category",
    "polarity",
    "text",
    "start",
    "end",
    "weight",
    "rule",
    "modifiers",
]


def evidence_rows(
    cues, article_id: str, source: str, comment_id=None, section_no=None
) -> list[dict[str, object]]:
    """Return cues as rows of the stance_evidence table."""
    return [
        {
            "article_id": article_id,
            "source": source,
            "comment_id": comment_id,
            "section_no": section_no,
            "category": c.category,
            "polarity": c.polarity,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "weight": c.weight,
            "rule": c.rule,
            "modifiers": ";".join(c.modifiers),
        }
        for c in cues
    ]


def sentiment_conflict(sentiment_label: object, stance: str) -> bool:
    """Return True when sentiment and stance point opposite ways."""
    label = str(sentiment_label).lower()
    return (label == "positive" and stance == "against") or (
        label == "negative" and stance == "favor"
    )


STANCE_COMMENT_COLUMNS = (
    "stance",
    "stance_score",
    "frames",
    "sentiment_stance_conflict",
    "first_person_use",
    "dose",
    "duration",
    "outcome",
)


def _row_target(row, default: DrugTarget) -> DrugTarget:
    """Return the drug a comment is about: its own `drug` column (review sets), else the page's."""
    from .drugs import lookup_drug

    named = row.get("drug")
    if isinstance(named, str) and named.strip():
        return lookup_drug(named)
    return default


def _no_target(tables: PageTables) -> None:
    """Record that no target drug is known, leaving every stance column empty (not 'neutral')."""
    import pandas as pd

    from .model import Problem

    source = str(tables.article["source"].iloc[0]) if "source" in tables.article else ""
    tables.problems.append(
        Problem(source, None, "warning", "no target drug known: stance not computed (use --drug)")
    )
    for frame in (tables.article, tables.sections):
        frame["stance"], frame["stance_score"] = pd.NA, float("nan")
    for column in STANCE_COMMENT_COLUMNS:
        tables.comments[column] = pd.NA
    # a float column, as when computed: figures and CSV readers must not meet pd.NA objects there
    tables.comments["stance_score"] = float("nan")


def annotate(tables: PageTables, drug: DrugTarget | None = None) -> None:
    """Add stance, frames and experience columns to the page's tables, and evidence tables to extra.

    The target is `drug`, else the page's own (`tables.drug`); a comment with a non-empty `drug`
    column (multi-drug review sets) is scored against that drug instead.
    """
    import pandas as pd

    from .experience import EXPERIENCE_EVIDENCE_COLUMNS, experience_of, experience_rows
    from .frames import FRAME_EVIDENCE_COLUMNS, frame_rows, frames_of
    from .model import row_dicts

    drug = drug if drug is not None else tables.drug
    if drug is None:  # structured inputs with a drug column already carry their commonest drug
        _no_target(tables)
        return

    article_id = tables.article_id
    evidence: list[dict[str, object]] = []
    exp_evidence: list[dict[str, object]] = []
    frame_evidence: list[dict[str, object]] = []

    title = str(tables.article["title"].iloc[0]) if "title" in tables.article.columns else ""
    condition = condition_effects(title, drug)
    # The same article text the pipeline measures, so article-level offsets have one referent.
    from .pipeline import article_text

    labels, scores = [], []
    for row in row_dicts(tables.sections):
        result = stance_of(str(row.get("text") or ""), drug, condition=condition)
        labels.append(result.label)
        scores.append(result.score)
        evidence += evidence_rows(
            result.evidence, article_id, "section", section_no=int(row["section_no"])
        )
    tables.sections["stance"] = labels
    tables.sections["stance_score"] = scores

    whole = stance_of(article_text(tables.sections), drug, condition=condition)
    tables.article["stance"] = article_label(labels, whole.label)
    tables.article["stance_score"] = whole.score
    evidence = evidence_rows(whole.evidence, article_id, "article") + evidence

    columns: dict[str, list[object]] = {k: [] for k in STANCE_COMMENT_COLUMNS}
    for row in row_dicts(tables.comments):
        text = str(row.get("text") or "")
        comment_id = int(row["comment_id"])
        target = _row_target(row, drug)
        result = stance_of(text, target, about_drug=True, condition=condition)
        exp = experience_of(text, target, result.evidence)
        uses = [(c.start, c.end) for c in exp.evidence if c.category == "use"]
        frames = frames_of(text, target, result.evidence, uses)
        columns["stance"].append(result.label)
        columns["stance_score"].append(result.score)
        columns["frames"].append(";".join(f.frame for f in frames.labels))
        columns["sentiment_stance_conflict"].append(
            sentiment_conflict(row.get("sentiment_label"), result.label)
        )
        columns["first_person_use"].append(exp.first_person_use)
        columns["dose"].append(exp.dose)
        columns["duration"].append(exp.duration)
        columns["outcome"].append(exp.outcome)
        evidence += evidence_rows(result.evidence, article_id, "comment", comment_id=comment_id)
        exp_evidence += experience_rows(exp, article_id, comment_id)
        frame_evidence += frame_rows(frames, article_id, comment_id)
    for name, values in columns.items():
        tables.comments[name] = pd.Series(values, index=tables.comments.index, dtype=object)
    tables.comments["stance_score"] = tables.comments["stance_score"].astype(float)
    tables.comments["sentiment_stance_conflict"] = tables.comments[
        "sentiment_stance_conflict"
    ].astype(bool)
    tables.comments["first_person_use"] = tables.comments["first_person_use"].astype(bool)

    frame = pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS)
    frame["comment_id"] = frame["comment_id"].astype("Int64")
    frame["section_no"] = frame["section_no"].astype("Int64")
    tables.extra["stance_evidence"] = frame
    tables.extra["experience_evidence"] = pd.DataFrame(
        exp_evidence, columns=EXPERIENCE_EVIDENCE_COLUMNS
    )
    tables.extra["frame_evidence"] = pd.DataFrame(frame_evidence, columns=FRAME_EVIDENCE_COLUMNS)
