"""Article claims and how the comments bear on them: claims.csv and alignment.csv.

Claims (`claims_table`): every article sentence is one claim. Its type is decided by a transparent
cue lexicon (`analysis/data/claim_cues.csv`): each cue is a regex with a type, a weight and,
for efficacy/evidence cues, a polarity. Matches never overlap (the longest wins, so "to minimise
the risk of withdrawal" is advice, not a risk; "investigate the effectiveness" is evidence, not
efficacy). Side-effect mentions from `analysis.effects` (effects.csv) count as side_effect_or_risk
cues of weight 1. Cues marked `needs_drug` count only when the sentence refers to the drug (names
it, or says "it"/"the medication" right after a sentence that names it); mechanism cues also count
in the sentence right after a mechanism sentence, which continues the explanation. The type with
the highest total wins; ties go to side_effect_or_risk > efficacy > mechanism > evidence > advice;
no cue means background. `efficacy_polarity` (efficacy, evidence and mechanism claims only) is
`limited` when a limitation cue is present or positive and negative cues meet, else `negative` or
`positive` from the efficacy cues, else `none`. `hedged` is any hedge cue (may, might, is thought
to, believed, potential ...).

Alignment (`alignment_table`), one row per (claim, effect, comment) so a chart can count rows:

* Side-effect claims (claim_type side_effect_or_risk with effects): one claim unit per named
  effect. A comment corroborates when it reports the same canonical effect, affirmed and not
  hypothetical (basis: first-hand for experiencer self, observed in others, or described as a
  general experience), or acknowledges it as a real risk (a hypothetical mention in a sentence that
  also carries a counted harm cue of analysis.stance, e.g. "the risks of dependence ... are not
  trivial"). It contradicts when it denies the effect ("no drowsiness at all"). A claim that
  denies an effect ("does not cause weight gain") has these relations swapped.
* Efficacy claims (positive, limited or negative polarity): the comment's own outcome
  (analysis.experience: relief/partial supports efficacy, none/worse disputes it) decides first;
  then the net weight of its counted stance cues about efficacy (efficacy, comparison, dismissal,
  evidence_scepticism); then a discontinued outcome disputes it; then a `favor` stance supports
  it. An `against` stance alone does not dispute efficacy: it may rest on side effects only.
  Support corroborates a positive or limited claim and contradicts a negative one; dispute the
  reverse.
* Evidence claims with limited polarity ("these studies are limited"): corroborated by a comment
  with a counted evidence_scepticism cue.
* Anything else is `not_addressed`. Effects reported in comments (affirmed, not hypothetical) that
  no article sentence mentions give `not_in_article` rows with empty claim columns.

Inputs come from earlier components when present (`tables.extra["effects"]`,
`tables.extra["stance_evidence"]`, `tables.comments` stance/outcome columns); when absent they are
computed with those components' public functions (`effects.effects_table`, `stance.find_cues`,
`stance.decide`, `experience.experience_of`), never with a lexicon of this module.
See docs/claims.md.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import PACKAGE_DATA

if TYPE_CHECKING:
    import pandas as pd

    from .drugs import DrugTarget
    from .model import PageTables

__all__ = [
    "ALIGNMENT_COLUMNS",
    "CLAIM_COLUMNS",
    "CLAIM_TYPES",
    "CUES_FILE",
    "RELATIONS",
    "CommentInputs",
    "SentenceClaim",
    "alignment_table",
    "annotate",
    "claims_table",
    "classify_sentence",
    "load_cues",
    "refers_to_drug",
]

CUES_FILE = PACKAGE_DATA / "claim_cues.csv"

# Order breaks ties between equal cue totals; background is the fallback.
CLAIM_TYPES = ("side_effect_or_risk", "efficacy", "mechanism", "evidence", "advice", "background")
RELATIONS = ("corroborates", "contradicts", "not_addressed", "not_in_article")
# Efficacy and evidence claims that comments can bear on: (claim_type, efficacy_polarity).
ALIGNED_EFFICACY = {
    ("efficacy", "positive"),
    ("efficacy", "limited"),
    ("efficacy", "negative"),
    ("evidence", "limited"),
}

CLAIM_COLUMNS = [
    "article_id",
    "claim_id",
    "section_no",
    "sentence_no",
    "text",
    "start",
    "end",
    "claim_type",
    "effects",
    "negated_effects",
    "efficacy_polarity",
    "hedged",
    "cues",
    "type_scores",
]
ALIGNMENT_COLUMNS = [
    "article_id",
    "claim_id",
    "section_no",
    "sentence_no",
    "claim_type",
    "claim_label",
    "claim_text",
    "efficacy_polarity",
    "hedged",
    "effect",
    "concept_id",
    "comment_id",
    "author",
    "relation",
    "basis",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "experiencer",
    "uncertain",
    "efficacy_net",
]

# Stance cue categories that speak to whether the drug works (analysis.stance categories).
EFFICACY_CATEGORIES = ("efficacy", "comparison", "dismissal", "evidence_scepticism")
# Where a favourable stance without efficacy cues finds its evidence span.
FAVOR_CATEGORIES = ("recommendation", "evaluation", "continuation", "comparison", "harm")
EFFICACY_BASIS = {
    (1, "efficacy"): "reports efficacy",
    (1, "comparison"): "says the drug works better than an alternative",
    (-1, "efficacy"): "reports no effect or worse symptoms",
    (-1, "comparison"): "says something else works better",
    (-1, "dismissal"): "dismisses the drug as a treatment",
    (-1, "evidence_scepticism"): "doubts the evidence of efficacy",
}
OUTCOME_BASIS = {
    "relief": (1, "reports relief (first-hand)"),
    "partial": (1, "reports partial relief (first-hand)"),
    "none": (-1, "reported no relief (first-hand)"),
    "worse": (-1, "reported symptoms got worse (first-hand)"),
}
EXPERIENCER_BASIS = {
    "self": "same effect reported first-hand",
    "other": "same effect observed in others",
    "general": "same effect described as a general experience",
}
EXPERIENCER_ORDER = {"self": 0, "other": 1, "general": 2}


@dataclass(frozen=True)
class CueRule:
    """One claim cue: the type it votes for, its polarity, weight and regex."""

    type: str
    polarity: str
    weight: float
    needs_drug: bool
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Match:
    """One cue found in a sentence."""

    type: str
    polarity: str
    weight: float
    text: str
    start: int
    end: int
    needs_drug: bool = False


@dataclass(frozen=True)
class SentenceClaim:
    """The classification of one sentence: type, polarity, hedging and the deciding cues."""

    claim_type: str
    efficacy_polarity: str
    hedged: bool
    cues: tuple[str, ...]
    scores: dict[str, float]


@cache
def load_cues(path: Path = CUES_FILE) -> tuple[CueRule, ...]:
    """Return the claim cue lexicon rows with compiled, case-insensitive patterns."""
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(
            CueRule(
                row["type"].strip(),
                (row.get("polarity") or "").strip(),
                float(row.get("weight") or 0),
                (row.get("needs_drug") or "").strip() == "1",
                re.compile(row["pattern"], re.IGNORECASE),
            )
            for row in csv.DictReader(handle)
            if (row.get("pattern") or "").strip()
        )


def _rules(kind: str) -> list[CueRule]:
    """Return the cue rules of one type."""
    return [r for r in load_cues() if r.type == kind]


def _matches(sentence: str, extra: list[Match]) -> list[Match]:
    """Return non-overlapping typed cues of `sentence` (longest first wins), `extra` competing too."""
    found = list(extra)
    for rule in load_cues():
        if rule.type in ("hedge", "drug_reference"):
            continue  # these qualify a sentence; they do not vote for a type
        for m in rule.pattern.finditer(sentence):
            if m.end() > m.start():
                found.append(
                    Match(
                        rule.type,
                        rule.polarity,
                        rule.weight,
                        m.group(0),
                        m.start(),
                        m.end(),
                        rule.needs_drug,
                    )
                )
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept: list[Match] = []
    for item in found:
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def refers_to_drug(sentence: str, previous: str, drug: DrugTarget | None) -> bool:
    """Return whether a sentence names the drug, or refers back to it right after naming it."""
    if drug is not None and drug.pattern().search(sentence):
        return True
    anaphora = any(r.pattern.search(sentence) for r in _rules("drug_reference"))
    named_before = drug is None or bool(drug.pattern().search(previous))
    return anaphora and named_before


def _polarity(matches: list[Match]) -> str:
    """Return the efficacy polarity from counted efficacy/evidence cues."""
    polarities = {m.polarity for m in matches if m.type in ("efficacy", "evidence")}
    if "limited" in polarities or {"positive", "negative"} <= polarities:
        return "limited"
    if "negative" in polarities:
        return "negative"
    return "positive" if "positive" in polarities else "none"


def classify_sentence(
    sentence: str,
    *,
    about_drug: bool = True,
    after_mechanism: bool = False,
    effect_spans: tuple[tuple[int, int], ...] = (),
) -> SentenceClaim:
    """Return the claim type, efficacy polarity, hedging and cues of one article sentence.

    `effect_spans` are (start, end) offsets of side-effect mentions in the sentence (effects.csv);
    `about_drug` says whether drug-dependent cues count; `after_mechanism` lets mechanism cues count
    without a drug reference because the previous sentence was a mechanism claim.
    """
    extra = [Match("side_effect_or_risk", "", 1.0, sentence[a:b], a, b) for a, b in effect_spans]
    counted = []
    for m in _matches(sentence, extra):
        allowed = about_drug or (m.type == "mechanism" and after_mechanism)
        if m.needs_drug and not allowed:
            continue
        counted.append(m)
    scores: dict[str, float] = {}
    for m in counted:
        if m.type in CLAIM_TYPES and m.weight > 0:
            scores[m.type] = scores.get(m.type, 0.0) + m.weight
    claim_type = "background"
    if scores:
        claim_type = max(CLAIM_TYPES, key=lambda t: (scores.get(t, 0.0), -CLAIM_TYPES.index(t)))
    polarity = "none"
    if claim_type in ("efficacy", "evidence", "mechanism"):
        polarity = _polarity(counted)
    hedged = any(r.pattern.search(sentence) for r in _rules("hedge"))
    cues = tuple(m.text for m in counted if m.type == claim_type)
    rounded = {k: round(v, 2) for k, v in scores.items()}
    return SentenceClaim(claim_type, polarity, hedged, cues, rounded)


# --- inputs from other components ----------------------------------------------------------------


def _article_sentences(tables: PageTables) -> pd.DataFrame:
    """Return the article sentences (article_id, section_no, sentence_no, text, start, end)."""
    import pandas as pd

    from .sentences import split_sentences

    columns = ["article_id", "section_no", "sentence_no", "text", "start", "end"]
    sentences = tables.sentences
    if sentences is not None and not sentences.empty and "source" in sentences.columns:
        rows = sentences[sentences["source"] == "article"]
        return rows[columns].reset_index(drop=True)
    # measure() has not run: split the sections the same way it would
    article_id = tables.article_id
    rows = [
        (article_id, int(no), i, s.text, s.start, s.end)
        for no, text in zip(tables.sections["section_no"], tables.sections["text"], strict=True)
        for i, s in enumerate(split_sentences(str(text or "")), start=1)
    ]
    return pd.DataFrame(rows, columns=columns)


def _effects(tables: PageTables) -> pd.DataFrame:
    """Return effects.csv rows: from the effects component, or computed with its public API."""
    effects = tables.extra.get("effects")
    if effects is None:
        from .effects import effects_table

        effects = effects_table(tables)
    return effects


@dataclass
class CommentInputs:
    """What the stance and experience components say about the comments."""

    evidence: pd.DataFrame  # stance evidence rows of comments (stance_evidence columns)
    labels: dict[int, str]  # comment id -> stance label
    outcomes: dict[int, str]  # comment id -> experience outcome ("" without first-person use)
    outcome_spans: dict[int, dict]  # comment id -> text/start/end of the outcome evidence


def _comment_inputs(tables: PageTables) -> CommentInputs:
    """Return comment stance evidence, labels and outcomes.

    Taken from the stance component's outputs when it ran, else computed with the public
    functions of analysis.stance and analysis.experience, so claims keep no lexicon of their own.
    """
    import pandas as pd

    from .model import row_dicts

    comments = tables.comments
    evidence = tables.extra.get("stance_evidence")
    if evidence is not None and "stance" in comments.columns:
        ids = comments["comment_id"].astype(int)
        outcomes = comments["outcome"] if "outcome" in comments.columns else [""] * len(ids)
        spans: dict[int, dict] = {}
        experience = tables.extra.get("experience_evidence")
        if experience is not None and not experience.empty:
            for row in row_dicts(experience[experience["category"] == "outcome"]):
                spans.setdefault(int(row["comment_id"]), row)
        return CommentInputs(
            evidence[evidence["source"] == "comment"],
            dict(zip(ids, comments["stance"], strict=True)),
            {i: str(o or "") for i, o in zip(ids, outcomes, strict=True)},
            spans,
        )
    columns = ["comment_id", "category", "polarity", "text", "start", "end", "weight"]
    if tables.drug is None or comments.empty:
        return CommentInputs(pd.DataFrame(columns=columns), {}, {}, {})
    import warnings

    try:
        from .stance import condition_effects, decide, evidence_rows, find_cues
    except ImportError as error:
        # stance is built in parallel: without it only effect claims are aligned
        warnings.warn(f"stance cues unavailable for claims: {error}", RuntimeWarning, stacklevel=2)
        return CommentInputs(pd.DataFrame(columns=columns), {}, {}, {})
    try:
        from .experience import experience_of
    except ImportError as error:
        warnings.warn(f"outcomes unavailable for claims: {error}", RuntimeWarning, stacklevel=2)
        experience_of = None

    title = str(tables.article["title"].iloc[0]) if "title" in tables.article.columns else ""
    condition = condition_effects(title)
    rows, labels, outcomes, spans = [], {}, {}, {}
    for cid, text in zip(comments["comment_id"].astype(int), comments["text"], strict=True):
        cues = find_cues(str(text or ""), tables.drug, about_drug=True, condition=condition)
        rows += evidence_rows(cues, tables.article_id, "comment", comment_id=cid)
        labels[cid] = decide(cues)[0]
        if experience_of is None:
            continue
        experience = experience_of(str(text or ""), tables.drug, cues)
        outcomes[cid] = experience.outcome
        for cue in experience.evidence:
            if cue.category == "outcome":
                spans[cid] = {"text": cue.text, "start": cue.start, "end": cue.end}
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=columns)
    return CommentInputs(frame, labels, outcomes, spans)


def _counted_by_comment(evidence: pd.DataFrame) -> dict[int, list[dict]]:
    """Return the counted (weight > 0) stance cues of each comment, as records in table order."""
    from .model import row_dicts

    grouped: dict[int, list[dict]] = {}
    for row in row_dicts(evidence):
        if float(row.get("weight", 1) or 0) > 0:
            grouped.setdefault(int(row["comment_id"]), []).append(row)
    return grouped


# --- claims --------------------------------------------------------------------------------------


def _effects_by_sentence(effects: pd.DataFrame) -> dict[tuple[int, int], list[dict]]:
    """Return the article's effects.csv rows grouped by (section_no, sentence_no)."""
    from .model import row_dicts

    grouped: dict[tuple[int, int], list[dict]] = {}
    if effects.empty:
        return grouped
    for row in row_dicts(effects[effects["source"] == "article"]):
        grouped.setdefault((int(row["section_no"]), int(row["sentence_no"])), []).append(row)
    return grouped


