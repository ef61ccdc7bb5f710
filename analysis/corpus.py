"""The cross-article table: one row per analysed article, written to `<out>/corpus.csv`.

Each row is computed from an article's finished tables as soon as it is written, so a corpus run
keeps only these few numbers per article in memory. `analysis.figures.fig_corpus_stance` and
`fig_corpus_readability` draw from it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .model import PageTables
from .output import write_csv

STANCE_LABELS = ("favor", "against", "mixed", "neutral")
CORPUS_COLUMNS = [
    "article_id",
    "title",
    "drug",
    "source",
    "comments",
    "stance_comments",
    *(f"stance_{label}_share" for label in STANCE_LABELS),
    "sentiment_positive_share",
    "time_to_first_comment_hours",
    "median_lag_hours",
    "comment_half_life_hours",
    "article_fk_grade",
    "comments_fk_grade_median",
    "reliable_comments",
]


def corpus_row(tables: PageTables) -> dict:
    """Return the corpus-table row of one analysed article."""
    article = tables.article.iloc[0]
    comments = tables.comments
    n = len(comments)
    row = {
        "article_id": tables.article_id,
        "title": article.get("title"),
        "drug": article.get("drug"),
        "source": article.get("source"),
        "comments": n,
        "time_to_first_comment_hours": article.get("time_to_first_comment_hours"),
        "median_lag_hours": article.get("median_lag_hours"),
        "comment_half_life_hours": article.get("comment_half_life_hours"),
        "article_fk_grade": article.get("flesch_kincaid_grade"),
    }
    stance = comments["stance"] if "stance" in comments else pd.Series(dtype=object)
    labelled = stance.dropna()
    row["stance_comments"] = len(labelled)
    for label in STANCE_LABELS:
        share = (labelled == label).mean() if len(labelled) else float("nan")
        row[f"stance_{label}_share"] = share
    if n:
        row["sentiment_positive_share"] = (comments["sentiment_label"] == "positive").mean()
        row["comments_fk_grade_median"] = comments["flesch_kincaid_grade"].median()
        row["reliable_comments"] = int(comments["readability_reliable"].sum())
    else:
        row |= {"sentiment_positive_share": float("nan"), "comments_fk_grade_median": float("nan")}
        row["reliable_comments"] = 0
    return row


def write_corpus(rows: list[dict], out_root: Path) -> Path:
    """Write the corpus table (one row per article, in run order) and return its path."""
    return write_csv(pd.DataFrame(rows, columns=CORPUS_COLUMNS), Path(out_root) / "corpus.csv")
