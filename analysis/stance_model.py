"""A transparent learned stance model: a linear classifier over word n-grams, scored without sklearn.

The model is a multinomial logistic regression (favor / mixed / against) over TF-IDF weighted word
unigrams and bigrams with negation marking ("didn't help" -> "didn't", "not_help"), plus, when the
settings name `char_ngrams`, a block of the tokens' character n-grams (char_features). It is trained by
`benchmarks/train_stance_model.py` on the dev half of the Druglib.com reviews (UCI Drug Review
Dataset, CC BY 4.0; Gräßer F., Kallumadi S., Malberg H., Zaunseder S. (2018) "Aspect-Based
Sentiment Analysis of Drug Reviews Applying Cross-Domain and Cross-Data Learning", DH '18, 121-125)
and shipped as a readable table, `data/stance_model.csv` (feature, idf, one coefficient per class),
plus `data/stance_model.json` (intercepts and vectoriser settings). No pickle: scoring is a dot
product over that table, and every n-gram that moved the score can be shown with its weight and
character offsets.

Tokens that name the target drug become `_drug_`, so the weights are not tied to one drug.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from .paths import PACKAGE_DATA

WEIGHTS_FILE = PACKAGE_DATA / "stance_model.csv"
SETTINGS_FILE = PACKAGE_DATA / "stance_model.json"
CLASSES = ("favor", "mixed", "against")

DRUG_TOKEN = "_drug_"
CHAR_PREFIX = "#"  # character n-gram features: "#" + the n-gram (never a word feature's name)
NEGATION_PREFIX = "not_"
NEGATION_SCOPE = 3  # tokens after a negator that are marked
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
# a bigram or negation scope never crosses these
_BOUNDARY = re.compile(r"[.!?;:,()\[\]\n\"]|\s-\s|\bbut\b", re.IGNORECASE)
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "without",
        "nothing",
        "none",
        "cannot",
        "nor",
        "neither",
        "hardly",
        "barely",
        "lack",
        "lacks",
    ]
)


class Token(NamedTuple):
    """A normalised token and its character span in the original text."""

    norm: str
    start: int
    end: int


# NamedTuples, not frozen dataclasses: a comment yields hundreds and frozen __init__ is slow
class Feature(NamedTuple):
    """One n-gram occurrence: the feature name and the span of text it covers."""

    name: str
    start: int
    end: int


def _is_negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't") or word in {"dont", "didnt", "doesnt", "cant"}


# A dose joined to its unit ("100mg") is one token; which dose a site's reviewers take is not a
# stance (the weights of 38 dose tokens ranged from +1.5 to -1.2), so all become DOSE_TOKEN.
DOSE_TOKEN = "_dose_"
_JOINED_DOSE = re.compile(r"\d+(?:[.,]\d+)?(?:mg|mgs|mcg|ml|g|iu|units?)", re.IGNORECASE)


def _normal(word: str) -> str:
    word = word.lower().replace("\u2019", "'")
    if word.isdigit():
        return "0"
    if _JOINED_DOSE.fullmatch(word):
        return DOSE_TOKEN
    return word


def tokens(
    text: str,
    regions: Iterable[tuple[int, int]] | None = None,
    drug_spans: Iterable[tuple[int, int]] = (),
    negation_scope: int | None = NEGATION_SCOPE,
) -> list[list[Token]]:
    """Return the segments (lists of tokens) of `text` inside `regions` (default: all of it).

    Segments end at punctuation, line breaks, "but", and region edges; negation marking applies
    within a segment to the `negation_scope` tokens after a negator (None: to the segment's end).
    Tokens overlapping `drug_spans` collapse into one DRUG_TOKEN per span.
    """
    scope = len(text) + 1 if negation_scope is None else negation_scope
    spans = [(0, len(text))] if regions is None else sorted(regions)
    drug_spans = sorted(drug_spans)
    segments: list[list[Token]] = []
    for r_start, r_end in spans:
        cuts = [r_start]
        cuts += [m.start() for m in _BOUNDARY.finditer(text, r_start, r_end)]
        cuts.append(r_end)
        for a, b in zip(cuts, cuts[1:], strict=False):
            segment: list[Token] = []
            negate_left = 0
            for m in _TOKEN.finditer(text, a, b):
                drug = (
                    next((d for d in drug_spans if d[0] < m.end() and m.start() < d[1]), None)
                    if drug_spans
                    else None
                )
                if drug is not None:
                    if segment and segment[-1].norm == DRUG_TOKEN and segment[-1].end >= drug[0]:
                        continue  # the rest of a multi-word name
                    segment.append(Token(DRUG_TOKEN, drug[0], drug[1]))
                    negate_left = max(0, negate_left - 1)
                    continue
                word = _normal(m.group(0))
                if _is_negator(word):
                    segment.append(Token(word, m.start(), m.end()))
                    negate_left = scope
                    continue
                if negate_left > 0:
                    word = NEGATION_PREFIX + word
                    negate_left -= 1
                segment.append(Token(word, m.start(), m.end()))
            if segment:
                segments.append(segment)
    return segments


def features(
    text: str,
    regions: Iterable[tuple[int, int]] | None = None,
    drug_spans: Iterable[tuple[int, int]] = (),
    ngram_max: int = 2,
    negation_scope: int | None = NEGATION_SCOPE,
) -> list[Feature]:
    """Return every n-gram occurrence up to `ngram_max` (see tokens) with its character span."""
    out: list[Feature] = []
    for segment in tokens(text, regions, drug_spans, negation_scope):
        for n in range(1, ngram_max + 1):
            for i in range(len(segment) - n + 1):
                gram = segment[i : i + n]
                out.append(Feature(" ".join(t.norm for t in gram), gram[0].start, gram[-1].end))
    return out


@dataclass(frozen=True)
class LinearModel:
    """The shipped weights: per feature an idf and one coefficient per class."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    idf: dict[str, float]
    coef: dict[str, tuple[float, ...]]
    sublinear_tf: bool = True
    ngram_max: int = 2
    char_ngrams: tuple[int, int] | None = None  # (min, max) character n-gram lengths, if used


@lru_cache(maxsize=1 << 16)
def _char_grams(word: str, low: int, high: int) -> tuple[str, ...]:
    padded = f" {word} "
    out: list[str] = []
    for n in range(low, high + 1):
        out.extend(CHAR_PREFIX + padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
        if len(padded) <= n:
            break
    return tuple(out)


def char_features(found: Iterable[Feature], lengths: tuple[int, int]) -> list[Feature]:
    """Return the character n-grams of the tokens among `found` (its unigrams), "#"-prefixed.

    Each token is padded with one space on either side and cut into n-grams of every length in
    `lengths`, as sklearn's analyzer="char_wb" does (a padded token shorter than n counts once, and
    ends the lengths for that token). Each n-gram's span is its token's span.
    """
    low, high = lengths
    return [
        Feature(gram, f.start, f.end)
        for f in found
        if " " not in f.name  # not a bigram
        for gram in _char_grams(f.name, low, high)
    ]


@cache
def load_model(weights: Path = WEIGHTS_FILE, settings: Path = SETTINGS_FILE) -> LinearModel:
    """Return the model from its CSV weights table and JSON settings."""
    meta = json.loads(Path(settings).read_text(encoding="utf-8"))
    classes = tuple(meta["classes"])
    idf: dict[str, float] = {}
    coef: dict[str, tuple[float, ...]] = {}
    with open(weights, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            idf[row["feature"]] = float(row["idf"])
            coef[row["feature"]] = tuple(float(row[f"coef_{c}"]) for c in classes)
    return LinearModel(
        classes,
        tuple(float(meta["intercepts"][c]) for c in classes),
        idf,
        coef,
        bool(meta.get("sublinear_tf", True)),
        int(meta.get("ngram_max", 2)),
        tuple(meta["char_ngrams"]) if meta.get("char_ngrams") else None,
    )


def model_available() -> bool:
    """Return True when the weights table and settings are present."""
    return WEIGHTS_FILE.exists() and SETTINGS_FILE.exists()


@dataclass(frozen=True)
class Contribution:
    """An n-gram's share of the favor-minus-against logit, with its first span in the text."""

    feature: str
    start: int
    end: int
    value: float  # x_f * (coef_favor - coef_against); > 0 pushes toward favor


@dataclass(frozen=True)
class ModelScore:
    """Class probabilities and the contributions of the matched n-grams (largest first)."""

    probabilities: dict[str, float]
    contributions: tuple[Contribution, ...]
    n_features: int  # distinct in-vocabulary word n-grams matched (character n-grams not counted)

    @property
    def score(self) -> float:
        """Return P(favor) - P(against), in [-1, 1]."""
        return self.probabilities.get("favor", 0.0) - self.probabilities.get("against", 0.0)


def score_features(found: list[Feature], model: LinearModel | None = None) -> ModelScore:
    """Return the model's probabilities for a text's features (the TF-IDF/L2/softmax of sklearn).

    With character n-grams (model.char_ngrams), they are derived from the word unigrams in `found`
    and L2-normalised as a block of their own (sklearn's hstack of two vectorisers); their
    contributions are reported per word, "chars:<word>" (the sum over that word's n-grams, each
    n-gram's share split evenly over its occurrences).
    """
    model = model or load_model()
    if model.char_ngrams:
        found = [*found, *char_features(found, model.char_ngrams)]
    counts: dict[str, int] = {}
    first: dict[str, Feature] = {}
    for f in found:
        if f.name in model.idf:
            counts[f.name] = counts.get(f.name, 0) + 1
            first.setdefault(f.name, f)
    values = {
        name: ((1.0 + math.log(n)) if model.sublinear_tf else float(n)) * model.idf[name]
        for name, n in counts.items()
    }
    squares = [0.0, 0.0]  # word block, character block
    for name, value in values.items():
        squares[name.startswith(CHAR_PREFIX)] += value * value
    norms = [math.sqrt(q) or 1.0 for q in squares]
    logits = list(model.intercepts)
    for name, value in values.items():
        x = value / norms[name.startswith(CHAR_PREFIX)]
        for k, c in enumerate(model.coef[name]):
            logits[k] += x * c
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    probabilities = {c: e / total for c, e in zip(model.classes, exps, strict=True)}
    i_f, i_a = model.classes.index("favor"), model.classes.index("against")

    def delta(name: str) -> float:
        coef = model.coef[name]
        return values[name] / norms[name.startswith(CHAR_PREFIX)] * (coef[i_f] - coef[i_a])

    merged: dict[str, Contribution] = {}
    for name in values:
        if not name.startswith(CHAR_PREFIX):
            f = first[name]
            merged[name] = Contribution(name, f.start, f.end, delta(name))
    if model.char_ngrams:
        words = {
            (f.start, f.end): f.name
            for f in found
            if " " not in f.name and not f.name.startswith(CHAR_PREFIX)
        }
        for f in found:
            if f.name.startswith(CHAR_PREFIX) and f.name in values:
                key = "chars:" + words[(f.start, f.end)]
                share = delta(f.name) / counts[f.name]
                old = merged.get(key)
                if old is None:
                    merged[key] = Contribution(key, f.start, f.end, share)
                else:
                    merged[key] = Contribution(key, old.start, old.end, old.value + share)
    contributions = sorted(merged.values(), key=lambda c: (-abs(c.value), c.start))
    n_words = sum(not name.startswith(CHAR_PREFIX) for name in values)
    return ModelScore(probabilities, tuple(contributions), n_words)
