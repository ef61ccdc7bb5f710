"""--pseudonymize: no commenter name in any output file; stable pseudonyms; names in replies."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import paths
from analysis.loader import load_page
from analysis.privacy import pseudonymize, pseudonyms, scrubber
from analysis.report import run_report

from conftest import FIXTURES

PAGES = [
    paths.SEED_PAGE,
    FIXTURES / "pages" / "threaded-replies.txt",
    FIXTURES / "pages" / "hostile.txt",
]


def names_to_hide(parts: bool = True) -> set[str]:
    """Return every commenter's full name and (with `parts`) each name part of 3+ letters."""
    names = set()
    for page in PAGES:
        for author in load_page(page).comments["author"].dropna():
            names.add(author)
            if parts:
                names.update(part for part in re.findall(r"\w+", author) if len(part) >= 3)
    return names


@pytest.fixture(scope="module")
def pseudonymized_run(tmp_path_factory):
    """Return (tables root, figures root) of a pseudonymised report over three pages."""
    out = tmp_path_factory.mktemp("tables")
    figures = tmp_path_factory.mktemp("figures")
    summary = run_report(PAGES, out, figures_root=figures, pseudonymize=True, progress=False)
    assert summary.analysed == 3
    return out, figures


def test_names_we_look_for_are_real():
    hidden = names_to_hide()
    assert {"Tim H", "Umesh Sukhwani", "Zoë O'Brien", "李小龍", "../../etc/passwd"} <= hidden
    assert {"Mallory", "Bartholomew"} <= hidden


def test_no_name_in_any_output_file(pseudonymized_run):
    files = [p for root in pseudonymized_run for p in root.rglob("*") if p.is_file()]
    assert len(files) > 80  # tables, 8 figures x 5 files x 3 pages, reports

    # Whole words only: "Eve" must not be found inside "every", but "Eve here" must. Compressed
    # PNG/PDF bytes hold any 3-letter run by chance ("Tim"), so binaries are searched for full
    # names only; every text file (CSV, SVG, HTML, TXT) for names and name parts.
    def patterns(names):
        return {n: re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE) for n in names}

    text_patterns, binary_patterns = patterns(names_to_hide()), patterns(names_to_hide(False))
    leaks = []
    for path in files:
        data = path.read_bytes().decode("utf-8", errors="replace")
        search = binary_patterns if path.suffix in {".png", ".pdf"} else text_patterns
        leaks += [(path.name, n) for n, pattern in search.items() if pattern.search(data)]
    assert leaks == []


def test_pseudonyms_follow_page_order(pseudonymized_run):
    out, _ = pseudonymized_run
    comments = pd.read_csv(out / "hostile" / "comments.csv")
    assert comments["author"].tolist() == ["Commenter 1", "Commenter 2", "Commenter 3"]
    # Replies name people: "@../../etc/passwd" and "Mallory," become the pseudonyms.
    assert comments.loc[1, "text"].startswith("@Commenter 1 Same here")
    assert comments.loc[2, "text"].startswith("Commenter 2, you should ask")


def test_pseudonyms_in_figures_and_report(pseudonymized_run):
    _, figures = pseudonymized_run
    svg = (figures / "baclofen-restless-leg-syndrome" / "02-sentiment-vs-stance.svg").read_text(
        encoding="utf-8"
    )
    assert "C2 · Commenter 2" in svg
    html = (figures / "threaded-replies" / "report.html").read_text(encoding="utf-8")
    assert "Commenter 3" in html


def test_pseudonyms_are_stable_across_runs():
    first = pseudonymize(load_page(paths.SEED_PAGE)).comments["author"].tolist()
    second = pseudonymize(load_page(paths.SEED_PAGE)).comments["author"].tolist()
    assert first == second == ["Commenter 1", "Commenter 2", "Commenter 3", "Commenter 4"]


def test_scrubber_whole_words_and_function_word_names():
    scrub = scrubber(pseudonyms(["Tim H", "Will Rose"]))
    assert scrub("tim h said Tim was right; Timothy too") == (
        "Commenter 1 said Commenter 1 was right; Timothy too"
    )
    # "Will" is a name only with its capital; "will" stays a verb.
    assert (
        scrub("Will, it will pass. Rose agrees.")
        == "Commenter 2, it will pass. Commenter 2 agrees."
    )


def test_shared_name_part_is_not_attributed():
    scrub = scrubber(pseudonyms(["Anna Smith", "Bob Smith"]))
    assert scrub("Smith is right") == "[name] is right"
