"""Vocabulary: words distinctive of the article vs the comments, and keywords in context.

Keyness is Dunning's log-likelihood G² (Dunning 1993; Rayson & Garside 2000) for each word's
frequency in two corpora. With a = count in the article, b = count in the comments, c and d the two
corpus sizes (all word tokens), E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d):

    G² = 2 (a ln(a/E1) + b ln(b/E2)),  where a term with a zero count contributes 0.

G² is chi-squared with one degree of freedom under the null of equal relative frequency, so
G² ≥ 3.84 is p < 0.05 and G² ≥ 6.63 is p < 0.01 (no correction for the many words tested).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from .model import PageTables

# Letters, with inner apostrophes or hyphens ("don't", "first-line"); digits and "10mg" split off.
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

# Function words: counted in the corpus sizes but never reported as keywords (they dominate G²
# between an edited article and casual comments without saying anything about content).
_STOPWORD_TEXT = """a about above after again against all also am an and any are aren't as at be
because been before being below between both but by can can't cannot could couldn't did didn't do
does doesn't doing don't down during each even ever every few for from further get got had hadn't
has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's like may me might more
most much must mustn't my myself no nor not now of off on once only or other ought our ours
ourselves out over own same say said shan't she she'd she'll she's should shouldn't so some still
such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up upon us very was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's which while who who's whom
why why's will with won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves s t"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

KEYNESS_COLUMNS = [
    "word",
    "article_count",
    "comments_count",
    "article_per_1000",
    "comments_per_1000",
    "g2",
    "p_value",
    "log_ratio",
    "direction",
]
KWIC_COLUMNS = ["term", "source", "unit", "left", "keyword", "right", "start", "end"]


def tokens(text: str) -> list[str]:
    """Return the lower-cased word tokens of `text` (curly apostrophes made straight)."""
    return [t.replace("’", "'") for t in TOKEN.findall(str(text).lower())]


def g2(a: int, b: int, c: int, d: int) -> float:
    """Return Dunning's log-likelihood G² for counts a (of c tokens) and b (of d tokens)."""
    if c <= 0 or d <= 0 or a + b == 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    total = (a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0)
    return 2.0 * total


def p_value(statistic: float) -> float:
    """Return the chi-squared (1 d.f.) upper-tail probability of a G² value."""
    return math.erfc(math.sqrt(max(statistic, 0.0) / 2.0))


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Return Hardie's log ratio (binary log of the relative-frequency ratio; zeros as 0.5)."""
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def keyness(
    article: Iterable[str],
    comments: Iterable[str],
    *,
    min_count: int = 2,
    stopwords: frozenset[str] = STOPWORDS,
) -> pd.DataFrame:
    """Return one row per content word used `min_count`+ times, most distinctive (G²) first."""
    first = Counter(t for text in article for t in tokens(text))
    second = Counter(t for text in comments for t in tokens(text))
    c, d = sum(first.values()), sum(second.values())
    rows = []
    for word in sorted(set(first) | set(second)):
        a, b = first[word], second[word]
        if a + b < min_count or word in stopwords or c == 0 or d == 0:
            continue
        statistic = g2(a, b, c, d)
        rows.append(
            (
                word,
                a,
                b,
                1000 * a / c,
                1000 * b / d,
                statistic,
                p_value(statistic),
                log_ratio(a, b, c, d),
                "article" if a / c > b / d else "comments",
            )
        )
    frame = pd.DataFrame(rows, columns=KEYNESS_COLUMNS)
    return frame.sort_values(["g2", "word"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def page_units(tables: PageTables) -> pd.DataFrame:
    """Return the page's texts, one row per section ("§n") and comment ("Cn"): source, unit, text."""
    sections, comments = tables.sections, tables.comments
    rows = [
        ("article", f"§{int(n)}", str(t))
        for n, t in zip(sections["section_no"], sections["text"], strict=True)
    ]
    rows += [
        ("comment", f"C{int(n)}", str(t))
        for n, t in zip(comments["comment_id"], comments["text"], strict=True)
    ]
    return pd.DataFrame(rows, columns=["source", "unit", "text"])


def page_texts(tables: PageTables) -> tuple[list[str], list[str]]:
    """Return (article section texts, comment texts) of one page."""
    units = page_units(tables)
    return (
        units.loc[units["source"] == "article", "text"].tolist(),
        units.loc[units["source"] == "comment", "text"].tolist(),
    )


def kwic(units: pd.DataFrame, term: str, *, window: int = 6) -> pd.DataFrame:
    """Return every whole-word occurrence of `term` with `window` words of context either side."""
    wanted = tokens(term)
    rows = []
    n = len(wanted)
    for source, unit, text in units[["source", "unit", "text"]].itertuples(index=False):
        if not n:
            break
        text = str(text)
        found = list(TOKEN.finditer(text))
        words = [m.group().lower().replace("’", "'") for m in found]
        for i in range(len(found) - n + 1):
            if words[i : i + n] != wanted:
                continue
            start, end = found[i].start(), found[i + n - 1].end()
            left_start = found[max(i - window, 0)].start()
            right_end = found[min(i + n - 1 + window, len(found) - 1)].end()
            left = " ".join(text[left_start:start].split())
            right = " ".join(text[end:right_end].split())
            rows.append((term, source, unit, left, text[start:end], right, start, end))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
