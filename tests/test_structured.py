"""Structured import: comments from CSV or JSON Lines, with other columns carried through."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.model import PageFormatError
from analysis.structured import load_structured

from conftest import SEED_TEXT

ROWS = [
    {
        "author": "Ann",
        "posted_at": "2024-02-01T10:00:00",
        "text": 'Lyrica helped,\nbut "weight gain".',
        "drug": "pregabalin",
        "rating": "8",
    },
    {
        "author": "Bo",
        "posted_at": "Feb 2, 2024 at 3:15 pm",
        "text": "  Did nothing for me.  ",
        "drug": "gabapentin",
        "rating": "2",
    },
    {"author": "Cy", "posted_at": "not a date", "text": "", "drug": "", "rating": ""},
]


def test_csv_keeps_text_verbatim_and_carries_columns(tmp_path):
    path = tmp_path / "reviews.csv"
    pd.DataFrame(ROWS).to_csv(path, index=False)
    tables = load_structured(path)
    comments = tables.comments
    assert list(comments["text"]) == [r["text"] for r in ROWS]
    assert list(comments["rating"]) == ["8", "2", ""]
    assert list(comments["drug"]) == ["pregabalin", "gabapentin", ""]
    assert comments["posted_at"].iloc[1] == pd.Timestamp("2024-02-02 15:15")
    assert pd.isna(comments["posted_at"].iloc[2])
    # Row 1's quoted text spans file lines 2-3, so the rows start on lines 2, 4 and 5.
    assert list(comments["line"]) == [2, 4, 5]
    assert [(p.line, "posted_at" in p.message) for p in tables.problems] == [(5, True)]
    assert tables.article["article_id"].iloc[0] == "reviews"
    assert tables.article["parsed_comments"].iloc[0] == 3
    assert tables.sections.empty


def test_jsonl_with_a_bad_line_keeps_the_rest(tmp_path):
    path = tmp_path / "reviews.jsonl"
    lines = [json.dumps(ROWS[0]), "{not json", json.dumps(ROWS[1]), "[1, 2]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tables = load_structured(path)
    assert list(tables.comments["author"]) == ["Ann", "Bo"]
    assert list(tables.comments["line"]) == [1, 3]
    errors = [(p.line, p.severity) for p in tables.problems]
    assert (2, "error") in errors and (4, "error") in errors


def test_missing_required_column_is_a_page_format_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,body\nAnn,hi\n", encoding="utf-8")
    with pytest.raises(PageFormatError, match=r"bad\.csv, line 1: missing required column"):
        load_structured(path)


def test_article_file_gives_sections_and_drug(tmp_path):
    comments = tmp_path / "comments.csv"
    pd.DataFrame(ROWS[:1]).drop(columns="drug").to_csv(comments, index=False)
    article = tmp_path / "article.txt"
    article.write_text(SEED_TEXT[: SEED_TEXT.index("4 Comments")], encoding="utf-8")
    tables = load_structured(comments, article=article)
    assert len(tables.sections) == 5
    assert tables.article["drug"].iloc[0] == "baclofen"
    assert tables.article["published"].iloc[0] == pd.Timestamp("2023-04-28")
    assert tables.sections["article_id"].unique().tolist() == ["comments"]


def test_plain_text_article(tmp_path):
    comments = tmp_path / "c.csv"
    pd.DataFrame(ROWS[:1]).to_csv(comments, index=False)
    article = tmp_path / "a.txt"
    article.write_text("Gabapentin for Sleep\n\nIt may help some people sleep.\n", encoding="utf-8")
    tables = load_structured(comments, article=article)
    assert tables.article["title"].iloc[0] == "Gabapentin for Sleep"
    assert tables.article["drug"].iloc[0] == "gabapentin"
    assert tables.sections["text"].tolist() == ["It may help some people sleep."]


def test_multi_drug_file_takes_the_commonest_drug(tmp_path):
    path = tmp_path / "mixed.csv"
    rows = [dict(ROWS[0]), dict(ROWS[1]), dict(ROWS[1], author="Di")]
    pd.DataFrame(rows).to_csv(path, index=False)
    assert load_structured(path).article["drug"].iloc[0] == "gabapentin"
