"""Stance toward the drug: the seed page against its human reading, and invented sentences that
pin down negation, contrast, hearsay, comparison, off-target distrust, brand names and pronouns."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import stance, stance_model
from analysis.drugs import lookup_drug
from analysis.loader import load_page
from analysis.paths import SEED_PAGE
from analysis.pipeline import analyse
from analysis.stance import LABELS, annotate, stance_of

BACLOFEN = lookup_drug("baclofen")


@pytest.fixture(scope="module")
def seed():
    tables = analyse(load_page(SEED_PAGE), components=("effects",))
    annotate(tables, tables.drug)
    return tables


@pytest.fixture(scope="module")
def comments(seed) -> pd.DataFrame:
    return seed.comments.set_index("comment_id")


def about(text: str):
    """Return the stance of a comment-like text (a comment under an article on baclofen)."""
    return stance_of(text, BACLOFEN, about_drug=True)


# --- the seed page ---------------------------------------------------------------------------


def test_seed_drug_is_baclofen(seed):
    assert seed.drug.generic == "baclofen"


def test_no_seed_comment_favours_baclofen(comments):
    assert "favor" not in set(comments["stance"])
    assert set(comments["stance"]) <= set(LABELS)


def test_seed_comments_1_2_4_against(comments):
    # Wiley (dismissal), Tim (stopped, soda works better), Vishnupriya (hype, trade-off)
    assert comments.loc[[1, 2, 4], "stance"].tolist() == ["against"] * 3


def test_seed_clinician_against_or_mixed(comments):
    assert comments.loc[3, "stance"] in {"against", "mixed"}


def test_seed_article_favor_or_mixed(seed):
    assert seed.article["stance"].iloc[0] in {"favor", "mixed"}


def test_seed_sentiment_stance_conflict(comments):
    # VADER reads every comment as positive ("LOL", "relief", "miracle", "works better"), yet all
    # four oppose the drug: the conflict flag is exactly what the column is for
    assert (comments["sentiment_label"] == "positive").all()
    assert comments["sentiment_stance_conflict"].tolist() == [True, True, True, True]


def test_seed_scores_are_negative_for_against(comments):
    against = comments[comments["stance"] == "against"]
    assert (against["stance_score"] < 0).all()
    assert comments["stance_score"].between(-1, 1).all()


def test_seed_evidence_offsets_slice_back(seed):
    evidence = seed.extra["stance_evidence"]
    texts = seed.comments.set_index("comment_id")["text"]
    rows = evidence[evidence["source"] == "comment"]
    assert len(rows) > 10
    for row in rows.itertuples():
        assert texts[row.comment_id][row.start : row.end] == row.text


def test_seed_distrust_counts_zero_but_is_kept(seed):
    """Wiley's Big Pharma sentences are about the FDA, not the drug: found, weight 0."""
    evidence = seed.extra["stance_evidence"]
    distrust = evidence[(evidence["comment_id"] == 1) & (evidence["category"] == "distrust")]
    assert "Big Pharma" in set(distrust["text"])
    assert (distrust["weight"] == 0).all()


def test_seed_tim_stopped_and_comparison_are_evidence(seed):
    evidence = seed.extra["stance_evidence"]
    tim = evidence[(evidence["comment_id"] == 2) & (evidence["weight"] > 0)]
    categories = set(tim["category"])
    assert {"discontinuation", "comparison"} <= categories
    cousin = tim[tim["modifiers"].str.contains("hearsay", regex=False)]
    assert len(cousin) == 1 and (cousin["polarity"] == 1).all()


# --- invented sentences ------------------------------------------------------------------------


def test_negation_flips_help():
    result = about("it didn't help at all")
    assert result.label == "against"
    assert result.score < 0


def test_contrast_after_but_dominates():
    result = about("It helped at first but now it does nothing.")
    assert result.label in {"against", "mixed"}
    assert result.score < 0  # the clause after "but" weighs more


def test_hearsay_weighs_less_than_own_experience():
    hearsay = about("my cousin said it worked for him")
    own = about("it worked for me")
    assert own.label == "favor"
    assert 0 <= hearsay.score < own.score
    assert hearsay.favor_weight < own.favor_weight


def test_something_else_works_better_is_against():
    result = about("a cold can of soda works better than the pills")
    assert result.label == "against"
    assert any(c.category == "comparison" and c.weight > 0 for c in result.evidence)


def test_drug_better_than_other_is_favor():
    assert about("Baclofen works much better than ropinirole for me.").label == "favor"


def test_pharma_distrust_alone_is_not_a_drug_stance():
    result = about("The FDA is bought and paid for by Big Pharma. They don't want you to know.")
    assert result.label == "neutral"
    assert any(c.category == "distrust" for c in result.evidence)
    assert all(c.weight == 0 for c in result.evidence)


def test_model_prior_alone_does_not_make_a_stance():
    """The model's n-grams here lean against; its favor prior must not turn that into favor."""
    text = "The FDA is bought and paid for by Big Pharma. They don't want you to know."
    scored = stance.model_score(text, BACLOFEN, about_drug=True)
    assert scored.n_features >= stance.MIN_MODEL_FEATURES  # the model does take part
    assert sum(c.value for c in scored.contributions) < 0
    result = about(text)
    learned = [c for c in result.evidence if c.category == stance.LEARNED]
    assert result.label == "neutral" and learned
    assert all(c.modifiers == (stance.NO_STANCE_REASON,) for c in learned)


def test_brand_name_counts_as_the_drug():
    result = stance_of("Lioresal worked wonders for me", BACLOFEN)  # about_drug decided per text
    assert result.label == "favor"


def test_pronoun_refers_to_the_drug_named_before():
    result = stance_of("My neurologist prescribed baclofen in March. It worked wonders.", BACLOFEN)
    assert result.label == "favor"


def test_pronoun_without_the_drug_is_off_target():
    result = stance_of("I read about the weather. It worked wonders.", BACLOFEN)
    assert result.label == "neutral"


def test_other_drug_clause_is_off_target():
    result = stance_of("My doctor prescribed baclofen. Ropinirole worked wonders.", BACLOFEN)
    assert result.label == "neutral"


def test_hypothetical_is_not_evidence():
    assert about("If it works for you, great.").label == "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "Baclofen? LOL. It made my legs worse.",
        "I stopped taking baclofen after 3 days; the side effects were unbearable.",
        "Lioresal worked wonders for me, highly recommend it.",
    ],
)
def test_invented_offsets_slice_back(text):
    result = about(text)
    assert result.evidence
    for cue in result.evidence:
        assert text[cue.start : cue.end] == cue.text


# --- the learned component in the blend --------------------------------------------------------


def test_seed_learned_evidence_is_capped_and_sliceable(seed):
    from analysis.stance import TOP_K

    evidence = seed.extra["stance_evidence"]
    learned = evidence[(evidence["source"] == "comment") & (evidence["category"] == "learned")]
    assert len(learned) > 0
    assert learned.groupby("comment_id").size().max() <= TOP_K
    comments = seed.comments.set_index("comment_id")["text"]
    for row in learned.itertuples():
        assert comments[row.comment_id][row.start : row.end] == row.text


def test_rules_decide_alone_on_dismissal_and_one_liners():
    result = about("Baclofen? LOL. My legs feel great since I moved to the coast, honestly.")
    assert result.label == "against"
    learned = [c for c in result.evidence if c.category == "learned"]
    assert learned and all(c.weight == 0 for c in learned)
    assert all(c.modifiers[0].startswith("rules_decide:dismissal") for c in learned)
    assert about("Baclofen is next on my list.").label == "neutral"


def test_article_prose_keeps_the_rule_labels(seed):
    from analysis.pipeline import article_text

    whole = article_text(seed.sections)
    assert stance_of(whole, BACLOFEN).label == stance_of(whole, BACLOFEN, method="rules").label
    for text in seed.sections["text"]:
        rules = stance_of(text, BACLOFEN, method="rules")
        assert stance_of(text, BACLOFEN).label == rules.label


@pytest.mark.parametrize(
    ("text", "not_label"),
    [
        ("I switched from ropinirole to baclofen.", "against"),  # starting the drug
        ("I switched to baclofen last spring.", "against"),
        ("I never quit taking it, it works.", "against"),  # a negated stop is continuation
    ],
)
def test_switching_onto_the_drug_is_not_stopping_it(text, not_label):
    assert stance_of(text, BACLOFEN, about_drug=True).label != not_label


def test_switching_away_from_the_drug_is_discontinuation():
    result = stance_of("I switched from baclofen to gabapentin.", BACLOFEN, about_drug=True)
    assert result.label == "against"
    assert any(c.category == "discontinuation" and c.weight > 0 for c in result.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "I came off ropinirole last year and started baclofen, it helped.",
        "I was weaned off of gabapentin, then my doctor put me on baclofen.",
    ],
)
def test_stopping_another_drug_is_not_discontinuing_this_one(text):
    result = stance_of(text, BACLOFEN, about_drug=True, method="rules")
    stops = [c for c in result.evidence if c.category == "discontinuation"]
    assert stops, "the cue is still shown as evidence"
    assert all(c.weight == 0 for c in stops)
    assert any("off_target:other_drug_object" in c.modifiers for c in stops)


def test_stopping_this_drug_by_name_still_counts():
    result = stance_of("I came off baclofen after a week.", BACLOFEN, about_drug=True)
    assert result.label == "against"
    assert any(c.category == "discontinuation" and c.weight > 0 for c in result.evidence)


@pytest.mark.parametrize(
    "text",
    ["I stopped taking it and switched to Requip.", "I came off it and went back on ropinirole."],
)
def test_stopping_it_then_switching_to_another_drug_counts(text):
    result = stance_of(text, BACLOFEN, about_drug=True, method="rules")
    assert result.label == "against"
    stop = next(c for c in result.evidence if c.category == "discontinuation")
    assert stop.weight > 0 and text[stop.start : stop.end] == stop.text


