"""Side-effect round ten (session 6): common adverse effects of non-psychiatric drug classes.

Invented sentences, one group per effect: lay wordings map to the canonical effect, inflection
needs no extra row, negation and hypotheticals keep their context, and the unrelated senses found
while checking the rows on the Druglib reviews stay out (see analysis/data/README.md).
"""

from __future__ import annotations

import pytest

from analysis.drugs import lookup_drug
from analysis.effects import find_effects

from conftest import effects, mention

# --- lay wordings map to their effect ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        # glucose (steroids, statins, insulin and diabetes drugs)
        ("His sugar went through the roof on prednisone.", "high blood sugar"),
        ("My blood sugar was reading over 300 every morning.", "high blood sugar"),
        ("My sugars spiked after every dose.", "high blood sugar"),
        ("The steroid shot sent my A1C up, my a1c went up a whole point.", "high blood sugar"),
        ("She had hyperglycaemia for a week after the infusion.", "high blood sugar"),
        ("On the new insulin my sugar bottomed out twice at night.", "low blood sugar"),
        ("I kept having hypoglycemic episodes on glipizide.", "low blood sugar"),
        ("My blood sugar went too low and I was shaking.", "low blood sugar"),
        ("I got diabetes from the statin, my doctor thinks.", "diabetes"),
        ("Two years on it and I became pre-diabetic.", "diabetes"),
        ("The prednisone made me diabetic.", "diabetes"),
        # bone
        ("She broke her hip three months after starting it.", "hip fracture"),
        ("He fell and fractured his hip.", "hip fracture"),
        ("Her bones were very thin after years of steroids.", "osteoporosis"),
        ("The scan showed I had lost bone density.", "osteoporosis"),
        ("Prednisone gave me osteoporosis.", "osteoporosis"),
        ("Since starting the PPI I have had two stress fractures.", "fracture"),
        # electrolytes
        ("My potassium was low at every blood test.", "low potassium"),
        ("The water pill depleted my potassium.", "low potassium"),
        ("My sodium dropped so low I ended up in hospital.", "low sodium"),
        ("Years of omeprazole left me with low magnesium.", "low magnesium"),
        ("The ACE inhibitor pushed my potassium up, potassium was high.", "high potassium"),
        ("The diuretic threw my electrolytes out of whack.", "electrolyte imbalance"),
        # kidney and liver
        ("My kidney function dropped within six months.", "kidney problems"),
        ("The ibuprofen damaged my kidneys.", "kidney problems"),
        ("My creatinine went up on the new pill.", "kidney problems"),
        ("My liver enzymes went up so they stopped the statin.", "liver problems"),
        # blood pressure and heart
        ("My bp dropped and I nearly passed out.", "lightheadedness"),
        ("Her blood pressure tanked on the new dose.", "lightheadedness"),
        ("My blood pressure went through the roof on the decongestant.", "high blood pressure"),
        ("My heart rate was in the 40s on metoprolol.", "bradycardia"),
        ("I had a slow pulse and felt tired all day.", "bradycardia"),
        ("My hands and feet were always cold on atenolol.", "cold extremities"),
        ("The antibiotic caused QT prolongation on my ECG.", "qt prolongation"),
        # cough, swelling, allergy
        ("Lisinopril gave me a dry hacking cough.", "cough"),
        ("I had a constant tickle in my throat.", "cough"),
        ("My ankles swelled up on amlodipine.", "edema"),
        ("I got cankles within a week.", "edema"),
        ("I had an allergic reaction to the penicillin.", "allergic reaction"),
        ("My throat started closing after the second pill.", "allergic reaction"),
        # bleeding and bruising
        ("I bruise like a peach on warfarin.", "bruising"),
        ("My arms are black and blue all the time.", "bruising"),
        ("My nose bled for an hour.", "bleeding"),
        ("My INR went through the roof.", "bleeding"),
        ("I noticed black stools after a week of naproxen.", "bleeding"),
        # muscles and tendons
        ("My legs ached so badly on the statin.", "muscle pain"),
        ("They diagnosed rhabdo after my CK was elevated.", "rhabdomyolysis"),
        ("Cipro gave me terrible tendon pain.", "tendon problems"),
        ("My achilles hurt so much I could barely walk.", "tendon problems"),
        ("I ruptured my achilles on levofloxacin.", "tendon problems"),
        # gut
        ("I got C. diff after the antibiotics.", "infection"),
        ("The amoxicillin gave me the trots.", "diarrhea"),
        ("Months of ibuprofen gave me an ulcer.", "stomach ulcer"),
        ("The naproxen tore up my stomach.", "stomach ache"),
        ("When I stopped the PPI I had terrible acid rebound.", "acid rebound"),
        ("Rebound heartburn was the worst part of quitting.", "acid rebound"),
        ("Ozempic gave me sulfur burps.", "belching"),
        ("I haven't pooped in four days on oxycodone.", "constipation"),
        ("She ended up in hospital with pancreatitis.", "pancreatitis"),
        ("I developed gallstones after losing the weight.", "gallbladder problems"),
        # skin, lips, hair
        ("On doxycycline I burn easily, even in spring.", "photosensitivity"),
        ("My lips were cracked and bleeding on Accutane.", "skin irritation"),
        ("Methotrexate gave me mouth ulcers.", "infection"),
        ("My hair got thinner and I found hair on my pillow.", "hair loss"),
        ("Finasteride gave me man boobs.", "gynecomastia"),
        ("The pill made my breasts grow, I went up a cup size.", "breast enlargement"),
        ("I got stretch marks on my arms from the steroids.", "stretch marks"),
        ("I had a moon face after a month on prednisone.", "moon face"),
        ("My face got rounder every week.", "moon face"),
        # steroids: mood, sleep, appetite
        ("Full-on roid rage, I was snapping at everyone.", "irritability"),
        ("I was wired all night on the steroid pack.", "insomnia"),
        ("I was eating everything in sight.", "increased appetite"),
        ("I could eat a horse every evening.", "increased appetite"),
        # dependence, withdrawal, breathing
        ("Every time I try to stop, the heartburn comes back twice as bad.", "physical dependence"),
        ("I can't get off it now.", "physical dependence"),
        ("I was dope sick for a week.", "withdrawal"),
        ("The nurse said the morphine caused shallow breathing.", "respiratory depression"),
        # labs
        ("Metformin depleted my B12 over the years.", "vitamin b12 deficiency"),
        ("My white count dropped on the methotrexate.", "low white blood cell count"),
        ("My platelets dropped after the heparin.", "low platelets"),
        ("The water pill gave me gout.", "gout"),
        ("The aspirin caused anemia from slow bleeding.", "anemia"),
        # other classes
        ("I was getting up to pee three times a night.", "urinary problems"),
        ("Years of Fosamax and then osteonecrosis of the jaw.", "jaw osteonecrosis"),
        ("Long-term steroid drops sped up my cataracts.", "cataracts"),
        ("Dexamethasone gives me hiccups for two days.", "hiccups"),
        ("On topiramate soda tastes flat.", "taste disturbance"),
        ("Tamsulosin caused retrograde ejaculation.", "ejaculation disorder"),
        ("I had a red, itchy injection site reaction every week.", "injection site reaction"),
        ("The shot burned going in and the injection site was swollen.", "injection site reaction"),
    ],
)
def test_lay_wording_maps_to_effect(text, effect):
    assert effect in effects(text)


