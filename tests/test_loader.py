"""The page loader on the seed, on every export variant, and on files that are not pages."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.loader import PageFormatError, load_page, parse_timestamp, slugify

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
