"""Learning curve of the stance model: dev-half cross-validated macro-F1 against training size.

Data and labels as benchmarks/train_stance_model.py (Druglib.com reviews with an even reviewID
only, rating proxies 1-4 against, 5-6 mixed, 7-10 favor; UCI Drug Review Dataset (Druglib.com),
CC BY 4.0; Gräßer et al. 2018, DH '18). No odd-reviewID or PsyTAR row is read.

For each shuffling seed (0, 1, 2) the dev half is split into 5 stratified folds; every fold is
scored by a model fitted (shipped features and C) on a random FRACTION of the other four folds. The
blend is analysis.stance.combine's arithmetic with the shipped rule weight and thresholds (reviews
the rules decide alone keep the rule label). Reported: means over seeds of favor-vs-against
macro-F1 (sign of the score) and three-class macro-F1, for the model alone and the blend.

This is the evidence for fitting the shipped weights on all reviews (train_stance_model.py
--train-on all): if the curve still rises at the full dev training size, more reviews should help.

Output: benchmarks/results/stance_learning_curve.csv. About 2 minutes.

Usage: .venv/bin/python benchmarks/stance_learning_curve.py
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_stance_model as train  # noqa: E402

from analysis import stance_model  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "stance_learning_curve.csv"
FRACTIONS = (0.25, 0.5, 0.75, 1.0)
SEEDS = (0, 1, 2)


def blend_labels(rules: pd.DataFrame, model_score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (score, label) of the blend with the shipped weight and thresholds."""
    meta = json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))["blend"]
    alone = rules["alone"].to_numpy()
    w = meta["rule_weight"]
    score = np.where(alone, rules["score"], w * rules["score"] + (1 - w) * model_score)
    label = np.where(
        score >= meta["favor_threshold"],
        "favor",
        np.where(score <= meta["against_threshold"], "against", "mixed"),
    )
    label = np.where(alone, rules["label"].replace({"neutral": "mixed"}), label)
    return score, label


def curve(docs: list[list[str]], gold: np.ndarray, rules: pd.DataFrame, c: float) -> pd.DataFrame:
    """Return one row per training fraction with the mean scores over SEEDS."""
    rows = []
    for fraction in FRACTIONS:
        scores = []
        for seed in SEEDS:
            rng = np.random.default_rng(seed)
            probs = np.zeros((len(gold), len(train.CLASSES)))
            folds = StratifiedKFold(n_splits=train.FOLDS, shuffle=True, random_state=seed)
            sizes = []
            for fit_rows, score_rows in folds.split(np.zeros(len(gold)), gold):
                fit_rows = np.sort(rng.choice(fit_rows, int(len(fit_rows) * fraction), False))
                sizes.append(len(fit_rows))
                vectorizer, model = train.fit([docs[i] for i in fit_rows], list(gold[fit_rows]), c)
                order = [list(model.classes_).index(k) for k in train.CLASSES]
                x = vectorizer.transform([docs[i] for i in score_rows])
                probs[score_rows] = model.predict_proba(x)[:, order]
            model_score = probs[:, 0] - probs[:, 2]
            blend_score, blend_label = blend_labels(rules, model_score)
            model_label = np.array(train.CLASSES)[probs.argmax(axis=1)]
            scores.append(
                (
                    np.mean(sizes),
                    train.macro2(gold, model_score),
                    train.macro3(gold, model_label),
                    train.macro2(gold, blend_score),
                    train.macro3(gold, blend_label),
                )
            )
        mean = np.mean(scores, axis=0)
        rows.append(
            {
                "fraction": fraction,
                "n_train": int(round(mean[0])),
                "model_favor_vs_against": round(mean[1], 4),
                "model_three_class": round(mean[2], 4),
                "blend_favor_vs_against": round(mean[3], 4),
                "blend_three_class": round(mean[4], 4),
            }
        )
        print(rows[-1], flush=True)
    return pd.DataFrame(rows)


def main() -> int:
    """Compute the curve on the dev half and write the results CSV."""
    warnings.simplefilter("ignore", RuntimeWarning)
    frame = train.load()
    dev = frame[frame["split"] == "dev"].reset_index(drop=True)
    docs = train.document_features(dev)
    gold = dev["gold"].to_numpy()
    rules = train.rule_scores(dev)
    c = float(json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))["C"])
    table = curve(docs, gold, rules, c)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(RESULTS, index=False)
    print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
