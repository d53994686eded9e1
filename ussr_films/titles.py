"""Looking titles up: which films a typed title names, exactly, by its beginning, or by its short title.

The resolver (one film, for sure) and search (every match, ranked) both ask
these questions of the catalogue's folded title keys, so the rules live here
once: see text.py for the folding and `folds_agree` for why a short word of an
English title must match as typed.
"""

from __future__ import annotations

import re

from . import catalogue
from .errors import TooLong
from .text import compact, exact_agrees, folds_agree, has_cyrillic, plain_key, romanise, search_key

# Longer text names no film; refusing it at once keeps every command linear.
MAX_CHARS = 300
_TRAILING_YEAR = re.compile(
    r"^(?P<title>.+?)[\s,]*(?:\((?P<a>(?:18|19|20)\d\d)\)|\[(?P<b>(?:18|19|20)\d\d)\]|(?P<c>(?:18|19|20)\d\d))\s*$"
)
# Where a subtitle begins: "Ivan the Terrible, Part II: The Boyars' Plot", "Tale of Tales, or ...".
_SUBTITLE = re.compile(r"\s*(?::|\s[-\u2013\u2014]\s|,\s*or\s|\s\()")


def check_length(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise TooLong(f"That is {len(text):,} characters; a film's name or id is at most {MAX_CHARS}.")


def split_year(text: str) -> tuple[str, int | None]:
    """("Solaris", 1972) from "Solaris (1972)", "solaris 1972" or "Solaris, 1972"."""
    match = _TRAILING_YEAR.match(text.strip())
    if not match or not search_key(match["title"]):
        return text.strip(), None
    return match["title"].strip(), int(match["a"] or match["b"] or match["c"])


def exact_ids(title: str) -> list[str]:
    """Films with a title, original title, transliteration or alias that folds to title's key."""
    key = search_key(title)
    if not key:
        return []
    keys = [key]
    if has_cyrillic(key):
        # A Western film typed in Cyrillic is indexed in Latin only.
        keys.append(romanise(title))
    plain = plain_key(title)
    ids: set[str] = set()
    for each in keys:
        rows = catalogue.query(
            "SELECT film_id, key, plain FROM title_keys WHERE key = ? OR compact = ?", [each, compact(each)]
        )
        ids.update(
            film_id for film_id, title_key, title_plain in rows if exact_agrees(each, plain, title_key, title_plain)
        )
    return sorted(ids)


def prefix_ids(title: str) -> list[str]:
    """Films one of whose titles begins with title's key, ending on a whole word."""
    key = search_key(title)
    if not key:
        return []
    start, plain = key + " ", plain_key(title)
    rows = catalogue.query(
        "SELECT film_id, plain FROM title_keys WHERE key >= ? AND key < ?", [start, start + "\uffff"]
    )
    return sorted({film_id for film_id, title_plain in rows if folds_agree(plain, title_plain)})


def short_title_ids(title: str) -> list[str]:
    """The film whose whole title is title's part before a subtitle, when only one film has it."""
    parts = _SUBTITLE.split(title, maxsplit=1)
    if len(parts) < 2 or not search_key(parts[0]):
        return []
    ids = exact_ids(parts[0])
    return ids if len(ids) == 1 else []
