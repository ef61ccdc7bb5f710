"""The page loader on the seed, on every export variant, and on files that are not pages."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.drugs import drug_from_body, guess_drug
from analysis.loader import PageFormatError, _author_like, load_page, parse_timestamp, slugify

from conftest import FIXTURES, SEED_TEXT

HEADINGS = [
    "Understanding Restless Leg Syndrome and Its Impact on Life",
    "Baclofen: A Potential Treatment Option for Restless Leg Syndrome",
    "How Baclofen Works to Alleviate Restless Leg Syndrome Symptoms",
    "Studies and Clinical Trials on Baclofen for Restless Leg Syndrome",
    "Side Effects, Risks, and Considerations When Using Baclofen for RLS",
]
AUTHORS = ["Wiley William", "Tim H", "Umesh Sukhwani", "Vishnupriya Srivastava"]
STAMPS = ["2023-04-29 00:48", "2023-04-29 14:24", "2023-04-29 15:05", "2023-04-30 02:37"]


def seed_comment_texts() -> list[str]:
    """Return the four comment paragraphs as they stand in the raw file (4-space indented)."""
    lines = SEED_TEXT.splitlines()
    stamps = [i for i, line in enumerate(lines) if " AT " in line and line.startswith("    ")]
    return [lines[i + 2].strip() for i in stamps]


def messages(tables) -> str:
    return "\n".join(p.message for p in tables.problems)


class TestSeed:
    def test_header(self, seed_tables):
        article = seed_tables.article.iloc[0]
        assert article["title"] == "Baclofen and Restless Leg Syndrome: Can It Provide Relief?"
        assert article["author"] == "James Hines"
        assert article["published"] == pd.Timestamp("2023-04-28")
        assert article["article_id"] == "baclofen-restless-leg-syndrome"
        assert article["drug"] == "baclofen"
        assert len(article["sha256"]) == 64

    def test_sections_verbatim(self, seed_tables):
        sections = seed_tables.sections
        assert list(sections["heading"]) == HEADINGS
        assert list(sections["paragraphs"]) == [1, 1, 1, 1, 3]
        last = sections["text"].iloc[-1].split("\n\n")
        assert last[0].startswith("As with any medication, there are potential side effects")
        assert last[2].startswith("Ultimately, the decision to use Baclofen")
        for text in sections["text"]:
            for paragraph in text.split("\n\n"):
                assert paragraph in SEED_TEXT

    def test_comments(self, seed_tables):
        comments = seed_tables.comments
        assert list(comments["author"]) == AUTHORS
        assert list(comments["posted_at"]) == [pd.Timestamp(s) for s in STAMPS]
        assert list(comments["text"]) == seed_comment_texts()
        assert comments["parent_id"].isna().all()
        assert list(comments["comment_id"]) == [1, 2, 3, 4]

    def test_counts_reconciled_without_problems(self, seed_tables):
        assert seed_tables.article["declared_comments"].iloc[0] == 4
        assert seed_tables.article["parsed_comments"].iloc[0] == 4
        assert seed_tables.problems == []


class TestVariants:
    def test_crlf_and_bom_give_the_same_tables(self, seed_tables, write_page):
        text = "\ufeff" + SEED_TEXT.replace("\n", "\r\n")
        tables = load_page(write_page(text, name="baclofen-restless-leg-syndrome.txt"))
        pd.testing.assert_frame_equal(tables.comments, seed_tables.comments)
        pd.testing.assert_frame_equal(tables.sections, seed_tables.sections)
        assert tables.problems == []

    def test_cp1252_bytes_decoded_with_a_warning(self, write_page):
        text = SEED_TEXT.replace("Tim H", "Tím Hé").replace("• ", "* ")
        tables = load_page(write_page(text, encoding="cp1252"))
        assert tables.comments["author"].iloc[1] == "Tím Hé"
        assert "cp1252" in messages(tables)

    def test_one_comment(self, write_page):
        start = SEED_TEXT.index("  • Image placeholder\n\n    Tim H")
        end = SEED_TEXT.index("Write a comment")
        text = SEED_TEXT[:start].replace("4 Comments", "1 Comment") + SEED_TEXT[end:]
        tables = load_page(write_page(text))
        assert list(tables.comments["author"]) == ["Wiley William"]
        assert tables.problems == []

    def test_zero_comments(self, write_page):
        head = SEED_TEXT[: SEED_TEXT.index("4 Comments")]
        tables = load_page(write_page(head + "0 Comments\n\nWrite a comment"))
        assert tables.comments.empty
        assert tables.article["declared_comments"].iloc[0] == 0
        assert tables.problems == []

    def test_no_comment_section(self, write_page):
        head = SEED_TEXT[: SEED_TEXT.index("4 Comments")]
        tables = load_page(write_page(head))
        assert tables.comments.empty
        assert list(tables.sections["heading"]) == HEADINGS
        assert pd.isna(tables.article["declared_comments"].iloc[0])
        assert "no comment section" in messages(tables)

    def test_declared_count_differs(self, write_page):
        tables = load_page(write_page(SEED_TEXT.replace("4 Comments", "6 Comments")))
        assert len(tables.comments) == 4
        assert any(
            p.line == 31 and "declares 6 comments but 4 were parsed" in p.message
            for p in tables.problems
        )

    def test_cut_off_page_keeps_what_is_there(self, write_page):
        cut = SEED_TEXT[: SEED_TEXT.index("Umesh Sukhwani") + len("Umesh Sukhwani")]
        tables = load_page(write_page(cut))
        assert list(tables.comments["author"]) == AUTHORS[:3]
        assert pd.isna(tables.comments["posted_at"].iloc[2])
        text = messages(tables)
        assert "cut off" in text and "declares 4 comments but 3" in text

    def test_malformed_timestamp_keeps_comment(self, write_page):
        text = SEED_TEXT.replace("April 29, 2023 AT 14:24", "Apr 31, 2023 AT 25:61")
        tables = load_page(write_page(text))
        tim = tables.comments.iloc[1]
        assert tim["author"] == "Tim H" and pd.isna(tim["posted_at"])
        assert tim["posted_at_raw"] == "Apr 31, 2023 AT 25:61"
        assert tim["text"].startswith("bro i tried baclofen")
        assert any(p.line == 45 and "timestamp" in p.message for p in tables.problems)

    def test_missing_timestamp_keeps_text(self, write_page):
        text = SEED_TEXT.replace("    April 29, 2023 AT 14:24\n\n", "")
        tables = load_page(write_page(text))
        tim = tables.comments.iloc[1]
        assert pd.isna(tim["posted_at"]) and tim["text"].startswith("bro i tried baclofen")
        assert "no timestamp" in messages(tables)

    def test_threaded_replies_emoji_and_non_ascii(self):
        tables = load_page(FIXTURES / "pages" / "threaded-replies.txt")
        comments = tables.comments
        assert list(comments["author"]) == ["José Álvarez 😀", "Zoë O'Brien", "李小龍"]
        assert list(comments["parent_id"].astype("object").fillna(0)) == [0, 1, 0]
        assert list(comments["depth"]) == [0, 1, 0]
        assert comments["text"].iloc[0] == (
            "Requip worked for me for about a year.\n\n"
            "Then augmentation hit and my symptoms started in the afternoon."
        )
        assert comments["posted_at"].iloc[2] == pd.Timestamp("2024-05-04 19:45")
        assert tables.article["drug"].iloc[0] == "ropinirole"
        assert list(tables.sections["heading"]) == ["", "What the Trials Found"]
        assert tables.problems == []


class TestNotAPage:
    @pytest.mark.parametrize(
        ("content", "reason"),
        [
            (b"", "empty"),
            (b"   \n\n", "empty"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
            (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "HTML"),
            (b"Shopping list\n\neggs\nmilk\nbread\n", "publication date"),
        ],
    )
    def test_raises_documented_error_naming_file(self, write_page, content, reason):
        path = write_page(content, name="bad-input.txt")
        with pytest.raises(PageFormatError) as caught:
            load_page(path)
        assert str(path) in str(caught.value)
        assert reason in str(caught.value)

    def test_unrelated_text_names_the_line(self, write_page):
        path = write_page("Shopping list\n\neggs\nmilk\n", name="list.txt")
        with pytest.raises(PageFormatError) as caught:
            load_page(path)
        assert caught.value.line == 3
        assert re.search(r"list\.txt, line 3: ", str(caught.value))

    def test_missing_file(self, tmp_path):
        with pytest.raises(PageFormatError, match="cannot read"):
            load_page(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 29, 2023 AT 00:48", "2023-04-29 00:48"),
        ("Apr 28, 2023", "2023-04-28 00:00"),
        ("May 4, 2024 at 7:45 pm", "2024-05-04 19:45"),
        ("May 4, 2024 at 12:05 am", "2024-05-04 00:05"),
        ("2023-04-29T14:24:00", "2023-04-29 14:24"),
        ("2023-04-29T14:24:00+02:00", "2023-04-29 14:24"),
    ],
)
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == pd.Timestamp(expected)


@pytest.mark.parametrize("text", ["Feb 30, 2023", "April 29, 2023 AT 25:00", "13 pm", "yesterday"])
def test_parse_timestamp_rejects(text):
    assert parse_timestamp(text) is None


def test_slugify_is_filesystem_safe():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Baclofen & RLS (2023)!") == "baclofen-rls-2023"
    assert slugify("😀") == "page"


# Comment sections as other sites export them, built from the seed (docs/page-format.md).
HEAD = SEED_TEXT[: SEED_TEXT.index("4 Comments")]
SEED_STAMP_LINES = (
    "April 29, 2023 AT 00:48",
    "April 29, 2023 AT 14:24",
    "April 29, 2023 AT 15:05",
    "April 30, 2023 AT 02:37",
)


def comment_block(
    bullet=lambda author: "• Image placeholder",
    author=lambda author: author,
    stamps=SEED_STAMP_LINES,
    depths=(0, 0, 0, 0),
    text_indent=2,
    after=(),
) -> str:
    """Return the seed's four comments rendered with the given bullet, author and timestamp lines."""
    out = []
    for name, stamp, body, depth in zip(AUTHORS, stamps, seed_comment_texts(), depths, strict=True):
        pad = "  " + "    " * depth
        inner = pad + " " * text_indent if text_indent >= 0 else ""
        lines = [pad + bullet(name)]
        if author(name) is not None:
            lines.append(inner + author(name))
        if stamp is not None:
            lines.append(inner + stamp)
        lines += [inner + body] + [inner + extra for extra in after]
        out += [line + "\n\n" for line in lines]
    return "".join(out)


