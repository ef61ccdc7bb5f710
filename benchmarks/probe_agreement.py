"""Agreement between the pipeline and a tester's pre-run coding of invented probe pages.

    .venv/bin/python benchmarks/probe_agreement.py [FOLDER ...]

Each folder (default: every tests/fixtures/probes*/ holding a coding.csv and no BLIND marker file;
a marked set is read only when named, once, after which its marker is deleted) has pages in the export
format and `coding.csv`, coded from docs/codebook.md before the pipeline was run on them. Columns:
page, unit (article | section | comment), unit_no, author, stance, stance_alt, frames,
first_person_use, dose, duration, outcome, outcome_alt, effects, notes. In `dose` and `duration`
"|" separates acceptable values ("50 mg|25 mg"; "8 months|" also accepts an empty cell).

Measured per folder and field: percent agreement, counting the coder's defensible alternative
(`stance_alt`, `outcome_alt`, "|" values) as agreement; Cohen's kappa for stance against the
first choice only; frames as exact set match and as per-frame precision/recall. Writes
benchmarks/results/probe_agreement.csv (one row per folder, field) and
benchmarks/results/probe_disagreements.csv (every unit where a field disagrees).

Which set is which matters for honesty: `probes/` (session 4) was used to find and fix failures,
so its numbers are optimistic. `probes3/` (session 5) was coded blind and first measured after
every fix the earlier probes informed was committed; that first reading is kept apart in
benchmarks/results/probe_agreement_probes3_blind.csv (and probe_disagreements_probes3_blind.csv).
Its failures were then used to develop general cues, so later readings of probes3 are optimistic
too. A new blind set is the only honest measure of how the rules carry to unseen pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agreement import cohen_kappa  # noqa: E402
from analysis.pipeline import analyse_file  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BLIND_MARKER = "BLIND"  # a file in a probe folder not yet read: the default run skips it
FIELDS = ("stance", "frames", "first_person_use", "dose", "duration", "outcome")
NOT_PARSED = "<not parsed>"
NO_LABEL = "<no label>"


def _cell(value: object) -> str:
    """Return a cell as a stripped string ('' for missing)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _frames(value: object) -> frozenset[str]:
    """Return a semicolon-separated frames cell as a set."""
    return frozenset(f.strip() for f in _cell(value).split(";") if f.strip())


def _bool(value: object) -> str:
    """Return 'true'/'false' for a boolean-like cell."""
    return "true" if _cell(value).lower() in {"true", "1", "yes"} else "false"


def auto_units(page: Path) -> pd.DataFrame:
    """Return the pipeline's labels for one page: one row per article, section and comment."""
    outcome = analyse_file(page)
    if outcome.tables is None:
        raise RuntimeError(f"{page}: {outcome.error}")
    t = outcome.tables
    rows = [{"unit": "article", "unit_no": "", "stance": t.article["stance"].iloc[0]}]
    for i, (_, s) in enumerate(t.sections.iterrows(), start=1):
        rows.append({"unit": "section", "unit_no": str(i), "stance": s["stance"]})
    for i, (_, c) in enumerate(t.comments.iterrows(), start=1):
        rows.append(
            {
                "unit": "comment",
                "unit_no": str(i),
                "author": c["author"],
                "stance": c["stance"],
                "frames": _cell(c["frames"]),
                "first_person_use": _bool(c["first_person_use"]),
                "dose": _cell(c["dose"]),
                "duration": _cell(c["duration"]),
                "outcome": _cell(c["outcome"]),
            }
        )
    out = pd.DataFrame(rows)
    out["page"] = page.stem
    return out


def _agrees(field: str, human: pd.Series, auto: pd.Series) -> bool:
    """Return True when the automatic value is the coder's choice or a defensible alternative."""
    if field == "frames":
        return _frames(human["frames"]) == _frames(auto["frames"])
    if field == "first_person_use":
        return _bool(human[field]) == _bool(auto[field])
    if field in {"dose", "duration"}:
        accepted = {v.strip() for v in _cell(human[field]).split("|")}
        return _cell(auto[field]) in accepted
    accepted = {_cell(human[field]), _cell(human.get(f"{field}_alt"))} - {""}
    return _cell(auto[field]) in accepted


