"""The commenter's own experience with the drug: did they take it, at what dose, for how long, and
what came of it.

* `first_person_use`: the commenter took the drug. Evidence is a first-person use cue of
  `data/frame_cues.csv` (rows with use=1: "i tried baclofen", "I took 10mg", "I've been on it",
  "it worked for me", "my neurologist put me on it"), or a counted discontinuation/continuation
  stance cue with "I" as subject ("i stopped after 3 days", "I'm still on it"), or what the drug
  did to the writer (_felt_use: "it took the edge off, I'll give it that", "even the low dose
  gives me the squits"; not in a sentence about patients or people, nor a quoted "I"). Hearsay ("my cousin
  said it worked for him"), conditionals ("if I took it") and questions are not use; nor is a
  sentence whose only first-person word is a relative's "my" ("my husband ... after years of taking
  it"), one with other people as subject ("the reason people give up on it"), or one that puts the
  start ahead ("first pill is tomorrow", "starting the 150mg tomorrow").
* `dose`: the first amount of the drug, normalised to "<number> <unit>" ("10mg" -> "10 mg",
  ".25 mg" -> "0.25 mg", "twenty milligrams" -> "20 mg"); amounts in a clause naming another drug
  and not this one are skipped. Units: mg, mcg, ml. Dose and duration are left empty unless
  first_person_use (a relative's or a clinician's numbers are not the commenter's).
* `duration`: the first duration in a sentence about taking the drug (one with a use cue, a
  continuation/discontinuation cue, a dose, the drug's name, or "on it"/"taking it"), normalised
  ("after 3 days" -> "3 days", "for two weeks" -> "2 weeks", "since 2018" -> "since 2018").
  "last year" is a date, not a duration, unless it dates the start of the drug ("switched to it 2
  years ago" -> "2 years"). "Two years in now" and "Week 6 now" are time into the treatment;
  "41 days without a cigarette" is time free of a habit, not time on the drug.
* `outcome` (from the stance cues, first-person use only, hearsay cues ignored): `discontinued`
  if a counted discontinuation cue is the commenter's own; else `worse` if a counted "made it
  worse" cue is not outweighed by relief; else, comparing positive and negative efficacy weight,
  `relief` / `partial` (every positive cue diminished: "helped a bit", "somewhat", "transient") /
  `none`; `unknown` when nothing applies or the commenter did not take the drug.

Evidence rows have category use / dose / duration / outcome, the normalised value, and the span
(text == comment[start:end]). See docs/codebook.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from . import stance
from .drugs import INN_STEM_RE, SWITCH_AWAY, other_drug_follows, other_drugs_pattern
from .frames import lexicon_matches, normalise, sentence_bounds

if TYPE_CHECKING:
    from .drugs import DrugTarget

OUTCOMES = ("relief", "partial", "none", "worse", "discontinued", "unknown")

EXPERIENCE_EVIDENCE_COLUMNS = [
    "article_id",
    "comment_id",
    "category",
    "value",
    "text",
    "start",
    "end",
]

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "one hundred": 100,
    "two hundred": 200,
    "a couple of": 2,
    "a couple": 2,
}
_NUM = (
    r"(?:\d+(?:[.,]\d+)?|\.\d+|a couple(?: of)?|"
    + "|".join(
        sorted((w for w in _NUMBER_WORDS if not w.startswith("a couple")), key=len, reverse=True)
    )
    + r"|a few|several)"
)
_UNITS = {
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "mcg": "mcg",
    "µg": "mcg",
    "ug": "mcg",
    "microgram": "mcg",
    "micrograms": "mcg",
    "ml": "ml",
    "milliliter": "ml",
    "milliliters": "ml",
    "millilitre": "ml",
    "millilitres": "ml",
}
_DOSE = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})\s*-?\s*(?P<unit>milligrams?|micrograms?|millilit(?:er|re)s?|mg|mcg|µg|ug|ml)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    rf"\b(?:(?P<prep>for|after|within|in|over|about|around|nearly|almost|only|just)\s+)?"
    rf"(?:(?:about|around|nearly|almost|over|only|just|the (?:first|last|past|whole|entire))\s+)?"
    rf"(?P<num>{_NUM})\s+(?P<unit>hours?|days?|weeks?|wks?|months?|mos|mths?|years?|yrs?)\b"
    rf"|\bsince\s+(?:(?:my|the|i|it|we|he|she)\s+(?:[\w']+\s+){{0,4}}?in\s+)?"
    rf"(?P<since>(?:19|20)\d\d|last\s+(?:week|month|year|summer|winter|spring|fall)|"
    rf"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    rf"(?:\s+(?:19|20)\d\d)?)\b"
    rf"|\bsince\s+i\s+was\s+(?P<age>\d{{1,2}})\b(?!\s*(?:mg|mcg|%|lbs?|kg|pounds))"
    # a diary's ordinal time on the drug: "Week 6 now on 300 mg", "Day 10 on it." (not the onset
    # "by day 2 of the course")
    rf"|(?:\b|(?<=^))(?P<ord_unit>day|week|month)\s+(?P<ord>\d{{1,3}})(?=\s+now\b)"
    rf"|(?:(?<=^)|(?<=[.!?]\s)|(?<=\n))(?P<ord_unit2>day|week|month)\s+(?P<ord2>\d{{1,3}})(?=\s+on\b)",
    re.IGNORECASE,
)
# A sentence is about taking the drug when it says so in one of these words (or names the drug).
_TAKING = re.compile(
    r"\b(?:on|taking|took|take|tried|using|used|stopped|quit|started)\s+"
    r"(?:it|this|them|the\s+(?:pills?|meds?|drug|medication|medicine|tablets?))\b",
    re.IGNORECASE,
)
# "since I started it 4 months ago": the time since starting is the time on the drug
_SINCE_STARTED = re.compile(
    r"\bsince\s+(?:i\s+)?(?:started|began|starting)\b(?:\s+[\w']+){0,3}\s+$", re.IGNORECASE
)
# "clear for 3 years", "been off it for a month", "symptom-free for a year": time after the drug
_OFF_DRUG_BEFORE = re.compile(
    r"\b(?:clear|free|off(?:\s+(?:of\s+)?(?:it|them|the\s+\w+))?|in\s+remission|without\s+"
    r"(?:it|them)|since\s+(?:i\s+)?(?:stopped|quit))\s+$",
    re.IGNORECASE,
)
# "... 2 years since I stopped": the time since stopping, not the time on the drug
_SINCE_STOPPING_AFTER = re.compile(
    r"\s+since\s+(?:i\s+)?(?:stopped|quit|came\s+off|went\s+off|got\s+off|finished|my\s+last)\b",
    re.IGNORECASE,
)
# "... for 2 yrs before I gave in and went on estradiol": the time before the drug was started
_BEFORE_START_AFTER = re.compile(
    r"\s+before\s+(?:i\s+)?(?:[\w']+\s+){0,3}?(?:started|starting|went\s+on|going\s+on|began|"
    r"tried|trying|switched|got\s+(?:put\s+)?on|was\s+(?:put|started)\s+on)\b",
    re.IGNORECASE,
)
# "a 6 month course", "6 day pack": the length prescribed, not the time the commenter took it
_COURSE_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:courses?|packs?|supply|prescriptions?|scripts?|regimens?|trials?|tapers?)\b",
    re.IGNORECASE,
)
# "41 days without a cigarette", "3 years smoke-free": time free of a habit, not time on the drug
_ABSTINENT_AFTER = re.compile(
    r"\s+(?:without\s+(?:a\s+(?:single\s+)?|any\s+)?(?:cigarettes?|smokes?|fags?|drinks?|puffs?|"
    r"alcohol|nicotine)\b|(?:smoke|nicotine|alcohol|drink)[- ]free\b|sober\b|clean\b)",
    re.IGNORECASE,
)
# "3 months in and I was done", "Two years in now.": time into the treatment
_IN_AFTER = re.compile(r"\s+in(?=\s+(?:now|and|but|so|i|i'm|it)\b|\s*[.,;:!)]|\s*$)", re.IGNORECASE)
# "Two years now and I still only need the 50": a clause opening on the time so far on the drug
_NOW_AFTER = re.compile(r"\s+now\b(?!\s+(?:since|that|i\s+(?:have|had|was|am)))", re.IGNORECASE)
# "a regular 7 hours", "I get 6 hours", "slept 8 hours": hours of sleep, not time on the drug
_SLEEP_AMOUNT_BEFORE = re.compile(
    r"(?:\b(?:a|an)\s+(?:[\w-]+\s+)?|\b(?:sleep|slept|sleeping|get|got|getting|gives?\s+me|"
    r"gave\s+me)\s+(?:[\w-]+\s+)?)$",
    re.IGNORECASE,
)
_FIRST_PERSON_BEFORE = re.compile(r"\bi(?:'m|'ve|'d)?\b|\bi am\b|\bi have\b", re.IGNORECASE)
_STOP_BEFORE = re.compile(r"\b(?:stopped|quit|gave\s+up|discontinued|came\s+off)\b", re.I)
_TIMING_AFTER = re.compile(r"\s+(?:before|after|later|apart|prior)\b", re.IGNORECASE)
_WAIT_BEFORE = re.compile(r"\bwait(?:ed|ing|s)?\s+(?:for\s+)?$", re.IGNORECASE)
_EVERY_BEFORE = re.compile(r"\bevery\s+(?:other\s+|\d+\s*(?:-|to|or)\s*)?$", re.IGNORECASE)
_RATE = re.compile(r"\b(?:times|twice|once|per|mg|mcg|ml)\s+$")
_PARTIAL = re.compile(r"^(?:diminisher:|hedge:somewhat)")
_LIFE_CHANGING = re.compile(
    r"changed my life|saved my (?:life|sanity|marriage|skin|job|career)|life ?saver|miracle|godsend|"
    r"wonder drug|game[- ]?changer|best (?:thing|decision) i (?:ever )?(?:did|took|tried|done|made)|(?:gave|got) me my "
    r"life back|got my life back",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ExperienceCue:
    """One span behind an experience field."""

    category: str  # use | dose | duration | outcome
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Experience:
    """The commenter's own experience with the drug."""

    first_person_use: bool = False
    dose: str | None = None
    duration: str | None = None
    outcome: str = "unknown"
    evidence: tuple[ExperienceCue, ...] = field(default_factory=tuple)


