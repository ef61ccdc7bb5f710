"""Discourse frames: the seed comments against the human coding, and invented comments."""

from __future__ import annotations

import csv
import re

import pytest

from analysis.drugs import lookup_drug
from analysis.frames import (
    FRAME_EVIDENCE_COLUMNS,
    FRAMES,
    frame_rows,
    frames_of,
    load_frame_rules,
)
from analysis.loader import load_page
from analysis.paths import DATA_DIR, SEED_PAGE
from analysis.stance import find_cues

BACLOFEN = lookup_drug("baclofen")
CODING = DATA_DIR / "coding" / "seed_stance_coding.csv"


def frames(text: str) -> set[str]:
    return set(result(text).frames)


def result(text: str):
    return frames_of(text, BACLOFEN, find_cues(text, BACLOFEN, about_drug=True))


@pytest.fixture(scope="module")
def seed_comments() -> dict[int, str]:
    tables = load_page(SEED_PAGE)
    return dict(zip(tables.comments["comment_id"], tables.comments["text"], strict=True))


@pytest.fixture(scope="module")
def coded() -> dict[int, set[str]]:
    with open(CODING, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["unit"] == "comment"]
    return {int(r["id"]): set(filter(None, r["frames"].split(";"))) for r in rows}


@pytest.mark.parametrize(
    ("comment_id", "frame"),
    [
        (1, "conspiracy_distrust"),
        (2, "personal_experience"),
        (2, "second_hand_report"),
        (3, "clinical_voice"),
        (4, "scepticism"),
    ],
)
def test_seed_unambiguous_frames(seed_comments, coded, comment_id, frame):
    assert frame in coded[comment_id]  # the human coding has it ...
    assert frame in frames(seed_comments[comment_id])  # ... and so does the automatic one


def test_seed_clinician_and_sceptic_have_no_first_hand_frames(seed_comments):
    for comment_id in (3, 4):
        found = frames(seed_comments[comment_id])
        assert "personal_experience" not in found
        assert "second_hand_report" not in found
        assert "conspiracy_distrust" not in found


def test_seed_frame_agreement_with_coding(seed_comments, coded):
    """Frame-level agreement over 4 comments x 6 frames; recorded in docs/codebook.md."""
    agree = sum(
        (frame in coded[cid]) == (frame in frames(text))
        for cid, text in seed_comments.items()
        for frame in FRAMES
    )
    assert agree >= 22  # of 24


def test_seed_evidence_spans_slice_back(seed_comments):
    for text in seed_comments.values():
        found = result(text)
        assert found.labels
        for label in found.labels:
            assert label.evidence
            for cue in label.evidence:
                assert text[cue.start : cue.end] == cue.text


def test_off_target_distrust_still_frames_distrust():
    text = "The FDA is bought and paid for by Big Pharma. They don't want you to know."
    found = result(text)
    assert "conspiracy_distrust" in found.frames
    assert any(c.rule.startswith("stance:distrust") for c in found.evidence)


def test_stance_comparison_is_reused_for_alternative_remedy():
    found = result("A cold can of soda works better than the pills.")
    assert "alternative_remedy_or_cause" in found.frames
    rules = {c.rule for c in found.evidence if c.frame == "alternative_remedy_or_cause"}
    assert any(r.startswith("stance:comparison") for r in rules)
    # the same span is not counted twice (stance cue and lexicon cue)
    spans = [(c.start, c.end) for c in found.evidence if c.frame == "alternative_remedy_or_cause"]
    assert len(spans) == len(set(spans))


def test_drug_better_than_other_drug_is_not_an_alternative():
    assert "alternative_remedy_or_cause" not in frames("Baclofen works better than ropinirole.")


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("I took baclofen for a week.", "personal_experience"),
        ("I heard it causes memory problems.", "second_hand_report"),
        ("As a neurologist, I prescribe it only with monitoring.", "clinical_voice"),
        ("Where is the evidence? It is all hype.", "scepticism"),
        (
            "RLS is caused by too much wifi, instead I sleep with my phone off.",
            "alternative_remedy_or_cause",
        ),
        ("5G towers are the real cause.", "alternative_remedy_or_cause"),
    ],
)
def test_invented_frames(text, frame):
    assert frame in frames(text)


def test_hypothetical_first_person_is_not_experience():
    assert "personal_experience" not in frames("If I took it, I would tell you.")
    assert "personal_experience" not in frames("Should I take baclofen?")


