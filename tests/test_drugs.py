"""The drug table: swapping it for a user's table, and the trainer's frozen copy."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.drugs import DRUGS_FILE, load_drugs, lookup_drug, other_drugs_pattern, use_table

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
TINY = "generic,brands,variants,drug_class\nzorblafen,Zorbla,zorblaphen,made-up class\n"


def test_use_table_swaps_the_table_and_restores_it(tmp_path):
    table = tmp_path / "drugs.csv"
    table.write_text(TINY, encoding="utf-8")
    baclofen = lookup_drug("baclofen")
    assert other_drugs_pattern(baclofen).search("then Requip")
    with use_table(table):
        assert [d.generic for d in load_drugs()] == ["zorblafen"]
        assert lookup_drug("Zorblaphen").generic == "zorblafen"
        # the cached pattern was built from the package table: it must be rebuilt, not reused
        assert not other_drugs_pattern(baclofen).search("then Requip")
    assert lookup_drug("Zorbla").generic == "zorbla"  # unknown again: a target named only
    assert other_drugs_pattern(baclofen).search("then Requip")
    assert load_drugs() == load_drugs(DRUGS_FILE)


def test_training_views_do_not_follow_the_package_table(tmp_path):
    """Growing drugs.csv must not change the model's training views (TRAINING_DRUGS is frozen)."""
    sys.path.insert(0, str(BENCHMARKS))
    import train_stance_model as train

    table = tmp_path / "drugs.csv"
    table.write_text(TINY, encoding="utf-8")
    frame = pd.DataFrame(
        {
            "text": ["Baclofen helped a lot. Requip made me sick and dizzy every night."],
            "urlDrugName": ["baclofen"],
        }
    )
    views = train.document_views(frame)
    # the frozen table knows Requip, so its clause is cut out of the view
    assert views[0][1] and all(end <= frame["text"][0].index("Requip") for _, end in views[0][1])
    with use_table(table):
        assert train.document_views(frame) == views
        assert [d.generic for d in load_drugs()] == ["zorblafen"]  # the outer table is back
    assert train.TRAINING_DRUGS.exists()
