"""Side-effect mentions: lexicon mapping, inflection, ConText cues, offsets, and the seed page."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.effects import (
    EFFECT_COLUMNS,
    LEXICON_FILE,
    annotate,
    effects_table,
    find_effects,
    load_lexicon,
)
from analysis.loader import load_page
from analysis.model import PageTables
from analysis.paths import SEED_PAGE


def only(text: str, effect: str):
    """Return the single mention of `effect` in `text` (fails if there is not exactly one)."""
    found = [m for m in find_effects(text) if m.effect == effect]
    assert len(found) == 1, (text, find_effects(text))
    return found[0]


def effects_of(text: str) -> set[str]:
    """Return the canonical effects found in `text`."""
    return {m.effect for m in find_effects(text)}


# --- lexicon -----------------------------------------------------------------------------------


def test_lexicon_has_required_columns_and_ids():
    entries = load_lexicon(LEXICON_FILE)
    assert len(entries) > 500
    by_effect = {e.effect for e in entries}
    for effect in ("drowsiness", "dizziness", "nausea", "weakness", "seizures", "weight gain"):
        assert effect in by_effect
    sources = {e.source for e in entries}
    assert {"clinical", "colloquial", "psytar"} <= sources
    # every canonical effect with an id names the vocabulary it comes from
    assert all(e.vocabulary for e in entries if e.concept_id)


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("I felt like a zombie all day", "drowsiness"),
        ("so groggy in the morning", "drowsiness"),
        ("I couldn't keep my eyes open at work", "drowsiness"),
        ("significant sedation", "drowsiness"),
        ("somnolence was reported", "drowsiness"),
        ("it made me too drowsy", "drowsiness"),
        ("the brain fog was awful", "cognitive impairment"),
        ("cognitive blunting", "cognitive impairment"),
        ("I can't think straight on this", "cognitive impairment"),
        ("I feel emotionally numb", "emotional blunting"),
        ("my wife said I was talking in my sleep", "sleep talking"),
        ("I couldn't even lift my head", "weakness"),
        ("general weakness", "weakness"),
        ("I gained weight", "weight gain"),
        ("terrible headaches", "headache"),
        ("dry mouth all the time", "dry mouth"),
        ("night sweats", "night sweats"),
        ("it killed my sex drive", "decreased libido"),
        ("I could not sleep", "insomnia"),
        ("hallucinating at night", "hallucinations"),
        ("had a seizure", "seizures"),
    ],
)
def test_colloquial_and_clinical_mappings(text, effect):
    assert effect in effects_of(text)


def test_concept_ids_are_umls_cuis_for_core_effects():
    assert only("dizziness", "dizziness").concept_id == "C0012833"
    assert only("nausea", "nausea").concept_id == "C0027497"
    assert only("drowsiness", "drowsiness").concept_id == "C0013144"


# --- inflection and spelling -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["It made me dizzy.", "The dizziness was bad.", "Dizzy spells daily.", "DIZZINESS"]
)
def test_inflection_dizzy(text):
    assert "dizziness" in effects_of(text)


@pytest.mark.parametrize("text", ["I was nauseous", "felt nauseated", "nausea", "bad nausia"])
def test_inflection_and_spelling_nausea(text):
    assert "nausea" in effects_of(text)


def test_curly_apostrophe_matches():
    assert "drowsiness" in effects_of("I couldn\u2019t keep my eyes open")


def test_unrelated_text_has_no_effects():
    assert find_effects("The weather was lovely and we walked to the beach.") == []
    assert find_effects("") == []


# --- offsets -----------------------------------------------------------------------------------


def test_offsets_slice_back_to_matched_text():
    text = (
        "Week one: nausea and headaches. Then I felt like a zombie!\n\n"
        "My wife said I couldn\u2019t keep my eyes open. No dizziness though."
    )
    mentions = find_effects(text)
    assert len(mentions) >= 4
    for m in mentions:
        assert text[m.start : m.end] == m.matched_text


# --- context -----------------------------------------------------------------------------------


def test_negation():
    assert only("no drowsiness at all", "drowsiness").negated
    assert only("I took it without any nausea", "nausea").negated
    assert only("I didn't have headaches", "headache").negated
    assert not only("I had drowsiness", "drowsiness").negated


def test_negation_stops_at_contrast():
    text = "I had no nausea but terrible headaches"
    assert only(text, "nausea").negated
    assert not only(text, "headache").negated


def test_negation_stops_at_contrast_in_a_long_sentence():
    # the negation's scope ends before the sentence does: medspaCy alone keeps it past "but"
    text = "I had no nausea but terrible headaches all week long, every single day."
    assert only(text, "nausea").negated
    assert not only(text, "headache").negated
    text = "It was prescribed for my back but gave me insomnia for weeks on end."
    assert "insomnia" in effects_of(text)


def test_negation_inside_the_effect_is_not_negation():
    assert not only("I couldn't sleep for days", "insomnia").negated
    assert not only("no sex drive whatsoever", "decreased libido").negated


def test_uncertain_attribution_same_and_next_sentence():
    assert only("Not sure if the drug caused my headaches.", "headache").uncertain
    text = "I was dizzy all week. Not sure if that's the drug or the flu."
    assert only(text, "dizziness").uncertain
    assert not only("I was dizzy all week. It was awful.", "dizziness").uncertain


def test_indication_is_not_an_effect():
    assert "insomnia" not in effects_of("I was prescribed it for insomnia.")
    assert "insomnia" in effects_of("It gave me insomnia.")
    found = effects_of("I took it for depression and it made me dizzy.")
    assert "depression" not in found and "dizziness" in found


def test_condition_only_words_need_a_cue():
    assert "anxiety" not in effects_of("I have had anxiety since college.")
    assert "anxiety" in effects_of("It increased my anxiety.")


def test_condition_description_is_not_a_drug_effect():
    text = (
        "Fibromyalgia is a disorder characterized by widespread pain, fatigue and sleep problems."
    )
    assert find_effects(text) == []


def test_body_part_phrases():
    found = {
        (m.effect, m.matched_text) for m in find_effects("My neck hurts and my hands were numb.")
    }
    assert found == {("pain", "neck hurts"), ("tingling", "hands were numb")}
    # numb hands are a sensation, not emotional blunting; numb feelings still are
    assert "emotional blunting" not in effects_of("My hands were numb.")
    assert "emotional blunting" in effects_of("I feel numb inside.")
    assert "muscle stiffness" in effects_of("I had a stiff jaw and sore shoulders.")
    assert "pain" in effects_of("I had a stiff jaw and sore shoulders.")


def test_body_part_phrases_do_not_fire_on_plain_anatomy():
    assert find_effects("Dopamine regulates muscle movements in the brain.") == []


def test_misspellings_one_edit_from_a_lexicon_word():
    # none of these spellings is a lexicon row
    assert effects_of("Fatique, diarhoea and migranes.") == {"fatigue", "diarrhea", "migraine"}
    assert "erectile dysfunction" in effects_of("Erectile disfunction since week two.")


def test_real_words_are_not_respelt():
    # "tried" is one edit from "tired", "mouse" from "mouth", "gain" from "pain": English words
    assert find_effects("I tried a different dose, got a mouse, to gain time.") == []
    # "fiver" (five pounds) is everyday British English the CMU dictionary lacks, not "fever"
    assert find_effects("Paid a fiver for it at the chemist.") == []


def test_trailing_filler_is_not_part_of_the_match():
    assert only("Nausea all day long.", "nausea").matched_text == "Nausea"
    assert only("I couldn't even lift my head", "weakness").matched_text == (
        "couldn't even lift my head"
    )


def test_intact_function_is_no_effect():
    assert only("My sex drive is fine.", "sexual dysfunction").negated
    assert only("Luckily I am still able to climax.", "sexual dysfunction").negated
    assert not only("I was not able to orgasm.", "orgasm incapacity").negated
    assert not only("Sleepy, and I can't stop yawning.", "yawning").negated


def test_condition_cue_must_be_near_the_mention():
    text = "It caused some weight gain, but over the months it really helped the depression."
    assert effects_of(text) == {"weight gain"}
    assert "anxiety" in effects_of("On day three it made me more anxious than ever.")
    assert "anxiety" in effects_of("Nausea, headaches, anxiety and sweating.")


def test_relief_and_named_disorders_are_the_condition():
    assert effects_of("Lexapro took away my anxiety and I gained weight.") == {"weight gain"}
    assert "suicidal thoughts" not in effects_of("My suicidal thoughts were gone within a week.")
    assert "anxiety" not in effects_of("I was on it for years and my social anxiety got better.")
    # relief words do not remove an ordinary effect: the nausea was there
    assert "nausea" in effects_of("The nausea went away after a week.")


# --- tables ------------------------------------------------------------------------------------


def handmade_tables() -> PageTables:
    """Return a tiny hand-built page: one section, two comments."""
    article = pd.DataFrame([{"article_id": "a1", "title": "Drug X for migraine"}])
    sections = pd.DataFrame(
        [
            {
                "article_id": "a1",
                "section_no": 1,
                "heading": "Risks",
                "text": "Migraine is common. Drug X may cause nausea. It can also cause dizziness.",
            }
        ]
    )
    comments = pd.DataFrame(
        [
            {"article_id": "a1", "comment_id": 1, "text": "Great post."},
            {
                "article_id": "a1",
                "comment_id": 2,
                # not headaches: on a page for migraine they are the condition
                "text": "Took it. Terrible rashes, no nausea.",
            },
        ]
    )
    return PageTables(article, sections, pd.DataFrame(), comments)


def test_hypothetical_possible_wording():
    assert only("Drug X may cause nausea.", "nausea").hypothetical
    assert only("It can lead to dizziness.", "dizziness").hypothetical
    assert only("Side effects include drowsiness.", "drowsiness").hypothetical
    assert not only("It gave me nausea.", "nausea").hypothetical


def test_experiencer_self_other_general():
    assert only("I felt dizzy on it.", "dizziness").experiencer == "self"
    assert only("My wife gets dizzy on it.", "dizziness").experiencer == "other"
    assert only("Many patients report nausea.", "nausea").experiencer in {"other", "general"}


def test_historical():
    assert only("I used to get headaches on it years ago.", "headache").historical


def test_effects_table_rows_and_offsets():
    tables = handmade_tables()
    frame = effects_table(tables)
    assert list(frame.columns) == EFFECT_COLUMNS
    article = frame[frame["source"] == "article"]
    assert set(article["effect"]) == {"nausea", "dizziness"}
    assert article["hypothetical"].all()
    assert article["sentence_no"].tolist() == [2, 3]
    comment = frame[frame["source"] == "comment"].set_index("effect")
    assert comment.loc["nausea", "negated"] and not comment.loc["rash", "negated"]
    assert (comment["comment_id"] == 2).all()
    texts = {("article", 1): tables.sections["text"].iloc[0]}
    comments = tables.comments
    texts |= {
        ("comment", int(c)): t
        for c, t in zip(comments["comment_id"], comments["text"], strict=True)
    }
    for row in frame.itertuples():
        key = (row.source, int(row.section_no if row.source == "article" else row.comment_id))
        assert texts[key][row.start : row.end] == row.matched_text


def test_annotate_sets_effects_table():
    tables = handmade_tables()
    annotate(tables)
    assert len(tables.extra["effects"]) == len(effects_table(handmade_tables()))


# --- the seed page (the targets) -------------------------------------------------------

ARTICLE_EFFECTS = {
    "drowsiness",
    "dizziness",
    "weakness",
    "nausea",
    "physical dependence",
    "withdrawal",
    "anxiety",
    "hallucinations",
    "seizures",
}


@pytest.fixture(scope="module")
def seed_effects() -> pd.DataFrame:
    """Return effects.csv rows for the seed page."""
    return effects_table(load_page(SEED_PAGE))


def comment_rows(frame: pd.DataFrame, comment_id: int) -> pd.DataFrame:
    return frame[(frame["source"] == "comment") & (frame["comment_id"] == comment_id)]


def test_seed_article_names_nine_possible_effects(seed_effects):
    article = seed_effects[seed_effects["source"] == "article"]
    assert set(article["effect"]) == ARTICLE_EFFECTS
    assert article["hypothetical"].all()
    assert not article["negated"].any()
    assert not (article["experiencer"] == "self").any()


def test_seed_article_condition_symptoms_are_not_effects(seed_effects):
    article = seed_effects[seed_effects["source"] == "article"]
    # "tingling, aching, or burning" describe restless legs syndrome, not baclofen
    assert not article["matched_text"].str.contains("tingling|aching|burning", case=False).any()
    assert (article["section_no"] == 5).all()


def test_seed_comment_1_has_no_drug_effect(seed_effects):
    # "my legs feel like they're full of ants on acid" is the condition, blamed on 5G
    assert comment_rows(seed_effects, 1).empty


def test_seed_comment_2_first_person_effects(seed_effects):
    tim = comment_rows(seed_effects, 2).set_index("effect")
    assert {"drowsiness", "weakness", "sleep talking"} <= set(tim.index)
    assert tim.loc["drowsiness", "matched_text"] == "like a zombie"
    assert tim.loc["weakness", "matched_text"] == "couldn't even lift my head"
    assert not tim.loc[["drowsiness", "weakness"], "negated"].any()
    assert (tim.loc[["drowsiness", "weakness"], "experiencer"] == "self").all()
    # "not sure if that's the drug or i'm just weird"
    assert tim.loc["sleep talking", "uncertain"]


def test_seed_comment_3_clinician_observes_patients(seed_effects):
    clinician = comment_rows(seed_effects, 3)
    observed = clinician[~clinician["hypothetical"]].set_index("effect")
    assert {"drowsiness", "cognitive impairment"} <= set(observed.index)
    assert (observed.loc[["drowsiness", "cognitive impairment"], "experiencer"] == "other").all()


def test_seed_comment_4_effects(seed_effects):
    critic = comment_rows(seed_effects, 4)
    assert {"drowsiness", "cognitive impairment", "emotional blunting"} <= set(critic["effect"])
    assert not critic["negated"].any()


def test_seed_offsets_slice_back(seed_effects):
    tables = load_page(SEED_PAGE)
    texts = dict(zip(tables.comments["comment_id"], tables.comments["text"], strict=True))
    sections = dict(zip(tables.sections["section_no"], tables.sections["text"], strict=True))
    for row in seed_effects.itertuples():
        text = sections[row.section_no] if row.source == "article" else texts[row.comment_id]
        assert text[row.start : row.end] == row.matched_text


def test_lexicon_trie_finds_exactly_what_spacys_matcher_finds():
    """The engine walks a trie over the lexicon's token keys for speed; spaCy's Matcher, given the
    same keys as token patterns (fillers allowed between, never around), must agree span for span."""
    from spacy.matcher import Matcher

    from analysis.effects import _engine, _token_keys
    from analysis.sentences import split_sentences

    engine = _engine()
    matcher = Matcher(engine.nlp.vocab, validate=False)
    fillers = sorted(engine.fillers)
    for label in engine.by_label:
        keys = label.split(" ")
        # an article or possessive inside a phrase may be missing from the text ("hit by truck")
        if len(keys) > 2:
            keys = keys[:1] + [k for k in keys[1:-1] if k not in engine.optional] + keys[-1:]
        pattern: list[dict] = []
        for i, key in enumerate(keys):
            if i:
                pattern.append({"NORM": {"IN": fillers}, "OP": "*"})
            pattern.append({"NORM": key})
        matcher.add(label, [pattern])
    page = load_page(SEED_PAGE)
    texts = list(page.sections["text"]) + list(page.comments["text"])
    texts += [
        "I couldn't even lift my head and had really bad dry mouth, headaches and brain fog.",
        "It made me so dizzy and nauseous; my legs felt heavy and I was tired all the time.",
        "No weight gain, but I had trouble sleeping and a very low sex drive for weeks.",
        "I felt like I was hit by truck, with pressure in head and a loss of my appetite.",
    ]
    checked = 0
    for text in texts:
        for sentence in split_sentences(str(text)):
            doc = engine.nlp.make_doc(sentence.text)
            keys = _token_keys(doc)
            for token, key in zip(doc, keys, strict=True):
                token.norm_ = key
            # phrases that differ only in an article or possessive ("talk in my sleep", "talk in
            # her sleep") share one trie path: compare the effects they name
            effect = engine.entry
            expected = {
                (effect(engine.nlp.vocab.strings[m]).effect, s, e) for m, s, e in matcher(doc)
            }
            found = {(effect(label).effect, s, e) for label, s, e in engine.matches(keys)}
            assert found == expected, sentence.text
            checked += len(expected)
    assert checked > 30  # the comparison saw many matches, not just empty sentences


# --- third round: other drugs' effects, residual condition, more lay wordings -----------------


def test_effects_another_named_drug_caused_are_left_out_with_a_target():
    from analysis.drugs import lookup_drug

    lexapro = lookup_drug("lexapro")
    text = "Paxil made me a zombie, but Lexapro gave me headaches."
    assert {m.effect for m in find_effects(text)} == {"drowsiness", "headache"}
    assert {m.effect for m in find_effects(text, drug=lexapro)} == {"headache"}
    # the target is the subject, or another drug is only named: the effects stay
    for kept in (
        "I switched from Paxil to Lexapro which made me nauseous.",
        "I came off Zoloft and got nausea.",
    ):
        assert "nausea" in {m.effect for m in find_effects(kept, drug=lexapro)}, kept
    # the attribution ends at the clause
    text = "Wellbutrin is making me anxious. Lexapro gives me dry mouth."
    assert {m.effect for m in find_effects(text, drug=lexapro)} == {"dry mouth"}


def test_effects_table_uses_the_drug_the_title_names():
    article = pd.DataFrame([{"article_id": 1, "title": "Baclofen for cramps", "source": "t"}])
    comments = pd.DataFrame(
        [{"article_id": 1, "comment_id": 1, "text": "Ropinirole made me dizzy. Baclofen too."}]
    )
    tables = PageTables(article, pd.DataFrame(), pd.DataFrame(), comments)
    assert list(effects_table(tables)["effect"]) == []
    comments.loc[0, "text"] = "Baclofen made me dizzy."
    assert list(effects_table(tables)["effect"]) == ["dizziness"]


@pytest.mark.parametrize(
    "text",
    [
        "I still feel anxious, so we will go up to 20 mg.",
        "I am no longer depressed.",
        "When I stopped, the anxiety came back.",
    ],
)
def test_residual_or_returning_condition_is_not_an_effect(text):
    assert not {"anxiety", "depression"} & effects_of(text)


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("I could barely sleep for a week.", "insomnia"),
        ("My appetite increased a lot.", "increased appetite"),
        ("It gave me an elevated heart rate.", "palpitations"),
        ("There is a weird taste in my mouth all day.", "taste disturbance"),
        ("I get drunk faster on it.", "alcohol interaction"),
        ("It is difficult to concentrate at work.", "poor concentration"),
        ("I was putting on a lot of weight.", "weight gain"),
        ("I couldn't get hard on it.", "erectile dysfunction"),
        ("My period stopped for two months.", "menstrual changes"),
        ("It made my reflux worse.", "heartburn"),
    ],
)
def test_third_round_lay_wordings(text, effect):
    assert effect in effects_of(text)


def test_missed_dose_effects_are_flagged():
    (mention,) = find_effects("If I miss a dose I get really dizzy.")
    assert mention.effect == "dizziness" and mention.missed_dose and not mention.negated
    assert not only("It made me dizzy.", "dizziness").missed_dose
    assert only("I forgot to take my pills and got a headache.", "headache").missed_dose


# --- fourth round: stem collisions, direction of change, non-effect wordings ------------------


@pytest.mark.parametrize(
    "text",
    [
        "I bought new tires for the car.",
        "It depends on the dose.",
        "Depending on the day I take it at night.",
        "I step on the scale every morning.",
        "I'm more chill now and sleep well.",
        "Good memories of that summer.",
        "I vividly remember the first day.",
        "The dosing instructions were confusing.",
    ],
)
def test_stem_collisions_are_not_effects(text):
    """Word forms whose stem equals an effect word's stem but mean something else match nothing."""
    assert find_effects(text) == [], find_effects(text)


