"""The tables one analysed page is made of, and the record of problems met on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .drugs import DrugTarget


def _native(column: pd.Series) -> list:
    """Return the column's values as to_dict("records") gives them (numpy scalars unboxed, NA None)."""
    values = column.tolist()
    if column.dtype == object or isinstance(column.dtype, pd.api.extensions.ExtensionDtype):
        values = [_box(v) for v in values]
    return values


_PLAIN = (str, int, float, bool, type(None))


def _box(value: object) -> object:
    if type(value) in _PLAIN:  # most cells: nothing to unbox
        return value
    if value is pd.NA:
        return None
    if isinstance(value, np.datetime64 | np.timedelta64):
        return pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def row_dicts(frame: pd.DataFrame) -> list[dict]:
    """Return the rows of `frame` as dicts, like `frame.to_dict("records")`.

    Built column by column: to_dict boxes every cell on its own, which made it a visible share
    of a corpus run.
    """
    names = list(frame.columns)
    columns = [_native(frame.iloc[:, i]) for i in range(len(names))]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


class PageFormatError(ValueError):
    """A file is not an article/comment page; the message names the file, the line and the reason."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Problem:
    """One recoverable problem (warning) or skipped file (error), as written to problems.csv."""

    file: str
    line: int | None
    severity: str  # "info" | "warning" | "error"
    message: str


@dataclass
class PageTables:
    """All tables for one article: the four core tables plus any derived ones, keyed by CSV stem."""

    article: pd.DataFrame
    sections: pd.DataFrame
    sentences: pd.DataFrame
    comments: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    drug: DrugTarget | None = None  # the target of stance and experience analysis

    @property
    def article_id(self) -> str:
        """Return the article's id."""
        return str(self.article["article_id"].iloc[0])

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return every table keyed by its CSV file stem, core tables first."""
        core = {
            "article": self.article,
            "sections": self.sections,
            "sentences": self.sentences,
            "comments": self.comments,
        }
        return {**core, **self.extra, "problems": problems_frame(self.problems)}


PROBLEM_COLUMNS = ["file", "line", "severity", "message"]


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Return problems as a DataFrame with the problems.csv columns."""
    rows = [(p.file, p.line, p.severity, p.message) for p in problems]
    frame = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame
