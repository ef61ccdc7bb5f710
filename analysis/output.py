"""Write analysed tables as UTF-8 CSV, one folder per article, with stable formatting."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .loader import slugify
from .model import PageTables, Problem, problems_frame


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with datetimes as ISO 8601 text (dates without a time as YYYY-MM-DD).

    A frame without datetime columns is returned as it is (to_csv does not change it); copying
    every table of every page was a visible share of writing a corpus.
    """
    dated = [c for c, dtype in frame.dtypes.items() if pd.api.types.is_datetime64_any_dtype(dtype)]
    if not dated:
        return frame
    out = frame.copy()
    for column in dated:
        values = out[column]
        date_only = values.dropna().eq(values.dropna().dt.normalize()).all()
        fmt = "%Y-%m-%d" if column == "published" and date_only else "%Y-%m-%dT%H:%M:%S"
        out[column] = values.dt.strftime(fmt)
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write one table as UTF-8 CSV with Unix line endings and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _csv_ready(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def article_dir(out_root: Path, article_id: str) -> Path:
    """Return the output folder of one article; the id is re-slugged so no input escapes the root."""
    return Path(out_root) / slugify(article_id)


def write_tables(tables: PageTables, out_root: Path) -> Path:
    """Write every table of one article to `out_root/<article_id>/` and return that folder."""
    folder = article_dir(out_root, tables.article_id)
    for name, frame in tables.tables().items():
        write_csv(frame, folder / f"{name}.csv")
    return folder


def write_problems(problems: list[Problem], out_root: Path) -> Path:
    """Write the run's problems (every warning and skipped file) to `out_root/problems.csv`."""
    return write_csv(problems_frame(problems), Path(out_root) / "problems.csv")
