"""Article claims and their alignment with comments: cue lexicon, typing, seed page, hand-built pages."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from analysis import stance
from analysis.claims import (
    ALIGNMENT_COLUMNS,
    CLAIM_COLUMNS,
    CLAIM_TYPES,
    RELATIONS,
    alignment_table,
    annotate,
    claims_table,
    classify_sentence,
    load_cues,
)
from analysis.loader import load_page
from analysis.paths import SEED_PAGE
from analysis.pipeline import analyse


def analysed(path, *, with_stance: bool = True):
    """Return a page analysed in pipeline order effects -> stance -> claims."""
    tables = analyse(load_page(path), components=("effects",))
    if with_stance:
        stance.annotate(tables)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "stance cues unavailable"
        annotate(tables)
    return tables


@pytest.fixture(scope="module")
def seed():
    """Return the seed page with effects, stance and claims."""
    return analysed(SEED_PAGE)


@pytest.fixture(scope="module")
def seed_claims(seed) -> pd.DataFrame:
    return seed.extra["claims"]


@pytest.fixture(scope="module")
def seed_alignment(seed) -> pd.DataFrame:
    return seed.extra["alignment"]


def claim_with(claims: pd.DataFrame, fragment: str) -> pd.Series:
    """Return the one claim whose text contains `fragment`."""
    rows = claims[claims["text"].str.contains(fragment, regex=False)]
    assert len(rows) == 1, (fragment, rows["text"].tolist())
    return rows.iloc[0]


def relations_of(alignment: pd.DataFrame, comment_id: int, effect: str) -> set[str]:
    """Return the relations of one comment to the claims about `effect`."""
    rows = alignment[(alignment["comment_id"] == comment_id) & (alignment["effect"] == effect)]
    return set(rows["relation"])


# --- cue lexicon ---------------------------------------------------------------------------------


def test_cue_file_is_general_and_well_formed():
    rules = load_cues()
    types = {r.type for r in rules}
    assert set(CLAIM_TYPES) - {"background"} <= types
    assert types <= set(CLAIM_TYPES) | {"hedge", "drug_reference", "ignore"}
    assert all(r.polarity in ("", "positive", "negative", "limited") for r in rules)
    # the lexicon is evaluated on other drugs and conditions: no seed-specific words in it
    for rule in rules:
        for word in ("baclofen", "restless", "rls", "lioresal", "zombie"):
            assert not re.search(rf"\b{word}\b", rule.pattern.pattern, re.IGNORECASE), word


@pytest.mark.parametrize(
    ("sentence", "claim_type", "polarity"),
    [
        ("Sertraline was no better than placebo in reducing symptoms.", "efficacy", "negative"),
        ("Patients taking metformin reported a marked improvement.", "efficacy", "positive"),
        ("Metformin works by decreasing glucose production in the liver.", "mechanism", "none"),
        ("More research is needed before firm conclusions can be drawn.", "evidence", "limited"),
        ("Talk to your doctor before you stop taking any medication.", "advice", "none"),
        ("Common side effects include headache and dry mouth.", "side_effect_or_risk", "none"),
        ("In this article, we will explore how the condition develops.", "background", "none"),
        ("Insomnia affects roughly one in ten adults.", "background", "none"),
    ],
)
def test_classify_general_sentences(sentence, claim_type, polarity):
    result = classify_sentence(sentence)
    assert (result.claim_type, result.efficacy_polarity) == (claim_type, polarity)


def test_efficacy_needs_the_drug_and_hedges_are_flagged():
    generic = "Many people struggle to find effective treatments that relieve their pain."
    assert classify_sentence(generic, about_drug=False).claim_type != "efficacy"
    assert classify_sentence(generic, about_drug=True).claim_type == "efficacy"
    assert classify_sentence("It may help some patients sleep.").hedged
    assert classify_sentence("Zolpidem is thought to act on GABA receptors.").hedged
    assert not classify_sentence("Zolpidem reduced the frequency of awakenings.").hedged


def test_effect_mentions_vote_for_side_effect_claims():
    sentence = "Users often report drowsiness and nausea."
    spans = ((sentence.index("drowsiness"), sentence.index("drowsiness") + 10),)
    assert classify_sentence(sentence).claim_type == "background"
    assert classify_sentence(sentence, effect_spans=spans).claim_type == "side_effect_or_risk"


# --- seed page: claims ---------------------------------------------------------------------------


def test_one_claim_per_article_sentence(seed, seed_claims):
    article = seed.sentences[seed.sentences["source"] == "article"]
    assert list(seed_claims.columns) == CLAIM_COLUMNS
    assert len(seed_claims) == len(article)
    assert seed_claims["claim_id"].is_unique
    assert set(seed_claims["claim_type"]) <= set(CLAIM_TYPES)
    texts = dict(zip(seed.sections["section_no"], seed.sections["text"], strict=True))
    for row in seed_claims.itertuples():
        assert texts[row.section_no][row.start : row.end] == row.text


def test_seed_side_effect_sentences(seed_claims):
    expected = {
        "most common side effects": {"drowsiness", "dizziness", "weakness", "nausea"},
        "physical dependence": {"physical dependence"},
        "withdrawal symptoms, including": {"withdrawal", "anxiety", "hallucinations", "seizures"},
    }
    for fragment, effects in expected.items():
        claim = claim_with(seed_claims, fragment)
        assert claim["claim_type"] == "side_effect_or_risk", fragment
        assert set(claim["effects"].split(";")) == effects
        assert claim["cues"]  # the words that decided the type are reported


def test_seed_efficacy_and_evidence_sentences(seed_claims):
    study = claim_with(seed_claims, "In one small study")
    assert study["claim_type"] in ("efficacy", "evidence")
    assert study["efficacy_polarity"] == "positive"
    limited = claim_with(seed_claims, "limited in scope")
    assert (limited["claim_type"], limited["efficacy_polarity"]) == ("evidence", "limited")
    another = claim_with(seed_claims, "Another study found")
    assert another["efficacy_polarity"] == "positive"


def test_seed_mechanism_advice_and_background(seed_claims):
    assert claim_with(seed_claims, "works by inhibiting")["claim_type"] == "mechanism"
    agonist = claim_with(seed_claims, "GABA receptor agonist")
    assert agonist["claim_type"] == "mechanism"
    assert agonist["hedged"]  # "is thought to"
    assert claim_with(seed_claims, "in consultation with your healthcare")["claim_type"] == "advice"
    assert claim_with(seed_claims, "weigh the potential benefits")["claim_type"] == "advice"
    # the first section describes the condition; it never names the drug
    first = seed_claims[seed_claims["section_no"] == 1]
    assert set(first["claim_type"]) == {"background"}
    assert not claim_with(seed_claims, "most common side effects")["hedged"]


# --- seed page: alignment ------------------------------------------------------------------------


def test_alignment_shape(seed, seed_alignment):
    assert list(seed_alignment.columns) == ALIGNMENT_COLUMNS
    assert set(seed_alignment["relation"]) <= set(RELATIONS)
    claimed = seed_alignment[seed_alignment["relation"] != "not_in_article"]
    # every claim unit meets every comment exactly once
    keys = claimed[["claim_id", "effect", "comment_id"]].fillna("")
    assert not keys.duplicated().any()
    per_unit = claimed.groupby(["claim_id", claimed["effect"].fillna("")])["comment_id"].nunique()
    assert (per_unit == len(seed.comments)).all()
    assert set(claimed["claim_type"]) <= {"side_effect_or_risk", "efficacy", "evidence"}


def test_alignment_evidence_slices_comment_text(seed, seed_alignment):
    texts = dict(zip(seed.comments["comment_id"], seed.comments["text"], strict=True))
    with_evidence = seed_alignment[seed_alignment["evidence_text"].notna()]
    assert len(with_evidence) > 5
    for row in with_evidence.itertuples():
        assert texts[row.comment_id][row.evidence_start : row.evidence_end] == row.evidence_text
    assert (seed_alignment.loc[seed_alignment["relation"] == "not_addressed", "basis"] == "").all()


def test_seed_drowsiness_corroborated(seed_alignment):
    assert relations_of(seed_alignment, 2, "drowsiness") == {"corroborates"}  # Tim H: "zombie"
    assert relations_of(seed_alignment, 4, "drowsiness") == {"corroborates"}  # "too drowsy"
    tim = seed_alignment[
        (seed_alignment["comment_id"] == 2) & (seed_alignment["effect"] == "drowsiness")
    ]
    assert "zombie" in tim["evidence_text"].iloc[0]
    assert "first-hand" in tim["basis"].iloc[0]
    assert relations_of(seed_alignment, 2, "weakness") == {"corroborates"}  # couldn't lift head


def test_seed_effects_not_in_article(seed, seed_alignment):
    missing = seed_alignment[seed_alignment["relation"] == "not_in_article"]
    assert {"cognitive impairment", "emotional blunting", "sleep talking"} <= set(missing["effect"])
    assert missing["claim_id"].isna().all() and missing["claim_text"].isna().all()
    article_effects = set(seed.extra["effects"].query("source == 'article'")["effect"])
    assert not set(missing["effect"]) & article_effects
    # sleep talking is reported with doubt ("not sure if that's the drug") and says so
    talk = missing[missing["effect"] == "sleep talking"]
    assert list(talk["comment_id"]) == [2] and bool(talk["uncertain"].iloc[0])


def test_seed_comment_one_addresses_no_side_effect(seed_alignment):
    rows = seed_alignment[
        (seed_alignment["comment_id"] == 1)
        & (seed_alignment["claim_type"] == "side_effect_or_risk")
    ]
    assert len(rows) > 0
    assert set(rows["relation"]) == {"not_addressed"}


def test_seed_efficacy_claim_contradicted_by_quitter(seed_alignment):
    study = seed_alignment[
        seed_alignment["claim_text"].str.contains("In one small study", regex=False, na=False)
    ]
    assert list(study.loc[study["comment_id"] == 2, "relation"]) == ["contradicts"]


def test_claims_without_stance_component_match(seed):
    """Without the stance component, its public functions give the same alignment."""
    alone = analysed(SEED_PAGE, with_stance=False)
    columns = ["claim_id", "effect", "comment_id", "relation"]
    pd.testing.assert_frame_equal(
        alone.extra["alignment"][columns], seed.extra["alignment"][columns]
    )


# --- hand-built pages ----------------------------------------------------------------------------

PAGE = """Gabapentin for Nerve Pain: What to Expect

