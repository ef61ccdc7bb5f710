"""General cues added after the second probe (session 5): lab values, regained function, partial
effects, told-to-stop and diary-style stops, clinicians introducing themselves, industry-funded
evidence, remedies that "did more". Invented sentences on several drugs, not the probe pages."""

from __future__ import annotations

import pytest

from analysis.drugs import lookup_drug
from analysis.experience import experience_of
from analysis.frames import frames_of
from analysis.stance import decide, find_cues, stance_of

ATORVASTATIN = lookup_drug("atorvastatin")
METFORMIN = lookup_drug("metformin")
TRAMADOL = lookup_drug("tramadol")


def cues(text: str, drug=ATORVASTATIN) -> list:
    """Return the counted rule cues of a comment-like text."""
    return [c for c in find_cues(text, drug, about_drug=True) if c.weight > 0]


def exp(text: str, drug=ATORVASTATIN):
    """Return the commenter's experience from a comment-like text."""
    return experience_of(text, drug, find_cues(text, drug, about_drug=True))


def frame_set(text: str, drug=ATORVASTATIN) -> set[str]:
    """Return the frames of a comment-like text."""
    return set(frames_of(text, drug, find_cues(text, drug, about_drug=True)).frames)


@pytest.mark.parametrize(
    ("text", "drug", "polarity"),
    [
        ("On Lipitor my LDL went from 190 down to 70.", ATORVASTATIN, 1),
        ("my A1c dropped from 8.1 to 6.4 on metformin", METFORMIN, 1),
        ("It takes my pain from a 7 to maybe a 4.", TRAMADOL, 1),
        ("Since starting it my pain went from 3 to 8.", TRAMADOL, -1),
    ],
)
def test_a_measure_changing_is_efficacy_in_its_direction(text, drug, polarity):
    found = [c for c in cues(text, drug) if c.rule == "eff_measure_change"]
    assert [c.polarity for c in found] == [polarity]
    assert text[found[0].start : found[0].end] == found[0].text


def test_a_range_or_percentage_is_not_a_change():
    text = "Atorvastatin lowers LDL cholesterol by roughly 35 to 55 percent."
    assert not [c for c in cues(text) if c.rule == "eff_measure_change"]


def test_numbers_better_is_efficacy():
    assert any(c.rule == "eff_measure_better" for c in cues("my numbers are better on it"))


@pytest.mark.parametrize(
    "text",
    [
        "Tramadol has given me my life back.",
        "now i can actually go to the grocery store",
        "I can play with my kids again.",
        "I don't spiral like I used to.",
    ],
)
def test_regained_life_and_function_favour_the_drug(text):
    found = cues(text, TRAMADOL)
    assert found and all(c.polarity > 0 for c in found if c.category == "efficacy")
    assert stance_of(text, TRAMADOL, about_drug=True).score > 0


def test_edge_off_is_a_partial_outcome():
    result = exp("I've been on sertraline 50mg for a year. It does take the edge off.")
    assert result.first_person_use
    assert result.outcome == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "took tramadol for 2 weeks. it barely touched the pain.",
        "been on 100mg for 4 months and the only thing that changed is i gained 15 lbs",
    ],
)
def test_barely_and_only_thing_changed_are_no_effect(text):
    result = exp(text, TRAMADOL)
    assert result.first_person_use
    assert result.outcome == "none"


@pytest.mark.parametrize(
    "text",
    [
        "i lasted 3 months on atorvastatin 40 mg. dr said stop and it all went away.",
        "Lasted about 5 weeks on atorvastatin. Tapered off with my GP.",
        "took atorvastatin for 2 weeks. stopped and went back to diet and exercise.",
        "I was on Lipitor 20mg. My doctor took me off it in May.",
    ],
)
def test_told_to_stop_and_diary_stops_are_discontinuation(text):
    result = exp(text)
    assert result.first_person_use
    assert result.outcome == "discontinued"


def test_stopped_a_symptom_is_not_a_discontinuation():
    found = cues("Started on atorvastatin. Stopped sweating within a week.")
    assert not [c for c in found if c.rule == "disc_told_stop"]


def test_a_relatives_or_clinicians_numbers_are_not_the_commenters():
    hearsay = exp("My husband took it for about a year and got really forgetful.")
    assert (hearsay.first_person_use, hearsay.dose, hearsay.duration) == (False, None, None)
    advice = exp("Psychiatrist here. Start low (25 mg) and don't stop it abruptly.")
    assert advice.dose is None


