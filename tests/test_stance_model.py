"""The learned stance model: readable weights, sklearn-free scoring, evidence spans, reproducibility."""

from __future__ import annotations

import hashlib
import json
import sys
import warnings
from pathlib import Path

import pytest

from analysis import stance, stance_model
from analysis.drugs import DrugTarget
from analysis.paths import SHARED_DIR

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
DRUG = DrugTarget(generic="examplor", brands=("Exampla",))  # a drug the model never saw

POSITIVE = (
    "Examplor worked wonderfully for my back pain. Within a week the pain was almost gone and I "
    "had no side effects at all. I sleep well again and would highly recommend it."
)
NEGATIVE = (
    "Examplor did nothing for my pain and the side effects were horrible. I was dizzy and "
    "nauseous every day, gained weight, and stopped taking it after two weeks. Waste of money."
)


def test_weights_table_loads_and_matches_its_settings():
    meta = json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))
    model = stance_model.load_model()
    assert model.classes == stance_model.CLASSES == tuple(meta["classes"])
    assert len(model.idf) == meta["n_features"] > 1000
    digest = hashlib.sha256(stance_model.WEIGHTS_FILE.read_bytes()).hexdigest()
    assert digest == meta["weights_sha256"]
    assert "Gr" in meta["citation"] and meta["licence"] == "CC BY 4.0"
    assert {"rule_weight", "favor_threshold", "against_threshold"} <= set(meta["blend"])
    assert not any(
        name.endswith((".pkl", ".joblib"))
        for name in map(str, Path(stance_model.WEIGHTS_FILE).parent.iterdir())
    )


@pytest.mark.parametrize("method", ["model", "blend"])
def test_clear_reviews_of_an_unseen_drug(method):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        good = stance.stance_of(POSITIVE, DRUG, about_drug=True, method=method)
        bad = stance.stance_of(NEGATIVE, DRUG, about_drug=True, method=method)
    assert good.label == "favor" and good.score > 0
    assert bad.label == "against" and bad.score < 0


def test_learned_evidence_slices_back_and_is_capped():
    result = stance.stance_of(NEGATIVE, DRUG, about_drug=True)
    learned = [c for c in result.evidence if c.category == stance.LEARNED]
    assert 0 < len(learned) <= stance.TOP_K
    for cue in learned:
        assert NEGATIVE[cue.start : cue.end] == cue.text
        assert cue.polarity in (-1, 1) and cue.weight > 0 and cue.rule.startswith("model:")
    assert sum(c.polarity for c in learned) < 0


def test_negation_marking_and_drug_token():
    text = "Exampla didn't help, but it works now."
    names = [m.span() for m in DRUG.pattern().finditer(text)]
    found = {f.name: text[f.start : f.end] for f in stance_model.features(text, None, names)}
    assert found["_drug_"] == "Exampla"
    assert found["not_help"] == "help"
    assert found["didn't not_help"] == "didn't help"
    assert "not_works" not in found  # the comma and "but" end the negation scope
    assert "help it" not in found and "not_help it" not in found


def test_scoring_matches_sklearn_and_training_is_deterministic(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    import train_stance_model as train

    docs = [
        ["great", "worked", "worked great"],
        ["awful", "not_help", "dizzy"],
        ["ok", "dizzy", "worked"],
        ["great", "no", "not_dizzy"],
        ["awful", "stopped", "dizzy"],
        ["ok", "some", "worked"],
    ] * 3
    labels = ["favor", "against", "mixed", "favor", "against", "mixed"] * 3
    train.MIN_DF = 1
    digests = []
    for run in ("a", "b"):
        vectorizer, model = train.fit(docs, labels, 1.0)
        out = tmp_path / run
        weights, settings = train.write_model(out, vectorizer, model, {"blend": {}})
        digests.append(hashlib.sha256(weights.read_bytes()).hexdigest())
        assert train.check_scoring(weights, settings, vectorizer, model, docs) < 1e-5
    assert digests[0] == digests[1]


def test_char_ngrams_match_sklearn_char_wb():
    from collections import Counter

    from sklearn.feature_extraction.text import CountVectorizer

    text = "Exampla did not help my pain, a I ok."
    found = stance_model.features(text, None, [(0, 7)])
    tokens = [f.name for f in found if " " not in f.name]
    ours = stance_model.char_features(found, (2, 5))
    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False)
    expected = Counter(analyzer.build_analyzer()(" ".join(tokens)))
    assert Counter(f.name.removeprefix(stance_model.CHAR_PREFIX) for f in ours) == expected
    spans = {(f.start, f.end) for f in found if " " not in f.name}
    assert {(f.start, f.end) for f in ours} == spans  # each n-gram points at its word