def test_stem_collision_forms_still_match_their_own_phrases():
    assert only("She tires easily since she started it.", "fatigue").matched_text == "tires easily"
    assert only("I am tired all the time.", "fatigue")
    assert only("I got the chills.", "chills")
    assert only("I became dependent on it.", "physical dependence")


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("It gave me an increased libido.", "increased libido"),
        ("My libido has increased a lot.", "increased libido"),
        ("My sex drive went up.", "increased libido"),
        ("My appetite has lowered significantly.", "loss of appetite"),
        ("My libido is very low.", "sexual dysfunction"),
        ("My memory is terrible on it.", "memory impairment"),
    ],
)
def test_bare_function_words_follow_the_direction_of_change(text, effect):
    (mention,) = find_effects(text)
    assert (mention.effect, mention.negated) == (effect, False)


@pytest.mark.parametrize(
    "text",
    [
        "My sex drive did not get any less.",
        "My sex drive has been as great as always.",
        "I can orgasm easily so far.",
        "I'm beginning to have erections again.",
        "My appetite is normal.",
        "It did not help improve my memory.",
    ],
)
def test_intact_or_improved_function_is_no_dysfunction(text):
    assert all(m.negated for m in find_effects(text)), find_effects(text)


@pytest.mark.parametrize(
    "text",
    [
        "I have been on multiple anti-anxiety and anti-seizure drugs.",
        "The first two weeks were a nightmare.",
        "The fatigue is a pain, but I put up with it.",
        "Prozac and Zoloft weren't the right fit.",
        "I decided this isn't right for me.",
        "When I forget to take it, nothing happens.",
        "I am trying to lose weight with diet and exercise.",
        "Hopefully some weight loss will follow.",
    ],
)
def test_wordings_that_name_no_effect(text):
    """Drug classes, idioms, a poor fit, a missed dose, weight loss as a goal: not effects."""
    assert [m for m in find_effects(text) if m.effect != "fatigue"] == [], find_effects(text)


