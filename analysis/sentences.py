"""Sentence segmentation with character offsets, shared by every component that works per sentence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and [start, end) character offsets into the text it came from."""

    text: str
    start: int
    end: int


@cache
def _segmenter():
    import pysbd  # deferred: keeps `import analysis` light

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


@lru_cache(maxsize=2**15)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Return the sentences of `text`, whitespace-trimmed, with offsets that slice back to them.

    Cached because every component splits the same texts; bounded so that a long run (a corpus
    of 100k comments in one process) does not keep every text it has seen.
    """
    sentences = []
    cursor = 0
    for span in _segmenter().segment(text) if text.strip() else ():
        stripped = span.sent.strip()
        if not stripped:
            continue
        # pysbd's own offsets drift on some inputs; locate the sentence from a cursor instead
        start = text.find(stripped, cursor)
        if start < 0:
            continue
        sentences.append(Sentence(stripped, start, start + len(stripped)))
        cursor = start + len(stripped)
    return tuple(sentences)
