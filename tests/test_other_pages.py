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
        # "My doctor finally switched me to physical therapy": moved off the drug, which the
        # codebook ranks first (as probes7's "Consultant switched me to Trelegy"); "none" before
        "discontinued",
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


# Findings of a second probe (three more invented pages: sertraline, atorvastatin, tramadol).


def _exp(text: str, drug_name: str):
    drug = lookup_drug(drug_name)
    return experience_of(text, drug, find_cues(text, drug, about_drug=True))


@pytest.mark.parametrize(
    ("text", "used"),
    [
        ("been on 100mg for 4 months and the only thing that changed is i gained 15 lbs", True),
        ("i lasted 3 months on atorvastatin 40 mg", True),
        ("Lasted about 5 weeks on sertraline 50mg. Not for me.", True),
        ("started on 25mg for a week then 50mg.", True),
        ("my doctor put me on 20mg last spring.", True),
        ("My wife has been on 50mg for years and I worry.", False),  # someone else's use
        ("If I took 50mg would it help?", False),  # a question and a condition
        ("Take 50mg at night.", False),  # advice
    ],
)
def test_first_person_use_in_other_wordings(text, used):
    assert _exp(text, "sertraline").first_person_use is used


def test_the_longest_duration_is_the_time_on_the_drug():
    text = "i started on 25mg for a week then 50mg, been on it about 8 months now."
    assert _exp(text, "sertraline").duration == "8 months"


def test_switching_to_another_drug_stops_the_target():
    result = stance_of("I switched to lexapro after 2 months.", lookup_drug("sertraline"), True)
    stop = [c for c in result.evidence if c.category == "discontinuation"]
    assert stop and stop[0].weight > 0
    assert _exp("I switched to lexapro after 2 months.", "sertraline").outcome == "discontinued"
    # moving between two other drugs says nothing of the target
    between = stance_of(
        "I was on paxil and switched to lexapro.", lookup_drug("sertraline"), True, method="rules"
    )
    assert all(c.weight == 0 for c in between.evidence if c.category == "discontinuation")


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("I felt like it was on fire.", False),  # "like" as a preposition
        ("I really like it.", True),
        ("she loves it", True),
    ],
)
def test_like_needs_a_subject(text, counted):
    cues = find_cues(text, lookup_drug("sertraline"), about_drug=True)
    assert any(c.category == "evaluation" and c.weight > 0 for c in cues) is counted


def test_recommending_alternatives_first_is_against():
    text = "Current guidelines recommend exercise, heat and NSAIDs before any opioid, including tramadol."
    result = stance_of(text, lookup_drug("tramadol"), about_drug=True, method="rules")
    assert result.label == "against"


def test_small_effects_and_effective_doses():
    sceptic = rules("Honestly the difference from placebo is tiny.")
    assert [c.category for c in sceptic.evidence if c.weight > 0] == ["evidence_scepticism"]
    dose = find_cues("Use the lowest effective dose.", GABAPENTIN, about_drug=True)
    assert not any(c.category == "efficacy" for c in dose)


def test_a_few_days_is_a_time_not_a_diminisher():
    cues = find_cues("within a few days I was confused", GABAPENTIN, about_drug=True)
    assert not any("diminisher:a few" in c.modifiers for c in cues)


def test_a_title_segment_about_side_effects_names_effects_not_the_condition():
    from analysis.effects import title_condition_effects

    title = "Atorvastatin for High Cholesterol: Benefits, Muscle Aches and Other Side Effects"
    assert "muscle pain" not in title_condition_effects(title)
    assert "insomnia" in title_condition_effects("Trazodone for Insomnia: What to Know")


def test_joined_doses_are_one_model_token():
    from analysis import stance_model

    names = [t.norm for seg in stance_model.tokens("been on 100mg, then 50MG") for t in seg]
    assert names == ["been", "on", stance_model.DOSE_TOKEN, "then", stance_model.DOSE_TOKEN]