def _unique(values) -> list[str]:
    """Return values as strings without duplicates, first occurrence order kept."""
    return list(dict.fromkeys(str(v) for v in values))


def claims_table(tables: PageTables) -> pd.DataFrame:
    """Return claims.csv: one typed row per article sentence."""
    import pandas as pd

    from .model import row_dicts

    sentences = _article_sentences(tables)
    effects_of = _effects_by_sentence(_effects(tables))
    rows = []
    previous_text, previous_section, previous_type = "", None, ""
    for s in row_dicts(sentences):
        section_no, sentence_no = int(s["section_no"]), int(s["sentence_no"])
        if section_no != previous_section:
            previous_text, previous_type = "", ""  # reference does not cross a section break
        found = effects_of.get((section_no, sentence_no), [])
        spans = tuple(
            (int(e["start"]) - int(s["start"]), int(e["end"]) - int(s["start"])) for e in found
        )
        claim = classify_sentence(
            s["text"],
            about_drug=refers_to_drug(s["text"], previous_text, tables.drug),
            after_mechanism=previous_type == "mechanism",
            effect_spans=spans,
        )
        negated = [e["effect"] for e in found if bool(e["negated"])]
        rows.append(
            {
                "article_id": s["article_id"],
                "claim_id": f"{section_no}.{sentence_no}",
                "section_no": section_no,
                "sentence_no": sentence_no,
                "text": s["text"],
                "start": int(s["start"]),
                "end": int(s["end"]),
                "claim_type": claim.claim_type,
                "effects": ";".join(_unique(e["effect"] for e in found)),
                "negated_effects": ";".join(_unique(negated)),
                "efficacy_polarity": claim.efficacy_polarity,
                "hedged": claim.hedged,
                "cues": ";".join(claim.cues),
                "type_scores": ";".join(f"{k}={v:g}" for k, v in claim.scores.items()),
            }
        )
        previous_text, previous_section, previous_type = s["text"], section_no, claim.claim_type
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for column in ("section_no", "sentence_no", "start", "end"):
        frame[column] = frame[column].astype("Int64")
    frame["hedged"] = frame["hedged"].astype(bool)
    return frame