Jan 5, 2024
Sam Writer
Gabapentin for Nerve Pain: What to Expect

What the Trials Found

In a randomised trial, gabapentin was effective in reducing nerve pain compared with placebo.

A later trial found gabapentin was no better than placebo for nerve pain.

Side Effects

Common side effects of gabapentin include drowsiness and dizziness.

3 Comments

  • Image placeholder

    Ann

    January 6, 2024 AT 10:00

    I have been on gabapentin for two years and had no drowsiness at all. It helped my pain a lot.

  • Image placeholder

    Ben

    January 6, 2024 AT 11:00

    Gabapentin made me so dizzy I could barely stand.

  • Image placeholder

    Cat

    January 7, 2024 AT 12:00

    Gabapentin did nothing for my pain and gave me terrible headaches.

Write a comment
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "gabapentin-nerve-pain.txt"
    path.write_text(PAGE, encoding="utf-8")
    return analysed(path)


def relation(alignment, comment_id, *, effect=None, fragment=None) -> str:
    """Return the single relation of a comment to the claim about `effect` or containing `fragment`."""
    rows = alignment[alignment["comment_id"] == comment_id]
    if effect is not None:
        rows = rows[rows["effect"] == effect]
    if fragment is not None:
        rows = rows[rows["claim_text"].str.contains(fragment, regex=False, na=False)]
    assert len(rows) == 1, rows
    return rows["relation"].iloc[0]


