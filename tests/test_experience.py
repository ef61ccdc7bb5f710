"""The commenter's own experience: first-person use, dose, duration, outcome, and their evidence."""

from __future__ import annotations

import pytest

from analysis.drugs import lookup_drug
from analysis.experience import (
    EXPERIENCE_EVIDENCE_COLUMNS,
    OUTCOMES,
    experience_of,
    experience_rows,
)
from analysis.frames import sentence_bounds
from analysis.loader import load_page
from analysis.paths import SEED_PAGE
from analysis.stance import find_cues

BACLOFEN = lookup_drug("baclofen")


def exp(text: str):
    """Return the experience of a comment-like text, from the rule cues of the stance lexicon."""
    return experience_of(text, BACLOFEN, find_cues(text, BACLOFEN, about_drug=True))


@pytest.fixture(scope="module")
def seed_comments():
    tables = load_page(SEED_PAGE)
    return dict(zip(tables.comments["comment_id"], tables.comments["text"], strict=True))


def test_tim_took_it_10mg_stopped_after_3_days(seed_comments):
    tim = exp(seed_comments[2])
    assert tim.first_person_use is True
    assert tim.dose == "10 mg"
    assert tim.duration == "3 days"  # "stopped after 3 days"; "last year" is a date
    assert tim.outcome == "discontinued"


def test_tim_evidence_slices_back(seed_comments):
    text = seed_comments[2]
    evidence = exp(text).evidence
    assert {c.category for c in evidence} == {"use", "dose", "duration", "outcome"}
    for cue in evidence:
        assert text[cue.start : cue.end] == cue.text
    assert "i tried baclofen" in {c.text for c in evidence if c.category == "use"}
    assert [c.text for c in evidence if c.category == "dose"] == ["10mg"]


def test_clinician_is_not_first_person_use(seed_comments):
    clinician = exp(seed_comments[3])
    assert clinician.first_person_use is False
    assert clinician.outcome == "unknown"
    assert clinician.dose is None


def test_wiley_tracking_since_2018_is_not_a_duration_of_use(seed_comments):
    wiley = exp(seed_comments[1])
    assert wiley.first_person_use is False
    assert wiley.duration is None


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("I've been on baclofen for two years and it works great.", "relief"),
        ("Lioresal worked wonders for me.", "relief"),
        ("I took 5 mg of baclofen at night and it helped a bit.", "partial"),
        ("I tried baclofen for a month and it did nothing.", "none"),
        ("I tried baclofen but it didn't help at all.", "none"),
        ("I took baclofen and it made my legs worse.", "worse"),
        ("I quit baclofen after a week because it made me a zombie.", "discontinued"),
        ("I switched to baclofen last spring and it works great.", "relief"),
    ],
)
def test_outcomes(text, outcome):
    result = exp(text)
    assert result.first_person_use is True
    assert result.outcome == outcome


def test_outcome_evidence_is_the_deciding_cue():
    text = "I took baclofen and it made my legs worse."
    rows = [c for c in exp(text).evidence if c.category == "outcome"]
    assert len(rows) == 1
    assert rows[0].value == "worse" and "worse" in rows[0].text


@pytest.mark.parametrize(
    "text",
    [
        "my cousin said it worked for him",
        "If I took baclofen I would probably feel better.",
        "Should I take baclofen for my legs?",
        "I would never take baclofen.",
    ],
)
def test_not_first_person_use(text):
    result = exp(text)
    assert result.first_person_use is False
    assert result.outcome == "unknown"


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("I took 10mg of baclofen.", "10 mg"),
        ("I take .25 mg of it twice a day.", "0.25 mg"),
        ("I was on 20 milligrams of baclofen.", "20 mg"),
        ("I started baclofen at 2.5mg.", "2.5 mg"),
    ],
)
def test_dose_is_normalised(text, dose):
    assert exp(text).dose == dose


def test_dose_of_another_drug_is_not_this_drugs():
    result = exp("I take 300 mg of gabapentin, and I tried baclofen too.")
    assert result.first_person_use is True
    assert result.dose is None