# --- alignment -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """How one comment bears on a claim: sign (+1 supports, -1 disputes, 0 silent) and evidence."""

    sign: int
    basis: str = ""
    text: str = ""
    start: int | None = None
    end: int | None = None
    experiencer: str = ""
    uncertain: bool = False
    net: float | None = None


SILENT = Verdict(0)


def _harm_asserted(cues: list[dict], start: int, end: int) -> bool:
    """Return whether a counted harm cue (stance) lies within [start, end) of a comment."""
    return any(
        c["category"] == "harm"
        and int(c["polarity"]) < 0
        and c["start"] >= start
        and c["end"] <= end
        for c in cues
    )


def _from_mention(sign: int, basis: str, row: dict) -> Verdict:
    """Return a verdict whose evidence is one effects.csv row."""
    return Verdict(
        sign,
        basis,
        str(row["matched_text"]),
        int(row["start"]),
        int(row["end"]),
        str(row["experiencer"]),
        bool(row["uncertain"]),
    )


def _effect_verdict(mentions: list[dict], text: str, cues: list[dict]) -> Verdict:
    """Return how a comment's mentions of one effect bear on a claim that the effect occurs."""
    from .sentences import split_sentences

    if not mentions:
        return SILENT
    affirmed = [m for m in mentions if not bool(m["negated"]) and not bool(m["hypothetical"])]
    if affirmed:
        best = min(affirmed, key=lambda r: EXPERIENCER_ORDER.get(r["experiencer"], 3))
        basis = EXPERIENCER_BASIS.get(best["experiencer"], "same effect reported")
        if bool(best["uncertain"]):
            basis += " (attribution uncertain)"
        return _from_mention(1, basis, best)
    denied = [m for m in mentions if bool(m["negated"]) and not bool(m["hypothetical"])]
    if denied:
        return _from_mention(-1, "commenter denies the effect", denied[0])
    sentences = split_sentences(text)
    for row in (m for m in mentions if bool(m["hypothetical"]) and not bool(m["negated"])):
        no = int(row["sentence_no"])
        if 0 < no <= len(sentences) and _harm_asserted(
            cues, sentences[no - 1].start, sentences[no - 1].end
        ):
            # a risk acknowledged is experienced by no one: no experiencer, no attribution
            basis = "acknowledges the risk (not first-hand)"
            return Verdict(1, basis, str(row["matched_text"]), int(row["start"]), int(row["end"]))
    return SILENT


