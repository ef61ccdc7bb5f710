"""Figures of one analysed page (and of a corpus of pages), in the house style.

Every `fig_<what>(data, *, ax=None)` takes the tidy frame built by `<what>_data(tables)` (or the
page's `PageTables`, converted on the way in) and returns a matplotlib `Figure`. Figures are made
object-oriented (no pyplot state), never saved or shown here, so they are safe under Agg, in
notebooks and in tests. Page text (titles, names, comments) is drawn literally: mathtext and TeX
are switched off on every text object, so a `$` in a comment is just a dollar sign.
"""

from __future__ import annotations

import contextlib
import functools
import math
import textwrap
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import matplotlib as mpl
import matplotlib.style
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from . import paths
from .model import PageTables

COLUMN_WIDTH = 3.5  # inches: one report column
FULL_WIDTH = 7.0  # inches: full page width
MAX_HEIGHT = 9.0  # inches: tall figures (many comments) stop growing here

# Okabe & Ito (2008), "Color Universal Design": distinguishable under common colour blindness.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#999999"
ARTICLE_COLOUR = OKABE_ITO["blue"]
COMMENT_COLOUR = OKABE_ITO["orange"]
STANCE_COLOURS = {
    "favor": OKABE_ITO["green"],
    "against": OKABE_ITO["vermillion"],
    "mixed": OKABE_ITO["purple"],
    "neutral": GREY,
}
SENTIMENT_COLOUR = OKABE_ITO["sky_blue"]

RECOMMENDED_GRADE = (6.0, 8.0)  # health-literacy guidance for patient material (US grade 6-8)
SIGNIFICANT_G2 = 3.84  # chi-squared, 1 d.f., p < 0.05

APPEARANCES = ("reported first-hand", "reported of others", "claimed as possible", "negated")
APPEARANCE_STYLE = {  # marker shape and colour both differ, so the legend survives greyscale
    "reported first-hand": {"marker": "o", "color": OKABE_ITO["vermillion"], "filled": True},
    "reported of others": {"marker": "s", "color": OKABE_ITO["orange"], "filled": True},
    "claimed as possible": {"marker": "D", "color": OKABE_ITO["blue"], "filled": False},
    "negated": {"marker": "x", "color": OKABE_ITO["black"], "filled": True},
}
RELATION_STYLE = {
    "corroborates": {"marker": "o", "color": OKABE_ITO["green"], "label": "corroborates"},
    "contradicts": {"marker": "X", "color": OKABE_ITO["vermillion"], "label": "contradicts"},
    "not_addressed": {"marker": ".", "color": "#C8C8C8", "label": "not addressed"},
    "reported": {"marker": "s", "color": OKABE_ITO["orange"], "label": "reported, not in article"},
}


# --- text and style helpers ---------------------------------------------------------------


def _missing(value: object) -> bool:
    """Return True for None/NaN/NA scalars."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def shorten(text: object, width: int = 30) -> str:
    """Return `text` on one line, cut to `width` characters with an ellipsis when longer."""
    flat = " ".join(("" if _missing(text) else str(text)).split())
    return flat if len(flat) <= width else flat[: max(width - 1, 1)].rstrip() + "…"


def wrap(text: object, width: int = 30, lines: int = 2) -> str:
    """Return `text` wrapped to `width` columns and at most `lines` lines (ellipsis if cut)."""
    flat = shorten(text, 10**9)
    parts = textwrap.wrap(flat, width, break_long_words=True) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        last = parts[-1] if len(parts[-1]) < width else parts[-1][: width - 1]
        parts[-1] = last.rstrip() + "…"
    return "\n".join(parts)


def comment_label(comment_id: object, author: object, width: int = 24) -> str:
    """Return a short axis label for a comment: "C3 · Author" (shortened)."""
    who = str(author).strip() if not _missing(author) and str(author).strip() else "anonymous"
    return shorten(f"C{int(comment_id)} · {who}", width)


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the house style (analysis.mplstyle) for the duration of the block."""
    with mpl.style.context(str(paths.STYLE_FILE)), mpl.rc_context({"text.parse_math": False}):
        yield


def literal_text(fig: Figure) -> Figure:
    """Return `fig` with mathtext and TeX off on every text object it holds (page text is data)."""
    # Tick labels are created at draw time: draw once (in style) so they exist, then sweep.
    with warnings.catch_warnings():
        # Scripts DejaVu lacks (CJK, emoji) draw as boxes in PNG/PDF; SVG keeps the real text.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        fig.draw_without_rendering()
    for text in fig.findobj(Text):
        text.set_parse_math(False)
        text.set_usetex(False)
    return fig


def _axes(ax, width: float, height: float):
    """Return (figure, axes): the given axes' figure, or a new figure of the given size."""
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=(width, min(max(height, 1.6), MAX_HEIGHT)), layout="constrained")
    return fig, fig.add_subplot()


def _page_figure(data_fn: Callable[[PageTables], pd.DataFrame]):
    """Decorate a figure function: accept PageTables or its tidy frame, draw in house style."""

    def decorate(draw):
        @functools.wraps(draw)
        def wrapper(data, *args, ax=None, **kwargs) -> Figure:
            frame = data_fn(data) if isinstance(data, PageTables) else data
            with style():
                fig = draw(frame, *args, ax=ax, **kwargs)
                return literal_text(fig)

        return wrapper

    return decorate


