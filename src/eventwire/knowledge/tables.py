"""The one reader of the curated data files ``eventwire/data/*.tsv``.

Every file is UTF-8, tab-separated, with ``#`` comment lines that say where its facts come from; blank lines
and comment lines are skipped everywhere. Files with a header line (the actor and place files) are read with
:func:`read_records` (rows as dicts) or :func:`read_tsv` (rows as lists, header dropped); files without one
(the lexicon's) with :func:`read_table` (a fixed number of columns) or :func:`data_lines`.
"""
from __future__ import annotations

import csv
from importlib import resources

from ..errors import DataError

__all__ = ["data_text", "data_lines", "read_tsv", "read_records", "read_table"]


def data_text(name: str) -> str:
    """The text of ``eventwire/data/<name>``."""
    try:
        return resources.files("eventwire").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"data file eventwire/data/{name} is missing ({exc}); reinstall eventwire") from exc


def data_lines(name: str) -> list[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a ``#`` comment."""
    return [(number, line) for number, line in enumerate(data_text(name).splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a file with a header line, as lists of cells; the header is dropped."""
    return [line.rstrip("\n").split("\t") for _number, line in data_lines(name)][1:]


def read_records(name: str) -> list[dict[str, str]]:
    """Rows of a file with a header line, as dicts keyed by the header's column names (no quoting)."""
    rows = list(csv.DictReader([line for _number, line in data_lines(name)], delimiter="\t",
                               quoting=csv.QUOTE_NONE))
    if not rows or None in rows[0]:
        raise DataError(f"data file eventwire/data/{name} is malformed (no header or ragged rows); reinstall")
    return rows


def read_table(name: str, columns: int) -> list[list[str]]:
    """Rows of a file without a header: the first ``columns`` cells of each, stripped (fewer is an error)."""
    rows = []
    for number, line in data_lines(name):
        cells = line.split("\t")
        if len(cells) < columns:
            raise DataError(f"{name}:{number}: expected {columns} tab-separated columns, got {len(cells)}")
        rows.append([c.strip() for c in cells[:columns]])
    return rows


def hazard_words() -> frozenset[str]:
    """The natural hazards and accidents of ``hazards.tsv``, lower-cased (the lexicon's and the learned
    features' one reading)."""
    return frozenset(row[0].lower() for row in read_table("hazards.tsv", 1))