def _cue_span(cues: list[dict], categories: tuple[str, ...], sign: int) -> dict | None:
    """Return the stance cue of the first listed category (heaviest first) with this polarity."""
    rows = [c for c in cues if c["category"] in categories and int(c["polarity"]) == sign]
    if not rows:
        return None
    rank = {c: i for i, c in enumerate(categories)}
    return min(rows, key=lambda r: (rank[r["category"]], -float(r.get("weight", 1) or 0)))


def _from_cue(sign: int, basis: str, span: dict | None, net: float | None) -> Verdict:
    """Return a verdict whose evidence is one stance or experience cue (or none)."""
    if span is None:
        return Verdict(sign, basis, net=net)
    return Verdict(sign, basis, str(span["text"]), int(span["start"]), int(span["end"]), net=net)


def _efficacy_net(cues: list[dict]) -> float:
    """Return the signed total weight of a comment's counted cues about efficacy."""
    net = sum(
        int(c["polarity"]) * float(c.get("weight", 1.0))
        for c in cues
        if c["category"] in EFFICACY_CATEGORIES
    )
    return round(float(net), 4)


def _efficacy_verdict(
    cues: list[dict], outcome: str, stance: str, outcome_span: dict | None = None
) -> Verdict:
    """Return whether a comment supports (+1) or disputes (-1) that the drug works, and why."""
    net = _efficacy_net(cues)
    if outcome in OUTCOME_BASIS:
        sign, basis = OUTCOME_BASIS[outcome]
        return _from_cue(sign, basis, outcome_span or _cue_span(cues, ("efficacy",), sign), net)
    if net:
        sign = 1 if net > 0 else -1
        span = _cue_span(cues, EFFICACY_CATEGORIES, sign)
        basis = EFFICACY_BASIS.get((sign, span["category"]), "") if span else ""
        return _from_cue(sign, basis, span, net)
    if outcome == "discontinued":
        span = outcome_span or _cue_span(cues, ("discontinuation",), -1)
        return _from_cue(-1, "discontinued the drug (first-hand)", span, net)
    if stance == "favor":
        # favour without an efficacy cue still backs the drug; "against" alone does not dispute
        # efficacy (it may rest on side effects only)
        span = _cue_span(cues, FAVOR_CATEGORIES, 1)
        return _from_cue(1, "favours the drug (no explicit efficacy report)", span, net)
    return Verdict(0, net=net)