def _empty(ax, message: str) -> None:
    """Write a centred note on an axes that has nothing to show, and hide its frame."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=GREY)
    ax.set_axis_off()


def _title(tables: PageTables) -> str:
    """Return the article's title (or its id)."""
    article = tables.article
    if "title" in article and not _missing(article["title"].iloc[0]):
        return str(article["title"].iloc[0])
    return tables.article_id


def _comment_labels(comments: pd.DataFrame) -> pd.Series:
    """Return one label per comment row ("C1 · Author")."""
    authors = comments["author"] if "author" in comments else pd.Series(pd.NA, comments.index)
    return pd.Series(
        [comment_label(c, a) for c, a in zip(comments["comment_id"], authors, strict=True)],
        index=comments.index,
        dtype=object,
    )


# --- 1. readability -----------------------------------------------------------------------


def readability_data(tables: PageTables) -> pd.DataFrame:
    """Return one row per text (whole article, each section, each comment) with its FK grade."""
    rows = []
    article = tables.article.iloc[0]
    rows.append(
        ("article", "article", "whole article", article.get("flesch_kincaid_grade"),
         article.get("readability_reliable"), article.get("word_count"))
    )  # fmt: skip
    for _, s in tables.sections.iterrows():
        unit = f"§{int(s['section_no'])}"
        label = f"{unit} {s['heading']}" if not _missing(s.get("heading")) else unit
        rows.append(("section", unit, label, s.get("flesch_kincaid_grade"),
                     s.get("readability_reliable"), s.get("word_count")))  # fmt: skip
    labels = _comment_labels(tables.comments)
    for index, c in tables.comments.iterrows():
        rows.append(("comment", f"C{int(c['comment_id'])}", labels[index],
                     c.get("flesch_kincaid_grade"), c.get("readability_reliable"),
                     c.get("word_count")))  # fmt: skip
    frame = pd.DataFrame(rows, columns=["kind", "unit", "label", "grade", "reliable", "word_count"])
    frame["grade"] = pd.to_numeric(frame["grade"], errors="coerce").astype(float)
    frame["reliable"] = frame["reliable"].fillna(False).astype(bool)
    return frame


