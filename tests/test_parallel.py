"""Parallel engines write the same tables as a serial run; bad files never stop a batch."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis.parallel import outcomes, resolve_jobs
from analysis.report import run_report

from conftest import FIXTURES, SEED_TEXT


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Return a folder with the seed, a threaded page, a bad file and a second seed copy."""
    folder = tmp_path_factory.mktemp("batch")
    (folder / "a-seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "b-replies.txt").write_bytes(
        (FIXTURES / "pages" / "threaded-replies.txt").read_bytes()
    )
    (folder / "c-bad.txt").write_bytes(b"\x00\x01binary")
    (folder / "d-seed-crlf.txt").write_bytes(SEED_TEXT.replace("\n", "\r\n").encode())
    return folder


def tables_of(out) -> dict[str, bytes]:
    """Return every CSV under `out` keyed by its relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.csv"))}


@pytest.fixture(scope="module")
def serial(inputs, tmp_path_factory):
    """Return the tables of a serial run."""
    out = tmp_path_factory.mktemp("serial")
    summary = run_report([inputs], out, figures=False, progress=False)
    assert (summary.analysed, summary.skipped) == (3, 1)
    return tables_of(out)


def test_two_local_workers_write_identical_tables(inputs, serial, tmp_path):
    summary = run_report([inputs], tmp_path, figures=False, progress=False, jobs=2)
    assert (summary.analysed, summary.skipped) == (3, 1)
    assert tables_of(tmp_path) == serial


def test_dask_local_cluster_writes_identical_tables(inputs, serial, tmp_path):
    summary = run_report([inputs], tmp_path, figures=False, progress=False, jobs=2, engine="dask")
    assert (summary.analysed, summary.skipped) == (3, 1)
    assert tables_of(tmp_path) == serial


def test_bad_file_is_reported_and_the_rest_written(serial):
    problems = pd.read_csv(pd.io.common.StringIO(serial["problems.csv"].decode()))
    errors = problems[problems["severity"] == "error"]
    assert errors["file"].str.endswith("c-bad.txt").tolist() == [True]
    assert {"a-seed/comments.csv", "b-replies/comments.csv", "d-seed-crlf/comments.csv"} <= set(
        serial
    )


def test_outcomes_come_back_in_input_order(inputs):
    files = sorted(inputs.iterdir())
    got = [o.path.name for o in outcomes(files, jobs=2, components=())]
    assert got == [p.name for p in files]


def test_corpus_table_has_one_row_per_article(serial):
    corpus = pd.read_csv(pd.io.common.StringIO(serial["corpus.csv"].decode()))
    assert corpus["article_id"].tolist() == ["a-seed", "b-replies", "d-seed-crlf"]
    assert corpus["comments"].tolist() == [4, 3, 4]
    seed = corpus.iloc[0]
    assert seed["median_lag_hours"] == pytest.approx((38.4 + 39 + 5 / 60) / 2)
    assert seed["article_fk_grade"] > seed["comments_fk_grade_median"]


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        outcomes([], engine="spark")


def test_resolve_jobs():
    assert resolve_jobs(3) == 3
    assert resolve_jobs(0) >= 1


def test_import_analysis_stays_light():
    code = (
        "import sys, analysis, analysis.cli; "
        "heavy = [m for m in ('pandas', 'matplotlib', 'spacy', 'nltk', 'dask', 'textstat') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
