"""VADER sentiment (the vaderSentiment package) of whole texts and of their sentences."""

from __future__ import annotations

from functools import cache, lru_cache

import pandas as pd

from .sentences import split_sentences

# VADER's authors' thresholds on the compound score.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05

SENTIMENT_COLUMNS = [
    "vader_compound",
    "vader_pos",
    "vader_neu",
    "vader_neg",
    "vader_sentence_mean",
    "sentiment_label",
]


@cache
def analyzer():
    """Return the shared VADER analyser (its lexicon is loaded once per process)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=2**15)
def polarity(text: str) -> dict[str, float]:
    """Return VADER's raw scores of one text (read-only), cached.

    Each sentence is scored for its unit's sentence mean and again for sentences.csv; the cache
    makes that one call. It is bounded (a few MB), so long runs do not accumulate texts.
    """
    return analyzer().polarity_scores(text)


def label(compound: float) -> str:
    """Return 'positive', 'negative' or 'neutral' for a compound score by VADER's ±0.05 rule."""
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def scores(text: str) -> dict[str, float]:
    """Return VADER's compound/pos/neu/neg for one text."""
    raw = analyzer().polarity_scores(text)
    return {
        "vader_compound": raw["compound"],
        "vader_pos": raw["pos"],
        "vader_neu": raw["neu"],
        "vader_neg": raw["neg"],
    }


def sentiment(text: str) -> dict[str, float | str]:
    """Return whole-text VADER scores, the mean of its sentences' compounds, and the label."""
    whole = scores(text)
    sentences = split_sentences(text)
    compounds = [polarity(s.text)["compound"] for s in sentences]
    mean = sum(compounds) / len(compounds) if compounds else float("nan")
    return whole | {"vader_sentence_mean": mean, "sentiment_label": label(whole["vader_compound"])}


def sentiment_frame(texts: pd.Series) -> pd.DataFrame:
    """Return one row of sentiment columns per text, aligned to the series' index."""
    return pd.DataFrame([sentiment(t) for t in texts], index=texts.index, columns=SENTIMENT_COLUMNS)
