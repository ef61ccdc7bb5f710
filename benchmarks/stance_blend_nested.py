"""Nested validation, within the Druglib dev half, of the ways the rule/model blend can be chosen.

Data and labels as benchmarks/train_stance_model.py (even reviewID only, rating proxies 1-4 against,
5-6 mixed, 7-10 favor; UCI Drug Review Dataset (Druglib.com), CC BY 4.0; Gräßer et al. 2018,
DH '18). No held-out (odd reviewID) or PsyTAR row is read or scored.

Why: the trainer picks C, a rule weight and two thresholds by the blend's objective on out-of-fold
dev scores. Picking and scoring on the same scores flatters whichever procedure has the most
knobs, so each candidate procedure is measured here the way it would be used: the dev half is cut
into OUTER_FOLDS folds by a stable rule (reviewID // 2 mod OUTER_FOLDS); on the other folds the
candidate chooses C and its blend parameters exactly as the trainer would (5-fold stratified
out-of-fold model scores within those folds, C from its grid, ties to the smaller C), a model with
that C is fitted on those folds, and the held-back fold is labelled the way analysis.stance would
label it (rules decide alone for a rules-only category or fewer than MIN_MODEL_FEATURES known
n-grams; neutral when the rules found too little evidence and the model's n-grams do not point the
label's way). Scores: three-class macro-F1 (neutral counts as mixed) and favor-vs-against macro-F1
(sign of the score), per outer fold; the table gives their mean and standard deviation over folds,
and the per-fold difference from the current procedure (a).

Candidates (n_tuned: blend parameters chosen besides C):
- a_current      rule weight 0..1 and both thresholds (train_stance_model.choose_blend), C_GRID  3
- b_model_argmax the model alone, its most probable class (C by its own objective)             0
- c_model_thr    rule weight fixed at 0 (the model's score), both thresholds chosen              2
- d_w25, d_w50   rule weight fixed at 0.25 / 0.5, both thresholds chosen                        2
- e_gate_argmax  the rules decide when |rule score| >= a gate (chosen), else the model's argmax  1
- e_gate_thr     as e_gate_argmax, with both thresholds on the model's score chosen             3
- g_symmetric    rule weight chosen, thresholds symmetric (against = -favor), one chosen         2
- f_c32          a_current with C_GRID extended by 16 and 32                                    3
- h_w25_smooth   d_w25, the pair chosen on the objective averaged over its grid neighbours       2
- i_w25_symmetric rule weight fixed at 0.25, thresholds -t/+t, t chosen (shipped since session 9) 1

Session 9 added h and i because d_w25's two thresholds flipped on near ties (favour threshold 0.05
vs 0.10 on a 0.0004 difference). On the primary split i tied d_w25 (1.3520 vs 1.3517) and won by
simplicity, with a higher mean on the three other splits (1.3265 vs 1.3216); h was worse (1.3390).
Re-run with the session's final rules (the committed table): i 1.3580 vs d_w25 1.3498 on the
primary split, but 1.3245 vs 1.3300 on the other splits; i still wins by the rule.
`apply` does not model analysis.stance.against_the_rules (added later in session 9, a label
against one-sided rule evidence becomes mixed): it affects every candidate that uses a threshold.

Decision rule, fixed before any nested number was seen: the candidate with the best mean nested
objective (three-class + favor-vs-against) wins; candidates within TIE (0.005) of the best go to
the simplest, in SIMPLICITY order (fewest tuned parameters; no rules in the score before rules in
it). The decision reads the primary outer split only; --repeats adds other outer splits
(stratified, seeds 1, 2, ...) as a sensitivity check, reported beside it (other_splits_*), added
after the primary table had been read. Caveat: the cue rules were themselves developed reading dev
errors, so every candidate that uses them is flattered a little here, the more the more weight it
gives them.

The review views are built from the dev half alone (other-drug names: those of dev reviews).

Output: benchmarks/results/stance_blend_nested.csv. About 1 minute per outer split on two cores.

Usage: .venv/bin/python benchmarks/stance_blend_nested.py [--jobs N] [--repeats N]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_stance_model as train  # noqa: E402
from druglib_stance import load, review_cues  # noqa: E402

from analysis import stance  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "stance_blend_nested.csv"
OUTER_FOLDS = 5
TIE = 0.005
WIDE_C_GRID = (*train.C_GRID, 16.0, 32.0)
# the rule weights the trainer chose from until session 5 (candidates a, g, f)
RULE_WEIGHTS = tuple(round(w, 2) for w in np.arange(0.0, 1.01, 0.1))
GATES = (*(round(g, 2) for g in np.arange(0.1, 0.91, 0.1)), np.inf)  # inf: rules never override
FAVOR, MIXED, AGAINST = 0, 1, 2  # codes in train.CLASSES order
CODE = {"favor": FAVOR, "mixed": MIXED, "against": AGAINST, "neutral": MIXED}


def f1_three(gold: np.ndarray, pred: np.ndarray) -> float:
    """Return macro-F1 over favor/mixed/against (codes; sklearn's zero-division 0)."""
    out = 0.0
    for k in (FAVOR, MIXED, AGAINST):
        tp = np.count_nonzero((gold == k) & (pred == k))
        denom = np.count_nonzero(gold == k) + np.count_nonzero(pred == k)
        out += 2 * tp / denom if denom else 0.0
    return out / 3


def f1_binary(gold: np.ndarray, score: np.ndarray) -> float:
    """Return favor-vs-against macro-F1 of the score's sign (0 counts as favor)."""
    keep = gold != MIXED
    g, pred = gold[keep], np.where(score[keep] >= 0, FAVOR, AGAINST)
    out = 0.0
    for k in (FAVOR, AGAINST):
        tp = np.count_nonzero((g == k) & (pred == k))
        denom = np.count_nonzero(g == k) + np.count_nonzero(pred == k)
        out += 2 * tp / denom if denom else 0.0
    return out / 2


def thresholded(score: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return np.where(score >= hi, FAVOR, np.where(score <= lo, AGAINST, MIXED))


@dataclass
class Part:
    """The arrays one selection or one scoring works on (rows of some dev folds)."""

    gold: np.ndarray  # codes
    rule: np.ndarray  # rule score
    rule_label: np.ndarray  # codes (neutral -> mixed)
    alone: np.ndarray  # rules decide alone (rules-only category or short text)
    probs: np.ndarray  # model probabilities, train.CLASSES order
    evidence: np.ndarray  # rule favor + against weight (for the neutral rule; scoring only)
    n_features: np.ndarray  # distinct known n-grams (scoring only)
    read: np.ndarray  # sum of n-gram contributions to the favor-minus-against logit

    @property
    def model(self) -> np.ndarray:
        return self.probs[:, FAVOR] - self.probs[:, AGAINST]


# ---- selection: each returns (params, inner objective) --------------------------------------


def _thresholds(symmetric: bool = False):
    for lo in train.THRESHOLDS:
        for hi in train.THRESHOLDS:
            if lo <= 0 <= hi and (not symmetric or abs(lo + hi) < 1e-9):
                yield lo, hi


def select_blend(
    p: Part, weights, symmetric: bool = False, smooth: bool = False
) -> tuple[dict, float]:
    """Return train_stance_model.choose_blend's choice over `weights` (same order, tie-breaking).

    With `smooth`, the pair maximises the objective averaged over its threshold-grid neighbours
    (smoothed_grid); the objective returned is still the pair's own.
    """
    best: tuple[float, dict, float] | None = None
    index = {t: i for i, t in enumerate(train.THRESHOLDS)}
    n = len(train.THRESHOLDS)
    for w in weights:
        score = np.where(p.alone, p.rule, w * p.rule + (1 - w) * p.model)
        binary = f1_binary(p.gold, score)
        grid = np.full((n, n), np.nan)
        for lo, hi in _thresholds(symmetric):
            pred = np.where(p.alone, p.rule_label, thresholded(score, lo, hi))
            grid[index[lo], index[hi]] = f1_three(p.gold, pred) + binary
        surface = smoothed_grid(grid) if smooth else grid
        i, j = np.unravel_index(np.nanargmax(surface), surface.shape)
        if best is None or surface[i, j] > best[0] + 1e-12:
            params = {"kind": "blend", "w": w, "lo": train.THRESHOLDS[i], "hi": train.THRESHOLDS[j]}
            best = (float(surface[i, j]), params, float(grid[i, j]))
    assert best is not None
    return best[1], best[2]


def smoothed_grid(objective: np.ndarray) -> np.ndarray:
    """Return each threshold pair's objective averaged over its valid 3 x 3 grid neighbourhood.

    Candidate h: neighbouring pairs differ by less than the split noise (0.05 and 0.10 as the favour
    threshold: 1.3402 vs 1.3398 in session 8), so a choice on a plateau might hold better than one
    on a peak one grid step wide. NaN marks invalid pairs and stays NaN.
    """
    padded = np.pad(objective, 1, constant_values=np.nan)
    rows, cols = objective.shape
    window = np.stack(
        [
            padded[1 + di : 1 + di + rows, 1 + dj : 1 + dj + cols]
            for di in (-1, 0, 1)
            for dj in (-1, 0, 1)
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out = np.nanmean(window, axis=0)
    return np.where(np.isnan(objective), np.nan, out)


def select_argmax(p: Part) -> tuple[dict, float]:
    pred = p.probs.argmax(axis=1)
    return {"kind": "argmax"}, f1_three(p.gold, pred) + f1_binary(p.gold, p.model)


def select_gate(p: Part, thresholds: bool) -> tuple[dict, float]:
    best: tuple[float, dict] | None = None
    for g in GATES:
        override = p.alone | (np.abs(p.rule) >= g)
        score = np.where(override, p.rule, p.model)
        binary = f1_binary(p.gold, score)
        pairs = _thresholds() if thresholds else [(None, None)]
        for lo, hi in pairs:
            model_pred = p.probs.argmax(axis=1) if lo is None else thresholded(score, lo, hi)
            pred = np.where(override, p.rule_label, model_pred)
            objective = f1_three(p.gold, pred) + binary
            if best is None or objective > best[0] + 1e-12:
                best = (objective, {"kind": "gate", "gate": g, "lo": lo, "hi": hi})
    assert best is not None
    return best[1], best[0]


# ---- scoring a held-back fold as analysis.stance labels it -----------------------------------


def apply(params: dict, p: Part) -> tuple[np.ndarray, np.ndarray]:
    """Return (label codes, scores) of a held-back fold under the chosen parameters."""
    if params["kind"] == "argmax":  # analysis.stance method="model"
        pred = np.where(p.n_features == 0, MIXED, p.probs.argmax(axis=1))
        return pred, p.model
    alone = p.alone
    if params["kind"] == "blend":
        w = params["w"]
        score = w * p.rule + (1 - w) * p.model
        pred = thresholded(score, params["lo"], params["hi"])
    else:
        alone = alone | (np.abs(p.rule) >= params["gate"])
        score = p.model
        if params["lo"] is None:
            pred = p.probs.argmax(axis=1)
        else:
            pred = thresholded(score, params["lo"], params["hi"])
    read_it = np.where(pred == FAVOR, p.read > 0, p.read < 0)
    neutral = (p.evidence < stance.MIN_EVIDENCE) & (
        (p.n_features == 0) | (pred == MIXED) | ~read_it
    )
    pred = np.where(neutral, MIXED, pred)
    return np.where(alone, p.rule_label, pred), np.where(alone, p.rule, score)


@dataclass(frozen=True)
class Candidate:
    name: str
    n_tuned: int
    grid: tuple[float, ...]
    select: Callable[[Part], tuple[dict, float]]
    description: str


CANDIDATES = (
    Candidate(
        "a_current",
        3,
        train.C_GRID,
        lambda p: select_blend(p, RULE_WEIGHTS),
        "rule weight and both thresholds chosen (train_stance_model.choose_blend)",
    ),
    Candidate(
        "b_model_argmax",
        0,
        train.C_GRID,
        select_argmax,
        "model alone, most probable class",
    ),
    Candidate(
        "c_model_thr",
        2,
        train.C_GRID,
        lambda p: select_blend(p, (0.0,)),
        "rule weight 0, both thresholds chosen",
    ),
    Candidate(
        "d_w25",
        2,
        train.C_GRID,
        lambda p: select_blend(p, (0.25,)),
        "rule weight 0.25, both thresholds chosen",
    ),
    Candidate(
        "d_w50",
        2,
        train.C_GRID,
        lambda p: select_blend(p, (0.5,)),
        "rule weight 0.5, both thresholds chosen",
    ),
    Candidate(
        "e_gate_argmax",
        1,
        train.C_GRID,
        lambda p: select_gate(p, thresholds=False),
        "rules decide when |rule score| >= gate (chosen), else model argmax",
    ),
    Candidate(
        "e_gate_thr",
        3,
        train.C_GRID,
        lambda p: select_gate(p, thresholds=True),
        "rules decide when |rule score| >= gate, else model score with chosen thresholds",
    ),
    Candidate(
        "g_symmetric",
        2,
        train.C_GRID,
        lambda p: select_blend(p, RULE_WEIGHTS, symmetric=True),
        "rule weight chosen, thresholds -t/+t with t chosen",
    ),
    Candidate(
        "h_w25_smooth",
        2,
        train.C_GRID,
        lambda p: select_blend(p, (0.25,), smooth=True),
        "rule weight 0.25, both thresholds chosen on the grid-smoothed objective",
    ),
    Candidate(
        "i_w25_symmetric",
        1,
        train.C_GRID,
        lambda p: select_blend(p, (0.25,), symmetric=True),
        "rule weight 0.25, thresholds -t/+t with t chosen",
    ),
    Candidate(
        "f_c32",
        3,
        WIDE_C_GRID,
        lambda p: select_blend(p, RULE_WEIGHTS),
        "a_current with C up to 32",
    ),
)
# simplest first; used only to break ties within TIE of the best mean objective
SIMPLICITY = (
    "b_model_argmax",
    "e_gate_argmax",
    "c_model_thr",
    "i_w25_symmetric",
    "d_w25",
    "h_w25_smooth",
    "d_w50",
    "g_symmetric",
    "a_current",
    "e_gate_thr",
    "f_c32",
)


def rule_table(dev: pd.DataFrame) -> pd.DataFrame:
    """Return each dev review's rule label, score, evidence weight and rules-only flag."""
    rows = []
    with train.training_table():
        for _, _, cues in review_cues(dev):
            label, score, favor, against = stance.decide(cues)
            only = train.rules_alone(cues)
            rows.append({"label": label, "score": score, "evidence": favor + against, "only": only})
    return pd.DataFrame(rows)


def fold_models(docs, gold_str, inner: np.ndarray, outer: np.ndarray, c: float):
    """Return (inner out-of-fold probabilities, inner known-vocabulary sizes, outer scoring)."""
    inner_docs = [docs[i] for i in inner]
    probs = train.out_of_fold(inner_docs, gold_str[inner], c)
    known = set(train.make_vectorizer().fit(inner_docs).vocabulary_)
    inner_n = np.array([len(set(d) & known) for d in inner_docs])
    vectorizer, model = train.fit(inner_docs, list(gold_str[inner]), c)
    outer_docs = [docs[i] for i in outer]
    x = vectorizer.transform(outer_docs)
    order = [list(model.classes_).index(k) for k in train.CLASSES]
    outer_probs = model.predict_proba(x)[:, order]
    delta = model.coef_[order[FAVOR]] - model.coef_[order[AGAINST]]
    read = np.asarray(x @ delta).ravel()
    vocab = vectorizer.vocabulary_
    outer_n = np.array([len(set(d) & vocab.keys()) for d in outer_docs])
    return probs, inner_n, outer_probs, outer_n, read


def outer_splits(dev: pd.DataFrame, repeats: int) -> list[np.ndarray]:
    """Return outer-fold numbers per dev row: the primary split, then `repeats - 1` others.

    Primary: reviewID // 2 mod OUTER_FOLDS. Others (a sensitivity check only, never the decision):
    stratified OUTER_FOLDS-fold splits with shuffling seeds 1, 2, ...
    """
    splits = [(dev["reviewID"].astype(int).to_numpy() // 2) % OUTER_FOLDS]
    for seed in range(1, repeats):
        folds = np.zeros(len(dev), dtype=int)
        cut = StratifiedKFold(n_splits=OUTER_FOLDS, shuffle=True, random_state=seed)
        for k, (_, rows) in enumerate(cut.split(np.zeros(len(dev)), dev["gold"])):
            folds[rows] = k
        splits.append(folds)
    return splits


def nested(docs, gold_str, rules: pd.DataFrame, outer_fold: np.ndarray, jobs: int) -> pd.DataFrame:
    """Return one row per outer fold and candidate: chosen C and parameters, held-back scores."""
    gold = np.array([CODE[g] for g in gold_str])
    rule_label = np.array([CODE[x] for x in rules["label"]])
    keys = [(k, c) for k in range(OUTER_FOLDS) for c in WIDE_C_GRID]
    fitted = Parallel(n_jobs=jobs)(
        delayed(fold_models)(
            docs, gold_str, np.flatnonzero(outer_fold != k), np.flatnonzero(outer_fold == k), c
        )
        for k, c in keys
    )
    fitted = dict(zip(keys, fitted, strict=True))

    def part(rows: np.ndarray, probs, n_features, read=None) -> Part:
        return Part(
            gold=gold[rows],
            rule=rules["score"].to_numpy()[rows],
            rule_label=rule_label[rows],
            alone=rules["only"].to_numpy()[rows] | (n_features < stance.MIN_MODEL_FEATURES),
            probs=probs,
            evidence=rules["evidence"].to_numpy()[rows],
            n_features=n_features,
            read=np.zeros(len(rows)) if read is None else read,
        )

    per_fold = []
    for k in range(OUTER_FOLDS):
        inner, outer = np.flatnonzero(outer_fold != k), np.flatnonzero(outer_fold == k)
        for cand in CANDIDATES:
            chosen = None
            for c in cand.grid:  # ascending: ties go to the smaller C, as in the trainer
                probs, inner_n, *_ = fitted[(k, c)]
                params, objective = cand.select(part(inner, probs, inner_n))
                if chosen is None or round(objective, 4) > round(chosen[2], 4):
                    chosen = (c, params, objective)
            c, params, inner_objective = chosen
            _, _, outer_probs, outer_n, read = fitted[(k, c)]
            held = part(outer, outer_probs, outer_n, read)
            pred, score = apply(params, held)
            three, binary = f1_three(held.gold, pred), f1_binary(held.gold, score)
            shown = {key: v for key, v in params.items() if key != "kind" and v is not None}
            per_fold.append(
                {
                    "candidate": cand.name,
                    "fold": k,
                    "C": c,
                    "params": " ".join(f"{key}={v:g}" for key, v in shown.items()),
                    "inner_objective": inner_objective,
                    "three_class": three,
                    "favor_vs_against": binary,
                    "objective": three + binary,
                }
            )
    return pd.DataFrame(per_fold)


def summary(folds: pd.DataFrame, others: list[pd.DataFrame]) -> pd.DataFrame:
    """Return the table: per candidate, mean and SD over the primary split's outer folds."""
    base = folds[folds["candidate"] == "a_current"].set_index("fold")["objective"]
    rows = []
    for cand in CANDIDATES:
        f = folds[folds["candidate"] == cand.name].set_index("fold")
        diff = f["objective"] - base
        row = {
            "candidate": cand.name,
            "description": cand.description,
            "n_tuned": cand.n_tuned,
            "c_grid": " ".join(f"{c:g}" for c in cand.grid),
            "three_class_mean": f["three_class"].mean(),
            "three_class_sd": f["three_class"].std(),
            "favor_vs_against_mean": f["favor_vs_against"].mean(),
            "favor_vs_against_sd": f["favor_vs_against"].std(),
            "objective_mean": f["objective"].mean(),
            "objective_sd": f["objective"].std(),
            "minus_a_mean": diff.mean(),
            "minus_a_sd": diff.std(),
            "folds_above_a": int((diff > 1e-9).sum()),
            "inner_objective_mean": f["inner_objective"].mean(),
            "chosen_C": " ".join(f"{c:g}" for c in f["C"]),
            "chosen_params": " | ".join(f["params"]),
            "fold_objectives": " ".join(f"{v:.4f}" for v in f["objective"]),
        }
        if others:  # sensitivity: the other outer splits, pooled (not used for the decision)
            means = [o[o["candidate"] == cand.name]["objective"].mean() for o in others]
            bases = [o[o["candidate"] == "a_current"]["objective"].mean() for o in others]
            row["other_splits_objective_mean"] = float(np.mean(means))
            row["other_splits_minus_a"] = " ".join(
                f"{m - b:+.4f}" for m, b in zip(means, bases, strict=True)
            )
        rows.append(row)
    table = pd.DataFrame(rows)
    best = table["objective_mean"].max()
    near = set(table.loc[table["objective_mean"] >= best - TIE, "candidate"])
    winner = next(name for name in SIMPLICITY if name in near)
    table["winner"] = table["candidate"] == winner
    return table.round(4)


def main(argv: list[str] | None = None) -> int:
    """Run the nested comparison on the dev half and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--repeats", type=int, default=4, help="outer splits: the primary one and repeats-1 others"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", RuntimeWarning)
    started = time.perf_counter()
    frame = load()
    dev = frame[frame["split"] == "dev"].reset_index(drop=True)
    del frame  # the held-out half is never used below
    docs = train.view_features(train.document_views(dev))
    rules = rule_table(dev)
    gold_str = dev["gold"].to_numpy()
    print(f"dev reviews: {len(dev)}; views and cues in {time.perf_counter() - started:.0f}s")
    runs = []
    for i, outer_fold in enumerate(outer_splits(dev, args.repeats)):
        runs.append(nested(docs, gold_str, rules, outer_fold, args.jobs))
        print(f"outer split {i} done at {time.perf_counter() - started:.0f}s")
    print(runs[0].to_string(index=False))
    table = summary(runs[0], runs[1:])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    shown = ["candidate", "n_tuned", "three_class_mean", "three_class_sd"]
    shown += ["favor_vs_against_mean", "favor_vs_against_sd", "objective_mean", "minus_a_mean"]
    shown += ["minus_a_sd", "folds_above_a", "chosen_C"]
    if len(runs) > 1:
        shown += ["other_splits_objective_mean", "other_splits_minus_a"]
    with pd.option_context("display.width", 250):
        print(table[[*shown, "winner"]].to_string(index=False))
    print(f"winner: {table.loc[table['winner'], 'candidate'].item()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
