"""A page on another drug and condition (an invented fixture) gives what a reader would code.

The page (tests/fixtures/pages/gabapentin-sciatica-synthetic.txt, see the README there) was written
to check that general cues carry over from the seed: brand names, subject-less diary sentences,
vague amounts, the condition as a modifier, indications, trial findings and other treatments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.drugs import lookup_drug
from analysis.effects import (
    condition_words,
    defines_condition,
    find_effects,
    modified_by_condition,
)
from analysis.experience import experience_of
from analysis.loader import load_page
from analysis.pipeline import analyse
from analysis.stance import find_cues, stance_of

PAGE = Path(__file__).parent / "fixtures" / "pages" / "gabapentin-sciatica-synthetic.txt"
GABAPENTIN = lookup_drug("gabapentin")


@pytest.fixture(scope="module")
def tables():
    return analyse(load_page(PAGE))


def _comment(tables, author: str):
    comments = tables.comments
    return comments[comments["author"] == author].iloc[0]


def test_drug_and_comment_stances(tables):
    assert tables.article["drug"].iloc[0] == "gabapentin"
    assert _comment(tables, "Maria G")["stance"] == "favor"
    assert _comment(tables, "Dave R.")["stance"] == "against"
    assert _comment(tables, "Priya")["stance"] != "favor"


def test_experiences(tables):
    maria, dave, priya = (_comment(tables, a) for a in ("Maria G", "Dave R.", "Priya"))
    assert (maria["first_person_use"], maria["dose"], maria["duration"], maria["outcome"]) == (
        True,
        "300 mg",
        "2 years",
        "relief",
    )
    assert (dave["first_person_use"], dave["duration"], dave["outcome"]) == (
        True,
        "6 weeks",
        "none",
    )
    assert not priya["first_person_use"]  # her mother takes it


def test_effects_of_the_page(tables):
    effects = tables.extra["effects"]
    comments = effects[effects["source"] == "comment"]
    by_author = dict(zip(tables.comments["comment_id"], tables.comments["author"], strict=True))
    found = {
        (by_author[c], e) for c, e in zip(comments["comment_id"], comments["effect"], strict=True)
    }
    assert ("Maria G", "weight gain") in found
    assert ("Priya", "dizziness") in found
    # "my sciatica pain" is the condition, not an effect of the drug
    assert not any(a == "Maria G" and "pain" in e for a, e in found)
    article = effects[effects["source"] == "article"]
    assert "neuropathy" not in set(article["effect"])  # "prescribed off-label for nerve pain"
    assert {"dizziness", "drowsiness", "weight gain"} <= set(article["effect"])
    assert "muscle pain" not in set(article["effect"])  # "Sciatica is pain that radiates ..."


def test_claims_of_the_evidence_section(tables):
    claims = tables.extra["claims"]
    evidence = claims[claims["section_no"] == 3].set_index("sentence_no")
    assert tuple(evidence.loc[1, ["claim_type", "efficacy_polarity"]]) == ("evidence", "negative")
    assert tuple(evidence.loc[2, ["claim_type", "efficacy_polarity"]]) == ("evidence", "limited")
    definition = claims[(claims["section_no"] == 1) & (claims["sentence_no"] == 1)].iloc[0]
    assert definition["claim_type"] != "side_effect_or_risk"


def test_evidence_section_is_against(tables):
    sections = tables.sections.set_index("heading")
    assert sections.loc["What the Evidence Shows", "stance"] == "against"


@pytest.mark.parametrize(
    "text",
    [
        "I gained some weight.",
        "I put on a few pounds.",
        "I gained a couple of pounds.",
        "Yes I gained a few pounds but it is worth it.",
    ],
)
def test_vague_amounts_are_weight_gain(text):
    assert [m.effect for m in find_effects(text)] == ["weight gain"]


@pytest.mark.parametrize(
    "text",
    [
        "Gabapentin is widely prescribed off-label for nerve pain.",
        "It is used for nerve pain and seizures.",
        "It is approved for seizures.",
    ],
)
def test_what_a_drug_is_used_for_is_no_effect(text):
    assert find_effects(text, drug=GABAPENTIN) == []


def test_condition_words_of_a_title():
    title = "Is Gabapentin Effective for Sciatica? What the Research Says"
    assert condition_words(title, GABAPENTIN) == {"sciatica"}
    words = condition_words("Baclofen and Restless Leg Syndrome: Can It Provide Relief?")
    assert {"restless", "syndrome"} <= words and "relief" not in words
    text = "my sciatica pain got worse"
    assert modified_by_condition(text, text.index("pain"), frozenset({"sciatica"}))
    assert not modified_by_condition(text, text.index("pain"), frozenset({"migraine"}))


@pytest.mark.parametrize(
    ("text", "defines"),
    [
        ("Sciatica is pain that radiates along the nerve.", True),
        ("My back hurts. The sciatica is a pain.", True),
        ("I think sciatica is pain.", False),
        ("Gabapentin is a pain killer.", False),
    ],
)
def test_a_sentence_defining_the_condition(text, defines):
    assert defines_condition(text, text.rindex("pain"), frozenset({"sciatica"})) is defines


def rules(text: str):
    return stance_of(text, GABAPENTIN, about_drug=True, method="rules")


def test_another_treatment_in_a_relative_clause_is_off_target():
    result = rules("My doctor switched me to physical therapy which actually helped.")
    helped = [c for c in result.evidence if c.text == "helped"]
    assert helped and helped[0].weight == 0
    assert "off_target:relative_clause:therapy" in helped[0].modifiers
    assert result.label == "against"  # switching away from the drug still counts


@pytest.mark.parametrize(
    "text",
    [
        "I tried gabapentin which actually helped.",
        "I finally found a dose that worked.",
        "I noticed that it helped.",  # a complement clause, not a relative one
        "Gabapentin was the first thing that helped.",
    ],
)
def test_relative_clauses_about_the_drug_count(text):
    assert rules(text).label == "favor"


def test_trial_and_evidence_findings_are_against():
    assert rules("A trial found that gabapentin was no better than placebo.").label == "against"
    evidence = rules("The evidence for gabapentin in sciatica is of low quality.")
    assert [c.category for c in evidence.evidence if c.weight > 0] == ["evidence_scepticism"]


@pytest.mark.parametrize(
    ("text", "used"),
    [
        ("Took Neurontin for six weeks. It did nothing.", True),
        ("Tried it for a month.", True),
        ("Take it at night.", False),  # advice, not a report
        ("My mom took it.", False),
    ],
)
def test_subjectless_diary_sentences_report_use(text, used):
    cues = find_cues(text, GABAPENTIN, about_drug=True)
    assert experience_of(text, GABAPENTIN, cues).first_person_use is used


def test_life_changing_evaluation_is_relief():
    text = "I have been on gabapentin for a year. It changed my life."
    cues = find_cues(text, GABAPENTIN, about_drug=True)
    assert experience_of(text, GABAPENTIN, cues).outcome == "relief"
