"""Read an exported article page (title, date, author, sections, comments) into tidy DataFrames.

The page format is documented in docs/page-format.md. Every recoverable problem is recorded as a
`Problem` (file, line, message) and never drops data; a file that is not such a page raises
`PageFormatError`, the one documented exception of this module.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from .drugs import DrugTarget, drug_from_body, guess_drug, infer_drug, lookup_drug
from .model import PageFormatError, PageTables, Problem

__all__ = ["PageFormatError", "load_page", "parse_page", "slugify", "decode_bytes"]

COMMENT_COUNT_RE = re.compile(r"^(?P<n>\d+|no|one)\s+comments?$", re.IGNORECASE)
# Count lines of other comment widgets: "Comments (4)", "4 Responses", "Showing 4 comments",
# "Comments: 4", "4 comments so far", WordPress '4 thoughts on "<title>"'.
COUNT_VARIANT_RE = re.compile(
    r"^(?:(?:showing\s+)?(?P<n>\d+|no|one)\s+"
    r"(?:comments?|responses?|replies|reply|thoughts?|reactions?)"
    r"(?:\s+so\s+far|\s+(?:on|to)\s+\S.*)?"
    r"|(?:comments?|responses?|replies|discussion)\s*(?:\((?P<p>\d+)\)|:\s*(?P<c>\d+)))$",
    re.IGNORECASE,
)
# A bare heading over the comments; it counts only when a comment or the end marker follows.
COMMENTS_HEADING_RE = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+)?(?:comments|responses|discussion|join the discussion)$",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)(?:[•●▪◦·*]\s*|[-–—]\s+)(?P<rest>.*)$")
PLACEHOLDER = "image placeholder"
# Bullet texts that are an avatar image's alt text rather than the commenter's name.
AVATAR_RE = re.compile(
    r"avatar|\bimage\b|\bphoto\b|\bpicture\b|\bpic\b|gravatar|profile|\bicon\b|^\[.*\]$",
    re.IGNORECASE,
)
# The line that ends the comments: the export's "Write a comment", and other sites' forms ("Leave
# a Reply Cancel reply", "Post a Comment", "Join the discussion").
END_MARKER_RE = re.compile(
    r"^(?:write|leave|post|add|submit|join|start|have your say)\b(?:\s+(?:a|an|your|the))?"
    r"\s*(?:comment|reply|response|discussion|conversation|thoughts?)\b",
    re.IGNORECASE,
)
MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
DATE_RE = re.compile(
    rf"^(?P<month>{MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    r"(?:\s*(?:at|@|,|-)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$")
# Other timestamp shapes, tried when the two above fail (docs/page-format.md lists them).
TIME_PART = (
    r"(?:\s*(?:at|@|,|-|·)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::\d{2})?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?)?$"
)
DMY_RE = re.compile(
    rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<month>{MONTHS})\.?,?\s+(?P<year>\d{{4}})"
    + TIME_PART,
    re.IGNORECASE,
)
MDY_RE = re.compile(
    rf"^(?P<month>{MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    + TIME_PART,
    re.IGNORECASE,
)
NUMERIC_DATE_RE = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})\.?" + TIME_PART,
    re.IGNORECASE,
)
RFC2822_RE = re.compile(
    r"^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}", re.IGNORECASE
)
ISO_SPACED_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)\s+(?:Z|[+-]\d{2}:?\d{2})$"
)
# Decorations around a timestamp: "Posted", "Edited", "(edited)", "on", weekdays, zone names.
STAMP_LEAD_RE = re.compile(
    r"^(?:(?:posted|published|edited|last edited|updated|last updated|commented)\b\s*(?:on|at)?\s*:?\s*"
    r"|on\s+|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)",
    re.IGNORECASE,
)
STAMP_TRAIL_RE = re.compile(
    r"\s*(?:[·•|,-]\s*)?(?:\(\s*edited\s*\)|edited|\(\s*updated\s*\)|updated"
    r"|\(?\b(?:UTC|GMT|Z|[ECMP][SD]T|AK[SD]T|HST|BST|IST|CES?T|EES?T|WES?T|AES?T|AEDT|NZ[SD]T|JST"
    r"|KST|SGT|HKT|MSK)\b(?:\s*[+-]\d{1,2}(?::?\d{2})?)?\)?)$",
    re.IGNORECASE,
)
# A line that merely looks like a timestamp (digits, a month or a time) is a malformed timestamp,
# not the first paragraph of the comment.
TIMESTAMPISH_RE = re.compile(rf"(?:\b(?:{MONTHS})\b.*\d|\d{{1,2}}:\d{{2}}|\d{{4}})", re.IGNORECASE)
# Relative times as comment widgets show them ("2 days ago", "yesterday at 2:37 AM").
RELATIVE_RE = re.compile(
    r"^(?:(?:about|over|almost|nearly)\s+)?(?:\d+|an?|one)\s+"
    r"(?:s|sec|second|m|min|minute|h|hr|hour|d|day|w|wk|week|mo|month|y|yr|year)s?\.?\s+ago\.?$"
    r"|^(?:just now|moments? ago|last (?:week|month|year)"
    r"|(?:today|yesterday)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?)$",
    re.IGNORECASE,
)
# Words a timestamp line is made of; a line mostly of these (with a digit) reads as a timestamp.
DATE_WORDS = set(
    (
        f"{MONTHS} mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday "
        "friday saturday sunday at on am pm a p m st nd rd th t z utc gmt edited posted updated "
        "est edt cst cdt mst mdt pst pdt bst cet cest ist aest"
    )
    .replace("|", " ")
    .split()
)
# Comment widgets' link and vote lines ("Reply", "Like · Reply · 3", "▲ 5 ▼", "Helpful (7)").
UI_WORDS = set(
    [
        "reply",
        "replies",
        "like",
        "likes",
        "liked",
        "unlike",
        "share",
        "report",
        "flag",
        "helpful",
        "unhelpful",
        "upvote",
        "upvotes",
        "downvote",
        "downvotes",
        "vote",
        "votes",
        "permalink",
        "quote",
        "edit",
        "delete",
        "translate",
    ]
)
UI_SYMBOLS = "▲▼△▽↑↓⬆⬇👍👎"
UI_TOKEN_RE = re.compile(rf"[^\W\d_]+|\d+|[{UI_SYMBOLS}]")
# Decorations after a commenter's name: "says:", "(Verified)", a check mark.
AUTHOR_DECORATION_RE = re.compile(
    r"\s*(?:\b(?:says|said|wrote|writes)\s*:|\((?:verified|author|admin|moderator|staff)\)"
    r"|[✔✓☑✅])\s*$",
    re.IGNORECASE,
)
# "Name on <timestamp>", "Name · <timestamp>", "Name | <timestamp>" on one line.
AUTHOR_STAMP_SPLIT_RE = re.compile(r"\s+(?:on|at|said on|[·•|—–-])\s+", re.IGNORECASE)
HEADING_MAX_WORDS = 20
SENTENCE_END = (".", "!", "…", '"', "”", "'", ")")


@dataclass
class _Line:
    no: int  # 1-based line number in the file
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def indent(self) -> int:
        return len(self.raw) - len(self.raw.lstrip(" \t"))


@dataclass
class _Comment:
    line: int
    depth_indent: int
    author: str | None = None
    posted_at: datetime | None = None
    posted_at_raw: str | None = None
    paragraphs: list[list] = field(default_factory=list)
    text_indent: int | None = None


def slugify(name: str, max_len: int = 80) -> str:
    """Return a filesystem-safe slug: lower-case ASCII letters, digits and single hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:max_len].strip("-")
    return slug or "page"


