"""Helpers that keep the notebooks short: cached analysis, inline figures, one-line findings.

`python -m analysis.notebook [NOTEBOOK ...]` executes the notebooks in place (papermill, kernel
`python3`) and strips volatile metadata (execution counts, timestamps, papermill's record, random
cell ids) so committed notebooks keep their outputs and still diff cleanly.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from . import paths
from .model import PageTables

NOTEBOOKS = (
    "01-load-and-inspect",
    "02-readability",
    "03-sentiment-vs-stance",
    "04-claims-vs-experiences",
    "05-comment-timing",
    "06-vocabulary",
)
KERNEL = "python3"
CACHE_ENV = "ANALYSIS_CACHE_DIR"
VOLATILE_METADATA = ("papermill", "execution", "widgets", "collapsed", "scrolled")


# --- loading --------------------------------------------------------------------------------


def resolve_page(page: str | Path | None) -> Path:
    """Return the page path: as given, else relative to the project root; default the seed."""
    if page is None or str(page) == "":
        return paths.SEED_PAGE
    path = Path(page)
    if path.exists() or path.is_absolute():
        return path
    return paths.PROJECT_ROOT / path


def _code_fingerprint() -> str:
    """Return a hash of the package's code and data, so a code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(paths.PACKAGE_DIR.rglob("*")):
        if (
            path.is_file()
            and path.suffix in {".py", ".csv", ".json"}
            and "__pycache__" not in path.parts
        ):
            digest.update(str(path.relative_to(paths.PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Return the folder of cached analyses ($ANALYSIS_CACHE_DIR, else the system temp folder)."""
    return Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "analysis-cache")


def load_analysed(
    page: str | Path | None = None, drug: str | None = None, *, pseudonymize: bool = False
) -> PageTables:
    """Return the page's analysed tables, from an on-disk cache keyed by page, drug and code."""
    from .pipeline import COMPONENTS, analyse, load

    path = resolve_page(page)
    key = hashlib.sha256(
        json.dumps(
            [
                hashlib.sha256(path.read_bytes()).hexdigest(),
                drug,
                pseudonymize,
                list(COMPONENTS),
                _code_fingerprint(),
            ]
        ).encode()  # fmt: skip
    ).hexdigest()[:32]
    cached = cache_dir() / f"{key}.pickle"
    if cached.exists():
        with cached.open("rb") as handle:
            return pickle.load(handle)
    tables = load(path, drug=drug)
    if pseudonymize:
        from .privacy import pseudonymize as replace_names

        tables = replace_names(tables)
    tables = analyse(tables)
    cached.parent.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(f".{os.getpid()}.tmp")  # atomic: notebooks may run in parallel
    with temporary.open("wb") as handle:
        pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, cached)
    return tables


# --- display ----------------------------------------------------------------------------------


def figure_png(fig) -> bytes:
    """Return a figure as PNG bytes (100 dpi, no volatile metadata) for inline display."""
    import io

    from .export import save_figure  # noqa: F401  (same style and warning filter)
    from .figures import style

    buffer = io.BytesIO()
    with style():
        fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def enable_inline_figures() -> None:
    """Make IPython show a returned matplotlib Figure as a PNG (no pyplot state involved)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)
    # A Figure otherwise also prints its repr as text/plain; keep the notebook output clean.
    shell.display_formatter.formatters["text/plain"].for_type(
        Figure, lambda fig, p, cycle: p.text("")
    )


def finding(text: str):
    """Return a one-line finding as Markdown (shown bold under the notebook's heading)."""
    from IPython.display import Markdown

    return Markdown(f"**{text}**")


def table(frame: pd.DataFrame, rows: int = 20) -> pd.DataFrame:
    """Return the first rows of a frame with long texts shortened, for a compact display."""
    from .figures import shorten

    out = frame.head(rows).copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: shorten(v, 80) if isinstance(v, str) else v)
    return out


# --- findings (one sentence each, true for whatever page was loaded) --------------------------


def overview(tables: PageTables) -> pd.DataFrame:
    """Return the page at a glance: title, author, date, drug, counts and problems."""
    article = tables.article.iloc[0]
    comments = tables.comments
    replies = int((comments["depth"] > 0).sum()) if "depth" in comments else 0
    rows = [
        ("title", article.get("title")),
        ("author", article.get("author")),
        ("published", str(article.get("published"))[:10]),
        ("drug", article.get("drug")),
        ("sections", len(tables.sections)),
        ("article words", article.get("word_count")),
        ("comments (replies)", f"{len(comments)} ({replies})"),
        ("problems", len(tables.problems)),
    ]
    return pd.DataFrame(rows, columns=["", "value"]).set_index("")


def readability_finding(tables: PageTables) -> str:
    """Return the readability gap between article and comments in one sentence."""
    article = float(tables.article["flesch_kincaid_grade"].iloc[0])
    comments = tables.comments["flesch_kincaid_grade"].astype(float)
    unreliable = int((~tables.comments["readability_reliable"].astype(bool)).sum())
    return (
        f"The article reads at grade {article:.1f}, the comments at a median grade "
        f"{comments.median():.1f} (recommended for patients: 6–8); {unreliable} of "
        f"{len(comments)} comments are too short for a reliable grade."
    )


def tone_stance_finding(tables: PageTables) -> str:
    """Return how sentiment and stance compare across the comments, in one sentence."""
    comments = tables.comments
    positive = int((comments["vader_compound"] >= 0.05).sum())
    if "stance" not in comments:
        return f"{positive} of {len(comments)} comments are positive in tone; stance not computed."
    favour = int((comments["stance"] == "favor").sum())
    against = int((comments["stance"] == "against").sum())
    return (
        f"{positive} of {len(comments)} comments are positive in tone, yet {favour} are in "
        f"favour of the drug and {against} against it."
    )


def effects_finding(tables: PageTables) -> str:
    """Return which side effects commenters report that the article does not mention."""
    from .figures import side_effects_data

    data = side_effects_data(tables)
    if data.empty:
        return "No side effects were found on this page (effects component not run?)."
    in_article = set(
        data.loc[(data["source"] == "article") & (data["appearance"] != "absent"), "effect"]
    )
    reported = data[data["appearance"].isin(["reported first-hand", "reported of others"])]
    missing = sorted(set(reported["effect"]) - in_article)
    return (
        f"The article names {len(in_article)} side effects; commenters report "
        f"{reported['effect'].nunique()} themselves or of others, "
        f"{len(missing)} of them not in the article"
        + (f": {', '.join(missing)}." if missing else ".")
    )


def timing_finding(tables: PageTables) -> str:
    """Return when comments arrived, in one sentence."""
    article = tables.article.iloc[0]
    first = article.get("time_to_first_comment_hours")
    half = article.get("comment_half_life_hours")
    if pd.isna(first):
        return "No comment carries a date."
    return (
        f"The first comment came {first:.1f} h after publication (at most); half of the "
        f"{int(article.get('timed_comments'))} dated comments had arrived by {half:.1f} h."
    )


def vocabulary_finding(tables: PageTables, top: int = 5) -> str:
    """Return the most distinctive words of the article and of the comments, in one sentence."""
    from .figures import keyness_data

    data = keyness_data(tables, top=top)
    article = ", ".join(data.loc[data["direction"] == "article", "word"]) or "none"
    comments = ", ".join(data.loc[data["direction"] == "comments", "word"]) or "none"
    return f"The article's own words: {article}. The comments' own words: {comments}."


# --- executing and cleaning the notebooks ------------------------------------------------------


def clean(path: Path) -> Path:
    """Strip volatile metadata from an executed notebook in place (outputs are kept)."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for key in VOLATILE_METADATA:
        notebook.metadata.pop(key, None)
    for number, cell in enumerate(notebook.cells, start=1):
        cell["id"] = f"cell-{number:02d}"  # stable ids instead of random ones
        for key in VOLATILE_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.execution_count = None
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = None
                output.get("metadata", {}).pop("execution", None)
    nbformat.write(notebook, path)
    return path


KERNEL_START_ATTEMPTS = 3


def execute(notebook: Path, output: Path | None = None, parameters: dict | None = None) -> Path:
    """Execute a notebook headless with papermill (kernel python3) and return the output path."""
    import papermill

    output = Path(output or notebook)
    for attempt in range(KERNEL_START_ATTEMPTS):
        try:
            papermill.execute_notebook(
                str(notebook),
                str(output),
                parameters=parameters or {},
                kernel_name=KERNEL,
                cwd=str(Path(notebook).parent),
                progress_bar=False,
                log_output=False,
            )
            return output
        except RuntimeError as error:
            # Kernels started at the same moment can pick the same free TCP port (jupyter_client
            # finds ports by binding and releasing them); the loser dies before it answers. A
            # failing cell raises PapermillExecutionError instead and is never retried.
            if "Kernel died before replying" not in str(error):
                raise
            if attempt == KERNEL_START_ATTEMPTS - 1:
                raise
            time.sleep(0.5 * (attempt + 1))
    return output


def main(argv: list[str] | None = None) -> int:
    """Execute and clean the named notebooks (default: all of notebooks/); return 0."""
    names = argv if argv is not None else sys.argv[1:]
    targets = [Path(n) for n in names] or [paths.NOTEBOOKS_DIR / f"{n}.ipynb" for n in NOTEBOOKS]
    for target in targets:
        clean(execute(target))
        print(f"executed and cleaned {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
