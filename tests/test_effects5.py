"""Side-effect round five: other drugs across a sentence, more known drugs, ambiguous words."""

from __future__ import annotations

import pytest

from analysis.drugs import load_drugs, lookup_drug
from analysis.effects import find_effects, other_drug_scopes

LEXAPRO = lookup_drug("lexapro")


def effects_for(text: str, drug=LEXAPRO) -> set[str]:
    """Return the canonical effects found in `text` read with `drug` as the target."""
    return {m.effect for m in find_effects(text, drug=drug)}


# --- known drugs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Zyprexa", "olanzapine"),
        ("Xanax", "alprazolam"),
        ("Ativan", "lorazepam"),
        ("Klonopin", "clonazepam"),
        ("Wellbutrin", "bupropion"),
        ("Seroquel", "quetiapine"),
        ("Abilify", "aripiprazole"),
        ("lithium", "lithium"),
        ("Lamictal", "lamotrigine"),
        ("Buspar", "buspirone"),
        ("trazodone", "trazodone"),
        ("Ambien", "zolpidem"),
        ("Pristiq", "desvenlafaxine"),
        ("Adderall", "amphetamine"),
        ("Ritalin", "methylphenidate"),
        ("Tylenol", "acetaminophen"),
    ],
)
def test_common_drugs_are_known_by_brand_and_generic(name, generic):
    drug = lookup_drug(name)
    assert drug.generic == generic
    assert lookup_drug(generic) == drug
    assert drug.drug_class


def test_every_drug_name_belongs_to_one_drug():
    names = [name for drug in load_drugs() for name in drug.names]
    assert len(names) == len(set(names))
    assert len(load_drugs()) >= 60


def test_effects_of_a_newly_known_drug_are_left_out():
    text = "Zyprexa made me have memory lapses. Lexapro gave me dry mouth."
    assert effects_for(text) == {"dry mouth"}
    assert "memory impairment" in {m.effect for m in find_effects(text)}


# --- other drug across a sentence boundary ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I was on Paxil for a year. It made me gain 30 lbs.",
        "I took Xanax for a week. It made me drowsy.",
        "I tried Seroquel last spring. And it really gave me nausea.",
        "I was on Paxil for a year. It made me gain 30 lbs. It also made me sleepy.",
    ],
)
def test_pronoun_in_the_next_sentence_takes_up_the_other_drug(text):
    assert effects_for(text) == set()
    assert effects_for(text, drug=None)  # without a target drug nothing is left out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the previous sentence names the target too, or a pronoun there may be the target
        ("I was on Paxil and Lexapro. It made me gain 30 lbs.", "weight gain"),
        ("It is way better than Paxil. It made me gain 30 lbs.", "weight gain"),
        # the sentence names the target, or has no pronoun subject with a causal verb
        ("I was on Paxil for a year. Lexapro made me gain 30 lbs.", "weight gain"),
        ("I was on Paxil for a year. I gained 30 lbs.", "weight gain"),
        # the run ends at a sentence that does not carry the pronoun on
        ("I was on Paxil. It made me sleepy. I have headaches now.", "headache"),
        # the scope ends at a contrast
        (
            "I was on Paxil for a year. It made me gain 30 lbs, but now I have headaches.",
            "headache",
        ),
    ],
)
def test_carried_scope_is_conservative(text, kept):
    assert kept in effects_for(text)


def test_carried_scope_starts_at_the_verb():
    text = "I was on Paxil for a year. It made me gain 30 lbs."
    ((start, end),) = other_drug_scopes(text, LEXAPRO)
    assert text[start:end] == "made me gain 30 lbs"


# --- ambiguous person-state words -------------------------------------------------------------


def effects_in(text: str) -> set[str]:
    """Return the canonical effects found in `text` (no target drug)."""
    return {m.effect for m in find_effects(text)}


