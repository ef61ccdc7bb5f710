"""Every path the project reads or writes, defined in one place."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
SHARED_DIR = PROJECT_ROOT.parent / "shared"
SEED_PAGE = RAW_DIR / "baclofen-restless-leg-syndrome.txt"
STYLE_FILE = PACKAGE_DIR / "analysis.mplstyle"


def default_inputs() -> list[Path]:
    """Return the embedded default inputs: every file in data/raw/."""
    return sorted(p for p in RAW_DIR.iterdir() if p.is_file() and not p.name.startswith("."))