def test_a_later_if_clause_does_not_cancel_use():
    text = "my numbers are better (LDL 160 to 95 on 10mg) but I cant tell if that's the Lipitor"
    assert exp(text).first_person_use


def test_a_relative_in_brackets_is_still_a_relative():
    assert not exp("My daughter (19) was put on atorvastatin last spring.").first_person_use


@pytest.mark.parametrize(
    "text",
    [
        "I'm a cardiac nurse and I see this every day.",
        "Psychiatrist here. Most of my patients do fine.",
        "As a pain specialist I rarely start tramadol anymore.",
    ],
)
def test_clinicians_introducing_themselves(text):
    assert "clinical_voice" in frame_set(text, TRAMADOL)


def test_i_am_a_patient_is_not_clinical():
    assert "clinical_voice" not in frame_set("I'm a patient and I took it for a year.")


def test_clinician_advice_to_keep_taking_favours_the_drug():
    text = (
        "Atorvastatin is a reasonable first-line option and most patients tolerate it. "
        "Please talk to your doctor before you quit."
    )
    result = stance_of(text, ATORVASTATIN, about_drug=True)
    assert result.label == "favor"
    rules = {c.rule for c in result.evidence if c.weight > 0}
    assert {"eval_option", "eval_tolerate", "rec_keep"} <= rules


def test_could_not_tolerate_it_is_against():
    found = [c for c in cues("I couldn't tolerate it at all.") if c.rule == "eval_tolerate"]
    assert [c.polarity for c in found] == [-1]


def test_industry_funded_trials_are_scepticism_and_distrust():
    text = "The statin trials were mostly run by the manufacturers and there's no money in diet."
    assert any(c.category == "evidence_scepticism" for c in cues(text))
    assert "conspiracy_distrust" in frame_set(text)


def test_a_remedy_that_did_more_is_against_the_drug():
    text = "stopped and went back to ibuprofen and a heating pad which honestly did more."
    found = [c for c in cues(text, TRAMADOL) if c.rule == "cmp_more_than"]
    assert [c.polarity for c in found] == [-1]
    assert "alternative_remedy_or_cause" in frame_set(text, TRAMADOL)


def test_the_drug_that_did_more_is_for_it():
    text = "I switched from Requip to tramadol, which honestly did more."
    found = [c for c in cues(text, TRAMADOL) if c.rule == "cmp_more_than"]
    assert [c.polarity for c in found] == [1]


def test_diet_does_more_than_any_pill():
    text = "Diet and exercise do more than any pill."
    assert any(c.rule == "cmp_more_than" and c.polarity < 0 for c in cues(text))
    assert "alternative_remedy_or_cause" in frame_set(text)


def test_can_feel_like_is_not_a_report():
    text = "Atorvastatin can feel like it makes the aches worse at first."
    assert not [c for c in cues(text) if c.rule == "eff_worse"]


def test_ambivalence_pulls_toward_mixed():
    base = "It helps my legs a lot and I sleep better."
    torn_cues = find_cues(base + " Still undecided whether to stay on it.", METFORMIN, True)
    assert any(c.rule == "amb_undecided" and c.polarity == 0 for c in torn_cues)
    _, plain_score, plain_favor, plain_against = decide(find_cues(base, METFORMIN, True))
    _, torn_score, torn_favor, torn_against = decide(torn_cues)
    assert 0 < torn_score < plain_score
    assert torn_against > plain_against and torn_favor > plain_favor


@pytest.mark.parametrize(
    "text",
    [
        "Tramadol reduced pain slightly more than placebo.",
        "Atorvastatin lowers LDL cholesterol in most adults.",
    ],
)
def test_reducing_a_symptom_or_measure_is_efficacy_not_harm(text):
    found = cues(text, TRAMADOL if "Tramadol" in text else ATORVASTATIN)
    assert any(c.rule == "eff_reduce_symptom" and c.polarity > 0 for c in found)
    assert not [c for c in found if c.category == "harm"]


def test_first_person_use_always_comes_with_the_personal_experience_frame():
    from pathlib import Path

    from analysis.pipeline import analyse_file

    pages = sorted(Path(__file__).parent.joinpath("fixtures", "probes").glob("*.txt"))
    users = 0
    for page in pages:
        comments = analyse_file(page).tables.comments
        for _, row in comments[comments["first_person_use"]].iterrows():
            users += 1
            assert "personal_experience" in str(row["frames"]).split(";"), row["author"]
    assert users >= 10


