"""The literal prefilter never skips a text its pattern would match."""

from __future__ import annotations

import re

import pytest

from analysis import frames, stance
from analysis.drugs import lookup_drug
from analysis.prefilter import UNSAFE_CHARS, haystack, may_match, required_literals

from conftest import FIXTURES, SEED_TEXT


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\bhelp(?:s|ed)?\b", {"help"}),
        (r"(?<!\bat )\b(?:work(?:s|ed)?)\b(?!\s+out)", {"work"}),
        (r"\b(?:did nothing|no effect)\b", {"did nothing", "no effect"}),
        (r"\bmade\s+(?:\w+\s+){0,2}worse\b", {"worse"}),  # the longer of the two words
        (r"(?:great|good)\s+drug", {"drug"}),
        (r"(?:x+y)", {"x"}),
        (r"\b(?:a|b|)c", {"c"}),  # an empty alternative requires nothing; "c" still is
        (r"\w+\s+\d", None),
        (r"(?:really\s+)?", None),
        (r"(?:foo|\w+)", None),
        (r"\bWORK", {"work"}),  # lower-cased: the patterns are case-insensitive
    ],
)
def test_required_literals(pattern, needles):
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == needles


def test_unsafe_chars_cover_case_insensitive_ascii_lookalikes():
    every = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    assert frozenset(re.findall(r"[a-z]", every, re.IGNORECASE)) == UNSAFE_CHARS
    # "ſtopped" matches "stopped" under IGNORECASE, so such a text is scanned in full
    assert re.search("stopped", "\u017ftopped", re.IGNORECASE)
    assert haystack("I \u017ftopped it") is None
    assert may_match(frozenset({"stopped"}), haystack("I \u017ftopped it"))
    assert haystack("It HELPED") == "it helped"


def _texts() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "pages").glob("*.txt"))]
    made_up = [
        "It WORKED wonders, no more cramps. Big Pharma is covering this up!",
        "I stopped after 3 days. Not recommended; avoid it. Placebo effect at best.",
        "my doctor put me on 10 mg and I've been taking it for two years, still on it",
        "I would never take it again — it did nothing, made my legs worse.",
    ]
    return [SEED_TEXT, *pages, *made_up, *SEED_TEXT.split("\n")]


@pytest.mark.parametrize("drug_name", ["baclofen", "ropinirole"])
def test_prefilter_never_skips_a_match_in_the_shipped_lexicons(drug_name):
    drug = lookup_drug(drug_name)
    rules = [*stance._compiled_rules(drug), *frames.compiled_rules(drug)]
    skipped = 0
    for text in _texts():
        norm = stance._normalise(text)
        lowered = haystack(norm)
        for _rule, regex, needles in rules:
            if not may_match(needles, lowered):
                skipped += 1
                assert regex.search(norm) is None
    assert skipped > 0  # the prefilter does skip hopeless scans
