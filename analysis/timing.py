"""When comments arrived relative to publication and to each other.

The page gives the publication date without a time. `hours_after_publication` takes publication
at 00:00 of that day (in the page's own, unstated time zone), so it is an upper bound: the true lag
lies in [hours_after_publication - 24, hours_after_publication]. The precision is carried in
`article.published_precision` and `comments.hours_after_publication_min`.
"""

from __future__ import annotations

import math

import pandas as pd

PUBLICATION_ASSUMPTION = (
    "published at 00:00 on the page's date (day precision; lag is an upper bound)"
)
TIMING_COLUMNS = [
    "hours_after_publication",
    "hours_after_publication_min",
    "gap_hours",
    "hour_of_day",
    "weekday",
]


def comment_timing(comments: pd.DataFrame, published: pd.Timestamp | None) -> pd.DataFrame:
    """Return per-comment timing columns, aligned to `comments`' index."""
    posted = pd.to_datetime(comments["posted_at"])
    out = pd.DataFrame(index=comments.index)
    if published is not None and not pd.isna(published):
        hours = (posted - pd.Timestamp(published).normalize()) / pd.Timedelta(hours=1)
    else:
        hours = pd.Series(float("nan"), index=comments.index)
    out["hours_after_publication"] = hours.astype("float64")
    out["hours_after_publication_min"] = (hours - 24).astype("float64")
    # Gaps follow arrival order, not page order: threads put replies out of time order.
    ordered = posted.dropna().sort_values(kind="stable")
    gaps = ordered.diff() / pd.Timedelta(hours=1)
    out["gap_hours"] = gaps.reindex(comments.index).astype("float64")
    out["hour_of_day"] = posted.dt.hour.astype("Int64")
    out["weekday"] = posted.dt.day_name()
    return out


def half_life(hours: pd.Series) -> float:
    """Return the hours until half of the comments had arrived (the ceil(n/2)-th arrival)."""
    known = hours.dropna().sort_values().to_numpy()
    if not len(known):
        return float("nan")
    return float(known[math.ceil(len(known) / 2) - 1])


def article_timing(timing: pd.DataFrame) -> dict[str, float]:
    """Return time to first comment, median lag and comment half-life, in hours."""
    hours = timing["hours_after_publication"].dropna()
    return {
        "time_to_first_comment_hours": float(hours.min()) if len(hours) else float("nan"),
        "median_lag_hours": float(hours.median()) if len(hours) else float("nan"),
        "comment_half_life_hours": half_life(hours),
        "timed_comments": int(len(hours)),
    }