def _scepticism_verdict(cues: list[dict]) -> Verdict:
    """Return support (+1) for a claim of limited evidence when the comment doubts the evidence."""
    span = _cue_span(cues, ("evidence_scepticism",), -1)
    if span is None:
        return SILENT
    return _from_cue(1, "also doubts the evidence", span, None)


def _relation(sign: int) -> str:
    """Return the relation name for a verdict sign, already oriented to the claim."""
    return {1: "corroborates", -1: "contradicts"}.get(sign, "not_addressed")


@dataclass(frozen=True)
class _Claim:
    """One alignable claim unit: a sentence, and for effect claims one of its effects."""

    row: dict
    effect: str = ""
    concept_id: str = ""
    denied: bool = False


def _claim_units(claims: pd.DataFrame, effects: pd.DataFrame) -> list[_Claim]:
    """Return the claims to align: one per (sentence, effect) for side-effect claims."""
    from .model import row_dicts

    units = []
    effects_of = _effects_by_sentence(effects)
    for row in row_dicts(claims):
        kind, polarity = row["claim_type"], row["efficacy_polarity"]
        if kind == "side_effect_or_risk":
            found = effects_of.get((int(row["section_no"]), int(row["sentence_no"])), [])
            for effect in _unique(e["effect"] for e in found):
                mine = [e for e in found if str(e["effect"]) == effect]
                denied = all(bool(e["negated"]) for e in mine)
                concept = str(mine[0]["concept_id"] or "")
                units.append(_Claim(row, effect, concept, denied))
        elif (kind, polarity) in ALIGNED_EFFICACY:
            units.append(_Claim(row))
    return units


