"""Pick films for a mood, a genre, a theme or "more like this", and say why.

The score, in the order a knowledgeable friend weighs it (weights in query.py):
- each asked-for mood counts by how central it is to the film (a film's
  moods are listed most defining first: 1.0, 0.9, 0.7, 0.5);
- "like" seeds add points for what a film shares with each: the director,
  writers, source authors, cinematographers, composers, designers and cast;
  the years its story depicts; a direct link; themes and moods; the studio,
  republic and era. Sequels, remakes and other adaptations of a seed are
  left out: they are another version, not a film like it;
- standing (standing.py: critics' polls, audience votes and box office,
  prizes weighed by where they were won) lifts the classic among equals, by
  at most STANDING_WEIGHT, never past a film the mood defines more;
- --for-me adds the user's taste (query.Taste): films sharing the people,
  moods and themes of films rated well rise, of films rated 2 or less sink;
- --beginner keeps only films judged an easy way in (the `accessible` flag in
  data/, with its reason), and lifts the beginner path's own steps.
Hard filters (genre, theme, era, perspective, kind, decade, studio, republic,
canon, person, runtime, free, watched) remove films before scoring. A top ten
holds at most two films by one director, and at most three made outside the
USSR unless --perspective asks for them: this is a guide to Soviet cinema.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from . import catalogue
from .labels import award_short, setting_years
from .models import Film, Recommendation
from .query import (
    CONNECTED,
    MOOD_POSITION_WEIGHT,
    NON_SOVIET_IN_TOP,
    PER_DIRECTOR,
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
    TASTE_CAST,
    TASTE_CREW,
    TASTE_DIRECTOR,
    TASTE_MOODS,
    TASTE_PEOPLE_CAP,
    TASTE_THEMES,
    TOP,
    Query,
    Taste,
)
from .standing import best_place

PICK_POOL = 20
BEGINNER_STEP = 0.5  # a step of the beginner path, under --beginner
SETTLE_BATCH = 100  # films read whole at first when SQL ranks the query; each batch doubles
SETTLE_FIRST = 1000  # films SQL ranks at first; almost every answer settles well within them


def recommend(query: Query) -> list[Recommendation]:
    from .shortlist import scored_in_sql

    if scored_in_sql(query):
        return _settled(query)
    beginner_steps = _beginner_steps() if query.beginner else set()
    scored = [
        rec
        for film in _candidates(query)
        if query.admits(film) and (rec := _scored(film, query, beginner_steps)) is not None
    ]
    scored.sort(key=_order)
    return _diversify(scored, query)[: query.limit]


def _order(rec: Recommendation) -> tuple:
    return (-round(rec.score, 6), rec.film.year, rec.film.id)


def _scored(film: Film, query: Query, beginner_steps: set[str]) -> Recommendation | None:
    """film's whole score and reasons, or None when a --like query finds nothing alike."""
    score, reasons = _score(film, query)
    if query.like and score <= 0:
        return None
    if query.taste:
        points, why = _taste_points(film, query.taste, asked=set(query.moods))
        score += points
        reasons += why
    if film.id in beginner_steps:
        score += BEGINNER_STEP
        reasons.append("a step of the beginner path")
    if query.beginner and film.accessible:
        reasons.append("an easy way in: " + film.accessible["why"])
    if query.free and film.free_to_watch:
        reasons.append(f"free: {next(link['channel'] for link in film.free if link.get('named'))}")
    reasons += _standing_reasons(film)
    return Recommendation(film, score + STANDING_WEIGHT * film.standing, list(dict.fromkeys(reasons)))


