"""Measure side-effect extraction against PsyTAR's annotated ADR spans, beside a naive baseline.

    .venv/bin/python benchmarks/psytar_effects.py

Reads ../shared/data/psytar_dev.jsonl, prints a table, writes benchmarks/results/psytar_effects.csv.

What is measured: relaxed-overlap precision/recall/F1 of *affirmed* (non-negated) mentions from
`analysis.effects.find_effects` against the `adr_spans` of held-out posts. A prediction is a true
positive if it overlaps any gold ADR span by at least one character; a gold span is found if any
prediction overlaps it.

Splits (the lexicon's PsyTAR rows are always learnt from the build half only, see
benchmarks/build_effect_lexicon.py; the curated rows are the same in every split):
- cross-drug lexapro -> zoloft: the shipped lexicon; evaluated on Zoloft posts (unseen drug).
- cross-drug zoloft -> lexapro: PsyTAR rows rebuilt from Zoloft; evaluated on Lexapro posts.
- hash half: posts split by a stable hash of their id; built on one half, evaluated on the other.
- curated only: no PsyTAR rows at all, on Zoloft posts (what general knowledge alone gives).

Gold spans with null start/end (the annotated string is not verbatim in the post): we first look
for the string itself (case-insensitive) and use its first occurrence. Those still not found
cannot be matched by offset: `P/R/F1` leave them out of the gold set (their count is reported as
`unplaced`), `R_strict` counts them as misses.
`P_wd_neutral` additionally ignores predictions that overlap a withdrawal (WD) annotation
instead of counting them as false positives: they are drug effects, annotated in another layer.

Label mapping: our effect `withdrawal` (the word "withdrawal", "discontinuation syndrome") names
the discontinuation syndrome itself, which PsyTAR puts in its WD layer (as its symptoms) and never
in the ADR layer; so mentions with that label are not ADR predictions and are left out (counted
in `withdrawal_label`). `F1_all_labels` keeps them as ADR predictions (the definition used before
the third round, for comparison). Mentions flagged `missed_dose` stay ADR predictions: leaving
them out too was tried (Lexapro +0.004 F1, Zoloft -0.006; PsyTAR annotates missed-dose symptoms
as ADR about as often as WD) and dropped.
Each post is read with its own drug as the target (`find_effects(..., drug=...)`), so effects
another named drug is said to cause ("Paxil made me a zombie") are not counted, as in the pipeline.

Baseline: exact, case-insensitive, whole-word matching of every annotated ADR string of the
build half (longest first, no overlaps), no negation handling.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from build_effect_lexicon import build, curated_rows, load_posts, write_lexicon  # noqa: E402

from analysis.drugs import lookup_drug  # noqa: E402
from analysis.effects import find_effects  # noqa: E402

RESULTS = HERE / "results" / "psytar_effects.csv"
Span = tuple[int, int]
WITHDRAWAL_LABEL = "withdrawal"


@dataclass
class Score:
    """Counts and scores of one system on one evaluation set."""

    n_posts: int = 0
    n_gold: int = 0
    unplaced: int = 0
    n_pred: int = 0
    tp_pred: int = 0
    tp_gold: int = 0
    wd_pred: int = 0
    withdrawal_label: int = 0
    withdrawal_label_tp: int = 0
    withdrawal_label_gold: int = 0

    def add(
        self,
        predictions: list[Span],
        gold: list[Span],
        unplaced: int,
        wd: list[Span],
        withdrawal_label: list[Span] = (),
    ):
        """Add one post's predictions and gold spans (and its `withdrawal`-label spans) to the counts."""
        self.n_posts += 1
        self.withdrawal_label += len(withdrawal_label)
        self.withdrawal_label_tp += sum(any(_overlap(p, g) for g in gold) for p in withdrawal_label)
        covered = [g for g in gold if not any(_overlap(p, g) for p in predictions)]
        self.withdrawal_label_gold += sum(
            any(_overlap(p, g) for p in withdrawal_label) for g in covered
        )
        self.n_gold += len(gold)
        self.unplaced += unplaced
        self.n_pred += len(predictions)
        hits = [p for p in predictions if any(_overlap(p, g) for g in gold)]
        self.tp_pred += len(hits)
        self.tp_gold += sum(any(_overlap(p, g) for p in predictions) for g in gold)
        self.wd_pred += sum(
            1 for p in predictions if p not in hits and any(_overlap(p, w) for w in wd)
        )

    def row(self) -> dict:
        """Return the counts plus precision, recall, F1 and the variants."""
        precision = _ratio(self.tp_pred, self.n_pred)
        recall = _ratio(self.tp_gold, self.n_gold)
        return {
            "posts": self.n_posts,
            "gold": self.n_gold,
            "unplaced": self.unplaced,
            "pred": self.n_pred,
            "P": precision,
            "R": recall,
            "F1": _f1(precision, recall),
            "R_strict": _ratio(self.tp_gold, self.n_gold + self.unplaced),
            "P_wd_neutral": _ratio(self.tp_pred, self.n_pred - self.wd_pred),
            "withdrawal_label": self.withdrawal_label,
            "F1_all_labels": _f1(
                _ratio(
                    self.tp_pred + self.withdrawal_label_tp, self.n_pred + self.withdrawal_label
                ),
                _ratio(self.tp_gold + self.withdrawal_label_gold, self.n_gold),
            ),
        }