def test_5g_is_not_a_dose():
    assert exp("5G towers cause it, I took baclofen anyway.").dose is None


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("I stopped taking it after 3 days.", "3 days"),
        ("I took baclofen for two weeks.", "2 weeks"),
        ("I've been on baclofen since 2018.", "since 2018"),
        ("I take 10 mg twice a day and have been on it for a month.", "1 month"),
    ],
)
def test_duration_of_use(text, duration):
    assert exp(text).duration == duration


def test_duration_not_about_the_drug():
    result = exp("I've had restless legs for ten years. I tried baclofen.")
    assert result.first_person_use is True
    assert result.duration is None


def test_outcome_values_are_the_documented_ones():
    assert set(OUTCOMES) == {"relief", "partial", "none", "worse", "discontinued", "unknown"}


def test_experience_rows():
    text = "I took 10mg of baclofen for two weeks and it helped."
    rows = experience_rows(exp(text), "art", 7)
    assert rows
    assert all(list(row) == EXPERIENCE_EVIDENCE_COLUMNS for row in rows)
    assert {row["category"] for row in rows} == {"use", "dose", "duration", "outcome"}
    for row in rows:
        assert (row["article_id"], row["comment_id"]) == ("art", 7)
        assert text[row["start"] : row["end"]] == row["text"]


def test_without_cues_outcome_is_unknown_but_use_is_found():
    result = experience_of("I tried baclofen and it did nothing.", BACLOFEN, ())
    assert result.first_person_use is True
    assert result.outcome == "unknown"


@pytest.mark.parametrize(
    ("text", "use", "outcome"),
    [
        ("I never quit taking it, it works great.", True, "relief"),
        ("I came off ropinirole last year.", False, "unknown"),
        ("I started baclofen after I came off ropinirole, and it helped.", True, "relief"),
        ("I switched from baclofen to ropinirole.", True, "discontinued"),
        ("I switched from ropinirole to baclofen and it helped a lot.", True, "relief"),
        ("I went from Requip to Lioresal last year and it worked.", True, "relief"),
        ("My doctor switched from ropinirole to gabapentin.", False, "unknown"),
    ],
)
def test_stopping_something_else_is_not_discontinuing_the_drug(text, use, outcome):
    result = exp(text)
    assert (result.first_person_use, result.outcome) == (use, outcome)


# --- session 6: regimens, courses, plans, other people, and durations that are not time on it ---


@pytest.mark.parametrize(
    "text",
    [
        "Mixed results honestly. 60 mg a day for about 5 months now. It took the edge off.",
        "Lioresal 10 mg for 6 weeks. I was dragging myself through every day.",
        "Just finished my first baclofen course, 10 mg three times a day.",
        "Every time I try to come off it the cramps come back twice as bad.",
    ],
)
def test_first_person_use_without_a_use_verb(text):
    assert exp(text).first_person_use is True


@pytest.mark.parametrize(
    "text",
    [
        "My GP is putting me on 10mg and I'm nervous about it.",
        "I start next Monday on 10mg and I'm dreading the first week.",
        "Same thing happened to my dad, his legs went weak on baclofen and he fell.",
        "My aunt was on baclofen for years. I think of her every time someone tells me to "
        "just take a baclofen.",
    ],
)
def test_plans_advice_and_relatives_are_not_first_person_use(text):
    result = exp(text)
    assert result.first_person_use is False
    assert (result.dose, result.duration) == (None, None)


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("I took 10 mg for 6 weeks and then tapered off over a week.", "6 weeks"),
        ("6 months on baclofen and I've been clear for 3 years now.", "6 months"),
        ("3 months into a 6 month course of baclofen, 10 mg a day.", "3 months"),
        ("I took a 10 day course of baclofen.", "10 days"),
        ("My legs have been worse since I started it 4 months ago.", "4 months"),
        ("I took 40 mg for two months and still had the cramps.", "2 months"),
    ],
)
def test_duration_is_the_time_on_the_drug(text, duration):
    assert exp(text).duration == duration


