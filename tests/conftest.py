"""Shared fixtures: the seed page, its loaded tables, and a writer for page variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import paths
from analysis.loader import load_page

FIXTURES = Path(__file__).parent / "fixtures"
SEED_TEXT = paths.SEED_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Return the path of the embedded seed page."""
    return paths.SEED_PAGE


@pytest.fixture(scope="session")
def seed_tables():
    """Return the seed page loaded (not analysed)."""
    return load_page(paths.SEED_PAGE)


@pytest.fixture()
def write_page(tmp_path):
    """Return a function writing text (str, encoded as given, or bytes) to a page file in tmp_path."""

    def write(content: str | bytes, name: str = "page.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


def effects(text: str, experiencer: str = "self") -> set[str]:
    """Return the canonical effects found in `text` (any context)."""
    from analysis.effects import find_effects

    return {m.effect for m in find_effects(text, default_experiencer=experiencer)}


def mention(text: str, effect: str):
    """Return the one mention of `effect` in `text`."""
    from analysis.effects import find_effects

    found = [m for m in find_effects(text) if m.effect == effect]
    assert len(found) == 1, [(m.effect, m.matched_text) for m in find_effects(text)]
    return found[0]