def _number(raw: str) -> str:
    """Return a number word or numeral as digits ("two" -> "2", ".25" -> "0.25")."""
    word = raw.lower().strip()
    if word in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[word])
    if word in {"a few", "several"}:
        return word
    word = word.replace(",", ".")
    if word.startswith("."):
        word = "0" + word
    return word


def normalise_dose(num: str, unit: str) -> str:
    """Return "<number> <unit>" with the unit abbreviated ("20 milligrams" -> "20 mg")."""
    return f"{_number(num)} {_UNITS[unit.lower()]}"


# abbreviated units as commenters write them: "8 yrs", "3 wks", "6 mths"
_UNIT_ABBREV = {"hr": "hour", "wk": "week", "mo": "month", "mth": "month", "yr": "year"}


def normalise_duration(num: str, unit: str) -> str:
    """Return "<number> <unit(s)>" ("two weeks" -> "2 weeks", "a day" -> "1 day", "8 yrs" ->
    "8 years")."""
    n = _number(num)
    unit = unit.lower().rstrip("s")
    unit = _UNIT_ABBREV.get(unit, unit)
    return f"{n} {unit}" if n == "1" else f"{n} {unit}s"


_UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "night": 1, "week": 7, "month": 30}
_UNIT_DAYS["year"] = 365


def _days(value: str) -> float | None:
    """Return a normalised duration ("8 months") in days, or None ("since 2018", "a few days")."""
    parts = value.split()
    if len(parts) != 2 or parts[1].rstrip("s") not in _UNIT_DAYS:
        return None
    try:
        return float(parts[0]) * _UNIT_DAYS[parts[1].rstrip("s")]
    except ValueError:
        return None


# the commenter's age now: "I'm 31 now", "59 and still on Estrace", "I am 45 years old"
_CURRENT_AGE = re.compile(
    r"\b(?:i'?m|i\s+am)\s+(?:now\s+)?(?P<a>\d{2})\b(?!\s*(?:mg|mcg|ml|%|lbs?|kg|pounds|stone|"
    r"days?|weeks?|months?|hours?|x\b|years?\s+(?:on|of|in|since|ago|into)))"
    r"|(?:\A|(?<=[.!?\n])\s*)(?P<b>\d{2})\s+(?:and|now)\s+(?:still|now|i|i'm|been)\b"
    r"|\b(?P<c>\d{2})\s*(?:years?\s+old|yrs?\s+old|yo|y/o)\b",
    re.IGNORECASE,
)


def _since_age_as_years(norm: str, durations: list[ExperienceCue]) -> list[ExperienceCue]:
    """Return the durations with "since age 23" turned into years when the commenter's age now is
    stated ("since I was 23, I'm 31 now" -> "8 years")."""
    m = _CURRENT_AGE.search(norm)
    if m is None:
        return durations
    now = int(m.group("a") or m.group("b") or m.group("c"))
    out = []
    for c in durations:
        if c.value.startswith("since age ") and 0 < now - int(c.value.split()[-1]) < 80:
            c = replace(c, value=normalise_duration(str(now - int(c.value.split()[-1])), "years"))
        out.append(c)
    return out


def _longest(durations: list[ExperienceCue]) -> str | None:
    """Return the longest stated duration (the time on the drug, not a titration step), else the
    first one: "started on 25mg for a week then 50mg, been on it about 8 months now" is 8 months.
    """
    if not durations:
        return None
    measured = [(d, c) for c in durations if (d := _days(c.value)) is not None]
    return max(measured, key=lambda m: m[0])[1].value if measured else durations[0].value


def _clause_bounds(norm: str, pos: int) -> tuple[int, int]:
    """Return [start, end) of the clause around `pos` (sentence cut at commas and semicolons)."""
    s_start, s_end = sentence_bounds(norm, pos)
    start = max(s_start, max(norm.rfind(c, s_start, pos) for c in ",;") + 1)
    ends = [i for i in (norm.find(c, pos, s_end) for c in ",;") if i >= 0]
    return start, (min(ends) if ends else s_end)