@pytest.mark.parametrize(
    "text",
    [
        "Baclofen has been a game changer, I took it for a year.",
        "I took it for a year and it saved my sanity.",
        "Best thing I ever did, I took baclofen for a year.",
    ],
)
def test_evaluations_that_can_only_mean_it_worked_are_relief(text):
    assert exp(text).outcome == "relief"


@pytest.mark.parametrize(
    ("text", "dose", "duration"),
    [
        (
            "Half a tablet at bedtime for the cramps in my left leg, about 6 weeks now.",
            None,
            "6 weeks",
        ),
        ("Switched to baclofen 20mg at night and its been far better for me.", "20 mg", None),
        (
            "on a hundred mcg since my thyroid came out in 2016 and I barely think about it.",
            "100 mcg",
            "since 2016",
        ),
        (
            "Lioresal 10mg every day since I was 23, I'm 31 now.",
            "10 mg",
            "8 years",
        ),  # age now stated
    ],
)
def test_diary_style_use_dose_and_duration(text, dose, duration):
    result = exp(text)
    assert result.first_person_use is True
    assert (result.dose, result.duration) == (dose, duration)


def test_time_since_stopping_is_not_a_duration_of_use():
    result = exp(
        "I took baclofen for a while. Its been 2 years since I stopped and I'm still not right."
    )
    assert result.duration is None


def test_being_switched_between_brands_is_use():
    assert exp(
        "my pharmacy keeps switching me between Lioresal and whatever generic they have"
    ).first_person_use


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Lasted 9 days on it, I was a zombie. Binned the rest of the box.", "discontinued"),
        (
            "I've been on baclofen a year and its the first thing thats touched the cramps.",
            "relief",
        ),
        ("I take baclofen every night. Tiny pill, massive difference.", "relief"),
        ("I take 10mg of baclofen and I feel like an actual person again.", "relief"),
        ("I took baclofen for a year. Best decision I ever made.", "relief"),
    ],
)
def test_more_outcome_wordings(text, outcome):
    assert exp(text).outcome == outcome


def test_regained_function_is_relief():
    text = "Been on baclofen a year. Went from not being able to open a jar to hiking again."
    assert exp(text).outcome == "relief"


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("I was prescribed baclofen but never took it.", False),
        ("Just got prescribed 20mg, haven't picked it up yet.", False),
        ("I wish I had never taken it.", True),
        ("I never took it again after that first week.", True),
        ("I was prescribed baclofen and took it for a month.", True),
    ],
)
def test_a_prescription_not_taken_is_not_use(text, use):
    assert exp(text).first_person_use is use


@pytest.mark.parametrize(
    "text",
    [
        "My GP put me on 10mg baclofen, first dose is tomorrow night. Any tips?",
        "Collected the script this morning, starting the 20mg tomorrow and hoping for the best.",
        "I start baclofen next Monday, my neurologist says 5mg to begin with.",
        "Got prescribed baclofen last week but haven't started it yet.",
    ],
)
def test_a_start_still_ahead_is_not_use(text):
    e = exp(text)
    assert e.first_person_use is False
    assert e.dose is None


def test_a_relatives_use_is_not_mine_though_my_is_in_the_sentence():
    e = exp(
        "My uncle was on baclofen for 9 years. My aunt says the doctors told him it can "
        "happen even after years of taking it. I never touched the stuff."
    )
    assert e.first_person_use is False
    assert e.duration is None
    # unhyphenated in-laws are relatives too
    assert (
        exp("My sister in law swears by it, she took baclofen for years.").first_person_use is False
    )
    # "it helped my husband": the drug acted on someone else
    assert exp("Baclofen helped my husband a lot with the cramps.").first_person_use is False


def test_people_as_subject_of_on_is_not_my_use():
    e = exp("I run a sleep clinic and the main reason people give up on baclofen is drowsiness.")
    assert e.first_person_use is False
    assert e.outcome == "unknown"


def test_the_drug_doing_something_to_me_is_use():
    e = exp("Baclofen wrecked my stomach within a month, so that was that.")
    assert e.first_person_use is True