@pytest.mark.parametrize(
    "text",
    [
        "I had a flat tire on the way to work.",
        "I have flat feet.",
        "The beer was flat.",
        "The day was dull and grey.",
        "The TV was muted.",
        "The retina detached.",
        "The drug is very weak.",
        "There was a faint smell in the room.",
        "Codeine only dulled it a little.",
        "My skin was very dull and drab.",
        "The wired headphones broke.",
        "It was a foggy morning.",
    ],
)
def test_person_state_words_in_other_senses_are_no_effect(text):
    assert effects_in(text) == set()


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("I was basically numb.", "emotional blunting"),
        ("It made me numb to the world.", "emotional blunting"),
        ("My mood can be a little flat at times.", "emotional blunting"),
        ("My emotional range might be a little muted.", "emotional blunting"),
        ("Generally felt pretty dull.", "emotional blunting"),
        ("Weight gain, detached, insomnia.", "emotional blunting"),
        ("I became more tired, cold and weak after six weeks.", "weakness"),
        ("I was so weak I could not get up.", "weakness"),
        ("I thought I would faint.", "lightheadedness"),
        ("It drained me.", "fatigue"),
        ("Fuzzy in the beginning.", "cognitive impairment"),
        ("Mild nausea, dizziness, fuzzy thinking.", "cognitive impairment"),
    ],
)
def test_person_state_words_in_a_personal_frame_are_effects(text, effect):
    assert effect in effects_in(text)


def test_an_article_makes_the_word_qualify_a_thing():
    assert effects_in("I felt a dull ache in my back.") == {"muscle pain"}
    assert "cognitive impairment" in effects_in("I felt dull all day.")


def test_numbness_without_an_emotional_frame_is_the_body():
    assert effects_in("Pain and numbness went away after I stopped.") >= {"tingling"}
    assert "emotional blunting" not in effects_in("Pain and numbness went away after I stopped.")
    assert effects_in("Mental numbness, lethargy.") >= {"emotional blunting"}
    assert effects_in("It numbed my emotions.") == {"emotional blunting"}
    # a verb with an object names no effect
    assert effects_in("It helped numb the pain.") == {"muscle pain"}


def test_tire_is_no_tiredness():
    assert effects_in("I got a new tire.") == set()
    assert effects_in("I tire easily now.") == {"fatigue"}


# --- scope at a closing bracket, relief verbs -------------------------------------------------


def test_a_closing_bracket_ends_a_negation():
    text = "Decreased sex drive (but no problem performing), delayed orgasm."
    found = {m.effect: m.negated for m in find_effects(text)}
    assert found["orgasm incapacity"] is False
    assert only_negated("No nausea (so far), headache.") == {"nausea"}


def only_negated(text: str) -> set[str]:
    """Return the effects found negated in `text`."""
    return {m.effect for m in find_effects(text) if m.negated}


def test_erasing_the_condition_is_relief():
    assert "anxiety" not in effects_in("It certainly erased the anxiety, but I feel weird.")


# --- round seven lay wordings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("My legs were weak all week.", "weakness"),
        ("Some days I just stay in bed all day.", "drowsiness"),
        ("I could sleep my life away on this.", "drowsiness"),
        ("I haven't had a good night's sleep since March.", "insomnia"),
        ("Every night I am tossing and turning.", "insomnia"),
        ("It slowed my metabolism.", "weight gain"),
        ("My clothes don't fit anymore.", "weight gain"),
        ("I went up two dress sizes.", "weight gain"),
        ("I feel chemically castrated.", "decreased libido"),
        ("I just don't feel like having sex.", "decreased libido"),
        ("I was neither happy nor sad.", "emotional blunting"),
        ("I don't feel human on it.", "feeling abnormal"),
        ("It made me so foggy I couldn't do my job.", "difficulty in daily functioning"),
        ("I get sick when I drink even one beer.", "alcohol interaction"),
    ],
)
def test_round_seven_lay_wordings(text, effect):
    assert effect in effects_in(text)


def test_pets_are_not_chemically_neutered():
    assert effects_in("Our cat was neutered last year.") == set()


def test_related_but_different_drugs_are_different_targets():
    # a prodrug or an enantiomer sold under its own brand is another drug for attribution
    assert lookup_drug("Vyvanse") != lookup_drug("Adderall")
    assert lookup_drug("Focalin") != lookup_drug("Ritalin")
    assert effects_for("Adderall made me anxious.", drug=lookup_drug("Vyvanse")) == set()