def test_praise_after_another_drug_stays_with_that_drug():
    assert about("I tried Requip and it helped a lot.").label == "neutral"


def test_combine_needs_the_read_ngrams_to_agree_with_a_prior_led_label():
    def scored(value: float) -> stance_model.ModelScore:
        contribution = stance_model.Contribution("fda", 0, 3, value)
        probabilities = {"favor": 0.9, "mixed": 0.05, "against": 0.05}  # beyond any threshold
        return stance_model.ModelScore(probabilities, (contribution,), 12)

    assert stance.combine([], scored(-0.4))[0] == "neutral"  # favor came from the prior
    assert stance.combine([], scored(0.4))[0] == "favor"


# --- cue flags ----------------------------------------------------------------------------------


def test_unknown_cue_flag_is_refused(tmp_path):
    header = "id,category,polarity,weight,negatable,flags,pattern,example\n"
    path = tmp_path / "cues.csv"
    path.write_text(header + "my_cue,efficacy,1,1.0,1,partail,\\bhelped\\b,it helped\n")
    with pytest.raises(ValueError, match="my_cue.*partail"):
        stance.load_rules(path)


def test_a_repeated_cue_id_is_refused(tmp_path):
    header = "id,category,polarity,weight,negatable,flags,pattern,example\n"
    path = tmp_path / "cues.csv"
    row = "my_cue,efficacy,1,1.0,1,,\\bhelped\\b,it helped\n"
    path.write_text(header + row + row)
    with pytest.raises(ValueError, match="my_cue.*twice"):
        stance.load_rules(path)


def test_cue_flags_load_and_name_known_rules():
    flagged = {r.id: r.flags for r in stance.load_rules() if r.flags}
    assert stance.PARTIAL in stance.rule_flags("eff_edge_off")
    assert {f for flags in flagged.values() for f in flags} == stance.CUE_FLAGS
    assert stance.rule_flags("no_such_rule") == frozenset()


def test_partial_flag_makes_edge_off_a_partial_outcome():
    from analysis.experience import experience_of

    text = "I took it for a month and it takes the edge off my legs at night."
    result = about(text)
    assert experience_of(text, BACLOFEN, result.evidence).outcome == "partial"


# --- declared ambivalence ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mixed feelings honestly. It helped my legs a lot but the brain fog is awful.",
        "Love/hate relationship with this stuff. It works, but I've gained 10 lbs on it.",
        "It eased the cramps but I feel like a zombie. Jury's still out.",
    ],
)
def test_declared_ambivalence_with_points_on_both_sides_is_mixed(text):
    assert about(text).label == "mixed"
    assert stance_of(text, BACLOFEN, about_drug=True, method="rules").label == "mixed"


def test_ambivalence_without_points_on_both_sides_does_not_force_mixed():
    text = "Mixed feelings at first, but it worked wonders and I would recommend it to anyone."
    assert about(text).label == "favor"


def test_someone_elses_ambivalence_does_not_force_mixed():
    cues = stance.find_cues(
        "My sister has mixed feelings about it. It helped my legs and I would recommend it, "
        "though I had a mild headache the first week.",
        BACLOFEN,
        about_drug=True,
    )
    reported = [c for c in cues if c.category == "ambivalence"]
    assert reported and all(stance.about_another(c) for c in reported)
    assert not stance.declared_mixed(cues)


# --- session 6: class references, over-prescribing, withdrawal from the market, reported claims ---

OMEPRAZOLE = lookup_drug("omeprazole")
PREDNISONE = lookup_drug("prednisone")


def _counted(result, category):
    return [c for c in result.evidence if c.category == category and c.weight > 0]


def test_class_terms_include_plural_initials_and_lay_words():
    assert {"PPIs", "proton pump inhibitors", "acid blockers"} <= set(OMEPRAZOLE.class_terms)
    assert "steroids" in PREDNISONE.class_terms
    assert lookup_drug("no-such-drug").class_terms == ()


def test_distrust_about_the_drug_class_counts():
    text = (
        "PPIs are the biggest money machine in pharma history. Now half the country is hooked on "
        "acid blockers, follow the money."
    )
    result = stance_of(text, OMEPRAZOLE, about_drug=True)
    assert len(_counted(result, "distrust")) >= 2
    assert result.label == "against"


def test_distrust_of_institutions_alone_still_does_not_count():
    result = stance_of("Doctors are bought and paid for by big pharma.", OMEPRAZOLE, True)
    assert not _counted(result, "distrust")


def test_handed_out_like_candy_is_distrust():
    result = stance_of("They hand out steroid packs like candy.", PREDNISONE, about_drug=True)
    assert _counted(result, "distrust")


def test_pulled_off_the_market_is_harm_only_for_the_target():
    isotretinoin = lookup_drug("isotretinoin")
    pulled = stance_of(
        "Roche pulled Accutane off the US market after thousands of lawsuits.", isotretinoin, True
    )
    assert [c.rule for c in _counted(pulled, "harm")].count("harm_withdrawn") == 2
    other = stance.find_cues(
        "Meloxicam was prescribed after Vioxx was taken off the market.",
        lookup_drug("meloxicam"),
        about_drug=True,
    )
    assert not [c for c in other if c.rule == "harm_withdrawn"]


def test_sarcastic_report_of_the_article_is_scepticism_at_full_weight():
    text = (
        "Love how the article says 45% get their migraines halved and skips right past the 25% "
        "who got the same result on a sugar pill."
    )
    sceptic = _counted(stance_of(text, lookup_drug("propranolol"), True), "evidence_scepticism")
    assert len(sceptic) == 2
    assert not any(m.startswith("reported") for c in sceptic for m in c.modifiers)


def test_a_claim_reported_from_the_article_weighs_less():
    own = _counted(about("Baclofen works wonders."), "efficacy")
    reported = _counted(about("The article says baclofen works wonders."), "efficacy")
    assert own and reported
    assert reported[0].weight < own[0].weight
    assert any(m.startswith("reported") for m in reported[0].modifiers)


def test_working_night_shifts_is_not_the_drug_working():
    assert not [
        c
        for c in about("I work night shifts so I take it at 6pm.").evidence
        if c.category == "efficacy"
    ]


def test_the_model_does_not_read_questions():
    text = "Just got prescribed 10mg. Does it work better at night? Can I still have my coffee?"
    regions, _ = stance.model_view(text, BACLOFEN, about_drug=True)
    read = " ".join(text[a:b] for a, b in regions)
    assert "Just got prescribed" in read
    assert "coffee" not in read and "work better" not in read


def test_the_injections_refer_to_an_injectable_drug():
    methotrexate = lookup_drug("methotrexate")
    assert stance.reference_pattern(methotrexate).search("been on the injections for a year")


def test_honestly_mixed_with_both_sides_is_mixed():
    text = "Honestly mixed. It helped my legs but I've put on half a stone."
    result = about(text)
    assert any(c.category == "ambivalence" for c in result.evidence)
    assert any(c.category == "harm" and c.weight > 0 for c in result.evidence)
    assert result.label == "mixed"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Lasted five weeks on it, then packed it in.", "disc_packed_in"),
        ("Only lasted 3 weeks on baclofen.", "disc_packed_in"),
        ("After a year I asked to stop.", "disc_packed_in"),
        ("Tried it for a month. Not for me.", "rec_not_for_me"),
        ("10/10 would recommend to my worst enemy.", "rec_worst_enemy"),
        ("I wouldn't wish it on anyone.", "rec_worst_enemy"),
        ("My doctor mentioned baclofen, but I won't touch it.", "rec_wont_touch"),
        ("I'd hardly call that a wonder drug.", "scep_hardly_call"),
        ("Ropinirole beat it in the big trial.", "cmp_other_beat"),
    ],
)
def test_idioms_against_the_drug(text, rule):
    result = about(text)
    hits = [c for c in result.evidence if c.rule == rule]
    assert hits and all(c.weight > 0 and c.polarity < 0 for c in hits)
    assert all(text[c.start : c.end] == c.text for c in hits)
    assert result.label == "against"


def test_sarcastic_recommendation_outweighs_the_plain_one():
    result = about("Would recommend it to my worst enemy.")
    assert not [c for c in result.evidence if c.rule == "rec_pos"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Bit of a dry mouth, a small price to pay.", "eval_small_price"),
        ("Nothing beats it for my legs.", "cmp_nothing_beats"),
        ("Brilliant stuff, slept all night.", "eval_pos"),
    ],
)
def test_idioms_for_the_drug(text, rule):
    hits = [c for c in about(text).evidence if c.rule == rule]
    assert hits and all(c.weight > 0 and c.polarity > 0 for c in hits)


def test_getting_off_cigarettes_is_not_stopping_the_drug():
    bupropion = lookup_drug("bupropion")
    cues = stance.find_cues("Zyban got me off the fags after 22 years.", bupropion, True)
    assert not [c for c in cues if c.category == "discontinuation"]
    cues = stance.find_cues("I got off the pills after a month.", bupropion, True)
    assert [c for c in cues if c.category == "discontinuation" and c.weight > 0]


def test_not_sure_it_is_worth_it_is_ambivalence_not_praise():
    result = about("It works, but my hair is falling out. Not sure the trade is worth it.")
    assert any(c.category == "ambivalence" for c in result.evidence)
    assert not [c for c in result.evidence if c.rule == "eval_pos"]


