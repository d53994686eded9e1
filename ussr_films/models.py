"""The film record, and the search and recommend results that carry one.

Other results live beside the code that makes them (vocab, paths, people,
record): each frozen dataclass costs about a millisecond to create at import
(a NamedTuple a tenth of that), and a search should pay only for its own.
Results are NamedTuples; the film, with its many defaulted fields, stays a
frozen dataclass.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any, NamedTuple

# A co-production's studio field names each studio: "Mosfilm and Suomi-Filmi",
# "Mosfilm, Dovzhenko Film Studios and the Experimental Creative Studio".
_STUDIO_SEPARATOR = re.compile(r",\s*|\s+and\s+")


def split_studios(studio: str | None) -> tuple[str, ...]:
    """Each studio a film's studio field credits; a co-production names several."""
    if not studio:
        return ()
    return tuple(part for part in _STUDIO_SEPARATOR.split(studio) if part)


# Relations that make two films versions of one work or one story: the card
# lists them as "Other versions", apart from homages and pairings.
VERSION_RELATIONS = frozenset({"remake", "remade-as", "sequel", "prequel", "followed-by", "adaptation-of-same"})


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
    lost: bool = False  # only fragments, stills or a reconstruction survive
    # Why a film that the scope rule leaves out is kept (its id is in users' records): never recommended.
    outside_scope: str | None = None
    runtime_min: int | None = None
    admissions: float | None = None  # Soviet cinema tickets, millions, first year
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
    tmdb_id: int | None = None
    year_completed: int | None = None
    year_released: int | None = None
    writers: list[str] = field(default_factory=list)
    source: dict[str, Any] | None = None  # the work adapted: kind, title, original_title, authors
    cinematographers: list[str] = field(default_factory=list)
    composers: list[str] = field(default_factory=list)
    production_designers: list[str] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    accessible: dict[str, Any] | None = None  # {ok, why}: the judgement --beginner reads
    refs: list[str] = field(default_factory=list)
    republic: str | None = None
    canons: list[dict[str, Any]] = field(default_factory=list)
    standing: float = 0.0  # critics, audience and prizes, by place among the catalogue's films (standing.py)
    free: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Film:
        if data.keys() == _FILM_FIELDS:
            # A whole document, as the build stores it: its values go straight in. A frozen
            # dataclass's __init__ sets each of 43 fields through object.__setattr__, which was a
            # third of loading an era's films.
            film = object.__new__(cls)
            film.__dict__.update(data)
            return film
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def years(self) -> tuple[int, ...]:
        """Every year the film is known by: listed, completed, released, out of the censor's hands."""
        years = {self.year, self.year_completed, self.year_released}
        if self.censorship:
            years |= {self.censorship.get("shelved"), self.censorship.get("released")}
        return tuple(sorted(year for year in years if isinstance(year, int)))

    @property
    def people(self) -> frozenset[str]:
        """Everyone the film credits, in any role."""
        authors = (self.source or {}).get("authors", [])
        return frozenset(
            [
                *self.directors,
                *self.writers,
                *authors,
                *self.cinematographers,
                *self.composers,
                *self.production_designers,
                *self.cast,
            ]
        )

    @property
    def free_to_watch(self) -> bool:
        """A reference names the film at a free, legal address (a search link alone does not count)."""
        return any(link.get("named") for link in self.free)

    @property
    def studios(self) -> tuple[str, ...]:
        return split_studios(self.studio)


_FILM_FIELDS = {f.name for f in fields(Film)}


class SearchHit(NamedTuple):
    film: Film
    matched: str  # what matched, in words: "title", "original title", "director"...
    tier: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.film.to_dict(), "matched": self.matched}


class Recommendation(NamedTuple):
    film: Film
    score: float
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {**self.film.to_dict(), "score": round(self.score, 3), "reasons": self.reasons}