@pytest.mark.parametrize(
    ("text", "dose", "duration"),
    [
        ("Sixty mg a day for the past two years. My legs are calmer.", "60 mg", "2 years"),
        ("Its fine. 20 mg at night and my legs are quiet most evenings.", "20 mg", None),
    ],
)
def test_a_verbless_regimen_opening_a_sentence_is_use(text, dose, duration):
    e = exp(text)
    assert e.first_person_use is True
    assert e.dose == dose
    assert e.duration == duration


def test_a_dose_stated_as_a_fact_is_not_a_regimen():
    assert (
        exp("20 mg is the usual starting dose and my advice is to go slow.").first_person_use
        is False
    )


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("I started baclofen about 4 months ago and my legs are much calmer.", "4 months"),
        ("Switched to baclofen from ropinirole 2 years ago, no regrets.", "2 years"),
        # a date that is not the start of the drug stays a date
        ("I took baclofen 10mg. My hip broke 2 years ago, long before that.", None),
        ("I take baclofen at night. Eight months in now and still sleeping well.", "8 months"),
        ("I tried baclofen. Week 3 now and the cramps are easing.", "3 weeks"),
        # the onset "by day 2 of the course" is not the time on the drug
        ("I took baclofen and the cramps were gone by day 2 of the course.", None),
        # time free of a habit is not time on the drug
        (
            "I take baclofen for the cravings, 10 weeks on it and 30 days without a drink.",
            "10 weeks",
        ),
        ("I take baclofen 10mg. 60 days without a drink so far.", None),
    ],
)
def test_more_durations_of_use(text, duration):
    e = exp(text)
    assert e.first_person_use is True
    assert e.duration == duration


@pytest.mark.parametrize(
    "text",
    [
        "I took baclofen for 5 weeks, felt awful the whole time, so I packed it in.",
        "I was on baclofen two years, then my legs ached and I asked to stop.",
        "I tried baclofen for cramps. Six weeks of feeling drunk and I was done.",
    ],
)
def test_more_ways_of_stopping(text):
    assert exp(text).outcome == "discontinued"


def test_stopping_a_habit_is_not_stopping_the_drug():
    e = exp("I'm on baclofen for the cravings. I went off alcohol within a month, it works for me.")
    assert e.first_person_use is True
    assert e.outcome == "relief"


# --- exp8: general causes found on probes7 (short invented sentences) ---


@pytest.mark.parametrize(
    ("text", "dose", "duration"),
    [
        # a diary's verbless regimen opening the sentence is the commenter's own use
        ("Baclofen every morning since 2016, the 10mg tablets.", "10 mg", "since 2016"),
        ("20mg at night, 2 years. Works fine.", "20 mg", "2 years"),
        ("3 weeks in on 10mg and nothing yet.", "10 mg", "3 weeks"),
        # a subjectless past use
        ("Used to be on baclofen every few months.", None, None),
    ],
)
def test_diary_regimen_is_use(text, dose, duration):
    e = exp(text)
    assert e.first_person_use is True
    assert (e.dose, e.duration) == (dose, duration)


@pytest.mark.parametrize(
    "text",
    [
        "The cramps eased a little. Dunno if I'd take baclofen again.",  # "again": a first time
        "baclofen was the one that actually worked for me.",
        "Baclofen is my go to for cramps.",
    ],
)
def test_use_implied_by_other_words(text):
    assert exp(text).first_person_use is True


@pytest.mark.parametrize(
    "text",
    [
        "The neuro wanted me on baclofen. No thank you.",  # someone else's wish
        "My husband was on baclofen about a year. He stopped it and is fine now.",  # "He stopped"
        "Is baclofen my go to now?",
    ],
)
def test_not_own_use(text):
    e = exp(text)
    assert e.first_person_use is False
    assert (e.duration, e.outcome) == (None, "unknown")


@pytest.mark.parametrize(
    "text",
    [
        "Was on baclofen for 3 yrs. Consultant switched me to tizanidine last autumn.",
        "Was on baclofen for 3 yrs. Then they changed me to something else.",
        "Tried the 20 and then dropped to the 10 over about 3 years and gave up.",
    ],
)
def test_own_stops_are_discontinued(text):
    e = exp(text)
    assert e.first_person_use is True
    assert e.duration == "3 years"  # "yrs" normalised
    assert e.outcome == "discontinued"