# --- inflection: one row covers the word's forms ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("I noticed my blood sugar spiking after meals.", "high blood sugar"),
        ("My blood sugars spike after every dose.", "high blood sugar"),
        ("Since starting it I keep fracturing bones.", "fracture"),
        ("I'm sure it is damaging my kidneys.", "kidney problems"),
        ("I'm burping all day.", "belching"),
        ("My ankle is swelling again.", "edema"),
        ("I keep hiccupping after each dose.", "hiccups"),
        ("I am sunburned easily now.", "photosensitivity"),
    ],
)
def test_inflected_forms_match(text, effect):
    assert effect in effects(text)


# --- context: negation and hypotheticals ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("I never had low potassium on it.", "low potassium"),
        ("No kidney problems so far.", "kidney problems"),
        ("I didn't have any tendon pain.", "tendon problems"),
        ("My doctor checked and there was no sign of low blood sugar.", "low blood sugar"),
        ("I didn't get a moon face this time.", "moon face"),
    ],
)
def test_negated_mentions(text, effect):
    assert mention(text, effect).negated


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("It can cause kidney damage in older people.", "kidney problems"),
        ("If your sugar spikes, call your doctor.", "high blood sugar"),
        ("Fluoroquinolones may cause tendon rupture.", "tendon problems"),
        ("There is a risk of low sodium levels in older people.", "low sodium"),
        ("Watch out for acid rebound if you stop suddenly.", "acid rebound"),
    ],
)
def test_hypothetical_mentions(text, effect):
    assert mention(text, effect).hypothetical


