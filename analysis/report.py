"""The `report` job: analyse many inputs, write their tables (and figures), collect every problem."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .corpus import corpus_row, write_corpus
from .model import PageTables, Problem
from .output import write_problems, write_tables
from .pipeline import COMPONENTS, expand_inputs


@dataclass
class RunSummary:
    """What a report run did: folders written, problems met, inputs analysed and skipped."""

    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    analysed: int = 0
    skipped: int = 0
    figure_dirs: list[Path] = field(default_factory=list)
    corpus: list[dict] = field(default_factory=list)  # one corpus.csv row per article


def _unique_id(tables: PageTables, used: set[str]) -> None:
    """Give the article an id not used earlier in the run (two files may share a name)."""
    base = tables.article_id
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    if candidate != base:
        tables.problems.append(
            Problem(
                str(tables.article["source"].iloc[0]),
                None,
                "warning",
                f"article id {base!r} already used in this run; written as {candidate!r}",
            )
        )
        frames = [tables.article, tables.sections, tables.sentences, tables.comments]
        for frame in frames + list(tables.extra.values()):
            if "article_id" in frame:
                frame["article_id"] = candidate
    used.add(candidate)


def run_report(
    inputs: Iterable[str | Path],
    out_root: Path,
    *,
    drug: str | None = None,
    article: str | Path | None = None,
    components: Iterable[str] = COMPONENTS,
    progress: bool | None = None,
    figures: bool = True,
    figures_root: Path = paths.FIGURES_DIR,
    pseudonymize: bool = False,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """Analyse every input, write tables per article and a run-wide problems.csv; return a summary."""
    from tqdm import tqdm

    from .export import MAX_FIGURE_WORKERS, export_page, figure_pool
    from .parallel import outcomes as run_outcomes
    from .parallel import resolve_jobs

    files = expand_inputs(inputs)
    summary = RunSummary()
    used: set[str] = set()
    show = len(files) > 1 if progress is None else progress
    # Names are replaced between loading and analysis when pseudonymising (see analysis.privacy).
    outcomes = run_outcomes(
        files,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        drug=drug,
        article=article,
        components=tuple(components),
        pseudonymize=pseudonymize,
    )
    # Figures are drawn by local worker processes too (Dask workers only analyse); a page has
    # eight figures, so more than MAX_FIGURE_WORKERS processes would only cost memory.
    workers = min(resolve_jobs(jobs), MAX_FIGURE_WORKERS) if figures and engine == "local" else 1
    with figure_pool(workers) as pool:
        for outcome in tqdm(
            outcomes, total=len(files), unit="file", disable=not show, file=sys.stderr
        ):
            if outcome.tables is None:
                summary.skipped += 1
                summary.problems.append(outcome.error)
                continue
            _unique_id(outcome.tables, used)
            summary.written.append(write_tables(outcome.tables, out_root))
            summary.corpus.append(corpus_row(outcome.tables))
            if figures:
                summary.figure_dirs.append(export_page(outcome.tables, figures_root, pool=pool))
            summary.problems.extend(outcome.tables.problems)
            summary.analysed += 1
    write_problems(summary.problems, out_root)
    corpus_path = write_corpus(summary.corpus, out_root)
    if figures and len(summary.corpus) > 1:
        import pandas as pd

        from .export import export_corpus

        summary.figure_dirs.append(export_corpus(pd.read_csv(corpus_path), figures_root))
    return summary
