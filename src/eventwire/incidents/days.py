"""Part of the incidents stage: dates as day numbers, the one unit grouping compares and stores them in."""
from __future__ import annotations

from datetime import date as Date

__all__ = ["day_number"]


def day_number(value: str | None) -> int | None:
    """Days since 0001-01-01 of an ISO date or date-time, or None."""
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None