def test_weak_cue_alone_is_not_a_frame():
    # "patients" alone (weight 0.5) does not make a lay commenter a clinician
    assert "clinical_voice" not in frames("Patients deserve better than this.")


def test_no_frame_in_plain_text():
    assert frames("Thanks for the article.") == set()


def test_frame_rows():
    text = "my cousin said it worked for him. Big Pharma hides the truth."
    rows = frame_rows(result(text), "art", 3)
    assert rows
    for row in rows:
        assert list(row) == FRAME_EVIDENCE_COLUMNS
        assert (row["article_id"], row["comment_id"]) == ("art", 3)
        assert text[row["start"] : row["end"]] == row["text"]
    assert {r["frame"] for r in rows if r["assigned"]} == {
        "second_hand_report",
        "conspiracy_distrust",
    }


def test_lexicon_frames_are_known():
    rules = load_frame_rules()
    assert {r.frame for r in rules} == set(FRAMES)
    assert len({r.id for r in rules}) == len(rules)
    assert any(r.use for r in rules)  # first-person use rows shared with analysis.experience


@pytest.mark.parametrize(
    "text",
    [
        "It did nothing for my legs. What actually helped was losing 20 lbs and stretching.",
        "My cramps turned out to be a magnesium deficiency all along.",
        "I'll stick with my anti-inflammatory diet and turmeric, thanks.",
        "Try cutting out caffeine before you take this stuff.",
        "Magnesium did way more for me than baclofen ever did.",
    ],
)
def test_alternative_remedy_or_cause_wordings(text):
    assert "alternative_remedy_or_cause" in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll stick with it, the cramps are better.",
        "What worried me was the drowsiness.",
    ],
)
def test_not_alternative_remedy(text):
    assert "alternative_remedy_or_cause" not in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        "After two months my doctor swapped me to gabapentin and the cramps eased.",
        "Switched from baclofen to tizanidine in May, much calmer legs.",
        "I'm on ropinirole now, doing fine.",
        "Stopped it and went on iron tablets and stretching instead.",
        "Why would anyone take a muscle relaxant when stretching works?",
        "I got my legs settled with yoga and magnesium.",
        "I'll take my chances with my walking group and magnesium.",
    ],
)
def test_another_treatment_is_an_alternative_remedy(text):
    # leaving the drug for another treatment, or getting results by another means
    assert "alternative_remedy_or_cause" in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        "My doctor switched me to the generic and nothing changed.",
        "I switched to taking it at night and the drowsiness went away.",
        "Switched to baclofen last year.",
        "Does anyone know if switching to ropinirole is worth it?",
        "Has anyone here tried magnesium instead?",
        "I'm considering changing to a different medication.",
        "I'm on 20mg now.",
    ],
)
def test_same_drug_or_asked_switch_is_not_an_alternative(text):
    # another form, dose or time of the drug; a question or an option only weighed
    assert "alternative_remedy_or_cause" not in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        "Guess who sits on the panels that write the guidelines.",
        "Ask yourself who benefits.",
        "My neighbour's nurse sees it far more often than the drug companies let on.",
        "The FDA sat on the reports for years.",
        "The manufacturer spent years blocking publication of the negative trial.",
    ],
)
def test_distrust_of_industry_and_regulators(text):
    assert "conspiracy_distrust" in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        "And we're supposed to believe it's safe for life?",
        "Call me when there is independent long-term data.",
        "Nobody has followed people on this for 20 years.",
        "I don't trust the numbers either way.",
        "I'd hardly call that a wonder drug.",
        "You do not need a $500 a month pill to sleep well.",
    ],
)
def test_scepticism_about_evidence_and_need(text):
    assert "scepticism" in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody warns you about the dry mouth.",
        "It's not a miracle pill, but it helps me a lot.",
    ],
)
def test_complaint_or_tempered_praise_is_not_scepticism(text):
    # a missing warning is a complaint; "not a miracle pill" tempers praise
    assert "scepticism" not in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        "My sister lost two stone on baclofen and then put it all back on.",
        "My nan was on it for years.",
        "My brother did two rounds of it and the cramps came back.",
    ],
)
def test_relative_use_of_the_drug_is_second_hand(text):
    assert "second_hand_report" in frames(text)


def test_relative_in_passing_is_not_second_hand():
    text = "I took baclofen for a month and my husband ended up sleeping in the spare room."
    assert "second_hand_report" not in frames(text)


