"""Discourse frames of a comment (multi-label), each backed by evidence spans.

A frame is how a commenter speaks, not what they conclude: from their own use of the drug
(`personal_experience`), by passing on what others said (`second_hand_report`), as a clinician
(`clinical_voice`), doubting the evidence or the hype (`scepticism`), suspecting institutions
(`conspiracy_distrust`), or pointing to another remedy or cause (`alternative_remedy_or_cause`).

Evidence comes from two places, never duplicated:

* the frame cue lexicon `data/frame_cues.csv` (columns id, frame, weight, use, pattern, example;
  `{NAME}` and `{REF}` in a pattern stand for the drug's names and for names or "it"/"the pills",
  as in the stance lexicon, `{OTHER}` for any other drug; rows with use=1 are first-person use of the drug and are shared with
  `analysis.experience`);
* the stance cues already found for the text (`analysis.stance.Cue`): `distrust` cues are
  conspiracy/distrust evidence, `evidence_scepticism` and `dismissal` cues are scepticism, and a
  `comparison` against the drug ("a cold can of soda works better than the pills") is an
  alternative remedy. Stance cues count whatever their stance weight: distrust of Big Pharma that
  says nothing about the drug takes no stance but is still a distrust frame.

A frame is assigned when its evidence weight reaches FRAME_THRESHOLD (each cue counts once; weak
cues such as "patients" or "monitoring" need a second one). Personal-experience and second-hand
cues inside a conditional clause or a question ("if I took it", "should I take it?") don't count.
See docs/codebook.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .drugs import other_drugs_pattern
from .paths import PACKAGE_DATA
from .prefilter import Needles, haystack, may_match, required_literals
from .stance import DISTRUST, NEEDS_OTHER_DRUG, about_another, reference_pattern, rule_flags

if TYPE_CHECKING:
    from .drugs import DrugTarget

FRAME_CUES_FILE = PACKAGE_DATA / "frame_cues.csv"

FRAMES = (
    "personal_experience",
    "second_hand_report",
    "clinical_voice",
    "scepticism",
    "conspiracy_distrust",
    "alternative_remedy_or_cause",
)
FRAME_THRESHOLD = 1.0
USE_RULE = "experience:use"  # frame evidence taken from analysis.experience's use spans

# Stance cue categories (analysis.stance) that already carry a frame's signal.
STANCE_CATEGORY_FRAMES = {
    "distrust": "conspiracy_distrust",
    "evidence_scepticism": "scepticism",
    "dismissal": "scepticism",
}
STANCE_CUE_WEIGHT = 1.0
# Frames whose cues must be asserted: not in an if-clause, not in a question.
ASSERTED_FRAMES = ("personal_experience", "second_hand_report")
# Frames whose lexicon cues must not be asked or supposed: "has anyone tried kratom instead?",
# "if switching to lexapro is worth it" ask about another remedy, they don't propose it. Advice
# ("you should try magnesium instead") still counts, so only if-clauses and questions block it.
UNASKED_FRAMES = ("alternative_remedy_or_cause",)
# Irrealis words scoping to the end of their clause (kept here: stance's modifier table may change).
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|whether|would|should|hope|hoping|wish|thinking (?:of|about)|considering|"
    r"scared to|afraid to|supposed to|in case)\b",
    re.IGNORECASE,
)
# "Why would anyone take X when Y exists?" asserts Y; it asks nothing.
_RHETORICAL = re.compile(
    r"\s*why\s+(?:would|should|do|does)\s+(?:anyone|anybody|people|you|we)\b", re.IGNORECASE
)
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|whether|considering|thinking (?:of|about)|wondering)\b", re.IGNORECASE
)

FRAME_EVIDENCE_COLUMNS = [
    "article_id",
    "comment_id",
    "frame",
    "text",
    "start",
    "end",
    "weight",
    "rule",
    "assigned",
]


@dataclass(frozen=True)
class FrameCue:
    """One span that speaks for a frame; text == comment[start:end]."""

    frame: str
    text: str
    start: int
    end: int
    weight: float
    rule: str  # frame_cues.csv id, or "stance:<category>:<stance rule id>"


@dataclass(frozen=True)
class FrameLabel:
    """An assigned frame, its total evidence weight and its evidence."""

    frame: str
    score: float
    evidence: tuple[FrameCue, ...] = ()


@dataclass(frozen=True)
class FrameResult:
    """The frames of one text: assigned labels (in FRAMES order) and every cue found."""

    labels: tuple[FrameLabel, ...] = ()
    evidence: tuple[FrameCue, ...] = field(default_factory=tuple)

    @property
    def frames(self) -> tuple[str, ...]:
        """Return the assigned frame names."""
        return tuple(label.frame for label in self.labels)


@dataclass(frozen=True)
class FrameRule:
    """One row of data/frame_cues.csv."""

    id: str
    frame: str
    weight: float
    use: bool
    pattern: str


@cache
def load_frame_rules(path: Path = FRAME_CUES_FILE) -> tuple[FrameRule, ...]:
    """Return the frame cue lexicon."""
    with open(path, encoding="utf-8", newline="") as handle:
        rules = tuple(
            FrameRule(
                row["id"],
                row["frame"].strip(),
                float(row["weight"]),
                row["use"].strip() == "1",
                row["pattern"],
            )
            for row in csv.DictReader(handle)
        )
    unknown = {r.frame for r in rules} - set(FRAMES)
    if unknown:
        raise ValueError(f"{path}: unknown frame(s) {sorted(unknown)}")
    return rules


def fill_placeholders(pattern: str, drug: DrugTarget | None) -> str:
    """Return `pattern` with {NAME}, {REF} and {OTHER} filled for the drug.

    {OTHER} is any other drug (analysis.drugs.other_drugs_pattern: the table's other names and
    generic-looking names); it matches nothing when there is none.
    """
    if drug is None:
        from .drugs import DrugTarget

        drug = DrugTarget(generic="the drug")
    if "{OTHER}" in pattern:
        other = other_drugs_pattern(drug)
        pattern = pattern.replace("{OTHER}", f"(?:{other.pattern})" if other else r"(?!x)x")
    return pattern.replace("{NAME}", f"(?:{drug.pattern().pattern})").replace(
        "{REF}", f"(?:{reference_pattern(drug).pattern})"
    )


@cache
def compiled_rules(
    drug: DrugTarget | None,
) -> tuple[tuple[FrameRule, re.Pattern[str], Needles], ...]:
    """Return the frame lexicon compiled for `drug`, each rule with the literals it needs."""
    out = []
    for rule in load_frame_rules():
        pattern = fill_placeholders(rule.pattern, drug)
        out.append((rule, re.compile(pattern, re.IGNORECASE), required_literals(pattern)))
    return tuple(out)


def normalise(text: str) -> str:
    """Return text with curly apostrophes straightened (same length: offsets are kept)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Return [start, end) of the sentence around `pos` (split on . ! ? and newlines; a point
    between digits, as in "7.1" or "0.5 mg", ends no sentence)."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    after = _SENTENCE_END.search(text, pos)
    return (before[-1] if before else 0), (after.end() if after else len(text))