# --- condition-like effects need a cue ------------------------------------------------------------


def test_fracture_needs_a_cue():
    # an injury is usually why a painkiller was taken: without a cue it is no drug effect
    assert "fracture" not in effects("I broke my ankle skiing and was given oxycodone.")
    assert "fracture" in effects("Since starting Nexium I have fractured my wrist twice.")
    # hip fracture is not cue-only (falls on sedatives)
    assert "hip fracture" in effects("My mother broke her hip on the sleeping pills.")


def test_ulcer_gout_anemia_need_a_cue():
    assert "stomach ulcer" not in effects("I take Nexium because of a stomach ulcer.")
    assert "stomach ulcer" in effects("Two months of naproxen caused a stomach ulcer.")
    assert "gout" not in effects("My gout is much better on allopurinol.")
    assert "gout" in effects("Hydrochlorothiazide triggered gout in my big toe.")
    assert "anemia" not in effects("I am anemic so I take iron.")


def test_diagnosis_is_the_condition():
    assert "osteoporosis" not in effects("I was diagnosed with osteoporosis last year.")
    assert "high blood sugar" not in effects("It helps control my high blood sugar.")


# --- unrelated senses stay out ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It had no real impact on my mood.",  # "impaction" stems to "impact"
        "It cleared up my ulcerative colitis.",  # "ulcer" stems inside "ulcerative"
        "I had classic hypo-thyroid symptoms.",  # "hypos" would match "hypo"
        "I check my arm pits for sweat marks.",  # "pitting" stems to "pit"
        "The rash looked like a bad sunburn.",  # a simile, not sun sensitivity
        "My blood sugar dropped nicely on metformin.",  # the intended effect
        "New research into diabetes is promising.",
        "The tendon transfer surgery went well.",
    ],
)
def test_unrelated_senses_are_no_new_effects(text):
    new = {
        "constipation",
        "stomach ulcer",
        "low blood sugar",
        "edema",
        "photosensitivity",
        "diabetes",
        "tendon problems",
    }
    assert effects(text) & new == set()


def test_misspellings_still_corrected():
    # words of the new rows must not make old misspellings ambiguous ("vommiting", "spining")
    assert "vomiting" in effects("Nausea and vommiting all day.")
    assert "dizziness" in effects("Headaches and room spining.")


# --- session 7: idioms, onset, inability and other-drug frames -----------------------------------


def affirmed(text: str) -> set[str]:
    """Return the effects of the affirmed (non-negated) mentions in `text`."""
    return {m.effect for m in find_effects(text) if not m.negated}


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("My hair has been coming out in handfuls.", "hair loss"),
        ("Within a month my hair was coming out in clumps.", "hair loss"),
        ("It gave me terrible cramping in my stomach.", "stomach ache"),
        ("Severe abdominal cramps and diarrhoea.", "stomach ache"),
        ("I felt like death warmed up for days.", "malaise"),
        ("Honestly I felt like crap the whole first week.", "malaise"),
        ("I felt like I was going to throw up after every dose.", "nausea"),
        ("The pills made me feel like I was going to be sick.", "nausea"),
    ],
)
def test_session7_wordings(text, effect):
    assert effect in affirmed(text)


