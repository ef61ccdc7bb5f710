"""The whole pipeline: every component's tables, per-row drug targets, and pages with no drug."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.pipeline import COMPONENTS, analyse, analyse_file

from conftest import SEED_TEXT


@pytest.fixture(scope="module")
def seed_outcome(seed_path):
    """Return the seed page analysed by every component."""
    return analyse_file(seed_path)


def test_every_table_is_produced(seed_outcome):
    tables = seed_outcome.tables.tables()
    expected = {"article", "sections", "sentences", "comments", "problems", "effects"}
    expected |= {"stance_evidence", "experience_evidence", "frame_evidence", "claims", "alignment"}
    assert expected <= set(tables)
    assert COMPONENTS == ("effects", "stance", "claims")


def test_sentiment_is_not_stance_on_the_seed(seed_outcome):
    comments = seed_outcome.tables.comments
    assert (comments["sentiment_label"] == "positive").all()
    assert not (comments["stance"] == "favor").any()
    assert comments["sentiment_stance_conflict"].all()
    assert seed_outcome.tables.article["stance"].iloc[0] in {"favor", "mixed"}


def test_not_in_article_effects(seed_outcome):
    alignment = seed_outcome.tables.extra["alignment"]
    missing = set(alignment.loc[alignment["relation"] == "not_in_article", "effect"])
    assert {"cognitive impairment", "emotional blunting", "sleep talking"} <= missing
    assert "drowsiness" not in missing


def test_each_review_is_scored_against_its_own_drug(tmp_path):
    path = tmp_path / "reviews.csv"
    rows = [
        ("A", "Lyrica worked wonders for me, my nerve pain is finally gone.", "pregabalin"),
        ("B", "Neurontin did nothing for me and I stopped it after a week.", "gabapentin"),
        ("C", "Lyrica made my pain much better, I would recommend it.", "pregabalin"),
    ]
    frame = pd.DataFrame(rows, columns=["author", "text", "drug"])
    frame.insert(1, "posted_at", "2024-01-01T10:00:00")
    frame.to_csv(path, index=False)
    tables = analyse_file(path).tables
    assert tables.article["drug"].iloc[0] == "pregabalin"
    assert tables.comments["stance"].tolist() == ["favor", "against", "favor"]


def test_page_without_a_known_drug_leaves_stance_empty(write_page):
    # no drug name anywhere (an unknown name in the title is taken as the target: test_loader)
    text = SEED_TEXT.replace("Baclofen", "The pill").replace("baclofen", "the pill")
    from analysis.loader import load_page

    tables = analyse(load_page(write_page(text)))
    assert tables.comments["stance"].isna().all()
    assert tables.article["stance"].isna().all()
    messages = [p.message for p in tables.problems]
    assert any("no target drug known" in m for m in messages)
    assert any("--drug" in m for m in messages)


def test_row_dicts_equal_to_dict_records():
    import numpy as np

    from analysis.model import row_dicts

    frame = pd.DataFrame(
        {
            "i": [1, 2],
            "f": [0.5, float("nan")],
            "n": pd.Series([3, None], dtype="Int64"),
            "t": pd.to_datetime(["2023-04-28 10:00", None]),
            "s": ["a", None],
            "b": [True, False],
            "o": pd.Series([np.int64(4), "x"], dtype=object),
        }
    )

    def typed(rows):
        return [[(k, type(v).__name__, repr(v)) for k, v in row.items()] for row in rows]

    assert typed(row_dicts(frame)) == typed(frame.to_dict("records"))
    assert row_dicts(frame.iloc[:0]) == []