def test_an_untabled_generic_is_another_drug_by_its_stem():
    alendronate = lookup_drug("alendronate")
    text = "I was on risedronate first and it gave me terrible cramping."
    harms = [c for c in stance.find_cues(text, alendronate, True) if c.category == "harm"]
    assert harms and all(c.weight == 0 for c in harms)
    assert any("off_target:other_drug" in c.modifiers for c in harms)


def test_stems_do_not_make_the_targets_own_generic_another_drug():
    from analysis.drugs import DrugTarget, other_drugs_pattern

    omvoh = DrugTarget("omvoh")  # not in the table: its generic may appear under its name
    assert not other_drugs_pattern(omvoh).search("mirikizumab is given into a vein")
    tabled = other_drugs_pattern(lookup_drug("alendronate"))
    assert tabled.search("then valsartan") and not tabled.search("April, alendronate, cholesterol")


def test_a_section_listing_possible_side_effects_is_against():
    text = (
        "Side effects. Baclofen can cause drowsiness, dizziness and weakness, and some people "
        "may experience nausea or confusion."
    )
    result = stance_of(text, BACLOFEN)
    possible = [c for c in result.evidence if c.rule.startswith("effects:")]
    assert len(possible) == 5 and all(0 < c.weight < stance.HARM_WEIGHT for c in possible)
    assert result.label == "against"


def test_a_commenters_hypothetical_side_effect_still_counts_for_nothing():
    result = about("If I get drowsy on it I will tell my doctor.")
    assert all(c.weight == 0 for c in result.evidence if c.category == "harm")


@pytest.mark.parametrize(
    ("sections", "whole", "expected"),
    [
        (["neutral", "favor", "against"], "favor", "mixed"),
        (["neutral", "favor", "neutral"], "favor", "favor"),
        (["neutral", "mixed", "neutral"], "favor", "mixed"),
        (["favor", "mixed"], "favor", "favor"),
        (["neutral", "neutral"], "neutral", "neutral"),
    ],
)
def test_an_article_whose_sections_take_both_sides_is_mixed(sections, whole, expected):
    assert stance.article_label(sections, whole) == expected


def test_prose_keeps_its_topic_for_two_sentences_after_naming_the_drug():
    text = (
        "Baclofen was tested in a small trial. Most patients improved. Sleep was better too. "
        "Restless legs are common. Many people feel better with exercise."
    )
    result = stance_of(text, BACLOFEN)
    by_text = {c.text.lower(): c for c in result.evidence if c.category == "efficacy"}
    assert by_text["improved"].weight > 0
    late = [c for c in result.evidence if c.category == "efficacy" and c.start > text.index("Many")]
    assert late and all("off_target:drug_not_salient" in c.modifiers for c in late)


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("It also alleviated some headaches.", "headaches"),
        ("The headache subsides in an hour.", "headache"),
        ("The rash on my arms got better after three days.", "rash"),
    ],
)
def test_a_symptom_that_subsides_is_the_treated_condition(text, symptom):
    harms = [c for c in about(text).evidence if c.category == "harm" and symptom in c.text.lower()]
    assert harms and all(c.weight == 0 for c in harms)
    assert any(m.startswith("treated_symptom") for c in harms for m in c.modifiers)


def test_a_symptom_said_to_be_better_is_relief_not_harm():
    result = about("The rash was much better after three days.")
    assert not _counted(result, "harm")
    assert [c for c in _counted(result, "efficacy") if c.polarity > 0]


def test_minimal_side_effects_are_a_point_in_favour_not_scepticism():
    result = about("Side effects were minimal and it worked.")
    assert not [c for c in result.evidence if c.category == "evidence_scepticism"]
    minimal = [c for c in result.evidence if c.rule == "harm_minimal"]
    assert minimal and minimal[0].polarity > 0 and minimal[0].weight > 0


@pytest.mark.parametrize(
    "text",
    [
        "I took it at 10pm and I still can't sleep.",
        "Three weeks on it and still in considerable pain.",
        "My pain returned two days after the course.",
    ],
)
def test_a_condition_that_persists_or_returns_is_against(text):
    cues = _counted(about(text), "efficacy")
    assert cues and all(c.polarity < 0 for c in cues)


def test_stopping_the_named_drug_is_not_the_drug_stopping_a_symptom():
    result = stance_of("I stopped taking the Lioresal.", BACLOFEN, about_drug=True)
    assert not _counted(result, "efficacy")
    assert _counted(result, "discontinuation")


def test_wanting_it_lower_is_not_liking_it():
    result = about("My pressure is higher than my doctor would like it to be.")
    assert not [c for c in result.evidence if c.category == "evaluation"]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Once I got off it my memory improved.", -1),  # better off the drug: against it
        ("When I stopped taking it the pain came back.", 1),  # relapse off the drug: for it
    ],
)
def test_an_outcome_after_stopping_tells_the_opposite(text, polarity):
    effic = _counted(about(text), "efficacy")
    assert effic and all(c.polarity == polarity for c in effic)
    assert all(any(m.startswith("off_drug") for m in c.modifiers) for c in effic)


def test_stopping_a_habit_or_another_drug_is_not_time_off_this_one():
    for text in ("Once I stopped smoking, it helped.", "When I was off Requip, baclofen helped."):
        effic = _counted(about(text), "efficacy")
        assert effic and all(c.polarity > 0 for c in effic), text
        assert not _counted(about(text), "discontinuation"), text


def test_other_products_working_better_is_against():
    result = about("It did nothing. I have found other creams to be more effective.")
    assert [c for c in _counted(result, "comparison") if c.polarity < 0]
    assert not [c for c in _counted(result, "efficacy") if c.polarity > 0]


@pytest.mark.parametrize(
    "text",
    [
        "Strep symptoms subsided within 3 days.",
        "My heartburn is gone.",
        "The fistula is considerably reduced.",
        "It did a decent job of taking away the pain.",
        "It allowed me to function at an almost normal level.",
    ],
)
def test_relief_in_other_words_is_efficacy(text):
    effic = _counted(about(text), "efficacy")
    assert effic and all(c.polarity > 0 for c in effic)


def test_a_symptom_that_never_went_away_is_not_relief():
    assert not [
        c for c in _counted(about("The pain never went away."), "efficacy") if c.polarity > 0
    ]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I take double the dose and still have very little relief.", "efficacy"),
        ("They will not touch my pain.", "efficacy"),
        ("It is far from being a truly effective drug.", "evaluation"),
        ("It almost killed me.", "harm"),
        ("Made me dizzy and sick. DO NOT TAKE.", "recommendation"),
        ("This drug should not have been given to him.", "recommendation"),
        ("I was advised to discontinue it.", "discontinuation"),
    ],
)
def test_more_ways_of_saying_it_failed_or_harmed(text, category):
    cues = _counted(about(text), category)
    assert cues and all(c.polarity < 0 for c in cues)


def test_a_little_relief_is_not_little_relief():
    cues = _counted(about("It gave me a little relief."), "efficacy")
    assert cues and all(c.polarity > 0 for c in cues)


def test_praise_after_switching_to_another_drug_is_that_drugs():
    text = "Consultant switched me to Zentrova last autumn and it's honestly night and day."
    effic = [c for c in about(text).evidence if c.category == "efficacy"]
    assert effic and all(c.weight == 0 for c in effic)
    assert any(m.startswith("off_target:switched_to") for c in effic for m in c.modifiers)


def test_feeling_yourself_again_after_coming_off_is_against():
    text = "Not worth it, I weaned off in January and I feel like a person again."
    effic = _counted(about(text), "efficacy")
    assert effic and all(c.polarity < 0 for c in effic)
    failed = _counted(about("I went off the medication since it was not helpful."), "efficacy")
    assert failed and all(c.polarity < 0 for c in failed)


def test_a_claim_according_to_the_makers_trials_weighs_less():
    own = _counted(about("Very well tolerated."), "evaluation")
    reported = _counted(
        about("Very well tolerated according to trials paid for by Acme."), "evaluation"
    )
    assert own and reported and reported[0].weight < own[0].weight


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The neuro wanted me on it. No thank you.", "recommendation"),
        ("It would clear it up but then it was back 6 weeks later.", "efficacy"),
    ],
)
def test_refusal_and_return(text, category):
    assert [c for c in _counted(about(text), category) if c.polarity < 0]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Non drowsy my arse. Slept all afternoon.", "dismissal"),
        ("The eye thing is NOT rare whatever the trials say.", "evidence_scepticism"),
        ("RLS is the fashionable diagnosis of the decade.", "evidence_scepticism"),
        ("I cleared mine with an elimination diet and probiotics.", "comparison"),
        ("I was done after about 7 weeks.", "discontinuation"),
        ("Four months of this. Stopped in march, at least I can see.", "discontinuation"),
    ],
)
def test_sarcasm_doubt_other_remedies_and_plain_stops_are_against(text, category):
    assert [c for c in _counted(about(text), category) if c.polarity < 0], text


def test_an_oath_is_no_denial_when_it_has_a_subject():
    assert not _counted(about("I fell and hurt my arse."), "dismissal")


def test_going_back_on_another_drug_is_leaving_this_one():
    cues = _counted(
        about("Cardiologist said push through but I asked to go back on warfarin."),
        "discontinuation",
    )
    assert cues and cues[0].polarity < 0


def test_curing_it_with_the_drug_itself_is_no_other_remedy():
    assert not _counted(about("I cleared mine with baclofen in a month."), "comparison")


def test_marketing_money_is_distrust_when_said_of_the_drug():
    text = "The company that makes baclofen spent millions on awareness campaigns."
    assert _counted(about(text), "distrust")


def test_a_stop_because_the_need_ended_is_not_against():
    text = (
        "Massive difference within a day. Stopped it once the pollen count dropped off in August."
    )
    result = about(text)
    stops = [c for c in result.evidence if c.category == "discontinuation"]
    assert stops and all(c.weight == 0 for c in stops)
    assert result.label == "favor"
    assert _counted(about("Stopped it after a week because it made me dizzy."), "discontinuation")