_SENTENCE_END = re.compile(r"[!?\n]|\.(?!\d)|(?<!\d)\.")


def asserted(norm: str, start: int, irrealis: re.Pattern[str] = _HYPOTHETICAL) -> bool:
    """Return False when the span at `start` sits in a conditional clause or a question.

    `irrealis`: the words that make the rest of their clause unasserted (default: if-clauses,
    wishes, plans and modals; `_CONDITIONAL`: if-clauses and options only weighed, as in
    "considering changing to").
    """
    s_start, s_end = sentence_bounds(norm, start)
    if norm[s_start:s_end].rstrip().endswith("?"):
        return False
    clause_start = max(s_start, norm.rfind(",", s_start, start) + 1)
    return not irrealis.search(norm, clause_start, start)


def lexicon_matches(
    text: str, drug: DrugTarget | None, use_only: bool = False
) -> list[tuple[FrameRule, int, int]]:
    """Return (rule, start, end) for every frame lexicon match in `text` that is asserted."""
    found = _asserted_matches(text, drug)
    return [f for f in found if f[0].use] if use_only else list(found)


@lru_cache(maxsize=1024)
def _asserted_matches(text: str, drug: DrugTarget | None) -> tuple[tuple[FrameRule, int, int], ...]:
    """Return every asserted frame-lexicon match; cached as frames and experience both ask."""
    norm = normalise(text)
    out = []
    lowered = haystack(norm)
    for rule, regex, needles in compiled_rules(drug):
        if not may_match(needles, lowered):
            continue
        for m in regex.finditer(norm):
            if m.end() <= m.start():
                continue
            if rule.frame in ASSERTED_FRAMES and not asserted(norm, m.start()):
                continue
            if (
                rule.frame in UNASKED_FRAMES
                and not asserted(norm, m.start(), _CONDITIONAL)
                and not _RHETORICAL.match(norm, sentence_bounds(norm, m.start())[0])
            ):
                continue
            out.append((rule, m.start(), m.end()))
    return tuple(out)


