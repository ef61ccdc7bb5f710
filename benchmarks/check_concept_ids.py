"""Audit the side-effect lexicon's concept ids against PsyTAR's own UMLS annotations.

    .venv/bin/python benchmarks/check_concept_ids.py

The lexicon (analysis/data/side_effects.csv) gives each canonical effect a UMLS CUI, several of
them written from general knowledge. PsyTAR (../shared/data/psytar_dev.jsonl, CC BY 4.0; Zolnoori
et al. 2019, Data in Brief 24:103838) annotates every ADR, withdrawal, symptom and indication span
with a UMLS CUI and its preferred name. This script reads every post with analysis.effects, pairs
each affirmed mention with the annotated spans it overlaps, and reports per effect:

- `our_id_name`: PsyTAR's preferred name for our CUI, where PsyTAR uses that CUI anywhere (a check
  that the id means what the effect says; empty = PsyTAR never uses it, so it is unverified here);
- `top_psytar_id` / `top_psytar_name` / `top_share`: the CUI most often annotated on spans our
  mentions of that effect overlap, and its share of those spans;
- `status`: `agrees` (our CUI is the top one), `ours_used_by_psytar` (PsyTAR uses our CUI, but the
  overlapping spans mostly carry another, often a narrower or broader concept), `no_id` (we have
  none), `unverified` (PsyTAR never uses our CUI), or `not_seen` (no mention in PsyTAR).

This is an audit, not an accuracy measure: a differing CUI is a question for a person with UMLS
access, answered in the lexicon with a note, never by copying the top CUI blindly.
Output: benchmarks/results/concept_id_check.csv.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.drugs import lookup_drug  # noqa: E402
from analysis.effects import LEXICON_FILE, find_effects  # noqa: E402
from analysis.paths import SHARED_DIR  # noqa: E402

PSYTAR = SHARED_DIR / "data" / "psytar_dev.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "concept_id_check.csv"
CUI = re.compile(r"C\d{7}")
SPAN_LAYERS = ("adr_spans", "withdrawal_spans", "symptom_spans", "indication_spans")


def cui(field: str | None) -> tuple[str, str]:
    """Return (CUI, preferred name) from PsyTAR's "C0000765 / Name / Type" field, or ("", "").

    Some fields are lower-cased ("c0003467 / anxiety") or hold no code ("No code", a bare name):
    codes are upper-cased, and a field without a C + 7 digits code gives nothing.
    """
    parts = [p.strip() for p in (field or "").split("/")]
    code = parts[0].upper()
    if not CUI.fullmatch(code):
        return "", ""
    return code, parts[1] if len(parts) > 1 else ""


def psytar_spans(post: dict) -> list[tuple[int, int, str, str]]:
    """Return the post's placed annotated spans of every layer as (start, end, CUI, name)."""
    out = []
    for layer in SPAN_LAYERS:
        for span in post.get(layer) or []:
            code, name = cui(span.get("umls"))
            if code and span.get("start") is not None:
                out.append((span["start"], span["end"], code, name))
    return out


def lexicon_ids(path: Path = LEXICON_FILE) -> dict[str, str]:
    """Return each canonical effect's concept id ("" when it has none)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["effect"]: row["concept_id"] for row in csv.DictReader(handle)}


def audit(posts: list[dict], ids: dict[str, str]) -> list[dict[str, object]]:
    """Return one audit row per canonical effect of the lexicon."""
    names: dict[str, str] = {}
    overlaps: dict[str, Counter] = defaultdict(Counter)
    mentions: Counter = Counter()
    for post in posts:
        spans = psytar_spans(post)
        for _, _, code, name in spans:
            names.setdefault(code, name)
        drug = lookup_drug(post["drug"])
        for m in find_effects(post["text"], drug=drug):
            if m.negated:
                continue
            mentions[m.effect] += 1
            for start, end, code, _ in spans:
                if start < m.end and m.start < end:
                    overlaps[m.effect][code] += 1
    rows = []
    for effect in sorted(ids):
        ours = ids[effect]
        top, count = (overlaps[effect].most_common(1) or [("", 0)])[0]
        total = sum(overlaps[effect].values())
        if not mentions[effect]:
            status = "not_seen"
        elif not ours:
            status = "no_id"
        elif ours == top:
            status = "agrees"
        elif ours in names:
            status = "ours_used_by_psytar"
        else:
            status = "unverified"
        rows.append(
            {
                "effect": effect,
                "our_id": ours,
                "our_id_name": names.get(ours, ""),
                "mentions": mentions[effect],
                "overlapping_spans": total,
                "top_psytar_id": top,
                "top_psytar_name": names.get(top, ""),
                "top_share": round(count / total, 3) if total else "",
                "status": status,
            }
        )
    return rows


def main() -> int:
    """Audit the shipped lexicon, write the results CSV and print a summary."""
    if not PSYTAR.exists():
        print(f"missing {PSYTAR}", file=sys.stderr)
        return 2
    posts = [json.loads(line) for line in PSYTAR.read_text(encoding="utf-8").splitlines()]
    rows = audit(posts, lexicon_ids())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with open(RESULTS, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(Counter(r["status"] for r in rows))
    for r in rows:
        if r["status"] not in ("agrees", "not_seen"):
            print(
                f"{r['effect']:<28} ours {r['our_id'] or '-':<9} {r['our_id_name'][:30]:<30} "
                f"top {r['top_psytar_id']:<9} {r['top_psytar_name'][:34]:<34} {r['top_share']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