def decode_bytes(raw: bytes, path: str, problems: list[Problem]) -> str:
    """Return the text of a page's bytes (UTF-8 with or without BOM, else cp1252 with a warning)."""
    if not raw.strip():
        raise PageFormatError(path, "file is empty")
    if b"\x00" in raw[:4096]:
        raise PageFormatError(path, "binary file (contains NUL bytes), not a text export")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(path, line, "warning", "not valid UTF-8; decoded as cp1252 (Windows-1252)")
        )
        return raw.decode("cp1252", errors="replace")


def _stamp(year: int, month: int, day: int, match: re.Match) -> datetime | None:
    """Return the datetime of a date and a TIME_PART match (None when out of range)."""
    try:
        hour = int(match["hour"]) if match["hour"] else 0
        if match["ampm"]:
            pm = match["ampm"].lower().startswith("p")
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if pm else 0)
        minute = int(match["minute"]) if match["minute"] else 0
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _month_no(name: str) -> int:
    return datetime.strptime(name.lower()[:3], "%b").month


def _numeric_date(text: str) -> tuple[datetime | None, bool]:
    """Return (datetime, ambiguous) of a numeric date: day and month told apart by a field > 12."""
    match = NUMERIC_DATE_RE.match(text)
    if not match:
        return None, False
    a, b = int(match["a"]), int(match["b"])
    year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        month, day = a, b
    elif a == b:
        day = month = a
    else:
        return None, True
    return _stamp(year, month, day, match), False


def _parse_plain(text: str) -> datetime | None:
    """Return the datetime of an undecorated timestamp, or None."""
    match = DATE_RE.match(text)
    if match:
        return _stamp(int(match["year"]), _month_no(match["month"]), int(match["day"]), match)
    spaced = ISO_SPACED_RE.match(text)
    if ISO_RE.match(text) or spaced:
        try:
            stamp = pd.Timestamp(spaced[1] if spaced else text)
        except ValueError:
            return None
        # Page times carry no zone elsewhere; keep all times naive and comparable.
        return stamp.tz_localize(None).to_pydatetime() if stamp.tzinfo else stamp.to_pydatetime()
    for pattern in (MDY_RE, DMY_RE):
        match = pattern.match(text)
        if match:
            return _stamp(int(match["year"]), _month_no(match["month"]), int(match["day"]), match)
    if RFC2822_RE.match(text):
        try:
            return email.utils.parsedate_to_datetime(text).replace(tzinfo=None)
        except (TypeError, ValueError, IndexError):
            return None
    return _numeric_date(text)[0]


