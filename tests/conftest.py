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


def store_state(db: Path) -> dict:
    """Everything a store holds that does not depend on the clock, in a stable order: articles, events,
    incidents (rows by sequence number), blocking keys, aliases, history, corrections, and the next number of
    each sequence (read on a copy, so the store itself is not advanced). Two stores that give equal states
    hold the same data."""
    import shutil
    import tempfile

    from eventwire.store.database import Store

    def rows(conn, table: str, order: str, skip: tuple[str, ...] = ()) -> tuple[list[str], list[tuple]]:
        columns = [c for (c,) in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall() if c not in skip]
        return columns, conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()

    state: dict = {}
    with Store(db, read_only=True) as store, store.connection() as conn:
        state["article_columns"], state["articles"] = rows(conn, "articles", "seq", ("ingested_at",))
        state["event_columns"], state["events"] = rows(conn, "events", "seq")
        state["incident_columns"], state["incidents"] = rows(conn, "incidents", "seq")
        state["blocks"] = rows(conn, "incident_blocks", "key, incident_id")[1]
        state["aliases"] = rows(conn, "incident_aliases", "alias")[1]
        state["articles_history"] = rows(conn, "articles_history", "key", ("ingested_at", "replaced_at"))[1]
        state["events_history"] = rows(conn, "events_history", "event_id", ("replaced_at",))[1]
        state["corrections"] = rows(conn, "corrections", "correction_id", ("created_at", "undone_at"))[1]
        state["integrity"] = store.integrity_report()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.duckdb"
        shutil.copy(db, copy)
        if Path(f"{db}.wal").exists():
            shutil.copy(f"{db}.wal", f"{copy}.wal")
        with Store(copy) as store, store.connection() as conn:
            state["next"] = conn.execute("SELECT nextval('articles_seq'), nextval('events_seq'), "
                                         "nextval('incidents_seq')").fetchone()
    return state