def page(block: str, count: str | None = "4 Comments", end: str = "Write a comment") -> str:
    return HEAD + (f"{count}\n\n" if count is not None else "") + block + end


class TestOtherSites:
    def assert_seed_comments(self, tables, parents=(None, None, None, None)):
        comments = tables.comments
        assert list(comments["author"]) == AUTHORS
        assert list(comments["posted_at"]) == [pd.Timestamp(s) for s in STAMPS]
        assert list(comments["text"]) == seed_comment_texts()
        assert [None if pd.isna(p) else p for p in comments["parent_id"]] == list(parents)
        assert list(tables.sections["heading"]) == HEADINGS

    def test_nested_avatar_bullet_with_author_and_stamp_on_one_line(self, write_page):
        dotted = dict(
            zip(
                AUTHORS,
                ("29.04.2023 00:48", "29.04.2023 14:24", "29.04.2023 15:05", "30.04.2023 02:37"),
                strict=True,
            )
        )
        block = comment_block(
            bullet=lambda a: "* [image]",
            author=lambda a: f"{a} · {dotted[a]}",
            stamps=(None,) * 4,
            depths=(0, 1, 0, 0),
        )
        tables = load_page(write_page(page(block)))
        assert list(tables.comments["author"]) == AUTHORS
        assert list(tables.comments["text"]) == seed_comment_texts()
        parents = [None if pd.isna(p) else p for p in tables.comments["parent_id"]]
        assert parents == [None, 1, None, None]

    def test_author_bullets_without_count_line(self, write_page):
        block = comment_block(bullet=lambda a: f"• {a}", author=lambda a: None)
        tables = load_page(write_page(page(block, count=None)))
        self.assert_seed_comments(tables)
        assert tables.problems == []

    def test_nested_author_bullets_are_replies(self, write_page):
        block = comment_block(bullet=lambda a: f"• {a}", author=lambda a: None, depths=(0, 1, 1, 0))
        tables = load_page(write_page(page(block)))
        self.assert_seed_comments(tables, parents=(None, 1, 1, None))
        assert tables.problems == []

    def test_author_bullets_with_flush_left_text(self, write_page):
        block = comment_block(bullet=lambda a: f"• {a}", author=lambda a: None, text_indent=-1)
        tables = load_page(write_page(page(block)))
        self.assert_seed_comments(tables)
        assert tables.problems == []

    def test_dash_bullets(self, write_page):
        block = comment_block(bullet=lambda a: f"- {a}", author=lambda a: None)
        tables = load_page(write_page(page(block)))
        self.assert_seed_comments(tables)

    @pytest.mark.parametrize(
        "alt", ["Avatar", "User avatar", "Profile photo of {a}", "[image]", "{a}", ""]
    )
    def test_avatar_alt_texts_are_not_authors(self, write_page, alt):
        block = comment_block(bullet=lambda a: f"• {alt.format(a=a)}".rstrip())
        tables = load_page(write_page(page(block)))
        self.assert_seed_comments(tables)
        assert all(p.severity == "info" for p in tables.problems)
        if alt:
            assert "avatar text" in messages(tables)

    @pytest.mark.parametrize("suffix", ["R.", "O.", "J.R.", "Jr."])
    def test_avatar_bullets_with_names_ending_in_an_initial(self, write_page, suffix):
        block = comment_block(bullet=lambda a: "• Avatar", author=lambda a: f"{a} {suffix}")
        tables = load_page(write_page(page(block)))
        assert list(tables.comments["author"]) == [f"{a} {suffix}" for a in AUTHORS]
        assert list(tables.comments["posted_at"]) == [pd.Timestamp(s) for s in STAMPS]
        assert list(tables.comments["text"]) == seed_comment_texts()
        assert all(p.severity == "info" for p in tables.problems)

    def test_avatar_bullets_with_a_nested_reply(self):
        """Invented page shaped like probes3/isotretinoin: '• Avatar' bullets, one deeper reply."""
        tables = load_page(FIXTURES / "pages" / "avatar-bullets-synthetic.txt")
        comments = tables.comments
        assert list(comments["author"]) == [
            "Nora Quinn",
            "pete.k",
            "Ines T.",
            "Dr. Omar Haddad",
            "WakeUpPeople",
            "gail_b",
            "Tomás V.",
            "Kay O.",
        ]
        assert comments["posted_at"].notna().all()
        assert comments["posted_at"].iloc[2] == pd.Timestamp("2024-06-05 07:40")
        assert list(comments["depth"]) == [0, 0, 1, 0, 0, 0, 0, 0]
        assert [None if pd.isna(p) else p for p in comments["parent_id"]] == [
            None,
            None,
            2,
            None,
            None,
            None,
            None,
            None,
        ]
        assert comments["text"].iloc[2] == (
            "Same weight gain here, it settled when my dose was lowered though."
        )
        assert comments["text"].iloc[7].startswith("It did nothing for me")
        assert tables.article["declared_comments"].iloc[0] == 8
        assert tables.article["parsed_comments"].iloc[0] == 8
        assert all(p.severity == "info" for p in tables.problems)
        assert "declares" not in messages(tables)
        assert "bullet line kept" not in messages(tables)

    def test_list_bullets_in_article_and_comment_stay_text(self, write_page):
        head = HEAD.replace("\nUltimately,", "\n- drowsiness\n\n- weakness\n\nUltimately,")
        body = seed_comment_texts()[1]
        text = (
            head
            + "4 Comments\n\n"
            + comment_block().replace(body, body + "\n\n    • day 1: sleepy\n\n    • day 2: fine")
            + "Write a comment"
        )
        tables = load_page(write_page(text))
        assert list(tables.comments["author"]) == AUTHORS
        assert tables.comments["text"].iloc[1].endswith("• day 1: sleepy\n\n• day 2: fine")
        article = list(tables.sections["heading"]) + list(tables.sections["text"])
        assert any("- weakness" in part for part in article)
        day_lines = [n for n, line in enumerate(text.split("\n"), 1) if "• day" in line]
        assert [p.line for p in tables.problems if "bullet line kept" in p.message] == day_lines

    def test_short_first_paragraph_with_a_year_is_text(self, write_page):
        block = comment_block(stamps=(None,) * 4, after=(), author=lambda a: a).replace(
            seed_comment_texts()[1], "Took it in 2022.\n\n    " + seed_comment_texts()[1]
        )
        tables = load_page(write_page(page(block)))
        assert tables.comments["text"].iloc[1].startswith("Took it in 2022.\n\nbro i tried")
        assert pd.isna(tables.comments["posted_at_raw"].iloc[1])
        assert "unreadable" not in messages(tables)

    @pytest.mark.parametrize(
        "count",
        [
            "Comments (4)",
            "4 Responses",
            "Showing 4 comments",
            "Comments: 4",
            "4 comments so far",
            "4 thoughts on “Baclofen and Restless Leg Syndrome: Can It Provide Relief?”",
            "4 Replies to “Baclofen and Restless Leg Syndrome”",
        ],
    )
    def test_count_line_variants_are_reconciled(self, write_page, count):
        tables = load_page(write_page(page(comment_block(), count=count)))
        self.assert_seed_comments(tables)
        assert tables.article["declared_comments"].iloc[0] == 4
        assert tables.problems == []
        wrong = load_page(write_page(page(comment_block(), count=count.replace("4", "6"))))
        assert "declares 6 comments but 4 were parsed" in messages(wrong)

    def test_bare_comments_heading(self, write_page):
        tables = load_page(write_page(page(comment_block(), count="Comments")))
        self.assert_seed_comments(tables)
        assert pd.isna(tables.article["declared_comments"].iloc[0])
        assert tables.problems == []

    def test_comments_heading_over_article_text_stays_article(self, write_page):
        text = HEAD.replace("\nUltimately,", "\nComments\n\nUltimately,")
        tables = load_page(write_page(text))
        assert "Comments" in list(tables.sections["heading"])
        assert tables.comments.empty

    @pytest.mark.parametrize(
        "after",
        [
            ["Reply"],
            ["Like · Reply · 3"],
            ["12", "Reply"],
            ["▲ 5 ▼", "Reply", "Share ›"],
            ["Helpful (7)", "Report"],
        ],
    )
    def test_reply_and_vote_lines_are_left_out_and_named(self, write_page, after):
        tables = load_page(write_page(page(comment_block(after=after))))
        self.assert_seed_comments(tables)
        infos = [p for p in tables.problems if "reply/vote lines" in p.message]
        assert len(infos) == 4 and len(tables.problems) == 4
        assert all(p.severity == "info" and repr(after[-1]) in p.message for p in infos)

    def test_a_comment_that_is_only_a_reply_line_keeps_it(self, write_page):
        body = seed_comment_texts()[0]
        text = page(comment_block()).replace(body, "Like")
        assert load_page(write_page(text)).comments["text"].iloc[0] == "Like"

    def test_a_number_ending_a_comment_is_text(self, write_page):
        body = seed_comment_texts()[0]
        text = page(comment_block()).replace(body, body + "\n\n    2018")
        assert load_page(write_page(text)).comments["text"].iloc[0].endswith("\n\n2018")

    @pytest.mark.parametrize(
        "stamps",
        [
            ("04/29/2023", "29/04/2023 14:24", "29.04.2023 15:05", "4/30/23, 2:37 AM"),
            (
                "29 April 2023",
                "29 April 2023 at 14:24",
                "29 Apr 2023, 15:05",
                "30th Apr 2023, 02:37",
            ),
            (
                "2023-04-29 00:48 Z",
                "April 29, 2023 at 2:24 pm EDT",
                "2023-04-29 15:05:00 +0000",
                "Sun, 30 Apr 2023 02:37:00 GMT",
            ),
            (
                "April 29, 2023 AT 00:48 (edited)",
                "Edited April 29, 2023 AT 14:24",
                "Posted on April 29, 2023 AT 15:05",
                "April 30, 2023 AT 02:37 · Edited",
            ),
        ],
    )
    def test_timestamp_variants(self, write_page, stamps):
        tables = load_page(write_page(page(comment_block(stamps=stamps))))
        expected = [s if ":" in raw else s[:10] for s, raw in zip(STAMPS, stamps, strict=True)]
        assert list(tables.comments["posted_at"]) == [pd.Timestamp(s) for s in expected]
        assert list(tables.comments["posted_at_raw"]) == list(stamps)
        assert list(tables.comments["text"]) == seed_comment_texts()
        assert tables.problems == []

    def test_ambiguous_numeric_date_kept_raw(self, write_page):
        stamps = ("04/05/2023", "29/04/2023", "04/29/2023", "05/05/2023")
        tables = load_page(write_page(page(comment_block(stamps=stamps))))
        first = tables.comments.iloc[0]
        assert pd.isna(first["posted_at"]) and first["posted_at_raw"] == "04/05/2023"
        assert first["text"] == seed_comment_texts()[0]
        assert [p.line for p in tables.problems] == [37]
        assert "ambiguous numeric date '04/05/2023'" in messages(tables)
        assert tables.comments["posted_at"].iloc[3] == pd.Timestamp("2023-05-05")

    def test_relative_timestamps(self, write_page):
        stamps = ("2 days ago", "3 hours ago", "a year ago", "Yesterday at 2:37 AM")
        tables = load_page(write_page(page(comment_block(stamps=stamps))))
        assert tables.comments["posted_at"].isna().all()
        assert list(tables.comments["posted_at_raw"]) == list(stamps)
        assert list(tables.comments["text"]) == seed_comment_texts()
        assert [p.message for p in tables.problems] == [f"relative timestamp {s!r}" for s in stamps]

    def test_text_starting_with_yesterday_is_not_a_timestamp(self, write_page):
        body = seed_comment_texts()[0]
        block = comment_block(stamps=(None, *STAMPS[1:])).replace(body, "Yesterday I tried it.")
        assert (
            load_page(write_page(page(block))).comments["text"].iloc[0] == "Yesterday I tried it."
        )

    @pytest.mark.parametrize(
        "end",
        [
            "Leave a Reply Cancel reply\n\nYour email address will not be published.\n\nName *",
            "Post a Comment\n\nPopular posts",
            "Join the discussion",
            "Add a comment",
        ],
    )
    def test_other_end_markers(self, write_page, end):
        text = page(comment_block(), end=end)
        tables = load_page(write_page(text))
        self.assert_seed_comments(tables)
        lines = text.split("\n")
        marker = next(n for n, line in enumerate(lines, 1) if line == end.split("\n")[0])
        after = [n for n, line in enumerate(lines, 1) if n > marker and line]
        span = f"{after[0]}-{after[-1]}" if len(after) > 1 else str(after[0]) if after else ""
        expected = [f"text after the comments ignored (lines {span})"] if after else []
        assert [p.message for p in tables.problems] == expected

    @pytest.mark.parametrize(
        "indents",
        [
            {2: "\u00a0" * 2, 4: "\u00a0" * 4, 6: "\u00a0" * 6, 8: "\u00a0" * 8},
            {2: "\t", 4: "\t\t", 6: "\t\t\t", 8: "\t\t\t\t"},
            {2: "  ", 4: "    ", 6: "\t", 8: "        "},  # a reply bullet indented by a tab
            {2: "\u2003" * 2, 4: "\u2003" * 4, 6: "\t  ", 8: "\t\u2003 \u00a0 "},
        ],
    )
    def test_unicode_space_and_tab_indentation(self, write_page, indents):
        lines = []
        for line in page(comment_block(depths=(0, 1, 0, 0))).split("\n"):
            body = line.lstrip(" ")
            lines.append(indents.get(len(line) - len(body), "") + body)
        tables = load_page(write_page("\n".join(lines)))
        self.assert_seed_comments(tables, parents=(None, 1, None, None))
        assert tables.problems == []

    @pytest.mark.parametrize(
        ("decorated", "removed"),
        [("{a} says:", "says:"), ("{a} (Verified)", "(Verified)"), ("{a} ✔", "✔")],
    )
    def test_author_decorations_removed_and_named(self, write_page, decorated, removed):
        block = comment_block(author=lambda a: decorated.format(a=a))
        tables = load_page(write_page(page(block)))
        self.assert_seed_comments(tables)
        assert [p.message for p in tables.problems] == [
            f"{removed!r} removed from author names (lines 35, 43, 51, 59)"
        ]

    @pytest.mark.parametrize("sep", ["on", "·", "•", "|"])
    def test_author_and_timestamp_on_one_line(self, write_page, sep):
        stamps = dict(zip(AUTHORS, SEED_STAMP_LINES, strict=True))
        block = comment_block(author=lambda a: f"{a} {sep} {stamps[a]}", stamps=(None,) * 4)
        tables = load_page(write_page(page(block)))
        self.assert_seed_comments(tables)
        assert tables.problems == []

    def test_badge_line_between_author_and_timestamp(self, write_page):
        block = comment_block(author=lambda a: f"{a}\n\n    Top Commenter")
        tables = load_page(write_page(page(block)))
        self.assert_seed_comments(tables)
        assert all("author badge 'Top Commenter'" in p.message for p in tables.problems)
        author_bullets = comment_block(bullet=lambda a: f"• {a}", author=lambda a: "Top Commenter")
        self.assert_seed_comments(load_page(write_page(page(author_bullets))))


