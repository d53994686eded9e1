"""Which films recommend reads whole and scores: chosen in SQL.

Reading a film whole (its JSON document) costs far more than scoring it, so
at 100,000 films reading every candidate took seconds. The hard filters run
in SQL, and the candidates are ranked there by the part of the score SQL can
see: the asked-for moods by their place in each film's list, and for --like
the shared director, links, themes, moods and cast. Only the best SHORTLIST
are read and scored in full. A catalogue smaller than SHORTLIST (the shipped
one) is always scored whole, so its results are exactly the full scoring.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

from . import catalogue
from .filters import ANY_CANON

if TYPE_CHECKING:
    from .recommend import Query

SHORTLIST = 1000


def candidate_ids(query: Query) -> list[str]:
    """Up to SHORTLIST film ids that pass the query's filters, most promising first."""
    from .recommend import MOOD_POSITION_WEIGHT

    where, params = _conditions(query)
    # --like ranks in Python after the likeness bounds; otherwise SQL's order is final.
    limit = "" if query.like else f" LIMIT {SHORTLIST}"
    if query.moods:
        weight = "CASE m.position " + " ".join(
            f"WHEN {position} THEN {value}" for position, value in enumerate(MOOD_POSITION_WEIGHT)
        ) + f" ELSE {MOOD_POSITION_WEIGHT[-1]} END"
        marks = ",".join("?" * len(query.moods))
        rows = catalogue.query(
            f"SELECT f.id, SUM({weight}) FROM film_moods m JOIN films f ON f.id = m.film_id "
            f"WHERE m.mood_id IN ({marks}) AND {where} "
            "GROUP BY f.id HAVING count(DISTINCT m.mood_id) = ? "
            f"ORDER BY 2 DESC, f.prominence DESC, f.id{limit}",
            [*query.moods, *params, len(query.moods)],
        )
    else:
        rows = catalogue.query(
            f"SELECT f.id, 0 FROM films f WHERE {where} ORDER BY f.prominence DESC, f.id{limit}", params
        )
    if not query.like:
        return [film_id for film_id, _ in rows]
    allowed = {film_id: base for film_id, base in rows}
    likeness = _likeness_bounds(query)
    ranked = sorted(
        (film_id for film_id in likeness if film_id in allowed),
        key=lambda film_id: (-(likeness[film_id] + allowed[film_id]), film_id),
    )
    return ranked[:SHORTLIST]


def _conditions(query: Query) -> tuple[str, list]:
    """The hard filters as one SQL condition on films f, and its parameters."""
    clauses, params = ["1"], []
    left_out = sorted(query.exclude | {seed.id for seed in query.like})
    if left_out:
        clauses.append("f.id NOT IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(left_out))
    for theme in query.themes:
        clauses.append("EXISTS (SELECT 1 FROM film_themes t WHERE t.film_id = f.id AND t.theme_id = ?)")
        params.append(theme)
    filters = query.filters
    for column, value in (
        ("year", filters.year), ("era", filters.era), ("perspective", filters.perspective),
        ("kind", filters.kind), ("republic", filters.republic),
    ):
        if value is not None:
            clauses.append(f"f.{column} = ?")
            params.append(value)
    if filters.decade is not None:
        clauses.append("f.year BETWEEN ? AND ?")
        params += [filters.decade, filters.decade + 9]
    if filters.studio is not None:
        # A superset (co-productions name several studios); Query.admits checks exactly.
        clauses.append("instr(lower(f.studio), lower(?)) > 0")
        params.append(filters.studio)
    if filters.canon == ANY_CANON:
        clauses.append("EXISTS (SELECT 1 FROM film_canons c WHERE c.film_id = f.id)")
    elif filters.canon is not None:
        clauses.append("EXISTS (SELECT 1 FROM film_canons c WHERE c.film_id = f.id AND c.canon_id = ?)")
        params.append(filters.canon)
    if query.max_runtime is not None:
        clauses.append("f.runtime_min <= ?")
        params.append(query.max_runtime)
    if query.free:
        clauses.append("EXISTS (SELECT 1 FROM free_channels c WHERE c.film_id = f.id)")
    return " AND ".join(clauses), params


def _likeness_bounds(query: Query) -> Counter[str]:
    """For each film sharing anything with a seed, at least the points recommend gives it for that."""
    from .recommend import SAME_DIRECTOR, SAME_ERA, SHARED_CAST, SHARED_MOOD, SHARED_THEME, CONNECTED

    points: Counter[str] = Counter()
    for seed in query.like:
        shared: Counter[str] = Counter()
        for film_id, _ in _shared("credits", "name", seed.directors, "role = 'director'"):
            shared[film_id] += SAME_DIRECTOR
        for film_id in _linked(seed):
            shared[film_id] += CONNECTED
        for film_id, count in _shared("film_themes", "theme_id", seed.themes):
            shared[film_id] += SHARED_THEME * count
        for film_id, count in _shared("film_moods", "mood_id", seed.moods):
            shared[film_id] += SHARED_MOOD * count
        for film_id, count in _shared("credits", "name", seed.cast, "role = 'cast'"):
            shared[film_id] += SHARED_CAST * min(count, 2)
        for film_id, value in shared.items():
            # The same-era bonus is unknown here; counting it for all keeps this a bound.
            points[film_id] += value + SAME_ERA
    return points


def _shared(table: str, column: str, values: list[str], extra: str = "1") -> list[tuple[str, int]]:
    if not values:
        return []
    return catalogue.query(
        f"SELECT film_id, count(DISTINCT {column}) FROM {table} "
        f"WHERE {column} IN (SELECT value FROM json_each(?)) AND {extra} GROUP BY film_id",
        [json.dumps(sorted(set(values)))],
    )


def _linked(seed) -> set[str]:
    """Films the seed links to, and films that link to it."""
    outbound = {connection["film"] for connection in seed.connections if connection.get("film")}
    inbound = {row[0] for row in catalogue.query("SELECT film_id FROM film_links WHERE other_id = ?", [seed.id])}
    return outbound | inbound