def _undecorated(text: str) -> str:
    """Return a timestamp without 'Posted'/'Edited'/'on'/weekday before it and zone/'(edited)' after."""
    previous = None
    while previous != text:
        previous = text
        text = STAMP_TRAIL_RE.sub("", STAMP_LEAD_RE.sub("", text)).strip()
    return text


def parse_timestamp(text: str) -> datetime | None:
    """Return the datetime written in `text` ('April 29, 2023 AT 00:48', ISO 8601), or None.

    Also read: day-month-year, unambiguous numeric dates, RFC 2822, and all of these decorated
    with 'Posted', 'Edited', '(edited)', a leading 'on' or weekday, or a trailing zone name.
    """
    text = text.strip()
    stamp = _parse_plain(text)
    if stamp is None and text:
        cleaned = _undecorated(text)
        if cleaned and cleaned != text:
            stamp = _parse_plain(cleaned)
    return stamp


def ambiguous_numeric_date(text: str) -> bool:
    """Return True for a numeric date whose day and month cannot be told apart (04/05/2023)."""
    return _numeric_date(_undecorated(text.strip()))[1]


TAB_SIZE = 4  # columns to the next tab stop when indentation mixes tabs and spaces


def _normalise_indent(raw: str) -> str:
    """Return the line with its leading Unicode spaces (no-break, em, ...) as spaces, tabs expanded."""
    body = raw.lstrip()
    lead = raw[: len(raw) - len(body)]
    if lead.strip(" ") == "":
        return raw  # plain spaces (or nothing): unchanged
    lead = "".join(ch if ch == "\t" else " " for ch in lead)
    return lead.expandtabs(TAB_SIZE) + body


def _split_lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [
        _Line(i, _normalise_indent(raw.rstrip())) for i, raw in enumerate(text.split("\n"), start=1)
    ]


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype", "<html", "<?xml")) or "<body" in head or "<head>" in head


def _is_heading(block: list[_Line]) -> bool:
    """Return True when a one-line block reads as a heading rather than a paragraph."""
    if len(block) != 1:
        return False
    text = block[0].text
    return len(text.split()) <= HEADING_MAX_WORDS and not text.endswith(SENTENCE_END)


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Return runs of non-blank lines separated by blank lines."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _parse_header(
    lines: list[_Line], path: str, problems: list[Problem]
) -> tuple[str, str | None, datetime | None, int]:
    """Return title, author, publication date and the index of the first body line."""
    nonblank = [i for i, line in enumerate(lines) if line.text]
    if len(nonblank) > 1 and _BREADCRUMB.search(lines[nonblank[0]].text):
        # "Home » Health » Neurology" above the title: site navigation, not the title
        crumb = lines[nonblank[0]]
        problems.append(Problem(path, crumb.no, "info", f"breadcrumb line skipped {crumb.text!r}"))
        nonblank = nonblank[1:]
    title_idx = nonblank[0]
    title = lines[title_idx].text
    following = nonblank[1:6]
    # The export repeats the title after the date and author lines: that repeat marks a page.
    repeat = next((k for k, i in enumerate(following) if lines[i].text == title), None)
    if repeat is not None:
        header = [lines[i] for i in following[:repeat]]
        body_start = following[repeat] + 1
        problems.extend(_bullet_repeat_problems(lines[following[repeat]], path))
    else:
        # Without the repeated title, a date (alone or in a byline) must come within three lines.
        dated = next(
            (k for k, i in enumerate(following[:3]) if _header_date(lines[i].text) is not None),
            None,
        )
        first = lines[following[0]] if following else None
        if dated is None or first is None:
            raise PageFormatError(
                path,
                "not an article page: expected a publication date after the title "
                "(or the title repeated after date and author)",
                first.no if first else lines[title_idx].no,
            )
        header = [lines[i] for i in following[: dated + 1]]
        # An author line is a short name-like line after the date, unless a byline named one.
        second = lines[following[dated + 1]].text if len(following) > dated + 1 else ""
        has_author = any(_byline(line.text)[0] for line in header)
        if (
            not has_author
            and second
            and len(second.split()) <= 6
            and not second.endswith(SENTENCE_END)
        ):
            header.append(lines[following[dated + 1]])
        body_start = following[len(header) - 1] + 1

    published = author = None
    for line in header:
        if BULLET_RE.match(line.raw):
            problems.append(Problem(path, line.no, "warning", f"bullet in header {line.text!r}"))
            continue
        named, dated_by = _byline(line.text)
        if named and author is None:
            author = named
            if dated_by is not None and published is None:
                published = dated_by
            continue
        stamp = _header_date(line.text)
        if stamp is not None and published is None:
            published = stamp
        elif author is None and stamp is None and not TIMESTAMPISH_RE.fullmatch(line.text):
            author = line.text
        elif published is None:
            problems.append(
                Problem(path, line.no, "warning", f"unreadable publication date {line.text!r}")
            )
        else:
            problems.append(Problem(path, line.no, "warning", f"unexpected header {line.text!r}"))
    if published is None and not any("publication date" in p.message for p in problems):
        problems.append(Problem(path, lines[title_idx].no, "warning", "no publication date"))
    if author is None:
        problems.append(Problem(path, lines[title_idx].no, "warning", "no author line"))
    return title, author, published, body_start