def test_moved_to_the_target_or_quitting_a_habit_is_no_stop():
    text = "I took painkillers for years. He took me off the painkillers and I started baclofen."
    assert exp(text).outcome != "discontinued"  # another drug stopped, by someone else
    assert exp("I was on tizanidine, then they switched me to baclofen.").outcome != "discontinued"
    assert exp("I took baclofen and then I gave up smoking.").outcome != "discontinued"


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("I took baclofen and within an hour I was sick.", None),  # onset, not time on it
        ("I stopped taking baclofen within 2 months.", "2 months"),  # time on it before a stop
        ("I take baclofen 10 mg one hour before bedtime.", None),  # timing of a dose
        ("I take baclofen 10 mg and wait for an hour before coffee.", None),
        ("I did stretches for 2 yrs before I went on baclofen. 5 months in now.", "5 months"),
        ("I took baclofen. I had a headache the whole 5 days.", "5 days"),  # the course
        ("Been on baclofen for 8 yrs now.", "8 years"),
        ("I took baclofen 500 mg once in a day for three days.", "3 days"),  # "in a day": a rate
        ("I've taken baclofen for 2 years, a scan is done every 2 - 3 years.", "2 years"),
    ],
)
def test_duration_forms(text, duration):
    assert exp(text).duration == duration


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("I take baclofen. Started on 10mg and worked up to 20 three times a day.", "20 mg"),
        ("I started baclofen at 10mg, now 30mg and fine.", "30 mg"),
        ("I take baclofen 10 mg and went up 3 times.", "10 mg"),  # a count, not a dose
        ("I take baclofen 10 mg, they will up me to 20 mg.", "10 mg"),  # not yet
        ("I started baclofen with one 10 mg tablet 3X a day, now down to 1 a day.", "10 mg"),
        ("I take baclofen 10 mg for 3 weeks.", "10 mg"),
    ],
)
def test_titrated_dose_is_the_dose_reached(text, dose):
    assert exp(text).dose == dose


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("I take baclofen and my cramps are gone.", "relief"),  # a relieved symptom
        ("I take baclofen and I have fewer cramps now.", "partial"),  # reduced, not gone
        ("Baclofen has been brilliant for me.", "relief"),  # praise of what it did for me
    ],
)
def test_relieved_symptoms_and_praise_for_me(text, outcome):
    assert exp(text).outcome == outcome


def test_worse_off_the_drug_is_not_worse():
    # the reason to stay on it: the condition without it, not the drug making it worse
    assert exp("I'm staying on baclofen because the spasms were worse.").outcome != "worse"
    assert exp("I take baclofen, without it my spasms are worse.").outcome != "worse"
    assert exp("I take baclofen and it made my spasms worse.").outcome == "worse"


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("Baclofen 10mg every day since I was 23, I'm 31 now.", "8 years"),
        ("59 and still on baclofen 10mg, been on it since I was 51.", "8 years"),
        ("I've been on baclofen since I was 30.", "since age 30"),  # no age now: kept as stated
    ],
)
def test_since_age_with_the_age_now_is_years(text, duration):
    assert exp(text).duration == duration


def test_life_changing_outweighs_a_reduced_symptom():
    assert exp("I take baclofen and I have fewer cramps now.").outcome == "partial"
    text = "Baclofen changed my life. I take it and I have fewer cramps now."
    assert exp(text).outcome == "relief"


@pytest.mark.parametrize(
    ("drug", "text", "dose"),
    [
        ("tirzepatide", "I was on Mounjaro 7.5 for 5 months and it gave me diarrhoea.", "7.5 mg"),
        ("venlafaxine", "I have been on it a week, started 37.5 on Monday.", "37.5 mg"),
        ("venlafaxine", "I switched to venlafaxine 75 XL and it has helped me.", "75 mg"),
        ("levothyroxine", "I take 50mcg of levothyroxine, went up to 75 last year.", "75 mcg"),
    ],
)
def test_a_dose_without_a_unit_after_the_name_or_a_start(drug, text, dose):
    target = lookup_drug(drug)
    assert experience_of(text, target, find_cues(text, target, about_drug=True)).dose == dose


