"""Pseudonymisation: commenter names replaced by "Commenter N" (page order) before analysis.

Names are replaced in the loaded tables, before any measure runs, so every derived table, figure
and report is computed on the pseudonymised text and its offsets stay true. The mapping depends
only on the order of comments on the page, so reruns give the same pseudonyms. Names inside
comment texts (replies: "@Tim H", "Tim, you're wrong") are replaced too: the full name case-
insensitively, and each part of a name of 3+ letters ("Tim") as a whole word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .model import PageTables, Problem
from .vocabulary import STOPWORDS

PSEUDONYM = "Commenter {n}"
AMBIGUOUS = "[name]"  # a name part shared by two commenters cannot say which one is meant
MIN_PART = 3  # name parts shorter than this ("H", "Al") are too common to strip from text


def pseudonyms(authors: Iterable[object]) -> dict[str, str]:
    """Return {author: "Commenter N"}, numbered by first appearance."""
    mapping: dict[str, str] = {}
    for author in authors:
        if isinstance(author, str) and author.strip() and author not in mapping:
            mapping[author] = PSEUDONYM.format(n=len(mapping) + 1)
    return mapping


def _replacements(mapping: dict[str, str], parts_too: bool = True) -> dict[str, str]:
    """Return {lower-case name or name part: pseudonym} for every name and usable part."""
    out = {name.casefold(): pseudo for name, pseudo in mapping.items()}
    if not parts_too:
        return out
    parts: dict[str, set[str]] = {}
    for name, pseudo in mapping.items():
        for part in re.findall(r"\w+", name):
            if len(part) >= MIN_PART and not part.isdigit():
                parts.setdefault(part.casefold(), set()).add(pseudo)
    for part, owners in parts.items():
        out.setdefault(part, owners.pop() if len(owners) == 1 else AMBIGUOUS)
    return out


def scrubber(mapping: dict[str, str], *, parts_too: bool = True):
    """Return a function replacing every name (and name part) in a string by its pseudonym."""
    table = _replacements(mapping, parts_too)
    if not table:
        return lambda text: text
    # Longest first, so "Tim H" wins over "Tim"; whole words only, so "Timothy" stays.
    keys = sorted(table, key=len, reverse=True)
    alternation = "|".join(
        # A part that is also a function word ("will", "may") must keep its capital to match.
        rf"(?-i:{re.escape(k.title())})" if k in STOPWORDS else re.escape(k)
        for k in keys
    )
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)

    def scrub(text: object) -> object:
        if not isinstance(text, str):
            return text
        return pattern.sub(lambda m: table.get(m.group().casefold(), AMBIGUOUS), text)

    return scrub


def scrub_frame(frame: pd.DataFrame, scrub) -> pd.DataFrame:
    """Return `frame` with every text cell scrubbed."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(scrub)
    return out


def _scrub_sentences(sentences: pd.DataFrame, scrub, names_only) -> pd.DataFrame:
    """Return sentences scrubbed: comment sentences fully, article sentences for full names."""
    if "source" not in sentences or sentences.empty:
        return scrub_frame(sentences, scrub)
    is_comment = sentences["source"] == "comment"
    parts = [
        scrub_frame(sentences[is_comment], scrub),
        scrub_frame(sentences[~is_comment], names_only),
    ]
    return pd.concat(parts).loc[sentences.index]


def pseudonymize(tables: PageTables) -> PageTables:
    """Return the (loaded or analysed) tables with every commenter name replaced by a pseudonym."""
    mapping = pseudonyms(tables.comments["author"]) if "author" in tables.comments else {}
    scrub = scrubber(mapping)
    # The article predates its comments: only full names are looked for there, so a name part
    # that is also a word of the article ("Rose", "Grant") does not change the article's text.
    names_only = scrubber(mapping, parts_too=False)
    comments = scrub_frame(tables.comments, scrub)
    if "author" in comments:
        comments["author"] = [
            mapping.get(a, a) if isinstance(a, str) else a for a in tables.comments["author"]
        ]
    return PageTables(
        article=scrub_frame(tables.article, names_only),
        sections=scrub_frame(tables.sections, names_only),
        sentences=_scrub_sentences(tables.sentences, scrub, names_only),
        comments=comments,
        problems=[
            Problem(p.file, p.line, p.severity, str(scrub(p.message))) for p in tables.problems
        ],
        extra={name: scrub_frame(frame, scrub) for name, frame in tables.extra.items()},
        drug=tables.drug,
    )


def analyse_pseudonymized(tables: PageTables, components) -> PageTables:
    """Return the analysed tables with names replaced between loading and analysis."""
    from . import pipeline

    mapping = pseudonyms(tables.comments["author"]) if "author" in tables.comments else {}
    analysed = pipeline.analyse(pseudonymize(tables), components)
    # A last sweep catches names that analysis copied from elsewhere (e.g. problem messages).
    scrub = scrubber(mapping)
    analysed.problems = [
        Problem(p.file, p.line, p.severity, str(scrub(p.message))) for p in analysed.problems
    ]
    return analysed