def test_my_doctor_alone_is_not_personal_experience():
    # a question with a doctor's plan: no use of the drug, no own condition
    assert "personal_experience" not in frames("My doctor wants me to start it. Is it safe?")
    assert "personal_experience" not in frames("Can I take it with ibuprofen? My GP added it.")
    # one's own body or condition still is
    assert "personal_experience" in frames("My burning feet kept me awake for years.")
    assert "personal_experience" in frames("Diagnosed in 2019 and my doctor is great.")


def test_clinical_work_setting_is_clinical_voice():
    text = (
        "I work for a community stop smoking service and the insomnia is the commonest complaint."
    )
    assert "clinical_voice" in frames(text)
    assert "clinical_voice" not in frames("I work for a customer service company.")


def test_study_head_counts_are_not_clinical_voice():
    # "patients" in a trial's size is a sceptic reading studies, not a clinician
    text = "Trials on 40 or 50 patients each. It's first line because it's cheap."
    assert "clinical_voice" not in frames(text)


def test_diary_weight_change_is_personal_experience():
    assert "personal_experience" in frames("Lost 20 lbs in 3 months. Brilliant.")


def test_take_seriously_is_not_taking_the_drug():
    assert "personal_experience" not in frames("I take mood seriously and ask at every visit.")


def test_dismissing_the_drug_as_no_real_solution_is_scepticism():
    assert "scepticism" in frames("Get your bloods done before anyone dopes you up on this.")
    assert "scepticism" in frames("Say the word pain and out comes the antidepressant.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Magnesium is a good alternative.", True),
        ("Patches plus a quick-acting product is a perfectly good choice too.", True),
        ("If you are worried, starting with minoxidil is reasonable.", True),
        ("I think baclofen is a reasonable option.", False),
        ("The generic is a cheaper option.", False),
        ("For most people the tablets are a good option.", False),
    ],
)
def test_another_treatment_offered_as_an_option(text, expected):
    # another treatment offered as a fair choice; the drug itself (or its generic) is not
    assert ("alternative_remedy_or_cause" in frames(text)) is expected


def test_praise_and_adjuncts_are_not_other_frames():
    # calling the drug a wonder drug is praise, not doubt of the hype
    assert "scepticism" not in frames("A wonder drug for me. Truly a wonder drug.")
    # taking the usual supplements alongside the drug proposes no other remedy
    text = "I take it weekly and also take calcium and vitamin D every day."
    assert "alternative_remedy_or_cause" not in frames(text)


def test_trials_paid_for_by_the_maker_are_scepticism_and_distrust():
    from analysis.drugs import lookup_drug
    from analysis.frames import frames_of
    from analysis.stance import find_cues

    drug = lookup_drug("baclofen")
    text = "Very well tolerated according to trials paid for by Acme. Funny that."
    frames = frames_of(text, drug, find_cues(text, drug, True)).frames
    assert "scepticism" in frames and "conspiracy_distrust" in frames


def _frames_for(drug_name: str, text: str) -> set[str]:
    drug = lookup_drug(drug_name)
    return set(frames_of(text, drug, find_cues(text, drug, about_drug=True)).frames)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headache nurse specialist here. The word-finding trouble is real.", True),
        ("Optometrist here. Most cases settle with drops.", True),
        ("We see a lot of this conjunctivitis in clinic now.", True),
        ("It works well for most of the adults on my caseload.", True),
        ("Not a doctor here, but it helped my legs.", False),
        ("We see our GP every week about it.", False),
    ],
)
def test_clinical_voice_from_role_and_caseload(text, expected):
    assert ("clinical_voice" in frames(text)) is expected