def test_a_prescriber_who_rarely_starts_it_and_real_risks_are_against():
    text = (
        "As a pain specialist I rarely start tramadol anymore. The effect in trials is small, "
        "the seizure risks are real, and it is still an opioid with dependence potential."
    )
    result = stance_of(text, TRAMADOL, about_drug=True)
    rules = {c.rule for c in result.evidence if c.weight > 0}
    assert {"rec_rarely_prescribe", "harm_risks_real"} <= rules
    assert result.label == "against"
    # "dependence potential" names a property, not a hedge on the clause
    small = next(c for c in result.evidence if c.rule == "scep_small_effect")
    assert not any(m.startswith("hedge") for m in small.modifiers)


ZOLPIDEM = lookup_drug("zolpidem")


@pytest.mark.parametrize(
    ("text", "drug", "rule", "polarity"),
    [
        (
            "Singulair has honestly been great for me, a game changer.",
            lookup_drug("montelukast"),
            "eval_been_great",
            1,
        ),
        ("Half a pill gets me to sleep when nothing else does.", ZOLPIDEM, "eff_nothing_else", 1),
        (
            "It gets you to sleep like 15 min faster than a sugar pill.",
            ZOLPIDEM,
            "scep_placebo_small",
            -1,
        ),
        ("As an anti-aging supplement it's hype.", METFORMIN, "scep_hype_plain", -1),
        ("For diabetes, fine, it does its job.", METFORMIN, "eff_does_job", 1),
        (
            "Berberine does basically the same thing as metformin without wrecking your gut.",
            METFORMIN,
            "cmp_same_without",
            -1,
        ),
        (
            "now im on jardiance and my numbers are better than they ever were on the metformin",
            METFORMIN,
            "cmp_better_than_on",
            -1,
        ),
        ("Don't let scary forum posts talk you out of it.", METFORMIN, "rec_dont_let", 1),
        ("Try changing your diet before you take this stuff.", METFORMIN, "rec_try_before", -1),
        ("Both times the acne came back within a year.", METFORMIN, "eff_relapse", -1),
        ("The pain never came back.", TRAMADOL, "eff_never_back", 1),
        ("Skin is clearing up, maybe 70% better.", METFORMIN, "eff_percent_better", 1),
    ],
)
def test_third_probe_cues(text, drug, rule, polarity):
    found = [c for c in cues(text, drug) if c.rule == rule]
    assert found and all(c.polarity == polarity for c in found)


def test_i_barely_touch_my_inhaler_is_not_a_failure():
    text = "I barely touch the rescue inhaler now."
    assert not [c for c in cues(text, METFORMIN) if c.rule == "eff_barely"]


def test_past_use_is_not_continuation():
    found = cues("I was on it for about 8 months, 10 mg.", ZOLPIDEM)
    assert not [c for c in found if c.category == "continuation"]


def test_worked_great_at_first_is_diminished():
    found = [c for c in cues("It worked great at first.", ZOLPIDEM) if c.rule == "eff_work_great"]
    assert found and any(m.startswith("diminisher") for m in found[0].modifiers)


@pytest.mark.parametrize(
    "text",
    [
        "6 months on 850mg twice a day.",
        "3 months into a 6 month course, 60 mg a day.",
        "i lasted 3 months.",
    ],
)
def test_diary_time_on_the_drug_is_use(text):
    assert exp(text, METFORMIN).first_person_use


def test_keeping_people_on_it_is_not_the_clinicians_use():
    text = "I try hard not to keep people on it long term."
    assert not exp(text, ZOLPIDEM).first_person_use


def test_an_effect_in_a_relative_is_a_second_hand_report():
    text = "My son had nightmares every night on it until we stopped it."
    assert "second_hand_report" in frame_set(text, METFORMIN)


def test_tired_of_is_not_fatigue():
    found = cues("Really tired of doctors treating me like an addict.", ZOLPIDEM)
    assert not [c for c in found if c.category == "harm"]


def test_hair_falling_out_is_hair_loss_not_a_fall():
    from analysis.effects import find_effects

    found = find_effects("my hair was falling out in clumps", drug=lookup_drug("isotretinoin"))
    assert [m.effect for m in found] == ["hair loss"]
    fractures = find_effects("the falls and hip fractures worry me", drug=ZOLPIDEM)
    assert "hip fracture" in {m.effect for m in fractures}
