"""Every notebook runs headless (papermill, kernel python3) on the seed and on a reply page.

The committed notebooks are also checked as documents: autoreload first, a `parameters` cell,
short code cells without definitions, outputs kept and volatile metadata stripped.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor

import nbformat
import pytest

from analysis import notebook as nb
from analysis import paths

from conftest import FIXTURES

NOTEBOOKS = [paths.NOTEBOOKS_DIR / f"{name}.ipynb" for name in nb.NOTEBOOKS]
PAGES = {
    "seed": {"page": str(paths.SEED_PAGE), "drug": "baclofen"},
    "replies": {"page": str(FIXTURES / "pages" / "threaded-replies.txt"), "drug": "ropinirole"},
}


def code_cells(notebook) -> list:
    """Return the code cells of a notebook."""
    return [c for c in notebook.cells if c.cell_type == "code"]


def outputs_text(notebook) -> str:
    """Return every text, HTML and Markdown output of a notebook joined."""
    parts = []
    for cell in code_cells(notebook):
        for output in cell.outputs:
            data = output.get("data", {})
            parts += [data.get(k, "") for k in ("text/markdown", "text/html", "text/plain")]
            parts.append(output.get("text", ""))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Return {(page key, notebook stem): executed notebook} for every page and notebook."""
    out = tmp_path_factory.mktemp("notebooks")
    cache = tmp_path_factory.mktemp("cache")
    previous = os.environ.get(nb.CACHE_ENV)
    os.environ[nb.CACHE_ENV] = str(cache)  # kernels inherit it: a fresh cache, shared by all
    try:
        for params in PAGES.values():  # analyse each page once, before the kernels start
            nb.load_analysed(params["page"], params["drug"])
        jobs = {
            (key, path.stem): (path, out / f"{key}-{path.name}", params)
            for key, params in PAGES.items()
            for path in NOTEBOOKS
        }
        with ProcessPoolExecutor(max_workers=4) as pool:
            futures = {k: pool.submit(nb.execute, *job) for k, job in jobs.items()}
            done = {k: f.result(timeout=300) for k, f in futures.items()}
    finally:
        if previous is None:
            os.environ.pop(nb.CACHE_ENV, None)
        else:
            os.environ[nb.CACHE_ENV] = previous
    return {k: nbformat.read(p, as_version=4) for k, p in done.items()}


def test_every_notebook_runs_without_errors_on_both_pages(executed):
    assert len(executed) == 2 * len(NOTEBOOKS)
    for key, notebook in executed.items():
        errors = [o for c in code_cells(notebook) for o in c.outputs if o.output_type == "error"]
        assert errors == [], key


def test_figures_are_shown_inline(executed):
    for (page, stem), notebook in executed.items():
        if stem == "01-load-and-inspect":
            continue
        images = [
            o for c in code_cells(notebook) for o in c.outputs if "image/png" in o.get("data", {})
        ]
        assert images, (page, stem)


def test_parameters_reach_the_analysis(executed):
    seed = outputs_text(executed[("seed", "01-load-and-inspect")])
    replies = outputs_text(executed[("replies", "01-load-and-inspect")])
    assert "Baclofen and Restless Leg Syndrome" in seed
    assert "Ropinirole for Restless Legs" in replies and "3 (1)" in replies  # 3 comments, 1 reply
    timing = outputs_text(executed[("replies", "05-comment-timing")])
    # Published May 3, 2024; first comment May 3 09:15 -> 9.2 h; 2nd of 3 at 11:02 -> 11.0 h.
    assert "came 9.2 h after publication" in timing and "by 11.0 h" in timing
    vocabulary = outputs_text(executed[("replies", "06-vocabulary")])
    assert "ropinirole" in vocabulary.lower()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_reads_like_a_fact_sheet(path):
    notebook = nbformat.read(path, as_version=4)
    cells = code_cells(notebook)
    setup = cells[0].source.splitlines()
    assert setup[:3] == ["%load_ext autoreload", "%autoreload 2", "import analysis"]
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "page =" in tagged[0].source and "drug =" in tagged[0].source
    headings = [
        c for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith("## ")
    ]
    assert len(headings) >= 2
    for cell in cells:
        assert len(cell.source.splitlines()) <= 10
        assert not re.search(r"^\s*(def|class|async def)\s", cell.source, re.MULTILINE)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_has_outputs_and_no_volatile_metadata(path):
    notebook = nbformat.read(path, as_version=4)
    assert not set(notebook.metadata) & set(nb.VOLATILE_METADATA)
    assert any(c.outputs for c in code_cells(notebook))  # readable without running it
    for number, cell in enumerate(notebook.cells, start=1):
        assert cell.get("id") == f"cell-{number:02d}"
        assert not set(cell.metadata) & set(nb.VOLATILE_METADATA)
        if cell.cell_type == "code":
            assert cell.execution_count is None
            assert all(o.get("execution_count") is None for o in cell.outputs)


def test_clean_strips_what_papermill_adds(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=7)
    cell.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00"}
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=7)
    ]
    notebook.cells = [cell]
    notebook.metadata["papermill"] = {"duration": 1.5}
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, path)
    cleaned = nbformat.read(nb.clean(path), as_version=4)
    assert "papermill" not in cleaned.metadata and "papermill" not in cleaned.cells[0].metadata
    assert cleaned.cells[0].execution_count is None
    assert cleaned.cells[0].outputs[0]["execution_count"] is None
    assert cleaned.cells[0].outputs[0]["data"]["text/plain"] == "2"


def test_execute_retries_a_kernel_that_died_at_start(monkeypatch, tmp_path):
    import papermill

    calls = []

    def flaky(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    monkeypatch.setattr(nb.time, "sleep", lambda s: None)
    assert nb.execute(tmp_path / "a.ipynb") == tmp_path / "a.ipynb"
    assert len(calls) == 2

    def broken(*args, **kwargs):
        calls.append(args)
        raise RuntimeError("something else")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(RuntimeError, match="something else"):
        nb.execute(tmp_path / "a.ipynb")
    assert len(calls) == 3  # not retried