def _claim_label(unit: _Claim) -> str:
    """Return a short chart label for a claim unit."""
    row = unit.row
    if unit.effect:
        return f"{'no ' if unit.denied else ''}{unit.effect}"
    return f"{row['claim_type']} ({row['efficacy_polarity']}) {row['claim_id']}"


def _oriented(unit: _Claim, verdict: Verdict) -> Verdict:
    """Return `verdict` oriented to the claim, so +1 corroborates it (flipped for denials)."""
    flip = unit.denied if unit.effect else unit.row["efficacy_polarity"] == "negative"
    return replace(verdict, sign=-verdict.sign) if flip and verdict.sign else verdict


def _verdict_key(unit: _Claim) -> str:
    """Return what a comment's verdict on `unit` depends on besides the comment: effect or kind."""
    if unit.effect:
        return f"effect:{unit.effect}"
    return "evidence" if unit.row["claim_type"] == "evidence" else "efficacy"


def _comment_verdict(
    unit: _Claim, comment: dict, mentions: list[dict], cues: list[dict], inputs: CommentInputs
) -> Verdict:
    """Return a comment's verdict on the proposition behind `unit`, before orienting it.

    `mentions` are the comment's effects.csv rows for the unit's effect (empty for other units).
    """
    if unit.effect:
        return _effect_verdict(mentions, str(comment.get("text") or ""), cues)
    if unit.row["claim_type"] == "evidence":
        return _scepticism_verdict(cues)
    cid = int(comment["comment_id"])
    return _efficacy_verdict(
        cues,
        inputs.outcomes.get(cid, ""),
        inputs.labels.get(cid, ""),
        inputs.outcome_spans.get(cid),
    )