def _stance_frame_cues(text: str, cues: Iterable) -> list[FrameCue]:
    """Return frame cues carried by stance cues (distrust, scepticism, comparison against)."""
    out = []
    for cue in cues:
        frame = STANCE_CATEGORY_FRAMES.get(cue.category)
        if cue.category == "comparison" and cue.polarity < 0:
            frame = "alternative_remedy_or_cause"
        if frame is None and float(cue.weight) > 0 and about_another(cue):
            frame = "second_hand_report"
        if frame is None or any(str(m).startswith("hypothetical") for m in cue.modifiers):
            continue
        if any(str(m) in NEEDS_OTHER_DRUG for m in cue.modifiers):
            continue  # "back on my feet": the wording's other drug is not there
        start, end = int(cue.start), int(cue.end)
        # a cue flagged `distrust` ("trials paid for by the maker") doubts the industry as well
        extra = "conspiracy_distrust" if DISTRUST in rule_flags(cue.rule) else None
        for name in (frame, extra):
            if name is not None:
                out.append(
                    FrameCue(
                        name,
                        text[start:end],
                        start,
                        end,
                        STANCE_CUE_WEIGHT,
                        f"stance:{cue.category}:{cue.rule}",
                    )
                )
    return out


def _overlaps(a: FrameCue, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def frames_of(
    text: str, drug: DrugTarget | None, cues: Iterable = (), uses: Iterable[tuple[int, int]] = ()
) -> FrameResult:
    """Return the frames of `text` given the stance cues already found in it (may be empty).

    `uses`: spans where analysis.experience found the commenter's own use of the drug; each is
    personal-experience evidence, so first_person_use always comes with that frame.
    """
    text = text or ""
    cues = tuple(cues)
    found = _stance_frame_cues(text, cues)
    for start, end in uses:
        if not any(f.frame == "personal_experience" and _overlaps(f, start, end) for f in found):
            found.append(
                FrameCue("personal_experience", text[start:end], start, end, 1.0, USE_RULE)
            )
    # "baclofen works better than requip" favours the drug: not an alternative remedy
    favourable = [
        (int(c.start), int(c.end)) for c in cues if c.category == "comparison" and c.polarity > 0
    ]
    # the stronger, then the longer of two overlapping cues for one frame is the one kept
    matches = sorted(lexicon_matches(text, drug), key=lambda m: (-m[0].weight, m[1] - m[2], m[1]))
    for rule, start, end in matches:
        if rule.frame == "alternative_remedy_or_cause" and any(
            s < end and start < e for s, e in favourable
        ):
            continue
        cue = FrameCue(rule.frame, text[start:end], start, end, rule.weight, rule.id)
        # a span already found for the same frame (e.g. by a stance cue) counts once
        if any(f.frame == cue.frame and _overlaps(f, start, end) for f in found):
            continue
        found.append(cue)
    if any(c.frame == "clinical_voice" for c in found):
        # a clinician's "patients get drowsy" is their own observation, not a second-hand report
        # (stance cues give that frame only for another person's experience)
        found = [
            c
            for c in found
            if not (c.frame == "second_hand_report" and c.rule.startswith("stance:"))
        ]
    found.sort(key=lambda c: (c.start, c.end, c.frame))
    labels = []
    for frame in FRAMES:
        evidence = tuple(c for c in found if c.frame == frame)
        score = round(sum(c.weight for c in evidence), 4)
        if evidence and score >= FRAME_THRESHOLD:
            labels.append(FrameLabel(frame, score, evidence))
    return FrameResult(tuple(labels), tuple(found))


def frame_rows(result: FrameResult, article_id: str, comment_id) -> list[dict[str, object]]:
    """Return the frame evidence of one comment as rows of the frame_evidence table.

    Every cue found is a row; `assigned` says whether its frame reached the threshold.
    """
    assigned = set(result.frames)
    return [
        {
            "article_id": article_id,
            "comment_id": comment_id,
            "frame": c.frame,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "weight": c.weight,
            "rule": c.rule,
            "assigned": c.frame in assigned,
        }
        for c in result.evidence
    ]
