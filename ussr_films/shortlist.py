"""Which films recommend reads whole and scores: chosen in SQL.

Reading a film whole (its JSON document) costs far more than scoring it, so
at 100,000 films reading every candidate took seconds. The hard filters run
in SQL in both of recommend's ways:

- ranked: for moods, filters and --like, SQL ranks every film by a score
  never below recommend's (the moods by their place, the stored standing,
  each seed's likeness and bonuses), in recommend's own order, and recommend
  reads films whole only until its answer is settled;
- candidate_ids: with --for-me or --beginner, whose taste SQL cannot see,
  the best SHORTLIST by the part of the score SQL can see are read and scored
  in full. A catalogue smaller than SHORTLIST (the shipped one) is always
  scored whole, so its results are exactly the full scoring.
"""

from __future__ import annotations

import json

from . import catalogue
from .filters import ANY_CANON
from .query import (
    CONNECTED,
    MOOD_POSITION_WEIGHT,
    SAME_DIRECTOR,
    SAME_ERA,
    SAME_REPUBLIC,
    SAME_SETTING,
    SAME_STUDIO,
    SHARED_CAST,
    SHARED_MOOD,
    SHARED_PERSON,
    SHARED_THEME,
    STANDING_WEIGHT,
    Query,
)
from .schema import RANKING_INDEX

# Above the shipped catalogue's size, so that it is always scored whole.
SHORTLIST = 3000
# The films table through its small covering index: the planner otherwise looks each film up
# by its primary key and reads its large row, which at 100,000 films costs a tenth of a second.
FILMS = f"films f INDEXED BY {RANKING_INDEX}"


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
                f"SELECT f.id FROM {FILMS} WHERE {where} ORDER BY f.prominence DESC, f.id LIMIT {SHORTLIST}", params
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
        f"SELECT f.id FROM points p JOIN {FILMS} ON f.id = p.film_id WHERE {where}{mood_check} "
        f"GROUP BY f.id ORDER BY SUM(p.value) DESC, f.prominence DESC, f.id LIMIT {SHORTLIST}",
        [*branch_params, *params],
    )
    return [row[0] for row in rows]


def scored_in_sql(query: Query) -> bool:
    """Whether SQL sees a query's whole score (or, for seeds, never less than it): no taste or beginner."""
    return not (query.taste or query.beginner)


def ranked(query: Query, limit: int | None = None) -> list[tuple[str, float, int]]:
    """Every film recommend could give (or the first limit), with a score never below recommend's, and its year; best first.

    Only for queries scored_in_sql. The score is the asked-for moods by
    their place, each seed's likeness (_likeness_points, _seed_bonus), and the standing the
    build stored (standing.py's own figure): exact but for the likeness,
    which may come out higher. recommend reads films whole in this order
    only until its answer is settled.
    """
    where, params = _conditions(query)
    if not query.moods and not query.like:
        rows = catalogue.query(
            f"SELECT f.id, round(1.0 + {STANDING_WEIGHT} * f.standing, 6) AS score, f.year FROM {FILMS} "
            f"WHERE {where} ORDER BY score DESC, f.year, f.id{_limit(limit)}",
            params,
        )
        return [tuple(row) for row in rows]
    sources, source_params, bonuses, bonus_params = [], [], [], []
    for n, seed in enumerate(query.like):
        branches, seed_params = _likeness_points(seed)
        sources += [f"SELECT film_id, value, NULL, {n} FROM ({branch})" for branch in branches]
        source_params += seed_params
        bonus, params_of_bonus = _seed_bonus(seed, n)
        bonuses.append(bonus)
        bonus_params += params_of_bonus
    having, having_params = "", []
    if query.moods:
        sources.append(
            f"SELECT film_id, {_MOOD_WEIGHT}, mood_id, NULL FROM film_moods "
            "WHERE mood_id IN (SELECT value FROM json_each(?))"
        )
        source_params.append(json.dumps(list(query.moods)))
        # Every asked-for mood must be there; a film with them all needs no likeness.
        having, having_params = " HAVING count(DISTINCT mood_id) = ?", [len(query.moods)]
    # Points are summed per film first, so that each film's row is looked up once.
    seeds = "".join(f", MAX(seed = {n}) AS seed{n}" for n in range(len(query.like)))
    score = " + ".join(["g.value", *bonuses, f"{STANDING_WEIGHT} * f.standing"])
    rows = catalogue.query(
        f"WITH p(film_id, value, mood_id, seed) AS ({' UNION ALL '.join(sources)}), "
        f"g AS (SELECT film_id, SUM(value) AS value{seeds} FROM p GROUP BY film_id{having}) "
        f"SELECT f.id, round({score}, 6) AS score, f.year "
        f"FROM g JOIN {FILMS} ON f.id = g.film_id WHERE {where} "
        f"ORDER BY score DESC, f.year, f.id{_limit(limit)}",
        [*source_params, *having_params, *bonus_params, *params],
    )
    return [tuple(row) for row in rows]


