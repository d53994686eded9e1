"""Plain data returned by the domain layer; renderers and JSON read these."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

# A co-production's studio field names each studio: "Mosfilm and Suomi-Filmi",
# "Mosfilm, Dovzhenko Film Studios and the Experimental Creative Studio".
_STUDIO_SEPARATOR = re.compile(r",\s*|\s+and\s+")


def split_studios(studio: str | None) -> tuple[str, ...]:
    """Each studio a film's studio field credits; a co-production names several."""
    if not studio:
        return ()
    return tuple(part for part in _STUDIO_SEPARATOR.split(studio) if part)


@dataclass(frozen=True)
class Film:
    id: str
    title: str
    original_title: str
    year: int
    kind: str
    perspective: str
    era: str
    directors: list[str]
    moods: list[str]
    themes: list[str]
    translit: str | None = None
    alt_titles: list[str] = field(default_factory=list)
    made_for_tv: bool = False
    runtime_min: int | None = None
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    studio: str | None = None
    cast: list[str] = field(default_factory=list)
    setting: dict[str, int] | None = None
    synopsis: str = ""
    context: str = ""
    awards: list[dict[str, Any]] = field(default_factory=list)
    censorship: dict[str, Any] | None = None
    connections: list[dict[str, Any]] = field(default_factory=list)
    imdb_id: str | None = None
    refs: list[str] = field(default_factory=list)
    republic: str | None = None
    canons: list[dict[str, Any]] = field(default_factory=list)
    free: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Film:
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def studios(self) -> tuple[str, ...]:
        return split_studios(self.studio)


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


@dataclass(frozen=True)
class SearchHit:
    film: Film
    matched: str  # what matched, in words: "title", "original title", "director"...
    tier: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.film.to_dict(), "matched": self.matched}


@dataclass(frozen=True)
class Recommendation:
    film: Film
    score: float
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {**self.film.to_dict(), "score": round(self.score, 3), "reasons": self.reasons}


@dataclass(frozen=True)
class PathSummary:
    id: str
    title: str
    audience: str
    steps: int
    runtime_min: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PathStep:
    position: int
    film: Film
    note: str
    pair_with: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"position": self.position, "film": self.film.to_dict(), "note": self.note}
        if self.pair_with:
            data["pair_with"] = self.pair_with
        return data


@dataclass(frozen=True)
class WatchPath:
    id: str
    title: str
    audience: str
    description: str
    steps: list[PathStep]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "audience": self.audience,
            "description": self.description,
            "steps": [step.to_dict() for step in self.steps],
        }

    def next_step(self, seen: frozenset[str]) -> PathStep | None:
        """The first step not yet watched; None when the path is done."""
        return next((step for step in self.steps if step.film.id not in seen), None)


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


@dataclass(frozen=True)
class RecordEntry:
    """A film in the viewing record: watched (with date and rating) or wanted."""

    film: Film
    watched_on: str | None = None
    rating: float | None = None
    added_on: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = self.film.to_dict()
        if self.added_on is not None:
            data["added_on"] = self.added_on
        else:
            data["watched_on"] = self.watched_on
            data["rating"] = self.rating
        return data