def _own(norm: str, cue) -> bool:
    """Return True when a stance cue is the commenter's own: "I" within 3 words before or in it,
    or the cue opens its sentence with no subject (a diary's "Tapered off with my GP.").
    """
    s_start = sentence_bounds(norm, int(cue.start))[0]
    cue_text = norm[int(cue.start) : int(cue.end)]
    if _OTHER_SUBJECT.match(cue_text):
        return False  # "He stopped it": the cue names its own subject, someone else
    if _ME_OBJECT.search(cue_text) and not _RELATIVE_NP.search(norm, s_start, int(cue.end)):
        return True  # "Consultant switched me to Trelegy": the commenter is the one switched
    if not norm[s_start : int(cue.start)].strip(" \t\n-*\u2022"):
        return True
    if stance.TOLD_TO_STOP in stance.rule_flags(cue.rule):
        # "my doctor took me off it", "dr said stop": the commenter's, unless someone else is named
        return not _NOT_OWN.search(norm, s_start, int(cue.end))
    window_start = max(s_start, int(cue.start) - 25)
    return bool(_FIRST_PERSON_BEFORE.search(norm, window_start, int(cue.end)))


# a cue that opens with its own subject, someone else: "He stopped", "my husband quit"
_OTHER_SUBJECT = re.compile(
    r"(?:he|she|they|his|her|their)\b|(?:my|our)\s+(?!own\b)\w+\s+(?:stopped|quit|came|"
    r"went|got|gave|switched)\b",
    re.IGNORECASE,
)
_ME_OBJECT = re.compile(r"\b(?:switched|changed|moved)\s+me\b", re.I)


def _counted(cue) -> bool:
    return float(cue.weight) > 0


def _use_cues(text: str, norm: str, drug, cues: tuple) -> list[ExperienceCue]:
    """Return the spans showing the commenter took the drug."""
    out = [
        ExperienceCue("use", "true", text[s:e], s, e)
        for _, s, e in lexicon_matches(text, drug, use_only=True)
    ]
    out += _cooccurrence_use(text, norm, drug)
    out += _diary_use(text, norm, drug)
    out += [replace(c, category="use", value="true") for c in _own_stops(text, norm, drug)]
    out += _felt_use(text, norm, drug, cues)
    for cue in cues:
        if (
            cue.category in {"discontinuation", "continuation"}
            and _counted(cue)
            and not stance.about_another(cue)
            and _own(norm, cue)
            and not _other_drug_after(norm, cue, drug)
        ):
            s, e = int(cue.start), int(cue.end)
            out.append(ExperienceCue("use", "true", text[s:e], s, e))
    out = [
        c
        for c in out
        if not _prescribed_not_taken(norm, c)
        and not _planned_start(norm, c)
        and not _RELATIVE_NP.match(norm, max(0, c.end - 2))
    ]
    return sorted(set(out), key=lambda c: (c.start, c.end))


# modifiers that make a cue no report of the writer's own time on the drug
_NOT_FELT = ("hypothetical", "question", "reported", "hearsay", "off_target", "off_drug")
_ME = re.compile(r"\bme\b", re.IGNORECASE)  # "works for me", "gives me the squits"
_I = re.compile(r"\bi(?:'m|'ve|'d|'ll)?\b|\bive\b|\bim\b", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
# a sentence about those the writer treats or sees ("the people I hand it to", "my patients")
_CARER = re.compile(
    r"\b(?:people|patients|clients|customers|folks|cases|caseload|clinic|practice|prescrib\w*)\b",
    re.I,
)


def _felt_use(text: str, norm: str, drug, cues: tuple) -> list[ExperienceCue]:
    """Return the spans of effects the writer felt from the drug: use shown by what it did.

    "It took the edge off, I'll give it that", "colchicine works for me", "even the low dose
    gives me the squits", "with aimovig I've had no side effects": a side effect the effects
    component gives to the writer (experiencer self, not negated) in a sentence that refers to the
    drug, or a counted efficacy cue the writer speaks of ("for me" / "me" in its sentence, or, not
    negated, an "I" in its sentence or the cue opening it), or a counted evaluation naming "me"
    in its own span ("the only thing that has ever given me"). The sentence needs a first-person word
    outside quotes and must not be about patients, people, a caseload or prescribing (_CARER), nor
    another person or a plan (_NOT_OWN).
    """
    if drug is None:
        return []
    refs = stance.reference_pattern(drug)
    out = []
    for cue in cues:
        mods = [str(m) for m in cue.modifiers]
        if any(m.startswith(_NOT_FELT) for m in mods) or stance.about_another(cue):
            continue
        s, e = int(cue.start), int(cue.end)
        s_start, s_end = sentence_bounds(norm, s)
        if _NOT_OWN.search(norm, s_start, s_end):
            continue
        # "'it's the only reason I sleep' is the sedation talking": a quoted "I" is someone else
        unquoted = _QUOTED.sub(" ", norm[s_start:s_end])
        me = _FIRST_PERSON.search(unquoted)
        negated = any(m.startswith("negated") for m in mods)
        if me is None or _CARER.search(norm, s_start, s_end):
            felt = False
        elif cue.category == "harm" and "experiencer:self" in mods:
            felt = not negated and bool(refs.search(norm, s_start, s_end))
        elif cue.category == "efficacy" and _counted(cue):
            # "It took the edge off, I'll give it that": the writer speaks of their own course
            felt = bool(_ME.search(norm, s_start, s_end)) or (
                not negated and (_own(norm, cue) or bool(_I.search(unquoted)))
            )
        elif cue.category == "evaluation" and _counted(cue):
            # "the only thing that has ever given me a regular 7 hours": what it gave the writer
            felt = not negated and bool(_ME.search(norm, s, e))
        else:
            felt = False
        if felt:
            out.append(ExperienceCue("use", "true", text[s:e], s, e))
    return out


# "first pill is tomorrow", "starting the 150mg tomorrow", "I start it next Monday", "haven't
# started it yet": the start lies ahead, so the sentence's use words describe a plan
_PLANNED_START = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?|first\s+(?:pill|dose|tablet|capsule|shot|injection|jab)"
    r"(?:\s+is|'s|\s+will\s+be)?)\b(?:\s+[\w'.]+){0,4}?\s+(?:tomorrow|tonight|next\s+(?:week|month|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on\s+(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|in\s+(?:a|one|two|\d+)\s+(?:days?|weeks?))\b"
    r"|\b(?:haven'?t|have\s+not|not)\s+(?:actually\s+)?started\s+(?:\w+\s+){0,2}?yet\b",
    re.IGNORECASE,
)


def _planned_start(norm: str, cue: ExperienceCue) -> bool:
    """Return True when a use span sits in a sentence that puts the start in the future."""
    s_start, s_end = sentence_bounds(norm, cue.start)
    return bool(_PLANNED_START.search(norm, s_start, s_end))


# "I was prescribed it but never took it", "just got prescribed 20mg, haven't picked it up yet":
# a prescription is use only if the commenter went on to take it
_PRESCRIBED = re.compile(r"\b(?:prescribed|given|prescription)\b", re.IGNORECASE)
_NOT_TAKEN = re.compile(
    r"\b(?:never|didn'?t|did\s+not|haven'?t|have\s+not|not)\s+(?:actually\s+|even\s+|yet\s+)?"
    r"(?:took|taken|take|filled|started|tried|opened|picked\s+(?:it|them)\s+up)\b",
    re.IGNORECASE,
)


def _prescribed_not_taken(norm: str, cue: ExperienceCue) -> bool:
    """Return True when a use span sits in a sentence about a prescription not (yet) taken: the
    prescription itself, or the negated "never took it" after it ("didn't take it long enough",
    "wish I had never taken it" say it was taken, and name no prescription).
    """
    s_start, s_end = sentence_bounds(norm, cue.start)
    if not _PRESCRIBED.search(norm, s_start, s_end):
        return False
    return bool(_NOT_TAKEN.search(norm, s_start, s_end))


