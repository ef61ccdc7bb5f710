"""Stance vs rating proxies on Druglib.com reviews, beside a VADER-compound baseline.

Data: ../shared/data/druglib_train.csv (UCI Drug Review Dataset, Druglib.com, CC BY 4.0;
Gräßer et al. 2018, DH '18). Ratings are proxies for stance: 1-4 against, 5-6 mixed, 7-10 favor.

Text: benefitsReview, sideEffectsReview and commentsReview joined by blank lines, in that order,
with no field headers: headers such as "Side effects:" would themselves be cues, and every review
would get them regardless of its content. Both methods see exactly the same text. The review is
about its `urlDrugName` (about_drug=True) and the `condition` field tells analysis.effects which
mentions are the treated condition rather than side effects; the rating is never used.

Split: reviews with an even reviewID are the dev half (the only rows any rule, threshold, C or
blend weight was chosen on); odd reviewIDs are the held-out half. The headline numbers are the
held-out half's.

Model protocol: the shipped model is fitted on all reviews (benchmarks/train_stance_model.py), so it
cannot be scored on Druglib directly. Its training procedure is measured by cross-fitting instead:
the reviews are split into CROSS_FOLDS stratified folds, and each fold is scored by a model fitted
(same features, same C) on the other folds; the blend settings are the shipped ones. No review is
scored by a model that saw it (column model_fitted_on). For comparison, the rows with
model_fitted_on = "dev half" score the held-out half with a model fitted on the dev half alone (the
protocol until session 4, the model shipped then).

Methods, all on the same text and the same drug target (review_drug): `rules` (cue lexicon,
analysis.stance.decide), `model` (the learned n-gram model alone, analysis.stance_model; trained on
the other folds, see above), `blend` (analysis.stance.combine: fixed rule weight, thresholds
chosen on out-of-fold dev scores), and `vader` (VADER compound, a sentiment baseline).

Cross-site: ../shared/data/psytar_dev.jsonl, 432 askapatient.com posts on Lexapro and Zoloft (PsyTAR,
CC BY 4.0; Zolnoori et al. 2019, Data in Brief 24:103838), ratings 1-2 against, 3 mixed, 4-5 favor.
Nothing was tuned on them: another site and another writing prompt than the training data.

Scoring: favor-vs-against uses the rows whose proxy is favor or against and takes the sign of each
method's score (0 counts as favor, the majority class, for every method). Three-class maps our
`neutral` to `mixed` (no direction); VADER uses its conventional thresholds (>= 0.05 favor,
<= -0.05 against).

Usage: .venv/bin/python benchmarks/druglib_stance.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import stance, stance_model  # noqa: E402
from analysis.drugs import DrugTarget, load_drugs, lookup_drug  # noqa: E402
from analysis.paths import SHARED_DIR  # noqa: E402

DATA = SHARED_DIR / "data" / "druglib_train.csv"
RESULTS = ROOT / "benchmarks" / "results" / "druglib_stance.csv"
FIELDS = ("benefitsReview", "sideEffectsReview", "commentsReview")


def gold_label(rating: int) -> str:
    """Return the proxy stance for a 1-10 rating."""
    return "against" if rating <= 4 else "mixed" if rating <= 6 else "favor"


def review_text(row: pd.Series) -> str:
    """Return the three review fields joined by blank lines, empty fields skipped."""
    parts = [str(row[f]).strip() for f in FIELDS if isinstance(row[f], str) and row[f].strip()]
    return "\n\n".join(parts)


def review_drug(url_name: str) -> DrugTarget:
    """Return the reviewed drug: a known drug, or the Druglib name ("adderall-xr" also as "adderall").

    Used for every system alike, and by benchmarks/train_stance_model.py.
    """
    drug = lookup_drug(url_name)
    if drug in load_drugs():
        return drug
    name = url_name.strip().lower()
    first = name.split("-")[0]
    variants = tuple(v for v in {name.replace("-", " "), first} if v != name and len(v) >= 4)
    return DrugTarget(generic=name, variants=tuple(sorted(variants)))


def load(limit: int | None = None) -> pd.DataFrame:
    """Return the reviews with text, gold label and split."""
    frame = pd.read_csv(DATA)
    if limit:
        frame = frame.sample(n=min(limit, len(frame)), random_state=0)
    frame["text"] = frame.apply(review_text, axis=1)
    frame["gold"] = frame["rating"].astype(int).map(gold_label)
    frame["split"] = frame["reviewID"].map(lambda i: "dev" if int(i) % 2 == 0 else "test")
    return frame


PSYTAR = SHARED_DIR / "data" / "psytar_dev.jsonl"
METHODS = ("rules", "model", "blend", "vader")
CROSS_FOLDS = 10
CROSS_FIT = f"other {CROSS_FOLDS - 1} of {CROSS_FOLDS} folds"


def psytar_gold(rating: int) -> str:
    """Return the proxy stance for a 1-5 askapatient.com rating."""
    return "against" if rating <= 2 else "mixed" if rating == 3 else "favor"


def load_psytar() -> pd.DataFrame:
    """Return the PsyTAR askapatient.com posts with text, drug and gold label (all held-out)."""
    frame = pd.read_json(PSYTAR, lines=True)
    frame = frame[frame["rating_1to5"].notna()].copy()
    frame["gold"] = frame["rating_1to5"].astype(int).map(psytar_gold)
    frame["urlDrugName"] = frame["drug"]
    frame["condition"] = ""
    frame["split"] = "cross_site"
    return frame


def review_cues(frame: pd.DataFrame) -> Iterator[tuple[str, DrugTarget, list]]:
    """Yield (text, drug, rule cues) per review; every system and the model trainer start here."""
    for text, url_name, condition in zip(
        frame["text"], frame["urlDrugName"], frame["condition"], strict=True
    ):
        drug = review_drug(str(url_name))
        cond = stance.condition_effects(str(condition or ""))
        yield text, drug, stance.find_cues(text, drug, True, cond)


def fit_model(frame: pd.DataFrame, docs: list[list[str]], directory: Path):
    """Return the model fitted as train_stance_model fits it (shipped C) on these reviews."""
    import train_stance_model as train

    c = float(json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))["C"])
    vectorizer, model = train.fit(docs, list(frame["gold"]), c)
    weights, settings = train.write_model(directory, vectorizer, model, {})
    return stance_model.load_model.__wrapped__(weights, settings)


def cross_fitted_models(
    frame: pd.DataFrame, docs: list[list[str]], folds: int = CROSS_FOLDS
) -> list[object]:
    """Return, per review, the model fitted on the other folds (stratified, seed 0) to score it."""
    gold = frame["gold"].to_numpy()
    models: list[object] = [None] * len(frame)
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    with tempfile.TemporaryDirectory() as tmp:
        for k, (fit_rows, score_rows) in enumerate(split.split(np.zeros(len(gold)), gold)):
            part = frame.iloc[fit_rows]
            model = fit_model(part, [docs[i] for i in fit_rows], Path(tmp) / str(k))
            for i in score_rows:
                models[i] = model
    return models


def dev_half_model(frame: pd.DataFrame, docs: list[list[str]]) -> object:
    """Return the model fitted on the dev half alone (the protocol shipped until session 4)."""
    keep = (frame["split"] == "dev").to_numpy()
    with tempfile.TemporaryDirectory() as tmp:
        return fit_model(frame[keep], [d for d, k in zip(docs, keep, strict=True) if k], Path(tmp))


def run_systems(frame: pd.DataFrame, models: list[object] | None = None) -> pd.DataFrame:
    """Return frame with label and score columns for rules, model and blend (same text for all).

    models: per review, the model that scores it (default: the shipped model for every review).
    """
    out: dict[str, list[object]] = {f"{m}_{k}": [] for m in METHODS[:3] for k in ("label", "score")}
    for i, (text, drug, cues) in enumerate(review_cues(frame)):
        label, score, favor, against = stance.decide(cues)
        model = models[i] if models is not None else None
        scored = stance.model_score(text, drug, about_drug=True, model=model)
        model_label, model_value = stance._model_only(scored)
        blend_label, blend_value = stance.combine(cues, scored)
        for key, value in (
            ("rules_label", label),
            ("rules_score", score),
            ("model_label", model_label),
            ("model_score", model_value),
            ("blend_label", blend_label),
            ("blend_score", blend_value),
        ):
            out[key].append(value)
    return frame.assign(**out)


def run_vader(frame: pd.DataFrame) -> pd.DataFrame:
    """Return frame with the VADER compound score and its label."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    compound = frame["text"].map(lambda t: analyzer.polarity_scores(t)["compound"])
    label = compound.map(lambda c: "favor" if c >= 0.05 else "against" if c <= -0.05 else "mixed")
    return frame.assign(vader_score=compound, vader_label=label)