def test_fractures_with_a_number_of_bones():
    assert mention("Three years on this drug and I still cracked two vertebrae.", "fracture")
    # still a cue-only effect: the treated condition of bone drugs
    assert "fracture" not in effects("I cracked two vertebrae skiing in 2010.")


@pytest.mark.parametrize(
    "text",
    [
        "She's scared stiff of the jaw thing.",
        "I was bored stiff at work.",
        "After that news I needed a stiff drink.",
        "I tried to keep a stiff upper lip.",
    ],
)
def test_stiff_idioms_are_no_stiffness(text):
    assert "muscle stiffness" not in effects(text)


def test_stiff_body_part_stays_stiffness():
    assert "muscle stiffness" in affirmed("I woke up with a stiff neck every day.")


def test_fed_up_and_dislike_idioms():
    assert "nausea" not in effects("I'm going to be sick of hearing about it.")
    assert "apathy" not in effects("I didn't care for that drug at all.")
    assert "apathy" in affirmed("I don't care about anything anymore.")


def test_cannot_do_without_an_effect_affirms_it():
    text = (
        "I also lost the ability to eat more than four bites without feeling like I'm going "
        "to be sick."
    )
    assert affirmed(text) == {"nausea"}  # no appetite increase from "eat more"
    assert "nausea" in affirmed("I can't eat without feeling sick.")
    assert "nightmares" not in affirmed("Now I can sleep without nightmares.")
    assert "asthma" not in affirmed("Ability to exercise without wheezing.")


def test_too_numb_to_have_any_negates():
    found = {m.effect: m.negated for m in find_effects("I was too numb to have any panic attacks.")}
    assert found["panic attacks"] is True
    # "too ... and I was starting to get" is no such frame
    assert "headache" in affirmed("It got too thick and I was starting to get headaches.")
    assert "irritability" in affirmed("Too tired to get up in the morning, irritability.")


def test_onset_with_the_drug_affirms_a_negated_effect():
    assert "panic attacks" in affirmed("I never had panic attacks before I started Lexapro.")
    assert "headache" in affirmed("I had never had headaches before taking this drug.")
    assert "nausea" in affirmed("I didn't have any nausea until I started it.")
    assert "suicidal thoughts" in affirmed(
        "Suicidal thoughts when I had never had those thoughts before."
    )
    assert "panic attacks" not in affirmed("I haven't had any panic attacks since starting it.")
    assert "nausea" not in affirmed("I never had nausea, before or after.")


def test_a_grown_condition_is_an_effect():
    assert "anxiety" in affirmed("My general anxiety got worse on it.")
    assert "anxiety" in affirmed("I had increased social anxiety.")
    assert "anxiety" not in affirmed("It helped my social anxiety a lot.")


def test_what_another_drug_would_not_cause_is_this_ones_effect():
    text = "I'm switching to another SSRI that doesn't cause back pain and itching."
    assert {"muscle pain", "rash"} <= affirmed(text)
    assert "nausea" not in affirmed("I took it without any nausea.")


def test_before_the_drug_is_no_effect():
    assert affirmed("Before I started taking it, I couldn't remember my dreams.") == set()
    assert "headache" in affirmed(
        "Before I started taking it, I was fine, but now I get headaches."
    )


def test_before_as_a_comparison_is_no_onset():
    assert "drowsiness" not in affirmed("Was not sleepy like I was before I took it.")
    assert "acne" not in affirmed("I have never had acne as severe as before.")
    assert "withdrawal" not in affirmed("I'd be fine without side effects and without withdrawal.")


# --- session 8: a story about another drug told before the target is named ----------------------

LEXAPRO_TARGET = lookup_drug("lexapro")


def target_effects(text: str) -> set[str]:
    """Return the affirmed effects of `text` read with Lexapro as the target."""
    return {m.effect for m in find_effects(text, drug=LEXAPRO_TARGET) if not m.negated}


def test_former_drug_story_before_the_target_is_its_own():
    text = (
        "At first I was prescribed Paxil. I was dizzy and nauseous all week. "
        "Then my doctor switched me to Lexapro and I got headaches."
    )
    assert target_effects(text) == {"headache"}