def compare(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (summary rows, disagreement rows) for one coded folder."""
    coding = pd.read_csv(folder / "coding.csv", dtype=str, keep_default_na=False)
    coding["unit_no"] = coding["unit_no"].fillna("")
    auto = pd.concat([auto_units(folder / f"{p}.txt") for p in coding["page"].unique()])
    merged = coding.merge(
        auto, on=["page", "unit", "unit_no"], how="left", suffixes=("", "_auto"), indicator=True
    )
    # a unit the loader did not find disagrees on every field (the loader's miss is counted)
    missing = merged["_merge"] != "both"
    for field in FIELDS:
        merged.loc[missing, f"{field}_auto"] = NOT_PARSED
    # a unit found but left unlabelled (no target drug recognised) disagrees too, by name
    merged["stance_auto"] = merged["stance_auto"].fillna(NO_LABEL)
    summary, wrong = [], []
    for field in FIELDS:
        rows = merged if field == "stance" else merged[merged["unit"] == "comment"]
        for unit_kind, part in [("all", rows)] + (
            [(k, g) for k, g in rows.groupby("unit")] if field == "stance" else []
        ):
            agree = []
            for _, r in part.iterrows():
                auto_row = pd.Series({field: r[f"{field}_auto"]})
                ok = _agrees(field, r, auto_row)
                agree.append(ok)
                if not ok and unit_kind == "all":
                    wrong.append(
                        {
                            "folder": folder.name,
                            "page": r["page"],
                            "unit": r["unit"],
                            "unit_no": r["unit_no"],
                            "author": r["author"],
                            "field": field,
                            "coded": r[field],
                            "coded_alt": r.get(f"{field}_alt", ""),
                            "auto": r[f"{field}_auto"],
                        }
                    )
            row = {
                "folder": folder.name,
                "field": field,
                "units": unit_kind,
                "n": len(agree),
                "agree": sum(agree),
                "percent_agreement": round(100 * sum(agree) / len(agree), 1) if agree else None,
            }
            if field == "stance":
                row["cohen_kappa_first_choice"] = round(
                    cohen_kappa(list(part["stance"]), list(part["stance_auto"])), 3
                )
            summary.append(row)
    comments = merged[merged["unit"] == "comment"]
    for frame in sorted(set().union(*(_frames(v) for v in comments["frames"]))):
        coded = comments["frames"].map(lambda v, f=frame: f in _frames(v))
        found = comments["frames_auto"].map(lambda v, f=frame: f in _frames(v))
        summary.append(
            {
                "folder": folder.name,
                "field": f"frame:{frame}",
                "units": "comment",
                "n": int(coded.sum()),
                "agree": int((coded & found).sum()),
                "precision": round((coded & found).sum() / found.sum(), 3) if found.sum() else None,
                "recall": round((coded & found).sum() / coded.sum(), 3) if coded.sum() else None,
            }
        )
    return pd.DataFrame(summary), pd.DataFrame(wrong)


def main(argv: list[str] | None = None) -> int:
    """Measure every coded folder; print and write the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    # a folder holding a BLIND marker is read only when named: its one blind reading is on purpose
    folders = args.folders or sorted(
        p.parent
        for p in (ROOT / "tests" / "fixtures").glob("probes*/coding.csv")
        if not (p.parent / BLIND_MARKER).exists()
    )
    summaries, wrongs = zip(*(compare(f) for f in folders), strict=True)
    summary = pd.concat(summaries, ignore_index=True)
    wrong = pd.concat(wrongs, ignore_index=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary.to_csv(RESULTS / "probe_agreement.csv", index=False)
    wrong.to_csv(RESULTS / "probe_disagreements.csv", index=False)
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print(summary.to_string(index=False))
        print()
        print(wrong.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
