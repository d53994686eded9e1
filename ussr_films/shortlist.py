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
from typing import TYPE_CHECKING

from . import catalogue
from .filters import ANY_CANON

if TYPE_CHECKING:
    from .query import Query

# Above the shipped catalogue's size, so that it is always scored whole.
SHORTLIST = 3000


def candidate_ids(query: Query) -> list[str]:
    """Up to SHORTLIST film ids that pass the query's filters, most promising first.

    Each branch of the union gives points a film earns; films earning none are
    left out when the query has moods or seeds, as recommend would leave them.
    """
    where, params = _conditions(query)
    branches, branch_params = _mood_points(query)
    for seed in query.like:
        seed_branches, seed_params = _likeness_points(seed)
        branches += seed_branches
        branch_params += seed_params
    if not branches:
        return [
            row[0]
            for row in catalogue.query(
                f"SELECT f.id FROM films f WHERE {where} ORDER BY f.prominence DESC, f.id LIMIT {SHORTLIST}", params
            )
        ]
    mood_check = ""
    if query.moods:
        mood_check = (
            " AND f.id IN (SELECT film_id FROM film_moods WHERE mood_id IN (SELECT value FROM json_each(?)) "
            "GROUP BY film_id HAVING count(DISTINCT mood_id) = ?)"
        )
        params = [*params, json.dumps(list(query.moods)), len(query.moods)]
    rows = catalogue.query(
        f"WITH points(film_id, value) AS ({' UNION ALL '.join(branches)}) "
        f"SELECT f.id FROM points p JOIN films f ON f.id = p.film_id WHERE {where}{mood_check} "
        f"GROUP BY f.id ORDER BY SUM(p.value) DESC, f.prominence DESC, f.id LIMIT {SHORTLIST}",
        [*branch_params, *params],
    )
    return [row[0] for row in rows]


def scored_in_sql(query: Query) -> bool:
    """Whether SQL sees a query's whole score: moods, standing and hard filters, no seeds, taste or beginner."""
    return not (query.like or query.taste or query.beginner)


def ranked(query: Query) -> list[tuple[str, float, int]]:
    """Every film past the hard filters, with the whole score recommend gives it and its year, best first.

    Only for queries scored_in_sql: the asked-for moods by their place, plus
    the standing the build stored (standing.py's own figure). recommend reads
    films whole in this order only until its answer is settled.
    """
    from .query import STANDING_WEIGHT

    where, params = _conditions(query)
    if not query.moods:
        rows = catalogue.query(
            f"SELECT f.id, round(1.0 + {STANDING_WEIGHT} * f.standing, 6) AS score, f.year FROM films f "
            f"WHERE {where} ORDER BY score DESC, f.year, f.id",
            params,
        )
        return [tuple(row) for row in rows]
    rows = catalogue.query(
        f"SELECT f.id, round(SUM({_MOOD_WEIGHT}) + {STANDING_WEIGHT} * f.standing, 6) AS score, f.year "
        "FROM film_moods m JOIN films f ON f.id = m.film_id "
        f"WHERE m.mood_id IN (SELECT value FROM json_each(?)) AND {where} "
        "GROUP BY f.id HAVING count(DISTINCT m.mood_id) = ? ORDER BY score DESC, f.year, f.id",
        [json.dumps(list(query.moods)), *params, len(query.moods)],
    )
    return [tuple(row) for row in rows]


def _mood_weight() -> str:
    from .query import MOOD_POSITION_WEIGHT

    return (
        "CASE position "
        + " ".join(f"WHEN {position} THEN {value}" for position, value in enumerate(MOOD_POSITION_WEIGHT))
        + f" ELSE {MOOD_POSITION_WEIGHT[-1]} END"
    )


_MOOD_WEIGHT = _mood_weight()  # a mood's points by its place in the film's list, as SQL


def _mood_points(query: Query) -> tuple[list[str], list]:
    """The asked-for moods, each by its place in the film's list."""
    if not query.moods:
        return [], []
    branch = f"SELECT film_id, {_MOOD_WEIGHT} FROM film_moods WHERE mood_id IN (SELECT value FROM json_each(?))"
    return [branch], [json.dumps(list(query.moods))]


def _likeness_points(seed) -> tuple[list[str], list]:
    """The points recommend gives a film for what it shares with seed.

    All but the same-era bonus, which only sharpens a match (at most SAME_ERA).
    """
    from .query import CONNECTED, SAME_DIRECTOR, SHARED_CAST, SHARED_MOOD, SHARED_PERSON, SHARED_THEME

    def listed(values) -> str:
        return json.dumps(sorted(set(values)))

    linked = [c["film"] for c in seed.connections if c.get("film")]
    branches = [
        f"SELECT DISTINCT film_id, {SAME_DIRECTOR} FROM credits "
        "WHERE role = 'director' AND name IN (SELECT value FROM json_each(?))",
        # Linked either way, counted once (a union inside, not in the outer chain).
        f"SELECT film_id, {CONNECTED} FROM (SELECT value AS film_id FROM json_each(?) "
        "UNION SELECT film_id FROM film_links WHERE other_id = ?)",
        f"SELECT film_id, {SHARED_THEME} FROM film_themes WHERE theme_id IN (SELECT value FROM json_each(?))",
        f"SELECT film_id, {SHARED_MOOD[0]} FROM film_moods WHERE mood_id IN (SELECT value FROM json_each(?))",
        f"SELECT film_id, {SHARED_CAST} * min(2, count(DISTINCT name)) FROM credits "
        "WHERE role = 'cast' AND name IN (SELECT value FROM json_each(?)) GROUP BY film_id",
        # The seed's writers, authors, camera, music and design, in a role other than directing or acting here.
        f"SELECT film_id, {SHARED_PERSON} * min(3, count(DISTINCT name)) FROM credits c "
        "WHERE role NOT IN ('director', 'cast') AND name IN (SELECT value FROM json_each(?)) "
        "AND NOT EXISTS (SELECT 1 FROM credits o WHERE o.film_id = c.film_id AND o.name = c.name "
        "AND o.role IN ('director', 'cast')) GROUP BY film_id",
    ]
    params = [
        listed(seed.directors),
        listed(linked),
        seed.id,
        listed(seed.themes),
        listed(seed.moods),
        listed(seed.cast),
        listed(seed.people - set(seed.cast)),
    ]
    return branches, params


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
    if filters.year is not None:
        clauses.append("EXISTS (SELECT 1 FROM film_years y WHERE y.film_id = f.id AND y.year = ?)")
        params.append(filters.year)
    for genre in filters.genres:
        clauses.append("EXISTS (SELECT 1 FROM film_genres g WHERE g.film_id = f.id AND g.genre_id = ?)")
        params.append(genre)
    if filters.person is not None:
        clauses.append("EXISTS (SELECT 1 FROM credits c WHERE c.film_id = f.id AND c.name = ?)")
        params.append(filters.person)
    for column, value in (
        ("era", filters.era),
        ("perspective", filters.perspective),
        ("kind", filters.kind),
        ("republic", filters.republic),
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
        clauses.append("EXISTS (SELECT 1 FROM free_channels c WHERE c.film_id = f.id AND c.named = 1)")
    return " AND ".join(clauses), params
