"""Agreement between coded and automatic stance: kappa on a hand-computed confusion, the undefined
case, input layouts, and the `python -m analysis agreement` command on the seed coding."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.agreement import LABELS, agreement, agreement_main, cohen_kappa
from analysis.cli import main
from analysis.paths import DATA_DIR

CODING = DATA_DIR / "coding" / "seed_stance_coding.csv"
SEED = "baclofen-restless-leg-syndrome"

# Ten comments. Human: favor x4, against x3, neutral x2, mixed x1; automatic: favor x4 (one of them
# a human neutral), against x3 (one a human favor), neutral x2 (one a human against), mixed x1.
HUMAN = ["favor"] * 4 + ["against"] * 3 + ["neutral"] * 2 + ["mixed"]
AUTO = (
    ["favor"] * 3 + ["against"] + ["against"] * 2 + ["neutral"] + ["neutral", "favor"] + ["mixed"]
)
# By hand: p_o = 7/10; p_e = (4*4 + 3*3 + 2*2 + 1*1) / 100 = 0.30; kappa = 0.4 / 0.7 = 4/7.


def long(labels, unit="comment"):
    return pd.DataFrame(
        {
            "article_id": "a",
            "unit": unit,
            "id": [str(i) for i in range(1, len(labels) + 1)],
            "stance": labels,
        }
    )


def test_kappa_by_hand():
    result = agreement(long(HUMAN), long(AUTO))
    assert result.n == 10
    assert result.kappa == pytest.approx(4 / 7)
    assert result.percent == pytest.approx(70.0)


def test_confusion_by_hand():
    confusion = agreement(long(HUMAN), long(AUTO)).confusion
    assert list(confusion.index) == list(LABELS)
    assert list(confusion.columns) == list(LABELS)
    expected = {
        ("favor", "favor"): 3,
        ("favor", "against"): 1,
        ("against", "against"): 2,
        ("against", "neutral"): 1,
        ("neutral", "neutral"): 1,
        ("neutral", "favor"): 1,
        ("mixed", "mixed"): 1,
    }
    for human in LABELS:
        for auto in LABELS:
            assert confusion.loc[human, auto] == expected.get((human, auto), 0), (human, auto)


def test_kappa_undefined_when_both_use_one_label():
    result = agreement(long(["against"] * 4), long(["against"] * 4))
    assert math.isnan(result.kappa)
    assert result.percent == 100.0
    assert "undefined" in result.format()


def test_kappa_zero_when_raters_use_different_single_labels():
    # p_o = 0, p_e = 0: defined, and zero
    assert cohen_kappa(["against"] * 3, ["favor"] * 3) == 0.0


def test_kappa_negative_for_systematic_disagreement():
    assert cohen_kappa(["favor", "against"], ["against", "favor"]) == pytest.approx(-1.0)


def test_comments_layout_and_unit_filter():
    human = pd.concat([long(["favor", "against"]), long(["mixed"], unit="article")])
    auto = pd.DataFrame(
        {"article_id": ["a", "a"], "comment_id": [1, 2], "stance": ["favor", "favor"]}
    )
    result = agreement(human, auto, unit="comment")
    assert result.n == 2
    assert result.percent == 50.0
    # the article row has no automatic partner and is not compared
    assert agreement(human, auto).n == 2


def test_ids_match_across_int_and_float_spellings():
    human = long(["favor", "against"])
    auto = pd.DataFrame(
        {"article_id": ["a", "a"], "comment_id": ["1.0", "2.0"], "stance": ["favor", "against"]}
    )
    assert agreement(human, auto).n == 2


def test_unknown_label_is_an_error():
    with pytest.raises(ValueError, match="unknown stance label"):
        agreement(long(["favor"]), long(["positive"]))


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_on_seed_coding(tmp_path, capsys):
    # hand-written automatic labels for the four seed comments: 3 against, comment 3 mixed
    auto = write(
        tmp_path,
        "comments.csv",
        f"article_id,comment_id,stance\n{SEED},1,against\n{SEED},2,against\n"
        f"{SEED},3,mixed\n{SEED},4,against\n",
    )
    assert main(["agreement", str(CODING), str(auto)]) == 0
    out = capsys.readouterr().out
    # human: 4 x against; auto: 3 against, 1 mixed -> p_o = 0.75, p_e = (4*3)/16 = 0.75, kappa 0
    assert "n: 4" in out
    assert "Cohen's kappa: 0.000" in out
    assert "75.0%" in out
    assert "rows: human, columns: automatic" in out


def test_cli_long_layout_with_unit(tmp_path, capsys):
    auto = write(
        tmp_path,
        "auto.csv",
        "article_id,unit,id,stance\n"
        f"{SEED},article,{SEED},favor\n{SEED},section,1,neutral\n{SEED},section,2,neutral\n"
        f"{SEED},section,3,favor\n{SEED},section,4,mixed\n{SEED},section,5,against\n",
    )
    assert agreement_main([str(CODING), str(auto), "--unit", "section"]) == 0
    out = capsys.readouterr().out
    assert "unit: section" in out
    assert "n: 5" in out
    assert "80.0%" in out
    # human neutral x2, favor x2, against x1; auto neutral x2, favor x1, mixed x1, against x1
    # p_o = 0.8, p_e = (2*2 + 2*1 + 1*1 + 0*1) / 25 = 0.28, kappa = 0.52 / 0.72
    kappa = float(out.split("Cohen's kappa: ")[1].split()[0])
    assert kappa == pytest.approx(0.52 / 0.72, abs=1e-3)


def test_cli_missing_column_exits_2(tmp_path, capsys):
    auto = write(tmp_path, "comments.csv", f"article_id,comment_id,label\n{SEED},1,against\n")
    assert agreement_main([str(CODING), str(auto)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "missing column" in err and "stance" in err


def test_cli_missing_file_exits_2(tmp_path, capsys):
    assert agreement_main([str(CODING), str(tmp_path / "nope.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_help_names_the_command(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["agreement", "--help"])
    assert stop.value.code == 0
    assert "python -m analysis agreement" in capsys.readouterr().out
