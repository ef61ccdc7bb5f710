"""The concept-id audit (benchmarks/check_concept_ids.py) reads PsyTAR's CUI fields and classifies."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import check_concept_ids as check  # noqa: E402


def test_cui_field_parsing():
    assert check.cui("C0000765 / Excessive body weight gain / Finding") == (
        "C0000765",
        "Excessive body weight gain",
    )
    assert check.cui("c0003467 / anxiety / Finding") == ("C0003467", "anxiety")
    assert check.cui("No code") == ("", "")
    assert check.cui("brain shivers") == ("", "")
    assert check.cui(None) == ("", "")


def _post(text: str, spans: list[dict]) -> dict:
    return {"drug": "zoloft", "text": text, "adr_spans": spans}


def _span(text: str, whole: str, field: str) -> dict:
    start = whole.index(text)
    return {"text": text, "start": start, "end": start + len(text), "umls": field}


def test_audit_statuses():
    text = "It gave me terrible nausea and a headache."
    post = _post(
        text,
        [
            _span("nausea", text, "C0027497 / Nausea / Sign or Symptom"),
            _span("headache", text, "C9999999 / Some other headache / Finding"),
        ],
    )
    ids = {"nausea": "C0027497", "headache": "C0018681", "insomnia": "C0917801", "acne": ""}
    rows = {r["effect"]: r for r in check.audit([post], ids)}
    assert rows["nausea"]["status"] == "agrees" and rows["nausea"]["our_id_name"] == "Nausea"
    assert rows["headache"]["status"] == "unverified"  # PsyTAR never uses our id here
    assert rows["headache"]["top_psytar_id"] == "C9999999" and rows["headache"]["top_share"] == 1.0
    assert rows["insomnia"]["status"] == "not_seen"
    assert rows["acne"]["status"] == "not_seen"
