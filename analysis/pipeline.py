"""Turn loaded page tables into analysed ones: measures, timing, and the stance/effects components."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .loader import load_page
from .model import PageFormatError, PageTables, Problem
from .readability import readability_frame
from .sentences import split_sentences
from .sentiment import label, polarity, sentiment_frame
from .structured import STRUCTURED_SUFFIXES, load_structured
from .timing import PUBLICATION_ASSUMPTION, article_timing, comment_timing

# Components run in this order; later ones read what earlier ones added (stance reads effects).
COMPONENTS: tuple[str, ...] = ("effects", "stance", "claims")

SENTENCE_COLUMNS = [
    "article_id",
    "source",
    "section_no",
    "comment_id",
    "sentence_no",
    "text",
    "start",
    "end",
    "vader_compound",
    "vader_pos",
    "vader_neu",
    "vader_neg",
    "sentiment_label",
]


def article_text(sections: pd.DataFrame) -> str:
    """Return the article's body: section headings and texts joined by blank lines."""
    parts = []
    for heading, text in zip(sections["heading"], sections["text"], strict=True):
        parts.extend(p for p in (heading, text) if p)
    return "\n\n".join(parts)


def measures(texts: pd.Series) -> pd.DataFrame:
    """Return readability and sentiment columns for each text."""
    return pd.concat([readability_frame(texts), sentiment_frame(texts)], axis=1)


def sentences_table(tables: PageTables) -> pd.DataFrame:
    """Return one row per sentence of every section and comment, with VADER scores."""
    rows = []
    article_id = tables.article_id
    sections, comments = tables.sections, tables.comments
    units = [
        ("article", no, pd.NA, text)
        for no, text in zip(sections["section_no"], sections["text"], strict=True)
    ]
    units += [
        ("comment", pd.NA, cid, text)
        for cid, text in zip(comments["comment_id"], comments["text"], strict=True)
    ]
    for source, section_no, comment_id, text in units:
        for number, sentence in enumerate(split_sentences(text), start=1):
            raw = polarity(sentence.text)  # scored already for the sentence mean: cached
            rows.append(
                (
                    article_id,
                    source,
                    section_no,
                    comment_id,
                    number,
                    sentence.text,
                    sentence.start,
                    sentence.end,
                    raw["compound"],
                    raw["pos"],
                    raw["neu"],
                    raw["neg"],
                    label(raw["compound"]),
                )
            )
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    for column in ("section_no", "comment_id"):
        frame[column] = frame[column].astype("Int64")
    return frame


def measure(tables: PageTables) -> PageTables:
    """Return the tables with readability, sentiment, sentence and timing columns added."""
    tables.sections = pd.concat([tables.sections, measures(tables.sections["text"])], axis=1)
    tables.comments = pd.concat([tables.comments, measures(tables.comments["text"])], axis=1)
    whole = measures(pd.Series([article_text(tables.sections)], index=tables.article.index))
    published = tables.article["published"].iloc[0]
    timing = comment_timing(tables.comments, published)
    tables.comments = pd.concat([tables.comments, timing], axis=1)
    summary = article_timing(timing)
    tables.article = pd.concat([tables.article, whole], axis=1).assign(
        published_precision="day" if not pd.isna(published) else pd.NA,
        timing_assumption=PUBLICATION_ASSUMPTION,
        **summary,
    )
    tables.sentences = sentences_table(tables)
    return tables


def analyse(tables: PageTables, components: Iterable[str] = COMPONENTS) -> PageTables:
    """Return the tables with measures and every named component's columns and tables added."""
    measure(tables)
    for name in components:
        module = importlib.import_module(f"analysis.{name}")
        module.annotate(tables)
    return tables


def load(path: str | Path, *, drug: str | None = None, article: str | Path | None = None):
    """Return the tables of one input file: an exported page, or a CSV/JSONL of comments."""
    path = Path(path)
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        return load_structured(path, article=article, drug=drug)
    return load_page(path, drug=drug)


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files named, with folders expanded to their visible files (sorted)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            )
        else:
            files.append(path)
    return files


@dataclass
class Outcome:
    """The result of analysing one input: tables, or the problem that made it unreadable."""

    path: Path
    tables: PageTables | None
    error: Problem | None = None


def analyse_file(
    path: Path,
    *,
    drug: str | None = None,
    article: str | Path | None = None,
    components: Iterable[str] = COMPONENTS,
    pseudonymize: bool = False,
) -> Outcome:
    """Return the analysed tables of one file, or the error that stopped it (bad input never raises)."""
    try:
        tables = load(path, drug=drug, article=article)
    except PageFormatError as exc:
        return Outcome(path, None, Problem(exc.path, exc.line, "error", f"skipped: {exc.reason}"))
    except (OSError, UnicodeError) as exc:
        return Outcome(path, None, Problem(str(path), None, "error", f"skipped: {exc}"))
    if pseudonymize:
        from .privacy import analyse_pseudonymized

        return Outcome(path, analyse_pseudonymized(tables, components))
    return Outcome(path, analyse(tables, components))


def analyse_many(paths: Iterable[Path], **options) -> Iterator[Outcome]:
    """Yield one Outcome per input, in order; a bad file never stops the others."""
    for path in paths:
        yield analyse_file(path, **options)
