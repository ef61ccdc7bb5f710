"""Property-based fuzzing of the loader: it loads or raises PageFormatError, and drops no comment."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.loader import PageFormatError, parse_page

from conftest import SEED_TEXT

PLACEHOLDER_RE = re.compile(r"^\s*[•●▪◦·*]\s*image placeholder\s*$", re.IGNORECASE)
SEED_LINES = SEED_TEXT.split("\n")
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def parse_or_none(text: str):
    """Return the parsed tables, or None when the loader rejects the text with its own error."""
    try:
        return parse_page(text, "fuzz.txt")
    except PageFormatError as exc:
        assert exc.path == "fuzz.txt" and exc.reason
        return None


def assert_no_comment_dropped(text: str, tables) -> None:
    """Every placeholder bullet after the title is a comment's line or a reported problem's line."""
    accounted = set(tables.comments["line"]) | {p.line for p in tables.problems}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title_line = next(i for i, line in enumerate(lines, start=1) if line.strip())
    for number, line in enumerate(lines, start=1):
        if number > title_line and PLACEHOLDER_RE.match(line):
            assert number in accounted, f"comment bullet at line {number} silently dropped"


@FUZZ
@given(st.text())
def test_arbitrary_text(text):
    tables = parse_or_none(text)
    if tables is not None:
        assert_no_comment_dropped(text, tables)


line_index = st.integers(min_value=0, max_value=len(SEED_LINES) - 1)
mutation = st.one_of(
    st.tuples(st.just("delete"), line_index),
    st.tuples(st.just("duplicate"), line_index),
    st.tuples(st.just("swap"), line_index, line_index),
    st.tuples(st.just("insert"), line_index, st.text(max_size=60)),
    st.tuples(st.just("indent"), line_index, st.integers(min_value=0, max_value=8)),
    st.tuples(st.just("replace"), line_index, st.text(max_size=40)),
    st.tuples(st.just("truncate"), st.integers(min_value=0, max_value=len(SEED_TEXT))),
)


def mutate(lines: list[str], op: tuple) -> list[str]:
    """Return the lines after one mutation (indices wrap to the current length)."""
    lines = list(lines)
    if not lines:
        return lines
    kind, *args = op
    i = args[0] % len(lines) if kind != "truncate" else 0
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = args[1] % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "insert":
        lines.insert(i, args[1])
    elif kind == "indent":
        lines[i] = " " * args[1] + lines[i].lstrip()
    elif kind == "replace":
        lines[i] = args[1]
    elif kind == "truncate":
        lines = "\n".join(lines)[: args[0]].split("\n")
    return lines


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=6))
@example([("swap", 3, 32)])  # a comment bullet moved into the header once became the author
@example([("delete", 30), ("delete", 30)])  # comments with no "N Comments" line
@example([("delete", 0), ("duplicate", 1), ("swap", 31, 64)])  # comments after "Write a comment"
def test_mutated_seed(ops):
    lines = SEED_LINES
    for op in ops:
        lines = mutate(lines, op)
    text = "\n".join(lines)
    tables = parse_or_none(text)
    if tables is not None:
        assert_no_comment_dropped(text, tables)
        assert tables.article["parsed_comments"].iloc[0] == len(tables.comments)
