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
makes it (rule weight and thresholds chosen by train_stance_model.choose_blend on the same
out-of-fold scores, so the blend numbers are slightly optimistic, alike for every variant).

Decision rule, fixed before the numbers: a variant replaces the shipped one only if its blend
(three-class + favor-vs-against) beats the shipped variant's under both schemes.

Output: benchmarks/results/stance_model_variants.csv. Slow: about 3 minutes per variant with
--seeds 3 on two cores (use --only to run a few).

Usage: .venv/bin/python benchmarks/stance_model_variants.py [--only NAME ...] [--seeds N]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sparse
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GroupKFold, StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_stance_model as train  # noqa: E402
from druglib_stance import load, review_drug  # noqa: E402

from analysis import stance, stance_model  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "stance_model_variants.csv"
CLASSES = train.CLASSES
FOLDS = 5
CUE_SCALE = 0.3  # stacked rule-cue columns: saturated category totals (0-3) times this


@dataclass(frozen=True)
class Variant:
    """One way to build the model; defaults are the shipped settings."""

    name: str
    description: str
    c: float = 2.0
    ngram_max: int = 2
    negation_scope: int | None = stance_model.NEGATION_SCOPE
    stop_filter: bool = True
    min_df: int = 3
    binary: bool = False
    use_idf: bool = True
    class_weight: str | None = "balanced"
    stack_cues: bool = False  # the rule cues' category totals as extra columns
    head: str = "logistic"  # or "ridge": ridge regression on the 1-10 rating


VARIANTS = (
    Variant("shipped", "tf-idf 1-2 grams, negation scope 3, C=2 (chosen by CV), balanced"),
    Variant("C=0.25", "stronger regularisation", c=0.25),
    Variant("C=0.5", "stronger regularisation", c=0.5),
    Variant("C=8", "weaker regularisation", c=8.0),
    Variant("binary_tf", "binary term presence instead of sublinear tf", binary=True),
    Variant("no_idf", "sublinear tf without idf", use_idf=False),
    Variant("min_df=2", "n-grams in at least 2 reviews", min_df=2),
    Variant("min_df=5", "n-grams in at least 5 reviews", min_df=5),
    Variant("1-3_grams", "word 1-3 grams", ngram_max=3),
    Variant("negation_to_punct", "not_ marking to the next punctuation", negation_scope=None),
    Variant("keep_stop_ngrams", "keep n-grams made only of stop words", stop_filter=False),
    Variant(
        "negation_to_punct+keep_stop",
        "both of the above",
        negation_scope=None,
        stop_filter=False,
    ),
    Variant("unweighted", "no class weights", class_weight=None),
    Variant("stack_rule_cues", "rule cue category totals as extra features", stack_cues=True),
    Variant("ridge_rating", "ridge regression (alpha 0.5) on the 1-10 rating", head="ridge"),
)


def _saturate(weight: float) -> float:
    return stance.CATEGORY_CAP * (1.0 - math.exp(-weight / stance.CATEGORY_CAP))


def rule_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Return the rule label/score/alone frame and the stacked cue matrix (rows = reviews)."""
    rows, totals = [], []
    for text, url_name, condition in zip(
        frame["text"], frame["urlDrugName"], frame["condition"], strict=True
    ):
        drug = review_drug(str(url_name))
        cues = stance.find_cues(text, drug, True, stance.condition_effects(str(condition or "")))
        label, score, _, _ = stance.decide(cues)
        alone = any(c.weight > 0 and c.category in stance.RULES_ONLY_CATEGORIES for c in cues)
        rows.append({"label": label, "score": score, "alone": alone})
        found: dict[str, float] = {}
        for c in cues:
            if c.weight > 0:
                key = f"{c.category}:{c.polarity}"
                found[key] = found.get(key, 0.0) + c.weight
        totals.append(found)
    keys = sorted({k for t in totals for k in t})
    matrix = np.array([[_saturate(t.get(k, 0.0)) * CUE_SCALE for k in keys] for t in totals])
    return pd.DataFrame(rows), matrix


def _fit_predict(variant: Variant, docs, y, train_idx, test_idx, extra) -> np.ndarray:
    """Return scores for test_idx: (n, 3) class probabilities, or (n,) for the ridge head."""
    vectorizer = train.make_vectorizer(variant.min_df, variant.binary, variant.use_idf)
    x_train = vectorizer.fit_transform([docs[i] for i in train_idx])
    x_test = vectorizer.transform([docs[i] for i in test_idx])
    if variant.stack_cues:
        x_train = sparse.hstack([x_train, extra[train_idx]]).tocsr()
        x_test = sparse.hstack([x_test, extra[test_idx]]).tocsr()
    if variant.head == "ridge":
        model = Ridge(alpha=0.5).fit(x_train, y["rating"][train_idx])
        # 5.5 lies halfway between the against (<= 4) and favor (>= 7) ratings
        return np.clip((model.predict(x_test) - 5.5) / 4.5, -1.0, 1.0)
    model = LogisticRegression(
        C=variant.c, class_weight=variant.class_weight, max_iter=10000, random_state=0
    ).fit(x_train, y["gold"][train_idx])
    order = [list(model.classes_).index(k) for k in CLASSES]
    return model.predict_proba(x_test)[:, order]


def out_of_fold(variant: Variant, docs, y, splits, extra) -> np.ndarray:
    """Return every review's score from the model of the fold that left it out."""
    result = None
    for train_idx, test_idx in splits:
        part = _fit_predict(variant, docs, y, train_idx, test_idx, extra)
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


def evaluate(variant: Variant, views, dev, rules, extra, seeds: int) -> list[dict[str, object]]:
    """Return one row per cross-validation scheme for `variant`."""
    docs = train.view_features(
        views, variant.ngram_max, variant.negation_scope, variant.stop_filter
    )
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
        found = [metrics(gold, out_of_fold(variant, docs, y, s, extra), rules) for s in repeats]
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


def verdict(results: pd.DataFrame) -> pd.Series:
    """Return, per row, whether the variant's blend beats the shipped one under both schemes."""
    objective = results["blend_three_class"] + results["blend_favor_vs_against"]
    shipped = {
        cv: float(objective[(results["variant"] == "shipped") & (results["cv"] == cv)].iloc[0])
        for cv in results["cv"].unique()
    }
    better = objective > results["cv"].map(shipped)
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
