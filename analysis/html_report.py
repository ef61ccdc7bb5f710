"""A self-contained HTML report per article: key numbers, the figures, and the key tables.

Every piece of page text (title, names, comments, headings) goes through `html.escape`, and the
page forbids scripts outright (Content-Security-Policy), so a `<script>` in a comment is shown as
text and never runs.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .model import PageTables, problems_frame

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.8rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #444; } .files { font-size: 0.8rem; }
.text { white-space: pre-wrap; max-width: 32rem; }
"""
CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def esc(value: object) -> str:
    """Return `value` as HTML-escaped text (missing values as an empty string)."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float):
        return f"{value:.2f}" if math.isfinite(value) else ""
    return html.escape(str(value), quote=True)


def table_html(frame: pd.DataFrame, *, text_columns: Sequence[str] = ()) -> str:
    """Return `frame` as an HTML table, every header and cell escaped."""
    if frame.empty:
        return "<p><em>none</em></p>"
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            css = ' class="num"' if numeric else ' class="text"' if column in text_columns else ""
            cells.append(f"<td{css}>{esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _pick(frame: pd.DataFrame | None, columns: Iterable[str]) -> pd.DataFrame:
    """Return the named columns that `frame` has (an empty frame when it is missing)."""
    if frame is None:
        return pd.DataFrame()
    return frame[[c for c in columns if c in frame.columns]]


def _key_numbers(tables: PageTables) -> pd.DataFrame:
    """Return the page's headline numbers as a two-column frame."""
    article = tables.article.iloc[0]
    comments = tables.comments
    compound = comments.get("vader_compound", pd.Series(dtype=float))
    rows = [
        ("comments", len(comments)),
        ("article Flesch–Kincaid grade", article.get("flesch_kincaid_grade")),
        ("comments' median grade", comments.get("flesch_kincaid_grade", pd.Series()).median()),
        ("article VADER compound", article.get("vader_compound")),
        ("comments positive in tone", int((compound >= 0.05).sum())),
        ("comment half-life (hours)", article.get("comment_half_life_hours")),
    ]
    if "stance" in comments:
        counts = comments["stance"].value_counts()
        rows += [
            (f"comments {s}", int(counts.get(s, 0)))
            for s in ("favor", "against", "mixed", "neutral")
        ]
    return pd.DataFrame(rows, columns=["measure", "value"])


def render(tables: PageTables, exported: Sequence) -> str:
    """Return the HTML report of one article: header, key numbers, figures, tables."""
    article = tables.article.iloc[0]
    title = article.get("title") or tables.article_id
    meta = " · ".join(
        esc(v) for v in (article.get("author"), article.get("published"), article.get("drug"))
        if esc(v)
    )  # fmt: skip
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f"<p>{meta}</p>",
        "<h2>Key numbers</h2>",
        table_html(_key_numbers(tables)),
        "<h2>Figures</h2>",
    ]
    for figure in exported:
        links = " · ".join(
            f'<a href="{esc(p.name)}">{esc(p.suffix.lstrip("."))}</a>' for p in figure.files
        )
        parts.append(
            f'<figure id="{esc(figure.stem)}"><img src="{esc(figure.stem)}.svg" '
            f'alt="{esc(figure.caption)}"><figcaption>{esc(figure.caption)}'
            f'<div class="files">{links}</div></figcaption></figure>'
        )
    comment_columns = ["comment_id", "parent_id", "author", "posted_at", "word_count",
                       "flesch_kincaid_grade", "vader_compound", "sentiment_label", "stance",
                       "stance_score", "text"]  # fmt: skip
    sections = _pick(tables.sections, ["section_no", "heading", "word_count",
                                       "flesch_kincaid_grade", "vader_compound"])  # fmt: skip
    parts += [
        "<h2>Sections</h2>",
        table_html(sections),
        "<h2>Comments</h2>",
        table_html(_pick(tables.comments, comment_columns), text_columns=["text"]),
    ]
    effects = tables.extra.get("effects")
    if effects is not None:
        columns = ["source", "section_no", "comment_id", "effect", "matched_text", "negated",
                   "hypothetical", "experiencer"]  # fmt: skip
        parts += ["<h2>Side-effect mentions</h2>", table_html(_pick(effects, columns))]
    alignment = tables.extra.get("alignment")
    if alignment is not None:
        columns = ["claim_id", "claim_label", "comment_id", "author", "relation", "basis",
                   "evidence_text"]  # fmt: skip
        shown = alignment[alignment["relation"] != "not_addressed"]
        parts += ["<h2>Claims vs comments</h2>", table_html(_pick(shown, columns))]
    parts += [
        "<h2>Problems</h2>",
        table_html(problems_frame(tables.problems), text_columns=["message"]),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_report(tables: PageTables, folder: Path, exported: Sequence) -> Path:
    """Write `report.html` into `folder` and return its path."""
    path = Path(folder) / "report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(tables, exported), encoding="utf-8", newline="\n")
    return path