# Author lines (docs/page-format.md): an avatar's alt text is never the author, and a line of text
# in the author's place is no name even when it ends like an initial ("Take vitamin D.").
ALT_TEXTS = ["Avatar", "Image placeholder", "User avatar", "Profile picture", "Gravatar"]
NAMES = [
    "Sam R.",
    "Mary-Jo K.",
    "J. Smith",
    "dr_mike77",
    "Nurse Kim",
    "mike d",
    "Concerned Mom of 3",
]
SENTENCES = ["Take vitamin D.", "Ask about B12 and vitamin D.", "take vitamin d.", "I tried it too"]


def line_no(text: str, line: str) -> int:
    """Return the 1-based number of the first line of `text` that reads `line` when stripped."""
    return next(n for n, raw in enumerate(text.split("\n"), 1) if raw.strip() == line)


class TestAuthorLines:
    @pytest.mark.parametrize("alt", ALT_TEXTS)
    def test_alt_text_on_a_bullet_without_timestamp_is_not_the_author(self, write_page, alt):
        """No timestamp in reach: the bullet opens its comment by the fallback path."""
        block = (
            f"  • {alt}\n\n    Jane Doe\n\n    Great article, thanks.\n\n"
            f"  • {alt}\n\n    Bob K.\n\n    Same here, it helped my legs.\n\n"
        )
        text = page(block, count="2 Comments")
        tables = load_page(write_page(text))
        comments = tables.comments
        assert list(comments["author"]) == ["Jane Doe", "Bob K."]
        assert list(comments["text"]) == ["Great article, thanks.", "Same here, it helped my legs."]
        assert comments["posted_at"].isna().all()
        warnings = [p for p in tables.problems if p.severity == "warning"]
        assert [(p.line, p.message) for p in warnings] == [
            (line_no(text, "Great article, thanks."), "comment has no timestamp"),
            (line_no(text, "Same here, it helped my legs."), "comment has no timestamp"),
        ]
        if alt != "Image placeholder":
            assert f"avatar text {alt!r} not taken as author" in messages(tables)

    def test_alt_text_bullet_without_a_name_line_has_no_author(self, write_page):
        block = "  • Gravatar\n\n    I had cramps too, magnesium helped.\n\n"
        text = page(block, count="1 Comment")
        tables = load_page(write_page(text))
        comment = tables.comments.iloc[0]
        assert pd.isna(comment["author"])
        assert comment["text"] == "I had cramps too, magnesium helped."
        assert any(
            p.severity == "warning"
            and p.line == line_no(text, comment["text"])
            and "comment has no author line" in p.message
            for p in tables.problems
        )
        assert "declares" not in messages(tables)

    @pytest.mark.parametrize("sentence", SENTENCES)
    @pytest.mark.parametrize("bullet", ["• Avatar", "• Image placeholder"])
    def test_a_sentence_in_the_author_slot_is_text(self, write_page, bullet, sentence):
        """Bullet, sentence, timestamp: no author, the sentence is text and the timestamp is read."""
        block = comment_block(bullet=lambda a: bullet, author=lambda a: sentence)
        tables = load_page(write_page(page(block)))
        comments = tables.comments
        assert comments["author"].isna().all()
        assert list(comments["posted_at"]) == [pd.Timestamp(s) for s in STAMPS]
        assert list(comments["text"]) == [f"{sentence}\n\n{t}" for t in seed_comment_texts()]
        no_author = [p for p in tables.problems if "comment has no author line" in p.message]
        assert [p.line for p in no_author] == [35, 43, 51, 59]
        assert all(p.severity == "warning" and repr(sentence) in p.message for p in no_author)
        assert "declares" not in messages(tables)

    def test_a_sentence_on_a_bullet_without_timestamp_is_text(self, write_page):
        """The fallback path takes a bullet's text as the author only when it reads as a name."""
        block = "  • Take vitamin D.\n\n    It fixed my cramps.\n\n"
        text = page(block, count="1 Comment")
        tables = load_page(write_page(text))
        comment = tables.comments.iloc[0]
        assert pd.isna(comment["author"])
        assert comment["text"] == "Take vitamin D.\n\nIt fixed my cramps."
        no_author = [p for p in tables.problems if "no author line" in p.message]
        assert [p.line for p in no_author] == [line_no(text, "• Take vitamin D.")]

    def test_advice_after_a_list_bullet_opens_no_comment(self, write_page):
        """'Take vitamin D.' between a list bullet and a dated line is comment text."""
        body = seed_comment_texts()[1]
        extra = "What helped:\n\n    • Magnesium at night\n\n    Take vitamin D.\n\n    March 2024"
        tables = load_page(
            write_page(page(comment_block()).replace(body, f"{body}\n\n    {extra}"))
        )
        comments = tables.comments
        assert list(comments["author"]) == AUTHORS
        assert (
            comments["text"]
            .iloc[1]
            .endswith("What helped:\n\n• Magnesium at night\n\nTake vitamin D.\n\nMarch 2024")
        )
        assert "declares" not in messages(tables)
        assert "author badge" not in messages(tables)

    @pytest.mark.parametrize("name", NAMES)
    @pytest.mark.parametrize(
        ("bullet", "stamps"),
        [
            ("• Avatar", SEED_STAMP_LINES),  # the lookahead: bullet, author, timestamp
            ("• Avatar", (None,) * 4),  # the fallback path: no timestamp in reach
            ("• Image placeholder", SEED_STAMP_LINES),
            ("• {name}", SEED_STAMP_LINES),  # '• Author' bullets
        ],
    )
    def test_names_stay_authors(self, write_page, name, bullet, stamps):
        author = (lambda a: None) if "{name}" in bullet else (lambda a: name)
        block = comment_block(
            bullet=lambda a: bullet.format(name=name), author=author, stamps=stamps
        )
        tables = load_page(write_page(page(block)))
        comments = tables.comments
        assert list(comments["author"]) == [name] * 4
        assert list(comments["text"]) == seed_comment_texts()
        assert "no author line" not in messages(tables)

    @pytest.mark.parametrize(
        ("line", "is_name"),
        [(n, True) for n in NAMES]
        + [
            ("J.R.", True),
            ("Tom Lee Jr.", True),
            ("Ana de la Cruz", True),
            ("Walt H. says:", True),
            ("Jane (Verified)", True),
            ("李小龍", True),
        ]
        + [(s, False) for s in SENTENCES]
        + [("Great article", False), ("Thanks so much!", False), ("Worked for me", False)],
    )
    def test_author_like(self, line, is_name):
        assert _author_like(line) is is_name