def _limit(limit: int | None) -> str:
    # SQLite keeps only the best rows while it sorts when told how many: at 100,000 films a --like
    # query scores most of them, and sorting and fetching them all took longer than the scoring.
    return f" LIMIT {int(limit)}" if limit is not None else ""


# A mood's points by its place in the film's list, as SQL.
_MOOD_WEIGHT = (
    "CASE position "
    + " ".join(f"WHEN {position} THEN {value}" for position, value in enumerate(MOOD_POSITION_WEIGHT))
    + f" ELSE {MOOD_POSITION_WEIGHT[-1]} END"
)


def _mood_points(query: Query) -> tuple[list[str], list]:
    """The asked-for moods, each by its place in the film's list."""
    if not query.moods:
        return [], []
    branch = f"SELECT film_id, {_MOOD_WEIGHT} FROM film_moods WHERE mood_id IN (SELECT value FROM json_each(?))"
    return [branch], [json.dumps(list(query.moods))]


def _likeness_points(seed) -> tuple[list[str], list]:
    """Branches giving each film at least the points recommend's likeness gives it for seed, never fewer.

    Exact for the director, themes, moods, cast and the years the story is set
    in; a link counts either way; a crew member counts even where they also
    direct or act in the film (recommend leaves those out: checking that here
    doubled the time at scale). The studio and era bonuses are added by
    _seed_bonus.
    """

    def listed(values) -> str:
        return json.dumps(sorted(set(values)))

    linked = [c["film"] for c in seed.connections if c.get("film")]
    mood_weights = {mood: SHARED_MOOD[min(place, 3)] for place, mood in enumerate(seed.moods)}
    branches = [
        f"SELECT DISTINCT film_id, {SAME_DIRECTOR} AS value FROM credits "
        "WHERE role = 'director' AND name IN (SELECT value FROM json_each(?))",
        # Linked either way, counted once (a union inside, not in the outer chain).
        f"SELECT film_id, {CONNECTED} AS value FROM (SELECT value AS film_id FROM json_each(?) "
        "UNION SELECT film_id FROM film_links WHERE other_id = ?)",
        f"SELECT film_id, {SHARED_THEME} AS value FROM film_themes WHERE theme_id IN (SELECT value FROM json_each(?))",
        # Each shared mood by its place in the seed's list, as recommend weighs it.
        "SELECT m.film_id, w.value AS value FROM film_moods m JOIN json_each(?) w ON w.key = m.mood_id",
        f"SELECT film_id, {SHARED_CAST} * min(3, count(DISTINCT name)) AS value FROM credits "
        "WHERE role = 'cast' AND name IN (SELECT value FROM json_each(?)) GROUP BY film_id",
        f"SELECT film_id, {SHARED_PERSON} * min(3, count(DISTINCT name)) AS value FROM credits "
        "WHERE role NOT IN ('director', 'cast') AND name IN (SELECT value FROM json_each(?)) GROUP BY film_id",
    ]
    params = [
        listed(seed.directors),
        listed(linked),
        seed.id,
        listed(seed.themes),
        json.dumps(mood_weights, sort_keys=True),
        listed(seed.cast),
        listed(seed.people - set(seed.cast)),
    ]
    if seed.setting:
        start, end = seed.setting["from"], seed.setting["to"]
        # The share of years the two settings have in common, of all the years either depicts.
        branches.append(
            f"SELECT id AS film_id, {SAME_SETTING} * ((min(setting_to, {end}) - max(setting_from, {start}) + 1) * 1.0 "
            f"/ (max(setting_to, {end}) - min(setting_from, {start}) + 1)) AS value FROM films INDEXED BY {RANKING_INDEX} "
            f"WHERE setting_from <= {end} AND setting_to >= {start}"
        )
    return branches, params


def _seed_bonus(seed, n: int) -> tuple[str, list]:
    """The studio (or republic) and era bonuses for seed n, as SQL on films f, where the film is like it at all.

    As in recommend, they only sharpen a likeness that exists; a studio counts
    when one of the seed's is in the film's (co-productions name several).
    """
    studio = "".join("instr(f.studio, ?) > 0 OR " for _ in seed.studios)
    sql = (
        f"CASE WHEN g.seed{n} THEN "
        f"(CASE WHEN {studio}f.republic = ? THEN {max(SAME_STUDIO, SAME_REPUBLIC)} ELSE 0 END) "
        f"+ (CASE WHEN f.era = ? THEN {SAME_ERA} ELSE 0 END) ELSE 0 END"
    )
    return sql, [*seed.studios, seed.republic, seed.era]


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