_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|im|ive|me|my)\b", re.IGNORECASE)
# "my husband", "our neighbour", "my father in law": another person, though "my" is first person
_RELATIVE = (
    r"\b(?:my|his|her|our)\s+(?:wife|husband|son|daughter|mom|mum|mother|dad|father|friend|"
    r"cousin|buddy|sister|brother|partner|patients?|kids?|child|grandm\w+|grandf\w+|grandpa|gran|nan|"
    r"aunt|auntie|uncle|niece|nephew|neighbou?r|coworker|co-worker|colleague|boss|roommate|fianc[eé]e?|"
    r"in-laws?|stepdad|stepmom|stepmum)(?:[- ]in[- ]law)?\b"
)
_RELATIVE_NP = re.compile(_RELATIVE, re.IGNORECASE)
# A sentence about someone else, a plan, a condition or a question reports no use of one's own.
_NOT_OWN = re.compile(
    _RELATIVE + r"|"
    r"\b(?:he|she|they|his|her|their)\b|\b(?:if|whether|should i|would|thinking about|considering|"
    r"will|want(?:s|ed)?\s+me)\b|\?|\b(?:people|patients|someone|anyone|everyone|them|kids|children)\s+on\b|"
    # other people as the subject: "the reason people give up on it", "most patients stay on it"
    r"\b(?:people|patients|folks|users)\s+(?:[\w']+\s+){1,3}?on\b|"
    # a plan is not use yet: "my GP is putting me on 20mg", "I start next Monday on 20mg"
    r"\b(?:is|are|'s|'re)\s+(?:putting|starting|switching|moving)\s+me\b|\bnext\s+(?:week|month|"
    r"year|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\btomorrow\b|"
    r"\b(?:going to|gonna|about to|plan(?:ning)? to)\b|"
    # advice received: "every time someone tells me to just take a prilosec"
    r"\b(?:someone|somebody|people|everyone|everybody|anyone|they)\s+(?:tells?|told|says?|said)\s+"
    r"(?:me\s+)?to\b",
    re.IGNORECASE,
)
_USE_DOSE = r"(?:\d+(?:\.\d+)?\s*(?:mg|mgs|mcg|milligrams?))"
# Experience keeps its own sentence splitter rather than analysis.sentences.split_sentences: it
# cuts at every . ! ? and newline, as frames.sentence_bounds does for the rest of this module, and
# the use rules were tuned on those pieces. pysbd's sentences are longer: it joins "relapses.I
# first started out with 300mg" and "sedative effect.when i took the tablet" (no space after the
# stop) and keeps "37.5 mg" and "(15 - 20?) after taking it" whole. As _cooccurrence_use takes one
# use per sentence and lets a "?" or a clause's "he"/"if" veto it, a longer piece loses uses (and
# a piece cut at "37." finds none). Swapping the splitter changed the use evidence of 44 of 3,107
# Druglib reviews and first_person_use of 10 (checked in the tidy7 clean-up).
# a point between digits ("37.5") ends no sentence, as in frames.sentence_bounds
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)\.(?=\d))+[.!?]*")


@lru_cache(maxsize=64)
def _use_predicate(drug: DrugTarget) -> re.Pattern[str]:
    """Return the regex of a use verb with the drug, a reference to it or a dose within 5 words."""
    ref = stance.reference_pattern(drug).pattern
    return re.compile(
        rf"\b(?:on|take|took|taking|taken|started|starting|tried|trying|tapering|tapered|weaning|"
        rf"weaned|lasted|been on|was on)\b(?:\s+\w+){{0,5}}?\s+(?:{ref}|{_USE_DOSE})"
        rf"|\bi\s+lasted\s+(?:about\s+|only\s+|just\s+|maybe\s+)?(?:\d+|a|one|two|three|four|five|"
        rf"six)\s+(?:days?|weeks?|months?)\b"
        rf"|\b(?:a|the)\s+(?:med|medication|drug|pill)s?\s+i(?:'ve| have)?\s+(?:taken|took|been "
        rf"taking)"
        # "took the first one on an empty stomach", "had my second dose": a dose of the drug taken
        rf"|\b(?:took|taken|had|swallowed)\s+(?:the|my)\s+(?:first|second|third|next|last|"
        rf"morning|evening|night(?:ly)?)\s+(?:one|dose|pill|tablet|capsule|puff)s?\b",
        re.IGNORECASE,
    )


def _cooccurrence_use(text: str, norm: str, drug) -> list[ExperienceCue]:
    """Return use spans of sentences with a first-person word and a use verb on the drug or a dose.

    "been on 100mg for 4 months", "i lasted 3 months on atorvastatin", "a med I've taken for 6
    years"; not when the sentence is conditional, a question, a plan, or about someone else.
    """
    if drug is None:
        return []
    use = _use_predicate(drug)
    out = []
    for m in _SENTENCE.finditer(norm):
        sentence = m.group(0)
        u = use.search(sentence)
        if u is None or sentence.rstrip().endswith("?"):
            continue
        # "my husband" is another person: the sentence needs a first-person word of its own
        if not _FIRST_PERSON.search(_RELATIVE_NP.sub(" ", sentence)):
            continue
        # someone else, a plan or a condition counts when it governs the use: before the verb in
        # its clause ("if I took it", "my wife was on it"), not in a later clause ("… on 10mg
        # but I can't tell if that's the Lipitor")
        clause_start = max(sentence.rfind(c, 0, u.start()) for c in ",;")
        clause_start = max(clause_start, sentence.lower().rfind(" but ", 0, u.start())) + 1
        if _NOT_OWN.search(sentence, clause_start, u.end()):
            continue
        a, b = m.start() + u.start(), m.start() + u.end()
        out.append(ExperienceCue("use", "true", text[a:b], a, b))
    return out


_SCHEDULE = (
    r"(?:(?:every|each)\s+(?:other\s+)?(?:morning|night|evening|day|week|bedtime)|daily|nightly|"
    r"at\s+(?:night|bedtime)|in\s+the\s+(?:morning|evening)|once|twice|\d+\s+times|a\s+day|"
    r"per\s+day|since\s+(?:19|20)\d\d|for\s+(?:the\s+(?:past|last)\s+)?(?:about\s+)?"
    rf"{_NUM}\s+(?:days?|weeks?|months?|years?|yrs?))\b"
)
_COPULA = (
    r"(?:is|was|are|were|isn't|wasn't|can|could|may|might|should|would|will|must|has|have|had|"
    r"does|did|do|helps?|helped|works?|worked|makes?|made|causes?|caused|seems?)\b"
)
_AMOUNT = (
    rf"(?:{_USE_DOSE}|(?:\d+|one|two|three|four|a|half\s+a|half)\s+(?:puffs?|pumps?|sprays?|"
    r"tablets?|tabs?|pills?|capsules?|caps|drops?|patch(?:es)?|sachets?))"
)


