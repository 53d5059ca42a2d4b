"""The progress bar: on a terminal only, never when quiet; lines written through it always reach stderr."""
from __future__ import annotations

import io

import pytest

from eventwire.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, quiet, bar", [(Terminal(), False, True), (Terminal(), True, False),
                                                (io.StringIO(), False, False)])
def test_bar_only_on_a_terminal_and_not_when_quiet(stream, quiet, bar):
    with Progress(quiet=quiet, stream=stream) as progress:
        progress.update(3, 7)
        progress.write("eventwire: error: one line")
    shown = stream.getvalue()
    assert "eventwire: error: one line" in shown
    assert ("events=7" in shown) is bar and ("3 articles" in shown) is bar
    assert (progress.articles, progress.events) == (3, 7)