def _alignment_row(
    article_id: str, unit: _Claim | None, comment: dict, verdict: Verdict, **kw
) -> dict:
    """Return one alignment.csv row (kw: relation, effect, concept_id for not_in_article rows)."""
    row = unit.row if unit else {}
    effect = unit.effect if unit and unit.effect else kw.get("effect")
    return {
        "article_id": article_id,
        "claim_id": row.get("claim_id"),
        "section_no": row.get("section_no"),
        "sentence_no": row.get("sentence_no"),
        "claim_type": row.get("claim_type"),
        "claim_label": _claim_label(unit) if unit else effect,
        "claim_text": row.get("text"),
        "efficacy_polarity": row.get("efficacy_polarity"),
        "hedged": row.get("hedged"),
        "effect": effect or None,
        "concept_id": unit.concept_id if unit and unit.effect else kw.get("concept_id"),
        "comment_id": int(comment["comment_id"]),
        "author": comment.get("author"),
        "relation": kw.get("relation") or _relation(verdict.sign),
        "basis": verdict.basis,
        "evidence_text": verdict.text or None,
        "evidence_start": verdict.start,
        "evidence_end": verdict.end,
        "experiencer": verdict.experiencer or None,
        # attribution (un)certainty is known only for evidence that is an effect mention
        "uncertain": verdict.uncertain if verdict.experiencer else None,
        "efficacy_net": verdict.net,
    }


