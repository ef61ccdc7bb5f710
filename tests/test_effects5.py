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