SEED_HEADER = "Apr 28, 2023\nJames Hines\n"
TITLE = "Baclofen and Restless Leg Syndrome: Can It Provide Relief?"


@pytest.mark.parametrize(
    "header",
    [
        f"Apr 28, 2023\nBy James Hines\n{TITLE}\n",  # "By" byline, title repeated
        f"Posted on Apr 28, 2023 by James Hines\n{TITLE}\n",
        "By James Hines | Updated Apr 28, 2023\n",  # no repeated title
        "James Hines\nApr 28, 2023 · 5 min read\n",  # author first, date second, no repeat
    ],
)
def test_byline_variants(write_page, header):
    """Bylines give the bare author and the publication date, with no warning about either."""
    text = page(comment_block())
    seed_header = f"{SEED_HEADER}{TITLE}\n"
    assert seed_header in text
    tables = load_page(write_page(text.replace(seed_header, header, 1)))
    assert tables.article["author"].iloc[0] == "James Hines"
    assert tables.article["published"].iloc[0] == pd.Timestamp("2023-04-28")
    assert not any("author" in p.message or "date" in p.message for p in tables.problems)
    assert len(tables.comments) == 4
    assert list(tables.sections["heading"]) == HEADINGS


def test_breadcrumb_above_the_title_is_skipped_and_named(write_page):
    tables = load_page(write_page("Home » Health » Neurology\n\n" + page(comment_block())))
    assert tables.article["title"].iloc[0] == TITLE
    assert tables.article["author"].iloc[0] == "James Hines"
    assert any("breadcrumb" in p.message and p.line == 1 for p in tables.problems)


