"""Train the learned stance model on the Druglib reviews and write it as a readable weights table.

Data: ../shared/data/druglib_train.csv (UCI Drug Review Dataset (Druglib.com), CC BY 4.0;
Gräßer F., Kallumadi S., Malberg H., Zaunseder S. (2018) "Aspect-Based Sentiment Analysis of Drug
Reviews Applying Cross-Domain and Cross-Data Learning", DH '18, 121-125). Every choice below (C,
blend weight, thresholds) is made on the reviews with an even reviewID (the dev half) only; odd
reviewIDs are never read for a choice. The shipped model's weights are then fitted on all reviews
(`--train-on all`, the default), because more data helps unseen texts (the learning curve in
docs/codebook.md); benchmarks/druglib_stance.py measures this procedure by cross-fitting, so no
review is scored by a model that saw it. `--train-on dev` fits the dev half only (the model
shipped until session 4).

Labels are rating proxies: 1-4 against, 5-6 mixed, 7-10 favor. Text: the three review fields joined
by blank lines (benchmarks/druglib_stance.review_text), read through analysis.stance.model_view
(clauses about the drug, hypothetical scopes removed); the reviewed drug's name becomes `_drug_` and
other Druglib drug names are cut out, so no weight belongs to a drug name. Views and rule rows are
read with TRAINING_DRUGS, a frozen copy of the drug table, not the package's growing one.

Model: TF-IDF (sublinear tf, smoothed idf, L2) over unigrams and bigrams with negation marking
(analysis.stance_model.features), n-grams made only of stop words left out (they carry a site's
style, not stance), min_df=MIN_DF; multinomial logistic regression with balanced class
weights, lbfgs, random_state=0. The blend of rule score and model score has a fixed rule weight,
RULE_WEIGHT (0.25). C and the favor and against thresholds are chosen on out-of-fold model scores
within dev (5-fold stratified, so no dev review is scored by a model that saw it), repeated with
SEEDS (0, 1, 2) as the folds' shuffling seeds: for each C of C_GRID one symmetric threshold pair
(-t/+t; two free thresholds until session 9, see SYMMETRIC_THRESHOLDS) maximises the mean over the
seeds of the blend's three-class + favor-vs-against macro-F1, and C is the
smallest whose mean is within C_TIE (0.005) of the best. One split decided C until session 8, and
the choice flipped from C=2 to C=1 on a 0.0008 difference after an unrelated change, which cost
~0.02 held-out: the objectives of neighbouring C differ by less than the split noise, so a near
tie goes to the stronger regularisation instead of to the noise (choose_settings). `--seeds`
repeats the choice with other seeds to check that it holds. Until session 5 the rule weight was
chosen too (0 to 1 by 0.1); nested validation within dev (benchmarks/stance_blend_nested.py,
benchmarks/results/stance_blend_nested.csv) found the fixed weight better on held-back dev folds:
choosing three blend parameters on the same scores over-fits.

Output: analysis/data/stance_model.csv (feature, idf, coef_favor, coef_mixed, coef_against; sorted by
feature) and analysis/data/stance_model.json (classes, intercepts, vectoriser settings, blend,
cross-validation scores, data citation). Deterministic: the same data gives the same files.

Usage: .venv/bin/python benchmarks/train_stance_model.py [--out DIR] [--keep-blend]
       [--train-on {all,dev}] [--seeds 0,1,2]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sparse
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from druglib_stance import load, review_cues, review_drug  # noqa: E402

from analysis import drugs, stance, stance_model  # noqa: E402

CLASSES = stance_model.CLASSES
# The drug table the training views and rule rows are read with: a frozen copy of
# analysis/data/drugs.csv, so that adding drugs to the package table (which changes which clauses
# count as about another drug) leaves the model as it is until this copy is refreshed on purpose.
TRAINING_DRUGS = ROOT / "benchmarks" / "stance_training_drugs.csv"
MIN_DF = 3
# character n-gram lengths of --char-ngrams: won dev CV narrowly but not shipped (docs/codebook.md)
CHAR_NGRAMS: tuple[int, int] = (2, 5)
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0)  # adding 16 and 32 did not help in nested validation
# fixed, not chosen: benchmarks/stance_blend_nested.py (module docstring)
RULE_WEIGHT = 0.25
THRESHOLDS = tuple(round(t, 2) for t in np.arange(-0.6, 0.61, 0.05))
FOLDS = 5
# shuffling seeds of the repeated out-of-fold split that C and the thresholds are chosen on
SEEDS = (0, 1, 2)
# C within this of the best mean objective tie and the smallest wins: neighbouring C differed by
# 0.0008 on one split, well inside the split noise, and that flip cost ~0.02 held-out
C_TIE = 0.005
# thresholds -t/+t, one t chosen: nested validation within dev (benchmarks/stance_blend_nested.py,
# candidate i_w25_symmetric) preferred it to two free thresholds, which flipped on near ties
SYMMETRIC_THRESHOLDS = True
N_JOBS = 2  # (C, seed) out-of-fold runs in parallel; each is deterministic, so is the result
TRAIN_ON = ("all", "dev")
TRAINED_ON = {
    "all": "all Druglib.com reviews (both halves), rating proxies 1-4 against, 5-6 mixed, 7-10 favor",
    "dev": "Druglib.com reviews with even reviewID (dev half), rating proxies "
    "1-4 against, 5-6 mixed, 7-10 favor",
}
DECIMALS = 6
CITATION = (
    "Druglib.com reviews, UCI Machine Learning Repository Drug Review Dataset (Druglib.com), "
    "CC BY 4.0. Grasser F., Kallumadi S., Malberg H., Zaunseder S. (2018) Aspect-Based Sentiment "
    "Analysis of Drug Reviews Applying Cross-Domain and Cross-Data Learning. DH '18, 121-125."
)


def _identity(doc: list[str]) -> list[str]:
    return doc


# n-grams made only of these carry style, not stance ("they", "to the", "in my"); negators are kept
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) - {
    "not",
    "no",
    "never",
    "nothing",
    "none",
    "without",
    "nor",
    "neither",
    "cannot",
}


def training_table():
    """Return a context in which the package reads TRAINING_DRUGS as its drug table."""
    return drugs.use_table(TRAINING_DRUGS)


def informative(name: str) -> bool:
    """Return False for an n-gram whose tokens are all stop words (negation marks ignored)."""
    words = [w.removeprefix(stance_model.NEGATION_PREFIX) for w in name.split(" ")]
    return not all(w in STOP_WORDS for w in words)


def other_drug_pattern(url_names: list[str]) -> re.Pattern[str]:
    """Return a regex for every Druglib drug name (whole name, and first part if 4+ letters)."""
    names = set()
    for name in url_names:
        names.add(name.replace("-", " "))
        first = name.split("-")[0]
        if len(first) >= 4:
            names.add(first)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _subtract(
    regions: list[tuple[int, int]], holes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    out = []
    for start, end in regions:
        cursor = start
        for h_start, h_end in holes:
            if h_end <= cursor or h_start >= end:
                continue
            if h_start > cursor:
                out.append((cursor, h_start))
            cursor = max(cursor, h_end)
        if cursor < end:
            out.append((cursor, end))
    return out


View = tuple[str, list[tuple[int, int]], list[tuple[int, int]]]  # text, regions, drug name spans


def document_views(frame: pd.DataFrame) -> list[View]:
    """Return each review's text with the regions the model reads and its drug-name spans.

    The regions are analysis.stance.model_view minus other Druglib drug names (module docstring).
    """
    others = other_drug_pattern(sorted(frame["urlDrugName"].str.lower().unique()))
    views = []
    with training_table():
        for text, url_name in zip(frame["text"], frame["urlDrugName"], strict=True):
            drug = review_drug(str(url_name))
            regions, names = stance.model_view(text, drug, about_drug=True)
            holes = [
                m.span()
                for m in others.finditer(text)
                if not any(a < m.end() and m.start() < b for a, b in names)
            ]
            views.append((text, _subtract(regions, holes), names))
    return views


def view_features(
    views: list[View],
    ngram_max: int = 2,
    negation_scope: int | None = stance_model.NEGATION_SCOPE,
    stop_filter: bool = True,
) -> list[list[str]]:
    """Return each view's feature names (stop-word-only n-grams dropped unless stop_filter=False)."""
    docs = []
    for text, regions, names in views:
        found = stance_model.features(text, regions, names, ngram_max, negation_scope)
        docs.append([f.name for f in found if not stop_filter or informative(f.name)])
    return docs


