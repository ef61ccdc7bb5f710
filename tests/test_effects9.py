"""Side-effect round twelve (effects9): colloquial wordings and false-positive senses.

Invented sentences in the style of reader comments: everyday wordings of frequent effects map to
their effect, and the drink, gesture, idiom and "don't care about the thing" senses stay out (see
analysis/data/README.md, round twelve).
"""

from __future__ import annotations

import pytest

from analysis.effects import title_condition_effects

from conftest import effects, mention


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("Took one before my shift and was practically asleep by 11.", "drowsiness"),
        ("I fell asleep at my desk twice on it.", "drowsiness"),
        ("Nearly fell asleep at the wheel on the way home.", "drowsiness"),
        ("The old antihistamine knocked me flat for a whole day.", "drowsiness"),
        ("It flattens me, I can't do anything after a dose.", "drowsiness"),
        ("I lost nearly a stone in the first two months.", "weight loss"),
        ("She lost half a stone without trying.", "weight loss"),
        ("I lost over 20 lbs on it.", "weight loss"),
        ("My clothes are hanging off me now.", "weight loss"),
        ("I put on about 10 pounds in a month.", "weight gain"),
        ("My mouth feels like sandpaper all day.", "dry mouth"),
        ("My tongue sticks to the roof of my mouth at night.", "dry mouth"),
        ("My eyes go dry sometimes, I keep drops in my bag.", "dry eyes"),
        ("Both eyes red raw, crusted shut every morning.", "eye irritation"),
        ("I got conjunctivitis twice in four months.", "eye irritation"),
        ("My eyes were sore and gritty all week.", "eye irritation"),
        ("I'm black and blue from just brushing past things.", "bruising"),
        ("At home he's flat, doesn't laugh, goes to his room.", "emotional blunting"),
        ("I stopped laughing at things I used to love.", "emotional blunting"),
        ("My stomach was churning all morning.", "nausea"),
        ("My head was killing me for the first week.", "headache"),
        ("My legs were like jelly on the stairs.", "weakness"),
        ("On it I couldn't get it up at all.", "erectile dysfunction"),
        ("I just don't care about anything anymore.", "apathy"),
        ("I stopped caring about my kids and my job.", "apathy"),
    ],
)
def test_colloquial_wordings(text: str, effect: str) -> None:
    assert effect in effects(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("I have a protein shake at lunch and feel fine.", "jitteriness"),
        ("Grabbed a chocolate shake on the way home.", "jitteriness"),
        ("Just shake it off and keep going.", "jitteriness"),
        ("We shook hands and I said I would shake hands on it.", "tremor"),
        ("He was shaking hands with everyone at the party.", "tremor"),
        ("Couldn't shake the feeling it was a bad idea.", "jitteriness"),
        ("My appetite is shot, but honestly I don't care.", "apathy"),
        ("It gives me headaches but I don't care, it works.", "apathy"),
        ("Don't laugh, but I tried it for a week.", "emotional blunting"),
        ("He's flat out at work this month.", "emotional blunting"),
        ("I was flat broke after paying for it.", "emotional blunting"),
    ],
)
def test_other_senses_name_no_effect(text: str, absent: str) -> None:
    assert absent not in effects(text)


def test_tremor_shakes_still_found() -> None:
    assert "jitteriness" in effects("I had the shakes for a week.")
    assert "tremor" in effects("My shaking hands made it hard to write.")


def test_a_negated_stop_keeps_the_effect() -> None:
    assert not mention("My cut wouldn't stop bleeding for an hour.", "bleeding").negated
    assert not mention("I couldn't stop shaking on the first day.", "jitteriness").negated
    assert mention("I didn't have any bleeding at all.", "bleeding").negated


def test_negated_flatten_is_negated_drowsiness() -> None:
    assert mention("Fexofenadine is the only one that doesn't flatten me.", "drowsiness").negated


def test_a_title_denying_an_effect_does_not_name_the_condition() -> None:
    assert "drowsiness" not in title_condition_effects('Cetirizine: Does "Non-Drowsy" Hold Up?')
    assert "drowsiness" not in title_condition_effects("Non-drowsy antihistamines compared")
    assert "drowsiness" in title_condition_effects("Modafinil for Daytime Drowsiness")


def test_third_person_flat_is_other_experiencer() -> None:
    assert mention("By teatime she's flat and quiet.", "emotional blunting").experiencer == "other"


def test_weight_loss_as_a_goal_on_a_weight_loss_page_is_the_condition() -> None:
    assert "weight loss" in title_condition_effects("Semaglutide for Weight Loss")


def test_a_trivial_trigger_is_no_other_cause() -> None:
    text = "Big purple blotches on my arms from just brushing past the kitchen counter."
    assert "bruising" in effects(text)
    assert "bruising" in effects("My legs are covered in bruises from nothing.")
    assert "fatigue" not in effects("Massive exhaustion from fibromyalgia, not the pills.")


def test_uk_and_apostrophe_free_stomach_wordings() -> None:
    assert "vomiting" in effects("Within an hour I was being sick in the staff toilets.")
    assert "vomiting" in effects("I couldnt keep anything down, not even water.")
    assert "constipation" in effects("and i didnt poo for 6 days")
    assert "constipation" not in effects("The poo bags are in the drawer.")