def test_former_drug_story_needs_the_target_named_later():
    # the target never named: the whole text may be about it
    text = "At first I was prescribed Paxil. I was dizzy and nauseous all week."
    assert {"dizziness", "nausea"} <= target_effects(text)


def test_former_drug_story_ends_at_a_turn_to_the_drug_of_now():
    text = (
        "I was on Paxil for a year. Since starting this medication I get headaches. "
        "Lexapro is fine otherwise."
    )
    assert "headache" in target_effects(text)


def test_a_drug_taken_for_an_effect_opens_no_story():
    # Benadryl was taken for the rash the target caused
    text = "I took Benadryl to counteract the itching all over. Lexapro caused it."
    assert "rash" in target_effects(text)
    assert "rash" not in target_effects("I took Benadryl, I was itching all over. Lexapro is ok.")
    text = "I have never taken Paxil, but I felt dizzy all week. Lexapro is new to me."
    assert "dizziness" in target_effects(text)


# --- session 8: the reason for the drug, relief at its onset, a denied side effect --------------


def test_the_reason_it_was_prescribed_is_the_condition():
    assert affirmed("My doctor prescribed it because I was having mood swings and rage.") == set()
    # a reason to stop, a causal verb after the reason, a named cause: effects stay
    assert "irritability" in affirmed("I stopped it because I was having mood swings.")
    assert "headache" in affirmed(
        "She prescribed it because I was anxious, and it gave me headaches."
    )
    assert "insomnia" in affirmed(
        "He prescribed it because I had insomnia as a result of withdrawal."
    )
    assert "insomnia" in affirmed("He put me on another med because I had terrible insomnia.")


def test_relief_at_the_onset_is_no_effect():
    assert "crying spells" not in affirmed("Right after I started it my crying spells stopped.")
    assert "nausea" in affirmed("When I started it the nausea was gone after a week.")


def test_a_denied_side_effect_is_negated():
    assert "hair loss" not in affirmed("My doctor said that hair loss is not a side effect.")
    assert "hair loss" in affirmed("My doctor said that hair loss is a side effect.")


def test_worry_about_a_named_thing_is_a_concern():
    assert "anxiety" not in effects("I do worry about kidney problems, so I get my labs done.")
    assert "anxiety" not in effects("I am worried about getting hooked on it.")
    assert "anxiety" in effects("It made me worry about everything all day.")


def test_cognitive_as_a_kind_of_treatment_is_no_effect():
    assert "cognitive impairment" not in effects("So I quit and took a cognitive approach.")
    assert "cognitive impairment" in effects("It caused cognitive problems for me.")


def test_another_named_cause_is_no_effect():
    assert "fatigue" not in affirmed("I deal with massive exhaustion from fibromyalgia.")
    assert "muscle pain" not in affirmed("It eased the pain from my arthritis.")
    # the drug, its use, a time, a place, a range, the effect's own complement: kept
    assert "nausea" in affirmed("I had nausea from the medication.")
    assert "headache" in affirmed("I had headaches from day one.")
    assert "dizziness" in affirmed("I get dizzy from standing up too fast.")
    assert "bleeding" in affirmed("I had bleeding from my gums.")
    assert "edema" in affirmed("I was swollen from my ankles to my knees.")
    assert "emotional blunting" in affirmed("I felt detached from my family.")
    assert "stomach ache" in affirmed("It gave me stomach aches due to gastritis.")


def test_a_cure_named_by_its_condition_is_no_effect():
    assert "headache" not in effects("Ginger is my favourite headache remedy.")
    assert "depression" not in effects(
        "Weight gain is not a known depression cure, it made me fat."
    )


def test_relief_named_before_an_effect_is_the_condition():
    assert "muscle pain" not in affirmed("It did in fact take away my physical pain.")
    assert "psychosis" not in affirmed("It stopped my racing thoughts at night.")
    # what the drug takes away as its effect, and "I stopped": effects stay
    assert "sexual dysfunction" in affirmed("It took away my sex drive completely.")
    assert "headache" in affirmed("When I stopped my headaches got really bad.")
