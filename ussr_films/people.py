"""Everyone a film credits (directors, writers, source authors, cinematographers, composers,
production designers, cast): find a person however their name is spelled, and list their films."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import catalogue
from .errors import AmbiguousPerson, UnknownPerson, UnknownRole
from .models import Film
from .text import compact, has_cyrillic, search_key


@dataclass(frozen=True)
class Credit:
    film: Film
    roles: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {**self.film.to_dict(), "roles": self.roles}


@dataclass(frozen=True)
class Person:
    name: str
    original_name: str | None
    aliases: list[str]
    born: int | None
    died: int | None
    credits: list[Credit]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "original_name": self.original_name,
            "aliases": self.aliases,
            "born": self.born,
            "died": self.died,
            "films": [credit.to_dict() for credit in self.credits],
        }


# The order a person's roles on one film are listed in (build.CREDIT_ROLES writes them).
ROLES = ("director", "writer", "source", "cinematographer", "composer", "production designer", "cast")
ROLE_WORDS = {
    "director": "director",
    "directors": "director",
    "writer": "writer",
    "writers": "writer",
    "screenwriter": "writer",
    "source": "source",
    "author": "source",
    "cinematographer": "cinematographer",
    "cinematographers": "cinematographer",
    "camera": "cinematographer",
    "dp": "cinematographer",
    "composer": "composer",
    "composers": "composer",
    "music": "composer",
    "production designer": "production designer",
    "production-designer": "production designer",
    "designer": "production designer",
    "cast": "cast",
    "actor": "cast",
    "actress": "cast",
}


def resolve_role(word: str) -> str:
    role = ROLE_WORDS.get(" ".join(word.casefold().split()))
    if role is None:
        raise UnknownRole(word, ROLES)
    return role


def find_person(text: str, role: str | None = None) -> Person:
    """The person a name (any spelling, surname alone) points to.

    A name typed as one person's own name is that person: namesakes whom the
    catalogue spells apart (the cinematographer Dmitri Meskhiev and his son
    Dmitry) fold to one key, and the spelling tells them apart. Otherwise a
    person's own name or surname counts before an alias (so
    "konchalovsky" is Andrei Konchalovsky, not a double surname his brother
    was once credited under). Among equals, the person with the most films
    in the catalogue wins; a true tie (the same number of films, or an
    alias that several people share) raises AmbiguousPerson listing them.
    """
    from .titles import check_length

    check_length(text)
    key = search_key(text)
    rows = _matching_names(key, role)
    if not rows and has_cyrillic(key):
        # Cast and crew names are recorded in Latin script only.
        from .text import romanise

        rows = _matching_names(romanise(text), role)
    if not rows:
        raise UnknownPerson(text, [], _closest_names(key), role)
    typed = " ".join(text.split()).casefold()
    exact = [name for name, _, _ in rows if name.casefold() == typed]
    if len(exact) == 1:
        return _person(exact[0], role)
    # Several people known by one alias (the brothers Mikhalkov and
    # Konchalovsky were both born Mikhalkov-Konchalovsky) are a tie whatever
    # their film counts: an alias is not the name either of them goes by.
    top_own = rows[0][1]
    tied = [(name, count) for name, own, count in rows if own == top_own and (not own or count == rows[0][2])]
    if len(tied) > 1:
        raise AmbiguousPerson(text, tied)
    return _person(rows[0][0], role)


def _matching_names(key: str, role: str | None = None) -> list[tuple[str, int, int]]:
    """(name, own, films): own is 1 when the key is the person's own name or surname, 0 for an alias."""
    return catalogue.query(
        "SELECT name, max(own), count(DISTINCT film_id) FROM credit_keys WHERE (key = ? OR compact = ?) "
        "AND (? IS NULL OR role = ?) GROUP BY name ORDER BY 2 DESC, 3 DESC, name",
        [key, compact(key), role, role],
    )


def _closest_names(key: str) -> list[str]:
    """Names whose surname looks like the query, for a "did you mean"."""
    import difflib

    by_surname: dict[str, str] = {}
    for (name,) in catalogue.query("SELECT DISTINCT name FROM credits ORDER BY name"):
        by_surname.setdefault(search_key(name).split()[-1], name)
    wanted = key.split()[-1] if key else ""
    return [by_surname[s] for s in difflib.get_close_matches(wanted, list(by_surname), n=3, cutoff=0.6)]


def _person(name: str, role: str | None = None) -> Person:
    record = catalogue.query("SELECT original_name, aliases, born, died FROM people WHERE name = ?", [name])
    original_name, aliases, born, died = record[0] if record else (None, "[]", None, None)
    credits = catalogue.query(
        "SELECT film_id, role FROM credits WHERE name = ? AND (? IS NULL OR role = ?)", [name, role, role]
    )
    roles: dict[str, list[str]] = {}
    for film_id, role in credits:
        roles.setdefault(film_id, []).append(role)
    films = catalogue.films_by_id(roles)
    ordered = sorted(films.values(), key=lambda film: (film.year, film.id))
    return Person(
        name=name,
        original_name=original_name,
        aliases=json.loads(aliases),
        born=born,
        died=died,
        credits=[Credit(film, sorted(set(roles[film.id]), key=ROLES.index)) for film in ordered],
    )
