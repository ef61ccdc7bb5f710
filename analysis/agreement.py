"""Agreement between human-coded and automatic stance labels: Cohen's kappa, % agreement, confusion.

Human coding (data/coding/*.csv): columns article_id, unit (article/section/comment), id, stance.
Automatic labels: a comments.csv (article_id, comment_id, stance), sections.csv (article_id,
section_no, stance), article.csv (article_id, stance), or a long CSV with article_id, unit, id,
stance. Units are matched on (article_id, unit, id); only units present in both are compared.

Kappa is undefined (NaN) when chance agreement is 1, i.e. both raters gave every unit the same
single label: agreement is then perfect but says nothing about the rater's discrimination.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

LABELS = ("favor", "against", "mixed", "neutral")
UNITS = ("article", "section", "comment")
KEY = ["article_id", "unit", "id"]


class AgreementInputError(ValueError):
    """An input table lacks a needed column or holds an unknown label or unit."""


@dataclass(frozen=True)
class AgreementResult:
    """Cohen's kappa, percent agreement, number of units and the confusion matrix."""

    kappa: float  # NaN when undefined
    percent: float  # 0-100; NaN when n == 0
    n: int
    confusion: pd.DataFrame  # human labels (rows) x automatic labels (columns), LABELS order
    unit: str | None = None
    pairs: pd.DataFrame | None = None  # article_id, unit, id, human, auto

    @property
    def kappa_defined(self) -> bool:
        """Return True when kappa is a number."""
        return not math.isnan(self.kappa)

    def format(self) -> str:
        """Return a plain-text report."""
        unit = self.unit or "all units"
        if self.kappa_defined:
            kappa = f"{self.kappa:.3f}"
        elif self.n:
            kappa = "undefined (both raters used one and the same label only)"
        else:
            kappa = "undefined (no units to compare)"
        percent = "n/a" if math.isnan(self.percent) else f"{self.percent:.1f}%"
        lines = [
            f"unit: {unit}",
            f"n: {self.n}",
            f"Cohen's kappa: {kappa}",
            f"percent agreement: {percent}",
            "confusion matrix (rows: human, columns: automatic):",
            self.confusion.to_string(),
        ]
        return "\n".join(lines)


def _clean_labels(series: pd.Series, what: str) -> pd.Series:
    """Return lower-cased, stripped labels; raise on a label outside LABELS."""
    labels = series.astype("string").str.strip().str.lower()
    unknown = sorted(set(labels.dropna()) - set(LABELS))
    if unknown:
        raise AgreementInputError(f"{what}: unknown stance label(s) {unknown}; expected {LABELS}")
    return labels


def _clean_id(value: object) -> str:
    """Return an id as text, integral numbers without a decimal part ("1.0" -> "1")."""
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def _require(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AgreementInputError(
            f"{what}: missing column(s) {', '.join(missing)} (has: {', '.join(map(str, frame.columns))})"
        )


def to_long(frame: pd.DataFrame, what: str = "table") -> pd.DataFrame:
    """Return labels as a long frame (article_id, unit, id, stance) from any accepted layout."""
    import pandas as pd

    columns = set(frame.columns)
    if {"unit", "id"} <= columns:
        _require(frame, ["article_id", "unit", "id", "stance"], what)
        long = frame[["article_id", "unit", "id", "stance"]].copy()
        long["unit"] = long["unit"].astype("string").str.strip().str.lower()
        bad = sorted(set(long["unit"].dropna()) - set(UNITS))
        if bad:
            raise AgreementInputError(f"{what}: unknown unit(s) {bad}; expected {UNITS}")
    elif "comment_id" in columns:
        _require(frame, ["article_id", "comment_id", "stance"], what)
        long = pd.DataFrame(
            {"article_id": frame["article_id"], "unit": "comment", "id": frame["comment_id"]}
        )
        long["stance"] = frame["stance"]
    elif "section_no" in columns:
        _require(frame, ["article_id", "section_no", "stance"], what)
        long = pd.DataFrame(
            {"article_id": frame["article_id"], "unit": "section", "id": frame["section_no"]}
        )
        long["stance"] = frame["stance"]
    else:
        _require(frame, ["article_id", "stance"], what)
        long = pd.DataFrame(
            {"article_id": frame["article_id"], "unit": "article", "id": frame["article_id"]}
        )
        long["stance"] = frame["stance"]
    long["article_id"] = long["article_id"].astype(str).str.strip()
    long["id"] = [_clean_id(v) for v in long["id"]]
    long["stance"] = _clean_labels(long["stance"], what)
    return long.dropna(subset=["stance"]).reset_index(drop=True)


def cohen_kappa(human: list[str], auto: list[str]) -> float:
    """Return Cohen's kappa of two label lists, NaN when chance agreement is 1 (or no labels)."""
    if not human:
        return math.nan
    if len(set(human) | set(auto)) == 1:
        return math.nan  # both raters used the same single label: p_e = 1, kappa = 0/0
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(human, auto, labels=list(LABELS)))