def view_char_features(
    views: list[View], lengths: tuple[int, int], stop_filter: bool = False
) -> list[list[str]]:
    """Return each view's character n-gram names ("#"-prefixed, from all its tokens).

    stop_filter=True (a variant, not shipped) takes them from the tokens that are not stop words.
    """
    docs = []
    for text, regions, names in views:
        found = stance_model.features(text, regions, names, 1)
        if stop_filter:
            found = [f for f in found if informative(f.name)]
        docs.append([f.name for f in stance_model.char_features(found, lengths)])
    return docs


def document_features(frame: pd.DataFrame, chars: bool = False) -> list[list[str]]:
    """Return each review's feature names as the model sees them (chars: with character n-grams)."""
    views = document_views(frame)
    docs = view_features(views)
    if chars:
        docs = [w + c for w, c in zip(docs, view_char_features(views, CHAR_NGRAMS), strict=True)]
    return docs


class BlockVectorizer:
    """Two TF-IDF vectorisers side by side: word n-grams, and "#"-prefixed character n-grams.

    Each block is L2-normalised on its own (as analysis.stance_model.score_features scores them);
    columns are the word block's, then the character block's.
    """

    def __init__(self, words: TfidfVectorizer, chars: TfidfVectorizer) -> None:
        self.words, self.chars = words, chars

    @staticmethod
    def _split(docs):
        prefix = stance_model.CHAR_PREFIX
        words = [[n for n in d if not n.startswith(prefix)] for d in docs]
        chars = [[n for n in d if n.startswith(prefix)] for d in docs]
        return words, chars

    def fit_transform(self, docs):
        words, chars = self._split(docs)
        blocks = [self.words.fit_transform(words), self.chars.fit_transform(chars)]
        self.idf_ = np.concatenate([self.words.idf_, self.chars.idf_])
        self.vocabulary_ = self.words.vocabulary_  # the word n-grams (MIN_MODEL_FEATURES)
        return sparse.hstack(blocks).tocsr()

    def fit(self, docs):
        self.fit_transform(docs)
        return self

    def transform(self, docs):
        words, chars = self._split(docs)
        return sparse.hstack([self.words.transform(words), self.chars.transform(chars)]).tocsr()

    def get_feature_names_out(self):
        return np.concatenate(
            [self.words.get_feature_names_out(), self.chars.get_feature_names_out()]
        )