@lru_cache(maxsize=64)
def _diary_patterns(drug: DrugTarget) -> tuple[re.Pattern[str], ...]:
    """Return the regexes of a diary's subjectless use sentences and of use implied by other words."""
    ref = stance.reference_pattern(drug).pattern
    return (
        # a verbless regimen opening the sentence: "Spiriva every morning since 2016", "50mg at
        # night, 2 years.", "Oestrogel 2 pumps a day", "3 weeks in on 25mg"
        re.compile(
            rf"^[\s\-*\u2022]*(?:(?:{ref})|{_AMOUNT})(?!\s+{_COPULA})(?:,?\s+[\w'-]+){{0,4}}?,?\s+"
            rf"{_SCHEDULE}"
            rf"|^[\s\-*\u2022]*{_NUM}\s+(?:days?|weeks?|months?|years?|yrs?)\s+in\s+on\s+"
            rf"(?:{ref}|{_USE_DOSE})",
            re.IGNORECASE,
        ),
        # a subjectless past use: "Used to be on macrodantin", "Tried the 50 and then ..."
        re.compile(
            r"^[\s\-*\u2022]*(?:used\s+to\s+(?:be\s+on|take)|was\s+on|tried|took|started\s+on)\s+"
            rf"(?:(?:the|my|some)\s+)?(?:{ref}|{_USE_DOSE}|(?<=the\s)\d+(?:\.\d+)?\b"
            r"(?!\s*(?:%|hours?|days?|weeks?|months?|years?|times|of|mg|mcg)\b))",
            re.IGNORECASE,
        ),
        # "started 37.5 on monday": a subjectless start with a bare dose (not "2 weeks", a year)
        re.compile(
            rf"^[\s\-*\u2022]*started\s+(?:on\s+|at\s+)?(?!(?:19|20)\d\d\b){_BARE_NUM}{_BARE_END}",
            re.IGNORECASE,
        ),
        # "Down 31kg in 10 months on Mounjaro", "lost 3 stone on it": the writer's weight on it
        re.compile(
            r"^[\s\-*\u2022]*(?:down|lost|up|gained|put\s+on)\s+(?:\d+(?:\.\d+)?|a|half\s+a)\s*"
            r"(?:kg|kgs|kilos?|lbs?|pounds|stone|st)\b(?:\s+[\w'-]+){0,5}?\s+on\s+"
            rf"(?:{ref})",
            re.IGNORECASE,
        ),
        # "take it again" presupposes a first time: "dunno if I'd take it again", "never again"
        re.compile(
            r"\b(?:i|i'd|i'll|id)\b(?:\s+[\w']+){0,3}?\s+(?:take|try|use|go\s+on)\s+"
            rf"(?:{ref})\s+again\b",
            re.IGNORECASE,
        ),
        # "topiramate was the one that actually worked for me", "Macrobid is my go to"
        re.compile(
            rf"(?:{ref})\s+(?:was|is|has\s+been)\s+(?:(?:the\s+(?:[\w-]+\s+){{0,2}}?(?:one|thing|"
            r"drug|med|medication|medicine|pill)|what)\s+(?:that\s+|which\s+)?(?:\w+\s+){0,2}?"
            r"(?:worked|helped|works|helps|did\s+it|fixed\s+it)\s+(?:for\s+)?(?:me|my)\b|"
            # "Macrobid is my go to", "it's been my lifesaver"
            r"my\s+(?:go[- ]?to|lifesaver|life\s+saver|saviou?r|rescue))",
            re.IGNORECASE,
        ),
    )


def _diary_use(text: str, norm: str, drug) -> list[ExperienceCue]:
    """Return use spans of a diary's subjectless regimen or past use, and of use implied by
    "take it again" or "X was the one that worked for me" (questions skipped)."""
    if drug is None:
        return []
    out = []
    for m in _SENTENCE.finditer(norm):
        sentence = m.group(0)
        if sentence.rstrip().endswith("?"):
            continue
        for pattern in _diary_patterns(drug):
            u = pattern.search(sentence)
            if u is not None:
                a, b = m.start() + u.start(), m.start() + u.end()
                out.append(ExperienceCue("use", "true", text[a:b], a, b))
                break
    return out


# "they changed me to cefalexin", "consultant switched me to Trelegy": moved off the drug
_MOVED_ME = re.compile(
    r"\b(?:switched|changed|moved|put)\s+me\s+(?:over\s+)?(?:on)?to\s+", re.IGNORECASE
)
# "then i gave up", "i gave up on it", a diary's "... over 4 months and gave up": a stop of one's
# own at the end of its clause ("gave in and went on it" is a start)
_GAVE_UP = re.compile(
    r"(?:\bi|(?<=\w)\s+(?:and|then))\s+(?:just\s+|finally\s+|eventually\s+)?gave\s+up"
    r"(?:\s+on\s+(?:it|them))?"
    r"(?=\s*(?:[^\w\s']|$|and\b|then\b|after\b|because\b|cos\b|as\b))",
    re.IGNORECASE,
)


# what a prescriber moves one on to that is not the target: "another one", "something else", or a
# generic-looking name (drugs.INN_STEMS, plus the cephalosporins' leading stem and a few endings
# too short or too broad for the shared list: cefalexin, citalopram, pioglitazone, ...)
_OTHER_TREATMENT = re.compile(
    rf"(?:another|a\s+different|something\s+else|a\s+new)\b|{INN_STEM_RE}\b|"
    r"(?:cef|ceph)\w+\b|[a-z]*(?:pram|glitazone|mab|xetine)\b",
    re.IGNORECASE,
)


def _moved_to_other(norm: str, pos: int, drug) -> bool:
    """Return True when "switched me to" at `pos` is followed by another drug, not the target."""
    after = norm[pos : pos + 40]
    if drug is not None and stance.reference_pattern(drug).match(after):
        return False
    return other_drug_follows(norm, pos, drug) or bool(_OTHER_TREATMENT.match(after))


def _own_stops(text: str, norm: str, drug) -> list[ExperienceCue]:
    """Return the commenter's stops that stance's cues miss: being moved to another drug ("they
    changed me to cefalexin") and "i gave up" in a sentence naming the drug."""
    if drug is None:
        return []
    out = []
    ref = stance.reference_pattern(drug)
    for m in _MOVED_ME.finditer(norm):
        s_start, _ = sentence_bounds(norm, m.start())
        if _moved_to_other(norm, m.end(), drug) and not _RELATIVE_NP.search(
            norm, s_start, m.start()
        ):
            out.append(
                ExperienceCue(
                    "outcome", "discontinued", text[m.start() : m.end()], m.start(), m.end()
                )
            )
    for m in _GAVE_UP.finditer(norm):
        s_start, s_end = sentence_bounds(norm, m.start())
        sentence = norm[s_start:s_end]
        about = ref.search(sentence) or any(p.search(sentence) for p in _diary_patterns(drug)[:2])
        if about and not _NOT_OWN.search(norm, s_start, m.start()):
            out.append(
                ExperienceCue(
                    "outcome", "discontinued", text[m.start() : m.end()], m.start(), m.end()
                )
            )
    return out


# "Started on 25mg and worked up to 50 twice a day", "started 50 mcg, now 88": a titration step
# after a dose; the dose reached is the current one (the coders' preferred value)
_TITRATION = re.compile(
    r"[^.!?\n]{0,60}?\b(?:worked|went|moved|built|titrated|increased|upped|bumped|stepped|raised|"
    r"dropped|reduced|cut|came|tapered|lowered|now|up)\s+(?:(?:it|me|myself)\s+)?(?:(?:up|down|back)"
    r"\s+)?(?:(?:to|on|at)\s+)?(?:the\s+)?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>milligrams?|micrograms?|"
    r"mg|mcg|ml)?(?!\w|\.\d)(?!\s*(?:%|hours?|hrs?|days?|weeks?|months?|years?|yrs?|times|x|lbs?|kg|"
    r"pounds|stone|minutes?|mins?|am|pm|o'clock)\b)",
    re.IGNORECASE,
)


