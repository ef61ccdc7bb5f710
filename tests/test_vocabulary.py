"""Keyness (Dunning G²) against hand-computed values, and keyword in context."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.vocabulary import g2, keyness, kwic, log_ratio, p_value, tokens


def test_g2_matches_hand_computation():
    # a=10 of c=1000, b=2 of d=1000: E1 = E2 = 6,
    # G² = 2 (10 ln(10/6) + 2 ln(2/6)) = 2 (5.108256 - 2.197225) = 5.822063
    assert g2(10, 2, 1000, 1000) == pytest.approx(5.822063, abs=1e-6)


def test_g2_zero_count_contributes_nothing():
    # a=5 of 100, b=0 of 300: E1 = 100 * 5 / 400 = 1.25, G² = 2 * 5 ln(5 / 1.25) = 10 ln 4
    assert g2(5, 0, 100, 300) == pytest.approx(13.862944, abs=1e-6)


def test_g2_is_zero_for_equal_relative_frequency():
    assert g2(4, 8, 100, 200) == pytest.approx(0.0, abs=1e-12)


def test_p_value_of_the_5_percent_critical_value():
    assert p_value(3.841459) == pytest.approx(0.05, abs=1e-6)


def test_log_ratio_is_binary_log_of_relative_frequencies():
    assert log_ratio(8, 2, 100, 100) == pytest.approx(2.0)


def test_keyness_table_on_a_tiny_corpus():
    # article: pain x3, relief x1 (c=4); comments: pain x1, relief x3 (d=4)
    # each word: E = 2 and 2, G² = 2 (3 ln 1.5 + ln 0.5) = 1.046496
    table = keyness(["pain pain pain relief"], ["pain relief relief relief"], stopwords=frozenset())
    assert table["word"].tolist() == ["pain", "relief"]  # equal G²: alphabetical
    assert table["g2"].tolist() == pytest.approx([1.046496, 1.046496], abs=1e-6)
    assert table["direction"].tolist() == ["article", "comments"]
    assert table.loc[0, ["article_count", "comments_count"]].tolist() == [3, 1]
    assert table.loc[0, "article_per_1000"] == pytest.approx(750.0)


def test_keyness_drops_stopwords_but_counts_them_in_corpus_size():
    table = keyness(["the drug the drug"], ["the the the drug"], min_count=1)
    assert "the" not in set(table["word"])
    # drug: a=2 of c=4, b=1 of d=4 -> E = 1.5, 1.5
    expected = 2 * (2 * math.log(2 / 1.5) + 1 * math.log(1 / 1.5))
    assert table.set_index("word").loc["drug", "g2"] == pytest.approx(expected)


def test_tokens_keep_contractions_and_hyphens_and_drop_digits():
    assert tokens("I can’t take 10mg first-line!") == ["i", "can't", "take", "mg", "first-line"]


def test_kwic_finds_whole_words_with_offsets_and_context():
    text = "I took Baclofen today. baclofen helped; Baclofenx is not a word."
    units = pd.DataFrame({"source": ["comment"], "unit": ["C1"], "text": [text]})
    table = kwic(units, "baclofen", window=2)
    assert len(table) == 2  # "Baclofenx" is not the word
    first = table.iloc[0]
    assert (first["left"], first["keyword"], first["right"]) == (
        "I took",
        "Baclofen",
        "today. baclofen",
    )
    assert text[first["start"] : first["end"]] == "Baclofen"
    assert table.iloc[1]["start"] == text.index("baclofen")


def test_kwic_multiword_term():
    units = pd.DataFrame(
        {"source": ["article"], "unit": ["§1"], "text": ["Restless leg syndrome is common."]}
    )
    table = kwic(units, "leg syndrome")
    assert table["keyword"].tolist() == ["leg syndrome"]
    assert table.iloc[0]["left"] == "Restless"
