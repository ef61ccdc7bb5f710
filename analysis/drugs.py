"""The target drug: its generic and brand names and common misspellings, from an extendable table."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from .paths import PACKAGE_DATA

DRUGS_FILE = PACKAGE_DATA / "drugs.csv"


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


@cache
def load_drugs(path: Path = DRUGS_FILE) -> tuple[DrugTarget, ...]:
    """Return the drug table (package default, or a user's CSV with the same columns)."""
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


def lookup_drug(name: str, path: Path = DRUGS_FILE) -> DrugTarget:
    """Return the known drug one of whose names equals `name`, else a target with that name only."""
    wanted = name.strip().lower()
    for drug in load_drugs(path):
        if wanted in drug.names:
            return drug
    return DrugTarget(generic=wanted)


def infer_drug(title: str, path: Path = DRUGS_FILE) -> DrugTarget | None:
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