def test_a_page_on_a_drug_nobody_listed_still_reports(tmp_path):
    """No known target: stance columns stay empty, figures still draw, the run exits 0."""
    from analysis.cli import main

    page = PAGE.read_text(encoding="utf-8").replace("Gabapentin", "Zorblatin")
    page = page.replace("gabapentin", "zorblatin").replace("Neurontin", "Zorbl")
    path = tmp_path / "zorblatin.txt"
    path.write_text(page, encoding="utf-8")
    status = main(
        ["report", str(path), "--out", str(tmp_path / "out"), "--figures", str(tmp_path / "fig")]
    )
    assert status == 0
    problems = (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8")
    assert "no target drug known" in problems
    assert any((tmp_path / "fig").rglob("*.png"))


def test_drug_name_regex_is_a_trie_with_the_flat_alternations_matches():
    """The trie-built regex matches exactly what a longest-first alternation of the names does."""
    import re

    from analysis.drugs import names_pattern

    names = ("ms contin", "morphine", "mor", "depo-provera", "zoloft", "zol", "x")
    flat = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    text = (
        "MS Contin and morphine, mor, Morph, Depo-Provera, depo, zoloft zol zolo x xy "
        "ms-contin ZOLOFT-like"
    )
    trie = names_pattern(names)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert [m.group(0) for m in trie.finditer(text)][:3] == ["MS Contin", "morphine", "mor"]


def test_a_third_person_narrative_weighs_as_hearsay():
    drug = lookup_drug("sertraline")
    own = find_cues("The first month I was worse.", drug, about_drug=True)
    hers = find_cues("The first month she was worse.", drug, about_drug=True)
    worse_own = [c.weight for c in own if c.category == "efficacy"]
    worse_hers = [c for c in hers if c.category == "efficacy"]
    assert worse_hers and worse_hers[0].weight < worse_own[0]
    assert any(m.startswith("hearsay") for m in worse_hers[0].modifiers)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("I think the magnesium helps my sleep more than anything.", False),
        ("I quit and now I do yoga and it helps way more.", False),
        ("Yoga did not help, so I tried sertraline and it helps a lot.", True),
        ("Therapy plus sertraline really helped.", True),
        ("It helps with my anxiety.", True),
    ],
)
def test_another_remedy_as_the_subject_of_efficacy(text, counted):
    result = stance_of(text, lookup_drug("sertraline"), about_drug=True, method="rules")
    helps = [c for c in result.evidence if c.category == "efficacy" and c.polarity > 0]
    assert any(c.weight > 0 for c in helps) is counted


PROBES = sorted((Path(__file__).parent / "fixtures" / "probes").glob("*-synthetic.txt"))


@pytest.mark.parametrize("path", PROBES, ids=lambda p: p.stem)
def test_probe_pages_load_and_are_analysed_against_their_drug(path):
    """The second probe's pages (coded in tests/fixtures/probes/coding.md) load without warnings."""
    tables = analyse(load_page(path))
    assert len(PROBES) == 3
    assert tables.article["drug"].iloc[0] in {"sertraline", "atorvastatin", "tramadol"}
    assert not [p for p in tables.problems if p.severity != "info"]
    assert len(tables.comments) == tables.article["declared_comments"].iloc[0] >= 5
    assert tables.comments["stance"].notna().all()


LATER_PROBES = sorted(
    p
    for folder in ("probes3", "probes4")
    for p in (Path(__file__).parent / "fixtures" / folder).glob("*-synthetic.txt")
)


@pytest.mark.parametrize("path", LATER_PROBES, ids=lambda p: p.stem)
def test_later_probe_pages_parse_every_coded_comment(path):
    """The blind probe pages (session 5) parse to as many comments as their coders counted, with
    the coders' authors, and the drug named in the file name is the target."""
    import pandas as pd

    coding = pd.read_csv(path.parent / "coding.csv", dtype=str, keep_default_na=False)
    coded = coding[(coding["page"] == path.stem) & (coding["unit"] == "comment")]
    tables = load_page(path)
    assert len(LATER_PROBES) == 7
    assert tables.article["drug"].iloc[0] == path.stem.split("-")[0]
    assert list(tables.comments["author"]) == list(coded["author"])
    assert len(tables.comments) == tables.article["declared_comments"].iloc[0]
    assert not [p for p in tables.problems if "declares" in p.message]