def _bullet_repeat_problems(repeat: _Line, path: str) -> list[Problem]:
    """Return a warning when the line taken as the title's repeat is a bullet, else nothing."""
    if not BULLET_RE.match(repeat.raw):
        return []
    # A bulleted title repeated by a comment bullet ("• Image placeholder" twice): the bullet is
    # read as the export's title repeat, not as a comment, so it is named like other header bullets.
    message = f"bullet in header {repeat.text!r} taken as the repeated title"
    return [Problem(path, repeat.no, "warning", message)]


# Bylines: "By James Hines", "Written by James Hines | Updated Apr 28, 2023", "Posted on Apr 28,
# 2023 by James Hines". The author is read without the words around it; a date in it is the
# publication date.
_BYLINE_BY = re.compile(
    r"^(?:written\s+by|posted\s+by|author:|by)\s+(?P<author>[^|·•—–]+?)"
    r"(?:\s*[|·•—–]\s*(?P<date>.+))?$",
    re.IGNORECASE,
)
_BYLINE_ON = re.compile(
    r"^(?:(?:posted|published|updated|written)\s+)?(?:on\s+)?(?P<date>.+?)\s+by\s+(?P<author>.+)$",
    re.IGNORECASE,
)
_READ_TIME = re.compile(r"\s*[·•|]\s*\d+\s*min(?:ute)?s?\s+read\s*$", re.IGNORECASE)


_BREADCRUMB = re.compile(r"^[^»›>/]{1,40}(?:\s[»›>/]\s[^»›>/]{1,40}){2,}$")


def _byline(text: str) -> tuple[str | None, datetime | None]:
    """Return (author, date) from a byline, (None, None) when the line is no byline."""
    m = _BYLINE_BY.match(text)
    if m:
        date = m.group("date")
        return m.group("author").strip(), _header_date(date) if date else None
    m = _BYLINE_ON.match(text)
    if m:
        date = _header_date(m.group("date"))
        if date is not None:
            return m.group("author").strip(), date
    return None, None


def _header_date(text: str) -> datetime | None:
    """Return the date of a header line ("Apr 28, 2023", "Updated Apr 28, 2023 · 5 min read")."""
    stamp = parse_timestamp(_READ_TIME.sub("", text.strip()))
    return stamp if stamp is not None else _byline(text)[1]


def _mostly_date(text: str) -> bool:
    """Return True when a short line is made (almost) only of date and time tokens."""
    tokens = re.findall(r"[^\W\d_]+|\d+", text.lower())
    if len(text) > 60 or not any(t.isdigit() for t in tokens):
        return False
    dated = sum(t.isdigit() or t in DATE_WORDS for t in tokens)
    return dated / len(tokens) >= 0.75


def _timestamp_like(text: str) -> bool:
    """Return True when a line is a timestamp: readable, relative, or made of date tokens."""
    return (
        parse_timestamp(text) is not None
        or RELATIVE_RE.match(text) is not None
        or _mostly_date(text)
    )


def _next_nonblank(lines: list[_Line], i: int, n: int) -> list[_Line]:
    """Return up to n non-blank lines after lines[i]."""
    found: list[_Line] = []
    for line in lines[i + 1 :]:
        if line.text:
            found.append(line)
            if len(found) == n:
                break
    return found


# A name may end in an initial or a suffix ("Sam R.", "Ben O.", "J.R.", "Tom Smith Jr.").
NAME_INITIAL_END_RE = re.compile(r"(?:^|\s)(?:[^\W\d_]\.)+$|\b(?:jr|sr|ph\.d)\.$", re.IGNORECASE)
# Lower-case words that stand inside names ("Concerned Mom of 3", "Ana de la Cruz").
NAME_PARTICLES = frozenset(
    [
        *("of", "de", "del", "della", "der", "den", "di", "da", "das", "dos", "du"),
        *("la", "le", "las", "los", "van", "von", "bin", "ibn", "al", "el"),
    ]
)
# Lower-case words of sentences, never of a name: "Take vitamin D." is advice, not a commenter.
SENTENCE_WORDS = frozenset(
    [
        *("a", "an", "and", "or", "but", "so", "if", "then", "than", "the", "not", "no", "yes"),
        *("to", "for", "with", "about", "from", "into", "onto", "at", "in", "on", "by", "as"),
        *("i", "me", "my", "mine", "we", "our", "you", "your", "he", "she", "it", "its"),
        *("they", "them", "their", "this", "that", "these", "those", "just", "also", "too"),
        *("is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did"),
        *("have", "has", "had", "can", "could", "will", "would", "should", "may", "might"),
        *("must", "very", "really", "take", "took", "taking", "try", "tried", "ask", "asked"),
        *("get", "got", "use", "used", "stop", "stopped", "help", "helped", "helps", "work"),
        *("worked", "works"),
    ]
)