def test_word_and_char_blocks_score_like_sklearn(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    import train_stance_model as train

    words = [["great", "worked"], ["awful", "not_help"], ["ok", "worked"]] * 4
    docs = []
    for d in words:
        found = [stance_model.Feature(w, 0, 0) for w in d]
        docs.append(d + [f.name for f in stance_model.char_features(found, (2, 5))])
    labels = ["favor", "against", "mixed"] * 4
    train.MIN_DF = 1
    vectorizer, model = train.fit(docs, labels, 1.0)
    assert isinstance(vectorizer, train.BlockVectorizer)
    weights, settings = train.write_model(tmp_path, vectorizer, model, {"blend": {}})
    assert json.loads(settings.read_text(encoding="utf-8"))["char_ngrams"] == list(
        train.CHAR_NGRAMS
    )
    assert train.check_scoring(weights, settings, vectorizer, model, docs) < 1e-5


@pytest.mark.skipif(
    not (SHARED_DIR / "data" / "druglib_train.csv").exists(), reason="Druglib data not present"
)
def test_retraining_reproduces_the_shipped_weights(tmp_path):
    """Retrain on the Druglib dev half with the shipped C and blend: the same bytes come out."""
    sys.path.insert(0, str(BENCHMARKS))
    import train_stance_model as train

    train.MIN_DF = json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))["min_df"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert train.main(["--out", str(tmp_path), "--keep-blend"]) == 0
    shipped = stance_model.WEIGHTS_FILE.read_bytes()
    assert (tmp_path / stance_model.WEIGHTS_FILE.name).read_bytes() == shipped


def test_import_analysis_stays_light():
    import subprocess

    code = "import sys, analysis.stance; print('sklearn' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_negation_scope_is_a_parameter():
    text = "It did not help my pain or my sleep at all. Fine."
    default = {f.name for f in stance_model.features(text)}
    assert {"not_help", "not_my", "not_pain"} <= default and "not_or" not in default
    to_punct = {f.name for f in stance_model.features(text, negation_scope=None)}
    assert {"not_or", "not_sleep", "not_all"} <= to_punct
    assert "not_fine" not in to_punct and "fine" in to_punct  # the full stop ends the scope
    one = {f.name for f in stance_model.features(text, negation_scope=1)}
    assert "not_help" in one and "my" in one and "not_my" not in one


def _variants_module():
    sys.path.insert(0, str(BENCHMARKS))
    import stance_model_variants

    return stance_model_variants


def test_view_features_stop_filter():
    sys.path.insert(0, str(BENCHMARKS))
    import train_stance_model as train

    text = "It was in my head. Great relief."
    view = [(text, [(0, len(text))], [])]
    kept = set(train.view_features(view, stop_filter=False)[0])
    filtered = set(train.view_features(view)[0])
    assert {"it was", "in my", "great relief"} <= kept
    assert "it was" not in filtered and "in my" not in filtered and "great relief" in filtered
    assert filtered < kept


def test_variant_study_starts_from_the_shipped_settings():
    variants = _variants_module()
    meta = json.loads(stance_model.SETTINGS_FILE.read_text(encoding="utf-8"))
    shipped = variants.VARIANTS[0]
    assert shipped.name == "shipped"
    assert (shipped.c, shipped.min_df, shipped.ngram_max, shipped.negation_scope) == (
        meta["C"],
        meta["min_df"],
        meta["ngram_max"],
        meta["negation_scope"],
    )
    assert shipped.class_weight == meta["class_weight"]
    chars = tuple(meta["char_ngrams"]) if meta.get("char_ngrams") else None
    assert shipped.char_ngrams == chars and shipped.nb_scale is None
    assert len({v.name for v in variants.VARIANTS}) == len(variants.VARIANTS)


def test_variant_verdict_needs_both_schemes():
    import pandas as pd

    variants = _variants_module()
    rows = []
    for name, strat, by_drug in (("shipped", 0.5, 0.5), ("a", 0.6, 0.4), ("b", 0.6, 0.52)):
        for cv, value in (("stratified", strat), ("by_drug", by_drug)):
            rows.append(
                {
                    "variant": name,
                    "cv": cv,
                    "blend_three_class": value,
                    "blend_favor_vs_against": 0.7,
                }
            )
    verdict = variants.verdict(pd.DataFrame(rows))
    assert verdict.tolist() == [False, False, False, False, True, True]


def test_variant_out_of_fold_scores_every_row_once():
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    variants = _variants_module()
    docs = [["great", "worked"], ["awful", "dizzy"], ["ok", "some"]] * 10
    gold = np.array(["favor", "against", "mixed"] * 10)
    y = {"gold": gold, "rating": np.array([9.0, 2.0, 5.0] * 10)}
    splits = list(StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(30), gold))
    chars = [[f"#{w}" for w in d] for d in docs]
    for extra in ({}, {"nb_scale": "max_one_vs_rest"}, {"nb_scale": "one_vs_rest"}):
        shipped = variants.Variant("t", "test", min_df=1, **extra)
        probs = variants.out_of_fold(shipped, docs, chars, y, splits, None)
        assert probs.shape == (30, 3) and np.allclose(probs.sum(axis=1), 1.0)
        assert (probs.argmax(axis=1) == np.array([0, 2, 1] * 10)).all()
    ridge = variants.out_of_fold(
        variants.Variant("r", "test", min_df=1, head="ridge", char_ngrams=None),
        docs,
        None,
        y,
        splits,
        None,
    )
    assert ridge.shape == (30,) and (ridge[::3] > 0).all() and (ridge[1::3] < 0).all()
