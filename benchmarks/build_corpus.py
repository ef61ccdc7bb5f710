"""Build a benchmark corpus: pages in the seed's export format whose comments are distinct real texts.

    .venv/bin/python benchmarks/build_corpus.py --size 5000 [OUT] [--per-page 50] [--seed 13]

Comments (and article sections) are sentences of the Druglib.com reviews in
`../shared/data/druglib_train.csv` recombined: Gräßer, Kallumadi, Malberg & Zaunseder (2018),
"Aspect-based sentiment analysis of drug reviews applying cross-domain and cross-data learning",
UCI Machine Learning Repository, Drug Review Dataset (Druglib.com), CC BY 4.0. Every text is a
distinct string, because textstat (and `analysis.sentences`) cache per text string and repeated
texts would flatter the timings.

Each page is laid out like `data/raw/baclofen-restless-leg-syndrome.txt`: title, date, author,
title again, four headed sections, "N Comments", then per comment "  • Image placeholder", the
name, an "April 29, 2023 AT 00:48" timestamp and the text, and "Write a comment". A page is about
one Druglib drug the project's drug table knows (its name is in the title, so the drug is
inferred); its comments are mostly sentences of that drug's reviews, some of any drug's.

Pages go to OUT (default `benchmarks/corpus/<size>/`, git-ignored). The same seed gives the same
files. Existing `page-*.txt` files in OUT are overwritten; stale ones from a larger build are
removed one by one (nothing else in OUT is touched).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DRUGLIB = ROOT.parent / "shared" / "data" / "druglib_train.csv"
TEXT_COLUMNS = ("benefitsReview", "sideEffectsReview", "commentsReview")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
LEADING_MARKS = re.compile(r"^[\W_]+")  # "* ", "- ", "1) ": a leading bullet would start a comment
FIRST = ["Alex", "Sam", "Jo", "Priya", "Chen", "Maria", "Tom", "Aisha", "Lena", "Omar", "Kim"]
FIRST += ["Ravi", "Ines", "Pawel", "Grace", "Yusuf", "Hana", "Diego", "Mia", "Noah", "Zara"]
LAST = ["Smith", "Lee", "Garcia", "Khan", "Novak", "Okafor", "Rossi", "Berg", "Tanaka", "Ali"]
LAST += ["Murphy", "Silva", "Cohen", "Nguyen", "Kowalski", "Mensah", "Dubois", "Sato", "Park"]
HEADINGS = ("What {name} Is", "What Studies Found", "Side Effects and Risks", "Talk to Your Doctor")
MIN_REVIEWS = 10  # a drug needs this many reviews to have pages of its own


def review_sentences(path: Path = DRUGLIB) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Return the reviews' sentences grouped by drug (4-60 words), and each drug's review count."""
    by_drug: dict[str, list[str]] = {}
    reviews: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            drug = row["urlDrugName"].strip().lower()
            reviews[drug] = reviews.get(drug, 0) + 1
            for column in TEXT_COLUMNS:
                text = " ".join((row.get(column) or "").split())
                for sentence in SENTENCE.split(text):
                    sentence = LEADING_MARKS.sub("", sentence)
                    if 4 <= len(sentence.split()) <= 60:
                        by_drug.setdefault(drug, []).append(sentence)
    return by_drug, reviews


class Texts:
    """Distinct texts of a few sentences of one drug's reviews (some of any drug's)."""

    def __init__(self, by_drug: dict[str, list[str]], rng: random.Random):
        self.by_drug = by_drug
        self.everything = [s for sentences in by_drug.values() for s in sentences]
        self.rng = rng
        self.seen: set[str] = set()

    def make(self, drug: str, low: int = 2, high: int = 6) -> str:
        """Return a text never returned before: `low`-`high` sentences, mostly of `drug`."""
        pool = self.by_drug.get(drug) or self.everything
        while True:
            n = self.rng.randint(low, high)
            picks = [
                self.rng.choice(pool if self.rng.random() < 0.8 else self.everything)
                for _ in range(n)
            ]
            text = " ".join(picks)
            if text not in self.seen:
                self.seen.add(text)
                return text


def page(number: int, drug: str, texts: Texts, comments: int, rng: random.Random) -> str:
    """Return one page in the export format (header, four sections, `comments` comments)."""
    name = drug.capitalize()
    title = f"{name} in Practice: What Readers Report (Page {number})"
    published = datetime(2022, 1, 1) + timedelta(days=rng.randrange(700))
    lines = [title, "", published.strftime("%b %-d, %Y"), "Benchmark Author", title, ""]
    for heading in HEADINGS:
        lines += [heading.format(name=name), "", texts.make(drug, 4, 8), ""]
    lines += [f"{comments} Comments", ""]
    posted = published + timedelta(hours=rng.randint(1, 30))
    for _ in range(comments):
        posted += timedelta(minutes=rng.randint(1, 600))
        author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        stamp = posted.strftime("%B %-d, %Y AT %H:%M")
        lines += ["  • Image placeholder", "", f"    {author}", "", f"    {stamp}", ""]
        lines += [f"    {texts.make(drug)}", ""]
    lines.append("Write a comment")
    return "\n".join(lines)


def page_drugs(by_drug: dict[str, list[str]], reviews: dict[str, int]) -> list[str]:
    """Return the Druglib drug names (generic or brand) the project's drug table knows."""
    from analysis.drugs import load_drugs

    known = {name for target in load_drugs() for name in target.names}
    return sorted(d for d in by_drug if d in known and reviews.get(d, 0) >= MIN_REVIEWS)


def build(size: int, out: Path, per_page: int = 50, seed: int = 13) -> list[Path]:
    """Write ceil(size / per_page) pages to `out` and return their paths."""
    rng = random.Random(seed)
    by_drug, reviews = review_sentences()
    drugs = page_drugs(by_drug, reviews)
    texts = Texts(by_drug, rng)
    out.mkdir(parents=True, exist_ok=True)
    written, left, number = [], size, 0
    while left > 0:
        number += 1
        n = min(per_page, left)
        drug = drugs[(number - 1) % len(drugs)]
        path = out / f"page-{number:05d}-{drug}.txt"
        path.write_text(page(number, drug, texts, n, rng), encoding="utf-8")
        written.append(path)
        left -= n
    keep = set(written)
    for stale in sorted(out.glob("page-*.txt")):
        if stale not in keep:
            stale.unlink()
    return written


def check(pages: list[Path], per_page: int, size: int) -> None:
    """Load every page with the project's loader; fail on a problem or a wrong comment count."""
    from analysis.loader import load_page

    total = 0
    for path in pages:
        tables = load_page(path)
        if tables.problems:
            raise SystemExit(f"{path}: {tables.problems[0]}")
        if tables.article["drug"].iloc[0] is None:
            raise SystemExit(f"{path}: drug not inferred from the title")
        total += len(tables.comments)
    if total != size:
        raise SystemExit(f"loaded {total} comments, expected {size}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder (default benchmarks/corpus/SIZE)")
    parser.add_argument("--size", type=int, default=5000, help="number of comments")
    parser.add_argument("--per-page", type=int, default=50, help="comments per page")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-check", action="store_true", help="skip loading the pages back")
    args = parser.parse_args(argv)
    out = args.out or HERE / "corpus" / str(args.size)
    pages = build(args.size, out, args.per_page, args.seed)
    if not args.no_check:
        check(pages, args.per_page, args.size)
    print(f"{len(pages)} pages, {args.size} comments in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