@_page_figure(readability_data)
def fig_readability(data: pd.DataFrame, *, ax=None) -> Figure:
    """Return horizontal bars of Flesch-Kincaid grade per text, with the grade 6-8 band."""
    fig, ax = _axes(ax, COLUMN_WIDTH, 1.2 + 0.2 * len(data))
    if data.empty:
        _empty(ax, "no texts")
        return fig
    colours = {"article": OKABE_ITO["black"], "section": ARTICLE_COLOUR, "comment": COMMENT_COLOUR}
    band = ax.axvspan(*RECOMMENDED_GRADE, color=OKABE_ITO["green"], alpha=0.18, lw=0)
    band.set_gid("recommended-band")
    y = np.arange(len(data))
    grades = data["grade"].fillna(0.0).to_numpy()
    bars = ax.barh(y, grades, height=0.7)
    for bar, kind, reliable in zip(bars, data["kind"], data["reliable"], strict=True):
        colour = colours.get(kind, GREY)
        if reliable:
            bar.set_facecolor(colour)
            bar.set_edgecolor(colour)
        else:  # too short for a stable grade: hollow and hatched
            bar.set_facecolor("white")
            bar.set_edgecolor(colour)
            bar.set_hatch("////")
            bar.set_gid("unreliable")
    ax.set_yticks(y, [shorten(label, 22) for label in data["label"]])
    ax.invert_yaxis()
    ax.set_xlabel("Flesch–Kincaid grade (US school year)")
    ax.set_xlim(0, max(14.0, math.ceil(np.nanmax(grades, initial=0) + 1)))
    ax.set_title("Readability (grade)")
    handles = [
        Patch(color=colours[k], label=name)
        for k, name in (("article", "whole article"), ("section", "article section"),
                        ("comment", "comment")) if (data["kind"] == k).any()
    ]  # fmt: skip
    if not data["reliable"].all():
        handles.append(
            Patch(facecolor="white", edgecolor=GREY, hatch="////", label="too short to be reliable")
        )
    handles.append(Patch(color=OKABE_ITO["green"], alpha=0.18, label="grade 6–8 (recommended)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2)
    return fig


def readability_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the readability figure."""
    comments = data[data["kind"] == "comment"]
    whole = data[data["kind"] == "article"]["grade"]
    above = int((comments["grade"] > RECOMMENDED_GRADE[1]).sum())
    grade = f"{whole.iloc[0]:.1f}" if len(whole) and not math.isnan(whole.iloc[0]) else "n/a"
    return (
        f"Flesch–Kincaid grade of the article (grade {grade}), its "
        f"{int((data['kind'] == 'section').sum())} sections and {len(comments)} comments "
        f"({above} above the recommended grade 6–8 band); hatched bars are texts too short "
        "for a reliable grade."
    )


# --- 2. sentiment vs stance ---------------------------------------------------------------


def sentiment_stance_data(tables: PageTables) -> pd.DataFrame:
    """Return one row per comment: VADER compound, sentiment label, stance label and score."""
    comments = tables.comments
    frame = pd.DataFrame(
        {
            "comment_id": comments["comment_id"].astype(int),
            "label": [shorten(x, 20) for x in _comment_labels(comments)],
            "vader_compound": comments.get("vader_compound", pd.Series(np.nan, comments.index)),
            "sentiment_label": comments.get("sentiment_label", pd.Series(pd.NA, comments.index)),
            "stance": comments.get("stance", pd.Series("not computed", comments.index)),
            "stance_score": comments.get("stance_score", pd.Series(np.nan, comments.index)),
        }
    ).reset_index(drop=True)
    frame["vader_compound"] = frame["vader_compound"].astype(float)
    frame["stance_score"] = pd.to_numeric(frame["stance_score"], errors="coerce").astype(float)
    return frame


@_page_figure(sentiment_stance_data)
def fig_sentiment_stance(data: pd.DataFrame, *, ax=None) -> Figure:
    """Return paired bars per comment: VADER compound beside stance score (coloured by label)."""
    fig, ax = _axes(ax, COLUMN_WIDTH, 1.3 + 0.42 * len(data))
    if data.empty:
        _empty(ax, "no comments")
        return fig
    y = np.arange(len(data))
    ax.barh(y - 0.2, data["vader_compound"].fillna(0), height=0.38, color=SENTIMENT_COLOUR,
            label="sentiment (VADER compound)")  # fmt: skip
    colours = [STANCE_COLOURS.get(str(s), "white") for s in data["stance"]]
    stance_bars = ax.barh(y + 0.2, data["stance_score"].fillna(0), height=0.38, color=colours,
                          edgecolor=[c if c != "white" else GREY for c in colours], linewidth=0.6,
                          label="stance score")  # fmt: skip
    for bar, stance, score in zip(stance_bars, data["stance"], data["stance_score"], strict=True):
        # The label is written out too: a neutral (zero-length) bar stays readable.
        x = 0.0 if math.isnan(score) else score
        ax.text(x + (0.03 if x >= 0 else -0.03), bar.get_y() + bar.get_height() / 2, str(stance),
                va="center", ha="left" if x >= 0 else "right", fontsize=6, color="#333333")  # fmt: skip
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlim(-1.25, 1.25)
    ax.set_yticks(y, list(data["label"]))
    ax.invert_yaxis()
    ax.set_xlabel("score (−1 to +1)")
    positive = int((data["vader_compound"] >= 0.05).sum())
    favour = int((data["stance"] == "favor").sum())
    ax.set_title(
        f"Tone vs stance: {positive}/{len(data)} positive,\n{favour}/{len(data)} in favour"
    )
    handles = [Patch(color=SENTIMENT_COLOUR, label="sentiment (VADER)")]
    handles += [
        Patch(color=STANCE_COLOURS[s], label=f"stance: {s}")
        for s in STANCE_COLOURS
        if (data["stance"] == s).any()
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=2)
    return fig


def sentiment_stance_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the sentiment-vs-stance figure."""
    n = len(data)
    positive = int((data["vader_compound"] >= 0.05).sum())
    counts = data["stance"].value_counts()
    stances = ", ".join(f"{counts.get(s, 0)} {s}" for s in STANCE_COLOURS)
    return (
        f"Per comment, VADER sentiment beside stance toward the drug: {positive} of {n} comments "
        f"are positive in tone; stance {stances}."
    )


# --- 3. comment timeline ------------------------------------------------------------------


def timeline_data(tables: PageTables) -> pd.DataFrame:
    """Return dated comments in arrival order with hours after publication and cumulative count."""
    comments = tables.comments
    columns = ["comment_id", "label", "posted_at", "hours_after_publication",
               "hours_after_publication_min", "cumulative", "half_life_hours"]  # fmt: skip
    if "hours_after_publication" not in comments:
        return pd.DataFrame(columns=columns)
    hours = comments["hours_after_publication"].astype(float)
    frame = pd.DataFrame(
        {
            "comment_id": comments["comment_id"].astype(int),
            "label": _comment_labels(comments),
            "posted_at": comments.get("posted_at"),
            "hours_after_publication": hours,
            "hours_after_publication_min": comments.get(
                "hours_after_publication_min", hours - 24
            ).astype(float),
        }
    )
    frame = frame.dropna(subset=["hours_after_publication"])
    frame = frame.sort_values(["hours_after_publication", "comment_id"], kind="stable")
    frame["cumulative"] = np.arange(1, len(frame) + 1)
    half = tables.article.get("comment_half_life_hours")
    frame["half_life_hours"] = float(half.iloc[0]) if half is not None else np.nan
    return frame.reset_index(drop=True)[columns]


@_page_figure(timeline_data)
def fig_timeline(data: pd.DataFrame, *, ax=None) -> Figure:
    """Return the cumulative comment count over hours after publication, half-life marked."""
    fig, ax = _axes(ax, COLUMN_WIDTH, 2.4)
    if data.empty:
        _empty(ax, "no dated comments")
        return fig
    hours = data["hours_after_publication"].to_numpy(dtype=float)
    low = data["hours_after_publication_min"].clip(lower=0).to_numpy(dtype=float)
    counts = data["cumulative"].to_numpy()
    end = float(hours.max()) * 1.05 + 0.5  # both curves run on to the right edge
    for xs, dash, label in ((hours, "-", "comments (latest publication time)"),
                            (low, ":", "if published at end of day")):  # fmt: skip
        ax.step(np.r_[0.0, xs, end], np.r_[0, counts, counts[-1]], where="post",
                color=COMMENT_COLOUR, ls=dash, lw=1.2 if dash == "-" else 0.9, label=label)  # fmt: skip
    ax.plot(hours, counts, "o", color=COMMENT_COLOUR, ms=3)
    half = float(data["half_life_hours"].iloc[0])
    if not math.isnan(half):
        line = ax.axvline(half, color=OKABE_ITO["blue"], ls="--", lw=0.9,
                          label=f"half-life {half:.1f} h")  # fmt: skip
        line.set_gid("half-life")
        ax.axhline(len(data) / 2, color=GREY, ls=":", lw=0.6)
    ax.set_xlim(0, end)
    ax.set_ylim(0, len(data) * 1.45 + 0.5)  # headroom for the legend
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("hours after publication")
    ax.set_ylabel("comments so far")
    ax.set_title("When comments arrived")
    ax.legend(loc="upper left")
    return fig


def timeline_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the timeline figure."""
    if data.empty:
        return "No dated comments to place on a timeline."
    return (
        f"Cumulative count of {len(data)} dated comments by hours after publication (an upper "
        f"bound: the page gives only the day); half of them had arrived by "
        f"{data['half_life_hours'].iloc[0]:.1f} h, the first after "
        f"{data['hours_after_publication'].iloc[0]:.1f} h."
    )


# --- 4. side-effect matrix ----------------------------------------------------------------


def appearance(row: pd.Series | dict) -> str:
    """Return how one effect mention appears: first-hand, of others, possible, or negated."""
    if bool(row.get("negated")):
        return "negated"
    if row.get("source") == "comment" and not bool(row.get("hypothetical")):
        if row.get("experiencer") == "self":
            return "reported first-hand"
        if row.get("experiencer") == "other":
            return "reported of others"
    return "claimed as possible"


def side_effects_data(tables: PageTables) -> pd.DataFrame:
    """Return the effect × source grid: how each canonical effect appears in each source."""
    columns = ["effect", "source", "source_label", "appearance", "mentions", "matched_text"]
    effects = tables.extra.get("effects")
    if effects is None or effects.empty:
        return pd.DataFrame(columns=columns)
    sources = [("article", "article")] + [
        (f"C{int(c)}", label)
        for c, label in zip(tables.comments["comment_id"], _comment_labels(tables.comments),
                            strict=True)
    ]  # fmt: skip
    effects = effects.copy()
    effects["appearance"] = [appearance(r) for r in effects.to_dict("records")]
    effects["source_key"] = [
        "article" if s == "article" else f"C{int(c)}"
        for s, c in zip(effects["source"], effects["comment_id"], strict=True)
    ]
    rank = {a: i for i, a in enumerate(APPEARANCES)}
    rows = []
    for effect in sorted(effects["effect"].unique(), key=str):
        for key, label in sources:
            hits = effects[(effects["effect"] == effect) & (effects["source_key"] == key)]
            strongest = min(hits["appearance"], key=rank.__getitem__) if len(hits) else "absent"
            matched = "; ".join(dict.fromkeys(map(str, hits["matched_text"])))
            rows.append((effect, key, label, strongest, len(hits), matched))
    return pd.DataFrame(rows, columns=columns)


@_page_figure(side_effects_data)
def fig_side_effects(data: pd.DataFrame, *, ax=None) -> Figure:
    """Return the effect × source matrix, one marker per cell showing how the effect appears."""
    sources = list(dict.fromkeys(data["source"]))
    labels = dict(zip(data["source"], data["source_label"], strict=True))
    effects = list(dict.fromkeys(data["effect"]))
    fig, ax = _axes(ax, FULL_WIDTH if len(sources) > 6 else COLUMN_WIDTH + 1.0,
                    1.9 + 0.22 * len(effects))  # fmt: skip
    if data.empty:
        _empty(ax, "no side effects found")
        return fig
    x = {s: i for i, s in enumerate(sources)}
    y = {e: i for i, e in enumerate(effects)}
    for kind in APPEARANCES:
        cells = data[data["appearance"] == kind]
        spec = APPEARANCE_STYLE[kind]
        if spec["marker"] == "x":  # unfilled marker: colour the lines
            extra = {"c": spec["color"]}
        else:
            extra = {"facecolors": spec["color"] if spec["filled"] else "none",
                     "edgecolors": spec["color"]}  # fmt: skip
        ax.scatter([x[s] for s in cells["source"]], [y[e] for e in cells["effect"]],
                   marker=spec["marker"], s=36, linewidths=1.2, label=kind, gid=kind, **extra)  # fmt: skip
    ax.set_xticks(range(len(sources)), [shorten(labels[s], 18) for s in sources], rotation=40,
                  ha="right", rotation_mode="anchor")  # fmt: skip
    ax.set_yticks(range(len(effects)), [shorten(e, 24) for e in effects])
    ax.set_xlim(-0.6, len(sources) - 0.4)
    ax.set_ylim(len(effects) - 0.5, -0.5)
    ax.set_xticks(np.arange(len(sources)) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(effects)) - 0.5, minor=True)
    ax.grid(which="minor", color="#E0E0E0", lw=0.5)
    ax.tick_params(which="minor", length=0)
    ax.axvline(0.5, color=GREY, lw=0.8)  # article | commenters
    ax.set_title("Side effects: article vs commenters")
    handles = [
        Line2D([], [], ls="", marker=APPEARANCE_STYLE[k]["marker"], color=APPEARANCE_STYLE[k]["color"],
               markerfacecolor=APPEARANCE_STYLE[k]["color"] if APPEARANCE_STYLE[k]["filled"] else "none",
               label=k)
        for k in APPEARANCES
    ]  # fmt: skip
    fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return fig


def side_effects_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the side-effect matrix."""
    if data.empty:
        return "No side-effect mentions were found in the article or the comments."
    present = data[data["appearance"] != "absent"]
    in_article = set(present.loc[present["source"] == "article", "effect"])
    first_hand = set(present.loc[present["appearance"] == "reported first-hand", "effect"])
    return (
        f"{present['effect'].nunique()} side effects by source: {len(in_article)} named in the "
        f"article, {len(first_hand)} reported first-hand by commenters, "
        f"{len(first_hand - in_article)} of those not in the article."
    )


# --- 5. claims vs experiences -------------------------------------------------------------


def claims_data(tables: PageTables) -> pd.DataFrame:
    """Return the claim × comment grid (relation per cell) plus effects the article never names.

    Rows follow alignment.csv (analysis.claims): one row per claim unit (a claim sentence, or one
    effect of a side-effect sentence) and comment; `not_in_article` effects become extra rows
    whose cells are "reported" for the commenters who report them.
    """
    columns = ["row", "row_label", "kind", "comment_id", "comment_label", "relation"]
    alignment = tables.extra.get("alignment")
    if alignment is None or alignment.empty:
        return pd.DataFrame(columns=columns)
    labels = dict(
        zip(
            tables.comments["comment_id"].astype(int), _comment_labels(tables.comments), strict=True
        )
    )
    rows = []
    claimed = alignment[alignment["relation"] != "not_in_article"]
    for record in claimed.to_dict("records"):
        effect = "" if _missing(record.get("effect")) else str(record["effect"])
        key = f"S{record['claim_id']}" + (f" {effect}" if effect else "")
        name = "" if _missing(record.get("claim_label")) else record["claim_label"]
        text = "" if _missing(record.get("claim_text")) else record["claim_text"]
        comment_id = int(record["comment_id"])
        rows.append((key, f"S{record['claim_id']} {name}: {text}", "claim", comment_id,
                     labels.get(comment_id, f"C{comment_id}"), str(record["relation"])))  # fmt: skip
    extra = alignment[alignment["relation"] == "not_in_article"]
    for effect in sorted(extra["effect"].dropna().unique(), key=str):
        reporters = set(extra.loc[extra["effect"] == effect, "comment_id"].dropna().astype(int))
        for comment_id, clabel in labels.items():
            relation = "reported" if comment_id in reporters else ""
            rows.append((f"+ {effect}", f"not in article: {effect}", "not_in_article",
                         comment_id, clabel, relation))  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


@_page_figure(claims_data)
def fig_claims(data: pd.DataFrame, *, ax=None) -> Figure:
    """Return the claim × comment grid (corroborates/contradicts/ignored) and unmentioned effects."""
    rows = list(dict.fromkeys(data["row"]))
    row_labels = dict(zip(data["row"], data["row_label"], strict=True))
    comments = list(dict.fromkeys(data["comment_id"]))
    clabels = dict(zip(data["comment_id"], data["comment_label"], strict=True))
    fig, ax = _axes(ax, FULL_WIDTH, 1.9 + 0.3 * len(rows))
    if data.empty:
        _empty(ax, "no article claims to compare (claims component not run)")
        return fig
    x = {c: i for i, c in enumerate(comments)}
    y = {r: i for i, r in enumerate(rows)}
    for relation, spec in RELATION_STYLE.items():
        cells = data[data["relation"] == relation]
        ax.scatter([x[c] for c in cells["comment_id"]], [y[r] for r in cells["row"]],
                   marker=spec["marker"], color=spec["color"], label=spec["label"], gid=relation,
                   s=40 if relation != "not_addressed" else 30)  # fmt: skip
    ax.set_yticks(range(len(rows)), [wrap(row_labels[r], 56, 2) for r in rows], fontsize=6)
    ax.set_xticks(range(len(comments)), [shorten(clabels[c], 18) for c in comments], rotation=40,
                  ha="right", rotation_mode="anchor")  # fmt: skip
    ax.set_xlim(-0.6, len(comments) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    n_claims = data.loc[data["kind"] == "claim", "row"].nunique()
    if n_claims < len(rows):
        ax.axhline(n_claims - 0.5, color=GREY, lw=0.8)
    ax.grid(axis="x", color="#EEEEEE", lw=0.5)
    ax.set_title("Article claims vs commenters' experiences")
    present = [r for r in RELATION_STYLE if (data["relation"] == r).any()]
    handles = [
        Line2D([], [], ls="", marker=RELATION_STYLE[r]["marker"], color=RELATION_STYLE[r]["color"],
               label=RELATION_STYLE[r]["label"])
        for r in present
    ]  # fmt: skip
    # Below the rotated comment labels, not over them: constrained layout makes room.
    fig.legend(handles=handles, loc="outside lower center", ncols=4)
    return fig


def claims_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the claims figure."""
    if data.empty:
        return "No article claims were available to compare with the comments."
    claims = data[data["kind"] == "claim"]
    counts = claims["relation"].value_counts()
    extra = data.loc[data["kind"] == "not_in_article", "row"].nunique()
    return (
        f"{claims['row'].nunique()} article claims against {data['comment_id'].nunique()} "
        f"comments: {counts.get('corroborates', 0)} corroborations, "
        f"{counts.get('contradicts', 0)} contradictions; {extra} effects reported by commenters "
        "are not in the article."
    )


# --- 6. sentiment arc ---------------------------------------------------------------------


def sentiment_arc_data(tables: PageTables, window: int = 3) -> pd.DataFrame:
    """Return the article's sentences in reading order with VADER compound and a rolling mean."""
    sentences = tables.sentences
    article = sentences[sentences["source"] == "article"].sort_values(
        ["section_no", "sentence_no"], kind="stable"
    )
    headings = dict(zip(tables.sections["section_no"], tables.sections["heading"], strict=True))
    frame = pd.DataFrame(
        {
            "position": np.arange(1, len(article) + 1),
            "section_no": article["section_no"].astype(int).to_numpy(),
            "sentence_no": article["sentence_no"].astype(int).to_numpy(),
            "heading": [headings.get(s, "") for s in article["section_no"]],
            "vader_compound": article["vader_compound"].astype(float).to_numpy(),
        }
    )
    frame["rolling_mean"] = (
        frame["vader_compound"].rolling(window, center=True, min_periods=1).mean()
    )
    frame.attrs["title"] = _title(tables)
    return frame


@_page_figure(sentiment_arc_data)
def fig_sentiment_arc(data: pd.DataFrame, *, ax=None) -> Figure:
    """Return sentence-level VADER compound through the article, sections shaded and labelled."""
    fig, ax = _axes(ax, FULL_WIDTH, 2.6)
    if data.empty:
        _empty(ax, "no article sentences")
        return fig
    sections = data.groupby("section_no", sort=True)["position"].agg(["min", "max"])
    for i, (_, span) in enumerate(sections.iterrows()):
        if i % 2 == 0:
            ax.axvspan(span["min"] - 0.5, span["max"] + 0.5, color="#F0F0F0", lw=0, zorder=0)
    ax.axhline(0, color="black", lw=0.5)
    colours = np.where(data["vader_compound"] >= 0, OKABE_ITO["green"], OKABE_ITO["vermillion"])
    ax.vlines(data["position"], 0, data["vader_compound"], colors=colours, lw=1.0, alpha=0.6)
    ax.scatter(data["position"], data["vader_compound"], c=colours, s=10, zorder=3,
               label="sentence", gid="sentences")  # fmt: skip
    ax.plot(data["position"], data["rolling_mean"], color=OKABE_ITO["black"], lw=1.4,
            label="rolling mean (3 sentences)")  # fmt: skip
    centres = ((sections["min"] + sections["max"]) / 2).to_numpy()
    headings = data.groupby("section_no", sort=True)["heading"].first()
    many = len(sections) > 8
    labels = [
        f"§{n}" if many else wrap(f"§{n} {h}", 18, 3)
        for n, h in zip(sections.index, headings, strict=True)
    ]
    ax.set_xticks(centres, labels, fontsize=6)
    ax.tick_params(axis="x", length=0)
    ax.set_xlim(0.5, len(data) + 0.5)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("VADER compound")
    ax.set_title(shorten(f"Sentiment arc: {data.attrs.get('title', 'article')}", 72))
    ax.legend(loc="lower right", ncols=2)
    return fig


def sentiment_arc_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the sentiment arc figure."""
    if data.empty:
        return "The article has no sentences to score."
    by_section = data.groupby("section_no")["vader_compound"].mean()
    low, high = by_section.idxmin(), by_section.idxmax()
    return (
        f"VADER compound of each of the article's {len(data)} sentences in reading order; the "
        f"most negative section is §{low} (mean {by_section[low]:+.2f}), the most positive "
        f"§{high} (mean {by_section[high]:+.2f})."
    )


# --- 7. vocabulary ------------------------------------------------------------------------


def keyness_data(tables: PageTables, top: int = 12) -> pd.DataFrame:
    """Return the words most distinctive of the article and of the comments (Dunning G²)."""
    from .vocabulary import keyness, page_texts

    article, comments = page_texts(tables)
    table = keyness(article, comments)
    return pd.concat(
        [
            table[table["direction"] == "article"].head(top),
            table[table["direction"] == "comments"].head(top),
        ],
        ignore_index=True,
    )


@_page_figure(keyness_data)
def fig_keyness(data: pd.DataFrame, *, ax=None) -> Figure:
    """Return diverging bars of G² keyness: article words to the left, comment words right."""
    fig, ax = _axes(ax, COLUMN_WIDTH, 1.0 + 0.16 * len(data))
    if data.empty:
        _empty(ax, "no distinctive words")
        return fig
    frame = data.assign(signed=np.where(data["direction"] == "article", -data["g2"], data["g2"]))
    frame = frame.sort_values("signed", kind="stable").reset_index(drop=True)
    colours = np.where(frame["direction"] == "article", ARTICLE_COLOUR, COMMENT_COLOUR)
    y = np.arange(len(frame))
    ax.barh(y, frame["signed"], color=colours, height=0.7)
    ax.set_yticks(y, [shorten(w, 20) for w in frame["word"]], fontsize=6)
    for sign in (-1, 1):
        ax.axvline(sign * SIGNIFICANT_G2, color=GREY, ls=":", lw=0.7)
    ax.axvline(0, color="black", lw=0.5)
    limit = float(np.abs(frame["signed"]).max()) * 1.1 or 1.0
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{abs(v):g}"))
    ax.set_xlabel("log-likelihood G² (dotted: p < 0.05)")
    ax.set_title("Distinctive words")
    ax.legend(handles=[Patch(color=ARTICLE_COLOUR, label="article"),
                       Patch(color=COMMENT_COLOUR, label="comments")],
              loc="lower right")  # fmt: skip
    return fig


def keyness_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the keyness figure."""
    if data.empty:
        return "No words were distinctive of the article or the comments."
    art = data.loc[data["direction"] == "article", "word"].head(3).tolist()
    com = data.loc[data["direction"] == "comments", "word"].head(3).tolist()
    return (
        "Words most distinctive of the article vs the comments by log-likelihood (G²): article "
        f"{', '.join(art) or 'none'}; comments {', '.join(com) or 'none'}."
    )


def kwic_term(tables: PageTables) -> str:
    """Return the default keyword-in-context term: the target drug, else the top article keyword."""
    drug = tables.article.get("drug")
    if drug is not None and not _missing(drug.iloc[0]) and str(drug.iloc[0]).strip():
        return str(drug.iloc[0]).lower()
    data = keyness_data(tables, top=1)
    return str(data["word"].iloc[0]) if len(data) else ""


def kwic_data(tables: PageTables, term: str | None = None, window: int = 6) -> pd.DataFrame:
    """Return every occurrence of `term` (default: the drug) with its left and right context."""
    from .vocabulary import kwic, page_units

    return kwic(page_units(tables), term or kwic_term(tables), window=window)


def _tail(text: object, width: int) -> str:
    """Return the last `width` characters of `text` (ellipsis in front when cut)."""
    flat = shorten(text, 10**9)
    return flat if len(flat) <= width else "…" + flat[-(width - 1) :].lstrip()


@_page_figure(kwic_data)
def fig_kwic(data: pd.DataFrame, *, ax=None, max_lines: int = 24) -> Figure:
    """Return a keyword-in-context concordance: one line per occurrence, keyword centred."""
    shown = data.head(max_lines)
    fig, ax = _axes(ax, FULL_WIDTH, 0.7 + 0.17 * max(len(shown), 1))
    ax.set_axis_off()
    if data.empty:
        ax.text(0.5, 0.5, "term not found", ha="center", va="center", color=GREY)
        return fig
    n = len(shown)
    for i, row in enumerate(shown.itertuples()):
        y = 1 - (i + 0.5) / n
        colour = ARTICLE_COLOUR if row.source == "article" else COMMENT_COLOUR
        keyword = shorten(row.keyword, 20)
        ax.text(0.0, y, shorten(row.unit, 8), ha="left", va="center", color=colour,
                fontsize=6, family="monospace")  # fmt: skip
        ax.text(0.47, y, _tail(row.left, 42), ha="right", va="center", fontsize=6,
                family="monospace")  # fmt: skip
        ax.text(0.485, y, keyword, ha="left", va="center", fontsize=6, family="monospace",
                weight="bold")  # fmt: skip
        # Monospace at 6 pt on a 7 in axes: one character is about 0.0075 of the width.
        ax.text(0.485 + 0.0075 * (len(keyword) + 1), y, shorten(row.right, 42), ha="left",
                va="center", fontsize=6, family="monospace")  # fmt: skip
    more = f" (first {n} of {len(data)})" if len(data) > n else ""
    ax.set_title(f"“{shorten(data['term'].iloc[0], 30)}” in context{more}")
    return fig


def kwic_caption(data: pd.DataFrame) -> str:
    """Return a one-line description of the keyword-in-context figure."""
    if data.empty:
        return "The chosen term does not occur on the page."
    counts = data["source"].value_counts()
    return (
        f"Keyword in context for “{data['term'].iloc[0]}”: {counts.get('article', 0)} "
        f"occurrences in the article, {counts.get('comment', 0)} in comments."
    )


# --- corpus figures -----------------------------------------------------------------------

# The corpus frame is analysis.corpus.CORPUS_COLUMNS (docs/tables.md, "Corpus table"): one row
# per article; these figures read article_id, title, stance_comments (or comments),
# stance_<label>_share, article_fk_grade and comments_fk_grade_median.
CORPUS_STANCE_COLUMNS = tuple(f"stance_{label}_share" for label in STANCE_COLOURS)


def _corpus_labels(corpus: pd.DataFrame) -> list[str]:
    """Return a short label per article: its title, else its id."""
    titles = corpus["title"] if "title" in corpus else corpus["article_id"]
    return [shorten(t if not _missing(t) else a, 34) for t, a in
            zip(titles, corpus["article_id"], strict=True)]  # fmt: skip


def fig_corpus_stance(corpus_df: pd.DataFrame, *, ax=None) -> Figure:
    """Return stacked bars of each article's comment stance shares (favor/against/mixed/neutral)."""
    with style():
        fig, ax = _axes(ax, FULL_WIDTH, 1.2 + 0.3 * len(corpus_df))
        if corpus_df.empty:
            _empty(ax, "no articles")
            return literal_text(fig)
        shares = corpus_df.reindex(columns=CORPUS_STANCE_COLUMNS).astype(float).fillna(0.0)
        coded = (
            corpus_df["stance_comments"]
            if "stance_comments" in corpus_df
            else corpus_df["comments"]
        )
        y = np.arange(len(corpus_df))
        left = np.zeros(len(corpus_df))
        for label, colour in STANCE_COLOURS.items():
            share = shares[f"stance_{label}_share"].to_numpy()
            ax.barh(y, share, left=left, color=colour, height=0.7, label=label)
            left += share
        counts = ["?" if _missing(n) else str(int(n)) for n in coded]
        labels = [f"{t} (n={n})" for t, n in zip(_corpus_labels(corpus_df), counts, strict=True)]
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_xlabel("share of comments")
        ax.set_title("Stance toward the drug, per article")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=4)
        return literal_text(fig)


def fig_corpus_readability(corpus_df: pd.DataFrame, *, ax=None) -> Figure:
    """Return each article's grade beside its comments' median grade, with the grade 6-8 band."""
    with style():
        fig, ax = _axes(ax, FULL_WIDTH, 1.2 + 0.3 * len(corpus_df))
        if corpus_df.empty:
            _empty(ax, "no articles")
            return literal_text(fig)
        band = ax.axvspan(*RECOMMENDED_GRADE, color=OKABE_ITO["green"], alpha=0.18, lw=0,
                          label="grade 6–8 (recommended)")  # fmt: skip
        band.set_gid("recommended-band")
        y = np.arange(len(corpus_df))
        article = pd.to_numeric(corpus_df["article_fk_grade"], errors="coerce").astype(float)
        median = pd.to_numeric(corpus_df["comments_fk_grade_median"], errors="coerce")
        median = median.astype(float)
        ax.hlines(y, np.fmin(article, median), np.fmax(article, median), color=GREY, lw=0.8)
        ax.plot(article, y, "o", color=ARTICLE_COLOUR, label="article", gid="article")
        ax.plot(median, y, "D", color=COMMENT_COLOUR, label="comments (median)", gid="comments")
        ax.set_yticks(y, _corpus_labels(corpus_df))
        ax.invert_yaxis()
        ax.set_xlabel("Flesch–Kincaid grade")
        top = np.nanmax(np.r_[article.to_numpy(), median.to_numpy(), 0.0])
        ax.set_xlim(0, max(14.0, float(top) + 1))
        ax.set_title("Readability: article vs comments, per article")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=3)
        return literal_text(fig)


# --- registry used by export and the HTML report ------------------------------------------


@dataclass(frozen=True)
class PageFigure:
    """One numbered figure of a page: how to get its data, draw it and describe it."""

    number: int
    name: str
    data: Callable[[PageTables], pd.DataFrame]
    draw: Callable[..., Figure]
    caption: Callable[[pd.DataFrame], str]

    @property
    def stem(self) -> str:
        """Return the file stem, e.g. "01-readability"."""
        return f"{self.number:02d}-{self.name}"


PAGE_FIGURES: tuple[PageFigure, ...] = (
    PageFigure(1, "readability", readability_data, fig_readability, readability_caption),
    PageFigure(
        2,
        "sentiment-vs-stance",
        sentiment_stance_data,
        fig_sentiment_stance,
        sentiment_stance_caption,
    ),  # fmt: skip
    PageFigure(3, "comment-timeline", timeline_data, fig_timeline, timeline_caption),
    PageFigure(4, "side-effects", side_effects_data, fig_side_effects, side_effects_caption),
    PageFigure(5, "claims-vs-experiences", claims_data, fig_claims, claims_caption),
    PageFigure(6, "sentiment-arc", sentiment_arc_data, fig_sentiment_arc, sentiment_arc_caption),
    PageFigure(7, "keyness", keyness_data, fig_keyness, keyness_caption),
    PageFigure(8, "keyword-in-context", kwic_data, fig_kwic, kwic_caption),
)