def _author_like(text: str) -> bool:
    """Return True when a line can be a commenter's name: at most 8 words, and no sentence.

    A name ending in an initial ("Sam R.") is a name, not a sentence ending in a full stop. A
    sentence shows in its lower-case words: common ones ("take", "about", "and"), or any word
    other than a particle after a capitalised one ("Take vitamin D.").
    """
    name = _undecorated_author(text)[0]
    words = name.split()
    if not words or len(words) > 8:
        return False
    if name.endswith(SENTENCE_END) and NAME_INITIAL_END_RE.search(name) is None:
        return False
    return len(words) == 1 or not any(_sentence_word(w, words[:k]) for k, w in enumerate(words))


def _sentence_word(word: str, before: list[str]) -> bool:
    """Return True when a word of a multi-word line belongs to a sentence, not to a name."""
    letters = word.strip(".,;:!?\"'()")
    if len(letters) <= 1 or not letters[:1].islower():
        return False  # an initial ("mike d"), a capitalised word, or no word at all
    if letters.lower() in SENTENCE_WORDS:
        return True
    capitalised = any(w[:1].isupper() for w in before)
    return capitalised and letters.lower() not in NAME_PARTICLES


def _is_avatar_alt(text: str) -> bool:
    """Return True when a bullet's text is an avatar image's alt text ('Avatar', 'Gravatar')."""
    return text.lower() == PLACEHOLDER or AVATAR_RE.search(text) is not None


def _bullet_role(lines: list[_Line], i: int) -> str | None:
    """Return how the bullet at lines[i] opens a comment, or None when it is not a comment bullet.

    "placeholder": the avatar bullet of the seed ("Image placeholder"), the author follows;
    "author": the bullet text is the author (the next line is a timestamp);
    "avatar": the bullet text is an avatar's alt text, the author follows, then the timestamp;
    "badge": the bullet text is the author, then a badge line, then the timestamp.
    """
    bullet = BULLET_RE.match(lines[i].raw)
    if not bullet:
        return None
    rest = bullet["rest"].strip()
    if rest.lower() == PLACEHOLDER:
        return "placeholder"
    following = _next_nonblank(lines, i, 2)
    if following and _timestamp_like(following[0].text):
        return "author" if rest and not _is_avatar_alt(rest) else "avatar"
    if following and not BULLET_RE.match(following[0].raw):
        # "Jess T · 14.03.2025 08:05": the author and timestamp share the next line
        name, _, raw = _split_author_stamp(following[0].text)
        if raw is not None and _author_like(name) and (not rest or _is_avatar_alt(rest)):
            return "avatar"
    if len(following) < 2 or not _timestamp_like(following[1].text):
        return None
    name = following[0].text
    if BULLET_RE.match(following[0].raw) or not _author_like(name):
        return None
    if not rest or _is_avatar_alt(rest) or name.lower() in rest.lower():
        return "avatar"
    return "badge"


def _is_end_marker(text: str) -> bool:
    """Return True for the line that ends the comments ('Write a comment' or another form's)."""
    return len(text) <= 60 and END_MARKER_RE.match(text) is not None


def _count_line(lines: list[_Line], i: int) -> tuple[bool, int | None]:
    """Return whether lines[i] is the comment count line (or bare heading), and the count."""
    line = lines[i]
    if line.indent != 0:
        return False, None
    match = COMMENT_COUNT_RE.match(line.text) or COUNT_VARIANT_RE.match(line.text)
    if match:
        word = next(g for g in match.groupdict().values() if g).lower()
        declared = {"no": 0, "one": 1}.get(word)
        return True, int(word) if declared is None else declared
    if COMMENTS_HEADING_RE.match(line.text):
        following = _next_nonblank(lines, i, 1)
        if following and (
            _is_end_marker(following[0].text)
            or _bullet_role(lines, following[0].no - 1) is not None
        ):
            return True, None
    return False, None


def _find_comment_start(lines: list[_Line], start: int) -> tuple[int | None, int | None, int]:
    """Return (index of the 'N Comments' line, declared count, index where comments begin)."""
    for i in range(start, len(lines)):
        is_count, declared = _count_line(lines, i)
        if is_count:
            return i, declared, i + 1
        if _bullet_role(lines, i) is not None:
            return None, None, i
    return None, None, len(lines)


def _parse_sections(body: list[_Line]) -> list[dict]:
    """Return sections (heading, paragraphs, line) from the article body's blocks."""
    sections: list[dict] = []
    for block in _blocks(body):
        if _is_heading(block):
            sections.append({"heading": block[0].text, "paragraphs": [], "line": block[0].no})
            continue
        if not sections:
            # Text before any heading is an untitled lead section, not discarded.
            sections.append({"heading": "", "paragraphs": [], "line": block[0].no})
        sections[-1]["paragraphs"].append("\n".join(line.text for line in block))
    return sections