def test_two_minds_and_an_accepted_side_effect():
    assert _counted(about("I honestly don't know what to think."), "ambivalence")
    accepted = about("My appetite is shot until 6pm but honestly I don't care.")
    assert [c for c in _counted(accepted, "evaluation") if c.polarity > 0]


def test_idioms_that_are_not_verdicts():
    assert not _counted(about("The injection stings like hell, nothing else."), "evaluation")
    assert not _counted(about("I couldn't see well enough to drive to work."), "efficacy")


def test_a_harm_named_in_the_title_is_not_the_treated_condition():
    title = (
        "Apixaban (Eliquis) for Atrial Fibrillation: Stroke Protection and the Bleeding Trade-Off"
    )
    condition = stance.condition_effects(title)
    assert "bleeding" not in condition and "fibrillation" in condition
    apixaban = lookup_drug("apixaban")
    result = stance_of("Twice in one month I had nosebleeds.", apixaban, True, condition)
    assert [c for c in result.evidence if c.category == "harm" and c.weight > 0]


@pytest.mark.parametrize(
    "text",
    [
        "Just been prescribed 10mg for nerve pain after shingles. Will it show up on my medical "
        "records as an antidepressant? I'm applying for a job and worried about the checks.",
        "Picked up my prescription today, starting the 10mg tomorrow and my rheumatologist says "
        "to take it at night. Wish me luck!! Does anyone know if I can still drink coffee?",
        "Got the script for baclofen, haven't picked it up yet. Does it matter if I take it at "
        "night instead of before breakfast? My pharmacist was a bit vague about that one.",
    ],
)
def test_a_writer_who_has_not_begun_takes_no_stance(text):
    result = about(text)
    assert [c for c in result.evidence if c.category == "plan"]
    assert result.label == "neutral"


def test_not_begun_yet_does_not_silence_rule_evidence():
    text = "Just been prescribed it. I read it causes terrible drowsiness, so I won't touch it."
    assert about(text).label == "against"


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("In the big trial baclofen caused fewer falls than gabapentin.", 1),
        ("Baclofen has fewer side effects than the alternatives.", 1),
        ("Ropinirole gave me fewer side effects than it did.", -1),
        ("For most people it's the safer of the two.", 1),
        ("Gabapentin is the only one that doesn't flatten me.", -1),
    ],
)
def test_comparisons_of_harm_and_tolerability(text, polarity):
    cues = _counted(about(text), "comparison")
    assert cues and all(c.polarity == polarity for c in cues), text


def test_the_drug_being_the_only_one_that_worked_is_no_comparison_against_it():
    assert not _counted(about("This oral medication was the only one that worked."), "comparison")


@pytest.mark.parametrize(
    "text",
    [
        "oh it's a miracle alright. lost 20 lbs and my gallbladder.",
        "ah yes baclofen, the wonder drug. Three years on it and I still kick all night.",
        "Works for everyone, yeah right.",
    ],
)
def test_praise_said_in_mockery_is_dismissal(text):
    result = about(text)
    assert [c for c in _counted(result, "dismissal") if c.polarity < 0]
    assert not [c for c in _counted(result, "evaluation") if c.polarity > 0]


def test_plain_praise_is_not_mockery():
    assert not _counted(about("Oh yes, it has been a wonderful help to me."), "dismissal")


@pytest.mark.parametrize(
    "text",
    [
        "I was prescribed baclofen to help with my restless legs.",
        "I take it to relieve the cramps at night.",
    ],
)
def test_what_it_was_taken_for_is_not_how_it_went(text):
    assert not [c for c in _counted(about(text), "efficacy") if c.polarity > 0]
    assert any("purpose" in c.modifiers for c in about(text).evidence)


@pytest.mark.parametrize(
    "text",
    [
        "It took a few weeks to work but now I sleep.",
        "After a month my legs started to calm down and it helped a lot.",
        "I was prescribed it in May and it helped within days.",
    ],
)
def test_outcomes_near_take_verbs_still_count(text):
    assert [c for c in _counted(about(text), "efficacy") if c.polarity > 0], text


def test_a_question_without_its_question_mark_is_still_asked():
    text = "And how long does it usually take before it starts working"
    effic = [c for c in about(text).evidence if c.category == "efficacy"]
    assert effic and all("question" in c.modifiers for c in effic)


def test_a_statement_with_its_subject_left_out_is_not_a_question():
    for text in ("Did wonders for my legs.", "Was on it for years and it worked."):
        effic = _counted(about(text), "efficacy")
        assert effic and not any("question" in c.modifiers for c in effic), text


def test_saying_the_drug_is_not_needed_is_dismissal():
    text = "You dont need to mess with your hormones, sleep and diet fixed mine."
    assert [c for c in _counted(about(text), "dismissal") if c.polarity < 0]
    assert not _counted(about("I did not need to take a pill every day."), "dismissal")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("RLS is a magnesium and trigger problem, full stop.", "comparison"),
        ("Gout is a diet disease. Beer, red meat, sugary drinks.", "comparison"),
        ("Lose the gut and you won't need a pill for it.", "dismissal"),
        (
            "They paid a $2.3 billion settlement for promoting baclofen for uses it wasn't approved for.",
            "distrust",
        ),
        ("Ropinirole has done far more for my legs than baclofen ever did.", "comparison"),
        ("It works, but it doesn't last.", "efficacy"),
    ],
)
def test_other_causes_settlements_and_wearing_off_are_against(text, category):
    assert [c for c in _counted(about(text), category) if c.polarity < 0], text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Honestly it saved me.", "evaluation"),
        ("Baclofen is one of the quickest and most reliable of the lot.", "evaluation"),
        ("It's still a very useful drug.", "evaluation"),
        ("I wouldn't write it off on the strength of one bad experience.", "recommendation"),
    ],
)
def test_praise_in_other_words(text, category):
    assert [c for c in _counted(about(text), category) if c.polarity > 0], text


def test_advice_for_some_patients_and_others_stops_weigh_less():
    limited = _counted(about("Avoid baclofen if you have kidney disease."), "recommendation")
    plain = _counted(about("Avoid baclofen."), "recommendation")
    assert limited and plain and limited[0].weight < plain[0].weight
    others = _counted(
        about("Most deaths came after people had already stopped the drug."), "discontinuation"
    )
    own = _counted(about("I had already stopped the drug."), "discontinuation")
    assert others and own and others[0].weight < own[0].weight


def test_a_doctor_raising_it_as_an_option_is_not_use():
    text = "My rheumatologist brought it up as an option. Is it OK with kidney problems?"
    assert [c for c in about(text).evidence if c.category == "plan"]


@pytest.mark.parametrize(
    ("text", "category", "sign"),
    [
        ("Did exactly what I needed it to.", "efficacy", 1),
        ("One tablet at night did the trick.", "efficacy", 1),
        ("It didn't do the trick at all.", "efficacy", -1),
        ("Baclofen was the first thing that let me keep a meal down in weeks.", "efficacy", 1),
        ("By day 3 I was walking upright again.", "efficacy", 1),
        ("Now it barely does anything.", "efficacy", -1),
        ("And my legs?? still jumping every night same as before.", "efficacy", -1),
        ("So no complaints about the tablets.", "evaluation", 1),
        ("Made me sleepy but honestly that was kind of the point.", "evaluation", 1),
        ("Gave up after 2 days.", "discontinuation", -1),
        ("lasted a fortnight. binned them", "discontinuation", -1),
    ],
)
def test_everyday_verdicts_and_stops(text, category, sign):
    assert [c for c in _counted(about(text), category) if c.polarity == sign], text


def test_an_effect_lasting_is_not_the_writer_lasting():
    assert not _counted(about("The effect lasted 6 hours."), "discontinuation")


def test_a_stop_for_surgery_is_not_against_but_a_stop_for_dizziness_is():
    text = "I only came off it because the hospital wanted me off all meds before my operation."
    stops = [c for c in about(text).evidence if c.category == "discontinuation"]
    assert stops and all(c.weight == 0 for c in stops)
    assert _counted(about("I came off it because it made me dizzy."), "discontinuation")


def test_a_lost_function_is_a_harm_but_a_better_one_is_relief():
    lost = about("I've put on two stone and my sex drive has completely vanished.")
    assert [c for c in _counted(lost, "harm") if "sex drive" in c.text.lower()]
    better = about("Memory retention better and more energy.")
    assert not [c for c in _counted(better, "harm") if "memory" in c.text.lower()]


def test_a_model_favor_against_one_sided_rule_evidence_is_mixed():
    contribution = stance_model.Contribution("relief", 0, 6, 0.5)
    favored = stance_model.ModelScore(
        {"favor": 0.9, "mixed": 0.05, "against": 0.05}, (contribution,), 40
    )
    text = "Hair falling out in clumps, crying every day. Stopped it after 3 months."
    cues = stance_of(text, BACLOFEN, about_drug=True, method="rules").evidence
    assert stance.decide(cues)[3] >= stance.CONFLICT_EVIDENCE
    assert stance.combine(cues, favored)[0] == "mixed"
    # a little against evidence does not overrule the model
    weak = stance_of("A bit of a headache at first.", BACLOFEN, True, method="rules").evidence
    assert 0 < stance.decide(weak)[3] < stance.CONFLICT_EVIDENCE
    assert stance.combine(weak, favored)[0] == "favor"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("WOuldnt recommend it to anyone.", -1),
        ("I can't recommend it enough.", 1),
        ("Can't say enough good things about it.", 1),
        ("I highly recommend a different birth control.", -1),
    ],
)
def test_recommendation_idioms_and_negation_without_apostrophe(text, sign):
    found = _counted(about(text), "recommendation")
    assert found and all(c.polarity == sign for c in found), text