_TITRATION_NOT = re.compile(
    r"\b(?:will|could|can|may|might|would|should|going\s+to|gonna|want(?:s|ed)?\s+to|plan\w*|"
    r"if|as\s+needed|max(?:imum)?)\b",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    r"\s*(?:a\s+day|per\s+day|daily|a\s+night|x\b|tablets?|tabs?|pills?|capsules?|caps?)",
    re.IGNORECASE,
)


def _titrated(text: str, norm: str, dose: ExperienceCue) -> ExperienceCue:
    """Return the last dose a titration chain reaches from `dose` ("started on 25mg and worked up
    to 50" -> 50 mg), the unit carried over when the later number has none; else `dose`."""
    unit = dose.value.split()[1]
    pos, found = dose.end, None
    while (m := _TITRATION.match(norm, pos)) is not None:
        if _TITRATION_NOT.search(norm, pos, m.start("num")):
            break  # "they will up me to 75 mg", "could go up to 200 mg as needed": not taken
        if not m.group("unit") and _COUNT_AFTER.match(norm, m.end()):
            break  # "now down to 1 a day": a number of tablets
        found, pos = m, m.end()
    if found is None:
        return dose
    value = normalise_dose(found.group("num"), found.group("unit") or unit)
    a, b = found.start("num"), found.end()
    return ExperienceCue("dose", value, text[a:b], a, b)


def _doses(text: str, norm: str, drug) -> list[ExperienceCue]:
    """Return every dose of the drug in the text (amounts in a clause about another drug skipped)."""
    out = []
    for m in _DOSE.finditer(norm):
        if _another_drugs_clause(norm, m.start(), drug):
            continue
        value = normalise_dose(m.group("num"), m.group("unit"))
        out.append(ExperienceCue("dose", value, text[m.start() : m.end()], m.start(), m.end()))
    return sorted(out + _bare_doses(text, norm, drug, out), key=lambda c: c.start)


def _another_drugs_clause(norm: str, pos: int, drug) -> bool:
    """Return True when the clause around `pos` names another drug and not this one."""
    others = other_drugs_pattern(drug)
    if others is None:
        return False
    c_start, c_end = _clause_bounds(norm, pos)
    own = drug.pattern() if drug is not None else None
    return bool(others.search(norm, c_start, c_end)) and not (
        own and own.search(norm, c_start, c_end)
    )


# A number with no unit is a dose only where nothing else fits: after the drug's name ("Mounjaro
# 7.5 for 5 months", "venlafaxine 75 XL") or a start ("started 37.5 on Monday"), and after a
# titration verb ("up to 150, then 225") only when the comment has given a dose already; never a
# year, and never before a word that makes it a count of something else.
_BARE_NUM = r"(?P<num>\d{1,4}(?:\.\d+)?)"
_BARE_END = (
    r"(?=\s*(?:xl|xr|sr|er|cr|la)\b|\s+(?:on|at|for|and|then|since|now|daily|nightly|every)\b"
    r"|\s*[,;:!?)]|\s*\.(?!\d)|\s*$)"
)
_BARE_START = re.compile(
    rf"\b(?:started|starting|began|beginning)\s+(?:on\s+|at\s+)?{_BARE_NUM}{_BARE_END}",
    re.IGNORECASE,
)
_BARE_TITRATION = (
    re.compile(
        rf"\b(?:(?:went|go|going|was\s+put|put\s+me|moved)\s+)?(?:up|down|back\s+down|back\s+up)"
        rf"\s+to\s+{_BARE_NUM}{_BARE_END}",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<=,\s)then\s+{_BARE_NUM}{_BARE_END}", re.IGNORECASE),
)