def test_bullet_taken_as_the_repeated_title_is_named(write_page):
    """A bulleted title repeated by a comment bullet (fuzz case swap 0,32 + duplicate 0) is named."""
    lines = SEED_TEXT.split("\n")
    lines[0], lines[32] = lines[32], lines[0]
    lines.insert(0, lines[0])  # "  • Image placeholder" on lines 1 and 2
    tables = load_page(write_page("\n".join(lines)))
    assert tables.article["title"].iloc[0] == "• Image placeholder"
    named = [p for p in tables.problems if p.line == 2]
    assert [p.message for p in named] == [
        "bullet in header '• Image placeholder' taken as the repeated title"
    ]
    assert len(tables.comments) == 4  # the article's lines are kept, nothing is lost


def test_an_untabled_drug_is_taken_from_the_title_with_its_brands(tmp_path):
    body = (
        "Nitrofurantoin: Macrobid, Macrodantin and Furadantin\n"
        "Nitrofurantoin is an antibiotic. Nitrofurantoin is taken with food."
    )
    drug = guess_drug("Nitrofurantoin (Macrobid) for Urinary Tract Infections", body)
    assert drug is not None and drug.generic == "nitrofurantoin"
    assert {"Macrobid", "Macrodantin", "Furadantin"} <= set(drug.brands)
    zoloft = guess_drug("Zoloft (sertraline): a guide", "Zoloft is sertraline. sertraline works.")
    assert zoloft is not None and zoloft.generic == "sertraline" and zoloft.brands == ("Zoloft",)