@pytest.mark.parametrize(
    "text",
    [
        "My doctor recommended it for my legs.",
        "She recommended baclofen to me.",
        "Never take more than the recommended dose.",
    ],
)
def test_another_persons_recommendation_or_a_recommended_dose_is_no_verdict(text):
    assert not _counted(about(text), "recommendation"), text


def test_negation_without_apostrophe_flips_efficacy():
    found = _counted(about("it didnt help at all"), "efficacy")
    assert found and found[0].polarity < 0


def test_getting_better_after_stopping_is_against_the_drug():
    text = "quit, and it took about 6 weeks to feel like myself again."
    better = [c for c in _counted(about(text), "efficacy") if "after_stop" in c.modifiers]
    assert better and all(c.polarity < 0 for c in better)


@pytest.mark.parametrize(
    "text",
    [
        "I stopped it for a week, then restarted and it works great.",
        "Went off it once I felt better.",
        "I switched to a gentler cleanser and this really helped.",
    ],
)
def test_a_restart_a_reason_or_a_switch_keeps_the_improvement(text):
    assert not [c for c in about(text).evidence if "after_stop" in c.modifiers], text


def test_stopping_a_habit_is_not_stopping_the_drug():
    assert not _counted(about("I stopped taking those daily naps."), "discontinuation")
    assert _counted(about("I stopped taking it after 3 days."), "discontinuation")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Read the trial: baclofen did no better than a sugar pill.", "evidence_scepticism"),
        ("People convince themselves these things work.", "evidence_scepticism"),
        ("Why would anyone take a muscle relaxant for this when stretching exists?", "dismissal"),
        ("The maker of baclofen paid billions to settle claims about it.", "distrust"),
        ("I don't trust any of it, the research on baclofen keeps changing.", "distrust"),
    ],
)
def test_placebo_parity_self_deception_dismissal_and_distrust(text, category):
    assert [c for c in _counted(about(text), category) if c.polarity < 0], text


def test_no_better_than_before_is_not_placebo_scepticism():
    assert not _counted(about("My legs are no better than before."), "evidence_scepticism")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I wouldnt hesitate to recommend it to anyone.", "recommendation"),
        ("Only downside is my hands and feet are freezing all the time.", "evaluation"),
        ("Baclofen is the only one that actually touches mine.", "efficacy"),
    ],
)
def test_double_negative_praise_and_the_only_downside(text, category):
    found = _counted(about(text), category)
    assert found and all(c.polarity > 0 for c in found), text


@pytest.mark.parametrize("name", ["silodosin", "promethazine", "solabegron", "moxonidine"])
def test_more_generic_stems_name_other_drugs(name):
    from analysis.drugs import other_drugs_pattern

    pattern = other_drugs_pattern(lookup_drug("alendronate"))
    assert pattern.search(f"then I tried {name} instead")
    assert not pattern.search("I read it in a magazine about rosin")


def test_another_drug_doing_more_or_suiting_better_is_an_alternative():
    from analysis.frames import frames_of

    duloxetine = lookup_drug("duloxetine")
    text = "Nortriptyline at night does more for my sleep and my pain than this ever did."
    cues = stance.find_cues(text, duloxetine, True)
    assert [c for c in cues if c.category == "comparison" and c.polarity < 0 and c.weight > 0]
    assert "alternative_remedy_or_cause" in frames_of(text, duloxetine, cues).frames
    solifenacin = lookup_drug("solifenacin")
    text = "Betmiga (mirabegron) has been so much better for me."
    cues = stance.find_cues(text, solifenacin, True)
    assert "alternative_remedy_or_cause" in frames_of(text, solifenacin, cues).frames


def test_keeping_people_out_of_hospital_is_efficacy():
    text = "For some women it is honestly what keeps them out of hospital."
    found = _counted(about(text), "efficacy")
    assert found and found[0].polarity > 0


def test_a_mechanism_is_not_efficacy_and_unclear_hedges():
    text = "Rather than working on the muscles themselves, it acts on the brainstem."
    assert not _counted(stance_of(text, BACLOFEN), "efficacy")
    plain = _counted(about("That is relief of spasm."), "efficacy")
    hedged = _counted(about("It is unclear how much of that is relief of spasm."), "efficacy")
    assert plain and hedged and hedged[0].weight < plain[0].weight


def test_the_writers_own_recommendation_after_also_counts():
    found = _counted(
        about("The benefit outweighs the cost. I would also recommend it."), "recommendation"
    )
    assert found and found[0].polarity > 0
    advice = about("My doctor also recommended it.").evidence
    assert [c for c in advice if any(m.startswith("others_advice") for m in c.modifiers)]


@pytest.mark.parametrize(
    "text",
    [
        "She was put on baclofen 'to help her settle at night'.",
        "Funny how 'just a little something to help you sleep' turned into three years.",
        "They gave him it to help with the spasms.",
    ],
)
def test_a_quoted_or_noun_purpose_is_not_efficacy(text):
    assert not _counted(about(text), "efficacy"), text


@pytest.mark.parametrize(
    "text",
    [
        "I've been off it 6 months now.",
        "Off baclofen 3 weeks now and sleeping fine.",
        "Now off it for about two years.",
    ],
)
def test_being_off_it_for_a_while_is_a_stop(text):
    found = _counted(about(text), "discontinuation")
    assert [c.polarity for c in found] == [-1], text


def test_no_longer_starting_anyone_on_it_is_a_recommendation_against():
    found = _counted(about("I no longer start anyone on baclofen for this."), "recommendation")
    assert [c.polarity for c in found] == [-1]
    found = _counted(about("We stopped prescribing it years ago."), "recommendation")
    assert [c.polarity for c in found] == [-1]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Came off it once things had settled, no problems at all.", False),
        ("I stopped it once I felt better.", False),
        ("Stopped it when I felt no better after a month.", True),
    ],
)
def test_a_stop_once_the_need_passed_is_not_against(text, counted):
    assert bool(_counted(about(text), "discontinuation")) is counted, text


@pytest.mark.parametrize(
    "text",
    [
        "It is not perfect but it's the best thing I've tried.",
        "It's the only thing I've found that helps.",
    ],
)
def test_the_best_or_only_thing_tried_is_praise(text):
    assert [c.polarity for c in _counted(about(text), "evaluation")] == [1], text


def test_another_drug_as_the_best_thing_tried_is_not_praise_of_the_target():
    assert not _counted(
        about("Lyrica was the best thing I've tried, unlike baclofen."), "evaluation"
    )


@pytest.mark.parametrize(
    ("text", "weighs"),
    [
        ("It's not a cure, but it takes the edge off.", False),
        ("Not a wonder drug, but it works for me.", False),
        ("It's not a miracle drug but the side effects are awful.", True),
        ("This is not a miracle cure. It did nothing for me.", True),
    ],
)
def test_a_conceded_limit_before_praise_weighs_nothing(text, weighs):
    limit = [
        c
        for c in about(text).evidence
        if c.polarity < 0 and c.category in {"dismissal", "evaluation", "efficacy"}
    ]
    assert limit and (limit[0].weight > 0) is weighs, text
    assert weighs or "concession" in limit[0].modifiers


@pytest.mark.parametrize(
    ("text", "category", "polarity"),
    [
        ("Within about 5 weeks the constant dread had finally settled.", "efficacy", 1),
        ("On it the depression lifted within a month.", "efficacy", 1),
        ("My sugars are the best they've been since I was diagnosed.", "efficacy", 1),
        ("I sleep great on it, best I've slept in years.", "efficacy", 1),
        ("Then the poop-out everyone talks about.", "efficacy", -1),
        ("Better than nothing, not what it was.", "efficacy", -1),
        ("Decided to come off and it took 4 months.", "discontinuation", -1),
    ],
)
def test_lifted_best_in_years_waning_and_deciding_to_come_off(text, category, polarity):
    assert polarity in {c.polarity for c in _counted(about(text), category)}, text


@pytest.mark.parametrize(
    "text", ["Starting mine on Monday, a bit worried.", "Starting 2.5 next week, does it sting?"]
)
def test_a_start_next_week_is_a_plan(text):
    assert any(c.rule == "plan_not_started" for c in about(text).evidence), text
    assert about(text).label == "neutral", text


def test_deciding_to_come_off_something_else_is_no_stop():
    assert not _counted(about("I decided to come off sugar and it helped."), "discontinuation")


@pytest.mark.parametrize(
    ("text", "against_counted"),
    [
        ("Two SSRIs did nothing for me and by the time I got to baclofen I was desperate.", False),
        ("Other meds did nothing for me. This one worked.", False),
        ("I tried it after three other antidepressants and it did nothing either.", True),
    ],
)
def test_unnamed_other_medicines_are_off_target(text, against_counted):
    assert (
        bool(
            _counted(about(text), "efficacy")
            and min(c.polarity for c in _counted(about(text), "efficacy")) < 0
        )
        is against_counted
    ), text


@pytest.mark.parametrize("text", ["I'd been off work for 5 months.", "I missed work twice."])
def test_work_as_a_job_is_not_efficacy(text):
    assert not _counted(about(text), "efficacy"), text


def test_the_only_thing_that_controls_it_is_praise():
    found = _counted(
        about("Baclofen has been the only thing that actually controls it."), "evaluation"
    )
    assert [c.polarity for c in found] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "My sleep is the best it's been in years and I've come off ropinirole.",
        "My sleep is the best it's been in years and I no longer need my ropinirole.",
    ],
)
def test_praise_before_stopping_another_drug_stays_the_targets(text):
    assert [c.polarity for c in _counted(about(text), "efficacy")] == [1], text


