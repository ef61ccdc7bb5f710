"""Literals a regex cannot match without: a substring test that lets a scan skip hopeless texts.

Python's `re` cannot skip ahead for case-insensitive patterns that open with `\\b` or a
lookbehind, as every cue lexicon here does, so each pattern is tried at every position of every
text. Most cue patterns need one of a few words ("work", "help", "stopped") that most texts lack;
testing for those words first is one fast `in` per word. The test is only a necessary condition:
a text that passes is still scanned by the full pattern, so matches are exactly those of the
pattern alone.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the stdlib's own regex parser, stable across 3.11-3.13
from re import _parser

Needles = frozenset[str] | None  # None: no literal is required, so no text can be skipped


def required_literals(pattern: str, flags: int = re.IGNORECASE) -> Needles:
    """Return lower-case strings one of which every match of `pattern` contains, or None."""
    try:
        parsed = _parser.parse(pattern, flags)
    except (re.error, TypeError, ValueError):
        return None
    return _sequence(parsed.data)


def _sequence(items: list) -> Needles:
    """Return the most selective literal set required by a sequence of parsed items."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and av < 128:  # ASCII only: see UNSAFE_CHARS
            run.append(chr(av).lower())
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        needles = _item(op, av)
        if needles:
            candidates.append(needles)
    if run:
        candidates.append(frozenset(["".join(run)]))
    if not candidates:
        return None
    # the set whose shortest member is longest is the rarest to find by chance
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


def _item(op: object, av: object) -> Needles:
    """Return the literal set one parsed item requires (groups, alternations, repeats)."""
    if op is sre.SUBPATTERN:
        return _sequence(av[-1].data)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is sre.BRANCH:
        branches = [_sequence(b.data) for b in av[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, inner = av
        return _sequence(inner.data) if low >= 1 else None
    return None  # classes, lookarounds, anchors: no literal required


# The non-ASCII characters that match an ASCII letter under re.IGNORECASE: "İ" and "ı" (i), "ſ"
# (s) and the Kelvin sign (k). "ſ" stays "ſ" under str.lower(), so a lower-cased substring test
# would miss it; texts holding any of these are always scanned in full. A test recomputes the set
# from every code point.
UNSAFE_CHARS = frozenset("\u0130\u0131\u017f\u212a")


def haystack(text: str) -> str | None:
    """Return the lower-cased text to test needles against, or None if it must be scanned anyway."""
    if not text.isascii() and any(c in text for c in UNSAFE_CHARS):
        return None
    return text.lower()


def may_match(needles: Needles, lowered: str | None) -> bool:
    """Return False only when the text (as `haystack` gave it) cannot match."""
    if lowered is None or needles is None:
        return True
    for needle in needles:  # noqa: SIM110 (a plain loop: any() over a generator costs more)
        if needle in lowered:
            return True
    return False