def make_vectorizer(
    min_df: int | None = None, binary: bool = False, use_idf: bool = True
) -> TfidfVectorizer:
    """Return the vectoriser over pre-tokenised feature lists (min_df defaults to MIN_DF)."""
    return TfidfVectorizer(
        analyzer=_identity,
        min_df=MIN_DF if min_df is None else min_df,
        sublinear_tf=True,
        smooth_idf=True,
        norm="l2",
        binary=binary,
        use_idf=use_idf,
    )


def fit(
    docs: list[list[str]],
    labels: list[str],
    c: float,
    vectorizer: TfidfVectorizer | None = None,
    class_weight: str | None = "balanced",
) -> tuple[TfidfVectorizer, object]:
    """Return the fitted vectoriser (default make_vectorizer()) and logistic regression."""
    if vectorizer is None:
        has_chars = any(n.startswith(stance_model.CHAR_PREFIX) for d in docs for n in d)
        vectorizer = make_vectorizer()
        if has_chars:
            vectorizer = BlockVectorizer(vectorizer, make_vectorizer())
    x = vectorizer.fit_transform(docs)
    model = LogisticRegression(
        C=c, class_weight=class_weight, max_iter=10000, random_state=0, solver="lbfgs"
    )
    model.fit(x, labels)
    return vectorizer, model


def out_of_fold(docs: list[list[str]], labels: np.ndarray, c: float, seed: int = 0) -> np.ndarray:
    """Return out-of-fold class probabilities (columns in CLASSES order; folds shuffled by seed)."""
    probs = np.zeros((len(docs), len(CLASSES)))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    for train, test in folds.split(np.zeros(len(labels)), labels):
        vectorizer, model = fit([docs[i] for i in train], list(labels[train]), c)
        p = model.predict_proba(vectorizer.transform([docs[i] for i in test]))
        order = [list(model.classes_).index(k) for k in CLASSES]
        probs[test] = p[:, order]
    return probs


def macro3(gold, pred) -> float:
    return f1_score(gold, pred, average="macro", labels=["favor", "mixed", "against"])


def macro2(gold, score) -> float:
    keep = np.isin(gold, ["favor", "against"])
    pred = np.where(score[keep] >= 0, "favor", "against")
    return f1_score(gold[keep], pred, average="macro", labels=["favor", "against"])


