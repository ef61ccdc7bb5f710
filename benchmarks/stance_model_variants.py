"""Compare variants of the learned stance model by cross-validation within the Druglib dev half.

Data and labels as benchmarks/train_stance_model.py (even reviewID only, rating proxies 1-4 against,
5-6 mixed, 7-10 favor; UCI Drug Review Dataset (Druglib.com), CC BY 4.0; Gräßer et al. 2018,
DH '18). No held-out (odd reviewID) or PsyTAR row is read: this is where choices are made, and the
held-out numbers of benchmarks/druglib_stance.py are reported once, for the shipped variant only.

Each variant is scored two ways, every review scored by a model that did not see it:
- `stratified`: stratified 5-fold cross-validation, repeated with shuffling seeds 0, 1, 2 (means);
- `by_drug`: GroupKFold (5 folds) with the reviewed drug as the group, so every review is scored by
  a model that saw no review of its drug (how the model fares on other drugs).
Columns: the model alone (favor-vs-against macro-F1 from the sign of P(favor) - P(against);
three-class macro-F1 from its most probable class, and with the favor/against thresholds on
P(favor) - P(against) that maximise it), and the blend with the rules as analysis.stance.combine
makes it (thresholds chosen, with the trainer's fixed rule weight, by
train_stance_model.choose_blend on the same out-of-fold scores, so the blend numbers are slightly
optimistic, alike for every variant; until session 5 the rule weight was chosen there too).

Decision rule, fixed before the numbers: a variant replaces the shipped one only if its blend
(three-class + favor-vs-against) beats the shipped variant's under both schemes, by more than
MARGIN (0.01, about the spread between CV seeds).

Output: benchmarks/results/stance_model_variants.csv. Slow: about 1-3 minutes per variant with
--seeds 3 on one core (character n-grams and ensembles are the slow ones; use --only to run a
few). The review views and rule cues are computed once per run and shared by every variant.

Usage: .venv/bin/python benchmarks/stance_model_variants.py [--only NAME ...] [--seeds N]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sparse
from scipy.special import softmax
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression, Ridge, SGDClassifier
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_stance_model as train  # noqa: E402
from druglib_stance import load, review_cues  # noqa: E402

from analysis import stance, stance_model  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "stance_model_variants.csv"
CLASSES = train.CLASSES
FOLDS = 5
MARGIN = 0.01  # a variant must beat the shipped blend objective by more than this (seed spread)
CUE_SCALE = 0.3  # stacked rule-cue columns: saturated category totals (0-3) times this


@dataclass(frozen=True)
class Variant:
    """One way to build the model; defaults are the shipped settings."""

    name: str
    description: str
    c: float = 2.0  # the other variants' C (the study's rounds ran at 2); "shipped" sets its own
    ngram_max: int = 2
    negation_scope: int | None = stance_model.NEGATION_SCOPE
    stop_filter: bool = True
    min_df: int = 3
    binary: bool = False
    use_idf: bool = True
    class_weight: str | None = "balanced"
    stack_cues: bool = False  # the rule cues' category totals as extra columns
    head: str = "logistic"  # or "ridge" (on the 1-10 rating), "svm" (LinearSVC, calibrated), "sgd"
    # character n-grams (train.view_char_features): lengths; `words` False drops the word block
    char_ngrams: tuple[int, int] | None = train.CHAR_NGRAMS
    words: bool = True
    char_stop_filter: bool = False  # character n-grams only of tokens that are not stop words
    # naive-Bayes log-count-ratio scaling of the word columns (Wang & Manning 2012): "favor_vs_against"
    # (|r| of favor vs against), "max_one_vs_rest" (max over classes of |r| of class vs rest), or
    # "one_vs_rest" (one binary model per class on x * r_class, softmax of their logits)
    nb_scale: str | None = None
    nb_alpha: float = 1.0
    nb_beta: float = 1.0  # one_vs_rest: w <- (1 - beta) * mean|w| + beta * w
    # average the class probabilities with those of a second model built like this one but with
    # these changes (e.g. {"words": False, "char_ngrams": (2, 5)}: a character-only model)
    ensemble_with: tuple[tuple[str, object], ...] = ()


WORDS_ONLY = {"char_ngrams": None}  # the shipped model has no character n-grams
CHARS_ONLY = {"words": False, "char_ngrams": (2, 5)}

VARIANTS = (
    Variant(
        "shipped",
        "word tf-idf 1-2 grams (negation scope 3, stop-word n-grams dropped, balanced), the shipped "
        "C (chosen by the blend's dev objective since session 4; C=2 before)",
        c=float(json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))["C"]),
        char_ngrams=None,
    ),
    Variant(
        "words+chars_C=1",
        "the shipped words + char_wb 2-5 grams of the tokens (own L2 block), C=1; won dev CV "
        "narrowly, not shipped (docs/codebook.md)",
        c=1.0,
    ),
    Variant("C=0.25", "stronger regularisation", c=0.25, char_ngrams=None),
    Variant("C=0.5", "stronger regularisation", c=0.5, char_ngrams=None),
    Variant("C=2", "the shipped C until session 4", c=2.0, char_ngrams=None),
    Variant("C=8", "weaker regularisation", c=8.0, char_ngrams=None),
    Variant(
        "binary_tf", "binary term presence instead of sublinear tf", binary=True, char_ngrams=None
    ),
    Variant("no_idf", "sublinear tf without idf", use_idf=False, char_ngrams=None),
    Variant("min_df=2", "n-grams in at least 2 reviews", min_df=2, char_ngrams=None),
    Variant("min_df=5", "n-grams in at least 5 reviews", min_df=5, char_ngrams=None),
    Variant("1-3_grams", "word 1-3 grams", ngram_max=3, char_ngrams=None),
    Variant(
        "negation_to_punct",
        "not_ marking to the next punctuation",
        negation_scope=None,
        char_ngrams=None,
    ),
    Variant(
        "keep_stop_ngrams",
        "keep n-grams made only of stop words",
        stop_filter=False,
        char_ngrams=None,
    ),
    Variant(
        "negation_to_punct+keep_stop",
        "both of the above",
        negation_scope=None,
        stop_filter=False,
        char_ngrams=None,
    ),
    Variant("unweighted", "no class weights", class_weight=None, char_ngrams=None),
    Variant(
        "stack_rule_cues",
        "rule cue category totals as extra features",
        stack_cues=True,
        char_ngrams=None,
    ),
    Variant(
        "ridge_rating",
        "ridge regression (alpha 0.5) on the 1-10 rating",
        head="ridge",
        char_ngrams=None,
    ),
    # stance3 (Wang & Manning 2012 NB scaling, character n-grams, ensembles, other linear learners)
    Variant(
        "nb_fa_words",
        "words only, columns scaled by |NB log-count ratio| favor vs against (alpha 1), C=2",
        char_ngrams=None,
        nb_scale="favor_vs_against",
    ),
    Variant(
        "nb_max_words",
        "words only, columns scaled by max over classes of |NB log-count ratio| one-vs-rest",
        char_ngrams=None,
        nb_scale="max_one_vs_rest",
    ),
    Variant(
        "nb_max_words_C=1",
        "as nb_max_words, C=1",
        char_ngrams=None,
        nb_scale="max_one_vs_rest",
        c=1.0,
    ),
    Variant(
        "nblr_ovr_words",
        "NB-LR one-vs-rest: a binary LR per class on x * r_class, softmax of the three logits",
        char_ngrams=None,
        nb_scale="one_vs_rest",
        c=1.0,
    ),
    Variant(
        "nblr_ovr_words_beta=0.25",
        "NB-LR one-vs-rest with the NBSVM interpolation beta 0.25",
        char_ngrams=None,
        nb_scale="one_vs_rest",
        c=1.0,
        nb_beta=0.25,
    ),
    Variant("chars_only", "char_wb 2-5 grams of the tokens alone, C=2", **CHARS_ONLY),
    Variant(
        "words+chars_no_stop",
        "as shipped, character n-grams only of tokens that are not stop words",
        c=1.0,
        char_stop_filter=True,
    ),
    Variant("words+chars_C=2", "as shipped, C=2 (the C of the word model)", c=2.0),
    Variant("words+chars_C=4", "as shipped, C=4", c=4.0),
    Variant(
        "words+nb_max+chars",
        "as shipped, word block NB-scaled (max one-vs-rest)",
        nb_scale="max_one_vs_rest",
    ),
    Variant(
        "ens_words+chars",
        "mean probabilities of the word-only model and a chars-only model",
        char_ngrams=None,
        ensemble_with=tuple(CHARS_ONLY.items()),
    ),
    Variant(
        "ens_nb_fa_words+chars",
        "mean probabilities of nb_fa_words and a chars-only model",
        char_ngrams=None,
        nb_scale="favor_vs_against",
        ensemble_with=(*CHARS_ONLY.items(), ("nb_scale", None)),
    ),
    Variant(
        "svm_words",
        "words only, LinearSVC C=0.5 calibrated (sigmoid, 3-fold)",
        char_ngrams=None,
        head="svm",
        c=0.5,
    ),
    Variant(
        "sgd_words",
        "words only, SGDClassifier modified_huber alpha 1e-4 (averaged)",
        char_ngrams=None,
        head="sgd",
    ),
)


def _saturate(weight: float) -> float:
    return stance.CATEGORY_CAP * (1.0 - math.exp(-weight / stance.CATEGORY_CAP))


def rule_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Return the rule frame (train_stance_model.rule_row) and the stacked cue matrix (rows = reviews)."""
    rows, totals = [], []
    with train.training_table():
        cue_lists = [cues for _, _, cues in review_cues(frame)]
    for cues in cue_lists:
        rows.append(train.rule_row(cues))
        found: dict[str, float] = {}
        for c in cues:
            if c.weight > 0:
                key = f"{c.category}:{c.polarity}"
                found[key] = found.get(key, 0.0) + c.weight
        totals.append(found)
    keys = sorted({k for t in totals for k in t})
    matrix = np.array([[_saturate(t.get(k, 0.0)) * CUE_SCALE for k in keys] for t in totals])
    return pd.DataFrame(rows), matrix


