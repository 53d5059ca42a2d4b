"""Shared fixtures: the real spaCy pipeline (skipped with a reason where absent) and ../shared data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
SEED = SHARED / "data" / "seed" / "article.txt"
EXAMPLE = REPO / "examples" / "k24-baghdad-2020-01-04.txt"


@pytest.fixture(scope="session")
def nlp():
    try:
        from eventwire.nlp.model import load_nlp

        return load_nlp()
    except Exception as exc:  # ModelMissing, or spaCy itself missing
        pytest.skip(f"spaCy model not installed: {exc}")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"labelled data folder {path} is absent (it lives in ../shared, never in the repo)")
    return path
