"""A progress bar on stderr for long work (articles, events, rate, ETA), by tqdm.

Off when stderr is not a terminal (logs, pipes, tests) or when asked to be quiet; lines written through
:meth:`Progress.write` then go to stderr as they are, and with a bar they print above it.
"""
from __future__ import annotations

import sys
from typing import IO


class Progress:
    """Counts articles and events; shows a bar only on a terminal. Use as a context manager."""

    def __init__(self, *, total: int | None = None, unit: str = " articles", quiet: bool = False,
                 stream: IO | None = None, desc: str | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.articles = self.events = 0
        self._bar = None
        if not quiet and _is_terminal(self.stream):
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=unit, desc=desc, file=self.stream, dynamic_ncols=True,
                             smoothing=0.1)

    def update(self, articles: int = 1, events: int = 0) -> None:
        self.articles += articles
        self.events += events
        if self._bar is not None:
            self._bar.update(articles)
            self._bar.set_postfix(events=self.events, refresh=False)

    def write(self, line: str) -> None:
        """One line on stderr (errors are written even when quiet)."""
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _is_terminal(stream: IO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
