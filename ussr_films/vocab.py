"""The fixed vocabularies (eras, moods, themes, kinds) and resolving user words onto them."""

from __future__ import annotations

import json

from . import catalogue
from .errors import (
    NotAMood,
    UnknownEra,
    UnknownKind,
    UnknownMood,
    UnknownPerspective,
    UnknownTheme,
)
from dataclasses import asdict, dataclass
from typing import Any

from .models import Film
from .text import normalize


@dataclass(frozen=True)
class Era:
    id: str
    name: str
    start: int
    end: int | None
    description: str
    films: int
    group: str
    perspective: str | None = None

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


@dataclass(frozen=True)
class Mood:
    id: str
    description: str
    synonyms: list[str]
    films: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

KINDS = ("feature", "animation", "documentary", "series", "short")
PERSPECTIVES = ("soviet", "post_soviet", "western")


def _word(text: str) -> str:
    return normalize(text).replace(" ", "-")


def eras() -> list[Era]:
    counts = dict(catalogue.query("SELECT era, count(*) FROM films GROUP BY era"))
    rows = catalogue.query(
        'SELECT id, name, start, "end", description, grp, perspective FROM eras ORDER BY position'
    )
    return [
        Era(id=id_, name=name, start=start, end=end, description=description, films=counts.get(id_, 0),
            group=group, perspective=perspective)
        for id_, name, start, end, description, group, perspective in rows
    ]


def resolve_era(word: str) -> Era:
    """An era from an id or a loose spelling: "Thaw", "post_soviet", "post soviet"."""
    known = eras()
    wanted = _word(word).removeprefix("the-")
    for era in known:
        if wanted in (era.id, era.id.replace("-", "")) or wanted == _word(era.name):
            return era
    raise UnknownEra(word, [era.id for era in known])


def films_in_era(era: Era) -> list[Film]:
    ids = [row[0] for row in catalogue.query("SELECT id FROM films WHERE era = ? ORDER BY year, title, id", [era.id])]
    found = catalogue.films_by_id(ids)
    return [found[film_id] for film_id in ids]


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