def test_not_losing_weight_is_about_weight_gain():
    assert only("I have been unable to lose the weight.", "weight gain")
    assert only("It helped me lose weight.", "weight loss")  # the drug's effect, not a goal


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("It worked except for the occasional nightmare.", "nightmares"),
        ("If it wasn't for the hair loss I would stay on it.", "hair loss"),
        ("It was no help with the pain, and gave me dry mouth.", "dry mouth"),
    ],
)
def test_a_contrast_or_failed_help_is_no_indication(text, effect):
    assert not only(text, effect).negated
    assert "anxiety" not in effects_of("I took it for the anxiety.")
    assert "muscle pain" not in effects_of("I take it for the pain.")


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("Slowing of thought, constipation(mild), dry eyes.", "constipation"),
        ("I felt like I was hit by truck the next day.", "hangover feeling"),
        ("I had difficulty to concentrate.", "poor concentration"),
        ("I can't seem to focus at work.", "poor concentration"),
        ("I gained thirty pounds in a year.", "weight gain"),
        ("I started getting suicidal thoughts on it.", "suicidal thoughts"),
        ("It gives me neckaches.", "muscle pain"),
        ("I am losing handfuls of hair.", "hair loss"),
        ("I feel like I'm going to jump out of my skin.", "restlessness"),
    ],
)
def test_fourth_round_wordings_and_tokens(text, effect):
    assert only(text, effect)


