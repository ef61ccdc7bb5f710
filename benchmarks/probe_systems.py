"""Comment stance on coded probe pages by each system: the cue rules, the learned model, the blend.

    .venv/bin/python benchmarks/probe_systems.py FOLDER [FOLDER ...]

For every comment of the pages in each folder (tests/fixtures/probes*/, with a coding.csv made
before any run, see benchmarks/probe_agreement.py) prints and writes one row: the coder's stance
(and defensible alternative), the label and score of the rules alone, the model alone and the
blend the pipeline ships, the rule categories that counted, whether the rules decided alone, and
the comment's frames and first-person use. The last line per folder counts agreement per system
(the alternative counts as agreement).

Name the folders explicitly: a blind set must be read once, on purpose (see its README), and this
script would read it. Output: benchmarks/results/probe_systems.csv.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import stance  # noqa: E402
from analysis.experience import experience_of  # noqa: E402
from analysis.frames import frames_of  # noqa: E402
from analysis.pipeline import load  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "probe_systems.csv"
SYSTEMS = ("rules", "model", "blend")


def coded_comments(folder: Path) -> dict[tuple[str, int], dict[str, str]]:
    """Return the coder's rows for comments, keyed by (page, comment number)."""
    with open(folder / "coding.csv", encoding="utf-8", newline="") as handle:
        return {
            (row["page"], int(row["unit_no"])): row
            for row in csv.DictReader(handle)
            if row["unit"] == "comment"
        }


def _categories(cues) -> str:
    """Return the counted cue categories with their direction, e.g. 'efficacy+;harm-'."""
    signs = {1: "+", -1: "-", 0: "0"}
    found = {f"{c.category}{signs[c.polarity]}" for c in cues if c.weight > 0}
    return ";".join(sorted(found))


def comment_rows(folder: Path) -> list[dict[str, object]]:
    """Return one row per comment of the folder's pages with every system's label."""
    coding = coded_comments(folder)
    rows = []
    for page in sorted(folder.glob("*.txt")):
        tables = load(page)
        drug = tables.drug
        if drug is None:  # no target recognised: nothing to label (probe_agreement counts it)
            print(f"{page.name}: no target drug recognised, its comments are not scored")
            continue
        condition = stance.condition_effects(str(tables.article["title"].iloc[0]), drug)
        for comment in tables.comments.itertuples():
            text = str(comment.text)
            code = coding.get((page.stem, int(comment.comment_id)), {})
            cues = stance.find_cues(text, drug, True, condition)
            rules_label, rules_score, _, _ = stance.decide(cues)
            scored = stance.model_score(text, drug, True)
            model_label, model_score = (
                stance._model_only(scored) if scored.n_features else ("neutral", 0.0)
            )
            blend_label, blend_score = stance.combine(cues, scored)
            result = stance.stance_of(text, drug, about_drug=True, condition=condition)
            exp = experience_of(text, drug, result.evidence)
            uses = [(c.start, c.end) for c in exp.evidence if c.category == "use"]
            rows.append(
                {
                    "folder": folder.name,
                    "page": page.stem,
                    "comment_id": int(comment.comment_id),
                    "coded": code.get("stance", ""),
                    "coded_alt": code.get("stance_alt", ""),
                    "rules": rules_label,
                    "rules_score": rules_score,
                    "model": model_label,
                    "model_score": round(model_score, 4),
                    "blend": blend_label,
                    "blend_score": blend_score,
                    "rules_decide": stance.rules_decide(cues, scored),
                    "categories": _categories(cues),
                    "frames": ";".join(frames_of(text, drug, result.evidence, uses).frames),
                    "first_person_use": exp.first_person_use,
                    "text": text[:120].replace("\n", " "),
                }
            )
    return rows


def agrees(row: dict[str, object], system: str) -> bool:
    """Return whether a system's label is the coder's stance or its defensible alternative."""
    return row[system] in {row["coded"], row["coded_alt"]} - {""}


def main(argv: list[str] | None = None) -> int:
    """Print every comment's labels and the agreement per folder and system; write the CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="probe folders with a coding.csv")
    args = parser.parse_args(argv)
    rows = [row for folder in args.folders for row in comment_rows(folder)]
    frame = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_colwidth", 60):
        print(frame.drop(columns=["text"]).to_string(index=False))
    for folder, part in frame.groupby("folder", sort=False):
        counts = {s: sum(agrees(r, s) for r in part.to_dict("records")) for s in SYSTEMS}
        print(
            f"{folder}: {len(part)} comments, agreeing "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(RESULTS, index=False)
    print(f"written: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
