"""Property-based fuzzing of the loader: it loads or raises PageFormatError, and drops no comment."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.loader import PageFormatError, _bullet_role, _split_lines, parse_page

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
    """Every comment bullet after the title is a comment's line or a reported problem's line.

    A comment bullet is a placeholder bullet or any bullet the loader's lookahead rule takes as
    opening a comment (a timestamp in one of its next two lines).
    """
    accounted = set(tables.comments["line"]) | {p.line for p in tables.problems}
    split = _split_lines(text)
    title_line = next(line.no for line in split if line.text)
    for i, line in enumerate(split):
        comment_bullet = PLACEHOLDER_RE.match(line.raw) or _bullet_role(split, i) is not None
        if line.no > title_line and comment_bullet:
            assert line.no in accounted, f"comment bullet at line {line.no} silently dropped"


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
@example([("swap", 0, 32), ("duplicate", 0)])  # a comment bullet as title and its "repeat"
def test_mutated_seed(ops):
    lines = SEED_LINES
    for op in ops:
        lines = mutate(lines, op)
    text = "\n".join(lines)
    tables = parse_or_none(text)
    if tables is not None:
        assert_no_comment_dropped(text, tables)
        assert tables.article["parsed_comments"].iloc[0] == len(tables.comments)


AUTHOR_BULLET_LINES = re.sub(r"  • Image placeholder\n\n    (.+)\n", r"  • \1\n", SEED_TEXT).split(
    "\n"
)  # the seed as sites with '• Author' bullets export it


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=6))
@example([("delete", 30)])  # author bullets and no "N Comments" line
@example([("indent", 38, 0), ("indent", 40, 0)])  # flush-left text under a bullet
def test_mutated_author_bullet_page(ops):
    lines = AUTHOR_BULLET_LINES
    for op in ops:
        lines = mutate(lines, op)
    text = "\n".join(lines)
    tables = parse_or_none(text)
    if tables is not None:
        assert_no_comment_dropped(text, tables)
        assert tables.article["parsed_comments"].iloc[0] == len(tables.comments)