def test_other_drug_effects_with_the_verb_or_a_pronoun_are_left_out():
    from analysis.drugs import lookup_drug

    lexapro = lookup_drug("lexapro")
    text = "Celexa knocked me out. Lexapro gave me a headache."
    assert {m.effect for m in find_effects(text, drug=lexapro)} == {"headache"}
    text = "I was on Zoloft a few years back and it made me feel like a zombie."
    assert find_effects(text, drug=lexapro) == []
    # a new subject or a switch in between: the pronoun is the target drug
    text = "Paxil did nothing, so I switched and it made me sleepy."
    assert {m.effect for m in find_effects(text, drug=lexapro)} == {"drowsiness"}


def test_condition_symptoms_name_known_effects():
    from analysis.effects import LEXICON_FILE, condition_symptoms

    known = set(pd.read_csv(LEXICON_FILE)["effect"])
    for condition, symptoms in condition_symptoms().items():
        assert symptoms and symptoms <= known, condition


@pytest.mark.parametrize(
    ("title", "symptom"),
    [
        ("Betahistine (Serc) for Ménière's Disease: Does It Work?", "vertigo"),
        ("Tranexamic Acid for Heavy Periods", "bleeding"),
        ("Lamotrigine for Bipolar Depression", "mania"),
    ],
)
def test_a_titles_condition_brings_its_symptoms(title, symptom):
    from analysis.effects import title_condition_effects

    assert symptom in title_condition_effects(title)
    assert symptom not in title_condition_effects("Baclofen for Restless Legs")


def test_accented_condition_words_are_folded():
    from analysis.effects import condition_words

    assert "meniere" in condition_words("Betahistine for Ménière's Disease")


def test_every_item_of_a_denied_list_is_denied():
    text = "I do not experience hot flashes, night sweats, mood swings or insomnia when using it."
    found = find_effects(text)
    assert len(found) == 4 and all(m.negated for m in found)


def test_a_new_clause_ends_a_denial_but_not_a_supposition():
    found = {m.effect: m for m in find_effects("No nausea, and I gained weight.")}
    assert found["nausea"].negated and not found["weight gain"].negated
    (dizzy,) = find_effects("If I get dizzy and I fall, what then?")
    assert dizzy.hypothetical
