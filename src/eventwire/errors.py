"""One exception hierarchy. Every message says what went wrong and how to fix it.

The CLI prints ``str(error)`` as one line on stderr; the API returns it in its JSON
error shape. Third-party exceptions are wrapped where they enter.
"""
from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class InputError(EventwireError):
    """An input file or document cannot be read. ``source`` names it."""

    code = "E001"

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ModelMissing(EventwireError):
    """The spaCy model package is not installed."""

    code = "E002"


class StoreError(EventwireError):
    """The DuckDB store cannot be opened, read or written."""

    code = "E003"


class UsageError(EventwireError):
    """A command or function was called with arguments that cannot work."""

    code = "E004"


class DataError(EventwireError):
    """A shipped data file (lexicon, gazetteer, crosswalk) is missing or malformed: reinstall eventwire."""

    code = "E005"


class EventwireWarning(UserWarning):
    """Base class of the warnings eventwire gives on purpose: the input was used, but something was repaired
    or is worth knowing; the CLI prints each as one line on stderr."""


class TextRepaired(EventwireWarning):
    """A text had lone surrogates, replaced by U+FFFD. ``source`` names the input, ``count`` how many."""

    def __init__(self, source: str, count: int):
        self.source = source
        self.count = count
        super().__init__(f"{source}: {count} lone surrogate(s) (half of a UTF-16 pair, not a character) "
                         "replaced by U+FFFD; re-export the text as valid UTF-8 to keep those characters")


class RepeatedId(EventwireWarning):
    """One input holds two documents with the same id: the later one is read as a revision of the earlier."""

    def __init__(self, source: str, doc_id: str, first: str):
        self.source = source
        self.doc_id = doc_id
        super().__init__(f"{source}: id {doc_id!r} was already used at {first}; this later document is read "
                         "as a revision of it (give each article its own id if they are different articles)")
