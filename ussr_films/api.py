"""The use cases behind every command, as plain Python: what `from ussr_films import ...` gives.

The command line (cli.py) parses options, calls these and hands the results
to a renderer; a notebook or another program calls them directly:

    >>> from ussr_films import film, recommend, search
    >>> film("solaris 1972").title
    'Solaris'
    >>> [rec.film.title for rec in recommend(moods=["eerie"], limit=3)]

Every function returns typed results (frozen dataclasses or named tuples with
`to_dict()`), raises the errors in errors.py, and never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import catalogue
from .filters import Filters
from .models import Film, Recommendation, SearchHit
from .query import Query, Taste


def film(text: str) -> Film:
    """The one film an id, IMDb id or title names (see resolver.py); FilmNotFound or AmbiguousFilm otherwise."""
    from .resolver import resolve

    return resolve(text)


def search(text: str, *, limit: int = 10, filters: Filters | None = None) -> list[SearchHit]:
    """Films matching text, best first, each with what matched."""
    from .searching import search as run_search

    return run_search(text, limit=limit, filters=filters)


def person(name: str, role: str | None = None):
    """A person's films in every role (or one: director, writer, source, cinematographer, composer, cast)."""
    from .people import find_person, resolve_role

    return find_person(name, resolve_role(role) if role else None)


def make_query(
    moods: Sequence[str] = (),
    like: Sequence[str | Film] = (),
    themes: Sequence[str] = (),
    filters: Filters | None = None,
    *,
    max_runtime: int | None = None,
    beginner: bool = False,
    free: bool = False,
    for_me: bool = False,
    include_watched: bool = False,
    seen: frozenset[str] | None = None,
    limit: int = 10,
) -> Query:
    """A recommend Query from the words people use: mood and theme names or synonyms, films by title.

    A mood word that names a genre ("horror", "scary") asks for the genre.
    for_me weighs the ratings in the viewing record; unless include_watched,
    films in the record are left out (or the films in seen, when the caller
    has read the record already).
    """
    from . import record
    from .errors import NeedsRatings
    from .resolver import resolve
    from .vocab import genre_named, is_mood, resolve_mood, resolve_theme

    filters = filters or Filters()
    mood_ids, genres = [], []
    for word in moods:
        genre = None if is_mood(word) else genre_named(word)
        if genre:
            genres.append(genre)
        else:
            mood_ids.append(resolve_mood(word))
    if genres:
        filters = filters._replace(genres=tuple(dict.fromkeys((*filters.genres, *genres))))
    watched = record.watched() if for_me or (not include_watched and seen is None) else []
    taste = None
    if for_me:
        rated = [(entry.film_id, entry.rating) for entry in watched if entry.rating is not None]
        films = catalogue.films_by_id(film_id for film_id, _ in rated)
        if not films:
            raise NeedsRatings()
        taste = Taste.from_ratings([(films[film_id], rating) for film_id, rating in rated if film_id in films])
    return Query(
        moods=tuple(dict.fromkeys(mood_ids)),
        like=tuple(seed if isinstance(seed, Film) else resolve(seed) for seed in like),
        themes=tuple(dict.fromkeys(resolve_theme(word) for word in themes)),
        filters=filters,
        max_runtime=max_runtime,
        beginner=beginner,
        free=free,
        taste=taste,
        exclude=frozenset() if include_watched else (seen or frozenset(entry.film_id for entry in watched)),
        limit=limit,
    )


def recommend(query: Query | None = None, **words) -> list[Recommendation]:
    """Recommendations for a Query, or for make_query's keyword words: recommend(moods=["eerie"])."""
    from .recommending import recommend as run_recommend

    return run_recommend(query if query is not None else make_query(**words))


def pick(query: Query | None = None, seed: int | None = None, **words) -> Recommendation | None:
    """One film for tonight among the best fits; the same seed gives the same film."""
    from .recommending import pick as run_pick

    return run_pick(query if query is not None else make_query(**words), seed)


def record_entries(kind: str = "watched") -> list:
    """Your watched films (most recent first) or your watchlist, each joined to its film."""
    from . import record
    from .record import RecordEntry

    if kind == "watched":
        rows = record.watched()
        films = catalogue.films_by_id(row.film_id for row in rows)
        return [
            RecordEntry(films[r.film_id], watched_on=r.watched_on, rating=r.rating) for r in rows if r.film_id in films
        ]
    rows = record.watchlist()
    films = catalogue.films_by_id(row.film_id for row in rows)
    return [RecordEntry(films[r.film_id], added_on=r.added_on) for r in rows if r.film_id in films]


def films(filters: Filters | None = None) -> list[Film]:
    """Every film that passes the filters, in year then id order."""
    filters = filters or Filters()
    return [one for one in catalogue.all_films() if filters.admit(one)]


def path_films(name: str, filters: Filters | None = None) -> list[Film]:
    """The films of one watch path, in order."""
    from . import paths

    filters = filters or Filters()
    return [step.film for step in paths.path(name).steps if filters.admit(step.film)]


def eras(filters: Filters | None = None):
    from . import vocab

    return vocab.eras(filters)


def moods():
    from . import vocab

    return vocab.moods()


def genres():
    from . import vocab

    return vocab.genres()


def watch_paths():
    from . import paths

    return paths.paths()


def watch_path(name: str):
    from . import paths

    return paths.path(name)


__all__: Iterable[str] = [
    "Filters",
    "Query",
    "Taste",
    "eras",
    "film",
    "films",
    "genres",
    "make_query",
    "moods",
    "path_films",
    "person",
    "pick",
    "record_entries",
    "recommend",
    "search",
    "watch_path",
    "watch_paths",
]
