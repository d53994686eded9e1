"""One film, for sure: what a person typed, turned into exactly one film or a refusal.

Every command that acts on one film comes here: show, rate, watched and
watchlist, `recommend --like`, and each row of an import. It accepts, in
this order:

1. a film id (`stalker-1979`) or an IMDb id (`tt0079944`);
2. an exact title, original title, transliteration or alias, compared
   after folding case, punctuation, leading articles, accents (ё = е),
   romanisation and the border of letters and digits (`k19` = `K-19`);
3. the beginning of one film's title, ending on a whole word
   (`seventeen moments`), when no other film's title begins so;
4. the short form of a "Title: Subtitle" or "Title, or Subtitle" when
   exactly one film in the catalogue has that short title.

Any of these may end in a year, bare or in brackets (`solaris 1972`,
`Solaris (1972)`); the year must be one of the film's years (listed,
completed or released). Nothing fuzzy is ever taken: a typo is refused
with suggestions (exit 1), and a title several films share is refused
with the list of them and how to name one (exit 2). Imports use
`match_row`, which is stricter still: no prefixes, and a year within one
of any year the film is known by.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import NamedTuple

from . import catalogue
from .errors import AmbiguousFilm, FilmNotFound
from .models import Film
from .titles import check_length, exact_ids, prefix_ids, short_title_ids, split_year

IMDB_ID = re.compile(r"tt\d{7,8}")
IMPORT_YEAR_SLACK = 1


class Found(NamedTuple):
    ids: list[str]
    how: str  # "id", "imdb id", "title", "title prefix", "short title", or "" when nothing


def resolve(text: str) -> Film:
    """The one film text names, or FilmNotFound / AmbiguousFilm."""
    check_length(text)
    text = " ".join(text.split())
    found, year = _named(text), None
    if not found.ids:
        title, year = split_year(text)
        # A title may itself end in a year ("Berlin 1945" would be one): the whole text first.
        whole = exact_ids(text) if year is not None else []
        if whole:
            found, year = Found(whole, "title"), None
        else:
            found = _titled(title, prefixes=True)
    ids = found.ids
    if year is not None:
        years = film_years(ids)
        ids = [film_id for film_id in ids if year in years[film_id]]
        if not ids and found.ids:
            films = catalogue.films_by_id(found.ids)
            labels = [films[film_id].label for film_id in sorted(found.ids, key=lambda i: (films[i].year, i))]
            raise FilmNotFound(text, labels[:3], note=f"No film of {year} has that title.")
    if len(ids) == 1:
        return catalogue.films_by_id(ids)[ids[0]]
    if ids:
        raise AmbiguousFilm(text, _labelled(ids))
    from .searching import suggestions

    raise FilmNotFound(text, suggestions(split_year(text)[0]))


def _named(text: str) -> Found:
    """A film id or an IMDb id."""
    lowered = text.strip().lower()
    if catalogue.query("SELECT 1 FROM films WHERE id = ?", [lowered]):
        return Found([lowered], "id")
    if IMDB_ID.fullmatch(lowered):
        rows = catalogue.query("SELECT id FROM films WHERE imdb_id = ?", [lowered])
        if not rows:
            raise FilmNotFound(text, [], note="No film in the catalogue has that IMDb id.")
        return Found([rows[0][0]], "imdb id")
    return Found([], "")


def _titled(title: str, *, prefixes: bool) -> Found:
    ids = exact_ids(title)
    if ids:
        return Found(ids, "title")
    if prefixes:
        ids = prefix_ids(title)
        if ids:
            return Found(ids, "title prefix")
    ids = short_title_ids(title)
    return Found(ids, "short title" if ids else "")


def film_years(ids: Iterable[str]) -> dict[str, set[int]]:
    ids = list(ids)
    years: dict[str, set[int]] = {film_id: set() for film_id in ids}
    for film_id, year in catalogue.query(
        "SELECT film_id, year FROM film_years WHERE film_id IN (SELECT value FROM json_each(?))", [_json(ids)]
    ):
        years[film_id].add(year)
    return years


def _json(ids: list[str]) -> str:
    return json.dumps(ids)


def _labelled(ids: list[str]) -> list[tuple[str, str]]:
    films = catalogue.films_by_id(ids)
    ordered = sorted(ids, key=lambda film_id: (films[film_id].year, film_id))
    return [(film_id, films[film_id].label) for film_id in ordered]


# -- import rows -----------------------------------------------------------


class RowMatch(NamedTuple):
    film_id: str | None
    how: str  # "imdb id", "tmdb id", "title and year", "title, year within one", "title and another year"...
    candidates: list[str]  # labels of plausible films, when unmatched


def match_row(
    title: str,
    year: int | None,
    *,
    original_title: str | None = None,
    imdb_id: str | None = None,
    tmdb_id: int | None = None,
    suggest: bool = True,
) -> RowMatch:
    """The catalogue film an export row names, or None with up to three plausible candidates.

    Ids first; then an exact title (in any field, any romanisation) or a
    unique short title, with the row's year, then a year within one, then
    any year the film is known by, then within one of those. Each step takes
    a film only when it is the only one; a tie is left for the user.
    suggest=False leaves out the fuzzy search for candidates (most of the cost).
    """
    if imdb_id:
        rows = catalogue.query("SELECT id FROM films WHERE imdb_id = ?", [imdb_id])
        if rows:
            return RowMatch(rows[0][0], "imdb id", [])
    if tmdb_id:
        rows = catalogue.query("SELECT id FROM films WHERE tmdb_id = ?", [tmdb_id])
        if rows:
            return RowMatch(rows[0][0], "tmdb id", [])
    check_length(title)
    ids: list[str] = []
    for text in (title, original_title):
        if text:
            ids += [film_id for film_id in _titled(text, prefixes=False).ids if film_id not in ids]
    if imdb_id or tmdb_id:
        # The row names its film by an id none of ours has: a film of ours
        # whose own id is known is then another film, whatever its title.
        known = {
            film_id
            for (film_id,) in catalogue.query(
                "SELECT id FROM films WHERE id IN (SELECT value FROM json_each(?)) AND "
                "(imdb_id IS NOT NULL AND ? IS NOT NULL OR tmdb_id IS NOT NULL AND ? IS NOT NULL)",
                [_json(ids), imdb_id, tmdb_id],
            )
        }
        ids = [film_id for film_id in ids if film_id not in known]
    if ids and year is None:
        if len(ids) == 1:
            return RowMatch(ids[0], "title", [])
        return RowMatch(None, "", [label for _, label in _labelled(ids)][:3])
    if ids:
        listed = dict(
            catalogue.query("SELECT id, year FROM films WHERE id IN (SELECT value FROM json_each(?))", [_json(ids)])
        )
        years = film_years(ids)
        steps = (
            ("title and year", lambda film_id: listed[film_id] == year),
            ("title, year within one", lambda film_id: abs(listed[film_id] - year) <= IMPORT_YEAR_SLACK),
            ("title and another of its years", lambda film_id: year in years[film_id]),
            (
                "title, within one of another of its years",
                lambda film_id: any(abs(other - year) <= IMPORT_YEAR_SLACK for other in years[film_id]),
            ),
        )
        for how, fits in steps:
            fitting = [film_id for film_id in ids if fits(film_id)]
            if len(fitting) == 1:
                return RowMatch(fitting[0], how, [])
            if fitting:
                return RowMatch(None, "", [label for _, label in _labelled(fitting)][:3])
    return RowMatch(None, "", plausible(title, year, ids) if suggest else [])


def plausible(title: str, year: int | None, same_title: list[str]) -> list[str]:
    """Up to three films the row might mean: the same title in other years, then close titles of near years."""
    films = catalogue.films_by_id(same_title)
    ranked = sorted(same_title, key=lambda film_id: (abs(films[film_id].year - (year or films[film_id].year)), film_id))
    labels = [films[film_id].label for film_id in ranked]
    if len(labels) < 3:
        from .searching import close_titles

        for film in close_titles(title, year):
            if film.label not in labels:
                labels.append(film.label)
    return labels[:3]