@pytest.mark.parametrize(
    "title",
    [
        "Tranexamic Acid for Heavy Periods: A Non-Hormonal Option That Works",
        "Tranexamic Acid (Cyklokapron) for Heavy Periods",
    ],
)
def test_an_untabled_generic_with_its_acid_or_salt_is_taken_whole(title):
    body = "Tranexamic acid (Cyklokapron) reduces bleeding. Take tranexamic acid for 4 days."
    drug = guess_drug(title, body)
    assert drug is not None and drug.generic == "tranexamic acid"
    assert drug.variants == ("tranexamic",) and drug.brands == ("Cyklokapron",)
    assert drug.pattern().search("I took tranexamic for two cycles")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Hope for Migraine Sufferers", "Hope is here. There is hope."),  # everyday English
        ("Understanding Blood Pressure (Hypertension)", "pressure pressure hypertension"),
        ("Fenoxilab for Sleep", "Sleep better."),  # named in the title only
    ],
)
def test_no_drug_is_guessed_from_ordinary_titles(title, body):
    assert guess_drug(title, body) is None


def test_a_page_on_an_untabled_drug_gets_a_target_and_a_warning(write_page):
    text = SEED_TEXT.replace("Baclofen", "Fenoxilab").replace("baclofen", "fenoxilab")
    tables = load_page(write_page(text, "fenoxilab.txt"))
    assert tables.drug is not None and tables.drug.generic == "fenoxilab"
    assert any("not in the drug table" in p.message for p in tables.problems)