def test_denied_effect_contradicts(built):
    alignment = built.extra["alignment"]
    assert relation(alignment, 1, effect="drowsiness") == "contradicts"
    assert relation(alignment, 1, effect="dizziness") == "not_addressed"
    assert relation(alignment, 2, effect="dizziness") == "corroborates"
    denial = alignment[(alignment["comment_id"] == 1) & (alignment["effect"] == "drowsiness")]
    assert "denies" in denial["basis"].iloc[0]


def test_efficacy_relations_follow_claim_polarity(built):
    claims = built.extra["claims"]
    assert claim_with(claims, "was effective")["efficacy_polarity"] == "positive"
    assert claim_with(claims, "no better than placebo")["efficacy_polarity"] == "negative"
    alignment = built.extra["alignment"]
    assert relation(alignment, 1, fragment="was effective") == "corroborates"  # "helped"
    assert relation(alignment, 3, fragment="was effective") == "contradicts"  # "did nothing"
    assert relation(alignment, 1, fragment="no better than placebo") == "contradicts"
    assert relation(alignment, 3, fragment="no better than placebo") == "corroborates"
    # side effects alone say nothing about whether the drug works
    assert relation(alignment, 2, fragment="was effective") == "not_addressed"


def test_new_effect_is_not_in_article(built):
    alignment = built.extra["alignment"]
    missing = alignment[alignment["relation"] == "not_in_article"]
    assert list(zip(missing["comment_id"], missing["effect"], strict=True)) == [(3, "headache")]


def test_page_without_comments(write_page):
    text = PAGE.split("3 Comments")[0] + "0 Comments\n"
    tables = analyse(load_page(write_page(text)), components=("effects",))
    annotate(tables)
    assert len(tables.extra["claims"]) == 3
    alignment = tables.extra["alignment"]
    assert alignment.empty and list(alignment.columns) == ALIGNMENT_COLUMNS


def test_claims_table_without_measure(tmp_path):
    """Claims work on loaded tables too: sentences are split as measure() would split them."""
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    tables = load_page(path)
    claims = claims_table(tables)
    assert list(claims["claim_type"]) == ["efficacy", "efficacy", "side_effect_or_risk"]
    assert alignment_table(tables, claims)["relation"].notna().all()


def test_module_import_is_light():
    code = (
        "import sys, analysis.claims; "
        "heavy = {'pandas', 'spacy', 'medspacy', 'pysbd'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seed_risk_acknowledged_without_first_hand_report(seed_alignment):
    """Comment 3: "The risks of dependence and withdrawal, as outlined in the post, are not trivial"."""
    assert relations_of(seed_alignment, 3, "physical dependence") == {"corroborates"}
    rows = seed_alignment[
        (seed_alignment["comment_id"] == 3) & (seed_alignment["effect"] == "withdrawal")
    ]
    assert set(rows["basis"]) == {"acknowledges the risk (not first-hand)"}
    assert rows["experiencer"].isna().all()  # nobody experienced it
