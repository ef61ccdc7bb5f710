"""Comments from structured files (CSV or JSON Lines) instead of an exported page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from .drugs import infer_drug, lookup_drug
from .loader import (
    COMMENT_COLUMNS,
    article_row,
    decode_bytes,
    load_page,
    parse_timestamp,
    plain_article,
    sections_frame,
    slugify,
)
from .model import PageFormatError, PageTables, Problem

REQUIRED = ("author", "posted_at", "text")
STRUCTURED_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
# Columns the pipeline computes; an input column of the same name is kept under `input_<name>`.
RESERVED = {"article_id", "comment_id", "position", "parent_id", "depth", "line", "posted_at_raw"}


def _read_csv(text: str, path: str) -> tuple[list[dict], list[int]]:
    """Return the rows of a CSV (values as strings, verbatim) and the file line each starts on."""
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows, lines = [], []
    previous_end = 1  # the header's line
    try:
        for row in reader:
            # line_num is where a record ends; a quoted field may span lines, so record its start.
            lines.append(previous_end + 1)
            previous_end = reader.line_num
            rows.append({k: v for k, v in row.items() if k is not None})
    except csv.Error as exc:
        raise PageFormatError(path, f"malformed CSV ({exc})", reader.line_num) from exc
    if reader.fieldnames is None:
        raise PageFormatError(path, "CSV has no header row", 1)
    return rows, lines


def _read_jsonl(text: str, path: str, problems: list[Problem]) -> tuple[list[dict], list[int]]:
    """Return the objects of a JSON Lines file and their line numbers; bad lines become errors."""
    rows, lines = [], []
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(path, no, "error", f"line is not JSON ({exc.msg}); skipped"))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(path, no, "error", "line is not a JSON object; skipped"))
            continue
        rows.append(value)
        lines.append(no)
    return rows, lines


def _article_from(article: str | Path, problems: list[Problem]) -> PageTables:
    """Return the article tables from --article FILE: an exported page, else plain text."""
    try:
        return load_page(article)
    except PageFormatError:
        raw = Path(article).read_bytes()
        title, sections = plain_article(decode_bytes(raw, str(article), problems), str(article))
        return PageTables(
            article=article_row(
                slugify(Path(article).stem),
                str(article),
                "",
                title=title,
                author=None,
                published=None,
                drug=infer_drug(title),
                declared=None,
                parsed=0,
            ),
            sections=sections,
            sentences=pd.DataFrame(),
            comments=pd.DataFrame(),
            drug=infer_drug(title),
        )


def load_structured(
    path: str | Path, *, article: str | Path | None = None, drug: str | None = None
) -> PageTables:
    """Return tables for a CSV/JSONL comment file (columns author, posted_at, text at least)."""
    path = Path(path)
    raw = path.read_bytes()
    problems: list[Problem] = []
    text = decode_bytes(raw, str(path), problems)
    if path.suffix.lower() == ".csv":
        rows, lines = _read_csv(text, str(path))
    else:
        rows, lines = _read_jsonl(text, str(path), problems)
    columns = list(dict.fromkeys(k for row in rows for k in row))
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise PageFormatError(str(path), f"missing required column(s): {', '.join(missing)}", 1)

    article_id = slugify(path.stem)
    records = []
    for position, (row, line) in enumerate(zip(rows, lines, strict=True), start=1):
        raw_time = row.get("posted_at")
        stamp = parse_timestamp(str(raw_time)) if raw_time not in (None, "") else None
        if stamp is None:
            message = f"unreadable posted_at {raw_time!r}"
            problems.append(Problem(str(path), line, "warning", message))
        extra = {
            (f"input_{k}" if k in RESERVED else k): v for k, v in row.items() if k not in REQUIRED
        }
        records.append(
            {
                "article_id": article_id,
                "comment_id": position,
                "position": position,
                "parent_id": pd.NA,
                "depth": 0,
                "author": row.get("author"),
                "posted_at": pd.Timestamp(stamp) if stamp else pd.NaT,
                "posted_at_raw": None if raw_time is None else str(raw_time),
                "line": line,
                "text": "" if row.get("text") is None else str(row["text"]),
                **extra,
            }
        )
    comments = pd.DataFrame(records, columns=None if records else list(COMMENT_COLUMNS))
    if comments.empty:
        problems.append(Problem(str(path), None, "warning", "file has no comment rows"))
    comments["parent_id"] = comments["parent_id"].astype("Int64")
    comments["posted_at"] = pd.to_datetime(comments["posted_at"])

    base = _article_from(article, problems) if article is not None else None
    target = lookup_drug(drug) if drug else (base.drug if base else None)
    if target is None and "drug" in comments and comments["drug"].astype(str).str.strip().any():
        # Multi-drug review sets name the drug per row; the article's target is the commonest.
        named = comments["drug"].astype(str).str.strip()
        target = lookup_drug(str(named[named != ""].mode().iloc[0]))
    meta = article_row(
        article_id,
        str(path),
        hashlib.sha256(raw).hexdigest(),
        title=str(base.article["title"].iloc[0]) if base else path.stem,
        author=base.article["author"].iloc[0] if base else None,
        published=base.article["published"].iloc[0] if base else None,
        drug=target,
        declared=None,
        parsed=len(comments),
    )
    if base is not None:
        sections = base.sections.assign(article_id=article_id)
    else:
        sections = sections_frame(article_id, [])
    return PageTables(
        article=meta,
        sections=sections,
        sentences=pd.DataFrame(),
        comments=comments,
        problems=problems,
        drug=target,
    )