def _settled(query: Query) -> list[Recommendation]:
    """recommend for a query whose whole score SQL sees: films read whole only until the answer is settled.

    SQL ranks every film past the filters by the same score and in the same
    order (shortlist.ranked). Films are read in that order, a batch at a
    time; once the answer's first places come from films ranked before any
    film not yet read, they cannot change, and reading stops. On 100,000
    films a mood reads a few hundred.
    """
    from .shortlist import ranked

    order = ranked(query, SETTLE_FIRST)
    whole = len(order) < SETTLE_FIRST
    scored: list[Recommendation] = []
    read, batch = 0, SETTLE_BATCH
    while True:
        if not whole and read + batch >= len(order):
            # The first SETTLE_FIRST did not settle it (rare: a filter that admits few of them): take the rest.
            order, whole = ranked(query), True
        chunk = [film_id for film_id, _, _ in order[read : read + batch]]
        read, batch = read + len(chunk), batch * 2
        for film in catalogue.films_by_id(chunk).values():
            if query.admits(film) and (rec := _scored(film, query, set())) is not None:
                scored.append(rec)
        scored.sort(key=_order)
        if read >= len(order):
            return _diversify(scored, query)[: query.limit]
        # Every film not yet read comes after the next one in SQL's order, which is recommend's
        # own (score to six places, then year and id): the films read before it are settled.
        film_id, score, year = order[read]
        sure = [rec for rec in scored if _order(rec) < (-score, year, film_id)]
        answer, picks = _diversified(sure, query)
        # A full top ten settles the whole answer so far (the rest follows in score order);
        # otherwise only its picks are settled, since a film unread may be the next pick.
        if (len(answer) if picks == TOP else picks) >= query.limit:
            return answer[: query.limit]


def _candidates(query: Query) -> list[Film]:
    """Films worth scoring, chosen and filtered in SQL (see shortlist.py)."""
    from .shortlist import candidate_ids

    return list(catalogue.films_by_id(candidate_ids(query)).values())


def _score(film: Film, query: Query) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    for mood in query.moods:
        position = film.moods.index(mood)
        score += MOOD_POSITION_WEIGHT[min(position, 3)]
        reasons.append(mood if position == 0 else f"{mood} (in part)")
    for genre in query.filters.genres:
        reasons.append(genre.replace("-", " "))
    for theme in query.themes:
        reasons.append(f"{theme} theme")
    said: set[str] = set()
    for seed in query.like:
        points, why = likeness(film, seed, name_seed=len(query.like) > 1)
        score += points
        # With several seeds, say each shared thing once: "themes: wwii" twice says nothing new.
        reasons += [reason for reason in why if reason not in said]
        said.update(why)
    if not query.moods and not query.like and not query.taste:
        score += 1.0  # only filters given: rank by standing alone
    return score, list(dict.fromkeys(reasons))


def likeness(film: Film, seed: Film, name_seed: bool = False) -> tuple[float, list[str]]:
    """How much film is like seed, and the reasons, strongest first.

    With several seeds, each shared mood, theme and person says whose it is.
    """
    of = f" of {seed.title}" if name_seed else ""
    found: list[tuple[float, str]] = []
    directors = [name for name in film.directors if name in seed.directors]
    if directors:
        found.append((SAME_DIRECTOR, f"same director as {seed.title}"))
    crew = sorted((film.people - set(film.directors) - set(film.cast)) & (seed.people - set(seed.cast)))
    if crew:
        found.append(
            (
                SHARED_PERSON * min(len(crew), 3),
                (f"made with {seed.title}'s " if name_seed else "also by ") + ", ".join(crew[:2]),
            )
        )
    cast = sorted(set(film.cast) & set(seed.cast))[:3]
    if cast:
        found.append((SHARED_CAST * len(cast), f"cast{of}: " + ", ".join(cast[:2])))
    overlap = _setting_overlap(film, seed)
    if overlap:
        found.append((SAME_SETTING * overlap, f"set in {setting_years(film.setting)}, as {seed.title} is"))
    linked = {c.get("film") for c in film.connections} | {c.get("film") for c in seed.connections}
    if seed.id in linked or film.id in linked:
        found.append((CONNECTED, f"linked to {seed.title}"))
    themes = [theme for theme in film.themes if theme in seed.themes]
    if themes:
        found.append((SHARED_THEME * len(themes), f"themes{of}: " + ", ".join(themes)))
    moods = [mood for mood in seed.moods if mood in film.moods]
    if moods:
        weight = sum(SHARED_MOOD[min(seed.moods.index(mood), 3)] for mood in moods)
        found.append((weight, f"moods{of}: " + ", ".join(moods)))
    points = sum(value for value, _ in found)
    # Studio, republic and era only sharpen a likeness that already exists;
    # alone they would pull in every Mosfilm film of the decade.
    if points:
        if film.studio and set(film.studios) & set(seed.studios):
            points += SAME_STUDIO
        elif film.republic and film.republic == seed.republic:
            points += SAME_REPUBLIC
        if film.era == seed.era:
            points += SAME_ERA
    found.sort(key=lambda item: -item[0])
    return points, [reason for _, reason in found]