# a unit-less number after "up to" in a clause about a reading is that reading, not a dose
_READING = re.compile(
    r"\b(?:cholest\w*|ldl|hdl|a1c|hba1c|levels?|limit|range|readings?|scores?|counts?|pressure|"
    r"bp|sugars?|glucose|weight|weigh|kg|lbs?|pounds|stone|cigarettes|cigs|fags|smok\w*|a\s+day)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _bare_after_name(drug: DrugTarget) -> re.Pattern[str]:
    """Return the regex of a unit-less number right after the drug's name ("Mounjaro 7.5")."""
    return re.compile(rf"(?:{drug.pattern().pattern})\s+{_BARE_NUM}{_BARE_END}", re.IGNORECASE)


def _bare_doses(text: str, norm: str, drug, found: list[ExperienceCue]) -> list[ExperienceCue]:
    """Return the doses written without a unit (read in the unit of the comment's other doses, or mg)."""
    if drug is None:
        return []
    unit = found[0].value.split()[-1] if found else "mg"
    taken = [(c.start, c.end) for c in found]
    out: list[ExperienceCue] = []

    def add(m: re.Match) -> None:
        a, b = m.span("num")
        num = m.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", num) or any(x < b and a < y for x, y in taken):
            return
        if _another_drugs_clause(norm, a, drug):
            return  # "Also Wellbutrin, starting at 50": another drug's dose
        out.append(ExperienceCue("dose", f"{_number(num)} {unit}", text[a:b], a, b))
        taken.append((a, b))

    for m in _bare_after_name(drug).finditer(norm):
        add(m)
    for m in _BARE_START.finditer(norm):
        add(m)
    if found or out:
        for pattern in _BARE_TITRATION:
            for m in pattern.finditer(norm):
                c_start = _clause_bounds(norm, m.start())[0]
                if not _READING.search(norm, c_start, m.start()):
                    add(m)
    return out


_START_VERB = (
    r"\b(?:started|began|begun|switched\s+(?:over\s+)?to|changed\s+(?:over\s+)?to|moved\s+(?:over\s+)?to|"
    r"went\s+on(?:\s+to)?|put\s+(?:me\s+)?on|started\s+me\s+on|got\s+(?:put\s+)?on)\s+"
    r"(?:on\s+|taking\s+|using\s+)?"
)


@lru_cache(maxsize=64)
def _started_drug(drug: DrugTarget) -> re.Pattern[str]:
    """Return the regex of a start verb with the drug right after it ("switched to lisinopril")."""
    ref = stance.reference_pattern(drug).pattern
    return re.compile(_START_VERB + rf"(?:{ref})", re.IGNORECASE)


def _started_ago(norm: str, m: re.Match, drug) -> bool:
    """Return True when "<N> ago" dates the start of the drug in its clause: "switched to it about
    2 years ago", "I started lisinopril 4 months ago" (time on it since), not "my hip broke 2 years
    ago"."""
    if drug is None:
        return False
    c_start = _clause_bounds(norm, m.start())[0]
    return bool(_started_drug(drug).search(norm, c_start, m.start()))


def _about_taking(norm: str, pos: int, drug, anchors: list[int]) -> bool:
    """Return True when the sentence around `pos` is about taking the drug."""
    s_start, s_end = sentence_bounds(norm, pos)
    if any(s_start <= a < s_end for a in anchors):
        return True
    sentence = norm[s_start:s_end]
    return bool(_TAKING.search(sentence) or (drug is not None and drug.pattern().search(sentence)))


# "I've had restless legs for 6 years", "suffered with migraines for 20 years": the condition's time
_HAD_CONDITION_BEFORE = re.compile(
    r"\b(?:i'?ve|i\s+have|i\s+had|i'?d|i\s+have\s+been|i'?ve\s+been)\s+(?:had|suffered|suffering|"
    r"lived|living|dealt|dealing|battled|battling|struggled|struggling)\b"
    r"(?:\s+(?:from|with))?((?:\s+[\w'-]+){1,4})\s+$",
    re.IGNORECASE,
)


def _had_condition(norm: str, start: int, drug) -> bool:
    """Return True when the duration at `start` follows "I've had <something not the drug> for"."""
    m = _HAD_CONDITION_BEFORE.search(norm, max(0, start - 80), start)
    if m is None:
        return False
    return drug is None or not stance.reference_pattern(drug).search(m.group(1))


def _durations(text: str, norm: str, drug, anchors: list[int]) -> list[ExperienceCue]:
    """Return the durations stated in sentences about taking the drug."""
    out = []
    for m in _DURATION.finditer(norm):
        # "Two years in now", "Week 6 now": time into the treatment, whatever else the sentence says
        if (m.group("prep") or "").lower() == "within" and not _STOP_BEFORE.search(
            norm, _clause_bounds(norm, m.start())[0], m.start()
        ):
            continue  # "within an hour I was sick": onset ("I stopped it within 2 months" is not)
        if (m.group("unit") or "").lower().startswith("hour") and (
            _TIMING_AFTER.match(norm, m.end())
            or _WAIT_BEFORE.search(norm, max(0, m.start() - 12), m.start())
        ):
            continue  # "one hour before bedtime", "wait for an hour": timing of a dose
        # "the whole 5 days": the course the comment is about, whatever else the sentence says
        whole = bool(re.match(r"the\s+(?:whole|entire)\b", m.group(0), re.IGNORECASE))
        if (
            (m.group("unit") or "").lower().startswith("hour")
            and not m.group("prep")
            and _SLEEP_AMOUNT_BEFORE.search(norm, max(0, m.start() - 24), m.start())
        ):
            continue  # "given me a regular 7 hours", "I get 6 hours": sleep, not time on the drug
        into = (
            whole
            or bool(m.group("ord") or m.group("ord2"))
            or (bool(m.group("unit")) and bool(_IN_AFTER.match(norm, m.end())))
            or (
                bool(m.group("unit"))
                and not m.group("prep")
                and bool(_NOW_AFTER.match(norm, m.end()))
                and not norm[_clause_bounds(norm, m.start())[0] : m.start()].strip()
            )
        )
        if not into and not _about_taking(norm, m.start(), drug, anchors):
            continue
        if m.group("ord") or m.group("ord2"):
            value = normalise_duration(
                m.group("ord") or m.group("ord2"), m.group("ord_unit") or m.group("ord_unit2")
            )
            out.append(
                ExperienceCue("duration", value, text[m.start() : m.end()], m.start(), m.end())
            )
            continue
        if m.group("age"):
            value = f"since age {m.group('age')}"
            out.append(
                ExperienceCue("duration", value, text[m.start() : m.end()], m.start(), m.end())
            )
            continue
        if _BEFORE_START_AFTER.match(norm, m.end()):
            continue  # "sage tablets for 2 yrs before I went on estradiol": time before the drug
        if _SINCE_STOPPING_AFTER.match(norm, m.end()):
            continue  # "it's been 2 years since I stopped": time off the drug
        if not m.group("since"):
            before = norm[max(0, m.start() - 8) : m.start()].lower()
            if (
                norm[m.end() : m.end() + 4].lower() == " ago"
                and not _SINCE_STARTED.search(norm, max(0, m.start() - 40), m.start())
                and not _started_ago(norm, m, drug)
            ):
                continue  # "2 years ago" is a date, unless "since I started it 4 months ago"
            if _ABSTINENT_AFTER.match(norm, m.end()):
                continue  # "41 days without a cigarette": time free of the habit
            if _RATE.search(before) and not m.group("prep"):
                continue  # "twice a day" is a frequency; "80 mg for 6 weeks" is a duration
            if (m.group("prep") or "").lower() == "in" and m.group("num").lower() in {"a", "an"}:
                continue  # "once in a day", "in a week I felt better": a rate or an onset
            if _EVERY_BEFORE.search(norm, max(0, m.start() - 16), m.start()):
                continue  # "a colonoscopy every 2 - 3 years": a frequency
            if _OFF_DRUG_BEFORE.search(norm, max(0, m.start() - 30), m.start()):
                continue  # "clear for 3 years", "been off it for a month": time since, not on it
            if (m.group("prep") or "").lower() == "for" and _had_condition(norm, m.start(), drug):
                continue  # "I've had restless legs for 6 years now": how long the condition lasted
            if m.group("num").lower() in {"a", "an"} and not m.group("prep"):
                continue
        if m.group("since"):
            value = f"since {m.group('since').lower()}"
        else:
            value = normalise_duration(m.group("num"), m.group("unit"))
        category = "duration_planned" if _COURSE_AFTER.match(norm, m.end()) else "duration"
        out.append(ExperienceCue(category, value, text[m.start() : m.end()], m.start(), m.end()))
    return out


_NEGATED_BEFORE = re.compile(
    r"\b(?:never|not|didn't|didnt|did not|won't|wouldn't|don't|can't|haven't|havent)\s+$"
)


def _not_stopping_target(norm: str, cue, drug) -> bool:
    """Return True when a discontinuation cue is negated ("I never quit taking it") or names
    another drug right after it ("came off ropinirole"): not stopping this drug.

    (some of stance's discontinuation cues take no object, e.g. "came off".)
    """
    before = norm[max(0, int(cue.start) - 12) : int(cue.start)].lower()
    return bool(_NEGATED_BEFORE.search(before)) or _other_drug_after(norm, cue, drug)


# "went off cigarettes", "got me off the fags", "quit drinking": a habit stopped, not the drug
_HABIT_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:the\s+|my\s+)?(?:cigarettes?|ciggies?|smoking|smokes|fags|tobacco|nicotine|"
    r"vaping|vapes?|alcohol|booze|drinking|the\s+drink)\b",
    re.IGNORECASE,
)


def _other_drug_after(norm: str, cue, drug) -> bool:
    """Return True when another drug or a habit is named right after a cue ("came off
    ropinirole", "went off cigarettes").

    "switched to Lexapro" leaves the target for the drug named after it: not another drug's stop.
    """
    if SWITCH_AWAY.fullmatch(norm[int(cue.start) : int(cue.end)]):
        return False
    return other_drug_follows(norm, int(cue.end), drug) or bool(
        _HABIT_AFTER.match(norm, int(cue.end))
    )


_FOR_ME_AFTER = re.compile(r"\s+(?:for|to)\s+me\b", re.IGNORECASE)
# stance's treated-symptom words that say the symptom went or shrank ("gone", "stopped", "fewer"),
# not those that only name it as the target ("for my", "treat", "control", "prevent") nor loose
# ones that sit as near a side effect ("the nausea would alleviate", "no relief", "improved")
_RELIEVED = re.compile(
    r"treated_symptom:(?:reduc|decreas|less|fewer|disappear|went\s+away|go(?:es)?\s+away|"
    r"resolved|vanish|stopped|gone|no\s+more|cured|clear)",
    re.IGNORECASE,
)
# "staying on it because the sweats were worse", "without it my breathing was worse": the
# condition off the drug, the reason to take it, not the drug making it worse
_WORSE_WITHOUT = re.compile(
    r"\b(?:without|off)\s+(?:it|them|"
    r"the\s+\w+)\b|\bbefore\s+(?:it|that|i\s+started)\b",
    re.IGNORECASE,
)