def _parse_comments(
    lines: list[_Line], start: int, path: str, problems: list[Problem]
) -> tuple[list[_Comment], bool]:
    """Return the comments from lines[start:] and whether an end marker closed the section."""
    comments: list[_Comment] = []
    state = "text"  # after a bullet: "author" -> "time" -> "text" ("badge" after a named bullet)
    ended = False
    ignored: list[int] = []  # lines after the end marker that belong to no comment
    avatars: dict[str, list[int]] = {}  # avatar alt texts not taken as author, with their lines
    decorations: dict[str, list[int]] = {}  # decorations removed from author names
    for idx in range(start, len(lines)):
        line = lines[idx]
        text = line.text
        if not text:
            continue
        if _is_end_marker(text) and (not comments or line.indent < comments[0].depth_indent):
            ended = True
            continue
        bullet = BULLET_RE.match(line.raw)
        role = _bullet_role(lines, idx) if bullet else None
        if ended:
            # Past the end marker only a comment bullet counts; anything else is page furniture.
            if role is None:
                ignored.append(line.no)
                continue
            problems.append(Problem(path, line.no, "warning", "comment after 'Write a comment'"))
            ended = False
        current = comments[-1] if comments else None
        opens = bullet and (
            role is not None
            or current is None
            or current.text_indent is None
            or line.indent < current.text_indent
        )
        if opens:
            comment = _Comment(line=line.no, depth_indent=line.indent)
            rest = bullet["rest"].strip()
            state = "author"
            if role == "avatar" or not rest or _is_avatar_alt(rest):
                # An avatar's alt text is never the author, also on a bullet of unusual shape
                # (no timestamp in reach): the author line follows.
                if rest and rest.lower() != PLACEHOLDER:
                    avatars.setdefault(rest, []).append(line.no)
            elif role is None and not _author_like(rest):
                # No timestamp in reach and a sentence on the bullet: text, not the author.
                problems.append(_no_author(path, line.no, rest))
                comment.paragraphs.append([line.no, rest])
                state = "time"
            else:
                comment.author = _clean_author(rest, line.no, decorations)
                state = "badge" if role == "badge" else "time"
            comments.append(comment)
            continue
        if current is None:
            problems.append(
                Problem(path, line.no, "warning", "text before the first comment kept as comment")
            )
            current = _Comment(line=line.no, depth_indent=line.indent)
            comments.append(current)
            state = "text"
        if state == "badge":
            state = "time"
            problems.append(Problem(path, line.no, "info", f"author badge {text!r} not kept"))
            continue
        if state == "author":
            name, stamp, raw = (
                _split_author_stamp(text) if parse_timestamp(text) is None else (text, None, None)
            )
            if raw is not None:
                current.author = _clean_author(name, line.no, decorations)
                current.posted_at, current.posted_at_raw, state = stamp, raw, "text"
                continue
            if _timestamp_like(text):
                problems.append(Problem(path, line.no, "warning", "comment has no author line"))
                state = "time"
            elif _author_like(text):
                current.author, state = _clean_author(text, line.no, decorations), "time"
                continue
            else:
                # A sentence where the author belongs: no author, the line is text and a
                # timestamp may still follow it.
                problems.append(_no_author(path, line.no, text))
                current.paragraphs.append([line.no, text])
                if current.text_indent is None:
                    current.text_indent = line.indent
                state = "time"
                continue
        if state == "time":
            state = "text"
            stamp = parse_timestamp(text)
            if stamp is not None:
                current.posted_at, current.posted_at_raw = stamp, text
                continue
            if RELATIVE_RE.match(text):
                current.posted_at_raw = text
                problems.append(Problem(path, line.no, "warning", f"relative timestamp {text!r}"))
                continue
            if _timestamp_like(text):
                current.posted_at_raw = text
                what = (
                    "ambiguous numeric date"
                    if ambiguous_numeric_date(text)
                    else "unreadable comment timestamp"
                )
                problems.append(Problem(path, line.no, "warning", f"{what} {text!r}"))
                continue
            following = _next_nonblank(lines, idx, 1)
            if (
                following
                and _is_heading([line])
                and len(text.split()) <= 4
                and parse_timestamp(following[0].text) is not None
            ):
                # A badge line ("Top Commenter") between the author and the timestamp.
                problems.append(Problem(path, line.no, "info", f"author badge {text!r} not kept"))
                state = "time"
                continue
            problems.append(Problem(path, line.no, "warning", "comment has no timestamp"))
        if bullet:
            problems.append(
                Problem(path, line.no, "info", f"bullet line kept in comment text {text!r}")
            )
        if current.text_indent is None:
            current.text_indent = line.indent
        current.paragraphs.append([line.no, text])  # lines grouped into paragraphs below
    for comment in comments:
        _strip_ui_lines(comment, path, problems)
    for decoration, numbers in decorations.items():
        where = ", ".join(str(n) for n in numbers)
        problems.append(
            Problem(
                path,
                numbers[0],
                "info",
                f"{decoration!r} removed from author names (lines {where})",
            )
        )
    for alt, numbers in avatars.items():
        where = ", ".join(str(n) for n in numbers)
        problems.append(
            Problem(
                path, numbers[0], "info", f"avatar text {alt!r} not taken as author (lines {where})"
            )
        )
    if ignored:
        span = f"{ignored[0]}-{ignored[-1]}" if len(ignored) > 1 else str(ignored[0])
        problems.append(
            Problem(path, ignored[0], "warning", f"text after the comments ignored (lines {span})")
        )
    return comments, ended


