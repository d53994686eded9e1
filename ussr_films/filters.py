"""Hard filters on films, shared by search, by-era, recommend, export and stats.

Values arrive here already resolved onto the catalogue's own (see vocab.py):
an era id, a kind, a studio name as films spell it, a republic, a canon id.
"""

from __future__ import annotations

from typing import NamedTuple

from .models import Film

ANY_CANON = "any"


class Filters(NamedTuple):
    year: int | None = None
    decade: int | None = None
    era: str | None = None
    perspective: str | None = None
    kind: str | None = None
    studio: str | None = None
    republic: str | None = None
    canon: str | None = None  # a canon id, or ANY_CANON for a place in any recorded poll
    person: str | None = None  # a name as the catalogue credits it, in any role
    genres: tuple[str, ...] = ()  # genre ids; a film must have every one

    def admit(self, film: Film) -> bool:
        checks = (
            self.year is None or self.year in film.years,
            self.decade is None or film.year // 10 * 10 == self.decade,
            self.era is None or film.era == self.era,
            self.perspective is None or film.perspective == self.perspective,
            self.kind is None or film.kind == self.kind,
            self.studio is None or self.studio in film.studios,
            self.republic is None or film.republic == self.republic,
            self.canon is None or _in_canon(film, self.canon),
            self.person is None or self.person in film.people,
            all(genre in film.genres for genre in self.genres),
        )
        return all(checks)

    def __bool__(self) -> bool:
        return any(value is not None and value != () for value in self)

    def describe(self) -> str:
        """The filters in words, for a heading: "animation, Soyuzmultfilm, 1970s"."""
        words = []
        for name, value in self._asdict().items():
            if value is None or value == ():
                continue
            if name == "genres":
                words.extend(genre.replace("-", " ") for genre in value)
                continue
            if name == "decade":
                value = f"{value}s"
            elif name == "canon":
                value = "in any canon" if value == ANY_CANON else f"in {value}"
            elif name == "republic":
                value = f"from {value}"
            elif name == "person":
                value = f"with {value}"
            words.append(str(value).replace("_", "-"))
        return ", ".join(words)


def _in_canon(film: Film, canon: str) -> bool:
    return any(canon in (ANY_CANON, entry["canon"]) for entry in film.canons)
