"""Curated watch paths: ordered journeys through the catalogue."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from . import catalogue
from .errors import UnknownPath
from .models import Film
from .text import normalize


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


def paths() -> list[PathSummary]:
    rows = catalogue.query(
        "SELECT p.id, p.title, p.audience, count(s.film_id), coalesce(sum(f.runtime_min), 0) "
        "FROM paths p JOIN path_steps s ON s.path_id = p.id JOIN films f ON f.id = s.film_id "
        "GROUP BY p.id ORDER BY p.position"
    )
    return [PathSummary(*row) for row in rows]


def path(name: str) -> WatchPath:
    wanted = normalize(name).replace(" ", "-")
    rows = catalogue.query("SELECT id, title, audience, description FROM paths WHERE id = ?", [wanted])
    if not rows:
        raise UnknownPath(name, [summary.id for summary in paths()])
    path_id, title, audience, description = rows[0]
    steps = catalogue.query(
        "SELECT position, film_id, note, pair_with FROM path_steps WHERE path_id = ? ORDER BY position",
        [path_id],
    )
    films = catalogue.films_by_id(step[1] for step in steps)
    return WatchPath(
        id=path_id,
        title=title,
        audience=audience,
        description=description,
        steps=[PathStep(position, films[film_id], note, pair_with) for position, film_id, note, pair_with in steps],
    )