def _undecorated_author(name: str) -> tuple[str, list[str]]:
    """Return the author name without 'says:', '(Verified)' or a check mark, and what was removed."""
    removed: list[str] = []
    while True:
        match = AUTHOR_DECORATION_RE.search(name)
        if not match or match.start() == 0:
            return name, removed
        removed.append(match.group().strip())
        name = name[: match.start()].rstrip()


def _no_author(path: str, line_no: int, text: str) -> Problem:
    """Return the warning for a comment whose author line reads as a sentence, kept as text."""
    return Problem(
        path, line_no, "warning", f"comment has no author line ({text!r} is no name; kept as text)"
    )


def _clean_author(name: str, line_no: int, decorations: dict[str, list[int]]) -> str:
    """Return the author name without 'says:', '(Verified)' or a check mark (noted by line)."""
    cleaned, removed = _undecorated_author(name)
    for decoration in removed:
        decorations.setdefault(decoration, []).append(line_no)
    return cleaned


def _split_author_stamp(text: str) -> tuple[str, datetime | None, str | None]:
    """Return (name, posted_at, raw timestamp) of 'Name on <timestamp>' ('Name · <timestamp>').

    The raw timestamp is None when no split leaves a readable or relative timestamp on the right.
    """
    for match in AUTHOR_STAMP_SPLIT_RE.finditer(text):
        name, raw = text[: match.start()].strip(), text[match.end() :].strip()
        if not name:
            continue
        stamp = parse_timestamp(raw)
        if stamp is not None or RELATIVE_RE.match(raw):
            return name, stamp, raw
    return text, None, None


def _ui_kind(text: str) -> str | None:
    """Return "ui" for a widget line, "number" for a bare count, None for text."""
    tokens = UI_TOKEN_RE.findall(text.lower())
    if not tokens or len(text) > 60:
        return None
    if not all(t.isdigit() or t in UI_WORDS or t in UI_SYMBOLS for t in tokens):
        return None
    return "number" if all(t.isdigit() for t in tokens) else "ui"


def _strip_ui_lines(comment: _Comment, path: str, problems: list[Problem]) -> None:
    """Drop the widget lines (Reply, Like, votes) that end a comment, naming them in an info."""
    cut = len(comment.paragraphs)
    while cut > 0:
        kind = _ui_kind(comment.paragraphs[cut - 1][1])
        # A bare number counts only next to a widget line below it ("12" above "Reply").
        if kind == "ui" or (kind == "number" and cut < len(comment.paragraphs)):
            cut -= 1
        else:
            break
    if cut == 0 or cut == len(comment.paragraphs):
        return  # no widget lines, or nothing else: a comment that is only "Like" keeps it
    stripped = comment.paragraphs[cut:]
    del comment.paragraphs[cut:]
    shown = ", ".join(repr(text) for _, text in stripped)
    problems.append(
        Problem(path, stripped[0][0], "info", f"reply/vote lines left out of the comment: {shown}")
    )


def _comment_text(comment: _Comment) -> str:
    """Return the comment's paragraphs joined by a blank line (consecutive lines stay together)."""
    paragraphs: list[list[str]] = []
    previous = None
    for no, text in comment.paragraphs:
        if previous is not None and no == previous + 1:
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
        previous = no
    return "\n\n".join("\n".join(p) for p in paragraphs)


COMMENT_COLUMNS = [
    "article_id",
    "comment_id",
    "position",
    "parent_id",
    "depth",
    "author",
    "posted_at",
    "posted_at_raw",
    "line",
    "text",
]
SECTION_COLUMNS = ["article_id", "section_no", "heading", "text", "paragraphs", "line"]


def _comments_frame(article_id: str, comments: list[_Comment]) -> pd.DataFrame:
    """Return the comments table with parent links worked out from bullet indentation."""
    rows = []
    stack: list[tuple[int, int]] = []  # (indent, comment_id) of open ancestors
    for position, comment in enumerate(comments, start=1):
        while stack and stack[-1][0] >= comment.depth_indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        rows.append(
            {
                "article_id": article_id,
                "comment_id": position,
                "position": position,
                "parent_id": parent,
                "depth": len(stack),
                "author": comment.author,
                "posted_at": pd.Timestamp(comment.posted_at) if comment.posted_at else pd.NaT,
                "posted_at_raw": comment.posted_at_raw,
                "line": comment.line,
                "text": _comment_text(comment),
            }
        )
        stack.append((comment.depth_indent, position))
    frame = pd.DataFrame(rows, columns=COMMENT_COLUMNS)
    frame["parent_id"] = frame["parent_id"].astype("Int64")
    frame["posted_at"] = pd.to_datetime(frame["posted_at"])
    return frame


