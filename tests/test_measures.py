"""Readability (offline), VADER sentiment and comment timing on the seed page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.loader import load_page
from analysis.pipeline import article_text, measure
from analysis.readability import MIN_RELIABLE_WORDS, READABILITY_COLUMNS
from analysis.sentiment import label
from analysis.timing import comment_timing, half_life

OFFLINE_SCRIPT = textwrap.dedent(
    """
    import json, socket, sys
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("network or download attempted")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    nltk.download = refuse
    nltk.data.path[:] = []  # no nltk data anywhere on this machine
    from analysis.readability import readability, _textstat
    ts = _textstat()
    out = readability(sys.argv[1])
    out["syllables"] = {w: ts.syllable_count(w) for w in ("area", "idea", "fire", "every")}
    print(json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def analysed(seed_path):
    """Return the seed page with measures added (a private copy)."""
    return measure(load_page(seed_path))


def test_readability_works_offline_with_no_nltk_data(tmp_path):
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "empty"), "HOME": str(tmp_path)}
    env["ANALYSIS_NLTK_DATA"] = str(tmp_path / "generated")
    text = "The area was quiet. Every idea caught fire at once in the old science hall."
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT, text],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    # CMU dictionary syllables (pyphen alone gives 1, 1, 1, 2): proves the dictionary was used.
    assert out["syllables"] == {"area": 3, "idea": 3, "fire": 2, "every": 3}
    assert out["word_count"] == 15 and out["sentence_count"] == 2
    assert (tmp_path / "generated" / "corpora" / "cmudict" / "cmudict").exists()


def test_readability_columns_and_reliability_flag(analysed):
    comments = analysed.comments
    assert set(READABILITY_COLUMNS) <= set(comments.columns)
    # The seed comments have 67, 93, 108 and 92 words: only the clinician's passes 100.
    assert list(comments["word_count"]) == [67, 93, 108, 92]
    assert list(comments["readability_reliable"]) == [False, False, True, False]
    # Section bodies have 98, 101, 104, 99 and 185 whitespace-separated words.
    assert analysed.sections["word_count"].tolist() == [98, 101, 104, 99, 185]
    assert analysed.sections["readability_reliable"].tolist() == [False, True, True, False, True]
    assert bool(analysed.article["readability_reliable"].iloc[0])
    assert MIN_RELIABLE_WORDS == 100


def test_article_reads_harder_than_comments(analysed):
    grade = analysed.article["flesch_kincaid_grade"].iloc[0]
    assert grade > analysed.comments["flesch_kincaid_grade"].median()


def test_vader_matches_the_library(analysed):
    vader = SentimentIntensityAnalyzer()
    for _, row in analysed.comments.iterrows():
        expected = vader.polarity_scores(row["text"])
        assert row["vader_compound"] == expected["compound"]
        assert (row["vader_pos"], row["vader_neu"], row["vader_neg"]) == (
            expected["pos"],
            expected["neu"],
            expected["neg"],
        )
    whole = vader.polarity_scores(article_text(analysed.sections))["compound"]
    assert analysed.article["vader_compound"].iloc[0] == whole


def test_all_seed_comments_positive_by_vader(analysed):
    # The divergence the project exists to show: VADER calls every comment positive.
    assert analysed.comments["sentiment_label"].tolist() == ["positive"] * 4
    assert analysed.comments["vader_compound"].round(2).tolist() == [0.82, 0.33, 0.44, 0.92]


def test_sentence_mean_is_mean_of_sentence_rows(analysed):
    sentences = analysed.sentences
    tim = sentences[(sentences["source"] == "comment") & (sentences["comment_id"] == 2)]
    assert len(tim) == 10
    vader = SentimentIntensityAnalyzer()
    expected = sum(vader.polarity_scores(s)["compound"] for s in tim["text"]) / len(tim)
    assert analysed.comments["vader_sentence_mean"].iloc[1] == pytest.approx(expected)


def test_sentence_offsets_slice_back(analysed):
    units = {("article", int(r.section_no)): r.text for r in analysed.sections.itertuples()}
    units |= {("comment", int(r.comment_id)): r.text for r in analysed.comments.itertuples()}
    for row in analysed.sentences.itertuples(index=False):
        key = (row.source, int(row.section_no if row.source == "article" else row.comment_id))
        assert units[key][row.start : row.end] == row.text


@pytest.mark.parametrize(
    ("compound", "expected"),
    [(0.05, "positive"), (0.0499, "neutral"), (-0.05, "negative"), (-0.0499, "neutral")],
)
def test_label_thresholds(compound, expected):
    assert label(compound) == expected


def test_timing_by_hand(analysed):
    # Published Apr 28, 2023 (taken as 00:00); comments at 24:48, 38:24, 39:05 and 50:37 later.
    comments = analysed.comments
    expected = [24.8, 38.4, 39 + 5 / 60, 50 + 37 / 60]
    assert comments["hours_after_publication"].tolist() == pytest.approx(expected)
    assert comments["hours_after_publication_min"].tolist() == pytest.approx(
        [h - 24 for h in expected]
    )
    gaps = comments["gap_hours"].tolist()
    assert pd.isna(gaps[0]) and gaps[1:] == pytest.approx([13.6, 41 / 60, 11 + 32 / 60])
    assert comments["hour_of_day"].tolist() == [0, 14, 15, 2]
    assert comments["weekday"].tolist() == ["Saturday", "Saturday", "Saturday", "Sunday"]
    article = analysed.article.iloc[0]
    assert article["time_to_first_comment_hours"] == pytest.approx(24.8)
    assert article["median_lag_hours"] == pytest.approx((38.4 + 39 + 5 / 60) / 2)
    assert article["comment_half_life_hours"] == pytest.approx(38.4)
    assert article["published_precision"] == "day"


def test_half_life_definition():
    assert half_life(pd.Series([5.0, 1.0, 3.0])) == 3.0
    assert half_life(pd.Series([1.0, 2.0, 3.0, 4.0])) == 2.0
    assert pd.isna(half_life(pd.Series([], dtype=float)))


def test_gaps_follow_arrival_order_not_page_order():
    comments = pd.DataFrame(
        {"posted_at": pd.to_datetime(["2024-01-01 10:00", "2024-01-01 08:00", None])}
    )
    timing = comment_timing(comments, pd.Timestamp("2024-01-01"))
    assert timing["gap_hours"].iloc[0] == 2.0
    assert pd.isna(timing["gap_hours"].iloc[1]) and pd.isna(timing["gap_hours"].iloc[2])
