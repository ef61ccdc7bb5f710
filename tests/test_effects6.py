"""Side-effect round six: population and prevention frames, named treatments and tests, efficacy
claims with outcome nouns, lay muscle and other wordings (found on the probe pages, general)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.claims import classify_sentence
from analysis.effects import find_effects
from analysis.loader import load_page
from analysis.pipeline import analyse

from conftest import mention

PROBES = Path(__file__).parent / "fixtures" / "probes"


def effects(text: str, experiencer: str = "general") -> set[str]:
    """Return the canonical effects found in `text` (any context)."""
    return {m.effect for m in find_effects(text, default_experiencer=experiencer)}


# --- 1. who the drug is for and what it prevents -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is prescribed to people at high risk of stroke.",
        "Patients who are at increased risk of stroke may be offered a statin.",
        "It is prescribed to people who have already had a heart attack or stroke.",
        "In a trial of people with high blood pressure, the drug lowered events.",
        "Patients with a history of seizures were excluded.",
        "Atorvastatin is taken to prevent a second stroke.",
        "The drug prevents strokes in older adults.",
        "It reduced the risk of stroke by a quarter.",
        "Clopidogrel protects against stroke.",
    ],
)
def test_population_and_prevention_frames_are_no_effects(text):
    # the same words are effects outside the frame (checked below), so the frame is what drops them
    assert effects(text) & {"stroke", "high blood pressure", "seizures"} == set()


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("It can cause a stroke in rare cases.", "stroke"),
        (
            "My blood pressure went up and I had high blood pressure for months.",
            "high blood pressure",
        ),
        ("I had a seizure on the second day.", "seizures"),
        # the frame ends at a verb: the dizziness is an effect in that population
        ("Some people at risk of falls get dizzy on it.", "dizziness"),
        # a bare "to prevent" is the reader's precaution against a side effect: still a mention
        ("Take it with food to prevent nausea.", "nausea"),
        # a raised risk is a side effect, not a prevention
        ("It can increase the risk of stroke.", "stroke"),
    ],
)
def test_effects_outside_the_frames_are_kept(text, effect):
    assert effect in effects(text)


def test_people_with_the_condition_describing_symptoms_is_the_condition():
    text = "People with GAD often describe restlessness, irritability and poor sleep."
    assert effects(text) == set()
    # a sentence about the drug in that population keeps its effects
    treated = "People with GAD who take sertraline often report nausea."
    assert "nausea" in effects(treated)


# --- 2. efficacy claims with outcome nouns -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Atorvastatin lowers LDL cholesterol by 35%.",
        "Atorvastatin lowers LDL cholesterol by roughly 35 to 55 percent depending on the dose.",
        "In the trial, atorvastatin reduced the risk of heart attack by a third.",
        "In the trial, atorvastatin reduced heart attacks and fatal coronary events by a third.",
        "Tramadol cut pain scores by 2 points compared with placebo.",
        "Atorvastatin is taken to prevent a second heart attack.",
    ],
)
def test_reductions_of_outcomes_are_efficacy_claims(sentence):
    claim = classify_sentence(sentence)
    assert (claim.claim_type, claim.efficacy_polarity) == ("efficacy", "positive")
    assert "side_effect_or_risk" not in claim.scores


@pytest.mark.parametrize(
    "sentence",
    [
        "Doctors usually reduce the dose by 25 mg a week.",  # a dose step, not an outcome
        "Atorvastatin can increase the risk of diabetes.",  # a raised risk
    ],
)
def test_dose_steps_and_raised_risks_are_not_efficacy(sentence):
    assert classify_sentence(sentence).claim_type != "efficacy"


def test_a_population_at_risk_is_not_a_risk_claim():
    claim = classify_sentence("Atorvastatin is prescribed to people at high risk of stroke.")
    assert claim.claim_type != "side_effect_or_risk"
    assert classify_sentence("Atorvastatin carries a risk of muscle damage.").claim_type == (
        "side_effect_or_risk"
    )


def test_pain_scores_are_no_pain():
    assert effects("Tramadol cut pain scores by 2 points.") == set()


# --- 3. treatments, tests and measures named -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Combining medication with cognitive behavioural therapy works better than either alone.",
        "Cognitive behavioral therapy is an alternative.",
        "Ask for a referral to a memory clinic.",
        "Your doctor will check your liver enzymes test results.",
        "Sertraline reduces anxiety scores more than placebo.",
        "I took pain meds on top of it.",
        "Exercise therapy and pain relievers come first.",
    ],
)
def test_named_treatments_tests_and_measures_are_no_effects(text):
    assert effects(text) == set()


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("I got nausea during therapy.", "nausea"),  # a function word between: an effect
        ("My memory was terrible on it.", "memory impairment"),
        ("I had cognitive problems for weeks.", "cognitive impairment"),
        ("It raised my liver enzymes.", "liver problems"),
    ],
)
def test_the_same_words_without_a_named_thing_are_effects(text, effect):
    assert effect in effects(text, "self")


# --- 4. lay wordings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("my legs felt like id run a marathon every single day", "muscle pain"),
        ("my legs ached all the time", "muscle pain"),
        ("I was achy all over.", "muscle pain"),
        ("my muscles were so sore", "muscle pain"),
        ("my calves would cramp up at night", "muscle spasms"),
        ("could barely get up the stairs", "weakness"),
        ("everything downstairs just stopped working", "sexual dysfunction"),
        ("Sweating through the sheets every night.", "night sweats"),
        ("i was throwing up every morning", "vomiting"),
        ("felt so spacey i couldnt drive", "cognitive impairment"),
        ("crying for no reason", "crying spells"),
        ("he was seeing things that weren't there", "hallucinations"),
        ("nobody mentions how hard it is to get off this stuff", "physical dependence"),
    ],
)
def test_lay_wordings(text, effect):
    assert effect in effects(text, "self")


def test_limb_aches_are_muscle_pain_not_skin_or_general_pain():
    assert mention("my muscles were so sore", "muscle pain").matched_text == "muscles were so sore"
    assert "skin irritation" not in effects("my muscles were so sore", "self")


# --- context -----------------------------------------------------------------------------------


def test_a_risk_named_after_the_effect_is_hypothetical():
    text = "The seizure risks are real, and it is an opioid with dependence potential."
    assert mention(text, "seizures").hypothetical
    assert mention(text, "physical dependence").hypothetical
    assert not mention("I had a seizure.", "seizures").hypothetical


def test_a_stranded_worry_about_is_a_concern_not_anxiety():
    text = "Muscle aches are the side effects people worry about most."
    assert "anxiety" not in effects(text)
    assert "anxiety" in effects("It made me worry about everything all the time.", "self")


def test_shaky_needs_a_personal_frame():
    assert effects("The whole cholesterol hypothesis is shaky.", "self") == set()
    assert "jitteriness" in effects("It made me shaky all day.", "self")
    assert "jitteriness" in effects("dry mouth, shaky, gas", "self")


# --- 5. who experiences it: clause subjects and observers ----------------------------------------


def who(text: str, effect: str, default: str = "general") -> str:
    """Return the experiencer of the one mention of `effect` in `text` (default: general, so that
    self or other must come from the text)."""
    found = [m for m in find_effects(text, default_experiencer=default) if m.effect == effect]
    assert len(found) == 1, [(m.effect, m.matched_text) for m in found]
    return found[0].experiencer


@pytest.mark.parametrize(
    ("text", "effect", "experiencer"),
    [
        # the subject carries over its coordinated predicates, past a cue in the next clause
        (
            "The first month she was worse, more agitated and couldnt sleep, and honestly I was "
            "terrified.",
            "insomnia",
            "other",
        ),
        ("My son was tired, dizzy and couldn't sleep, and I was worried.", "dizziness", "other"),
        (
            "I was worse, more agitated and couldn't sleep, and my wife was terrified.",
            "insomnia",
            "self",
        ),
        # a new subject or a clause break ends it: the nearest cue decides
        ("She was fine on it, but the headaches kept me up.", "headache", "self"),
        ("She was fine, and I couldn't sleep.", "insomnia", "self"),
        ("My wife had headaches.", "headache", "other"),
        ("He made me dizzy.", "dizziness", "self"),
    ],
)
def test_the_subject_carries_over_coordinated_predicates(text, effect, experiencer):
    assert who(text, effect) == experiencer


@pytest.mark.parametrize(
    ("text", "effect", "experiencer"),
    [
        # the one who noticed or reported the effect is not its experiencer
        (
            "Also and sorry if TMI but everything downstairs just stopped working, my wife "
            "noticed before I did.",
            "sexual dysfunction",
            "self",
        ),
        ("I was sweating every night, my husband pointed out.", "sweating", "self"),
        ("My wife noticed I was sweating a lot.", "sweating", "self"),
        ("My wife said that I was dizzy all the time.", "dizziness", "self"),
        ("My husband told me I was snoring and sweating at night.", "night sweats", "self"),
        # unless the effect is the noticing verb's own object, or the cue is no observer
        ("My wife noticed weight gain after a month on it.", "weight gain", "other"),
        ("My husband said he had headaches.", "headache", "other"),
        ("My wife noticed she was sweating at night.", "night sweats", "other"),
        ("My wife had headaches on it.", "headache", "other"),
    ],
)
def test_an_observer_is_not_the_experiencer(text, effect, experiencer):
    assert who(text, effect) == experiencer


def test_sertraline_probe_page_experiencers():
    rows = analyse(load_page(PROBES / "sertraline-anxiety-synthetic.txt")).extra["effects"]
    comments = rows[rows["source"] == "comment"].set_index(["comment_id", "effect"])
    rob = comments.loc[2]  # "... stopped working, my wife noticed before I did"
    assert rob.loc["sexual dysfunction", "experiencer"] == "self"
    linda = comments.loc[3]  # "she was worse, more agitated and couldnt sleep, and ... I was"
    assert (linda.loc[["irritability", "insomnia"], "experiencer"] == "other").all()


# --- the probe page ----------------------------------------------------------------------------


def test_atorvastatin_probe_page():
    tables = analyse(load_page(PROBES / "atorvastatin-high-cholesterol-synthetic.txt"))
    rows = tables.extra["effects"]
    article = rows[rows["source"] == "article"]
    # sections 2 and 3 say who the drug is for and what it lowers: no effect there
    assert set(article[article["section_no"].isin([2, 3])]["effect"]) == set()
    sharon = set(rows[(rows["source"] == "comment") & (rows["comment_id"] == 2)]["effect"])
    assert {"muscle pain", "weakness", "muscle spasms"} <= sharon
    claims = tables.extra["claims"].set_index("claim_id")
    assert claims.loc["3.1", "claim_type"] == "efficacy"
    assert claims.loc["3.2", "claim_type"] == "efficacy"
