"""Export: every format beside data and caption, byte-identical reruns, a hostile page escaped."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from analysis import paths
from analysis.export import export_page, figure_pool
from analysis.figures import PAGE_FIGURES
from analysis.loader import load_page
from analysis.pipeline import analyse

from conftest import FIXTURES

HOSTILE = FIXTURES / "pages" / "hostile.txt"
SUFFIXES = ("png", "svg", "pdf", "csv", "txt")


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory):
    """Return the figures folder of the seed page, exported in this process."""
    root = tmp_path_factory.mktemp("figures")
    return export_page(analyse(load_page(paths.SEED_PAGE)), root)


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory):
    """Return (figures root, folder) of the hostile page."""
    root = tmp_path_factory.mktemp("hostile")
    return root, export_page(analyse(load_page(HOSTILE)), root)


def test_every_figure_in_every_format_with_data_and_caption(seed_export):
    names = {p.name for p in seed_export.iterdir()}
    expected = {f"{spec.stem}.{s}" for spec in PAGE_FIGURES for s in SUFFIXES} | {"report.html"}
    assert names == expected
    assert seed_export.name == "baclofen-restless-leg-syndrome"
    for spec in PAGE_FIGURES:
        caption = (seed_export / f"{spec.stem}.txt").read_text(encoding="utf-8")
        assert caption.endswith("\n") and caption.count("\n") == 1 and len(caption) > 20


def test_figure_data_csv_holds_what_the_figure_shows(seed_export):
    sentiment = pd.read_csv(seed_export / "02-sentiment-vs-stance.csv")
    assert sentiment["comment_id"].tolist() == [1, 2, 3, 4]
    assert (sentiment["vader_compound"] > 0).all()  # the seed: every comment positive in tone
    timeline = pd.read_csv(seed_export / "03-comment-timeline.csv")
    assert timeline["cumulative"].tolist() == [1, 2, 3, 4]
    # Apr 29 00:48 is 24.8 h after Apr 28 00:00; the 2nd of 4 arrivals is Apr 29 14:24 (38.4 h).
    assert timeline["hours_after_publication"].iloc[0] == pytest.approx(24.8)
    assert timeline["half_life_hours"].iloc[0] == pytest.approx(38.4)
    readability = pd.read_csv(seed_export / "01-readability.csv")
    assert readability["kind"].value_counts().to_dict() == {
        "section": 5,
        "comment": 4,
        "article": 1,
    }


def test_png_is_300_dpi_and_svg_keeps_text_as_text(seed_export):
    png = (seed_export / "01-readability.png").read_bytes()
    phys = png[png.index(b"pHYs") + 4 : png.index(b"pHYs") + 12]
    assert int.from_bytes(phys[:4], "big") == round(300 / 0.0254)  # pixels per metre
    svg = (seed_export / "02-sentiment-vs-stance.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "Tim H" in svg


def test_no_volatile_metadata(seed_export):
    for path in seed_export.glob("*.png"):
        data = path.read_bytes()
        assert b"Software" not in data and b"matplotlib" not in data.lower()
    for path in seed_export.glob("*.svg"):
        assert "<dc:date>" not in path.read_text(encoding="utf-8")
    for path in seed_export.glob("*.pdf"):
        data = path.read_bytes()
        assert b"/CreationDate" not in data and b"/ModDate" not in data


def test_export_is_byte_identical_across_processes(seed_export, tmp_path):
    # A second export in a fresh interpreter with another hash seed: set order, font caches and
    # ids must not leak into the bytes.
    script = (
        "import sys; from pathlib import Path; from analysis import paths;"
        "from analysis.loader import load_page; from analysis.pipeline import analyse;"
        "from analysis.export import export_page;"
        "export_page(analyse(load_page(paths.SEED_PAGE)), Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "MPLBACKEND": "Agg"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, env=env, timeout=600)
    again = tmp_path / seed_export.name
    first = sorted(p.name for p in seed_export.iterdir())
    assert sorted(p.name for p in again.iterdir()) == first
    different = [n for n in first if (seed_export / n).read_bytes() != (again / n).read_bytes()]
    assert different == []


def test_rerun_into_the_same_folder_is_identical(seed_export, tmp_path):
    tables = analyse(load_page(paths.SEED_PAGE))
    folder = export_page(tables, tmp_path)
    for name in ("04-side-effects.pdf", "06-sentiment-arc.svg", "report.html"):
        assert (folder / name).read_bytes() == (seed_export / name).read_bytes()


def test_figures_drawn_in_worker_processes_are_the_same_files(seed_export, tmp_path):
    tables = analyse(load_page(paths.SEED_PAGE))
    with figure_pool(2) as pool:
        assert pool is not None
        folder = export_page(tables, tmp_path, pool=pool)
    first = sorted(p.name for p in seed_export.iterdir())
    assert sorted(p.name for p in folder.iterdir()) == first
    assert [n for n in first if (seed_export / n).read_bytes() != (folder / n).read_bytes()] == []


def test_one_figure_worker_means_no_pool():
    with figure_pool(1) as pool:
        assert pool is None


def test_hostile_page_writes_only_inside_its_folder(hostile_export):
    root, folder = hostile_export
    assert folder == root / "hostile"
    everything = [p for p in root.rglob("*")]
    assert all(p.parent == folder or p == folder for p in everything)
    assert all(re.fullmatch(r"\d\d-[a-z-]+\.(png|svg|pdf|csv|txt)|report\.html", p.name)
               for p in folder.iterdir())  # fmt: skip


def test_article_id_cannot_escape_the_figures_root(tmp_path):
    tables = analyse(load_page(HOSTILE))
    tables.article["article_id"] = "../../escaped"
    folder = export_page(tables, tmp_path / "root", formats=("svg",), html=False)
    assert folder == tmp_path / "root" / "escaped"
    assert not (tmp_path / "escaped").exists()


def test_hostile_report_escapes_every_piece_of_page_text(hostile_export):
    _, folder = hostile_export
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "&lt;script&gt;document.location=" in html
    assert "<title>Is $x^2$ the Dose? &lt;script&gt;" in html
    assert "Content-Security-Policy" in html


def test_hostile_svgs_draw_dollars_literally_and_escape_markup(hostile_export):
    _, folder = hostile_export
    arc = (folder / "06-sentiment-arc.svg").read_text(encoding="utf-8")
    assert "Is $x^2$ the Dose? &lt;script&gt;" in arc  # mathtext would have split "$x^2$"
    assert "$\\alpha$" in arc
    for path in folder.glob("*.svg"):
        assert "<script" not in path.read_text(encoding="utf-8").lower()
    readability = (folder / "01-readability.svg").read_text(encoding="utf-8")
    assert "../../etc/passwd" in readability  # the name is shown, never used as a path
