"""Pick films for a mood, a theme or "more like this", and say why.

Scoring, in the order a friend would weigh it:
- each asked-for mood counts by how central it is to the film (a film's
  moods are listed most defining first);
- "like" seeds add points for a shared director (most), a direct
  connection, shared themes, shared moods, shared cast and the same era;
- renown (prizes, critics' canons, watch-path steps, films that point to
  it, and Soviet box-office admissions for the big popular hits) adds a
  bonus that rises fast and then levels off: it settles near ties toward
  the classic a friend would name first, never outweighing the mood asked for.
- --beginner adds points for an easy way in: a step on the beginner path,
  a watchable length, a lighter mood, renown;
- --for-me adds points for the moods, themes and directors of films the
  user rated well (and takes them away for those rated badly).
Hard filters (theme, era, perspective, kind, decade, studio, republic,
canon, runtime, free, watched) remove films before scoring. The top ten
holds at most two films by one director, unless that director is what the
query is about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from . import catalogue
from .filters import Filters
from .models import Film, Recommendation

MOOD_POSITION_WEIGHT = (1.0, 0.85, 0.7, 0.55)
SAME_DIRECTOR = 3.0
CONNECTED = 2.0
SHARED_THEME = 0.8
SHARED_MOOD = 0.6
SHARED_CAST = 0.5
SAME_ERA = 0.3
RENOWN_WEIGHT = 0.7
PER_DIRECTOR = 2
TOP = 10  # the diversity rule holds for a top ten
BEGINNER_WEIGHT = 1.5
EASY_MOODS = {"funny", "uplifting", "thrilling", "romantic", "whimsical", "epic"}
HARD_MOODS = {"meditative", "surreal", "bleak"}
TASTE_WEIGHT = 0.6
PICK_POOL = 20


@dataclass(frozen=True)
class Taste:
    """What a user's ratings say they like: weights per mood, theme and director.

    A rating of 3 is neutral; 5 adds +2 to each of the film's moods, themes
    and directors, 1 adds -2. Names keep the films that taught them, for reasons.
    """

    moods: dict[str, float]
    themes: dict[str, float]
    directors: dict[str, float]
    teachers: dict[str, str]  # "director:Name" -> the best-rated film that taught it

    @classmethod
    def from_ratings(cls, rated: list[tuple[Film, float]]) -> Taste:
        moods: Counter[str] = Counter()
        themes: Counter[str] = Counter()
        directors: Counter[str] = Counter()
        teachers: dict[str, tuple[float, str]] = {}
        for film, rating in rated:
            weight = rating - 3.0
            for position, mood in enumerate(film.moods):
                moods[mood] += weight * MOOD_POSITION_WEIGHT[min(position, 3)]
            for theme in film.themes:
                themes[theme] += weight
            for name in film.directors:
                directors[name] += weight
            for key in [f"mood:{m}" for m in film.moods] + [f"theme:{t}" for t in film.themes] + [
                f"director:{d}" for d in film.directors
            ]:
                if weight > 0 and (key not in teachers or (rating, film.title) > teachers[key]):
                    teachers[key] = (rating, film.title)
        scale = max(1, len(rated))
        return cls(
            {k: v / scale for k, v in moods.items()},
            {k: v / scale for k, v in themes.items()},
            {k: v / scale for k, v in directors.items()},
            {key: title for key, (_, title) in teachers.items()},
        )


@dataclass(frozen=True)
class Query:
    moods: tuple[str, ...] = ()
    like: tuple[Film, ...] = ()
    themes: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    max_runtime: int | None = None
    beginner: bool = False
    free: bool = False
    taste: Taste | None = None
    exclude: frozenset[str] = field(default_factory=frozenset)
    limit: int = 10

    def admits(self, film: Film) -> bool:
        if film.id in self.exclude or any(film.id == seed.id for seed in self.like):
            return False
        if film.lost or film.outside_scope:  # nobody can watch it tonight; or not what this tool is for
            return False
        if any(mood not in film.moods for mood in self.moods):
            return False
        if any(theme not in film.themes for theme in self.themes):
            return False
        if not self.filters.admit(film):
            return False
        if self.free and not film.free_to_watch:
            return False
        return self.max_runtime is None or (
            film.runtime_min is not None and film.runtime_min <= self.max_runtime
        )


def recommend(query: Query) -> list[Recommendation]:
    films = [film for film in _candidates(query) if query.admits(film)]
    renown = catalogue.prominence(film.id for film in films)
    beginner_steps = _beginner_steps() if query.beginner else set()
    scored = []
    for film in films:
        score, reasons = _score(film, query)
        if query.like and score <= 0:
            continue
        if query.taste:
            points, why = _taste_points(film, query.taste)
            score += points
            reasons += why
        if query.beginner:
            ease = _ease(film, beginner_steps, renown.get(film.id, 0))
            score += BEGINNER_WEIGHT * ease
            if ease >= 0.5:
                reasons.append("an easy way in")
        if query.free and film.free_to_watch:
            reasons.append(f"free: {next(link['channel'] for link in film.free if link.get('named'))}")
        renown_points = renown_bonus(renown.get(film.id, 0))
        reasons += _award_reason(film) + _popularity_reason(film)
        scored.append(Recommendation(film, score + renown_points, list(dict.fromkeys(reasons))))
    scored.sort(key=lambda rec: (-round(rec.score, 6), rec.film.year, rec.film.id))
    return _diversify(scored, query)[: query.limit]


def renown_bonus(renown: int) -> float:
    """Points for renown: the most decorated films stay ahead of the merely
    decorated without ever outweighing the asked-for mood."""
    return RENOWN_WEIGHT * catalogue.renown_share(renown)


def _candidates(query: Query) -> list[Film]:
    """Films worth scoring, chosen and filtered in SQL (see shortlist.py)."""
    from .shortlist import candidate_ids

    return list(catalogue.films_by_id(candidate_ids(query)).values())


def _score(film: Film, query: Query) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    for mood in query.moods:
        position = film.moods.index(mood)
        score += MOOD_POSITION_WEIGHT[min(position, 3)]
        reasons.append(mood)
    for theme in query.themes:
        reasons.append(f"{theme} theme")
    for seed in query.like:
        points, why = _likeness(film, seed)
        score += points
        reasons += why
    if not query.moods and not query.like and not query.taste:
        score += 1.0  # only filters given: rank by renown alone
    return score, list(dict.fromkeys(reasons))


def _likeness(film: Film, seed: Film) -> tuple[float, list[str]]:
    points, reasons = 0.0, []
    shared_directors = [name for name in film.directors if name in seed.directors]
    if shared_directors:
        points += SAME_DIRECTOR
        reasons.append(f"same director as {seed.title}")
    linked = {c.get("film") for c in film.connections} | {c.get("film") for c in seed.connections}
    if seed.id in linked or film.id in linked:
        points += CONNECTED
        reasons.append(f"linked to {seed.title}")
    themes = [theme for theme in film.themes if theme in seed.themes]
    if themes:
        points += SHARED_THEME * len(themes)
        reasons.append("themes: " + ", ".join(themes))
    moods = [mood for mood in film.moods if mood in seed.moods]
    if moods:
        points += SHARED_MOOD * len(moods)
        reasons.append("moods: " + ", ".join(moods))
    cast = [name for name in film.cast if name in seed.cast][:2]
    if cast:
        points += SHARED_CAST * len(cast)
        reasons.append("cast: " + ", ".join(cast))
    # Era only sharpens a match that already exists; alone it would pull in
    # every film of the same decade.
    if points and film.era == seed.era:
        points += SAME_ERA
    return points, reasons


SHORT_BODY = {
    "Academy Awards": "Oscars",
    "Golden Globe Awards": "Golden Globes",
    "All-Union Film Festival": "All-Union festival",
}


def award_label(award: dict) -> str:
    """ "Palme d'Or, Cannes 1958": the prize, where it was given, and when."""
    body = SHORT_BODY.get(award["body"]) or award["body"].replace(" International", "").replace(" Film Festival", "")
    name = award.get("award") or ""
    return f"{name}, {body} {award['year']}" if name else f"{body} {award['year']}"


def _award_reason(film: Film) -> list[str]:
    for award in film.awards:
        if award["result"] == "won":
            return [award_label(award)]
    return []


def _popularity_reason(film: Film) -> list[str]:
    return [f"Soviet box office: {film.admissions:g} million tickets"] if film.admissions else []


def _diversify(ranked: list[Recommendation], query: Query) -> list[Recommendation]:
    """At most PER_DIRECTOR films a director in the top ten, seeds' directors aside.

    A film held back from the top ten keeps its place in score order after it,
    so a director's third-best film is the eleventh pick, not the last.
    """
    asked_for = {name for seed in query.like for name in seed.directors}
    per_director: Counter[str] = Counter()
    top: list[Recommendation] = []
    for rec in ranked:
        if len(top) == TOP:
            break
        if any(d not in asked_for and per_director[d] >= PER_DIRECTOR for d in rec.film.directors):
            continue
        per_director.update(rec.film.directors)
        top.append(rec)
    chosen = {id(rec) for rec in top}
    return top + [rec for rec in ranked if id(rec) not in chosen]


def _beginner_steps() -> set[str]:
    return {row[0] for row in catalogue.query("SELECT film_id FROM path_steps WHERE path_id = 'beginner'")}


def _ease(film: Film, beginner_steps: set[str], renown: int) -> float:
    """How easy a way into Soviet cinema the film is, from 0 to about 1."""
    ease = 0.5 if film.id in beginner_steps else 0.0
    if film.runtime_min and film.runtime_min <= 120:
        ease += 0.2
    elif film.runtime_min and film.runtime_min > 180:
        ease -= 0.3
    if set(film.moods[:2]) & EASY_MOODS:
        ease += 0.15
    if film.moods and film.moods[0] in HARD_MOODS:
        ease -= 0.25
    ease += catalogue.renown_share(renown) * 0.15
    return ease


def _taste_points(film: Film, taste: Taste) -> tuple[float, list[str]]:
    points = 0.0
    named: list[tuple[float, str]] = []
    for name in film.directors:
        weight = taste.directors.get(name, 0.0)
        points += weight
        if weight > 0 and f"director:{name}" in taste.teachers:
            named.append((weight, f"you rated {taste.teachers['director:' + name]} highly"))
    for mood in film.moods:
        weight = taste.moods.get(mood, 0.0) * TASTE_WEIGHT
        points += weight
        if weight > 0:
            named.append((weight, f"you like {mood} films"))
    for theme in film.themes:
        weight = taste.themes.get(theme, 0.0) * TASTE_WEIGHT
        points += weight
        if weight > 0:
            named.append((weight, f"you like the {theme} theme"))
    named.sort(key=lambda item: -item[0])
    return points, [reason for _, reason in named[:2]]


def pick(query: Query, seed: int | None = None) -> Recommendation | None:
    """One film for tonight: a random choice among the best PICK_POOL for the query.

    The same seed and query give the same film; no seed, a different one each time.
    """
    import random

    pool = recommend(replace(query, limit=PICK_POOL))
    if not pool:
        return None
    chooser = random.Random(seed) if seed is not None else random.SystemRandom()
    return chooser.choice(pool)