def test_praise_in_a_clause_starting_with_another_drug_is_not_the_targets():
    text = "I came off ropinirole and my sleep is the best it's been in years."
    assert not _counted(about(text), "efficacy")


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "First time back in 2019 I gave up after 3 weeks, the nausea was unreal. "
            "This time I started slower and it's worked brilliantly.",
            "against",
        ),
        (
            "The first time I took it, it worked brilliantly. "
            "This time it did nothing at all and I stopped after a month.",
            "favor",
        ),
    ],
)
def test_a_first_attempt_later_retried_weighs_less(text, earlier):
    result = about(text)
    superseded = [c for c in result.evidence if "earlier_attempt" in "|".join(c.modifiers)]
    sign = 1 if earlier == "favor" else -1
    assert superseded and all(c.polarity == sign for c in superseded if c.weight > 0), text
    assert stance.decide(result.evidence)[0] not in {earlier, "neutral"}, text


def test_without_a_later_attempt_the_first_counts_in_full():
    result = about("The first time I took it I gave up after 3 weeks, the nausea was unreal.")
    assert not any("earlier_attempt" in "|".join(c.modifiers) for c in result.evidence)
    assert stance.decide(result.evidence)[0] == "against"


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The pharmacy ran out, so I switched to Requip and I've done better on it.", True),
        ("Tried it a bit but honestly Requip has done far more for me.", True),
        ("I've done better on it than on anything else.", False),
        ("Baclofen works much better for me at night.", False),
    ],
)
def test_comparative_praise_in_another_drugs_clause_is_against_the_target(text, counted):
    found = [c for c in _counted(about(text), "comparison") if c.rule == "cmp_other_did_better"]
    assert bool(found) is counted and all(c.polarity == -1 for c in found), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Nobody has followed people on this for 30 years.", "evidence_scepticism"),
        ("Nobody knows what 30 years of it does.", "evidence_scepticism"),
        ("And we're supposed to believe a low dose is fine for years?", "dismissal"),
        ("I'll stick with my anti-inflammatory diet and turmeric, thanks.", "comparison"),
    ],
)
def test_long_term_doubt_rhetorical_belief_and_keeping_a_remedy_are_against(text, category):
    found = _counted(about(text), category)
    assert found and all(c.polarity == -1 for c in found), text
    assert about(text).label == "against", text


def test_sticking_with_the_drug_is_no_alternative():
    assert not _counted(about("I'll stick with my baclofen, thanks."), "comparison")


@pytest.mark.parametrize(
    ("text", "turned"),
    [
        ("Stopped it in March. Within a week I felt like myself again.", True),
        ("Off baclofen 6 months now. Still not sleeping, but at least I can think again.", True),
        ("Stopped it in March. This time round I felt like myself again.", False),
        ("Stopped it in March. Then it worked again once I restarted.", False),
    ],
)
def test_an_improvement_in_the_sentence_after_a_stop(text, turned):
    found = _counted(about(text), "efficacy")
    assert found, text
    assert any("after_stop" in c.modifiers for c in found) is turned, text


def test_the_month_of_may_is_no_hedge():
    found = _counted(about("Restarted in May and I felt like myself again."), "efficacy")
    assert found and not any(m.startswith("hedge") for c in found for m in c.modifiers)
    hedged = _counted(about("It may help."), "efficacy")
    assert any(m.startswith("hedge") for c in hedged for m in c.modifiers)


@pytest.mark.parametrize(
    ("text", "category", "polarity"),
    [
        ("Gave it up after about a month.", "discontinuation", -1),
        ("It's the only thing that has ever given me a regular 7 hours.", "evaluation", 1),
        ("Not the miracle I was promised, so I'm sticking with it.", "continuation", 1),
    ],
)
def test_subjectless_stop_the_only_thing_that_gave_me_and_sticking_with_it(
    text, category, polarity
):
    assert [c.polarity for c in _counted(about(text), category)] == [polarity], text


def test_the_only_thing_that_gave_me_a_side_effect_is_no_praise():
    assert not _counted(about("It was the only thing that gave me a rash."), "evaluation")


@pytest.mark.parametrize(
    ("name", "generic"), [("HCQ", "hydroxychloroquine"), ("Traz", "trazodone")]
)
def test_common_short_names_find_their_drug(name, generic):
    drug = lookup_drug(generic)
    assert drug.pattern().search(f"Three months on {name} now."), name


@pytest.mark.parametrize(
    ("text", "category", "polarity"),
    [
        ("Even the article admits nobody really knows how it works.", "evidence_scepticism", -1),
        ("It did help for the first few weeks, then it was like a tic tac.", "efficacy", -1),
        ("What actually fixed my sleep was an 8 week CBT course.", "comparison", -1),
        ("I manage it without any of their drugs.", "comparison", -1),
    ],
)
def test_mechanism_doubt_waning_and_another_way_that_worked(text, category, polarity):
    assert [c.polarity for c in _counted(about(text), category)] == [polarity], text


@pytest.mark.parametrize(
    "text", ["Nobody really knows how it works.", "What finally fixed it was baclofen."]
)
def test_no_efficacy_from_how_it_works_and_no_comparison_when_the_drug_fixed_it(text):
    result = about(text)
    assert not _counted(result, "efficacy"), text
    assert not _counted(result, "comparison"), text


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("I got my BP down 20 points with beetroot juice and garlic.", True),
        ("I got my blood pressure down by cutting out salt.", True),
        ("I got my BP down 20 points with baclofen.", False),
    ],
)
def test_a_measure_brought_down_another_way_is_a_comparison(text, counted):
    found = [c for c in _counted(about(text), "comparison") if c.rule == "cmp_cleared_with"]
    assert bool(found) is counted and all(c.polarity == -1 for c in found), text


# --- session 12: article prose (trial arms, risk reductions, guideline advice) -----------------


def prose(text: str, drug: str = "baclofen", title: str = ""):
    """Return the stance of article prose (not wholly about the drug) toward `drug`."""
    target = lookup_drug(drug)
    return stance_of(text, target, condition=stance.condition_effects(title, target))


def test_symptoms_of_the_condition_in_a_section_not_about_the_drug_are_no_harm():
    text = (
        "Lupus is an autoimmune disease that runs in cycles of flares. "
        "About 9 in 10 people with it are women. Most are diagnosed young. "
        "Fatigue, joint pain, rashes and mouth ulcers are common."
    )
    result = prose(text, "hydroxychloroquine")
    assert not _counted(result, "harm")
    assert [c for c in result.evidence if c.category == "harm"]  # found, just not counted


def test_a_side_effect_list_counts_for_the_article_drug_without_its_name():
    text = (
        "Atorvastatin lowers LDL. It is taken once a day. Most people notice nothing. "
        "Other possible side effects include headache and digestive upset."
    )
    assert _counted(prose(text, "atorvastatin"), "harm")


def test_a_trial_arm_switched_to_placebo_is_no_stop():
    text = "People who were switched to a placebo had more flares than those who kept taking it."
    assert not _counted(prose(text, "hydroxychloroquine"), "discontinuation")
    assert _counted(about("My doctor switched me to gabapentin."), "discontinuation")


@pytest.mark.parametrize(
    "text",
    [
        "Long-term studies have linked hydroxychloroquine with a roughly 50 percent lower risk of death.",
        "Hydroxychloroquine users had a reduced rate of blood clots.",
    ],
)
def test_a_lower_risk_is_the_drugs_benefit_not_a_harm(text):
    result = prose(text, "hydroxychloroquine")
    assert [c.polarity for c in _counted(result, "efficacy")] == [1], text
    assert not _counted(result, "harm"), text


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("The academy suggests that doctors do not use trazodone for chronic insomnia.", -1),
        ("NICE recommends against trazodone for insomnia.", -1),
        ("On trazodone, guidelines recommend CBT-I as the first treatment.", -1),
        ("Guidelines recommend trazodone as the first treatment.", 1),
    ],
)
def test_guideline_advice_against_the_drug_or_for_another_treatment(text, polarity):
    found = _counted(prose(text, "trazodone"), "recommendation")
    assert [c.polarity for c in found] == [polarity], text


def test_advice_against_stopping_is_no_advice_against_the_drug():
    result = prose("The pharmacist advised against stopping trazodone suddenly.", "trazodone")
    assert not [c for c in _counted(result, "recommendation") if c.polarity < 0]


def test_recommending_the_drugs_own_class_first_is_for_the_drug():
    text = "Guidelines recommend a bisphosphonate as the first choice, and alendronate is cheap."
    found = _counted(prose(text, "alendronate"), "recommendation")
    assert [(c.polarity, "own_class" in c.modifiers) for c in found] == [(1, True)]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Trazodone gave no clear increase in total sleep time.", True),
        ("The trial of trazodone found no significant difference in sleep.", True),
        ("Trazodone showed no significant increase in the risk of falls.", False),
    ],
)
def test_no_clear_benefit_in_a_trial_is_no_efficacy(text, counted):
    found = [c for c in _counted(prose(text, "trazodone"), "efficacy") if c.rule == "eff_none"]
    assert bool(found) is counted, text


def test_a_title_for_sleep_makes_insomnia_the_condition():
    title = "Trazodone for Sleep: What the Evidence Says"
    assert "insomnia" in stance.condition_effects(title, lookup_drug("trazodone"))
    text = "Insomnia affects one adult in ten, and trazodone is often given."
    assert not _counted(prose(text, "trazodone", title), "harm")
    assert _counted(prose(text, "trazodone"), "harm")  # without the title it reads as a harm


