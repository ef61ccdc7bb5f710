"""Regenerate the PsyTAR-derived rows of analysis/data/side_effects.csv from a fixed dev half.

    .venv/bin/python benchmarks/build_effect_lexicon.py

The curated rows (source `clinical` / `colloquial`) are kept as they are; every `psytar` row is
rebuilt from the annotated ADR spans of the *dev half* only: the Lexapro posts of
../shared/data/psytar_dev.jsonl. The Zoloft posts are never read here, so the benchmark can
measure on them as posts about a drug the lexicon has not seen.

A span string becomes a lexicon phrase only if it is general: short, no digits, severity words
stripped, and in the dev half it mostly occurs inside ADR/withdrawal annotations rather than
elsewhere (so "depression", usually the indication, is not learnt as an effect).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PSYTAR = ROOT.parent / "shared" / "data" / "psytar_dev.jsonl"
LEXICON = ROOT / "analysis" / "data" / "side_effects.csv"
COLUMNS = ["phrase", "effect", "concept_id", "vocabulary", "source", "needs_cue"]
DEV_DRUG = "lexapro"

# Severity and hedging words stripped from the front of a span ("extreme weight gain").
QUALIFIERS = {
    "extreme",
    "severe",
    "some",
    "slight",
    "mild",
    "major",
    "bad",
    "terrible",
    "horrible",
    "very",
    "really",
    "constant",
    "occasional",
    "minor",
    "moderate",
    "significant",
    "serious",
    "intense",
    "excessive",
    "lots",
    "lot",
    "of",
    "a",
    "the",
    "my",
    "awful",
    "massive",
    "huge",
    "little",
    "total",
    "complete",
    "extremely",
    "horrendous",
    "crazy",
    "frequent",
    "persistent",
    "initial",
    "overall",
    "general",
    "slightly",
    "somewhat",
    "more",
    "increased",
}
MAX_TOKENS = 4
MIN_POSTS = 2  # a phrase annotated in a single post is row-specific, not general
MIN_PRECISION = 0.5  # share of a phrase's occurrences in dev texts that sit inside an ADR/WD span
INDICATION_SHARE = 0.25  # above this share inside symptom/indication spans, the phrase needs a cue
# PsyTAR concepts that are near-synonyms of a curated canonical effect: map them onto it so one
# effect has one id ("Tired" and "Fatigue", "Felt like a zombie" and "Drowsiness").
ALIASES = {
    "C2981158": "C0011124",  # lack of libido -> decreased libido
    "C0557875": "C0015672",  # tired -> fatigue
    "C4288020": "C0015672",  # very tired -> fatigue
    "C0392674": "C0015672",  # exhaustion -> fatigue
    "C1298942": "C0013144",  # excessive somnolence -> drowsiness
    "C2219848": "C0013144",  # daytime somnolence -> drowsiness
    "C0424573": "C0013144",  # always sleepy -> drowsiness
    "C0857486": "C0013144",  # felt like a zombie -> drowsiness
    "C0859330": "C0338656",  # foggy feeling in head -> cognitive impairment
    "C0857507": "C0338656",  # spaced out -> cognitive impairment
    "C0423994": "C0338656",  # unable to think clearly -> cognitive impairment
    "C0456820": "C0233469",  # loss of capacity to feel emotions -> emotional blunting
    "C0233484": "C0233469",  # emotionally detached -> emotional blunting
    "C0233471": "C0233469",  # flat affect -> emotional blunting
    "C0424444": "C0006325",  # clenching teeth -> bruxism
    "C0424099": "C0235198",  # reduced concentration -> poor concentration
    "C0233998": "C0234022",  # orgasm impairment -> orgasm incapacity
    "C1112573": "C0234022",  # delayed orgasm -> orgasm incapacity
    "C3887605": "C0028084",  # nightmare disorder -> nightmares
    "C0701811": "C0233794",  # poor short-term memory -> memory impairment
    "C0002622": "C0233794",  # amnesia -> memory impairment
    "C0542476": "C0233794",  # forgetful -> memory impairment
    "C0232462": "C1971624",  # decrease in appetite -> loss of appetite
    "C0000765": "C0043094",  # excessive weight gain -> weight gain
    "C0038990": "C0700590",  # sweating -> sweating (increased)
    "C0231403": "C0003467",  # severe anxiety -> anxiety
    "C0849963": "C0003467",  # feeling nervous -> anxiety
}
WORD = re.compile(r"[a-z]+(?:['\u2019-][a-z]+)*")


def load_posts(path: Path = PSYTAR) -> list[dict]:
    """Return the PsyTAR posts."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def parse_umls(field: str | None) -> tuple[str, str]:
    """Return (CUI, preferred name) from PsyTAR's "C0043094 / Weight Gain / Finding" field."""
    match = re.match(r"\s*(C\d{7})\s*/\s*([^/]+)", field or "")
    return (match.group(1), match.group(2).strip().lower()) if match else ("", "")


