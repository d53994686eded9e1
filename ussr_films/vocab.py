"""The vocabularies (eras, moods, themes, kinds, studios, republics, canons) and resolving user words onto them."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, NamedTuple

from . import catalogue
from .errors import (
    NotAMood,
    UnknownCanon,
    UnknownEra,
    UnknownGenre,
    UnknownKind,
    UnknownMood,
    UnknownName,
    UnknownPerspective,
    UnknownRepublic,
    UnknownStudio,
    UnknownTheme,
    closest,
)
from .filters import ANY_CANON, Filters
from .models import Film, split_studios
from .text import compact, has_cyrillic, normalize, search_key


class Era(NamedTuple):
    id: str
    name: str
    start: int
    end: int | None
    description: str
    films: int
    group: str
    perspective: str | None = None
    aliases: tuple[str, ...] = ()  # leaders' names and Russian names: "khrushchev", "оттепель"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "description": self.description,
            "films": self.films,
        }

    @property
    def years(self) -> str:
        if self.group == "perspective":
            return f"since {self.start}" if self.start > 1917 else "any"
        return f"{self.start}-{self.end}"


class Mood(NamedTuple):
    id: str
    description: str
    synonyms: list[str]
    films: int

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Genre(NamedTuple):
    id: str
    name: str
    description: str
    synonyms: list[str]
    films: int

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


from .schema import KINDS, PERSPECTIVES  # noqa: E402,F401  (re-exported: vocab.KINDS is public)


def _word(text: str) -> str:
    return normalize(text).replace(" ", "-")


def eras(filters: Filters | None = None) -> list[Era]:
    """The eras in order, each with its number of films (of those filters admit, if given)."""
    if filters:
        counts = Counter(film.era for film in catalogue.all_films() if filters.admit(film))
    else:
        counts = dict(catalogue.query("SELECT era, count(*) FROM films GROUP BY era"))
    rows = catalogue.query(
        'SELECT id, name, start, "end", description, grp, perspective, aliases FROM eras ORDER BY position'
    )
    return [
        Era(
            id=id_,
            name=name,
            start=start,
            end=end,
            description=description,
            films=counts.get(id_, 0),
            group=group,
            perspective=perspective,
            aliases=tuple(json.loads(aliases or "[]")),
        )
        for id_, name, start, end, description, group, perspective, aliases in rows
    ]


def resolve_era(word: str) -> Era:
    """An era from an id, a loose spelling, a leader's name or its Russian name (eras.toml's aliases):
    "Thaw", "post soviet", "khrushchev", "brezhnev era", "оттепель"."""
    known = eras()
    wanted = _word(word).removeprefix("the-")
    for suffix in ("-era", "-years"):
        wanted = wanted.removesuffix(suffix)
    named = {_word(alias): era.id for era in known for alias in era.aliases}
    wanted = named.get(wanted, wanted)
    for era in known:
        if wanted in (era.id, era.id.replace("-", "")) or wanted == _word(era.name):
            return era
    ids = [era.id for era in known]
    latin = {alias: era.id for era in known for alias in era.aliases if alias.isascii()}
    suggestions = [latin.get(match, match) for match in closest(word, [*ids, *latin])]
    raise UnknownEra(word, ids, list(dict.fromkeys(suggestions)))


def films_in_era(era: Era, sort: str = "year") -> list[Film]:
    """The era's films in year order, by title, or most renowned first; ties broken by year, title and id."""
    ids = [row[0] for row in catalogue.query("SELECT id FROM films WHERE era = ? ORDER BY year, title, id", [era.id])]
    found = catalogue.films_by_id(ids)
    return sort_films([found[film_id] for film_id in ids], sort)


def sort_films(films: list[Film], sort: str = "year") -> list[Film]:
    """films by year (then title), by title (an English "The" ignored) or most renowned first; ties by year and id."""
    if sort == "title":
        return sorted(films, key=lambda film: (normalize(film.title).removeprefix("the "), film.year, film.id))
    if sort == "renown":
        renown = catalogue.prominence([film.id for film in films])
        return sorted(films, key=lambda film: (-renown.get(film.id, 0), film.year, film.id))
    return sorted(films, key=lambda film: (film.year, film.title, film.id))


def genres() -> list[Genre]:
    counts = dict(catalogue.query("SELECT genre_id, count(*) FROM film_genres GROUP BY genre_id"))
    rows = catalogue.query("SELECT id, name, description, synonyms FROM genres ORDER BY position")
    return [
        Genre(id=id_, name=name, description=description, synonyms=json.loads(synonyms), films=counts.get(id_, 0))
        for id_, name, description, synonyms in rows
    ]


def genre_named(word: str) -> str | None:
    """The genre an id, name or synonym names ("scary" -> horror, "fantasy" -> fairy-tale), if any."""
    wanted = _word(word)
    for genre in genres():
        if wanted in {genre.id, _word(genre.name), *(_word(s) for s in genre.synonyms)}:
            return genre.id
    return None


def resolve_genre(word: str) -> str:
    genre = genre_named(word)
    if genre:
        return genre
    raise UnknownGenre(word, [genre.id for genre in genres()])


def moods() -> list[Mood]:
    counts = dict(catalogue.query("SELECT mood_id, count(*) FROM film_moods GROUP BY mood_id"))
    rows = catalogue.query("SELECT id, description, synonyms FROM moods ORDER BY position")
    return [
        Mood(id=id_, description=description, synonyms=json.loads(synonyms), films=counts.get(id_, 0))
        for id_, description, synonyms in rows
    ]


def theme_ids() -> list[str]:
    return [row[0] for row in catalogue.query("SELECT id FROM themes ORDER BY position")]