def _setting_overlap(film: Film, seed: Film) -> float:
    """The share of years the two settings have in common (of all the years either depicts)."""
    if not film.setting or not seed.setting:
        return 0.0
    common = min(film.setting["to"], seed.setting["to"]) - max(film.setting["from"], seed.setting["from"]) + 1
    either = max(film.setting["to"], seed.setting["to"]) - min(film.setting["from"], seed.setting["from"]) + 1
    return max(0, common) / either


def _standing_reasons(film: Film) -> list[str]:
    """The canon place a friend would cite, then the prize, then the box office."""
    reasons = []
    place = best_place(film)
    if place:
        reasons.append(place)
    reasons += _award_reason(film) + _popularity_reason(film)
    return reasons


def _award_reason(film: Film) -> list[str]:
    from .standing import prize_weight

    won = [award for award in film.awards if award["result"] == "won"]
    if not won:
        return []
    return [award_short(max(won, key=lambda award: (prize_weight(award), -award["year"])))]


def _popularity_reason(film: Film) -> list[str]:
    return [f"Soviet box office: {film.admissions:g} million tickets"] if film.admissions else []


def _diversify(ranked: list[Recommendation], query: Query) -> list[Recommendation]:
    return _diversified(ranked, query)[0]


def _diversified(ranked: list[Recommendation], query: Query) -> tuple[list[Recommendation], int]:
    """A top ten of at most PER_DIRECTOR films a director and NON_SOVIET_IN_TOP films made outside the USSR.

    The second cap holds unless --perspective asks for those films. A film
    held back keeps its place in score order after the top ten, so a
    director's third-best film is the eleventh pick, not the last.
    """
    per_director: Counter[str] = Counter()
    non_soviet = 0
    cap_non_soviet = query.filters.perspective is None
    top: list[Recommendation] = []
    for rec in ranked:
        if len(top) == TOP:
            break
        if any(per_director[d] >= PER_DIRECTOR for d in rec.film.directors):
            continue
        foreign = rec.film.perspective != "soviet"
        if cap_non_soviet and foreign and non_soviet >= NON_SOVIET_IN_TOP:
            continue
        per_director.update(rec.film.directors)
        non_soviet += foreign
        top.append(rec)
    chosen = {id(rec) for rec in top}
    return top + [rec for rec in ranked if id(rec) not in chosen], len(top)


def _beginner_steps() -> set[str]:
    return {row[0] for row in catalogue.query("SELECT film_id FROM path_steps WHERE path_id = 'beginner'")}


def _taste_points(film: Film, taste: Taste, asked: set[str] = frozenset()) -> tuple[float, list[str]]:
    people = 0.0
    named: list[tuple[float, str]] = []
    for name in sorted(film.people):
        role = TASTE_DIRECTOR if name in film.directors else TASTE_CAST if name in film.cast else TASTE_CREW
        weight = taste.people.get(name, 0.0) * role
        people += weight
        teacher = taste.teachers.get(f"people:{name}")
        if weight > 0 and teacher:
            named.append((weight, f"{name}, as in {teacher}, which you rated highly"))
        elif weight < 0 and teacher:
            named.append((-weight, f"{name}, as in {teacher}, which you rated low"))
    points = max(-TASTE_PEOPLE_CAP, min(TASTE_PEOPLE_CAP, people))
    for position, mood in enumerate(film.moods):
        if mood in asked:
            continue
        weight = taste.moods.get(mood, 0.0) * TASTE_MOODS * MOOD_POSITION_WEIGHT[min(position, 3)]
        points += weight
        if weight > 0:
            named.append((weight, f"you like {mood} films"))
    for theme in film.themes:
        weight = taste.themes.get(theme, 0.0) * TASTE_THEMES
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


__all__ = ["Query", "Taste", "likeness", "pick", "recommend"]