def binary_f1(gold: pd.Series, score: pd.Series) -> float:
    """Return favor-vs-against macro-F1 on rows whose gold label is favor or against."""
    keep = gold.isin(["favor", "against"])
    pred = score[keep].map(lambda s: "favor" if s >= 0 else "against")
    return f1_score(gold[keep], pred, average="macro", labels=["favor", "against"])


def three_f1(gold: pd.Series, label: pd.Series) -> float:
    """Return three-class macro-F1 (favor/mixed/against), neutral counted as mixed."""
    pred = label.replace({"neutral": "mixed"})
    return f1_score(gold, pred, average="macro", labels=["favor", "mixed", "against"])


def measure(
    frame: pd.DataFrame, dataset: str, splits: tuple[str, ...], fitted_on: str
) -> list[dict[str, object]]:
    """Return one result row per split and method (fitted_on: what the scoring model was fitted on)."""
    rows = []
    for split in splits:
        part = frame if split == "all" else frame[frame["split"] == split]
        for method in METHODS:
            rows.append(
                {
                    "dataset": dataset,
                    "split": split,
                    "method": method,
                    "model_fitted_on": fitted_on if method in ("model", "blend") else "",
                    "choices_made_on_these_rows": dataset == "druglib"
                    and split in ("dev", "all")
                    and method != "vader",
                    "n": len(part),
                    "n_binary": int(part["gold"].isin(["favor", "against"]).sum()),
                    "macro_f1_favor_vs_against": round(
                        binary_f1(part["gold"], part[f"{method}_score"]), 4
                    ),
                    "macro_f1_three_class": round(
                        three_f1(part["gold"], part[f"{method}_label"]), 4
                    ),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on Druglib and PsyTAR, write the results CSV and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="sample N reviews (quick check)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"missing {DATA}", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore", RuntimeWarning)
    started = time.perf_counter()
    import train_stance_model as train

    frame = load(args.limit)
    docs = train.document_features(frame)
    druglib = run_vader(run_systems(frame, cross_fitted_models(frame, docs)))
    rows = measure(druglib, "druglib", ("test", "dev", "all"), CROSS_FIT)
    held_out = frame[frame["split"] == "test"]
    earlier = dev_half_model(frame, docs)
    before = run_vader(run_systems(held_out, [earlier] * len(held_out)))
    rows += measure(before, "druglib", ("test",), "dev half")
    if PSYTAR.exists() and args.limit is None:
        psytar = run_vader(run_systems(load_psytar()))
        rows += measure(psytar, "psytar_askapatient", ("cross_site",), "all Druglib (shipped)")
    results = pd.DataFrame(rows)
    results["harm_cues_from_effects"] = stance._effects_available()
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.limit is None:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        results.to_csv(RESULTS, index=False)
    print(results.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