def _theme_synonyms() -> dict[str, str]:
    found = {}
    for theme_id, name, synonyms in catalogue.query("SELECT id, name, synonyms FROM themes ORDER BY position"):
        for word in [theme_id, name, *json.loads(synonyms)]:
            found.setdefault(_word(word), theme_id)
    return found


def theme_named(text: str) -> str | None:
    """The theme a word or phrase names, if any; a plural is tried singular ("partisans")."""
    wanted = _word(text)
    found = _theme_synonyms()
    return found.get(wanted) or (found.get(wanted[:-1]) if wanted.endswith("s") else None)


def is_mood(word: str) -> bool:
    """Whether a word names a mood (its id or a synonym)."""
    wanted = _word(word)
    return any(wanted == mood.id or wanted in {_word(s) for s in mood.synonyms} for mood in moods())


def resolve_mood(word: str) -> str:
    """A mood id from an id or a synonym users type ("sad" -> heartbreaking)."""
    wanted = _word(word)
    known = moods()
    for mood in known:
        if wanted == mood.id or wanted in {_word(s) for s in mood.synonyms}:
            return mood.id
    theme = _theme_synonyms().get(wanted)
    if theme:
        raise NotAMood(word, theme)
    raise UnknownMood(word, [mood.id for mood in known])


def resolve_theme(word: str) -> str:
    theme = _theme_synonyms().get(_word(word))
    if theme:
        return theme
    raise UnknownTheme(word, theme_ids())


def resolve_kind(word: str) -> str:
    wanted = _word(word)
    aliases = {"animated": "animation", "cartoon": "animation", "doc": "documentary", "tv": "series", "film": "feature"}
    wanted = aliases.get(wanted, wanted)
    if wanted in KINDS:
        return wanted
    raise UnknownKind(word, KINDS)


def resolve_perspective(word: str) -> str:
    wanted = _word(word).replace("-", "_")
    if wanted in PERSPECTIVES:
        return wanted
    raise UnknownPerspective(word, PERSPECTIVES)


# -- studios, republics, canons: the catalogue's own values ---------------

# Older and Russian-derived names people still use for the republics.
REPUBLIC_ALIASES = {
    "rsfsr": "Russia",
    "byelorussia": "Belarus",
    "belorussia": "Belarus",
    "kirghizia": "Kyrgyzstan",
    "kirgizia": "Kyrgyzstan",
    "moldavia": "Moldova",
    "tadzhikistan": "Tajikistan",
    "turkmenia": "Turkmenistan",
    "azeri": "Azerbaijan",
}
# A demonym shares at least this many letters with its republic: "georgian", "uzbek".
REPUBLIC_STEM = 5


def _key(text: str) -> str:
    """How a studio, republic or canon name is compared: case, punctuation and romanisation folded."""
    if has_cyrillic(text):
        from .text import romanise

        return compact(romanise(text))
    return compact(search_key(text))


def studios() -> list[tuple[str, int]]:
    """Every studio the films credit, with its number of films, busiest first.

    A co-production counts for each of its studios.
    """
    counts: Counter[str] = Counter()
    for field, films in catalogue.query("SELECT studio, count(*) FROM films WHERE studio IS NOT NULL GROUP BY studio"):
        for name in split_studios(field):
            counts[name] += films
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def republics() -> list[tuple[str, int]]:
    """Every republic the catalogue's studios worked in, with its number of films, busiest first."""
    rows = catalogue.query("SELECT republic, count(*) FROM films WHERE republic IS NOT NULL GROUP BY republic")
    return sorted(rows, key=lambda item: (-item[1], item[0].casefold()))


def canon_ids() -> list[str]:
    return [row[0] for row in catalogue.query("SELECT id FROM canons ORDER BY position")]


def _by_prefix(wanted: str, names: list[str], error: type[UnknownName], word: str) -> str:
    """The one name whose key starts with wanted; several or none is an error with suggestions."""
    keyed = [(name, _key(name)) for name in names]
    exact = [name for name, key in keyed if key == wanted]
    if exact:
        return exact[0]
    # Three letters as typed, before folding ("bbc" folds to "bc"), before a start can stand for a name.
    long_enough = len(compact(normalize(word))) >= 3
    starting = [name for name, key in keyed if long_enough and key.startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    raise error(word, names, starting[:5] or closest(word, names))


def resolve_studio(word: str) -> str:
    """A studio as films spell it, from any case or spelling: "mosfilm", "Мосфильм", "dovzhenko"."""
    return _by_prefix(_key(word), [name for name, _ in studios()], UnknownStudio, word)


def resolve_republic(word: str) -> str:
    """A republic from its name, an older name or a demonym: "Georgia", "georgian", "Byelorussia"."""
    names = [name for name, _ in republics()]
    wanted = _key(word)
    for suffix in ("sovietsocialistrepublic", "ssr"):
        wanted = wanted.removesuffix(suffix) or wanted
    spellings = [(_key(name), name) for name in names]
    spellings += [(_key(old), new) for old, new in REPUBLIC_ALIASES.items() if new in names]
    exact = {name for key, name in spellings if key == wanted}
    stems = exact or {
        name
        for key, name in spellings
        if len(wanted) >= 3 and _common_prefix(wanted, key) >= min(REPUBLIC_STEM, len(key), len(wanted))
    }
    if len(stems) == 1:
        return stems.pop()
    raise UnknownRepublic(word, names)


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return length


def resolve_canon(word: str) -> str:
    """A canon id, a unique start of one ("bbc"), or "any" for a place in any recorded poll."""
    wanted = _key(word)
    if wanted == ANY_CANON:
        return ANY_CANON
    return _by_prefix(wanted, canon_ids() + [ANY_CANON], UnknownCanon, word)