def parse_page(
    text: str, path: str, *, sha256: str = "", drug: str | None = None, problems=None
) -> PageTables:
    """Return the tables of one page's decoded text; raise PageFormatError if it is not a page."""
    problems = [] if problems is None else problems
    if _looks_like_html(text):
        raise PageFormatError(path, "HTML markup, not a text export of the page", 1)
    lines = _split_lines(text)
    if not any(line.text for line in lines):
        raise PageFormatError(path, "file has no text")
    article_id = slugify(Path(path).stem)
    title, author, published, body_start = _parse_header(lines, path, problems)
    count_idx, declared, comments_start = _find_comment_start(lines, body_start)
    body_end = count_idx if count_idx is not None else comments_start
    sections = _parse_sections(lines[body_start:body_end])
    if not sections:
        problems.append(Problem(path, None, "warning", "article has no body text"))
    comments, ended = _parse_comments(lines, comments_start, path, problems)
    if count_idx is None and not comments:
        problems.append(Problem(path, None, "warning", "no comment section found"))
    if comments and not ended:
        problems.append(
            Problem(path, len(lines), "warning", "no 'Write a comment' line: page may be cut off")
        )
    if declared is not None and declared != len(comments):
        problems.append(
            Problem(
                path,
                lines[count_idx].no,
                "warning",
                f"page declares {declared} comments but {len(comments)} were parsed",
            )
        )
    for comment in comments:
        if not comment.paragraphs:
            problems.append(Problem(path, comment.line, "warning", "comment has no text"))

    target = lookup_drug(drug) if drug else infer_drug(title)
    if target is None:
        body = "\n".join(f"{s['heading']}\n" + "\n".join(s["paragraphs"]) for s in sections)
        target = guess_drug(title, body)
        from_body = drug_from_body(body) if target is None else None
        if from_body is not None:
            target, mentions = from_body
            problems.append(
                Problem(
                    path,
                    1,
                    "warning",
                    f"no drug named in the title: taken as {target.generic!r}, the drug the "
                    f"article names most ({mentions} times); use --drug to change it",
                )
            )
        elif target is None:
            problems.append(
                Problem(path, 1, "warning", "no known drug named in the title; use --drug")
            )
        else:
            also = f" (also: {', '.join(target.brands)})" if target.brands else ""
            problems.append(
                Problem(
                    path,
                    1,
                    "warning",
                    f"drug {target.generic!r}{also} is not in the drug table: taken from the "
                    "title; add it to drugs.csv (brands, misspellings, class) or use --drug",
                )
            )
    article = article_row(
        article_id,
        path,
        sha256,
        title=title,
        author=author,
        published=published,
        drug=target,
        declared=declared,
        parsed=len(comments),
    )
    return PageTables(
        article=article,
        sections=sections_frame(article_id, sections),
        sentences=pd.DataFrame(),
        comments=_comments_frame(article_id, comments),
        problems=problems,
        drug=target,
    )


def source_label(path: str | Path) -> str:
    """Return the input path as recorded in tables: relative to the project when inside it."""
    from .paths import PROJECT_ROOT

    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def article_row(
    article_id: str,
    source: str,
    sha256: str,
    *,
    title: str,
    author: str | None,
    published: datetime | None,
    drug: DrugTarget | None,
    declared: int | None,
    parsed: int,
) -> pd.DataFrame:
    """Return the one-row article table before measures are added."""
    article = pd.DataFrame(
        [
            {
                "article_id": article_id,
                "source": source_label(source),
                "sha256": sha256,
                "title": title,
                "author": author,
                "published": pd.Timestamp(published) if published else pd.NaT,
                "drug": drug.generic if drug else None,
                "declared_comments": declared,
                "parsed_comments": parsed,
            }
        ]
    )
    article["declared_comments"] = article["declared_comments"].astype("Int64")
    article["published"] = pd.to_datetime(article["published"])
    return article


def sections_frame(article_id: str, sections: list[dict]) -> pd.DataFrame:
    """Return the sections table from parsed sections (heading, paragraphs, line)."""
    return pd.DataFrame(
        [
            {
                "article_id": article_id,
                "section_no": no,
                "heading": s["heading"],
                "text": "\n\n".join(s["paragraphs"]),
                "paragraphs": len(s["paragraphs"]),
                "line": s["line"],
            }
            for no, s in enumerate(sections, start=1)
        ],
        columns=SECTION_COLUMNS,
    )


def plain_article(text: str, path: str) -> tuple[str, pd.DataFrame]:
    """Return the title (first non-blank line) and sections of an article given as plain text."""
    lines = _split_lines(text)
    nonblank = [i for i, line in enumerate(lines) if line.text]
    if not nonblank:
        raise PageFormatError(path, "file has no text")
    title = lines[nonblank[0]].text
    body = _parse_sections(lines[nonblank[0] + 1 :])
    return title, sections_frame(slugify(Path(path).stem), body)


def load_page(path: str | Path, *, drug: str | None = None) -> PageTables:
    """Return the tables of the page file at `path`; raise PageFormatError if it is not a page."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PageFormatError(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    problems: list[Problem] = []
    text = decode_bytes(raw, str(path), problems)
    return parse_page(
        text, str(path), sha256=hashlib.sha256(raw).hexdigest(), drug=drug, problems=problems
    )
