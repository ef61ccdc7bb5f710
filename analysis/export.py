"""Export every figure of a page in every format, beside its data, caption and an HTML report.

Layout, per article: `figures/<article_id>/NN-name.{png,svg,pdf,csv,txt}` and `report.html`.
Reruns are byte-identical: no timestamps or software versions in the files' metadata, fixed SVG
ids (svg.hashsalt), and no input decides a path (the article id is re-slugged, stems are fixed).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .model import PageTables
from .output import article_dir, write_csv

FORMATS = ("png", "svg", "pdf")
MAX_FIGURE_WORKERS = 4  # each worker holds matplotlib (~100 MB); a page has eight figures
CREATOR = "analysis (discourse analysis of health articles and comments)"
# Metadata that would change between runs (dates, library versions) is left out on purpose.
SAVE_OPTIONS = {
    "png": {"dpi": 300, "metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None, "Creator": CREATOR}},
    "pdf": {
        "metadata": {
            "CreationDate": None,
            "ModDate": None,
            "Creator": CREATOR,
            "Producer": CREATOR,
        }
    },
}


@dataclass(frozen=True)
class ExportedFigure:
    """One exported figure: its file stem, caption, and the files written."""

    stem: str
    caption: str
    files: tuple[Path, ...]


def save_figure(fig, path: Path) -> Path:
    """Save `fig` to `path` (format from the suffix) with reproducible metadata; return the path."""
    from . import figures

    fmt = path.suffix.lstrip(".").lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    with figures.style(), warnings.catch_warnings():
        # Scripts DejaVu lacks (CJK, emoji) draw as boxes in PNG/PDF; SVG keeps the real text.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        fig.savefig(path, format=fmt, **SAVE_OPTIONS.get(fmt, {}))
    return path


def export_figure(
    fig, data, caption: str, folder: Path, stem: str, formats: tuple[str, ...] = FORMATS
) -> ExportedFigure:
    """Write one figure in every format beside its data (CSV) and one-line caption (TXT)."""
    files = [save_figure(fig, folder / f"{stem}.{fmt}") for fmt in formats]
    files.append(write_csv(data, folder / f"{stem}.csv"))
    caption = " ".join(caption.split())  # one line, always
    caption_path = folder / f"{stem}.txt"
    caption_path.write_text(caption + "\n", encoding="utf-8", newline="\n")
    files.append(caption_path)
    return ExportedFigure(stem, caption, tuple(files))


def export_page_figure(
    tables: PageTables, index: int, folder: Path, formats: tuple[str, ...] = FORMATS
) -> ExportedFigure:
    """Return page figure number `index` (of figures.PAGE_FIGURES), drawn and written to `folder`."""
    from . import figures

    spec = figures.PAGE_FIGURES[index]
    data = spec.data(tables)
    fig = spec.draw(data)
    return export_figure(fig, data, spec.caption(data), folder, spec.stem, formats)


def _warm_figure_worker() -> None:
    """Import matplotlib, its file backends and the house style once per figure worker."""
    import matplotlib.backends.backend_agg
    import matplotlib.backends.backend_pdf
    import matplotlib.backends.backend_svg  # noqa: F401

    from . import figures

    with figures.style():
        pass


@contextmanager
def figure_pool(workers: int) -> Iterator[Executor | None]:
    """Yield a pool of `workers` figure processes (None for one), started and warmed at once.

    Started before the analysis ends, the workers import matplotlib on the other cores while the
    main process analyses, so a one-page report spends no serial time on it.
    """
    if workers < 2:
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers never inherit the parent's threads (tqdm, Dask clients)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_figure_worker) as pool:
        for _ in range(workers):
            pool.submit(int)  # a no-op task makes the pool start its workers now
        yield pool


def export_page(
    tables: PageTables,
    figures_root: Path,
    *,
    formats: tuple[str, ...] = FORMATS,
    html: bool = True,
    pool: Executor | None = None,
) -> Path:
    """Write every page figure (all formats, CSV data, caption) and report.html; return the folder.

    With a `pool` (see figure_pool) the figures are drawn in its processes; the files are the same.
    """
    from . import figures

    folder = article_dir(figures_root, tables.article_id)
    indices = range(len(figures.PAGE_FIGURES))
    if pool is None:
        exported = [export_page_figure(tables, i, folder, formats) for i in indices]
    else:
        futures = [pool.submit(export_page_figure, tables, i, folder, formats) for i in indices]
        exported = [future.result() for future in futures]
    if html:
        from .html_report import write_report

        write_report(tables, folder, exported)
    return folder


# Article ids are slugs of [a-z0-9-]; a leading underscore keeps this folder apart from them.
CORPUS_FOLDER = "_corpus"


def export_corpus(corpus, figures_root: Path, *, formats: tuple[str, ...] = FORMATS) -> Path:
    """Write the corpus figures (stance per article, readability article vs comments)."""
    from . import figures

    folder = Path(figures_root) / CORPUS_FOLDER
    specs = [
        ("01-stance-per-article", figures.fig_corpus_stance, "Share of comments by stance toward "
         "the drug, per article (favor, against, mixed, neutral)."),
        ("02-readability-article-vs-comments", figures.fig_corpus_readability, "Flesch-Kincaid "
         "grade of each article beside the median of its comments; band = grades 6-8."),
    ]  # fmt: skip
    for stem, draw, caption in specs:
        export_figure(draw(corpus), corpus, caption, folder, stem, formats)
    return folder