def general_phrase(text: str) -> str | None:
    """Return the general form of an annotated span (qualifiers stripped), or None if too specific."""
    words = WORD.findall(text.lower().replace("\u2019", "'"))
    if not words or re.search(r"\d", text):
        return None
    while words and words[0] in QUALIFIERS:
        words = words[1:]
    if not words or len(words) > MAX_TOKENS or len("".join(words)) < 3:
        return None
    return " ".join(words)


def occurrences(phrase: str, text: str) -> list[tuple[int, int]]:
    """Return the whole-word, case-insensitive occurrences of `phrase` in `text`."""
    pattern = re.compile(rf"(?<![\w]){re.escape(phrase)}(?![\w])", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def _inside(span: tuple[int, int], spans: list[dict]) -> bool:
    """Return whether `span` overlaps any annotated span with offsets."""
    return any(
        s.get("start") is not None and span[0] < s["end"] and s["start"] < span[1] for s in spans
    )


def psytar_rows(posts: list[dict], curated: set[str]) -> list[dict]:
    """Return lexicon rows learnt from the ADR spans of `posts` (phrases in `curated` skipped)."""
    concepts: dict[str, Counter] = defaultdict(Counter)
    support: dict[str, set[str]] = defaultdict(set)
    for post in posts:
        for span in post["adr_spans"]:
            phrase = general_phrase(span["text"])
            cui, name = parse_umls(span.get("umls"))
            if phrase and cui and phrase not in curated:
                concepts[phrase][(cui, name)] += 1
                support[phrase].add(post["id"])
    rows = []
    for phrase, counts in sorted(concepts.items()):
        if len(support[phrase]) < MIN_POSTS:
            continue
        inside_adr = inside_other = total = 0
        for post in posts:
            effects = post["adr_spans"] + post["withdrawal_spans"]
            conditions = post["symptom_spans"] + post["indication_spans"]
            for span in occurrences(phrase, post["text"]):
                total += 1
                inside_adr += _inside(span, effects)
                inside_other += _inside(span, conditions)
        if not total or inside_adr / total < MIN_PRECISION:
            continue
        (cui, name), _ = counts.most_common(1)[0]
        rows.append(
            {
                "phrase": phrase,
                "effect": name,
                "concept_id": cui,
                "vocabulary": "UMLS",
                "source": "psytar",
                "needs_cue": int(inside_other / total > INDICATION_SHARE),
            }
        )
    return rows


def read_lexicon(path: Path = LEXICON) -> list[dict]:
    """Return the rows of a lexicon CSV."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def build(posts: list[dict], curated_rows: list[dict]) -> list[dict]:
    """Return curated rows plus PsyTAR rows learnt from `posts`; a curated effect name wins."""
    curated = {row["phrase"].lower() for row in curated_rows}
    names = {row["concept_id"]: row["effect"] for row in curated_rows if row["concept_id"]}
    learnt = psytar_rows(posts, curated)
    for row in learnt:
        row["concept_id"] = ALIASES.get(row["concept_id"], row["concept_id"])
        row["effect"] = names.get(row["concept_id"], row["effect"])
    return curated_rows + learnt


def write_lexicon(rows: list[dict], path: Path) -> None:
    """Write lexicon rows to `path`."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def curated_rows(path: Path = LEXICON) -> list[dict]:
    """Return the hand-curated rows (everything not learnt from PsyTAR)."""
    return [row for row in read_lexicon(path) if row["source"] != "psytar"]


def main() -> int:
    """Rebuild the PsyTAR rows of the package lexicon from the dev half (Lexapro posts)."""
    dev = [post for post in load_posts() if post["drug"] == DEV_DRUG]
    rows = build(dev, curated_rows())
    write_lexicon(rows, LEXICON)
    learnt = sum(row["source"] == "psytar" for row in rows)
    print(
        f"{LEXICON.relative_to(ROOT)}: {len(rows)} rows, {learnt} from {len(dev)} {DEV_DRUG} posts"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
