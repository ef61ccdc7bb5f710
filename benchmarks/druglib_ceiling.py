"""A reference point for the Druglib stance scores: the reviewers' own structured answers.

Data: ../shared/data/druglib_train.csv (UCI Drug Review Dataset, Druglib.com, CC BY 4.0;
Gräßer et al. 2018, DH '18). Besides the 1-10 rating, every reviewer also picked an
`effectiveness` level (Ineffective ... Highly Effective) and a `sideEffects` level (No ... Extremely
Severe). These are the writer's own judgements of exactly what stance cues look for (did it work,
what did it cost), so how well they predict the rating proxy (1-4 against, 5-6 mixed, 7-10 favor)
bounds what any reading of the text can be expected to reach on the same proxy.

Method: the two levels are scored on ordinal scales (effectiveness -2..2, side effects 0..-2 in
half steps) and combined as effectiveness + w * side effects; w and the two thresholds
(against below lo, favor above hi, mixed between) are chosen on the dev half (even reviewID) by
three-class macro-F1 over a fixed grid, then applied once to the held-out half (odd reviewID),
the same split as benchmarks/druglib_stance.py. Favor-vs-against uses the rows whose proxy is
favor or against and the sign of the combined score against lo.

Not a system of this project: the structured levels exist only on Druglib, never in a comment.

Usage: .venv/bin/python benchmarks/druglib_ceiling.py
"""

from __future__ import annotations

import sys
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.paths import SHARED_DIR  # noqa: E402

DATA = SHARED_DIR / "data" / "druglib_train.csv"
RESULTS = ROOT / "benchmarks" / "results" / "druglib_ceiling.csv"
LABELS = ("favor", "against", "mixed")
EFFECTIVENESS = {
    "Ineffective": -2.0,
    "Marginally Effective": -1.0,
    "Moderately Effective": 0.0,
    "Considerably Effective": 1.0,
    "Highly Effective": 2.0,
}
SIDE_EFFECTS = {
    "No Side Effects": 0.0,
    "Mild Side Effects": -0.5,
    "Moderate Side Effects": -1.0,
    "Severe Side Effects": -1.5,
    "Extremely Severe Side Effects": -2.0,
}
WEIGHTS = np.round(np.arange(0.0, 1.51, 0.1), 2)
CUTS = np.round(np.arange(-3.0, 3.01, 0.25), 2)


def gold_label(rating: int) -> str:
    """Return the proxy stance for a 1-10 rating (as in druglib_stance.py)."""
    return "against" if rating <= 4 else "mixed" if rating <= 6 else "favor"


def load() -> pd.DataFrame:
    """Return the reviews with gold label, split and the two structured levels as numbers."""
    frame = pd.read_csv(DATA)
    frame["gold"] = frame["rating"].astype(int).map(gold_label)
    frame["split"] = np.where(frame["reviewID"] % 2 == 0, "dev", "held_out")
    frame["eff"] = frame["effectiveness"].map(EFFECTIVENESS)
    frame["side"] = frame["sideEffects"].map(SIDE_EFFECTS)
    return frame.dropna(subset=["eff", "side"])


def labels(score: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Return favor above hi, against below lo, mixed between."""
    return np.where(score > hi, "favor", np.where(score < lo, "against", "mixed"))


def three_f1(gold: pd.Series, predicted: np.ndarray) -> float:
    """Return macro-F1 over favor, against and mixed."""
    return float(f1_score(gold, predicted, labels=list(LABELS), average="macro"))


def binary_f1(gold: pd.Series, score: np.ndarray, lo: float) -> float:
    """Return favor-vs-against macro-F1 on the rows whose proxy is one of the two."""
    keep = (gold != "mixed").to_numpy()
    predicted = np.where(score[keep] >= lo, "favor", "against")
    return float(f1_score(gold[keep], predicted, labels=["favor", "against"], average="macro"))


def choose(dev: pd.DataFrame) -> tuple[float, float, float]:
    """Return (w, lo, hi) with the best dev three-class macro-F1 (first of ties in grid order)."""
    best: tuple[float, float, float, float] | None = None
    for w in WEIGHTS:
        score = (dev["eff"] + w * dev["side"]).to_numpy()
        for lo, hi in product(CUTS, CUTS):
            if hi < lo:
                continue
            f1 = three_f1(dev["gold"], labels(score, lo, hi))
            if best is None or f1 > best[0]:
                best = (f1, float(w), float(lo), float(hi))
    assert best is not None
    return best[1], best[2], best[3]


def main() -> int:
    """Fit on dev, report dev and held-out scores, and write the results table."""
    frame = load()
    dev, held = frame[frame["split"] == "dev"], frame[frame["split"] == "held_out"]
    w, lo, hi = choose(dev)
    rows = []
    for name, part in (("dev", dev), ("held_out", held)):
        score = (part["eff"] + w * part["side"]).to_numpy()
        predicted = labels(score, lo, hi)
        per_class = f1_score(part["gold"], predicted, labels=list(LABELS), average=None)
        rows.append(
            {
                "split": name,
                "n": len(part),
                "side_effect_weight": w,
                "against_below": lo,
                "favor_above": hi,
                "f1_favor_vs_against": round(binary_f1(part["gold"], score, lo), 4),
                "f1_three_class": round(three_f1(part["gold"], predicted), 4),
                **{f"f1_{c}": round(float(f), 4) for c, f in zip(LABELS, per_class, strict=True)},
            }
        )
    table = pd.DataFrame(rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(RESULTS, index=False)
    print(table.to_string(index=False))
    print(f"written: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