def test_heading_words_after_a_colon_are_no_brands():
    body = "Tranexamic acid is taken for 4 days. Tranexamic acid is cheap."
    title = "Tranexamic Acid: Brands, Doses and How It Is Taken"
    drug = guess_drug(title, body)
    assert drug is not None and drug.brands == ()


def test_a_title_naming_no_drug_takes_the_drug_the_article_names_most(write_page):
    title = "Baclofen and Restless Leg Syndrome: Can It Provide Relief?"
    text = SEED_TEXT.replace(title, "Can a Muscle Relaxant Calm Restless Legs?")
    tables = load_page(write_page(text, "untitled-drug.txt"))
    assert tables.drug is not None and tables.drug.generic == "baclofen"
    (problem,) = [p for p in tables.problems if "names most" in p.message]
    assert problem.line == 1 and "'baclofen'" in problem.message


@pytest.mark.parametrize(
    "body",
    [
        "Baclofen or gabapentin? Baclofen helps some, gabapentin others; baclofen, gabapentin.",
        "Baclofen was mentioned twice. Baclofen.",  # too few mentions to call it the subject
    ],
)
def test_no_subject_is_taken_from_a_body_without_a_clear_leader(body):
    assert drug_from_body(body) is None


def test_an_untabled_generic_is_taken_from_the_body_by_its_stem():
    body = (
        "Quintaprazole (Quintec) lowers stomach acid. Quintaprazole is taken before breakfast; "
        "quintaprazole can cause headaches."
    )
    found = drug_from_body(body)
    assert found is not None
    drug, mentions = found
    assert (drug.generic, drug.brands, mentions) == ("quintaprazole", ("Quintec",), 3)