def nb_ratio(x_binary, mask: np.ndarray, alpha: float) -> np.ndarray:
    """Return the naive-Bayes log-count ratio of each column, rows `mask` vs the rest."""
    p = alpha + np.asarray(x_binary[mask].sum(axis=0)).ravel()
    q = alpha + np.asarray(x_binary[~mask].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def _matrices(variant: Variant, docs, chars, y, train_idx, test_idx, extra):
    """Return the train and test matrices (word block, character block, stacked cues)."""
    train_blocks, test_blocks = [], []
    if variant.words:
        vectorizer = train.make_vectorizer(variant.min_df, variant.binary, variant.use_idf)
        x_train = vectorizer.fit_transform([docs[i] for i in train_idx])
        x_test = vectorizer.transform([docs[i] for i in test_idx])
        if variant.nb_scale in ("favor_vs_against", "max_one_vs_rest"):
            gold = y["gold"][train_idx]
            present = (x_train > 0).astype(float)
            if variant.nb_scale == "favor_vs_against":
                keep = np.isin(gold, ["favor", "against"])
                scale = np.abs(nb_ratio(present[keep], gold[keep] == "favor", variant.nb_alpha))
            else:
                ratios = [np.abs(nb_ratio(present, gold == k, variant.nb_alpha)) for k in CLASSES]
                scale = np.max(ratios, axis=0)
            x_train, x_test = x_train @ sparse.diags(scale), x_test @ sparse.diags(scale)
        train_blocks.append(x_train)
        test_blocks.append(x_test)
    if variant.char_ngrams:
        vectorizer = train.make_vectorizer()
        train_blocks.append(vectorizer.fit_transform([chars[i] for i in train_idx]))
        test_blocks.append(vectorizer.transform([chars[i] for i in test_idx]))
    if variant.stack_cues:
        train_blocks.append(extra[train_idx])
        test_blocks.append(extra[test_idx])
    return sparse.hstack(train_blocks).tocsr(), sparse.hstack(test_blocks).tocsr()


def _ordered(model, x_test) -> np.ndarray:
    order = [list(model.classes_).index(k) for k in CLASSES]
    return model.predict_proba(x_test)[:, order]


def _fit_predict(variant: Variant, docs, chars, y, train_idx, test_idx, extra) -> np.ndarray:
    """Return scores for test_idx: (n, 3) class probabilities, or (n,) for the ridge head."""
    if variant.ensemble_with:
        other = replace(variant, ensemble_with=(), **dict(variant.ensemble_with))
        alone = replace(variant, ensemble_with=())
        parts = [
            _fit_predict(v, docs, chars, y, train_idx, test_idx, extra) for v in (alone, other)
        ]
        return (parts[0] + parts[1]) / 2
    x_train, x_test = _matrices(variant, docs, chars, y, train_idx, test_idx, extra)
    gold = y["gold"][train_idx]
    if variant.nb_scale == "one_vs_rest":  # NB-LR, one binary model per class (words only)
        present = (x_train > 0).astype(float)
        logits = np.zeros((len(test_idx), len(CLASSES)))
        for j, k in enumerate(CLASSES):
            scale = sparse.diags(nb_ratio(present, gold == k, variant.nb_alpha))
            model = LogisticRegression(
                C=variant.c, class_weight=variant.class_weight, max_iter=10000, random_state=0
            ).fit(x_train @ scale, gold == k)
            w = model.coef_.ravel()
            w = (1 - variant.nb_beta) * np.abs(w).mean() + variant.nb_beta * w
            logits[:, j] = (x_test @ scale) @ w + model.intercept_[0]
        return softmax(logits, axis=1)
    if variant.head == "ridge":
        model = Ridge(alpha=0.5).fit(x_train, y["rating"][train_idx])
        # 5.5 lies halfway between the against (<= 4) and favor (>= 7) ratings
        return np.clip((model.predict(x_test) - 5.5) / 4.5, -1.0, 1.0)
    if variant.head == "svm":
        svm = LinearSVC(C=variant.c, class_weight=variant.class_weight, random_state=0)
        model = CalibratedClassifierCV(svm, cv=3, method="sigmoid").fit(x_train, gold)
        return _ordered(model, x_test)
    if variant.head == "sgd":
        model = SGDClassifier(
            loss="modified_huber",
            alpha=1e-4,
            class_weight=variant.class_weight,
            max_iter=200,
            tol=None,
            average=True,
            random_state=0,
        ).fit(x_train, gold)
        return _ordered(model, x_test)
    model = LogisticRegression(
        C=variant.c, class_weight=variant.class_weight, max_iter=10000, random_state=0
    ).fit(x_train, gold)
    return _ordered(model, x_test)


def out_of_fold(variant: Variant, docs, chars, y, splits, extra) -> np.ndarray:
    """Return every review's score from the model of the fold that left it out."""
    result = None
    for train_idx, test_idx in splits:
        part = _fit_predict(variant, docs, chars, y, train_idx, test_idx, extra)
        if result is None:
            result = np.zeros((len(docs), *part.shape[1:]))
        result[test_idx] = part
    assert result is not None
    return result


def best_thresholds(gold: np.ndarray, score: np.ndarray) -> float:
    """Return the best three-class macro-F1 over favor/against thresholds on score."""
    best = 0.0
    for lo in train.THRESHOLDS:
        for hi in train.THRESHOLDS:
            if lo <= 0 <= hi:
                pred = np.where(score >= hi, "favor", np.where(score <= lo, "against", "mixed"))
                best = max(best, train.macro3(gold, pred))
    return best


def metrics(gold: np.ndarray, scores: np.ndarray, rules: pd.DataFrame) -> dict[str, float]:
    """Return model-alone and blend macro-F1 for out-of-fold scores."""
    if scores.ndim == 2:
        score = scores[:, 0] - scores[:, 2]
        argmax = train.macro3(gold, np.array(CLASSES)[scores.argmax(axis=1)])
    else:
        score, argmax = scores, float("nan")
    blend = train.choose_blend(gold, rules, score)
    return {
        "model_favor_vs_against": train.macro2(gold, score),
        "model_three_class": argmax,
        "model_three_class_tuned_thresholds": best_thresholds(gold, score),
        "blend_favor_vs_against": blend["dev_oof_macro_f1_favor_vs_against"],
        "blend_three_class": blend["dev_oof_macro_f1_three_class"],
    }


_CHARS: dict[tuple, list[list[str]]] = {}  # character n-grams per view, per (lengths, filter)


def evaluate(variant: Variant, views, dev, rules, extra, seeds: int) -> list[dict[str, object]]:
    """Return one row per cross-validation scheme for `variant`."""
    docs = train.view_features(
        views, variant.ngram_max, variant.negation_scope, variant.stop_filter
    )
    lengths = variant.char_ngrams or dict(variant.ensemble_with).get("char_ngrams")
    key = (lengths, variant.char_stop_filter)
    if lengths and key not in _CHARS:
        _CHARS[key] = train.view_char_features(views, lengths, variant.char_stop_filter)
    chars = _CHARS.get(key)
    gold = dev["gold"].to_numpy()
    y = {"gold": gold, "rating": dev["rating"].to_numpy(dtype=float)}
    vectorizer = train.make_vectorizer(variant.min_df, variant.binary, variant.use_idf)
    known = set(vectorizer.fit(docs).vocabulary_)
    rules = rules.copy()
    short = np.array([len(set(d) & known) < stance.MIN_MODEL_FEATURES for d in docs])
    rules["alone"] = rules["alone"].to_numpy() | short
    index = np.zeros(len(docs))
    schemes = {
        "stratified": [
            list(StratifiedKFold(FOLDS, shuffle=True, random_state=s).split(index, gold))
            for s in range(seeds)
        ],
        "by_drug": [list(GroupKFold(FOLDS).split(index, gold, dev["drug_group"]))],
    }
    out = []
    for scheme, repeats in schemes.items():
        found = [
            metrics(gold, out_of_fold(variant, docs, chars, y, s, extra), rules) for s in repeats
        ]
        row: dict[str, object] = {
            "variant": variant.name,
            "description": variant.description,
            "cv": scheme,
            "repeats": len(repeats),
        }
        for key in found[0]:
            row[key] = round(float(np.mean([f[key] for f in found])), 4)
        out.append(row)
    return out


def verdict(results: pd.DataFrame, margin: float = MARGIN) -> pd.Series:
    """Return, per row, whether the variant's blend beats the shipped one under both schemes.

    "Beats" = blend three-class + favor-vs-against macro-F1 above the shipped variant's by more
    than `margin` (about the spread between CV seeds).
    """
    objective = results["blend_three_class"] + results["blend_favor_vs_against"]
    shipped = {
        cv: float(objective[(results["variant"] == "shipped") & (results["cv"] == cv)].iloc[0])
        for cv in results["cv"].unique()
    }
    better = objective > results["cv"].map(shipped) + margin
    both = better.groupby(results["variant"]).transform("all")
    return both & (results["variant"] != "shipped")


def main(argv: list[str] | None = None) -> int:
    """Score every variant on the dev half and write the results CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="variant names (shipped always)")
    parser.add_argument("--seeds", type=int, default=3, help="stratified CV repeats")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", RuntimeWarning)
    started = time.perf_counter()
    frame = load()
    dev = frame[frame["split"] == "dev"].reset_index(drop=True)
    dev["drug_group"] = dev["urlDrugName"].str.lower()
    views = train.document_views(dev)
    rules, extra = rule_table(dev)
    extra = sparse.csr_matrix(extra)
    chosen = [v for v in VARIANTS if not args.only or v.name in args.only or v.name == "shipped"]
    rows = []
    for variant in chosen:
        rows += evaluate(variant, views, dev, rules, extra, args.seeds)
        print(pd.DataFrame(rows[-2:]).drop(columns="description").to_string(index=False))
    results = pd.DataFrame(rows)
    results["beats_shipped_both_schemes"] = verdict(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results.to_csv(args.out, index=False)
    print(results.drop(columns="description").to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