def choose_blend(
    gold: np.ndarray,
    rules: pd.DataFrame,
    model: np.ndarray | list[np.ndarray],
    weights: tuple[float, ...] = (RULE_WEIGHT,),
) -> dict[str, float]:
    """Return the rule weight (of `weights`) and thresholds maximising three-class + binary macro-F1.

    Shipped: the one weight RULE_WEIGHT, so only the thresholds are chosen. Reviews where the rules
    decide alone (analysis.stance.rules_decide: a rules-only category, or fewer than
    MIN_MODEL_FEATURES known n-grams) keep the rule label and score, as combine does. `model` is one
    array of model scores, or a list of them (one per out-of-fold seed): then one weight and
    threshold pair maximises the mean objective over the list, and the macro-F1s are the means.
    """
    return blend_search(gold, rules, model, weights)[0]


def blend_search(
    gold: np.ndarray,
    rules: pd.DataFrame,
    model: np.ndarray | list[np.ndarray],
    weights: tuple[float, ...] = (RULE_WEIGHT,),
    symmetric: bool = SYMMETRIC_THRESHOLDS,
) -> tuple[dict[str, float], np.ndarray]:
    """Return choose_blend's choice and its objective on each of the model score arrays.

    With `symmetric`, only pairs with against threshold = -favor threshold are tried.
    """
    models = [model] if isinstance(model, np.ndarray) and model.ndim == 1 else list(model)
    best: tuple[float, dict[str, float], np.ndarray] | None = None
    alone = rules["alone"].to_numpy()
    rule = rules["score"].to_numpy()
    rule_label = rules["label"].replace({"neutral": "mixed"}).to_numpy()
    # as analysis.stance.combine: a label against one-sided rule evidence is mixed
    no_favor, no_against = rules["no_favor"].to_numpy(), rules["no_against"].to_numpy()
    n = len(THRESHOLDS)

    def conflict(score: np.ndarray, lo: float, hi: float) -> np.ndarray:
        labels = threshold_labels(score, lo, hi)
        turned = ((labels == "favor") & no_favor) | ((labels == "against") & no_against)
        return np.where(turned, "mixed", labels)

    for w in weights:
        scores = [np.where(alone, rule, w * rule + (1 - w) * m) for m in models]
        binary = np.array([macro2(gold, score) for score in scores])
        three = np.full((n, n, len(scores)), np.nan)
        for i, lo in enumerate(THRESHOLDS):
            for j, hi in enumerate(THRESHOLDS):
                if lo <= 0 <= hi and (not symmetric or abs(lo + hi) < 1e-9):
                    three[i, j] = [
                        macro3(gold, np.where(alone, rule_label, conflict(s, lo, hi)))
                        for s in scores
                    ]
        objective = np.nanmean(three, axis=2) + binary.mean()
        # row-major argmax: the first best pair in (lo, hi) order
        i, j = np.unravel_index(np.nanargmax(objective), objective.shape)
        if best is None or objective[i, j] > best[0] + 1e-12:
            blend = {
                "rule_weight": w,
                "favor_threshold": THRESHOLDS[j],
                "against_threshold": THRESHOLDS[i],
                "dev_oof_macro_f1_three_class": round(float(three[i, j].mean()), 4),
                "dev_oof_macro_f1_favor_vs_against": round(float(binary.mean()), 4),
            }
            best = (float(objective[i, j]), blend, three[i, j] + binary)
    assert best is not None
    return best[1], best[2]