@pytest.mark.parametrize(
    "text",
    [
        "I take it daily. By week 8 I was back up to 12 and smoking again.",
        "I take it daily and my cholesterol went back up to 235.",
        "I have been on baclofen 2019 onwards, it helped.",
    ],
)
def test_counts_readings_and_years_are_no_doses(text):
    assert exp(text).dose is None, text


@pytest.mark.parametrize(
    "text",
    [
        "Baclofen works for me, no question, the jerks are done in a day.",
        "It took the edge off, I'll give it that.",
        "Even the low dose of baclofen gives me awful drowsiness every single time.",
    ],
)
def test_what_the_drug_did_to_the_writer_is_use(text):
    found = exp(text)
    assert found.first_person_use, text
    assert all(text[c.start : c.end] == c.text for c in found.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Pharmacist here. I'd guess half the people I hand baclofen to get drowsiness from it.",
        "Nurse here. Drowsiness is a recognised side effect of baclofen.",
        '"It\'s the only reason I sleep" is the drowsiness from baclofen talking.',
        "I'm not saying baclofen doesn't work, I'm saying I don't trust the numbers.",
        "I got my leg jerks down from 7.1 to 5.8 a night with magnesium and never filled "
        "the baclofen prescription.",
    ],
)
def test_effects_others_feel_or_a_denial_are_not_use(text):
    assert not exp(text).first_person_use, text


def test_a_decimal_point_ends_no_sentence():
    text = "My score went from 7.1 to 5.8 on it. Then I stopped."
    assert sentence_bounds(text, 10) == (0, len("My score went from 7.1 to 5.8 on it."))
    assert sentence_bounds(text, len(text) - 3)[0] == len("My score went from 7.1 to 5.8 on it.")


@pytest.mark.parametrize(
    ("text", "used"),
    [
        ("is it normal? started 37.5 on monday and my heart is racing.", True),
        ("Down 31kg in 10 months on baclofen. Best thing I've done.", True),
        ("Started 2 weeks ago on a lower dose.", False),
        ("Started 2019 with a new GP. Anyone tried baclofen?", False),
        ("My sister lost 3 stone on baclofen.", False),
    ],
)
def test_a_subjectless_start_or_weight_change_on_it_is_use(text, used):
    assert exp(text).first_person_use is used, text


@pytest.mark.parametrize(
    "text",
    [
        "On baclofen since January. Lost 14kg by May, then nothing. The scales haven't moved.",
        "It worked brilliantly the first year I was on it. Then the poop-out, not what it was.",
        "I've been on baclofen a year and I've plateaued.",
    ],
)
def test_an_effect_that_waned_is_partial(text):
    assert exp(text).outcome == "partial", text


def test_no_effect_at_all_is_still_none():
    assert exp("I took baclofen for a month and it did nothing at all.").outcome == "none"


def test_what_the_drug_gave_the_writer_is_use_and_hours_of_sleep_are_no_duration():
    text = (
        "None of it touched my insomnia. 50mg baclofen is the only thing that has ever given me "
        "a regular 7 hours. Two years now and I still only need the 50."
    )
    result = exp(text)
    assert result.first_person_use is True
    assert result.duration == "2 years"


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("I get 6 hours on baclofen and wake up fine.", None),
        ("Six months now on baclofen and my legs are calm.", "6 months"),
        ("Baclofen helps. I sleep 7 hours now.", None),
        ("I've had restless legs for 6 years now, baclofen is new.", None),
        ("I have suffered with RLS for 20 years. Been on baclofen for 2 years.", "2 years"),
    ],
)
def test_durations_of_sleep_and_time_so_far(text, duration):
    assert exp(text).duration == duration, text


def test_an_opinion_without_me_is_no_use():
    assert (
        exp("My cardiologist says it's one of the best studied drugs there is.").first_person_use
        is False
    )