def agreement(human: pd.DataFrame, auto: pd.DataFrame, unit: str | None = None) -> AgreementResult:
    """Return the agreement of automatic labels with human ones on the units both label.

    `human` and `auto` may each be in any layout `to_long` accepts; `unit` keeps one unit kind.
    """
    import pandas as pd

    if unit is not None and unit not in UNITS:
        raise AgreementInputError(f"unknown unit {unit!r}; expected one of {UNITS}")
    h = to_long(human, "human coding")
    a = to_long(auto, "automatic labels")
    if unit is not None:
        h, a = h[h["unit"] == unit], a[a["unit"] == unit]
    pairs = h.merge(a, on=KEY, suffixes=("_human", "_auto"), how="inner")
    pairs = pairs.rename(columns={"stance_human": "human", "stance_auto": "auto"})
    pairs = pairs.drop_duplicates(subset=KEY).reset_index(drop=True)
    human_labels = [str(x) for x in pairs["human"]]
    auto_labels = [str(x) for x in pairs["auto"]]
    n = len(pairs)
    percent = (
        100.0 * sum(x == y for x, y in zip(human_labels, auto_labels, strict=True)) / n
        if n
        else math.nan
    )
    confusion = pd.crosstab(
        pd.Categorical(human_labels, categories=LABELS),
        pd.Categorical(auto_labels, categories=LABELS),
        rownames=["human"],
        colnames=["automatic"],
        dropna=False,
    ).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    return AgreementResult(
        cohen_kappa(human_labels, auto_labels), percent, n, confusion, unit, pairs
    )


def _read(path: Path, what: str) -> pd.DataFrame:
    import pandas as pd

    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except FileNotFoundError:
        raise AgreementInputError(f"{what}: no such file {path}") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise AgreementInputError(f"{what}: cannot read {path} as CSV ({error})") from None


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of `python -m analysis agreement`."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis agreement",
        description="Agreement (Cohen's kappa, %% agreement, confusion matrix) between human-coded "
        "and automatic stance labels.",
    )
    parser.add_argument("coded", type=Path, help="human coding CSV: article_id, unit, id, stance")
    parser.add_argument(
        "auto",
        type=Path,
        help="automatic labels: comments.csv, sections.csv, article.csv, or a long CSV "
        "(article_id, unit, id, stance)",
    )
    parser.add_argument(
        "--unit", choices=UNITS, default=None, help="compare this unit kind only (default: all)"
    )
    return parser


def agreement_main(argv: list[str]) -> int:
    """Run the agreement command; return 0, 1 when no unit is in both files, 2 on bad input."""
    args = build_parser().parse_args(argv)
    try:
        human = _read(args.coded, str(args.coded))
        auto = _read(args.auto, str(args.auto))
        _require(human, ["article_id", "unit", "id", "stance"], str(args.coded))
        result = agreement(human, auto, args.unit)
    except AgreementInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(result.format())
    if result.n == 0:
        print("error: no unit is labelled in both files", file=sys.stderr)
        return 1
    return 0
