"""Curated watch paths: ordered journeys through the catalogue."""

from __future__ import annotations

from . import catalogue
from .errors import UnknownPath
from .models import PathStep, PathSummary, WatchPath
from .text import normalize


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