def threshold_labels(score: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Return favor at or above hi, against at or below lo, mixed between."""
    return np.where(score >= hi, "favor", np.where(score <= lo, "against", "mixed"))


def rules_alone(cues) -> bool:
    """Return whether the rules decide a review alone: a counted cue of RULES_ONLY_CATEGORIES."""
    return any(c.weight > 0 and c.category in stance.RULES_ONLY_CATEGORIES for c in cues)


def rule_row(cues) -> dict[str, object]:
    """Return a review's rule label and score, whether the rules decide alone, and whether a
    favor / against label would oppose one-sided rule evidence (analysis.stance.against_the_rules).
    """
    label, score, favor, against = stance.decide(cues)
    return {
        "label": label,
        "score": score,
        "alone": rules_alone(cues),
        "no_favor": stance.against_the_rules("favor", favor, against),
        "no_against": stance.against_the_rules("against", favor, against),
    }


def rule_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """Return rule_row for each review, read with the training drug table."""
    with training_table():
        return pd.DataFrame([rule_row(cues) for _, _, cues in review_cues(frame)])


def write_model(
    out_dir: Path, vectorizer: TfidfVectorizer, model, meta: dict[str, object]
) -> tuple[Path, Path]:
    """Write the weights CSV and settings JSON; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    order = [list(model.classes_).index(k) for k in CLASSES]
    names = vectorizer.get_feature_names_out()
    rows = []
    for j in np.argsort(names, kind="stable"):
        coefs = [round(float(model.coef_[k, j]), DECIMALS) for k in order]
        rows.append([names[j], round(float(vectorizer.idf_[j]), DECIMALS), *coefs])
    weights = out_dir / stance_model.WEIGHTS_FILE.name
    with open(weights, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["feature", "idf", *(f"coef_{k}" for k in CLASSES)])
        writer.writerows(rows)
    meta = {
        "classes": list(CLASSES),
        "intercepts": {
            k: round(float(model.intercept_[i]), DECIMALS)
            for k, i in zip(CLASSES, order, strict=True)
        },
        "sublinear_tf": True,
        "smooth_idf": True,
        "norm": "l2",
        "ngram_max": 2,
        "min_df": MIN_DF,
        "negation_scope": stance_model.NEGATION_SCOPE,
        "char_ngrams": list(CHAR_NGRAMS) if isinstance(vectorizer, BlockVectorizer) else None,
        "n_features": len(rows),
        "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
        **meta,
    }
    settings = out_dir / stance_model.SETTINGS_FILE.name
    settings.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return weights, settings


def check_scoring(weights: Path, settings: Path, vectorizer, model, docs, n: int = 200) -> float:
    """Return the largest |difference| between pure-Python and sklearn probabilities on `n` docs."""
    # the docs already hold their character n-grams: score them as given, derive none
    loaded = replace(stance_model.load_model.__wrapped__(weights, settings), char_ngrams=None)
    order = [list(model.classes_).index(k) for k in CLASSES]
    expected = model.predict_proba(vectorizer.transform(docs[:n]))[:, order]
    worst = 0.0
    for doc, row in zip(docs[:n], expected, strict=True):
        found = [stance_model.Feature(name, 0, 0) for name in doc]
        probs = stance_model.score_features(found, loaded).probabilities
        worst = max(worst, max(abs(probs[k] - row[i]) for i, k in enumerate(CLASSES)))
    return worst


def choose_settings(
    dev: pd.DataFrame,
    docs: list[list[str]],
    gold: np.ndarray,
    seeds: tuple[int, ...] = SEEDS,
    n_jobs: int = N_JOBS,
) -> tuple[float, dict[str, float], dict[str, dict[str, object]]]:
    """Return (C, blend, cross-validation scores), all chosen within the dev half.

    C is chosen by what is shipped, the blend's objective (three-class + favor-vs-against macro-F1
    of the blend with RULE_WEIGHT), on out-of-fold dev scores repeated over `seeds` (the folds'
    shuffling seeds): for each C one threshold pair maximises the objective's mean over the seeds
    (choose_blend), and C is the smallest whose mean is within C_TIE of the best. The shipped blend
    is the chosen C's; its macro-F1s, like the cv block's, are means over the seeds, and the cv
    block also holds each C's thresholds, the objective's standard deviation over the seeds
    (ddof=1) and its value on each seed. Why: with one split (seed 0) the objectives were 1.3461,
    1.3559, 1.3551, 1.3504, 1.3437 for C=0.5..8, and the choice flipped from C=2 to C=1 on a 0.0008
    difference after an unrelated change, costing ~0.02 held-out; differences that small are split
    noise, so they should not decide. (Until session 4, C maximised the model's own three-class
    score, a criterion that once differed by 0.002 between C values whose blends differed by 0.025.)
    """
    rules = rule_scores(dev)
    known = set(make_vectorizer().fit(docs).vocabulary_)
    short = np.array([len(set(d) & known) < stance.MIN_MODEL_FEATURES for d in docs])
    # (known holds word n-grams only, so character n-grams never count here)
    rules["alone"] = rules["alone"] | short
    runs = [(c, seed) for c in C_GRID for seed in seeds]
    results = Parallel(n_jobs=n_jobs)(delayed(out_of_fold)(docs, gold, c, seed) for c, seed in runs)
    probs = dict(zip(runs, results, strict=True))
    cv: dict[str, dict[str, object]] = {}
    blends: dict[float, dict[str, float]] = {}
    means: dict[float, float] = {}
    for c in C_GRID:
        scores = [probs[c, s][:, 0] - probs[c, s][:, 2] for s in seeds]
        three = [macro3(gold, np.array(CLASSES)[probs[c, s].argmax(axis=1)]) for s in seeds]
        blends[c], objectives = blend_search(gold, rules, scores)
        means[c] = float(objectives.mean())
        sd = float(objectives.std(ddof=1)) if len(seeds) > 1 else 0.0
        cv[str(c)] = {
            "three_class": round(float(np.mean(three)), 4),
            "favor_vs_against": round(float(np.mean([macro2(gold, x) for x in scores])), 4),
            "blend_objective": round(means[c], 4),
            "blend_objective_sd": round(sd, 4),
            "blend_objective_by_seed": {
                str(s): round(float(o), 4) for s, o in zip(seeds, objectives, strict=True)
            },
            "favor_threshold": blends[c]["favor_threshold"],
            "against_threshold": blends[c]["against_threshold"],
        }
        print(f"  C={c:<4} dev {FOLDS}-fold x seeds {list(seeds)} {cv[str(c)]}")
    best = max(means.values())
    c = min(k for k in C_GRID if means[k] >= best - C_TIE)
    blend = blends[c]
    blend["dev_share_rules_alone"] = round(float(rules["alone"].mean()), 4)
    print(f"best mean objective {best:.4f}; chosen C={c} (smallest within {C_TIE}); blend {blend}")
    return c, blend, cv


def blend_objective(blend: dict[str, float]) -> float:
    """Return the dev out-of-fold three-class + favor-vs-against macro-F1 of a chosen blend."""
    return blend["dev_oof_macro_f1_three_class"] + blend["dev_oof_macro_f1_favor_vs_against"]


def main(argv: list[str] | None = None) -> int:
    """Choose C and the blend within dev, fit the chosen reviews, write the model files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=stance_model.WEIGHTS_FILE.parent)
    parser.add_argument(
        "--keep-blend",
        action="store_true",
        help="skip the C and blend search: reuse C and blend from the existing settings JSON",
    )
    parser.add_argument(
        "--char-ngrams",
        action="store_true",
        help=f"add a block of character n-grams {CHAR_NGRAMS} of the tokens (an experiment)",
    )
    parser.add_argument(
        "--train-on",
        choices=TRAIN_ON,
        default="all",
        help="reviews the shipped weights are fitted on (choices are made on dev either way)",
    )
    parser.add_argument(
        "--seeds",
        type=lambda text: tuple(int(s) for s in text.split(",")),
        default=SEEDS,
        help="shuffling seeds of the out-of-fold splits C and the blend are chosen on "
        f"(comma-separated; default {','.join(map(str, SEEDS))})",
    )
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", RuntimeWarning)
    started = time.perf_counter()
    frame = load()
    all_docs = document_features(frame, chars=args.char_ngrams)
    is_dev = (frame["split"] == "dev").to_numpy()
    dev = frame[is_dev].reset_index(drop=True)
    docs = [d for d, keep in zip(all_docs, is_dev, strict=True) if keep]
    gold = dev["gold"].to_numpy()
    print(f"dev reviews: {len(dev)}; features read in {time.perf_counter() - started:.1f}s")

    if args.keep_blend:
        old = json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))
        c, blend, cv = float(old["C"]), old["blend"], old["cv"]
        seeds, tie = old.get("cv_seeds", [0]), old.get("C_tie")
    else:
        c, blend, cv = choose_settings(dev, docs, gold, args.seeds)
        seeds, tie = list(args.seeds), C_TIE

    train_docs, train_gold = (all_docs, frame["gold"]) if args.train_on == "all" else (docs, gold)
    vectorizer, model = fit(train_docs, list(train_gold), c)
    meta = {
        "C": c,
        "class_weight": "balanced",
        "solver": "lbfgs",
        "random_state": 0,
        "cv_folds": FOLDS,
        "cv_seeds": seeds,
        "C_tie": tie,
        "cv": cv,
        "blend": blend,
        "choices_made_on": "Druglib.com reviews with even reviewID (dev half)",
        "trained_on": TRAINED_ON[args.train_on],
        "n_train": len(train_docs),
        "citation": CITATION,
        "licence": "CC BY 4.0",
        "script": "benchmarks/train_stance_model.py",
    }
    weights, settings = write_model(args.out, vectorizer, model, meta)
    worst = check_scoring(weights, settings, vectorizer, model, docs)
    print(f"wrote {weights} ({len(vectorizer.idf_)} features) and {settings}")
    print(f"pure-Python vs sklearn probabilities: max |diff| {worst:.2e}")
    return 0 if worst < 1e-3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
