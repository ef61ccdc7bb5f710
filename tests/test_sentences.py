"""Sentence segmentation: the project's pysbd Segmenter gives exactly what stock pysbd gives."""

from __future__ import annotations

import re

import pysbd
import pytest

from analysis.sentences import _segmenter, split_sentences

from conftest import FIXTURES, SEED_TEXT

TRICKY = [
    "",
    " ",
    "...",
    "It works. It works.\tIt works.",
    "Hi.  Hi.  Hi.",
    "a. a. a.",
    "x\n\nx\n\nx",
    "Dr. Smith said 10 mg. Dr. Smith said 10 mg!  Then (after 3 days.) I stopped.",
    'He said "no more." Then: "no more." No more.',
    "Side effects: dizziness, nausea.\u00a0\u00a0Nausea again.\u2003End",
    "I took it... and then? Nothing!!! Really?! Yes.",
    "1. First item. 2. Second item. 3. Third item.",
    "e.g. this, i.e. that. U.S. F.D.A. approved it in 1977. Wow.",
]


def _spans(segmenter, text: str) -> list[tuple[str, int, int]]:
    return [(s.sent, s.start, s.end) for s in segmenter.segment(text)]


def _texts() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "pages").glob("*.txt"))]
    return TRICKY + [SEED_TEXT] + pages + re.split(r"\n{2,}", SEED_TEXT)


@pytest.mark.parametrize("text", _texts())
def test_segmenter_matches_stock_pysbd(text):
    stock = pysbd.Segmenter(language="en", clean=False, char_span=True)
    assert _spans(_segmenter(), text) == _spans(stock, text)


def test_segmenter_does_not_compile_a_pattern_per_sentence():
    import re._compiler as compiler

    text = " ".join(f"Sentence number {i} is here." for i in range(50))
    split_sentences.cache_clear()
    _segmenter().segment("Warm up. Patterns compiled once.")
    calls = 0
    original = compiler.compile

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    compiler.compile = counting
    try:
        split_sentences(text)
    finally:
        compiler.compile = original
    assert len(split_sentences(text)) == 50
    assert calls < 10  # stock pysbd compiles one pattern for each of the 50 sentences


def test_split_sentences_offsets_slice_back():
    for text in _texts():
        for sentence in split_sentences(text):
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip() and sentence.text