def _not_in_article(tables: PageTables, effects: pd.DataFrame, comments: list[dict]) -> list[dict]:
    """Return not_in_article rows: affirmed comment effects that no article sentence mentions."""
    from .model import row_dicts

    if effects.empty:
        return []
    records = row_dicts(effects)
    in_article = {r["effect"] for r in records if r["source"] == "article"}
    reported: dict[tuple[int, str], list[dict]] = {}
    for r in records:
        affirmed = not bool(r["negated"]) and not bool(r["hypothetical"])
        if r["source"] == "comment" and affirmed and r["effect"] not in in_article:
            reported.setdefault((int(r["comment_id"]), r["effect"]), []).append(r)
    by_id = {int(c["comment_id"]): c for c in comments}
    rows = []
    for (cid, effect), group in reported.items():
        best = min(group, key=lambda r: EXPERIENCER_ORDER.get(r["experiencer"], 3))
        basis = EXPERIENCER_BASIS.get(best["experiencer"], "same effect reported")
        verdict = _from_mention(0, basis.replace("same effect", "effect"), best)
        rows.append(
            _alignment_row(
                tables.article_id,
                None,
                by_id[int(cid)],
                verdict,
                relation="not_in_article",
                effect=effect,
                concept_id=str(best["concept_id"] or ""),
            )
        )
    return rows


def alignment_table(tables: PageTables, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return alignment.csv: every (claim unit, comment) relation plus effects not in the article."""
    import pandas as pd

    from .model import row_dicts

    claims = claims_table(tables) if claims is None else claims
    effects = _effects(tables)
    inputs = _comment_inputs(tables)
    comments = row_dicts(tables.comments)
    # Each comment's cues and effect rows are cut out once, not once per claim: filtering the
    # page-wide tables inside the loop made alignment the slowest step of the pipeline.
    ids = [int(comment["comment_id"]) for comment in comments]
    cues_of = _counted_by_comment(inputs.evidence)
    mentions_of: dict[tuple[int, str], list[dict]] = {}
    for r in row_dicts(effects):
        if r["source"] == "comment":
            mentions_of.setdefault((int(r["comment_id"]), str(r["effect"])), []).append(r)
    # A verdict depends on the comment and the claim's proposition (an effect, efficacy, evidence),
    # not on which sentence states it: work it out once per comment and proposition.
    verdicts: dict[tuple[int, str], Verdict] = {}
    article_id = tables.article_id
    rows = []
    for unit in _claim_units(claims, effects):
        key = _verdict_key(unit)
        for cid, comment in zip(ids, comments, strict=True):
            if (cid, key) not in verdicts:
                mentions = mentions_of.get((cid, str(unit.effect)), []) if unit.effect else []
                cues = cues_of.get(cid, [])
                verdicts[cid, key] = _comment_verdict(unit, comment, mentions, cues, inputs)
            verdict = _oriented(unit, verdicts[cid, key])
            rows.append(_alignment_row(article_id, unit, comment, verdict))
    rows += _not_in_article(tables, effects, comments)
    frame = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    for column in ("section_no", "sentence_no", "comment_id", "evidence_start", "evidence_end"):
        frame[column] = frame[column].astype("Int64")
    frame["efficacy_net"] = frame["efficacy_net"].astype(float)
    return frame


def annotate(tables: PageTables) -> None:
    """Add claims.csv and alignment.csv to `tables.extra` (runs after effects and stance)."""
    claims = claims_table(tables)
    tables.extra["claims"] = claims
    tables.extra["alignment"] = alignment_table(tables, claims)