def _overlap(a: Span, b: Span) -> bool:
    """Return whether two character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def _ratio(num: int, den: int) -> float:
    """Return num/den, 0 for an empty denominator."""
    return num / den if den else 0.0


def _f1(precision: float, recall: float) -> float:
    """Return the harmonic mean of precision and recall."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def gold_spans(post: dict, layer: str = "adr_spans") -> tuple[list[Span], int]:
    """Return the post's annotated spans with offsets (null ones located if verbatim) and the rest."""
    spans, unplaced = [], 0
    for span in post[layer]:
        if span.get("start") is not None:
            spans.append((span["start"], span["end"]))
            continue
        at = post["text"].lower().find(span["text"].strip().lower())
        if at >= 0:
            spans.append((at, at + len(span["text"].strip())))
        else:
            unplaced += 1
    return spans, unplaced


def system_mentions(post: dict, lexicon: Path) -> list:
    """Return the affirmed (non-negated) mentions of a post, its own drug as the target."""
    drug = lookup_drug(post["drug"])
    return [m for m in find_effects(post["text"], lexicon=lexicon, drug=drug) if not m.negated]


def system_predictions(post: dict, lexicon: Path) -> tuple[list[Span], list[Span]]:
    """Return the spans of ADR mentions and of `withdrawal`-label (WD layer) mentions of a post."""
    mentions = system_mentions(post, lexicon)
    wd = [m.effect == WITHDRAWAL_LABEL for m in mentions]
    adr = [(m.start, m.end) for m, w in zip(mentions, wd, strict=True) if not w]
    return adr, [(m.start, m.end) for m, w in zip(mentions, wd, strict=True) if w]


def baseline_matcher(build_posts: list[dict]) -> re.Pattern[str]:
    """Return a regex of every annotated ADR string of the build half, longest first."""
    strings = {s["text"].strip().lower() for p in build_posts for s in p["adr_spans"]}
    strings = sorted((s for s in strings if s), key=lambda s: (-len(s), s))
    alternatives = "|".join(re.escape(s) for s in strings)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def evaluate(eval_posts: list[dict], predict) -> dict:
    """Return the score row of `predict` (post -> ADR spans, withdrawal-label spans)."""
    score = Score()
    for post in eval_posts:
        gold, unplaced = gold_spans(post)
        wd, _ = gold_spans(post, "withdrawal_spans")
        adr, withdrawal_label = predict(post)
        score.add(adr, gold, unplaced, wd, withdrawal_label)
    return score.row()


def stable_half(post_id: str) -> int:
    """Return 0 or 1 from a hash of the post id (stable across runs and machines)."""
    return hashlib.sha256(post_id.encode("utf-8")).digest()[0] % 2


def splits(posts: list[dict]) -> list[tuple[str, list[dict], list[dict]]]:
    """Return (name, build posts, eval posts) for every split measured."""
    lexapro = [p for p in posts if p["drug"] == "lexapro"]
    zoloft = [p for p in posts if p["drug"] == "zoloft"]
    half0 = [p for p in posts if stable_half(p["id"]) == 0]
    half1 = [p for p in posts if stable_half(p["id"]) == 1]
    return [
        ("cross-drug lexapro->zoloft", lexapro, zoloft),
        ("cross-drug zoloft->lexapro", zoloft, lexapro),
        ("hash half 0->1", half0, half1),
        ("hash half 1->0", half1, half0),
    ]


def run(posts: list[dict], workdir: Path) -> list[dict]:
    """Return one result row per (split, system)."""
    curated = curated_rows()
    rows = []
    for name, build_posts, eval_posts in splits(posts):
        lexicon = workdir / (re.sub(r"\W+", "_", name) + ".csv")
        write_lexicon(build([p for p in build_posts], [dict(r) for r in curated]), lexicon)
        pattern = baseline_matcher(build_posts)
        systems = {
            "effects (lexicon+ConText)": lambda p, lx=lexicon: system_predictions(p, lx),
            "baseline exact strings": lambda p, rx=pattern: (
                [m.span() for m in rx.finditer(p["text"])],
                [],
            ),
        }
        for system, predict in systems.items():
            rows.append({"split": name, "system": system, **evaluate(eval_posts, predict)})
    only_curated = workdir / "curated_only.csv"
    write_lexicon([dict(r) for r in curated], only_curated)
    zoloft = [p for p in posts if p["drug"] == "zoloft"]
    rows.append(
        {
            "split": "curated only, on zoloft",
            "system": "effects (no PsyTAR rows)",
            **evaluate(zoloft, lambda p: system_predictions(p, only_curated)),
        }
    )
    return rows


def print_table(rows: list[dict]) -> None:
    """Print the result rows as an aligned table."""
    header = f"{'split':28} {'system':27} {'posts':>5} {'gold':>5} {'unpl':>4} {'pred':>5} "
    header += f"{'P':>6} {'R':>6} {'F1':>6} {'R_str':>6} {'P_wd':>6} {'wdlab':>5} {'F1_all':>6}"
    print(header)
    for r in rows:
        print(
            f"{r['split']:28} {r['system']:27} {r['posts']:5d} {r['gold']:5d} {r['unplaced']:4d} "
            f"{r['pred']:5d} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['R_strict']:6.3f} "
            f"{r['P_wd_neutral']:6.3f} {r['withdrawal_label']:5d} {r['F1_all_labels']:6.3f}"
        )


def write_results(rows: list[dict], path: Path = RESULTS) -> None:
    """Write the result rows to CSV (scores rounded to 4 places)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()})


def main() -> int:
    """Run every split, print the table and write the CSV."""
    posts = load_posts()
    with tempfile.TemporaryDirectory() as workdir:
        rows = run(posts, Path(workdir))
    print_table(rows)
    write_results(rows)
    print(f"\nwritten: {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
