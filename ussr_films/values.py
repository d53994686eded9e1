"""Checking the values users type or files carry: ratings and dates."""

from __future__ import annotations

import datetime as dt
import re

from .errors import BadValue

LOWEST, HIGHEST = 0.5, 5.0


# Digits only: float() would also take "nan", "inf" and "1_0".
# ASCII digits: \d would also take "٣" (Arabic-Indic three), which float() reads.
_NUMBER = re.compile(r"\d{1,2}(\.\d+)?", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_rating(text: str) -> float:
    """'4.5' -> 4.5, on Letterboxd's scale: 0.5 to 5 in half stars."""
    cleaned = str(text).strip()
    if not _NUMBER.fullmatch(cleaned):
        raise BadValue(f"Rating '{text}' is not a number like 4 or 3.5 (0.5 to 5, in half stars).")
    value = float(cleaned)
    if not LOWEST <= value <= HIGHEST or (value * 2) != int(value * 2):
        raise BadValue(f"Rating '{text}' is not between 0.5 and 5 in half stars (e.g. 3.5).")
    return value


def parse_ten_point(text: str) -> float:
    """An IMDb rating (1 to 10) on the five-star scale: 7 -> 3.5."""
    cleaned = str(text).strip()
    if not re.fullmatch(r"\d{1,2}", cleaned, re.ASCII) or not 1 <= int(cleaned) <= 10:
        raise BadValue(f"IMDb rating '{text}' is not a whole number from 1 to 10.")
    return int(cleaned) / 2


def parse_date(text: str) -> str:
    """A YYYY-MM-DD date that exists and is not in the future, returned as typed."""
    cleaned = str(text).strip()
    try:
        if not _DATE.fullmatch(cleaned):
            raise ValueError
        day = dt.date.fromisoformat(cleaned)
    except ValueError:
        raise BadValue(f"Date '{text}' is not a date written YYYY-MM-DD (e.g. 2024-03-09).") from None
    # A day of slack: "today" where the user is may be tomorrow in UTC terms.
    if day > dt.date.today() + dt.timedelta(days=1):
        raise BadValue(f"Date '{text}' is in the future.")
    if day.year < 1895:
        raise BadValue(f"Date '{text}' is before cinema existed.")
    return cleaned
