"""Sentence segmentation with character offsets, shared by every component that works per sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

_TRAILING_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and [start, end) character offsets into the text it came from."""

    text: str
    start: int
    end: int


def _locate(text: str, sentences: list[str]) -> list[tuple[str, int, int]]:
    r"""Return (sentence + trailing space, start, end) as pysbd 0.3's sentences_with_char_spans does.

    pysbd finds each sentence with `re.finditer(re.escape(sent) + r"\s*", text)`: a fresh pattern
    per sentence. Those patterns push every other library's compiled patterns out of `re`'s
    512-entry cache, so in a long run textstat's, pysbd's own and ours were recompiled over and
    over (40,692 compilations for 5,000 comments). A literal search finds the same matches.
    """
    spans = []
    prior_end = 0
    for sent in sentences:
        pos = 0
        while pos <= len(text):
            start = text.find(sent, pos)
            if start < 0:
                break
            end = _TRAILING_SPACE.match(text, start + len(sent)).end()
            if end > prior_end:
                spans.append((text[start:end], start, end))
                prior_end = end
                break
            # finditer resumes at the end of a match, one past an empty one
            pos = end if end > start else start + 1
    return spans


@cache
def _segmenter():
    import pysbd  # deferred: keeps `import analysis` light
    from pysbd.utils import TextSpan

    class Segmenter(pysbd.Segmenter):
        """pysbd's Segmenter that locates its sentences by literal search (see _locate)."""

        def sentences_with_char_spans(self, sentences):
            """Return the TextSpans pysbd's own method returns."""
            return [TextSpan(*span) for span in _locate(self.original_text, sentences)]

    return Segmenter(language="en", clean=False, char_span=True)


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
