"""Each figure on small hand-built frames: the right bars, labels, band, markers; text literal."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis import figures as F
from analysis.model import PageTables


def tick_texts(axis) -> list[str]:
    """Return the tick label texts of an axis."""
    return [t.get_text() for t in axis.get_ticklabels()]


def svg_text(fig: Figure) -> str:
    """Return the figure rendered as SVG (text kept as text)."""
    buffer = io.StringIO()
    with F.style():
        fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def test_house_style_ships_with_the_package():
    assert F.paths.STYLE_FILE.exists()
    with F.style():
        assert matplotlib.rcParams["svg.fonttype"] == "none"
        assert matplotlib.rcParams["text.parse_math"] is False
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0].upper() == "#0072B2"


def test_shorten_and_wrap_use_an_ellipsis():
    assert F.shorten("Vishnupriya Srivastava", 12) == "Vishnupriya…"
    assert F.shorten("short", 12) == "short"
    wrapped = F.wrap("one two three four five six seven eight", 10, lines=2)
    assert wrapped.count("\n") == 1 and wrapped.endswith("…")


READABILITY = pd.DataFrame(
    {
        "kind": ["article", "section", "section", "comment", "comment", "comment"],
        "unit": ["article", "§1", "§2", "C1", "C2", "C3"],
        "label": ["whole article", "§1 Intro", "§2 Risks", "C1 · Ann", "C2 · Bo", "C3 · Cy"],
        "grade": [14.0, 15.0, 12.5, 4.0, 9.5, 7.0],
        "reliable": [True, True, False, False, True, False],
        "word_count": [600, 300, 80, 40, 150, 60],
    }
)


def test_readability_one_bar_per_text_with_band_and_hatched_unreliable():
    fig = F.fig_readability(READABILITY)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() != "recommended-band"]
    assert len(bars) == 6
    assert [round(b.get_width(), 1) for b in bars] == [14.0, 15.0, 12.5, 4.0, 9.5, 7.0]
    assert [bool(b.get_hatch()) for b in bars] == [False, False, True, True, False, True]
    band = [p for p in ax.patches if p.get_gid() == "recommended-band"]
    assert len(band) == 1
    x0, x1 = band[0].get_x(), band[0].get_x() + band[0].get_width()
    assert (x0, x1) == (6.0, 8.0)
    assert tick_texts(ax.yaxis) == list(READABILITY["label"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "too short to be reliable" in legend and "grade 6–8 (recommended)" in legend


def test_readability_without_unreliable_texts_has_no_hatch_legend():
    fig = F.fig_readability(READABILITY.assign(reliable=True))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "too short to be reliable" not in legend


SENTIMENT = pd.DataFrame(
    {
        "comment_id": [1, 2, 3, 4],
        "label": ["C1 · A", "C2 · B", "C3 · C", "C4 · D"],
        "vader_compound": [0.8, 0.3, 0.4, 0.9],
        "sentiment_label": ["positive"] * 4,
        "stance": ["against", "against", "mixed", "neutral"],
        "stance_score": [-0.6, -0.4, -0.1, 0.0],
    }
)


def test_sentiment_stance_one_bar_pair_per_comment():
    fig = F.fig_sentiment_stance(SENTIMENT)
    ax = fig.axes[0]
    sentiment, stance = ax.containers
    assert len(sentiment) == len(stance) == 4
    assert [b.get_width() for b in sentiment] == [0.8, 0.3, 0.4, 0.9]
    assert [b.get_width() for b in stance] == [-0.6, -0.4, -0.1, 0.0]
    colours = [matplotlib.colors.to_hex(b.get_facecolor()) for b in stance]
    assert colours[0] == F.STANCE_COLOURS["against"].lower()
    assert colours[2] == F.STANCE_COLOURS["mixed"].lower()
    assert tick_texts(ax.yaxis) == ["C1 · A", "C2 · B", "C3 · C", "C4 · D"]
    # The divergence reads from the title: all positive, none in favour.
    assert "4/4 positive" in ax.get_title(loc="left") and "0/4 in favour" in ax.get_title(
        loc="left"
    )
    texts = {t.get_text() for t in ax.texts}
    assert {"against", "mixed", "neutral"} <= texts


def test_sentiment_stance_without_stance_still_draws_sentiment():
    frame = SENTIMENT.assign(stance="not computed", stance_score=np.nan)
    ax = F.fig_sentiment_stance(frame).axes[0]
    assert len(ax.containers[0]) == 4
    assert all(b.get_width() == 0 for b in ax.containers[1])


TIMELINE = pd.DataFrame(
    {
        "comment_id": [1, 2, 3],
        "label": ["C1", "C2", "C3"],
        "posted_at": pd.to_datetime(["2024-01-01 10:00", "2024-01-01 20:00", "2024-01-03 08:00"]),
        "hours_after_publication": [10.0, 20.0, 56.0],
        "hours_after_publication_min": [-14.0, -4.0, 32.0],
        "cumulative": [1, 2, 3],
        "half_life_hours": [20.0] * 3,
    }
)


def test_timeline_is_cumulative_with_half_life_marked():
    ax = F.fig_timeline(TIMELINE).axes[0]
    half = [line for line in ax.lines if line.get_gid() == "half-life"]
    assert len(half) == 1 and list(half[0].get_xdata()) == [20.0, 20.0]
    main = ax.lines[0]
    assert list(main.get_xdata())[:4] == [0.0, 10.0, 20.0, 56.0]
    assert list(main.get_ydata())[:4] == [0, 1, 2, 3]
    assert "half-life 20.0 h" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_timeline_without_dates_says_so():
    ax = F.fig_timeline(TIMELINE.iloc[0:0]).axes[0]
    assert [t.get_text() for t in ax.texts] == ["no dated comments"]


ARC = pd.DataFrame(
    {
        "position": [1, 2, 3, 4, 5],
        "section_no": [1, 1, 2, 2, 2],
        "sentence_no": [1, 2, 1, 2, 3],
        "heading": ["Intro", "Intro", "Risks", "Risks", "Risks"],
        "vader_compound": [-0.5, 0.2, 0.7, -0.1, 0.0],
        "rolling_mean": [-0.15, 0.13, 0.27, 0.2, -0.05],
    }
)


def test_sentiment_arc_one_point_per_sentence_and_section_labels():
    ax = F.fig_sentiment_arc(ARC).axes[0]
    points = [c for c in ax.collections if c.get_gid() == "sentences"][0]
    assert points.get_offsets()[:, 1].tolist() == [-0.5, 0.2, 0.7, -0.1, 0.0]
    assert [t.replace("\n", " ") for t in tick_texts(ax.xaxis)] == ["§1 Intro", "§2 Risks"]


def test_page_text_is_drawn_literally():
    frame = READABILITY.copy()
    frame.loc[3, "label"] = "C1 · $x^2$ <script>"
    fig = F.fig_readability(frame)
    assert all(not t.get_parse_math() for t in fig.findobj(matplotlib.text.Text))
    svg = svg_text(fig)
    assert "$x^2$ &lt;script&gt;" in svg  # the dollars survive as text: no mathtext


def test_effect_appearance_categories():
    row = {"source": "comment", "negated": False, "hypothetical": False, "experiencer": "self"}
    assert F.appearance(row) == "reported first-hand"
    assert F.appearance({**row, "experiencer": "other"}) == "reported of others"
    assert F.appearance({**row, "negated": True}) == "negated"
    assert F.appearance({**row, "hypothetical": True}) == "claimed as possible"
    assert F.appearance({**row, "source": "article"}) == "claimed as possible"


def small_page(extra: dict | None = None) -> PageTables:
    """Return a two-comment page built by hand."""
    article = pd.DataFrame({"article_id": ["p"], "title": ["T"], "drug": ["drugx"]})
    sections = pd.DataFrame({"article_id": ["p"], "section_no": [1], "heading": ["H"],
                             "text": ["Drugx may cause nausea."]})  # fmt: skip
    comments = pd.DataFrame({"article_id": ["p", "p"], "comment_id": [1, 2],
                             "author": ["Ann Lee", "Bo"], "text": ["I got dizzy.", "No nausea."]})  # fmt: skip
    sentences = pd.DataFrame(columns=["source", "section_no", "sentence_no", "vader_compound"])
    return PageTables(article, sections, sentences, comments, extra=extra or {})


EFFECTS = pd.DataFrame(
    {
        "source": ["article", "comment", "comment"],
        "comment_id": [pd.NA, 1, 2],
        "effect": ["nausea", "dizziness", "nausea"],
        "matched_text": ["nausea", "dizzy", "nausea"],
        "negated": [False, False, True],
        "hypothetical": [True, False, False],
        "experiencer": ["general", "self", "self"],
    }
)


def test_side_effect_matrix_cells():
    data = F.side_effects_data(small_page({"effects": EFFECTS}))
    cells = data.set_index(["effect", "source"])["appearance"]
    assert cells[("nausea", "article")] == "claimed as possible"
    assert cells[("dizziness", "C1")] == "reported first-hand"
    assert cells[("nausea", "C2")] == "negated"
    assert cells[("dizziness", "article")] == "absent"
    ax = F.fig_side_effects(data).axes[0]
    assert tick_texts(ax.yaxis) == ["dizziness", "nausea"]
    assert tick_texts(ax.xaxis) == ["article", "C1 · Ann Lee", "C2 · Bo"]
    first_hand = [c for c in ax.collections if c.get_gid() == "reported first-hand"][0]
    assert first_hand.get_offsets().tolist() == [[1.0, 0.0]]


ALIGNMENT = pd.DataFrame(
    {
        "claim_id": ["1.1", "1.1", "1.2", "1.2", None],
        "claim_label": ["nausea", "nausea", "efficacy (positive) 1.2", "efficacy (positive) 1.2", "dizziness"],
        "claim_text": ["May cause nausea.", "May cause nausea.", "It works.", "It works.", None],
        "effect": ["nausea", "nausea", None, None, "dizziness"],
        "comment_id": [1, 2, 1, 2, 1],
        "relation": ["not_addressed", "contradicts", "corroborates", "not_addressed", "not_in_article"],
    }
)  # fmt: skip


def test_claims_grid_and_effects_not_in_article():
    data = F.claims_data(small_page({"alignment": ALIGNMENT}))
    assert list(dict.fromkeys(data["row"])) == ["S1.1 nausea", "S1.2", "+ dizziness"]
    grid = data.set_index(["row", "comment_id"])["relation"]
    assert grid[("S1.1 nausea", 2)] == "contradicts"
    assert grid[("S1.2", 1)] == "corroborates"
    assert grid[("+ dizziness", 1)] == "reported" and grid[("+ dizziness", 2)] == ""
    ax = F.fig_claims(data).axes[0]
    contradicts = [c for c in ax.collections if c.get_gid() == "contradicts"][0]
    assert contradicts.get_offsets().tolist() == [[1.0, 0.0]]
    assert tick_texts(ax.xaxis) == ["C1 · Ann Lee", "C2 · Bo"]
    assert "not in article: dizziness" in tick_texts(ax.yaxis)


def test_claims_figure_without_claims_component():
    ax = F.fig_claims(small_page()).axes[0]
    assert "no article claims" in ax.texts[0].get_text()


def test_keyness_figure_diverges_by_corpus():
    data = pd.DataFrame(
        {"word": ["syndrome", "muscle", "lol", "zombie"], "g2": [9.0, 5.0, 6.0, 4.0],
         "direction": ["article", "article", "comments", "comments"]}
    )  # fmt: skip
    ax = F.fig_keyness(data).axes[0]
    widths = dict(zip(tick_texts(ax.yaxis), [b.get_width() for b in ax.containers[0]], strict=True))
    assert widths == {"syndrome": -9.0, "muscle": -5.0, "zombie": 4.0, "lol": 6.0}


def test_kwic_figure_one_line_per_occurrence():
    data = pd.DataFrame(
        {"term": ["drugx"] * 2, "source": ["article", "comment"], "unit": ["§1", "C2"],
         "left": ["may", "I took"], "keyword": ["Drugx", "drugx"], "right": ["cause", "daily"],
         "start": [0, 7], "end": [5, 12]}
    )  # fmt: skip
    ax = F.fig_kwic(data).axes[0]
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert bold == ["Drugx", "drugx"]


CORPUS = pd.DataFrame(
    {
        "article_id": ["a", "b"],
        "title": ["Baclofen for RLS", "Ropinirole: what patients should know about it, at length"],
        "comments": [4, 3],
        "stance_comments": [4, 3],
        "stance_favor_share": [0.0, 2 / 3],
        "stance_against_share": [0.75, 0.0],
        "stance_mixed_share": [0.25, 0.0],
        "stance_neutral_share": [0.0, 1 / 3],
        "article_fk_grade": [15.4, 10.2],
        "comments_fk_grade_median": [6.0, 5.1],
    }
)


def test_corpus_stance_stacks_shares_per_article():
    ax = F.fig_corpus_stance(CORPUS).axes[0]
    assert len(ax.containers) == 4  # favor, against, mixed, neutral
    favor, against = ax.containers[0], ax.containers[1]
    assert [b.get_width() for b in favor] == pytest.approx([0.0, 2 / 3])
    assert [b.get_x() for b in against] == pytest.approx([0.0, 2 / 3])
    labels = tick_texts(ax.yaxis)
    assert labels[0] == "Baclofen for RLS (n=4)" and "…" in labels[1]


def test_corpus_readability_has_band_and_both_grades():
    ax = F.fig_corpus_readability(CORPUS).axes[0]
    assert any(p.get_gid() == "recommended-band" for p in ax.patches)
    article = [line for line in ax.lines if line.get_gid() == "article"][0]
    assert list(article.get_xdata()) == [15.4, 10.2]


def test_figures_draw_into_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert F.fig_timeline(TIMELINE, ax=ax) is fig


def test_every_page_figure_draws_from_page_tables_without_components():
    tables = small_page()
    tables.sections["flesch_kincaid_grade"] = 9.0
    for spec in F.PAGE_FIGURES[:2]:
        assert isinstance(spec.draw(tables), Figure)