def test_talking_people_out_of_it_is_advice_against_and_no_drowsiness():
    result = about("Pharmacist here. Honestly I talk a fair few people out of it.")
    assert [c.rule for c in _counted(result, "recommendation")] == ["rec_talk_out"]
    assert not _counted(result, "harm")
    assert _counted(about("I was totally out of it for two days."), "harm")


def test_would_have_lost_weight_anyway_doubts_the_drug():
    text = "I suspect the people who do best would have lost weight anyway."
    found = _counted(about(text), "evidence_scepticism")
    assert [(c.rule, c.polarity) for c in found] == [("scep_anyway", -1)]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("My rheumatologist said absolutely not, stay on it.", 1),
        ("My rheumatologist said not to stay on it.", -1),
    ],
)
def test_a_negation_ends_at_a_comma(text, polarity):
    assert [c.polarity for c in _counted(about(text), "continuation")] == [polarity], text


@pytest.mark.parametrize(
    ("text", "worse"),
    [
        ("A dry tickly cough that would not stop, worse at night.", False),
        ("It made my legs worse.", True),
        ("My legs got worse on it.", True),
    ],
)
def test_a_symptom_worse_at_night_is_no_worsening_by_the_drug(text, worse):
    found = [c for c in _counted(about(text), "efficacy") if c.rule == "eff_worse"]
    assert bool(found) is worse, text


def test_another_treatment_doing_more_in_the_long_run_is_against():
    text = "But honestly, if you can get CBT, it does more in the long run than baclofen."
    found = _counted(about(text), "comparison")
    assert [(c.rule, c.polarity) for c in found] == [("cmp_more_than", -1)]


def test_another_remedys_improvement_is_not_the_drugs():
    text = "Three months of B12 injections and the tingling is 80 percent better."
    result = stance_of(text, lookup_drug("metformin"), about_drug=True)
    found = [c for c in result.evidence if c.rule == "eff_percent_better"]
    assert found and found[0].weight == 0 and "off_target:other_remedy:b12" in found[0].modifiers


@pytest.mark.parametrize(
    ("text", "harms"),
    [
        ("100mg knocked me out and I slept 8 hours.", []),
        ("It knocked me out but I was groggy the next morning.", ["groggy"]),
        ("I was drowsy all day at work.", ["drowsy"]),
    ],
)
def test_sleepiness_is_the_aim_of_a_drug_for_insomnia_unless_it_lasts_into_the_day(text, harms):
    trazodone = lookup_drug("trazodone")
    condition = stance.condition_effects("Trazodone for Sleep", trazodone)
    result = stance_of(text, trazodone, about_drug=True, condition=condition)
    assert [c.text for c in _counted(result, "harm")] == harms, text
    # on a drug taken for something else the same sleepiness is a harm
    gabapentin = lookup_drug("gabapentin")
    other = stance_of(text, gabapentin, True, stance.condition_effects("For Sciatica", gabapentin))
    assert _counted(other, "harm"), text


def test_the_conditions_symptoms_are_no_harm_of_the_drug():
    betahistine = lookup_drug("betahistine")
    condition = stance.condition_effects("Betahistine for Ménière's Disease", betahistine)
    text = "Three years on it and the dizziness and tinnitus are as bad as ever."
    assert not _counted(stance_of(text, betahistine, True, condition), "harm")
    assert _counted(stance_of(text, betahistine, True), "harm")  # without the title: harms


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("TXA is fine as a stopgap but it's not in the same league.", True),
        ("It isn't a patch on the coil.", True),
        ("It's in the same league as the coil.", False),
    ],
)
def test_not_in_the_same_league_is_a_comparison_against(text, found):
    cues = [c for c in _counted(about(text), "comparison") if c.rule == "cmp_not_same_league"]
    assert bool(cues) is found and all(c.polarity == -1 for c in cues), text


@pytest.mark.parametrize(
    ("text", "rule", "category", "polarity"),
    [
        (
            "The placebo group got better by exactly as much as the baclofen groups did.",
            "scep_placebo_as_much",
            "evidence_scepticism",
            -1,
        ),
        (
            "Restless legs very often quietens down by itself after a few years.",
            "scep_natural_course",
            "evidence_scepticism",
            -1,
        ),
        ("It has never once stopped an actual attack.", "eff_failed_prevent", "efficacy", -1),
        ("Lately though it's like taking Smarties.", "eff_like_sweets", "efficacy", -1),
        ("He's back on it now and settled again.", "cont_back_on", "continuation", 1),
        ("Low salt did far more for my RLS's than baclofen.", "cmp_more_than", "comparison", -1),
    ],
)
def test_session_12_cues(text, rule, category, polarity):
    found = [c for c in _counted(about(text), category) if c.rule == rule]
    assert [c.polarity for c in found] == [polarity], text


@pytest.mark.parametrize(
    "text",
    [
        "It will not prevent the next flare, because it does not lower uric acid.",
        "I wasted 2 years being told to keep taking the tablets.",
    ],
)
def test_a_stated_limit_or_being_told_is_no_failure_or_continuation(text):
    result = about(text)
    assert not [c for c in result.evidence if c.rule in {"eff_failed_prevent", "cont_still"}]


def test_an_acronym_is_no_misspelt_side_effect():
    from analysis.effects import find_effects

    assert not find_effects("That is precisely why BEMED had a placebo group.")
    assert [m.effect for m in find_effects("I GOT TERRIBLE DIAHREA FROM IT")] == ["diarrhea"]


@pytest.mark.parametrize(
    ("text", "rule", "category", "polarity"),
    [
        ("nothing life changing. back on ropinirole now.", "cmp_back_on_other", "comparison", -1),
        ("Requip does just as good a job for me.", "cmp_other_as_good", "comparison", -1),
        ("Took it for 7 months. Nothing. Not a flicker.", "eff_not_a_flicker", "efficacy", -1),
        (
            "The trials for restless legs were negative.",
            "scep_trials_negative",
            "evidence_scepticism",
            -1,
        ),
        (
            "A year on it and the most stable I've been in years.",
            "eff_best_ive_been",
            "efficacy",
            1,
        ),
        ("He's calmer and gets up in the mornings now.", "eff_calmer", "efficacy", 1),
    ],
)
def test_session_12_cues_after_the_round(text, rule, category, polarity):
    found = [c for c in _counted(about(text), category) if c.rule == rule]
    assert [c.polarity for c in found] == [polarity], text


@pytest.mark.parametrize("text", ["I'm back on my feet now.", "Back on track at work."])
def test_back_on_without_another_drug_is_no_comparison_nor_frame(text):
    from analysis.frames import frames_of

    result = about(text)
    assert not _counted(result, "comparison"), text
    labels = {f.frame for f in frames_of(text, BACLOFEN, result.evidence).labels}
    assert "alternative_remedy_or_cause" not in labels, text


@pytest.mark.parametrize("text", ["Dental work always sets one off.", "My blood work is normal."])
def test_dental_and_blood_work_are_no_efficacy(text):
    assert not [c for c in _counted(about(text), "efficacy") if c.rule == "eff_work"], text


@pytest.mark.parametrize(
    ("text", "against"),
    [
        ("I feel so much better since I stopped it.", True),
        ("My legs are calmer now that I'm off it.", True),
        ("After being off this medication for a few weeks now, I feel so much better.", True),
        ("I feel better since I stopped drinking.", False),  # a habit, not the drug
        ("It helped once I got the dose right.", False),  # no stop at all
    ],
)
def test_an_improvement_dated_from_the_stop_is_against_the_drug(text, against):
    effic = _counted(about(text), "efficacy")
    assert effic, text
    assert all(c.polarity < 0 for c in effic) is against, text


@pytest.mark.parametrize(
    "text",
    [
        "I felt so much better within a week.",
        "Felt loads better on the second day.",
        "I feel a bit better at night now.",
    ],
)
def test_feeling_better_with_any_amount_is_efficacy(text):
    effic = _counted(about(text), "efficacy")
    assert effic and all(c.polarity > 0 for c in effic), text


@pytest.mark.parametrize(
    "text",
    [
        "The trial found no significant increase in side effects with baclofen.",
        "There was no significant increase in headaches on baclofen.",
        "No real difference in the rate of drowsiness versus placebo.",
    ],
)
def test_a_harm_said_not_to_rise_is_neither_harm_nor_failure(text):
    result = about(text)
    assert not [c for c in _counted(result, "harm") if c.polarity < 0], text
    assert not [c for c in _counted(result, "efficacy") if c.polarity < 0], text


def test_no_rise_in_a_benefit_is_still_no_effect():
    effic = _counted(
        about("There was no significant increase in sleep time on baclofen."), "efficacy"
    )
    assert effic and all(c.polarity < 0 for c in effic)


@pytest.mark.parametrize(
    "text",
    [
        "I had nausea for the first week but it went away.",
        "Headaches at first, which subsided after a few days.",
        "Most side effects disappeared after a month.",
    ],
)
def test_a_side_effect_that_went_away_weighs_less(text):
    harms = [c for c in about(text).evidence if c.category == "harm" and c.polarity < 0]
    assert harms and all("passed" in c.modifiers for c in harms), text


def test_a_condition_that_went_away_does_not_excuse_a_side_effect():
    text = "Nausea was bad but my migraines went away."
    harms = [c for c in _counted(about(text), "harm") if c.polarity < 0]
    assert harms and not any("passed" in c.modifiers for c in harms)


def test_an_effect_for_the_first_week_is_not_the_treated_symptom():
    harms = _counted(about("I had nausea for the first week and then none."), "harm")
    assert [c.text for c in harms if c.polarity < 0] == ["nausea"]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("It cleared my acne in a month.", 1),  # the relieved symptom does not hide the praise
        ("Regulated my cycle and relieved the cramps.", 1),
        ("It never really reduced my pain.", -1),
        ("They lowered the dose.", 0),  # a dose, not a symptom
        ("It reduced my sex drive.", 0),  # a lost function is a side effect, not relief
    ],
)
def test_what_the_drug_reduced_or_cleared_is_efficacy(text, polarity):
    effic = _counted(about(text), "efficacy")
    assert [c.polarity for c in effic][:1] == ([polarity] if polarity else []), text


