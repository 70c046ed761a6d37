"""Dates: validated ISO strings from day/month/year parts."""

from __future__ import annotations

import datetime as dt


def iso_date(day: str | int | None, month: str | int | None, year: str | int | None) -> str | None:
    """ISO date, or None when a part is missing or the date does not exist (31/02)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
