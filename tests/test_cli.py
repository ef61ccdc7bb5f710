"""The command line end to end: default input, batches with bad files, exit codes, reruns."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import paths

from conftest import FIXTURES, SEED_TEXT


def run(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m analysis` from the project root and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=paths.PROJECT_ROOT,
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Return (process, out dir) for a batch of the seed, a reply page and two bad files."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "replies.txt").write_bytes((FIXTURES / "pages" / "threaded-replies.txt").read_bytes())
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "notes.txt").write_text("Notes\n\nnothing here\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    return run("report", str(folder), "--out", str(out), "--no-figures"), out


def test_batch_with_bad_files_analyses_the_rest(batch):
    process, out = batch
    assert process.returncode == 0, process.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["replies", "seed"]
    for name in ("article", "sections", "sentences", "comments", "problems"):
        assert (out / "seed" / f"{name}.csv").exists()
    assert "analysed 2 of 4 input(s); 2 skipped" in process.stderr


def test_problems_csv_names_each_skipped_file(batch):
    _, out = batch
    problems = pd.read_csv(out / "problems.csv")
    errors = problems[problems["severity"] == "error"]
    assert sorted(errors["file"].str.rsplit("/", n=1).str[-1]) == ["binary.txt", "notes.txt"]
    assert errors["message"].str.startswith("skipped:").all()
    assert errors.loc[errors["file"].str.endswith("notes.txt"), "line"].tolist() == [3]


def test_comments_csv_has_the_documented_columns(batch):
    _, out = batch
    comments = pd.read_csv(out / "seed" / "comments.csv")
    required = [
        "article_id",
        "comment_id",
        "position",
        "parent_id",
        "author",
        "posted_at",
        "text",
        "word_count",
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "readability_reliable",
        "vader_compound",
        "vader_pos",
        "vader_neu",
        "vader_neg",
        "vader_sentence_mean",
        "sentiment_label",
        "hours_after_publication",
        "gap_hours",
    ]
    assert set(required) <= set(comments.columns)
    assert comments["posted_at"].tolist()[0] == "2023-04-29T00:48:00"
    assert comments["text"].tolist()[1].startswith("bro i tried baclofen")
    replies = pd.read_csv(out / "replies" / "comments.csv")
    assert replies["parent_id"].tolist()[1] == 1


def test_only_bad_inputs_exit_non_zero_with_one_line(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body>hi</body></html>", encoding="utf-8")
    process = run("report", str(bad), "--out", str(tmp_path / "out"), "--no-figures")
    assert process.returncode == 1
    errors = [line for line in process.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "HTML" in errors[0]


def test_rerun_gives_identical_tables(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert run("report", "--out", str(out), "--no-figures").returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*.csv"))
    assert files, "no tables written"
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_default_input_is_the_seed_and_drug_override(tmp_path):
    process = run("report", "--out", str(tmp_path), "--drug", "Lioresal", "--no-figures")
    assert process.returncode == 0
    article = pd.read_csv(tmp_path / "baclofen-restless-leg-syndrome" / "article.csv")
    assert article["source"].tolist() == ["data/raw/baclofen-restless-leg-syndrome.txt"]
    assert article["drug"].tolist() == ["baclofen"]