@pytest.mark.parametrize(
    "text",
    [
        "I don't believe I had any side effects.",
        "I did not seem to have any side effects from using it.",
        "Never had any problems or side effects with it.",
    ],
)
def test_a_negator_governs_any_side_effects_however_far_back(text):
    harms = _counted(about(text), "harm")
    assert harms and all(c.polarity > 0 for c in harms), text


def test_a_turn_ends_the_denial():
    harms = _counted(about("I didn't expect it but I had terrible side effects."), "harm")
    assert harms and all(c.polarity < 0 for c in harms)


@pytest.mark.parametrize(
    ("text", "limited"),
    [
        ("Extended use is not recommended.", True),
        ("It is not recommended for long-term use.", True),
        ("Not recommended for people with kidney disease.", True),
        ("I wouldn't recommend it for anyone.", False),
    ],
)
def test_advice_limiting_use_is_no_verdict(text, limited):
    (rec,) = _counted(about(text), "recommendation")
    assert rec.polarity < 0
    assert any(m.startswith("subgroup") for m in rec.modifiers) is limited, text


@pytest.mark.parametrize(
    "text",
    ["The tiredness still hadn't subsided after a month.", "My libido was gone."],
)
def test_an_effect_that_went_on_or_a_lost_function_did_not_pass(text):
    harms = _counted(about(text), "harm")
    assert harms and all(c.polarity < 0 and "passed" not in c.modifiers for c in harms), text


@pytest.mark.parametrize(
    ("text", "favours"),
    [
        ("my joints are genuinely better", True),
        ("My numbers have never been better.", True),
        ("my hair is noticeably thicker", True),
        ("My mood was better before I started it.", False),
        ("my skin isn't any better", False),
    ],
)
def test_a_part_of_the_writer_that_is_better_is_efficacy(text, favours):
    effic = [c for c in _counted(about(text), "efficacy") if c.polarity > 0]
    assert bool(effic) is favours, text


def test_a_quoted_label_is_not_the_writers_praise():
    result = about('oh great another "well tolerated" pill.')
    assert not _counted(result, "evaluation")


def test_a_retracted_sentence_turns_its_cues():
    found = _counted(about("wonderful stuff, would definitely recommend (not)"), "recommendation")
    assert found and all(c.polarity < 0 and "retracted" in c.modifiers for c in found)


@pytest.mark.parametrize(
    ("text", "category", "polarity"),
    [
        ("didnt notice any difference in the anxiety either", "efficacy", -1),
        ("7.5 twice a day, lasted about 10 days before i gave up.", "discontinuation", -1),
        ("On balance I'm carrying on.", "continuation", 1),
        ("Two months on it and I'm back in range.", "efficacy", 1),
        ("zero side effects except my eyebrows got bushier", "harm", 1),
    ],
)
def test_everyday_verdicts_from_probes15(text, category, polarity):
    found = _counted(about(text), category)
    assert found and all(c.polarity == polarity for c in found), text


def test_no_change_in_a_function_is_no_failed_treatment():
    assert not _counted(about("I didn't notice any change in my libido."), "efficacy")


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("I stopped taking it and the pain came back.", 1),
        (
            "Came off it when I moved to Spain and couldn't get it prescribed there, and within "
            "two months the panic was back.",
            1,
        ),
        ("Been on it a year and the pain came back anyway.", -1),  # waning while on it
    ],
)
def test_the_condition_returning_after_a_stop_speaks_for_the_drug(text, polarity):
    found = [c for c in _counted(about(text), "efficacy") if c.rule == "eff_relapse"]
    assert found and all(c.polarity == polarity for c in found), text


def test_a_stop_because_the_writer_moved_is_no_verdict():
    text = "Came off it when I moved abroad and couldn't get it prescribed there."
    assert not _counted(about(text), "discontinuation")


def test_back_to_normal_is_no_relapse():
    found = _counted(about("Came off it and within 6 weeks it was back to normal."), "efficacy")
    assert not [c for c in found if c.rule == "eff_relapse"]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Significant reduction in pain and stiffness within 24 hours.", 1),
        ("Complete halt of pain in the foot within 3 weeks.", 1),
        ("There was no reduction in my headaches.", -1),
        ("I experienced less depression and fewer panic attacks.", 1),
        ("Reduced acne.", 1),
        ("Typically one tablet gets rid of the headache.", 1),
        ("This drug finally made a difference with my anxiety.", 1),
        ("It made no difference to my pain.", -1),  # "no difference" is failure, not "a difference"
    ],
)
def test_relief_named_as_a_noun_or_a_reduction_is_efficacy(text, polarity):
    effic = _counted(about(text), "efficacy")
    assert [c.polarity for c in effic][:1] == ([polarity] if polarity else []), text


@pytest.mark.parametrize(
    "text",
    [
        "Significant reduction in pain, stiffness and swelling.",
        "Lessening of depression, anxiety and aggression.",
    ],
)
def test_a_relieved_list_is_relief_not_side_effects(text):
    result = about(text)
    assert _counted(result, "efficacy")
    assert not [c for c in _counted(result, "harm") if c.polarity < 0]


@pytest.mark.parametrize(
    ("text", "favours"),
    [
        ("I was able to focus and get things done.", True),
        ("I wasn't able to sleep at all.", False),
        ("I no longer have panic attacks.", True),
        ("I haven't had a seizure since.", True),
        ("I don't get the migraines anymore.", True),
        ("I have very few racing heart episodes since starting it.", True),
        ("Increased concentration and attention span.", True),
        (
            "I haven't had a flare in 5 years.",
            False,
        ),  # a symptom-free spell told of a diet as often
    ],
)
def test_what_the_writer_can_do_or_no_longer_has_is_efficacy(text, favours):
    effic = [c for c in _counted(about(text), "efficacy") if c.polarity > 0]
    assert bool(effic) is favours, text


@pytest.mark.parametrize(
    "text",
    [
        "Half the 'benefit' in these trials is placebo.",
        "It's mostly placebo.",
        "The headline doesn't match the numbers.",
    ],
)
def test_placebo_and_headline_doubts_are_evidence_scepticism(text):
    assert _counted(about(text), "evidence_scepticism"), text


def test_a_placebo_controlled_trial_is_no_scepticism():
    assert not _counted(about("This is a placebo-controlled trial."), "evidence_scepticism")


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Completely stopped hot flashes and night sweats.", 1),
        ("Moderately dulled the pain of a collar bone injury.", 1),
        ("It did not stop the pain.", -1),
        ("I was prescribed it to prevent migraines.", 0),  # a purpose, not a result
        ("Significant remission from a major depressive disorder.", 1),
        ("I went into remission after six months.", 1),
        ("There is little evidence on when to stop once the disease is in remission.", 0),
    ],
)
def test_a_stopped_symptom_or_a_remission_is_efficacy(text, polarity):
    effic = _counted(about(text), "efficacy")
    assert [c.polarity for c in effic][:1] == ([polarity] if polarity else []), text


def test_a_hell_of_a_long_time_is_no_verdict():
    result = about("I felt better than I had felt for a hell of a long time.")
    assert not _counted(result, "evaluation")


@pytest.mark.parametrize(
    "text",
    [
        "When I stopped taking it my anxiety came back.",
        "I came off it and the panic attacks returned within a month.",
    ],
)
def test_a_stop_told_as_the_test_that_it_worked_weighs_less(text):
    result = about(text)
    stops = _counted(result, "discontinuation")
    assert stops and all("before_relapse" in c.modifiers for c in stops)
    assert result.label == "favor", text


def test_a_stop_with_nothing_good_leaves_the_band_for_against():
    contribution = stance_model.Contribution("relief", 0, 6, 0.1)
    undecided = stance_model.ModelScore(
        {"favor": 0.55, "mixed": 0.05, "against": 0.40}, (contribution,), 40
    )
    stopped = "Lasted three weeks. Dry mouth and constipation, so I stopped it."
    cues = stance_of(stopped, BACLOFEN, about_drug=True, method="rules").evidence
    label, score = stance.combine(cues, undecided)
    band = stance.blend_settings()
    assert band["against_threshold"] < score < band["favor_threshold"]  # in the mixed band
    assert label == "against"
    # without the writer's stop, the same model view stays undecided
    unstopped = "Dry mouth and constipation for three weeks."
    cues = stance_of(unstopped, BACLOFEN, about_drug=True, method="rules").evidence
    assert stance.combine(cues, undecided)[0] != "against"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Could not tell the difference from the arnica cream.", "efficacy"),
        ("Its basically overpriced hand cream.", "dismissal"),
        ("It's an expensive placebo.", "dismissal"),
        ("Oh brilliant, another miracle cure for fibro.", "evidence_scepticism"),
        ("I got handed the tablets and shown the door.", "distrust"),
        ("Three GPs, and every time I got fobbed off with more baclofen.", "distrust"),
    ],
)
def test_everyday_verdicts_from_probes16(text, category):
    cues = _counted(about(text), category)
    assert cues and all(c.polarity < 0 for c in cues), text


def test_a_played_down_return_leaves_the_stop_its_weight():
    result = about(
        "Stopped it in March, the eczema came back within 6 weeks but at least I can see."
    )
    stops = _counted(result, "discontinuation")
    assert stops and not any("before_relapse" in c.modifiers for c in stops)
    assert [c for c in _counted(result, "efficacy") if "relapse_after_stop" in c.modifiers]