@pytest.mark.parametrize(
    ("drug", "text", "expected"),
    [
        ("apixaban", "My AF was being caused by the drink and the weight.", True),
        ("apixaban", "The bruising was caused by the apixaban.", False),
        ("lisinopril", "No syrup touches it because it's caused by the drug.", False),
        ("apixaban", "I was done after 7 weeks and asked to go back on warfarin.", True),
        ("apixaban", "I went back on apixaban after the surgery.", False),
        ("cetirizine", "fexofenadine is the only one that doesnt flatten me", True),
        ("cetirizine", "Zyrtec is the only one that works for me.", False),
        ("cetirizine", "The generic is the only one that doesn't make me drowsy.", False),
        ("lisdexamfetamine", "Some people simply suit methylphenidate better.", True),
        ("lisdexamfetamine", "Some people tolerate it better with food.", False),
        ("paroxetine", "I take it last thing at night, suits me better.", False),
        ("topiramate", "There are other options now, the CGRP injections for one.", True),
        ("topiramate", "There are no other options for me.", False),
        ("topiramate", "Are there other options?", False),
        ("lisinopril", "Losartan is the usual swap and works just as well.", True),
        ("lisinopril", "Lisinopril is the usual choice for most people.", False),
    ],
)
def test_another_cause_or_drug_preferred(drug, text, expected):
    assert ("alternative_remedy_or_cause" in _frames_for(drug, text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Local raw honey every morning plus a saline rinse and no tablets since.", True),
        ("Started D-mannose and unsweetened cranberry and no UTIs in two years.", True),
        ("Put the phone down, go outside and cut the sugar.", True),
        ("Then I started walking every day.", True),
        ("Oh honey, take it at night.", False),
        ("I cut the capsule open and mix it in yogurt.", False),
        ("Baclofen started lifting the fog almost at once.", False),
    ],
)
def test_home_remedies_and_lifestyle_changes(text, expected):
    assert ("alternative_remedy_or_cause" in frames(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I honestly think they treated a number, not me.", True),
        ("Ask yourself why the first thing they reach for is a pill.", True),
        ("Fix the cause, don't just thin the blood and hope for the best.", True),
        ("It only treats the symptoms.", True),
        ("The research changes depending on who's paying for it.", True),
        ("They treated a number of patients in the trial.", False),
        ("The first thing they did was a scan.", False),
        ("It treats the symptoms well.", False),
    ],
)
def test_scepticism_about_the_drug_as_a_solution(text, expected):
    assert ("scepticism" in frames(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The research changes depending on who's paying for it.", True),
        ("The FDA only put out a warning this year, after years of people reporting it.", True),
        ("The dose depends on who is prescribing.", False),
        ("The FDA put out a warning this year.", False),
    ],
)
def test_distrust_of_who_pays_and_late_warnings(text, expected):
    assert ("conspiracy_distrust" in frames(text)) is expected


@pytest.mark.parametrize(
    ("text", "frame", "expected"),
    [
        ("My son (17) has been on it since September.", "second_hand_report", True),
        ("My friends who were scared off it have osteoporosis now.", "second_hand_report", True),
        ("My son (17) and I both have ADHD, should I try it?", "second_hand_report", False),
        ("Works for my dust mite allergy.", "personal_experience", True),
        ("I cleared mine with an elimination diet.", "personal_experience", True),
        ("i ended up in the ER with a clamp up my nose", "personal_experience", True),
        ("My son's hay fever is terrible.", "personal_experience", False),
        ("She cleared hers with diet.", "personal_experience", False),
    ],
)
def test_relatives_and_own_condition(text, frame, expected):
    assert (frame in frames(text)) is expected


def test_other_placeholder_matches_another_drug_only():
    from analysis.frames import fill_placeholders

    drug = lookup_drug("apixaban")
    other = re.compile(fill_placeholders("{OTHER}", drug), re.IGNORECASE)
    assert other.fullmatch("warfarin")
    assert not other.fullmatch("apixaban") and not other.fullmatch("Eliquis")


@pytest.mark.parametrize(
    "text",
    [
        "Acne is an insulin and dairy problem, not a baclofen deficiency.",
        "Cut out milk and sugar, take zinc and drink spearmint tea.",
        "What actually got me well was CBT and running three mornings a week.",
        "Eat less, walk more, it worked for our grandparents.",
    ],
)
def test_other_causes_and_remedies_in_lay_words(text):
    assert "alternative_remedy_or_cause" in frames(text), text


def test_a_problem_that_is_not_a_cause_is_no_alternative():
    assert "alternative_remedy_or_cause" not in frames("It is a big problem for me at night.")


@pytest.mark.parametrize(
    "text",
    [
        "Read section 3 again. No difference in sleep time when anyone actually measured it.",
        "It's a placebo with side effects.",
        "Even the article admits nobody really knows how it works.",
        "Fat blockers are a con built on a lie.",
        "The Lancet had to retract its fake study.",
        "They keep moving the goalposts on blood pressure.",
        "The ones who do best would have lost weight anyway.",
    ],
)
def test_doubts_about_the_evidence_in_lay_words_are_scepticism(text):
    assert "scepticism" in frames(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I took it for six small weeks and it was fine.",
        "The con side of it is the cost, but it works for me.",
        "I would have stopped anyway, it worked brilliantly.",
    ],
)
def test_plain_reports_are_not_scepticism(text):
    assert "scepticism" not in frames(text), text