def _worse_without(norm: str, cue) -> bool:
    """Return True when a "worse" cue describes the condition off the drug (see _WORSE_WITHOUT)."""
    c_start = _clause_bounds(norm, int(cue.start))[0]
    s_start = sentence_bounds(norm, int(cue.start))[0]
    before = norm[c_start : int(cue.start)]
    if _WORSE_WITHOUT.search(before):
        return True
    # "Staying on it for now because ...": a continuation with its reason, in one sentence
    return bool(
        re.search(r"\b(?:staying|stay|still|keep|kept)\b", norm[s_start : int(cue.start)], re.I)
        and re.search(r"\b(?:because|cause|cos)\b", norm[s_start : int(cue.start)], re.I)
    )


# a symptom reduced, not gone: "a third fewer headaches", "flushes eased" (partial relief)
_REDUCED = re.compile(r"treated_symptom:(?:reduc|decreas|less|fewer)", re.I)


def replace_weight(cue):
    """Return a relieved-symptom harm cue as a positive efficacy cue of weight 1, diminished when
    the symptom was only reduced."""
    reduced = any(_REDUCED.match(str(m)) for m in cue.modifiers)
    modifiers = (*cue.modifiers, "diminisher:reduced") if reduced else cue.modifiers
    return replace(cue, category="efficacy", polarity=1, weight=1.0, modifiers=modifiers)


def _outcome(
    text: str, norm: str, cues: tuple, drug: DrugTarget | None = None
) -> tuple[str, ExperienceCue | None]:
    """Return the outcome and the cue behind it, from the stance cues of a first-person text."""
    stops = _own_stops(text, norm, drug)

    def cue_of(value: str, cue) -> ExperienceCue:
        s, e = int(cue.start), int(cue.end)
        return ExperienceCue("outcome", value, text[s:e], s, e)

    own = [c for c in cues if _counted(c) and not stance.about_another(c)]
    for cue in own:
        if (
            cue.category == "discontinuation"
            and cue.polarity < 0
            and _own(norm, cue)
            and not _not_stopping_target(norm, cue, drug)
        ):
            return "discontinued", cue_of("discontinued", cue)
    if stops:
        return "discontinued", stops[0]
    efficacy = [
        c
        for c in own
        if c.category == "efficacy"
        and not (stance.WORSE in stance.rule_flags(c.rule) and _worse_without(norm, c))
    ]
    # "hot flushes basically gone": stance weighs a relieved symptom of the condition as no harm;
    # for the outcome it is relief
    efficacy += [
        replace_weight(c)
        for c in cues
        if c.category == "harm"
        and not stance.about_another(c)
        and any(_RELIEVED.match(str(m)) for m in c.modifiers)
        # "no relief of the aches", "if the cramps stopped": not relieved
        and not any(str(m).startswith(("negated", "hypothetical")) for m in c.modifiers)
    ]
    positive = [c for c in efficacy if c.polarity > 0]
    negative = [c for c in efficacy if c.polarity < 0]
    pos_weight = sum(float(c.weight) for c in positive)
    neg_weight = sum(float(c.weight) for c in negative)
    worse = [c for c in negative if stance.WORSE in stance.rule_flags(c.rule)]
    if worse and sum(float(c.weight) for c in worse) >= pos_weight:
        return "worse", cue_of("worse", max(worse, key=lambda c: c.weight))
    # "worked brilliantly the first year, then the poop-out", "lost 14kg, then a plateau": an
    # effect that waned was an effect, so only a gain that waned is partial, not none
    waned = [c for c in negative if stance.PARTIAL in stance.rule_flags(c.rule)]
    unwaned = neg_weight - sum(float(c.weight) for c in waned)
    if waned and (unwaned < pos_weight if positive else len(waned) == len(negative)):
        return "partial", cue_of("partial", max(waned, key=lambda c: c.weight))
    if positive and pos_weight > neg_weight:
        best = max(positive, key=lambda c: c.weight)
        diminished = all(
            stance.PARTIAL in stance.rule_flags(c.rule)
            or any(_PARTIAL.match(str(m)) for m in c.modifiers)
            for c in positive
        )
        # "life-changing" outweighs a diminished wording ("fewer attacks"): it worked
        praised = any(
            c.category == "evaluation" and c.polarity > 0 and _LIFE_CHANGING.search(c.text)
            for c in own
        )
        value = "partial" if (diminished and not praised) or negative else "relief"
        return value, cue_of(value, best)
    if negative:
        return "none", cue_of("none", max(negative, key=lambda c: c.weight))
    for cue in own:
        # no efficacy wording at all, but an evaluation that can only mean it worked
        if cue.category == "evaluation" and cue.polarity > 0 and _LIFE_CHANGING.search(cue.text):
            return "relief", cue_of("relief", cue)
        # "the gel has been brilliant for me": a praise of what it did for the commenter
        if (
            cue.category == "evaluation"
            and cue.polarity > 0
            and _FOR_ME_AFTER.match(norm, int(cue.end))
            and not _NEGATED_BEFORE.search(norm[max(0, int(cue.start) - 12) : int(cue.start)])
        ):
            return "relief", cue_of("relief", cue)
    return "unknown", None


def experience_of(text: str, drug: DrugTarget | None, cues: Iterable = ()) -> Experience:
    """Return the commenter's experience with `drug` from `text` and its stance cues."""
    text = text or ""
    norm = normalise(text)
    cues = tuple(cues)
    uses = _use_cues(text, norm, drug, cues)
    doses = _doses(text, norm, drug)
    anchors = [c.start for c in uses + doses]
    anchors += [int(c.start) for c in cues if c.category in {"discontinuation", "continuation"}]
    found = _durations(text, norm, drug, anchors)
    durations = [c for c in found if c.category == "duration"] or [
        replace(c, category="duration")
        for c in found  # only the course length is stated
    ]
    first_person = bool(uses)
    outcome, outcome_cue = _outcome(text, norm, cues, drug) if first_person else ("unknown", None)
    evidence = uses + doses + durations + ([outcome_cue] if outcome_cue else [])
    if not first_person:
        # the codebook's dose and duration are the commenter's own: a relative's "for about a
        # year" or a clinician's "start low (25 mg)" is not
        doses, durations = [], []
    return Experience(
        first_person_use=first_person,
        dose=_titrated(text, norm, doses[0]).value if doses else None,
        duration=_longest(_since_age_as_years(norm, durations)),
        outcome=outcome,
        evidence=tuple(sorted(evidence, key=lambda c: (c.start, c.end, c.category))),
    )


def experience_rows(exp: Experience, article_id: str, comment_id) -> list[dict[str, object]]:
    """Return the evidence of one comment's experience as rows of the experience_evidence table."""
    return [
        {
            "article_id": article_id,
            "comment_id": comment_id,
            "category": c.category,
            "value": c.value,
            "text": c.text,
            "start": c.start,
            "end": c.end,
        }
        for c in exp.evidence
    ]
